// `npm run bench:peers`: decisions per second of this engine (compiled, through evaluate()) against
// the engines a team would pick instead, on the same three policies written natively for each
// (bench/peers/): GoRules zen-engine through its Node binding (a loaded decision reused, awaited one
// at a time and with 64 evaluations in flight), json-rules-engine (this engine's reference path)
// and Open Policy Agent's prepared query (rego.PrepareForEval, in a Go child process driven by
// bench/peers/opa-eval). First every engine must answer every auditor-suite case and 10,000
// generated cases alike; a difference stops the run with the case printed. Then, per policy, short
// slices of every engine alternate (the order rotating each round, as bench:engine does) and each
// ratio is the median over rounds of this engine's rate over the peer's in the same round, so a
// busy machine slows both sides of a ratio alike. `opa bench` on one case per policy is reported
// beside, as OPA's own tool measures it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ZenEngine } from '@gorules/zen-engine';
import { evaluate, evaluateReference } from '../../src/domain/evaluate.js';
import { fmt, median, quartiles, table } from '../support.js';
import { agreementCases, checkAgreement } from './agree.js';
import { type PeerCase, POLICIES, requestOf, ruleset, suiteCases } from './cases.js';
import { checkGenerated } from './generate.js';
import { ensureOpa, OPA_POLICY_DIR, OPA_QUERY, OPA_VERSION, OpaEval } from './opa.js';
import { loadZen, type ZenDecision } from './zen.js';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const SLICE_MS = Number(process.env.SLICE_MS ?? 50);
const WARM_MS = 300;
const GENERATED = Number(process.env.GENERATED ?? 10_000);
/** Comma-separated policy ids to time (default: the three); the agreement covers all three. */
const ONLY = process.env.POLICIES?.split(',');
const IN_FLIGHT = 64;
const run = promisify(execFile);
let sink = 0;

type Rate = (ms: number) => Promise<number>;

/** Cycles `requests` through a synchronous-or-promise call for about `ms`: decisions per second. */
const cycling =
  <T>(items: T[], call: (item: T) => unknown): Rate =>
  async (ms) => {
    let done = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (const item of items) {
        // Await only promises, as a bulk caller would: a compiled answer is the value itself.
        const pending = call(item);
        const result = pending instanceof Promise ? await pending : pending;
        if (result) sink++;
      }
      done += items.length;
      now = performance.now();
    }
    return (done * 1000) / (now - start);
  };

/** zen with `IN_FLIGHT` evaluations outstanding, a new one started as each settles. */
const inFlight =
  (decision: ZenDecision, cases: PeerCase[]): Rate =>
  async (ms) => {
    let done = 0;
    let next = 0;
    const start = performance.now();
    const worker = async () => {
      while (performance.now() - start < ms) {
        const c = cases[next++ % cases.length] as PeerCase;
        if ((await decision.evaluate(c.input)).result) sink++;
        done++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return (done * 1000) / (performance.now() - start);
  };

interface Engine {
  name: string;
  rate: Rate;
}

/** Median rates and, for each peer, the median over rounds of this engine's rate ÷ the peer's. */
async function compare(engines: Engine[]) {
  for (const e of engines) await e.rate(WARM_MS);
  const rates = engines.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so that no engine always runs first or last in a round.
    for (let k = 0; k < engines.length; k++) {
      const i = (k + round) % engines.length;
      rates[i]?.push(await (engines[i] as Engine).rate(SLICE_MS));
    }
  }
  const ours = rates[0] as number[];
  return engines.map((e, i) => {
    const ratios = ours.map((r, round) => r / ((rates[i] as number[])[round] as number));
    return {
      name: e.name,
      rate: median(rates[i] as number[]),
      ratio: median(ratios),
      spread: quartiles(ratios),
    };
  });
}

/** `opa bench` on one input: OPA's own measure of one evaluation of the query, in µs. */
async function opaBench(opa: string, query: string, input: unknown): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'opa-bench-'));
  try {
    const file = join(dir, 'input.json');
    await writeFile(file, JSON.stringify(input));
    const { stdout } = await run(
      opa,
      [
        'bench',
        '--optimize-store-for-read-speed',
        '--data',
        OPA_POLICY_DIR,
        '--input',
        file,
        '--format',
        'json',
        query,
      ],
      { maxBuffer: 16 << 20 },
    );
    const result = JSON.parse(stdout) as { N: number; T: number };
    return result.T / result.N / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const startedAt = performance.now();
checkGenerated();
const log = (line: string) => console.error(line);
const opaBinary = await ensureOpa(log);
const opa = await OpaEval.start(log);
const zen = loadZen();
const emptyGraph = new ZenEngine().createDecision({
  nodes: [
    { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
    { id: 'out', type: 'outputNode', name: 'Response', position: { x: 240, y: 0 } },
  ],
  edges: [{ id: 'e', type: 'edge', sourceId: 'in', targetId: 'out' }],
});
try {
  const cases = agreementCases(GENERATED);
  await checkAgreement(cases, { zen, opa });
  console.log(
    `agreement: ${fmt(cases.length)} cases (${fmt(cases.length - GENERATED)} auditor-suite cases of ${POLICIES.join(', ')} ` +
      `and ${fmt(GENERATED)} generated), identical outcome, violation codes and outputs on this engine (evaluate()), ` +
      `json-rules-engine, zen-engine and OPA`,
  );

  const rows: string[][] = [];
  const beside: string[][] = [];
  for (const policy of POLICIES.filter((p) => !ONLY || ONLY.includes(p))) {
    const suite = suiteCases(policy);
    const requests = suite.map(requestOf);
    const decision = zen.get(policy) as ZenDecision;
    await opa.load(
      policy,
      suite.map((c) => c.input),
    );
    const results = await compare([
      { name: 'this engine, evaluate()', rate: cycling(requests, (r) => evaluate(ruleset, r)) },
      { name: `zen-engine, ${IN_FLIGHT} in flight`, rate: inFlight(decision, suite) },
      { name: 'OPA prepared query (Go)', rate: (ms) => opa.rate(policy, ms) },
      { name: 'zen-engine, awaited one at a time', rate: cycling(suite, (c) => decision.evaluate(c.input)) },
      { name: 'json-rules-engine', rate: cycling(requests, (r) => evaluateReference(ruleset, r)) },
      // Context, not a target: zen's floor, the binding's round trip (the input to Rust and back,
      // a worker thread, a promise) through a graph that only passes the input to the output.
      {
        name: 'zen-engine, empty graph, awaited (floor)',
        rate: cycling(suite, (c) => emptyGraph.evaluate(c.input)),
      },
    ]);
    for (const r of results)
      rows.push([
        policy,
        r.name,
        fmt(r.rate),
        r === results[0] ? '' : `${fmt(r.ratio, 1)}×`,
        r === results[0] ? '' : `${fmt(r.spread[0], 1)}–${fmt(r.spread[1], 1)}×`,
      ]);
    const first = suite[0] as PeerCase;
    const micros = await opaBench(opaBinary, OPA_QUERY[policy] as string, first.input);
    // OPA's floor: the same input, a query that only reads it.
    const floor = await opaBench(opaBinary, 'input.at', first.input);
    const prepared = results.find((r) => r.name.startsWith('OPA'))?.rate ?? Number.NaN;
    beside.push([
      policy,
      first.label.replace(/^suite: /, ''),
      fmt(micros, 1),
      fmt(floor, 1),
      fmt(1e6 / prepared, 1),
    ]);
    const target = (name: string, want: number) => {
      const r = results.find((x) => x.name.startsWith(name));
      return r
        ? `${name} ${fmt(r.ratio, 1)}× (target ≥ ${want}×: ${r.ratio >= want ? 'met' : 'NOT met'})`
        : '';
    };
    console.error(`${policy}: ${target(`zen-engine, ${IN_FLIGHT}`, 50)}; ${target('OPA prepared', 100)}`);
  }

  console.log(
    `\nbench:peers — node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ` +
      `@gorules/zen-engine 0.54.0, OPA ${OPA_VERSION} (Go child process), json-rules-engine 7.3.1; ` +
      `${ROUNDS} rounds of ${SLICE_MS} ms slices per engine and policy, order rotating, after ${WARM_MS} ms warm-up each; ` +
      `inputs: each policy's auditor-suite cases, cycled`,
  );
  console.log(
    table(
      ['policy', 'engine', 'decisions/s (median)', 'this engine ÷ it', 'middle half of the rounds'],
      rows,
    ),
  );
  console.log(
    `\nratio = median over rounds of this engine's decisions/s ÷ the peer's in the same round. ` +
      `Targets: ≥ 50× zen-engine with ${IN_FLIGHT} in flight, ≥ 100× OPA's prepared query, on each policy.`,
  );
  console.log(`\n\`opa bench\` (OPA's own benchmark of the query, one input), beside:`);
  console.log(
    table(
      [
        'policy',
        'opa bench input (first suite case)',
        'opa bench µs/op',
        'opa bench of `input.at` (floor) µs/op',
        'prepared query µs/decision (suite, above)',
      ],
      beside,
    ),
  );
} finally {
  opa.stop();
}
console.log(`\n${fmt((performance.now() - startedAt) / 1000, 1)} s; checksum ${sink}`);
