// `npm run bench:fee-batch`: the annual fee (albo.quota, the real rules/) of 100,000 synthetic
// companies with a realistic fleet skew (see fleets.ts), computed in process through decideOn (facts
// validated, then the compiled evaluator) — wall time, throughput, peak memory. Target: < 5 s.
// With MONGODB_URI set, the same fleets are stored through the MongoDB adapter and the batch is run
// again reading them back from it, timing the read apart from the fees.

import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { MongoAlboFleets } from '../src/adapters/mongo/mongo-albo-fleets.js';
import { connectMongo } from '../src/adapters/mongo/mongo-connection.js';
import { ensureIndexes } from '../src/adapters/mongo/mongo-stores.js';
import { decideOn } from '../src/application/decisions/decide.js';
import { evaluate, evaluateReference } from '../src/domain/evaluate.js';
import type { PromiseOrValue } from '../src/domain/types.js';
import { type FleetEntry, fleet, fleetSize, MAX_FLEET, prng, REGISTER_FLEET_ALPHA } from './fleets.js';
import { fmt, loadRules } from './support.js';

const COMPANIES = Number(process.env.COMPANIES ?? 100_000);
const SEED = Number(process.env.SEED ?? 2017);
const POLICY = 'albo.quota';
const AT = '2017-01-15';
const NOW = new Date('2026-11-23T10:00:00Z');

const memory = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  memory.rss = Math.max(memory.rss, m.rss);
  memory.heapUsed = Math.max(memory.heapUsed, m.heapUsed);
}

const loaded = await loadRules();
const random = prng(SEED);
const generatedAt = performance.now();
const companies: Array<{ year: number; fleet: FleetEntry[] }> = [];
const BUCKETS = ['1–5', '6–20', '21–100', '101–299', '300'] as const;
const sizes = new Map<string, number>(BUCKETS.map((b) => [b, 0]));
let vehicles = 0;
for (let i = 0; i < COMPANIES; i++) {
  const size = fleetSize(random, REGISTER_FLEET_ALPHA, MAX_FLEET);
  vehicles += size;
  const bucket =
    size <= 5 ? '1–5' : size <= 20 ? '6–20' : size <= 100 ? '21–100' : size < MAX_FLEET ? '101–299' : '300';
  sizes.set(bucket, (sizes.get(bucket) ?? 0) + 1);
  companies.push({ year: 2017, fleet: fleet(random, size) });
}
const generationMs = performance.now() - generatedAt;
sampleMemory();

type Run = { ms: number; feesCents: number; allowed: number; other: number };

/**
 * Every company once; memory sampled every 1,000 companies (the loop never yields to a timer).
 * Awaits only promises, as a bulk caller of the engine would: a compiled answer comes as a value.
 */
async function run(
  decide: (facts: { year: number; fleet: FleetEntry[] }) => PromiseOrValue<unknown>,
): Promise<Run> {
  const result: Run = { ms: 0, feesCents: 0, allowed: 0, other: 0 };
  const start = performance.now();
  for (let i = 0; i < companies.length; i++) {
    const pending = decide(companies[i] as { year: number; fleet: FleetEntry[] });
    const decision = (pending instanceof Promise ? await pending : pending) as
      | { ok: true; value: { outcome: string; outputs: { amountCents?: number } } }
      | { ok: false };
    if (decision.ok && decision.value.outcome === 'allow') {
      result.allowed++;
      result.feesCents += decision.value.outputs.amountCents ?? 0;
    } else result.other++;
    if (i % 1000 === 0) sampleMemory();
  }
  result.ms = performance.now() - start;
  sampleMemory();
  return result;
}

// A first pass warms the code up on 2,000 companies, as a long-running service would be.
for (let i = 0; i < 2000; i++)
  await decideOn(loaded, { policy: POLICY, facts: companies[i % companies.length], at: AT }, NOW);

const viaDecide = await run((facts) => decideOn(loaded, { policy: POLICY, facts, at: AT }, NOW));
const viaEvaluate = await run((facts) =>
  evaluate(loaded.ruleset, { policy: POLICY, facts, at: AT, today: AT }),
);
// For scale only: json-rules-engine (the reference path) on the first 5,000 companies.
const SAMPLE = Math.min(5000, COMPANIES);
const referenceStart = performance.now();
for (let i = 0; i < SAMPLE; i++)
  await evaluateReference(loaded.ruleset, {
    policy: POLICY,
    facts: companies[i] as object as Record<string, unknown>,
    at: AT,
    today: AT,
  });
const referenceMs = ((performance.now() - referenceStart) / SAMPLE) * COMPANIES;

const line = (label: string, r: Run) =>
  `${label.padEnd(44)} ${fmt(r.ms / 1000, 2).padStart(6)} s  ${fmt(COMPANIES / (r.ms / 1000)).padStart(9)} companies/s  ` +
  `${fmt(vehicles / (r.ms / 1000)).padStart(10)} vehicles/s  fees ${fmt(r.feesCents / 100, 2)} €  (${r.allowed} allow, ${r.other} other)`;
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

console.log(
  `bench:fee-batch — node ${process.version}, ${os.cpus().length} CPU(s), ${mb(os.totalmem())} RAM, seed ${SEED}`,
);
console.log(
  `${fmt(COMPANIES)} companies, ${fmt(vehicles)} vehicles (fleet sizes: ${[...sizes]
    .map(([k, v]) => `${k}: ${fmt(v)}`)
    .join(', ')}); generated in ${fmt(generationMs / 1000, 2)} s (not counted)`,
);
console.log(line('decideOn (schema check + compiled evaluation)', viaDecide));
console.log(line('evaluate (compiled evaluation only)', viaEvaluate));
console.log(
  `${'json-rules-engine reference, 5,000 companies'.padEnd(44)} ${fmt(referenceMs / 1000, 2).padStart(6)} s  (extrapolated to ${fmt(COMPANIES)}: ${fmt(referenceMs / viaEvaluate.ms, 1)}× the compiled evaluation)`,
);
console.log(
  `peak memory: rss ${mb(memory.rss)}, heapUsed ${mb(memory.heapUsed)} (sampled every 1,000 companies)`,
);
console.log(
  `target < 5 s in process: ${viaDecide.ms < 5000 ? 'met' : 'NOT met'} (${fmt(viaDecide.ms / 1000, 2)} s through decideOn)`,
);
await throughMongo(process.env.MONGODB_URI?.trim());

/**
 * The batch through the MongoDB adapter: fleets written once (bulk insert, not counted), then
 * streamed back by MongoAlboFleets.all() and priced; a read-only pass tells read time from fee time.
 */
async function throughMongo(uri: string | undefined): Promise<void> {
  if (!uri) {
    console.log('MongoDB: not measured (set MONGODB_URI, e.g. the FerretDB that .ci/run starts).');
    return;
  }
  const connection = await connectMongo(uri);
  const db = connection.client.db(`bench_fee_batch_${randomBytes(4).toString('hex')}`);
  try {
    await ensureIndexes(db);
    const server = await db.admin().command({ buildInfo: 1 });
    const label = server.ferretdbVersion ? `FerretDB ${server.ferretdbVersion}` : `MongoDB ${server.version}`;
    const loadStart = performance.now();
    const BATCH = 1_000;
    for (let i = 0; i < companies.length; i += BATCH)
      await db.collection('albo_fleets').insertMany(
        companies.slice(i, i + BATCH).map((c, j) => ({
          _id: `company-${String(i + j).padStart(6, '0')}` as never,
          vehicles: c.fleet,
          updatedAt: NOW.toISOString(),
          version: 1,
        })),
      );
    const loadMs = performance.now() - loadStart;
    const fleets = new MongoAlboFleets(db);

    const readStart = performance.now();
    const readCpu = process.cpuUsage();
    let read = 0;
    for await (const _ of fleets.all()) read++;
    const readMs = performance.now() - readStart;
    const { user, system } = process.cpuUsage(readCpu);
    const readCpuMs = (user + system) / 1000;

    const result: Run = { ms: 0, feesCents: 0, allowed: 0, other: 0 };
    const start = performance.now();
    let i = 0;
    let decideMs = 0;
    for await (const f of fleets.all()) {
      const decideStart = performance.now();
      const decision = await decideOn(
        loaded,
        { policy: POLICY, facts: { year: 2017, fleet: f.vehicles }, at: AT },
        NOW,
      );
      if (decision.ok && decision.value.outcome === 'allow') {
        result.allowed++;
        result.feesCents += (decision.value.outputs.amountCents as number | undefined) ?? 0;
      } else result.other++;
      decideMs += performance.now() - decideStart;
      if (++i % 1000 === 0) sampleMemory();
    }
    result.ms = performance.now() - start;
    console.log(
      `MongoDB adapter on ${label}: ${fmt(read)} fleets written in ${fmt(loadMs / 1000, 2)} s (bulk insert, not counted)`,
    );
    console.log(line('read + decideOn through MongoAlboFleets.all()', result));
    console.log(
      `  where the time goes: reading the ${fmt(read)} fleets alone ${fmt(readMs / 1000, 2)} s ` +
        `(a pass with no fees; this process busy ${fmt(readCpuMs / 1000, 2)} s of it, decoding BSON, the rest waiting ` +
        `for the server); in the priced pass, decideOn ${fmt(decideMs / 1000, 2)} s and waiting ` +
        `for the cursor ${fmt((result.ms - decideMs) / 1000, 2)} s (${fmt(((result.ms - decideMs) / result.ms) * 100)} %); ` +
        `same total fees as in process: ${result.feesCents === viaDecide.feesCents ? 'yes' : 'NO'}`,
    );
    console.log(`peak memory with the MongoDB pass: rss ${mb(memory.rss)}, heapUsed ${mb(memory.heapUsed)}`);
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}
