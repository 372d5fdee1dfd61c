// The impact of a rule edit beyond the auditor's own cases: logged decisions and every suite case
// evaluated under the rule set before and after the edit, and, per policy, how many outcomes,
// violations and outputs change, with examples. Used by `pa-policy impact` and by
// `POST /v1/admin/rules/impact`.
import { isDeepStrictEqual } from 'node:util';
import { romeDateOf } from '../../domain/dates.js';
import { evaluate } from '../../domain/evaluate.js';
import type { Decision, EvaluationError } from '../../domain/types.js';
import type { DecideError } from '../decisions/decide.js';
import type { LoggedDecision } from '../ports/decision-log.js';
import type { LoadedRuleset } from '../rules/load-ruleset.js';

/** What one evaluation answered, reduced to what an edit can change. */
export type ImpactAnswer =
  | { outcome: 'allow' | 'deny'; violations: string[]; outputs: Record<string, unknown> }
  | { error: string };

export interface ImpactExample {
  /** `decision`: a logged decision (its id); `case`: a suite case (`file: name`). */
  kind: 'decision' | 'case';
  id: string;
  at: string;
  /** The parts that differ: `outcome`, `violations`, `outputs.<name>`, `error`. */
  changed: string[];
  before: ImpactAnswer;
  after: ImpactAnswer;
}

export interface PolicyImpact {
  policy: string;
  decisions: number;
  cases: number;
  /** Decisions and cases whose answer differs in anything. */
  changed: number;
  outcomes: number;
  violations: number;
  outputs: number;
  /** Evaluations that fail under one set and not (or differently) under the other. */
  errors: number;
  examples: ImpactExample[];
}

export interface ImpactReport {
  beforeHash: string;
  afterHash: string;
  decisions: number;
  cases: number;
  /** Every policy evaluated, with its counts; those with changes first. */
  policies: PolicyImpact[];
  /** The ids of the logged decisions whose answer changes in anything, in log order. */
  changedDecisions: string[];
  /** Of those, the ones whose outcome (allow/deny) changes, or that fail under one set only. */
  changedOutcomes: string[];
}

export interface ImpactRequest {
  before: LoadedRuleset;
  after: LoadedRuleset;
  decisions: Iterable<LoggedDecision> | AsyncIterable<LoggedDecision>;
  /** Evaluate the suite cases too (the candidate's suites; default true). */
  cases?: boolean;
  /** Only these policies. */
  policies?: readonly string[];
  /** Examples kept per policy (default 5). */
  examples?: number;
  /** For cases without `at` and without a date fact: today is this instant's date in Europe/Rome. */
  now: Date;
}

export async function ruleImpact(request: ImpactRequest): Promise<ImpactReport> {
  const { before, after } = request;
  const keep = request.examples ?? 5;
  const wanted = request.policies ? new Set(request.policies) : null;
  const byPolicy = new Map<string, PolicyImpact>();
  const impactOf = (policy: string) => {
    let entry = byPolicy.get(policy);
    if (!entry) {
      entry = {
        policy,
        decisions: 0,
        cases: 0,
        changed: 0,
        outcomes: 0,
        violations: 0,
        outputs: 0,
        errors: 0,
        examples: [],
      };
      byPolicy.set(policy, entry);
    }
    return entry;
  };
  const changedDecisions: string[] = [];
  const changedOutcomes: string[] = [];
  let decisions = 0;
  let cases = 0;

  const compare = (
    policy: string,
    kind: ImpactExample['kind'],
    id: string,
    at: string,
    was: ImpactAnswer,
    now: ImpactAnswer,
  ) => {
    const impact = impactOf(policy);
    if (kind === 'decision') impact.decisions++;
    else impact.cases++;
    const changed = differences(was, now);
    if (changed.length === 0) return [];
    impact.changed++;
    if (changed.includes('outcome')) impact.outcomes++;
    if (changed.includes('violations')) impact.violations++;
    if (changed.some((c) => c.startsWith('outputs.'))) impact.outputs++;
    if (changed.includes('error')) impact.errors++;
    if (impact.examples.length < keep)
      impact.examples.push({ kind, id, at, changed, before: was, after: now });
    return changed;
  };

  for await (const entry of request.decisions) {
    if (wanted && !wanted.has(entry.policy)) continue;
    decisions++;
    const was = await replayOn(before, entry);
    const now = await replayOn(after, entry);
    const changed = compare(entry.policy, 'decision', entry.id, entry.at, was, now);
    if (changed.length > 0) changedDecisions.push(entry.id);
    if (changed.includes('outcome') || changed.includes('error')) changedOutcomes.push(entry.id);
  }

  if (request.cases ?? true) {
    const today = romeDateOf(request.now);
    for (const suite of after.suites) {
      if (wanted && !wanted.has(suite.policy)) continue;
      for (const c of suite.cases) {
        cases++;
        const ask = { policy: suite.policy, facts: c.facts, ...(c.at ? { at: c.at } : {}) };
        const was = await caseOn(before, ask, today);
        const now = await caseOn(after, ask, today);
        compare(
          suite.policy,
          'case',
          `${suite.file}: ${c.name}`,
          now.at ?? was.at ?? today,
          was.answer,
          now.answer,
        );
      }
    }
  }

  const policies = [...byPolicy.values()].sort(
    (a, b) => Number(b.changed > 0) - Number(a.changed > 0) || (a.policy < b.policy ? -1 : 1),
  );
  return {
    beforeHash: before.ruleset.hash,
    afterHash: after.ruleset.hash,
    decisions,
    cases,
    policies,
    changedDecisions,
    changedOutcomes,
  };
}

/**
 * A logged decision evaluated again on `loaded`, on its own date; redacted facts are replaced by
 * the logged derived facts, as replay does. Facts are checked against the set's facts schema
 * unless some were redacted (a schema would then miss the secret).
 */
async function replayOn(loaded: LoadedRuleset, entry: LoggedDecision): Promise<ImpactAnswer> {
  if (entry.redacted.length === 0) {
    const validate = loaded.factValidators.get(entry.policy);
    if (!validate) return { error: 'UNKNOWN_POLICY' };
    if (validate(entry.facts).length > 0) return { error: 'INVALID_FACTS' };
  }
  const result = await evaluate(loaded.ruleset, {
    policy: entry.policy,
    facts: entry.facts,
    at: entry.at,
    today: entry.at,
    ...(entry.computed ? { computedOverrides: entry.computed } : {}),
  });
  return answerOf(result);
}

/** A suite case on `loaded`, as `pa-policy test` runs it, with the date it was evaluated on. */
async function caseOn(
  loaded: LoadedRuleset,
  ask: { policy: string; facts: Record<string, unknown>; at?: string },
  today: string,
): Promise<{ answer: ImpactAnswer; at?: string }> {
  const validate = loaded.factValidators.get(ask.policy);
  if (!validate) return { answer: { error: 'UNKNOWN_POLICY' } };
  if (validate(ask.facts).length > 0) return { answer: { error: 'INVALID_FACTS' } };
  const result = await evaluate(loaded.ruleset, { ...ask, today });
  return result.ok ? { answer: answerOf(result), at: result.value.at } : { answer: answerOf(result) };
}

function answerOf(
  result: { ok: true; value: Decision } | { ok: false; error: EvaluationError | DecideError },
): ImpactAnswer {
  if (!result.ok) return { error: result.error.code };
  const d = result.value;
  return { outcome: d.outcome, violations: d.violations.map((v) => v.code).sort(), outputs: d.outputs };
}

function differences(was: ImpactAnswer, now: ImpactAnswer): string[] {
  if ('error' in was || 'error' in now)
    return 'error' in was && 'error' in now && was.error === now.error ? [] : ['error'];
  const out: string[] = [];
  if (was.outcome !== now.outcome) out.push('outcome');
  if (!isDeepStrictEqual(was.violations, now.violations)) out.push('violations');
  for (const name of new Set([...Object.keys(was.outputs), ...Object.keys(now.outputs)]))
    if (!isDeepStrictEqual(was.outputs[name] ?? null, now.outputs[name] ?? null)) out.push(`outputs.${name}`);
  return out;
}
