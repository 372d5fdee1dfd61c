// Before any timing: every engine gives the same answer on every case, or nothing is measured.
import {
  type Answer,
  engineAnswer,
  generatedCases,
  type PeerCase,
  POLICIES,
  referenceAnswer,
  suiteCases,
} from './cases.js';
import type { OpaEval } from './opa.js';
import { type ZenDecision, zenAnswer } from './zen.js';

/** JSON with the keys of every object sorted: engines order an object's keys each their own way. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export interface Peers {
  zen: Map<string, ZenDecision>;
  /** Absent when OPA could not be built here: then the agreement covers the other engines only. */
  opa?: OpaEval;
}

/**
 * Every engine's answer to every case; throws on the first case where they differ, naming the
 * case, its input and each engine's answer.
 */
export async function checkAgreement(cases: PeerCase[], peers: Peers): Promise<void> {
  const opaAnswers = new Map<string, unknown[]>();
  if (peers.opa)
    for (const policy of POLICIES) {
      await peers.opa.load(
        policy,
        cases.filter((c) => c.policy === policy).map((c) => c.input),
      );
      opaAnswers.set(policy, await peers.opa.answers(policy));
    }
  const seen = new Map<string, number>();
  for (const c of cases) {
    const index = seen.get(c.policy) ?? 0;
    seen.set(c.policy, index + 1);
    const zen = peers.zen.get(c.policy);
    if (!zen) throw new Error(`no zen decision for ${c.policy}`);
    const answers: Record<string, Answer | unknown> = {
      'this engine (evaluate)': await engineAnswer(c),
      'json-rules-engine': await referenceAnswer(c),
      zen: await zenAnswer(zen, c.input),
    };
    if (peers.opa) answers.OPA = opaAnswers.get(c.policy)?.[index] ?? null;
    const texts = Object.values(answers).map(canonical);
    if (texts.some((t) => t !== texts[0]))
      throw new Error(
        `the engines disagree on ${c.policy}, ${c.label}\ninput: ${JSON.stringify(c.input)}\n` +
          Object.entries(answers)
            .map(([engine, answer]) => `${engine}: ${canonical(answer)}`)
            .join('\n'),
      );
  }
}

/** The auditor suites' cases of the three policies and `generated` fast-check cases. */
export function agreementCases(generated: number): PeerCase[] {
  return [...POLICIES.flatMap(suiteCases), ...generatedCases(generated)];
}
