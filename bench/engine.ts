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
import { fmt, loadRules, median, table } from './support.js';

const PAIRS = Number(process.env.PAIRS ?? 15);
const SLICE_MS = Number(process.env.SLICE_MS ?? 25);
const WARM_MS = 150;
const TODAY = '2026-11-23';
/** Comma-separated policy ids to bench (default: every policy). */
const ONLY = process.env.POLICIES?.split(',');

type Evaluate = (ruleset: Ruleset, request: EvaluationRequest) => unknown;
let sink = 0;

/** Decisions per second over about `ms`, cycling through `requests`. */
async function rate(ruleset: Ruleset, requests: EvaluationRequest[], run: Evaluate, ms: number) {
  let done = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (const request of requests) {
      // Await only promises: the synchronous path is measured without a microtask per decision.
      const pending = run(ruleset, request);
      const result = (pending instanceof Promise ? await pending : pending) as { ok: boolean } | null;
      if (result?.ok) sink++;
    }
    done += requests.length;
    now = performance.now();
  }
  return (done * 1000) / (now - start);
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
    .map((c) => ({ policy: id, facts: c.facts, ...(c.at ? { at: c.at } : {}), today: TODAY }));
  // The compiled path must answer these itself: a fallback to the reference would be measured as compiled.
  const fallbacks = requests.filter((r) => evaluateCompiled(ruleset, r) === null).length;
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
  const ratio = median(viaEvaluate.map((c, i) => c / (reference[i] as number)));
  const syncRatio = median(sync.map((c, i) => c / (reference[i] as number)));
  ratios.push(ratio);
  rows.push([
    id,
    String(requests.length),
    fmt(median(viaEvaluate)),
    fmt(median(sync)),
    fmt(median(reference)),
    `${fmt(ratio, 1)}×`,
    `${fmt(syncRatio, 1)}×`,
    String(fallbacks),
  ]);
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
      'ratio (sync)',
      'fallbacks',
    ],
    rows,
  ),
);
const worst = Math.min(...ratios);
console.log(
  `\nratio = median over pairs of compiled ÷ json-rules-engine decisions/s; evaluate() is the API (async), ` +
    `sync is evaluateCompiled().\nlowest evaluate() ratio ${fmt(worst, 1)}× (target ≥ 50× on every policy: ` +
    `${worst >= 50 ? 'met' : 'NOT met'}); ${fmt((performance.now() - startedAt) / 1000, 1)} s; checksum ${sink}`,
);
