// The load generator of bench/http.ts, run as a SECOND process so it does not share the server's
// event loop. Reads the targets as JSON from argv[2], drives each with autocannon in turn (a warm-up,
// then the measured run) and prints one JSON line of results. Loopback addresses only.
import autocannon from 'autocannon';

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadPlan {
  targets: Target[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  non2xx: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const results: LoadResult[] = [];
for (const target of plan.targets) {
  if (new URL(target.url).hostname !== '127.0.0.1') throw new Error(`not a loopback target: ${target.url}`);
  const options = {
    url: target.url,
    method: 'POST' as const,
    headers: target.headers,
    body: target.body,
    connections: plan.connections,
  };
  await autocannon({ ...options, duration: plan.warmupSeconds });
  const r = await autocannon({ ...options, duration: plan.seconds });
  results.push({
    name: target.name,
    requestsPerSecond: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  });
}
console.log(JSON.stringify(results));
