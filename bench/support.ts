// Shared by the benchmarks: the real rules/ folder loaded as the service loads it, and small
// statistics helpers. Benchmarks print ratios measured in one run, never assert on time.
import { fileURLToPath } from 'node:url';
import { AjvSchemaValidator } from '../src/adapters/rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../src/adapters/rules/fs-rule-file-source.js';
import { type LoadedRuleset, loadRuleset } from '../src/application/rules/load-ruleset.js';

export const RULES_DIR = fileURLToPath(new URL('../rules', import.meta.url));

export async function loadRules(): Promise<LoadedRuleset> {
  const result = loadRuleset(await new FsRuleFileSource(RULES_DIR).readAll(), new AjvSchemaValidator());
  if (!result.ok) throw new Error(`rules/ does not load: ${result.issues.length} issue(s)`);
  return result.value;
}

/** The first and third quartiles (nearest rank): where the middle half of `values` lies. */
export function quartiles(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return [at(0.25), at(0.75)];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Formats with thin grouping so wide numbers stay readable in a terminal table. */
export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** An albo.quota decision of a three-vehicle fleet: the request bench:http and bench:cluster send. */
export const QUOTA_DECISION_BODY = JSON.stringify({
  at: '2017-01-15',
  facts: {
    year: 2017,
    fleet: [
      { plate: 'TO123AB', kind: 'vehicle', massKg: 18000, inFleetFrom: '2015-03-01' },
      { plate: 'TO456CD', kind: 'tractor', towableMassKg: 30000, inFleetFrom: '2016-02-01' },
      { plate: 'TO789EF', kind: 'vehicle', massKg: 3500, inFleetFrom: '2014-09-10' },
    ],
  },
});
