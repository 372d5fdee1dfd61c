// `npm test` runs `biome check .` (`npm run lint:code`) with biome.json. This proves the code lint
// can fail: a file written into a throwaway folder of the tree biome checks is refused, each finding
// on its own, with the rule named. The folder is removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const biome = join(repo, 'node_modules', '.bin', 'biome');

function check(source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(repo, 'test', 'code-lint-'));
  try {
    writeFileSync(join(dir, 'linted.ts'), source);
    const run = spawnSync(biome, ['check', '--colors=off', relative(repo, dir)], {
      cwd: repo,
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('code lint', () => {
  it('passes clean code', () => {
    expect(check('export const answer = (n: number): number => n + 1;\n').status).toBe(0);
  });

  it('fails on an unused import', () => {
    const { status, output } = check(
      "import { join } from 'node:path';\n\nexport const answer = (n: number): number => n + 1;\n",
    );
    expect(status).not.toBe(0);
    expect(output).toContain('lint/correctness/noUnusedImports');
  });

  it('fails on a non-null assertion', () => {
    const { status, output } = check('export const first = (items: number[]): number => items[0]!;\n');
    expect(status).not.toBe(0);
    expect(output).toContain('lint/style/noNonNullAssertion');
  });
});
