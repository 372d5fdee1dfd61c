// Generates JavaScript for the expression language of `computed` and `outputs` (../expressions.ts):
// the form of each node is decided once, functions are looked up once, paths parsed once. What the
// interpreter throws on at run time throws at run time here too (through `h.fail`), never earlier.
import { exprKind } from '../expressions.js';
import { BY_POSITION, FUNCTIONS } from '../functions.js';
import { pathKeys } from '../paths.js';
import type { Expr } from '../types.js';
import type { CompileEnvironment } from './environment.js';
import { literal } from './source.js';
import { type CallSite, SPECIALISED } from './specialised.js';

export function exprCode(expr: Expr, env: CompileEnvironment): string {
  const src = env.source;
  switch (exprKind(expr)) {
    case 'literal':
      return src.value(expr);
    case 'list':
      // An array literal evaluates its items in order, as `map` does.
      return `[${(expr as Expr[]).map((e) => exprCode(e, env)).join(', ')}]`;
    case 'fact': {
      const { fact, path } = expr as { fact: string; path?: string };
      const read = env.exprFact(fact);
      if (path === undefined) return `(${read} ?? null)`;
      const keys = pathKeys(path);
      // One step (`$.fleetReferenceDate`) read in place, as resolveKeys reads it; `read` is a local
      // or a property read of the facts, so reading it twice is the same.
      const key = keys[0];
      if (keys.length === 1 && key !== undefined)
        return `((${read} === null || ${read} === undefined ? undefined : ${read}[${typeof key === 'number' ? key : literal(key)}]) ?? null)`;
      return `(h.resolveKeys(${read}, ${src.constant(keys)}) ?? null)`;
    }
    case 'param': {
      const { param, asOf } = expr as { param: string; asOf?: Expr };
      if (asOf === undefined) return env.param(param);
      return `h.paramAsOf(${env.valueOn(param)}, ${exprCode(asOf, env)}, ${env.param(param)})`;
    }
    case 'paramHistory':
      return env.history((expr as { paramHistory: string }).paramHistory);
    case 'const':
      return src.constant((expr as { const: unknown }).const);
    case 'fn':
      return callCode(expr as { fn: string; args?: Record<string, Expr> }, env);
    default:
      return `h.fail(${literal(`not an expression: ${JSON.stringify(expr)}`)})`;
  }
}

/**
 * A call of library function `name` as the specialisations see it (its arguments and their code),
 * or null when `expr` is not such a call or names an argument `__proto__`.
 */
export function callSite(expr: Expr, env: CompileEnvironment, name: string): CallSite | null {
  if (exprKind(expr) !== 'fn') return null;
  const { fn, args = {} } = expr as { fn: string; args?: Record<string, Expr> };
  if (fn !== name || !FUNCTIONS[fn] || Object.hasOwn(args, '__proto__')) return null;
  const code = Object.fromEntries(Object.entries(args).map(([arg, e]) => [arg, exprCode(e, env)]));
  return { args, code, env, codeOf: (e) => exprCode(e, env) };
}

/** `impl({name: arg, …})`: one object literal per call site, arguments evaluated in key order. */
function callCode(
  { fn, args = {} }: { fn: string; args?: Record<string, Expr> },
  env: CompileEnvironment,
): string {
  const impl = FUNCTIONS[fn];
  // The interpreter throws before evaluating any argument.
  if (!impl) return `h.fail(${literal(`unknown function "${fn}"`)})`;
  const names = Object.keys(args);
  const values = Object.values(args).map((arg) => exprCode(arg, env));
  const call = env.source.constant(impl);
  if (names.includes('__proto__'))
    return `${call}(h.assign(${env.source.constant(names)}, [${values.join(', ')}]))`;
  const specialised = Object.hasOwn(SPECIALISED, fn)
    ? SPECIALISED[fn]?.({
        args,
        code: Object.fromEntries(names.map((name, i) => [name, values[i] as string])),
        env,
        codeOf: (e) => exprCode(e, env),
      })
    : null;
  if (specialised) return specialised;
  // Arguments by position when the function takes them so (a missing one is undefined, as there).
  const positional = Object.hasOwn(BY_POSITION, fn) ? BY_POSITION[fn] : undefined;
  if (positional && names.every((name) => positional.args.includes(name)))
    return `${env.source.constant(positional.impl)}(${positional.args
      .map((name) => (names.includes(name) ? (values[names.indexOf(name)] as string) : 'undefined'))
      .join(', ')})`;
  return `${call}({${names.map((name, i) => `${literal(name)}: ${values[i]}`).join(', ')}})`;
}
