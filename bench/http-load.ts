// The load generator of bench/http.ts, run as a SECOND process so it does not share the server's
// event loop. Reads the targets as JSON from argv[2], warms each up with autocannon, then drives
// them in rounds (each target once per round, the order reversed every other round, so that a drift
// in the machine's load favours none) and prints one JSON line: the results by round and target.
// Loopback addresses only.
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
  /** Rounds of one run per target; each round takes the targets in the other order than the last. */
  rounds: number;
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
const options = (target: Target) => {
  if (new URL(target.url).hostname !== '127.0.0.1') throw new Error(`not a loopback target: ${target.url}`);
  return {
    url: target.url,
    method: 'POST' as const,
    headers: target.headers,
    body: target.body,
    connections: plan.connections,
  };
};
for (const target of plan.targets) await autocannon({ ...options(target), duration: plan.warmupSeconds });
// results[round][target], targets in the plan's order whatever order the round ran them in.
const results: LoadResult[][] = [];
for (let round = 0; round < plan.rounds; round++) {
  const order = plan.targets.map((_, i) => i);
  if (round % 2 === 1) order.reverse();
  const row: LoadResult[] = [];
  for (const i of order) {
    const target = plan.targets[i] as Target;
    const r = await autocannon({ ...options(target), duration: plan.seconds });
    row[i] = {
      name: target.name,
      requestsPerSecond: r['2xx'] / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      ok: r['2xx'],
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    };
  }
  results.push(row);
}
console.log(JSON.stringify(results));
