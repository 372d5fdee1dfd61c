// `npm run bench:http`: requests per second and p50/p99 latency of POST /v1/policies/{id}/decisions
// on the real service (composition root, real rules/) against a bare Hono route returning a constant
// JSON (the same response body, no middleware) on another port, both served by @hono/node-server in
// this process on 127.0.0.1 and driven by autocannon from a second process, in rounds, the two
// back to back in each (the machine may be shared: the ratio is the median of each round's ratio).
// Target: ≥ 60 %. Four more rows are context, not the target: the bare route reading the body
// through Hono, a constant route of the service behind its middleware, the bare route after 10 µs
// of busy CPU, and the decision route of a second service whose decision log keeps nothing (what
// the route costs without logging [E-LOG]).
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { buildContainer } from '../src/adapters/composition-root.js';
import { readConfig } from '../src/adapters/config.js';
import { loadRules } from '../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../src/adapters/tokens.js';
import type { DecisionLog } from '../src/application/ports/decision-log.js';
import { evaluate } from '../src/domain/evaluate.js';
import type { LoadPlan, LoadResult } from './http-load.js';
import { fmt, median, QUOTA_DECISION_BODY, table } from './support.js';

const SECONDS = Number(process.env.SECONDS ?? 2);
/** Rounds of one run per target; the ratio is the median of the rounds' ratios. */
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const HOST = '127.0.0.1';
const KEY = 'bench-service-key-000000000001';
const POLICY = 'albo.quota';
const BODY = QUOTA_DECISION_BODY;

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((done, fail) => {
    const server = serve({ fetch, port: 0, hostname: HOST }, (info: AddressInfo) =>
      done({ server, port: info.port }),
    );
    server.once('error', fail);
  });
}

const config = readConfig({ PORT: '0', LOG_LEVEL: 'silent' });
if (!config.ok) throw new Error(config.errors.join('\n'));
const container = buildContainer({
  ...config.value,
  apiKeys: [{ key: KEY, role: 'service', label: 'bench' }],
});
await loadRules(container);
const app = resolve(container, TOKENS.HttpApp);
// Context only: a route of the service's own app answering the same constant behind all its
// middleware (request log, body limit, API key, roles): the floor of any route of this server. Added
// before the first request, while Hono's router still takes routes. Never part of the product.
let constant = '';
app.post(`/v1/policies/:id/constant`, (c) => c.body(constant, 200, { 'content-type': 'application/json' }));
// Context only: the same service with a decision log that keeps nothing, so the table shows what
// logging each decision costs the route. Never part of the product.
const discarding: DecisionLog = {
  append: async () => {},
  get: async () => null,
  search: async () => ({ entries: [], next: null }),
};
const unlogged = buildContainer({
  ...config.value,
  apiKeys: [{ key: KEY, role: 'service', label: 'bench' }],
});
await unlogged.unbind(TOKENS.DecisionLog);
unlogged.bind(TOKENS.DecisionLog).toConstantValue(discarding);
await loadRules(unlogged);
const unloggedApp = resolve(unlogged, TOKENS.HttpApp);
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

// The bare route answers with the very bytes a decision returns, so both move the same response.
const sample = await app.request(`/v1/policies/${POLICY}/decisions`, { method: 'POST', headers, body: BODY });
if (sample.status !== 200)
  throw new Error(`the decision route answered ${sample.status}: ${await sample.text()}`);
constant = await sample.text();
const bare = new Hono();
bare.post('/bare', (c) => c.body(constant, 200, { 'content-type': 'application/json' }));
// Context, not the target: the bare route after SPIN_MICROS of busy CPU, no allocation, no I/O. It
// shows what the ratio allows a route doing that much work on the machine at hand: once the server
// rather than autocannon is the limit, each request costs the server more than its own work (on a
// 2-vCPU VM, eighth round: 10 µs of spinning kept 72 % of the bare route's rate, 20 µs 50 %).
const SPIN_MICROS = Number(process.env.SPIN_MICROS ?? 10);
bare.post('/bare-spinning', (c) => {
  const until = performance.now() + SPIN_MICROS / 1000;
  while (performance.now() < until);
  return c.body(constant, 200, { 'content-type': 'application/json' });
});
// Context, not the target: the same, but reading and parsing the request body first, as any JSON API
// must. node-server builds the Web Request and its body stream only when a route reads them.
bare.post('/bare-reading-body', async (c) => {
  await c.req.json();
  return c.body(constant, 200, { 'content-type': 'application/json' });
});

// The engine's own share: evaluate() on the same facts, in this process, before the load starts.
const { ruleset } = resolve(container, TOKENS.RulesetRegistry).current();
const parsed = JSON.parse(BODY) as { at: string; facts: Record<string, unknown> };
const request = { policy: POLICY, facts: parsed.facts, at: parsed.at, today: parsed.at };
for (let i = 0; i < 20_000; i++) await evaluate(ruleset, request);
const engineStart = performance.now();
for (let i = 0; i < 50_000; i++) await evaluate(ruleset, request);
const engineMicros = ((performance.now() - engineStart) * 1000) / 50_000;

const service = await listen(app.fetch);
const baseline = await listen(bare.fetch);
const unloggedService = await listen(unloggedApp.fetch);
const plan: LoadPlan = {
  connections: CONNECTIONS,
  warmupSeconds: 1,
  seconds: SECONDS,
  rounds: ROUNDS,
  targets: [
    {
      name: 'bare Hono route (constant JSON)',
      url: `http://${HOST}:${baseline.port}/bare`,
      headers,
      body: BODY,
    },
    {
      name: `POST /v1/policies/${POLICY}/decisions`,
      url: `http://${HOST}:${service.port}/v1/policies/${POLICY}/decisions`,
      headers,
      body: BODY,
    },
    {
      name: 'bare Hono route reading the JSON body',
      url: `http://${HOST}:${baseline.port}/bare-reading-body`,
      headers,
      body: BODY,
    },
    {
      name: 'constant route behind the service middleware',
      url: `http://${HOST}:${service.port}/v1/policies/${POLICY}/constant`,
      headers,
      body: BODY,
    },
    {
      name: `bare Hono route after ${SPIN_MICROS} µs of busy CPU`,
      url: `http://${HOST}:${baseline.port}/bare-spinning`,
      headers,
      body: BODY,
    },
    {
      name: 'the same, decision log keeping nothing',
      url: `http://${HOST}:${unloggedService.port}/v1/policies/${POLICY}/decisions`,
      headers,
      body: BODY,
    },
  ],
};

const child = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('http-load.ts', import.meta.url)), JSON.stringify(plan)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let output = '';
child.stdout.on('data', (chunk: Buffer) => {
  output += chunk.toString();
});
const code = await new Promise<number | null>((done) => child.on('close', done));
service.server.close();
baseline.server.close();
unloggedService.server.close();
if (code !== 0) throw new Error(`the load generator exited with ${code}`);
// The in-memory decision log keeps every decision of the run [E-LOG]; what that costs in memory.
const memory = process.memoryUsage();

const rounds = JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as LoadResult[][];
/** Target `i` over the rounds: medians of rate and latencies, totals of the counts. */
const summary = (i: number): LoadResult => {
  const runs = rounds.map((row) => row[i] as LoadResult);
  return {
    name: (runs[0] as LoadResult).name,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    ok: runs.reduce((n, r) => n + r.ok, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  };
};
// The bare route and the decision route come first, so they run back to back in every round (the
// rounds alternate the order): the target's ratio compares runs seconds apart, not a round apart.
const [base, decisions, reading, floor, spinning, unloggedDecisions] = [
  summary(0),
  summary(1),
  summary(2),
  summary(3),
  summary(4),
  summary(5),
];
/** Target `i`'s rate over target `of`'s (the bare route's unless said) in each round. */
const ratioOf = (i: number, of = 0) =>
  rounds.map((row) => (row[i] as LoadResult).requestsPerSecond / (row[of] as LoadResult).requestsPerSecond);
const perRound = ratioOf(1);
const ratio = median(perRound);
console.log(
  `bench:http — node ${process.version}, ${os.cpus().length} CPU(s), autocannon in a second process, ` +
    `${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per target after 1 s warm-up, loopback ${HOST}`,
);
console.log(
  table(
    ['target', 'req/s (median)', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors'],
    [base, decisions, reading, floor, spinning, unloggedDecisions].map((r) => [
      r.name,
      fmt(r.requestsPerSecond),
      fmt(r.p50, 1),
      fmt(r.p99, 1),
      String(r.ok),
      String(r.non2xx),
      String(r.errors),
    ]),
  ),
);
console.log(
  `\ndecisions at ${fmt(ratio * 100, 1)} % of the bare route's throughput, median of the rounds ` +
    `(${perRound.map((r) => `${fmt(r * 100, 1)} %`).join(', ')}; target ≥ 60 %: ${ratio >= 0.6 ? 'met' : 'NOT met'}); ` +
    `${fmt((decisions.requestsPerSecond / reading.requestsPerSecond) * 100, 1)} % of the bare route that reads the body`,
);
console.log(
  `context: with a decision log that keeps nothing, the decision route runs at ` +
    `${fmt(median(ratioOf(5)) * 100, 1)} % of the bare route (median of the rounds); the service's constant ` +
    `route, behind the same middleware, at ${fmt(median(ratioOf(3)) * 100, 1)} %, and the decision route at ` +
    `${fmt(median(ratioOf(1, 3)) * 100, 1)} % of that one; the bare route after ${SPIN_MICROS} µs of busy CPU ` +
    `at ${fmt(median(ratioOf(4)) * 100, 1)} %`,
);
console.log(
  `per request at these rates: decision route ${fmt(1e6 / decisions.requestsPerSecond)} µs, of which the engine ` +
    `(evaluate() on the same facts, measured in process beforehand) ${fmt(engineMicros, 1)} µs; ` +
    `bare route ${fmt(1e6 / base.requestsPerSecond)} µs, reading the body ${fmt(1e6 / reading.requestsPerSecond)} µs`,
);
console.log(
  `after the run: ${fmt(decisions.ok)} decisions logged in the timed rounds (and the warm-up's); heap used ` +
    `${fmt(memory.heapUsed / 1e6)} MB, outside the heap (Buffers) ${fmt(memory.arrayBuffers / 1e6)} MB, rss ${fmt(memory.rss / 1e6)} MB`,
);
process.exit(0);
