// The layer rule of README.md ("Layout") is enforced by dependency-cruiser in `npm test` (`npm run layers`).
// This proves the rule can fail: a throwaway tree that breaks it must be refused.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const depcruise = join(repo, 'node_modules', '.bin', 'depcruise');

function cruise(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  copyFileSync(join(repo, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowJs: true } }),
  );
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  try {
    return execFileSync(depcruise, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (e) {
    return String((e as { stdout?: string }).stdout);
  }
}

describe('layer rule', () => {
  it('refuses I/O and outer layers in the domain, and adapters in the application', () => {
    const out = cruise({
      'src/domain/types.ts': 'export const t = 1;\n',
      'src/domain/bad.ts':
        "import { readFileSync } from 'node:fs';\nimport { u } from '../application/use.js';\nimport { t } from './types.js';\nexport const b = [readFileSync, u, t];\n",
      'src/application/use.ts': "import { a } from '../adapters/db.js';\nexport const u = a;\n",
      'src/adapters/db.ts': 'export const a = 1;\n',
    });
    expect(out).toMatch(/domain-is-pure: src\/domain\/bad\.ts → fs/);
    expect(out).toMatch(/domain-is-pure: src\/domain\/bad\.ts → src\/application\/use\.ts/);
    expect(out).toMatch(
      /application-never-imports-adapters: src\/application\/use\.ts → src\/adapters\/db\.ts/,
    );
    expect(out).not.toMatch(/bad\.ts → src\/domain\/types\.ts/);
  });

  it('refuses an import between the two procedures, in either direction, and allows shared code', () => {
    const out = cruise({
      'src/application/shared.ts': 'export const s = 1;\n',
      'src/application/cns/use.ts': "import { s } from '../shared.js';\nexport const c = s;\n",
      'src/application/albo/use.ts':
        "import { c } from '../cns/use.js';\nimport { s } from '../shared.js';\nexport const a = [c, s];\n",
      'src/adapters/http/cns/routes.ts':
        "import { a } from '../../../application/albo/use.js';\nexport const r = a;\n",
    });
    expect(out).toMatch(
      /albo-never-imports-cns: src\/application\/albo\/use\.ts → src\/application\/cns\/use\.ts/,
    );
    expect(out).toMatch(
      /cns-never-imports-albo: src\/adapters\/http\/cns\/routes\.ts → src\/application\/albo\/use\.ts/,
    );
    expect(out).not.toMatch(/→ src\/application\/shared\.ts/);
  });
});
