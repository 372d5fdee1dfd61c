// `npm run bench:engine`: decisions per second of the compiled evaluator against json-rules-engine
// (the reference interpreter) on the same rule files and the same facts (each policy's auditor-suite
// cases), one process, warm. Short slices of each path alternate many times and the ratio is taken
// per pair, so a busy machine slows both sides of a pair alike; the table shows the median pair.
import os from 'node:os';
import {
  type EvaluationRequest,
  evaluate,
  evaluateCompiled,
  evaluateReference,
} from '../src/domain/evaluate.js';
import type { Ruleset } from '../src/domain/types.js';
import { type FleetEntry, fleet, fleetSize, MAX_FLEET, prng, REGISTER_FLEET_ALPHA } from './fleets.js';
import { fmt, loadRules, median, quartiles, table } from './support.js';

const PAIRS = Number(process.env.PAIRS ?? 15);
const SLICE_MS = Number(process.env.SLICE_MS ?? 25);
const WARM_MS = 150;
const TODAY = '2026-11-23';
/** Comma-separated policy ids to bench (default: every policy). */
const ONLY = process.env.POLICIES?.split(',');
const QUOTA = 'albo.quota';

type Evaluate = (ruleset: Ruleset, request: EvaluationRequest) => unknown;

/**
 * A case's facts as the API hands them to the engine: parsed from JSON. The suites are YAML, and the
 * YAML parser gives every string of a file holding a character beyond Latin-1 (the suites' en dashes)
 * as a two-byte, non-internalised string, which no request body yields (JSON.parse makes ASCII strings
 * one-byte and internalises short ones). Comparing such a string with a rule file's one-byte literal
 * (`kind === "vehicle"`) takes the slow path; both sides are measured on the same objects either way.
 */
const asReceived = (facts: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(facts)) as Record<string, unknown>;
let sink = 0;

/** Decisions per second over about `ms`, cycling through `requests`. */
async function rate(ruleset: Ruleset, requests: EvaluationRequest[], run: Evaluate, ms: number) {
  let done = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (const request of requests) {
      // Await only promises, as a bulk caller would: a compiled answer is the value itself.
      const pending = run(ruleset, request);
      const result = (pending instanceof Promise ? await pending : pending) as { ok: boolean } | null;
      if (result?.ok) sink++;
    }
    done += requests.length;
    now = performance.now();
  }
  return (done * 1000) / (now - start);
}

/** Median ratios over alternating pairs of slices: evaluate() and the sync path, each against the reference. */
async function compare(ruleset: Ruleset, requests: EvaluationRequest[]) {
  await rate(ruleset, requests, evaluate, WARM_MS);
  await rate(ruleset, requests, evaluateReference, WARM_MS);
  await rate(ruleset, requests, evaluateCompiled, WARM_MS);
  const viaEvaluate: number[] = [];
  const sync: number[] = [];
  const reference: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    // Alternate the order so that a trend in the machine's load favours neither side.
    const first = pair % 2 === 0;
    const r0 = first ? await rate(ruleset, requests, evaluateReference, SLICE_MS) : 0;
    viaEvaluate.push(await rate(ruleset, requests, evaluate, SLICE_MS));
    sync.push(await rate(ruleset, requests, evaluateCompiled, SLICE_MS));
    reference.push(first ? r0 : await rate(ruleset, requests, evaluateReference, SLICE_MS));
  }
  const pairRatios = viaEvaluate.map((c, i) => c / (reference[i] as number));
  return {
    evaluate: median(viaEvaluate),
    sync: median(sync),
    reference: median(reference),
    ratio: median(pairRatios),
    spread: quartiles(pairRatios),
    syncRatio: median(sync.map((c, i) => c / (reference[i] as number))),
  };
}

const loaded = await loadRules();
const { ruleset } = loaded;
const startedAt = performance.now();
const rows: string[][] = [];
const ratios: number[] = [];
for (const id of [...ruleset.policies.keys()].sort().filter((p) => !ONLY || ONLY.includes(p))) {
  const requests: EvaluationRequest[] = loaded.suites
    .filter((s) => s.policy === id)
    .flatMap((s) => s.cases)
    .map((c) => ({ policy: id, facts: asReceived(c.facts), ...(c.at ? { at: c.at } : {}), today: TODAY }));
  // The compiled path must answer these itself: a fallback to the reference would be measured as compiled.
  const fallbacks = requests.filter((r) => evaluateCompiled(ruleset, r) === null).length;
  const m = await compare(ruleset, requests);
  ratios.push(m.ratio);
  rows.push([
    id,
    String(requests.length),
    fmt(m.evaluate),
    fmt(m.sync),
    fmt(m.reference),
    `${fmt(m.ratio, 1)}×`,
    `${fmt(m.spread[0], 1)}–${fmt(m.spread[1], 1)}×`,
    `${fmt(m.syncRatio, 1)}×`,
    String(fallbacks),
  ]);
}

// Context for albo.quota, whose cost grows with the fleet (the reference's barely does): the same
// comparison on synthetic fleets (bench/fleets.ts) of a given size, and on companies drawn with the
// register's skew, as bench/fee-batch.ts draws them. The table above stays the target's measure.
const bySize: string[][] = [];
if (!ONLY || ONLY.includes(QUOTA)) {
  const random = prng(2017);
  const quota = (fleets: FleetEntry[][]): EvaluationRequest[] =>
    fleets.map((f) => ({ policy: QUOTA, facts: { year: 2017, fleet: f }, at: '2017-01-15', today: TODAY }));
  const groups: Array<[string, FleetEntry[][]]> = [1, 3, 5, 10, 27, 100, 300].map((size) => [
    `${size} vehicle${size === 1 ? '' : 's'}`,
    Array.from({ length: 20 }, () => fleet(random, size)),
  ]);
  const mix = Array.from({ length: 200 }, () =>
    fleet(random, fleetSize(random, REGISTER_FLEET_ALPHA, MAX_FLEET)),
  );
  const mean = mix.reduce((n, f) => n + f.length, 0) / mix.length;
  groups.push([`register mix (200 companies, mean ${fmt(mean, 1)} vehicles)`, mix]);
  for (const [label, fleets] of groups) {
    const requests = quota(fleets);
    if (requests.some((r) => evaluateCompiled(ruleset, r) === null))
      throw new Error(`a fallback in ${label}`);
    const m = await compare(ruleset, requests);
    bySize.push([label, fmt(m.evaluate), fmt(m.reference), `${fmt(m.ratio, 1)}×`, `${fmt(m.syncRatio, 1)}×`]);
  }
}

console.log(
  `bench:engine — node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}; ` +
    `${PAIRS} alternating pairs of ${SLICE_MS} ms slices per policy, after ${WARM_MS} ms warm-up per path`,
);
console.log(
  table(
    [
      'policy',
      'cases',
      'evaluate() dec/s',
      'sync compiled dec/s',
      'json-rules-engine dec/s',
      'ratio (evaluate)',
      'middle half of the pairs',
      'ratio (sync)',
      'fallbacks',
    ],
    rows,
  ),
);
const worst = Math.min(...ratios);
console.log(
  `\nratio = median over pairs of compiled ÷ json-rules-engine decisions/s, and the range of the middle half of the pairs' ratios ` +
    `(how much this machine moved them); evaluate() is the API (the decision itself when compiled, ` +
    `a promise when json-rules-engine answers; awaited only then, as a bulk caller would), sync is evaluateCompiled().\nlowest evaluate() ratio ${fmt(worst, 1)}× (target ≥ 50× on every policy: ` +
    `${worst >= 50 ? 'met' : 'NOT met'})`,
);
if (bySize.length > 0) {
  console.log(
    `\n${QUOTA} by fleet size (synthetic fleets, bench/fleets.ts; context, not the target's measure)`,
  );
  console.log(
    table(
      ['fleets', 'evaluate() dec/s', 'json-rules-engine dec/s', 'ratio (evaluate)', 'ratio (sync)'],
      bySize,
    ),
  );
}
console.log(`\n${fmt((performance.now() - startedAt) / 1000, 1)} s; checksum ${sink}`);
