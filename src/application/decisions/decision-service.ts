// Decisions made through the API: decided on the ruleset in force, logged [E-LOG], read back and
// replayed with the ruleset that made them.
import { isDeepStrictEqual } from 'node:util';
import { evaluate } from '../../domain/evaluate.js';
import type { Decision, EvaluationError } from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { DecisionLog, DecisionPage, DecisionQuery, LoggedDecision } from '../ports/decision-log.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import { type DecideError, type DecideRequest, decideOn } from './decide.js';

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

export class DecisionService {
  constructor(
    private readonly registry: RulesetRegistry,
    private readonly log: DecisionLog,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async decide(
    request: DecideRequest,
  ): Promise<{ ok: true; value: Decision & { decisionId: string } } | { ok: false; error: DecideError }> {
    const loaded = this.registry.current();
    const now = this.clock.now();
    const result = await decideOn(loaded, request, now);
    if (!result.ok) return result;
    const decision = result.value;
    const { facts, redacted } = withoutSecrets(
      request.facts as Record<string, unknown>,
      loaded.ruleset.policies.get(decision.policy)?.secretFacts ?? NO_SECRETS,
    );
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
    // Only a redacted decision needs the derived facts to be replayed.
    if (redacted.length > 0) entry.computed = decision.computed;
    await this.log.append(entry);
    return { ok: true, value: { decisionId: entry.id, ...decision } };
  }

  get(id: string): Promise<LoggedDecision | null> {
    return this.log.get(id);
  }

  search(query: DecisionQuery): Promise<DecisionPage> {
    return this.log.search(query);
  }

  async replay(id: string): Promise<ReplayResult> {
    const entry = await this.log.get(id);
    if (!entry) return { ok: false, error: { code: 'UNKNOWN_DECISION', decisionId: id } };
    const loaded = await this.registry.byHash(entry.rulesetHash);
    if (!loaded) return { ok: false, error: { code: 'RULESET_UNAVAILABLE', rulesetHash: entry.rulesetHash } };
    // The facts were validated when the decision was made; redacted ones are replaced by the
    // derived facts the rules actually read, so the replay needs no secret.
    const result = await evaluate(loaded.ruleset, {
      policy: entry.policy,
      facts: entry.facts,
      at: entry.at,
      today: entry.at,
      ...(entry.computed ? { computedOverrides: entry.computed } : {}),
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
