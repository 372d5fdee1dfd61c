// scratch: where zen's time goes — the binding's round trip with an empty graph vs the policy graphs.
import { ZenEngine } from '@gorules/zen-engine';
import { POLICIES, suiteCases } from './cases.js';
import { loadZen } from './zen.js';

const engine = new ZenEngine();
const empty = engine.createDecision({
  nodes: [
    { id: 'a', type: 'inputNode', name: 'in', position: { x: 0, y: 0 } },
    { id: 'b', type: 'outputNode', name: 'out', position: { x: 0, y: 0 } },
  ],
  edges: [{ id: 'e', type: 'edge', sourceId: 'a', targetId: 'b' }],
});
const zen = loadZen();
const rate = async (f: () => Promise<unknown>, ms: number) => {
  let n = 0;
  const s = performance.now();
  while (performance.now() - s < ms) {
    await f();
    n++;
  }
  return ((performance.now() - s) * 1000) / n;
};
const inflight = async (f: () => Promise<unknown>, ms: number) => {
  let n = 0;
  const s = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() - s < ms) {
        await f();
        n++;
      }
    }),
  );
  return ((performance.now() - s) * 1000) / n;
};
for (let round = 0; round < 3; round++)
  for (const p of POLICIES) {
    const cases = suiteCases(p);
    let i = 0,
      j = 0;
    const d = zen.get(p)!;
    const pol1 = await rate(() => d.evaluate(cases[i++ % cases.length]!.input), 1000);
    const emp1 = await rate(() => empty.evaluate(cases[j++ % cases.length]!.input), 1000);
    const pol64 = await inflight(() => d.evaluate(cases[i++ % cases.length]!.input), 1000);
    const emp64 = await inflight(() => empty.evaluate(cases[j++ % cases.length]!.input), 1000);
    console.log(
      p,
      `awaited: graph ${pol1.toFixed(0)} µs, empty graph ${emp1.toFixed(0)} µs; 64 in flight: graph ${pol64.toFixed(0)} µs, empty ${emp64.toFixed(0)} µs`,
    );
  }
