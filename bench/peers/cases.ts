// The three policies the peers are written for, the requests they all answer (each policy's
// auditor-suite cases, then facts generated as test/compile/differential.property.test.ts makes
// them), and the one shape every engine's answer is reduced to before comparing.
import fc from 'fast-check';
import { type EvaluationRequest, evaluate, evaluateReference } from '../../src/domain/evaluate.js';
import type { Decision, EvaluationError, Result } from '../../src/domain/types.js';
import { dateArb, mutateFacts, mutationArb } from '../../test/compile/mutate-facts.js';
import { loadRules } from '../support.js';

export const POLICIES = ['albo.quota', 'account.password', 'cns.timeline'] as const;
export type PolicyId = (typeof POLICIES)[number];
/** The same "today" as bench:engine, for requests without an evaluation date. */
export const TODAY = '2026-11-23';

/**
 * What a peer is given: the evaluation date (always explicit, so no peer needs a clock) and the
 * facts, as a request body would carry them.
 */
export interface PeerInput {
  at: string;
  facts: Record<string, unknown>;
}

/** The comparable part of a decision: a request error's code, or outcome, violation codes in rule order, outputs. */
export type Answer =
  | { error: string }
  | { outcome: 'allow' | 'deny'; violations: string[]; outputs: Record<string, unknown> };

export interface PeerCase {
  policy: PolicyId;
  label: string;
  input: PeerInput;
}

export function answerOf(result: Result<Decision, EvaluationError>): Answer {
  if (!result.ok) return { error: result.error.code };
  const { outcome, violations, outputs } = result.value;
  return { outcome, violations: violations.map((v) => v.code ?? v.rule), outputs };
}

export const requestOf = (c: PeerCase): EvaluationRequest => ({
  policy: c.policy,
  facts: c.input.facts,
  at: c.input.at,
  today: TODAY,
});

/** Facts as a request body yields them (see bench/engine.ts: YAML strings are not JSON's). */
const asReceived = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const loaded = await loadRules();
export const { ruleset } = loaded;

export function suiteCases(policy: PolicyId): PeerCase[] {
  return loaded.suites
    .filter((s) => s.policy === policy)
    .flatMap((s) => s.cases.map((c) => ({ suite: s, c })))
    .map(({ c }) => ({
      policy,
      label: `suite: ${c.name}`,
      input: asReceived({ at: c.at ?? TODAY, facts: c.facts }),
    }));
}

/**
 * `count` generated cases over the three policies, in turn: suite facts mutated and kept when they
 * pass the policy's facts schema, at a random date or the seed's (the differential test's recipe).
 */
export function generatedCases(count: number, seed = 22): PeerCase[] {
  const out: PeerCase[] = [];
  const arb = fc.tuple(fc.nat(), fc.array(mutationArb, { maxLength: 4 }), fc.option(dateArb, { freq: 3 }));
  const samples = fc.sample(arb, { numRuns: count * 4, seed });
  const seeds = new Map(
    POLICIES.map((p) => [p, loaded.suites.filter((s) => s.policy === p).flatMap((s) => s.cases)]),
  );
  let i = 0;
  for (const [n, mutations, at] of samples) {
    if (out.length >= count) break;
    const policy = POLICIES[i++ % POLICIES.length] as PolicyId;
    const cases = seeds.get(policy) ?? [];
    const seedCase = cases[n % cases.length];
    if (!seedCase) continue;
    const facts = mutateFacts(seedCase.facts, mutations);
    const validate = loaded.factValidators.get(policy);
    if (!validate || validate(facts).length > 0) continue;
    out.push({
      policy,
      label: `generated #${out.length} (seed ${seed})`,
      input: asReceived({ at: at ?? seedCase.at ?? TODAY, facts }),
    });
  }
  if (out.length < count) throw new Error(`only ${out.length} of ${count} generated cases pass the schemas`);
  return out;
}

/** This engine, compiled, through evaluate() (awaited only when it answers with a promise). */
export async function engineAnswer(c: PeerCase): Promise<Answer> {
  return answerOf(await evaluate(ruleset, requestOf(c)));
}

/** This engine's json-rules-engine path. */
export async function referenceAnswer(c: PeerCase): Promise<Answer> {
  return answerOf(await evaluateReference(ruleset, requestOf(c)));
}
