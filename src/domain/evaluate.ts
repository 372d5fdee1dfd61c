// Evaluates one policy on one set of facts [E-DATE][E-DECISION]. Two paths give the same Decision:
// - compiled (compile/): each version compiled once into plain synchronous functions; the default;
// - the reference: json-rules-engine itself, for traces, for whatever the compiled path cannot
//   answer (an evaluation error, a version it does not model) and as the oracle of the tests.
// Each time the reference answers for the compiled path the caller is told (`onFallback`): the
// domain has no logger, the application counts and logs them.
// The reference uses a fresh Engine per evaluation: an Engine's status is engine-wide, so two
// overlapping runs on one Engine drop rules.
import { Engine, type RuleResult } from 'json-rules-engine';
import { compiledVersion, NO_OVERRIDES } from './compile/index.js';
import { isIsoDate, withinWindow } from './dates.js';
import { type ExprContext, evaluateExpr } from './expressions.js';
import { fillMessages, type PlaceholderKind } from './messages.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { entryInForce } from './parameters.js';
import { resolvePath } from './paths.js';
import type {
  ConditionTrace,
  Decision,
  EvaluationError,
  ParameterUse,
  Policy,
  PolicyVersion,
  PromiseOrValue,
  Result,
  Ruleset,
  RuleTrace,
  Violation,
} from './types.js';
import { err, ok } from './types.js';

export interface EvaluationRequest {
  policy: string;
  /** Facts already validated against the policy's facts schema. */
  facts: Record<string, unknown>;
  /** The evaluation date; when absent, the policy's `defaultAt` fact, else `today`. */
  at?: string;
  /** Today in Europe/Rome, from the caller's clock: the domain has none. */
  today: string;
  trace?: boolean;
  /** Derived-fact values to use as given (replaying a decision whose secret facts were redacted). */
  computedOverrides?: Record<string, unknown>;
  /** Told each time json-rules-engine answers instead of the compiled path. */
  onFallback?: (fallback: EvaluatorFallback) => void;
}

/**
 * Why json-rules-engine answered instead of the compiled path: the compiler does not model the
 * version (`not-compilable`, its reason in `detail`), or the evaluation fails and the reference
 * words the error (`evaluation-failed`).
 */
export interface EvaluatorFallback {
  policy: string;
  effectiveFrom: string;
  reason: 'not-compilable' | 'evaluation-failed';
  detail: string;
}

/** The compiled path threw where json-rules-engine answers: a fault of the compiler, never hidden. */
export class CompiledEvaluationError extends Error {
  constructor(
    readonly policy: string,
    cause: unknown,
  ) {
    super(`compiled evaluation of ${policy} failed where json-rules-engine answers: ${String(cause)}`, {
      cause,
    });
  }
}

export function resolveAt(
  policy: Policy,
  request: Pick<EvaluationRequest, 'at' | 'facts' | 'today'>,
): string {
  if (request.at !== undefined) return request.at;
  const fromFacts = policy.defaultAt === undefined ? undefined : request.facts[policy.defaultAt];
  return isIsoDate(fromFacts) ? fromFacts : request.today;
}

export function versionInForce(policy: Policy, at: string): PolicyVersion | null {
  // A loop rather than `find`: this runs on every decision.
  for (const v of policy.versions) if (withinWindow(at, v.effectiveFrom, v.effectiveTo)) return v;
  return null;
}

/**
 * The Decision (or request error) itself when the compiled path answers, a promise of it when
 * json-rules-engine must (a trace, a fallback). Not an async function: the compiled answer is
 * returned as it is, since wrapping each one in a promise costs more than evaluating it.
 */
export function evaluate(
  ruleset: Ruleset,
  request: EvaluationRequest,
): PromiseOrValue<Result<Decision, EvaluationError>> {
  if (request.trace) return evaluateReference(ruleset, request);
  const compiled = compiledOutcome(ruleset, request);
  if ('ok' in compiled) return compiled;
  request.onFallback?.(compiled);
  return compiled.reason === 'not-compilable'
    ? evaluateReference(ruleset, request)
    : failedEvaluation(ruleset, request, compiled.error);
}

/**
 * The compiled path alone (never a trace): the Decision or request error, or null when only the
 * reference can answer: the evaluation fails (the reference words the error) or the version is not
 * compilable. Synchronous, for callers that evaluate in bulk.
 */
export function evaluateCompiled(
  ruleset: Ruleset,
  request: EvaluationRequest,
): Result<Decision, EvaluationError> | null {
  const compiled = compiledOutcome(ruleset, request);
  return 'ok' in compiled ? compiled : null;
}

type Fallback = EvaluatorFallback & { error?: unknown };

function compiledOutcome(
  ruleset: Ruleset,
  request: EvaluationRequest,
): Result<Decision, EvaluationError> | Fallback {
  // locate() written out: this runs on every decision, and its result object is not needed here.
  const policy = ruleset.policies.get(request.policy);
  if (policy === undefined || (request.at !== undefined && !isIsoDate(request.at)))
    return refusal(ruleset, request);
  const at = resolveAt(policy, request);
  const version = versionInForce(policy, at);
  if (version === null) return refusal(ruleset, request);
  const compilation = compiledVersion(ruleset, policy, version);
  const { effectiveFrom } = version;
  if (compilation.compiled === null)
    return { policy: policy.id, effectiveFrom, reason: 'not-compilable', detail: compilation.notCompilable };
  try {
    const overrides = request.computedOverrides ?? NO_OVERRIDES;
    return ok(compilation.compiled.run(request.facts, at, overrides, ruleset.hash));
  } catch (error) {
    return { policy: policy.id, effectiveFrom, reason: 'evaluation-failed', detail: String(error), error };
  }
}

/**
 * The generated code threw, where json-rules-engine fails too: the reference words the error. Should
 * the reference answer instead, the compiled path is wrong, and its error is thrown.
 */
async function failedEvaluation(
  ruleset: Ruleset,
  request: EvaluationRequest,
  error: unknown,
): Promise<Result<Decision, EvaluationError>> {
  const reference = await evaluateReference(ruleset, request);
  if (!reference.ok && reference.error.code === 'EVALUATION_FAILED') return reference;
  throw new CompiledEvaluationError(request.policy, error);
}

/** locate()'s error, for a request that one of its checks refuses. */
function refusal(ruleset: Ruleset, request: EvaluationRequest): Result<never, EvaluationError> {
  const located = locate(ruleset, request);
  if (located.ok) throw new Error(`${request.policy}: refused by one check of locate() and not by locate()`);
  return located;
}

function locate(
  ruleset: Ruleset,
  request: EvaluationRequest,
): Result<{ policy: Policy; version: PolicyVersion; at: string }, EvaluationError> {
  const policy = ruleset.policies.get(request.policy);
  if (!policy) return err({ code: 'UNKNOWN_POLICY', policy: request.policy });
  if (request.at !== undefined && !isIsoDate(request.at)) return err({ code: 'INVALID_AT', at: request.at });
  const at = resolveAt(policy, request);
  const version = versionInForce(policy, at);
  if (!version) return err({ code: 'NO_VERSION_IN_FORCE', policy: policy.id, at });
  return ok({ policy, version, at });
}

/** Told of each branching call an evaluation makes (coverage.ts); see `ExprContext.branch`. */
export type BranchProbe = NonNullable<ExprContext['branch']>;

/**
 * json-rules-engine on the rule files as written: the reference interpreter, always. `probe`, for
 * the auditor's coverage only, is told of every branching call of the derived facts and outputs.
 */
export async function evaluateReference(
  ruleset: Ruleset,
  request: EvaluationRequest,
  probe?: BranchProbe,
): Promise<Result<Decision, EvaluationError>> {
  const located = locate(ruleset, request);
  if (!located.ok) return located;
  const { policy, version, at } = located.value;

  const context = new EvaluationContext(ruleset, version, request.facts, at, request.computedOverrides ?? {});
  if (probe !== undefined) context.branch = probe;
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  for (const operator of CUSTOM_OPERATORS) engine.addOperator(operator);
  for (const rule of version.rules)
    engine.addRule({
      name: rule.name,
      priority: rule.priority ?? 1,
      conditions: structuredClone(rule.conditions) as never,
      event: { type: rule.event.type },
    });
  engine.addFact('parameter', (params) => context.parameter(String(params.name)), { cache: true });
  for (const name of Object.keys(version.computed)) engine.addFact(name, () => context.fact(name));

  let results: RuleResult[];
  try {
    const run = await engine.run(context.inputFacts());
    results = [...run.results, ...run.failureResults];
  } catch (e) {
    return err({ code: 'EVALUATION_FAILED', policy: policy.id, reason: (e as Error).message });
  }
  const fired = new Map(results.map((r) => [r.name as string, r.result]));

  try {
    const violations: Violation[] = [];
    const outputs: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(version.outputs)) outputs[name] = evaluateExpr(expr, context);
    const placeholderValue = (kind: PlaceholderKind, name: string): unknown =>
      kind === 'param' ? context.parameter(name) : kind === 'fact' ? context.fact(name) : outputs[name];
    for (const rule of version.rules) {
      if (!fired.get(rule.name)) continue;
      const code = rule.event.params?.code;
      if (rule.event.type === 'violation' && code) {
        const template = policy.messages[code] ?? { it: code, en: code };
        violations.push({
          code,
          message: fillMessages(template, placeholderValue),
          rule: rule.name,
          source: rule.source,
        });
      }
      for (const [name, expr] of Object.entries(rule.event.params?.outputs ?? {}))
        outputs[name] = evaluateExpr(expr, context);
    }
    // Every derived fact is computed, used or not, so the log can replay redacted decisions.
    const computed = context.allComputed();
    const decision: Decision = {
      policy: policy.id,
      title: policy.title,
      version: { effectiveFrom: version.effectiveFrom, effectiveTo: version.effectiveTo },
      rulesetHash: ruleset.hash,
      at,
      outcome: violations.length === 0 ? 'allow' : 'deny',
      violations,
      outputs,
      ruleResults: Object.fromEntries(version.rules.map((r) => [r.name, fired.get(r.name) ?? false])),
      computed,
    };
    if (request.trace)
      decision.trace = { rules: traceRules(version, results), parameters: context.parameterUses(), computed };
    return ok(decision);
  } catch (e) {
    return err({ code: 'EVALUATION_FAILED', policy: policy.id, reason: (e as Error).message });
  }
}

/** Per-evaluation state: input facts, memoised derived facts, and the parameters read. */
class EvaluationContext implements ExprContext {
  private readonly computedValues = new Map<string, unknown>();
  private readonly uses = new Map<string, ParameterUse>();
  branch?: BranchProbe;

  constructor(
    private readonly ruleset: Ruleset,
    private readonly version: PolicyVersion,
    private readonly facts: Record<string, unknown>,
    private readonly at: string,
    private readonly overrides: Record<string, unknown>,
  ) {}

  inputFacts(): Record<string, unknown> {
    const facts: Record<string, unknown> = { at: this.at };
    for (const [name, value] of Object.entries(this.facts)) if (value !== undefined) facts[name] = value;
    return facts;
  }

  fact(name: string): unknown {
    if (name === 'at') return this.at;
    const expr = this.version.computed[name];
    if (expr === undefined) return this.facts[name] ?? null;
    if (name in this.overrides) return this.overrides[name];
    if (!this.computedValues.has(name)) this.computedValues.set(name, evaluateExpr(expr, this));
    return this.computedValues.get(name);
  }

  parameter(name: string, asOf: string = this.at): unknown {
    const parameter = this.ruleset.parameters.get(name);
    const entry = parameter ? entryInForce(parameter.history, asOf) : null;
    this.uses.set(`${name}@${asOf}`, {
      name,
      asOf,
      value: entry?.value ?? null,
      from: entry?.from ?? null,
      source: entry?.source ?? null,
    });
    return entry?.value ?? null;
  }

  parameterHistory(name: string) {
    const history = this.ruleset.parameters.get(name)?.history ?? [];
    const current = entryInForce(history, this.at);
    this.uses.set(`${name}@history`, {
      name,
      asOf: this.at,
      value: current?.value ?? null,
      from: current?.from ?? null,
      source: current ? `${current.source} (whole dated history used)` : null,
    });
    return history;
  }

  allComputed(): Record<string, unknown> {
    return Object.fromEntries(Object.keys(this.version.computed).map((name) => [name, this.fact(name)]));
  }

  parameterUses(): ParameterUse[] {
    return [...this.uses.values()];
  }
}

function traceRules(version: PolicyVersion, results: RuleResult[]): RuleTrace[] {
  const byName = new Map(results.map((r) => [r.name as string, r]));
  return version.rules.map((rule) => {
    const result = byName.get(rule.name);
    const json = result ? (result.toJSON(false) as unknown as { conditions: ConditionTrace }) : undefined;
    return {
      name: rule.name,
      description: rule.description,
      source: rule.source,
      priority: rule.priority ?? 1,
      effect: rule.event.type,
      ...(rule.event.params?.code ? { code: rule.event.params.code } : {}),
      fired: result?.result ?? false,
      conditions: json?.conditions ?? (rule.conditions as ConditionTrace),
    };
  });
}
