// Compiles the expression language of `computed` and `outputs` (../expressions.ts) into closures:
// the form of each node is decided once, functions are looked up once, paths are parsed once.
// Anything the interpreter would throw on at run time throws here at run time too, never earlier.
import { exprKind } from '../expressions.js';
import { FUNCTIONS } from '../functions.js';
import { pathKeys, resolveKeys } from '../paths.js';
import type { Expr } from '../types.js';
import type { CompileEnvironment } from './environment.js';
import type { Eval } from './scope.js';

export function compileExpr(expr: Expr, env: CompileEnvironment): Eval {
  switch (exprKind(expr)) {
    case 'literal':
      return () => expr;
    case 'list': {
      const items = (expr as Expr[]).map((e) => compileExpr(e, env));
      return (s) => items.map((item) => item(s));
    }
    case 'fact': {
      const { fact, path } = expr as { fact: string; path?: string };
      const read = env.exprFact(fact);
      if (path === undefined) return (s) => read(s) ?? null;
      const keys = pathKeys(path);
      return (s) => resolveKeys(read(s), keys) ?? null;
    }
    case 'param': {
      const { param, asOf } = expr as { param: string; asOf?: Expr };
      const slot = env.paramSlot(param);
      if (asOf === undefined) return (s) => s.params[slot];
      const date = compileExpr(asOf, env);
      const valueOn = env.valueOn(param);
      return (s) => {
        const d = date(s);
        return typeof d === 'string' ? valueOn(d) : s.params[slot];
      };
    }
    case 'paramHistory':
      return env.history((expr as { paramHistory: string }).paramHistory);
    case 'const': {
      const value = (expr as { const: unknown }).const;
      return () => value;
    }
    case 'fn':
      return compileCall(expr as { fn: string; args?: Record<string, Expr> }, env);
    default:
      return () => {
        throw new Error(`not an expression: ${JSON.stringify(expr)}`);
      };
  }
}

function compileCall(
  { fn, args = {} }: { fn: string; args?: Record<string, Expr> },
  env: CompileEnvironment,
): Eval {
  const impl = FUNCTIONS[fn];
  const names = Object.keys(args);
  const evals = Object.values(args).map((arg) => compileExpr(arg, env));
  if (!impl)
    return () => {
      throw new Error(`unknown function "${fn}"`);
    };
  return (s) => {
    const values: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) values[names[i] as string] = (evals[i] as Eval)(s);
    return impl(values);
  };
}
