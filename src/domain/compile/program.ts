// Compiles one policy version into a synchronous function from (facts, at) to the Decision the
// reference interpreter (../evaluate.ts `evaluateReference`) returns for the same request: one
// JavaScript function generated per version, so each has inline caches of its own (closures shared
// by every policy would see all their shapes and lose them). It throws wherever the reference would report
// EVALUATION_FAILED (and possibly in a few more places, where the reference short-circuits); the
// caller then asks the reference, which gives the exact error.

import { exprKind } from '../expressions.js';
import type { Decision, Expr, Parameter, Policy, PolicyVersion } from '../types.js';
import { ruleConditionCode } from './conditions.js';
import { CompileEnvironment, NotCompilable } from './environment.js';
import { callSite, exprCode } from './expressions.js';
import { messagesCode } from './messages.js';
import { type Helpers, helpers } from './runtime.js';
import { literal } from './source.js';
import { activeThenPluck } from './specialised.js';

export interface CompiledVersion {
  run(facts: Record<string, unknown>, at: string, overrides: Record<string, unknown>, hash: string): Decision;
  /** The generated source, for reading and debugging. */
  readonly source: string;
}

/** Throws NotCompilable when the version uses something only the reference engine handles. */
export function compileVersion(
  policy: Policy,
  version: PolicyVersion,
  parameters: ReadonlyMap<string, Parameter>,
): CompiledVersion {
  checkEngineAccepts(version);
  const env = new CompileEnvironment(version.computed, parameters);
  const src = env.source;

  // Derived facts: locals set in an order where each comes after those it reads, replay overrides
  // first (`in`, as the reference). The reference evaluates every derived fact of every decision
  // (the log keeps them all), so evaluating them all first, rather than on first use, is the same.
  const fused = fusedDerivations(version.computed, env);
  const derived = derivationOrder(version.computed, env).map((slot) => {
    const name = env.derivedNames[slot] as string;
    const key = literal(name);
    const value = fused.get(name) ?? exprCode(version.computed[name] ?? null, env);
    // A name Object.prototype has (`constructor`…) is `in` any overrides object, as the reference finds.
    const replayed = name in Object.prototype ? `${key} in overrides` : `replay && ${key} in overrides`;
    return `const ${env.derived(slot)} = ${replayed} ? overrides[${key}] : ${value};`;
  });
  const rules = version.rules.map((rule, i) => `const r${i} = ${ruleConditionCode(rule.conditions, env)};`);
  const outputs = Object.entries(version.outputs).map(([name, e]) => `${literal(name)}: ${exprCode(e, env)}`);
  // As the reference: for each rule in order that held, its violation (messages quote the outputs
  // so far), then its outputs.
  const effects = version.rules.map((rule, i) => {
    const code = rule.event.params?.code;
    const steps: string[] = [];
    if (rule.event.type === 'violation' && code)
      steps.push(
        `violations.push({code: ${literal(code)}, message: ${messagesCode(policy.messages[code] ?? { it: code, en: code }, env)}, rule: ${literal(rule.name)}, source: ${src.value(rule.source)}});`,
      );
    for (const [name, e] of Object.entries(rule.event.params?.outputs ?? {}))
      steps.push(`out[${literal(name)}] = ${exprCode(e, env)};`);
    return steps.length > 0 ? `if (r${i}) { ${steps.join(' ')} }` : '';
  });
  const ruleResults = version.rules.map((rule, i) => `${literal(rule.name)}: r${i} ?? false`);
  // Every derived fact is computed, used or not, so the log can replay redacted decisions.
  const computed = env.derivedNames.map((name) => `${literal(name)}: ${env.exprFact(name)}`);

  const body = `"use strict";
const U = h.UNSET, NO_OVERRIDES = h.NO_OVERRIDES;
${src.declarations()}
return function run(facts, at, overrides, hash) {
  // json-rules-engine refuses a runtime fact named "" (\`new Fact('')\`) inside the run.
  if (facts[""] !== undefined && h.hasOwn(facts, "")) h.fail("factId required");
  // With NO_OVERRIDES, \`name in overrides\` is false for every name Object.prototype lacks.
  const P = params(at), replay = overrides !== NO_OVERRIDES;
  let ${['t', ...env.sharedLocals(), ...env.holderLocals()].join(', ')};
  ${derived.join('\n  ')}
  ${rules.join('\n  ')}
  const out = {${outputs.join(', ')}};
  const violations = [];
  ${effects.filter((e) => e !== '').join('\n  ')}
  return {
    policy: ${src.value(policy.id)}, title: ${src.value(policy.title)},
    version: {effectiveFrom: ${src.value(version.effectiveFrom)}, effectiveTo: ${src.value(version.effectiveTo)}},
    rulesetHash: hash, at, outcome: violations.length === 0 ? "allow" : "deny", violations, outputs: out,
    ruleResults: {${ruleResults.join(', ')}},
    computed: {${computed.join(', ')}},
  };
};`;
  // Last: every parameter slot is known only once everything above is generated.
  const params = env.paramResolver();
  const factory = new Function('K', 'h', 'params', body) as (
    constants: readonly unknown[],
    h: Helpers,
    params: (at: string) => readonly unknown[],
  ) => CompiledVersion['run'];
  return { run: factory(src.constants(), helpers, params), source: body };
}

/**
 * Code for derived facts computed together rather than each alone, by derived fact name: an
 * activeOn list and a pluckBy of it (specialised.ts, activeThenPluck); other readers of the list
 * read it as usual.
 */
function fusedDerivations(computed: Record<string, Expr>, env: CompileEnvironment): Map<string, string> {
  const codes = new Map<string, string>();
  for (const [name, expr] of Object.entries(computed)) {
    const pluck = callSite(expr, env, 'pluckBy');
    const list = pluck?.args.list;
    if (!pluck || list === undefined || exprKind(list) !== 'fact') continue;
    const { fact, path } = list as { fact: string; path?: string };
    const slot = env.derivedSlot(fact);
    if (path !== undefined || slot === undefined || fact === name || codes.has(fact)) continue;
    const active = callSite(computed[fact] ?? null, env, 'activeOn');
    const both = active && activeThenPluck(active, pluck, () => env.holder());
    if (!both) continue;
    codes.set(fact, both.active);
    codes.set(name, both.pluck);
  }
  return codes;
}

/**
 * The derived facts' slots, each after the derived facts its expression reads. A cycle would make
 * the reference recurse until the stack overflows: left to it.
 */
function derivationOrder(computed: Record<string, unknown>, env: CompileEnvironment): number[] {
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (slot: number): void => {
    const seen = state.get(slot);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new NotCompilable('derived facts read each other in a cycle');
    state.set(slot, 'visiting');
    for (const name of factsRead(computed[env.derivedNames[slot] as string])) {
      const other = env.derivedSlot(name);
      if (other !== undefined) visit(other);
    }
    state.set(slot, 'done');
    order.push(slot);
  };
  env.derivedNames.forEach((_, slot) => {
    visit(slot);
  });
  return order;
}

/** Every fact name an expression reads (`{fact}` nodes anywhere in it, but inside a `const`). */
function factsRead(expr: unknown, names: string[] = []): string[] {
  if (expr === null || typeof expr !== 'object') return names;
  if (Array.isArray(expr)) {
    for (const item of expr) factsRead(item, names);
    return names;
  }
  if (exprKind(expr as Expr) === 'const') return names;
  const fact = (expr as { fact?: unknown }).fact;
  if (typeof fact === 'string') names.push(fact);
  for (const value of Object.values(expr)) factsRead(value, names);
  return names;
}

/**
 * What makes `engine.addRule`/`addFact` throw, or would make the object literals above differ from
 * the reference (`Object.fromEntries` defines `__proto__` as a key; a literal would set the
 * prototype), is not compiled: the reference handles (or rejects) it.
 */
function checkEngineAccepts(version: PolicyVersion): void {
  const names = new Set<string>();
  for (const rule of version.rules) {
    const p = rule.priority;
    if (p !== undefined && !(typeof p === 'number' && p >= 1)) throw new NotCompilable('rule priority');
    if (
      typeof rule.name !== 'string' ||
      rule.name === '' ||
      rule.name === '__proto__' ||
      names.has(rule.name)
    )
      throw new NotCompilable('rule name');
    names.add(rule.name);
  }
  for (const name of Object.keys(version.computed))
    if (name === '' || name === '__proto__') throw new NotCompilable('derived fact name');
  if (Object.hasOwn(version.outputs, '__proto__')) throw new NotCompilable('output name');
}
