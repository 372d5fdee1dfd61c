// `npm run bench:peers:http`: this service's decision route, POST /v1/policies/{id}/decisions (the
// real composition root and rules/, its decision log on as deployed: every decision kept), against
// `opa run --server` answering POST /v1/data/peers/<policy>/decision with the same policy in Rego
// (bench/peers/opa) and its decision logging on (the console logger, as OPA's documentation
// describes it, written to a local file). The same facts in both bodies (OPA's wrapped in its
// `input` envelope), the same autocannon settings from a second process (bench/http-load.ts),
// the two targets back to back in every round and the order reversed every other round; the
// ratio is the median of the rounds' ratios. Both servers first give the same answer to the body.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { readConfig } from '../../src/adapters/config.js';
import { startService } from '../../src/adapters/service.js';
import { FLEET } from '../../test/albo/fleet.js';
import type { LoadPlan, LoadResult, Target } from '../http-load.js';
import { fmt, median, table } from '../support.js';
import { canonical } from './agree.js';
import { POLICIES, type PolicyId } from './cases.js';
import { ensureOpa, OPA_POLICY_DIR, OPA_VERSION } from './opa.js';

const SECONDS = Number(process.env.SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const ONLY = process.env.POLICIES?.split(',');
const HOST = '127.0.0.1';
const KEY = 'bench-service-key-000000000001';
/** The README's walkthrough fleet (its first four vehicles; the fifth left before the reference date). */
const README_FLEET = FLEET.slice(0, 4);

/** One body per policy: albo.quota on the README's four-vehicle fleet (as issue 22's first run), the others a suite case. */
const BODIES: Record<PolicyId, { at: string; facts: Record<string, unknown> }> = {
  'albo.quota': { at: '2017-01-15', facts: { year: 2017, fleet: README_FLEET } },
  'account.password': {
    at: '2026-11-23',
    facts: { newPassword: 'Trasp0r!', confirmPassword: 'Trasp0r!', matchesRecentPassword: false },
  },
  'cns.timeline': { at: '2024-12-24', facts: { recognitionDate: '2024-12-24' } },
};

const config = readConfig({ PORT: '0', LOG_LEVEL: 'silent' });
if (!config.ok) throw new Error(config.errors.join('\n'));
// The service as `npm start` runs it (startService: the same stores, decision log, request deadline
// and server options), on a loopback port, with one service key.
const service = await startService({
  ...config.value,
  hostname: HOST,
  apiKeys: [{ key: KEY, role: 'service', label: 'bench' }],
});

/** A port the kernel has just handed out and taken back, for OPA to listen on. */
const freePort = () =>
  new Promise<number>((done) => {
    const probe = serve({ fetch: () => new Response(), port: 0, hostname: HOST }, (info: AddressInfo) =>
      probe.close(() => done(info.port)),
    );
  });

const opaBinary = await ensureOpa((line) => console.error(line));
const logDir = await mkdtemp(join(tmpdir(), 'opa-decisions-'));
const logFile = join(logDir, 'console.log');
const opaPort = await freePort();
const log = openSync(logFile, 'a');
const opa: ChildProcess = spawn(
  opaBinary,
  [
    'run',
    '--server',
    `--addr=${HOST}:${opaPort}`,
    '--set=decision_logs.console=true',
    // OPA's documented advice for high-performance use: data kept as AST values, not converted per read.
    '--optimize-store-for-read-speed',
    '--disable-telemetry',
    OPA_POLICY_DIR,
  ],
  { stdio: ['ignore', log, log] },
);
const opaUrl = `http://${HOST}:${opaPort}`;
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${opaUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100 || opa.exitCode !== null) throw new Error(`opa run --server did not start (see ${logFile})`);
    await new Promise((done) => setTimeout(done, 100));
  }

  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  const targets = (ONLY ?? POLICIES).map((policy) => {
    const body = BODIES[policy as PolicyId];
    return {
      policy,
      ours: {
        name: `this service ${policy}`,
        url: `http://${HOST}:${service.port}/v1/policies/${policy}/decisions`,
        headers,
        body: JSON.stringify(body),
      },
      theirs: {
        name: `OPA server ${policy}`,
        url: `${opaUrl}/v1/data/peers/${policy.replace('.', '_')}/decision`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: body }),
      },
    };
  });

  // Same answer from both servers before any load.
  for (const t of targets) {
    const post = (target: Target) =>
      fetch(target.url, { method: 'POST', headers: target.headers, body: target.body }).then(
        async (r) => [r.status, await r.json()] as [number, Record<string, unknown>],
      );
    const [ourStatus, ours] = await post(t.ours);
    const [opaStatus, theirs] = await post(t.theirs);
    const decision = (ours.decision ?? ours) as {
      outcome: string;
      violations: Array<{ code: string }>;
      outputs: unknown;
    };
    const mine = canonical({
      outcome: decision.outcome,
      violations: decision.violations?.map((v) => v.code),
      outputs: decision.outputs,
    });
    if (ourStatus !== 200 || opaStatus !== 200 || mine !== canonical(theirs.result))
      throw new Error(
        `the servers disagree on ${t.policy}: this service ${ourStatus} ${mine}, OPA ${opaStatus} ${canonical(theirs)}`,
      );
  }
  const logBefore = statSync(logFile).size;

  const plan: LoadPlan = {
    connections: CONNECTIONS,
    warmupSeconds: 1,
    seconds: SECONDS,
    rounds: ROUNDS,
    targets: targets.flatMap((t) => [t.ours, t.theirs]),
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../http-load.ts', import.meta.url)), JSON.stringify(plan)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  const rounds = JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as LoadResult[][];
  const logged = statSync(logFile).size - logBefore;

  const rows: string[][] = [];
  const verdicts: string[] = [];
  targets.forEach((t, k) => {
    const ours = rounds.map((row) => row[2 * k] as LoadResult);
    const theirs = rounds.map((row) => row[2 * k + 1] as LoadResult);
    const throughput = median(
      ours.map((r, i) => r.requestsPerSecond / (theirs[i] as LoadResult).requestsPerSecond),
    );
    const tail = median(ours.map((r, i) => r.p99 / (theirs[i] as LoadResult).p99));
    for (const [name, runs] of [
      [`this service (decision log on)`, ours],
      [`OPA ${OPA_VERSION} run --server (console decision log on)`, theirs],
    ] as const)
      rows.push([
        t.policy,
        name,
        fmt(median(runs.map((r) => r.requestsPerSecond))),
        fmt(median(runs.map((r) => r.p50)), 1),
        fmt(median(runs.map((r) => r.p99)), 1),
        String(runs.reduce((n, r) => n + r.ok, 0)),
        String(runs.reduce((n, r) => n + r.non2xx + r.errors, 0)),
      ]);
    verdicts.push(
      `${t.policy}: throughput ${fmt(throughput, 2)}× OPA's (per round ${ours
        .map((r, i) => fmt(r.requestsPerSecond / (theirs[i] as LoadResult).requestsPerSecond, 2))
        .join(', ')}; target ≥ 2.0×: ${throughput >= 2 ? 'met' : 'NOT met'}); p99 ${fmt(tail, 2)} of OPA's ` +
        `(target ≤ 0.5: ${tail <= 0.5 ? 'met' : 'NOT met'})`,
    );
  });
  console.log(
    `bench:peers:http — node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ` +
      `autocannon in a second process, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per target ` +
      `after 1 s warm-up, loopback ${HOST}; this service and OPA back to back in each round, order reversed every other round`,
  );
  console.log(
    table(['policy', 'server', 'req/s (median)', 'p50 ms', 'p99 ms', '2xx', 'non-2xx + errors'], rows),
  );
  console.log(`\n${verdicts.join('\n')}`);
  console.log(
    `OPA's console decision log grew by ${fmt(logged / 1e6, 1)} MB during the load ` +
      `(${fmt(
        logged /
          Math.max(
            1,
            rows.filter((_, i) => i % 2 === 1).reduce((n, r) => n + Number(r[5]), 0),
          ),
      )} B a decision)`,
  );
} finally {
  opa.kill('SIGTERM');
  await service.close();
  await rm(logDir, { recursive: true, force: true });
}
process.exit(0);
