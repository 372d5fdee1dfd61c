// Decisions made through the API: decided on the ruleset in force, logged [E-LOG], read back and
// replayed with the ruleset that made them.
import { isDeepStrictEqual } from 'node:util';
import { evaluate } from '../../domain/evaluate.js';
import type { Decision, EvaluationError } from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { DecisionLog, DecisionPage, DecisionQuery, LoggedDecision } from '../ports/decision-log.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { LoadedRuleset } from '../rules/load-ruleset.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import { type DecideError, type DecideRequest, decideOn } from './decide.js';
import { EvaluatorFallbacks } from './evaluator-fallbacks.js';
import { type LatestDecisionsQuery, latestDecisions } from './latest-decisions.js';
import { factsFromContext, type PolicyContext } from './policy-context.js';

export interface Difference {
  field: string;
  logged: unknown;
  replayed: unknown;
}

export type ReplayResult =
  | {
      ok: true;
      value: {
        decisionId: string;
        rulesetHash: string;
        same: boolean;
        differences: Difference[];
        replayed: Decision;
      };
    }
  | {
      ok: false;
      error:
        | { code: 'UNKNOWN_DECISION'; decisionId: string }
        | { code: 'RULESET_UNAVAILABLE'; rulesetHash: string }
        | EvaluationError;
    };

/** A procedure's question: its context, from which the policy's facts schema picks the facts. */
export interface ContextRequest {
  policy: string;
  context: PolicyContext;
  at?: string;
}

type Decided = { ok: true; value: Decision & { decisionId: string } } | { ok: false; error: DecideError };

export class DecisionService {
  constructor(
    private readonly registry: RulesetRegistry,
    private readonly log: DecisionLog,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** Where json-rules-engine answered for the compiled evaluator (GET /v1/rules/status). */
    readonly fallbacks: EvaluatorFallbacks = new EvaluatorFallbacks(),
  ) {}

  /** Facts as the caller gives them (the API): an undeclared one is refused by the schema. */
  decide(request: DecideRequest): Promise<Decided> {
    return this.decideOnLoaded(this.registry.current(), request);
  }

  /**
   * A procedure's question: the facts are what the policy's schema declares of the context, picked
   * on the rule set that then decides, so only they are evaluated and logged.
   */
  async decideInContext(request: ContextRequest): Promise<Decided> {
    const loaded = this.registry.current();
    const policy = loaded.ruleset.policies.get(request.policy);
    if (!policy) return { ok: false, error: { code: 'UNKNOWN_POLICY', policy: request.policy } };
    const facts = await factsFromContext(policy.facts, request.context);
    return this.decideOnLoaded(loaded, {
      policy: request.policy,
      facts,
      ...(request.at !== undefined ? { at: request.at } : {}),
    });
  }

  private async decideOnLoaded(loaded: LoadedRuleset, request: DecideRequest): Promise<Decided> {
    const now = this.clock.now();
    const result = await decideOn(loaded, request, now, this.fallbacks.record);
    if (!result.ok) return result;
    const decision = result.value;
    const policy = loaded.ruleset.policies.get(decision.policy);
    const { facts: kept, redacted } = withoutSecrets(
      request.facts as Record<string, unknown>,
      policy?.secretFacts ?? NO_SECRETS,
    );
    const { facts, masked } = withPersonalMasked(kept, policy?.personalFacts ?? NO_SECRETS);
    const entry: LoggedDecision = {
      id: this.ids.next(),
      time: now.toISOString(),
      policy: decision.policy,
      rulesetHash: decision.rulesetHash,
      at: decision.at,
      facts,
      redacted,
      outcome: decision.outcome,
      violations: decision.violations,
      outputs: decision.outputs,
    };
    if (masked.length > 0) entry.masked = masked;
    // Only a redacted or masked decision needs the derived facts to be replayed.
    if (redacted.length > 0 || masked.length > 0) entry.computed = decision.computed;
    await this.log.append(entry);
    return { ok: true, value: { decisionId: entry.id, ...decision } };
  }

  get(id: string): Promise<LoggedDecision | null> {
    return this.log.get(id);
  }

  /** The latest logged decisions matching, oldest first (for the impact of a rule edit). */
  list(query: LatestDecisionsQuery): Promise<LoggedDecision[]> {
    return latestDecisions(this.log, query);
  }

  search(query: DecisionQuery): Promise<DecisionPage> {
    return this.log.search(query);
  }

  async replay(id: string): Promise<ReplayResult> {
    const entry = await this.log.get(id);
    if (!entry) return { ok: false, error: { code: 'UNKNOWN_DECISION', decisionId: id } };
    const loaded = await this.registry.byHash(entry.rulesetHash);
    if (!loaded) return { ok: false, error: { code: 'RULESET_UNAVAILABLE', rulesetHash: entry.rulesetHash } };
    // The facts were validated when the decision was made; redacted and masked ones are replaced
    // by the derived facts the rules actually read, so the replay needs no secret and no personal
    // data (a rule reading a masked fact itself would see "***": README, "What is logged").
    const result = await evaluate(loaded.ruleset, {
      policy: entry.policy,
      facts: entry.facts,
      at: entry.at,
      today: entry.at,
      ...(entry.computed ? { computedOverrides: entry.computed } : {}),
      onFallback: this.fallbacks.record,
    });
    if (!result.ok) return result;
    const replayed = result.value;
    const differences: Difference[] = [];
    const compare = (field: string, logged: unknown, now: unknown) => {
      if (!isDeepStrictEqual(logged, now)) differences.push({ field, logged, replayed: now });
    };
    compare('outcome', entry.outcome, replayed.outcome);
    compare('violations', entry.violations, replayed.violations);
    compare('outputs', entry.outputs, replayed.outputs);
    return {
      ok: true,
      value: {
        decisionId: id,
        rulesetHash: entry.rulesetHash,
        same: differences.length === 0,
        differences,
        replayed,
      },
    };
  }
}

const NO_SECRETS: readonly string[] = [];

/**
 * The facts as logged: the caller's own object when the policy has no secret among them (the log
 * keeps a copy of what it is given, as its contract says), else a copy without the secrets.
 */
function withoutSecrets(
  facts: Record<string, unknown>,
  secrets: readonly string[],
): { facts: Record<string, unknown>; redacted: string[] } {
  const redacted = secrets.length === 0 ? [] : secrets.filter((name) => name in facts);
  if (redacted.length === 0) return { facts, redacted };
  const kept = { ...facts };
  for (const name of redacted) delete kept[name];
  return { facts: kept, redacted };
}

/** What a personal fact's value becomes in the decision log. */
export const MASKED = '***';

/**
 * The facts with each personal fact (a JSON pointer) that has a value replaced by MASKED, copying
 * only the objects on its path; the caller's facts are left as they are.
 */
function withPersonalMasked(
  facts: Record<string, unknown>,
  pointers: readonly string[],
): { facts: Record<string, unknown>; masked: string[] } {
  let result = facts;
  const masked: string[] = [];
  for (const pointer of pointers) {
    const tokens = pointer.slice(1).split('/').map(unescapePointer);
    let value: unknown = facts;
    for (const token of tokens) value = isObject(value) ? value[token] : undefined;
    if (value === undefined || value === null) continue;
    result = maskAt(result, tokens) as Record<string, unknown>;
    masked.push(pointer);
  }
  return { facts: result, masked };
}

function maskAt(node: unknown, tokens: readonly string[]): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined || !isObject(node)) return node;
  const copy: Record<string, unknown> = Array.isArray(node) ? ([...node] as never) : { ...node };
  copy[head] = rest.length === 0 ? MASKED : maskAt(copy[head], rest);
  return copy;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const unescapePointer = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');
