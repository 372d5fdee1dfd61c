// Generates a rule's json-rules-engine conditions as one JavaScript expression with the engine's
// exact result (rule.js, condition.js, almanac.js, v7):
// - a node with no child passes (`any: []` too); with one child it is that child's result as is;
//   with more, `all` passes when every child's result `=== true`, `any` when some child's does;
//   `not` negates; a nested node's result is coerced with `=== true`.
// - Every child is evaluated (`&`/`|`, which do not short-circuit), like the engine, which evaluates
//   a whole priority group at once and short-circuits only between groups (the schema has no
//   condition priorities). Evaluating at least what the engine evaluates means that whenever the
//   engine would throw, this throws too; the caller then asks the engine, so even error texts match.
// - Facts are looked up as the almanac does: an input fact (own, not undefined) first, then `at`,
//   derived facts, `parameter`; an unknown fact is undefined. A `path` applies to objects only,
//   anything else is returned as is.
import { pathKeys } from '../paths.js';
import type { ConditionDef } from '../types.js';
import { type CompileEnvironment, NotCompilable } from './environment.js';
import { operatorFunction } from './operators.js';
import { literal } from './source.js';

const has = (o: object, key: string): boolean => Object.hasOwn(o, key);

/** The rule's top-level conditions (`any`, then `all`, then `not`, as the engine picks). */
export function ruleConditionCode(root: ConditionDef, env: CompileEnvironment): string {
  if (root === null || typeof root !== 'object') throw new NotCompilable('conditions root');
  if (has(root, 'any')) return listCode(listOf(root, 'any'), 'any', env);
  if (has(root, 'all')) return listCode(listOf(root, 'all'), 'all', env);
  if (has(root, 'not')) return `!(${nodeCode((root as { not: ConditionDef }).not, env)})`;
  throw new NotCompilable('conditions root must be all, any or not');
}

function listOf(node: object, key: 'all' | 'any'): ConditionDef[] {
  const list = (node as Record<string, unknown>)[key];
  if (!Array.isArray(list)) throw new NotCompilable(`"${key}" must be an array`);
  return list as ConditionDef[];
}

function listCode(children: ConditionDef[], op: 'all' | 'any', env: CompileEnvironment): string {
  const codes = children.map((c) => nodeCode(c, env));
  if (codes.length === 0) return 'true';
  if (codes.length === 1) return codes[0] as string;
  const strict = codes.map((c) => `((${c}) === true)`);
  return op === 'all' ? `((${strict.join(' & ')}) === 1)` : `((${strict.join(' | ')}) === 1)`;
}

/** A condition inside a list or a `not`: boolean nodes answer strictly true/false. */
function nodeCode(c: ConditionDef, env: CompileEnvironment): string {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new NotCompilable('condition');
  if (has(c, 'any') || has(c, 'all')) {
    const op = has(c, 'any') ? 'any' : 'all';
    return `((${listCode(listOf(c, op), op, env)}) === true)`;
  }
  if (has(c, 'not')) return `!(${nodeCode((c as { not: ConditionDef }).not, env)})`;
  return leafCode(c, env);
}

function leafCode(c: object, env: CompileEnvironment): string {
  // Condition references and malformed leaves make the engine throw on load: leave them to it.
  if (has(c, 'condition') || !has(c, 'fact') || !has(c, 'operator') || !has(c, 'value'))
    throw new NotCompilable('condition leaf');
  const leaf = c as { fact: unknown; operator: unknown; value: unknown; params?: unknown; path?: unknown };
  const test = typeof leaf.operator === 'string' ? operatorFunction(leaf.operator) : undefined;
  if (!test) throw new NotCompilable(`operator ${String(leaf.operator)}`);
  const factValue = factCode(leaf.fact, leaf.params, leaf.path, env);
  const v = leaf.value;
  const expected =
    v !== null && typeof v === 'object' && has(v, 'fact')
      ? factCode(
          (v as { fact: unknown }).fact,
          (v as { params?: unknown }).params,
          (v as { path?: unknown }).path,
          env,
        )
      : env.source.value(v);
  return `${env.source.constant(test)}(${factValue}, ${expected})`;
}

/** `almanac.factValue(fact, params, path)`. */
function factCode(fact: unknown, params: unknown, path: unknown, env: CompileEnvironment): string {
  if (typeof fact !== 'string') throw new NotCompilable('fact name');
  const read = almanacFact(fact, params, env);
  if (path === undefined || path === null || path === '') return read;
  if (typeof path !== 'string') throw new NotCompilable('path');
  return `h.almanacPath(${read}, ${env.source.constant(pathKeys(path))})`;
}

function almanacFact(name: string, params: unknown, env: CompileEnvironment): string {
  const slot = env.derivedSlot(name);
  const engineFact =
    name === 'at'
      ? 'at'
      : slot !== undefined
        ? env.derived(slot)
        : name === 'parameter'
          ? parameterFact(params, env)
          : 'undefined';
  const key = literal(name);
  // Input facts are the run's runtime facts (own enumerable, not undefined) and override the
  // engine's facts of the same name. Facts are JSON data (parsed bodies, YAML suites): their own
  // properties are enumerable, and a value found under a name Object.prototype lacks is their own,
  // so only names like `constructor` need the (slower) own-property test. `t` is a scratch variable
  // of the generated function, read right after it is set.
  if (name in Object.prototype) return `(h.isRuntimeFact(facts, ${key}) ? facts[${key}] : ${engineFact})`;
  return `((t = facts[${key}]) !== undefined ? t : ${engineFact})`;
}

/** The `parameter` fact: `String(params.name)`, params defaulting to `{}` (null throws, as there). */
function parameterFact(params: unknown, env: CompileEnvironment): string {
  if (params === null) return `h.fail(${literal("Cannot read properties of null (reading 'name')")})`;
  return env.param(String(params === undefined ? undefined : (params as { name?: unknown }).name));
}
