// Evaluates the small expression language of `computed` and `outputs` (see types.ts `Expr`).
// Synchronous and side-effect free but for recording which parameters were read, for the trace.
import { FUNCTIONS } from './functions.js';
import { resolvePath } from './paths.js';
import type { DatedValue, Expr } from './types.js';

export interface ExprContext {
  /** An input, built-in or computed fact; computed ones are evaluated on first use. */
  fact(name: string): unknown;
  /** The value of a parameter in force on `asOf` (default: the evaluation date). */
  parameter(name: string, asOf?: string): unknown;
  parameterHistory(name: string): readonly DatedValue[];
  /**
   * Coverage only (never set on the compiled path): told of every branching call (`if`, `coalesce`,
   * `lookup`, see coverage.ts) with the expression object and its evaluated arguments.
   */
  branch?(expr: object, fn: string, args: Readonly<Record<string, unknown>>): void;
}

export type ExprKind = 'literal' | 'list' | 'fact' | 'param' | 'paramHistory' | 'const' | 'fn' | 'invalid';

export function exprKind(expr: unknown): ExprKind {
  if (expr === null || ['string', 'number', 'boolean'].includes(typeof expr)) return 'literal';
  if (Array.isArray(expr)) return 'list';
  if (typeof expr !== 'object') return 'invalid';
  const keys = Object.keys(expr as object);
  if ('fact' in expr && keys.every((k) => k === 'fact' || k === 'path')) return 'fact';
  if ('param' in expr && keys.every((k) => k === 'param' || k === 'asOf')) return 'param';
  if ('paramHistory' in expr && keys.length === 1) return 'paramHistory';
  if ('const' in expr && keys.length === 1) return 'const';
  if ('fn' in expr && keys.every((k) => k === 'fn' || k === 'args')) return 'fn';
  return 'invalid';
}

export function evaluateExpr(expr: Expr, ctx: ExprContext): unknown {
  switch (exprKind(expr)) {
    case 'literal':
      return expr;
    case 'list':
      return (expr as Expr[]).map((e) => evaluateExpr(e, ctx));
    case 'fact': {
      const { fact, path } = expr as { fact: string; path?: string };
      const value = ctx.fact(fact);
      return path === undefined ? (value ?? null) : (resolvePath(value, path) ?? null);
    }
    case 'param': {
      const { param, asOf } = expr as { param: string; asOf?: Expr };
      const date = asOf === undefined ? undefined : evaluateExpr(asOf, ctx);
      return ctx.parameter(param, typeof date === 'string' ? date : undefined);
    }
    case 'paramHistory':
      return ctx.parameterHistory((expr as { paramHistory: string }).paramHistory);
    case 'const':
      return (expr as { const: unknown }).const;
    case 'fn': {
      const { fn, args = {} } = expr as { fn: string; args?: Record<string, Expr> };
      const impl = FUNCTIONS[fn];
      if (!impl) throw new Error(`unknown function "${fn}"`);
      const values: Record<string, unknown> = {};
      for (const [name, arg] of Object.entries(args)) values[name] = evaluateExpr(arg, ctx);
      if (ctx.branch !== undefined) ctx.branch(expr as object, fn, values);
      return impl(values);
    }
    default:
      throw new Error(`not an expression: ${JSON.stringify(expr)}`);
  }
}

/** Every fact, parameter and function an expression refers to: for load-time checks. */
export function expressionRefs(expr: unknown): {
  facts: string[];
  params: string[];
  fns: string[];
  invalid: unknown[];
} {
  const refs = {
    facts: [] as string[],
    params: [] as string[],
    fns: [] as string[],
    invalid: [] as unknown[],
  };
  const walk = (e: unknown): void => {
    switch (exprKind(e)) {
      case 'list':
        (e as unknown[]).forEach(walk);
        break;
      case 'fact':
        refs.facts.push((e as { fact: string }).fact);
        break;
      case 'param': {
        const p = e as { param: string; asOf?: unknown };
        refs.params.push(p.param);
        if (p.asOf !== undefined) walk(p.asOf);
        break;
      }
      case 'paramHistory':
        refs.params.push((e as { paramHistory: string }).paramHistory);
        break;
      case 'fn': {
        const f = e as { fn: string; args?: Record<string, unknown> };
        refs.fns.push(f.fn);
        Object.values(f.args ?? {}).forEach(walk);
        break;
      }
      case 'invalid':
        refs.invalid.push(e);
        break;
      default:
    }
  };
  walk(expr);
  return refs;
}
