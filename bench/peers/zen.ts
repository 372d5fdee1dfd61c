// GoRules zen-engine as its Node binding is meant to be used: one engine, each policy's graph
// (bench/peers/zen/<policy>.json) loaded once as a ZenDecision and reused for every evaluation.
import { readFileSync } from 'node:fs';
import { ZenEngine } from '@gorules/zen-engine';
import type { Answer, PeerInput, PolicyId } from './cases.js';
import { POLICIES } from './cases.js';

export type ZenDecision = ReturnType<ZenEngine['createDecision']>;

/** `graph`: where each policy's graph comes from (default the committed bench/peers/zen files). */
export function loadZen(
  graph: (policy: PolicyId) => object = (policy) =>
    JSON.parse(readFileSync(new URL(`./zen/${policy}.json`, import.meta.url), 'utf8')) as object,
): Map<PolicyId, ZenDecision> {
  const engine = new ZenEngine();
  return new Map(POLICIES.map((policy) => [policy, engine.createDecision(graph(policy))]));
}

/** The graph's answer node (see generate.ts). */
export async function zenAnswer(decision: ZenDecision, input: PeerInput): Promise<Answer> {
  const response = await decision.evaluate(input);
  return (response.result as { answer: Answer }).answer;
}
