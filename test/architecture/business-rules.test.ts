// Behaviour belongs to the aggregate in src/application; a repository adapter only loads,
// compares-and-swaps and stores. This fails when a transition or aggregate module comes back under
// src/adapters, or when a repository adapter stops importing its aggregate's transitions from
// src/application (it would then hold its own copy of them); the planted trees prove it bites.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A port whose aggregate has behaviour → the application module its adapters must apply. */
const TRANSITIONS: Record<string, RegExp> = {
  AlboAccountRepository: /application\/albo\/account-transitions\.js/,
  PaymentRepository: /application\/payments\/payment-transitions\.js/,
  CnsApplicationRepository: /application\/cns\/application-transitions\.js/,
  AppointmentAgenda: /application\/cns\/slot-transitions\.js/,
  OutboxStore: /application\/mail\/outbox-transitions\.js/,
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

function businessRulesInAdapters(root: string): string[] {
  const adapters = join(root, 'src', 'adapters');
  const found: string[] = [];
  for (const file of filesUnder(adapters)) {
    const path = relative(root, file);
    if (/transition|aggregate/i.test(relative(adapters, file)))
      found.push(`${path}: a transition or aggregate module under src/adapters`);
    const text = readFileSync(file, 'utf8');
    for (const [port, module] of Object.entries(TRANSITIONS))
      if (new RegExp(`implements[^{]*\\b${port}\\b`).test(text) && !module.test(text))
        found.push(`${path}: implements ${port} without importing its transitions from src/application`);
  }
  return found;
}

function planted(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'business-rules-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('business rules stay in src/application', () => {
  it('no transition lives under src/adapters, and every repository applies the application’s', () => {
    expect(businessRulesInAdapters(repo)).toEqual([]);
  });

  it('refuses a transitions module planted under src/adapters', () => {
    const root = planted({ 'src/adapters/aggregates/payment-transitions.ts': 'export const paid = 1;\n' });
    expect(businessRulesInAdapters(root)).toEqual([
      'src/adapters/aggregates/payment-transitions.ts: a transition or aggregate module under src/adapters',
    ]);
  });

  it('refuses a repository that writes its own transition instead of importing it', () => {
    const root = planted({
      'src/adapters/memory/memory-payments.ts':
        'export class MemoryPayments implements PaymentRepository {\n  markPaid(p) { return { ...p, status: "paid" }; }\n}\n',
      'src/adapters/memory/memory-outbox.ts':
        "import { sent } from '../../application/mail/outbox-transitions.js';\nexport class MemoryOutbox implements OutboxStore {}\n",
    });
    expect(businessRulesInAdapters(root)).toEqual([
      'src/adapters/memory/memory-payments.ts: implements PaymentRepository without importing its transitions from src/application',
    ]);
  });
});
