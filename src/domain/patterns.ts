// Every regular expression a rule set will run, with where it is written, so the loader can refuse
// one that could freeze the service (catastrophic backtracking) before it serves a decision.
// Patterns reach a regex in four ways: the `matches` operator's value, the `pattern` argument of
// the `matches`/`capture` functions (a literal, a parameter, or a derived fact holding one, maybe
// through a path), a parameter whose unit says it is a regular expression, and the `pattern` /
// `patternProperties` keywords of a facts schema (Ajv runs them on callers' input).
import { expressionRefs, exprKind } from './expressions.js';
import { type PathKey, pathKeys, resolveKeys } from './paths.js';
import type { ConditionDef, Expr, Parameter, Policy, PolicyVersion, Ruleset } from './types.js';

export interface PatternSite {
  file: string;
  /** JSON Pointer of the pattern's text in `file`. */
  path: string;
  pattern: string;
}

/** A pattern the loader cannot see (it comes from a caller or is computed): refused as unknown. */
export interface OpaquePattern {
  file: string;
  path: string;
  reason: string;
}

const PATTERN_FUNCTIONS = new Set(['matches', 'capture']);
const MAX_DEPTH = 16;

export function patternSites(ruleset: Ruleset): { sites: PatternSite[]; opaque: OpaquePattern[] } {
  const sites: PatternSite[] = [];
  const opaque: OpaquePattern[] = [];
  const seen = new Set<string>();
  const add = (site: PatternSite) => {
    const key = `${site.file}\0${site.path}`;
    if (!seen.has(key)) sites.push(site);
    seen.add(key);
  };

  for (const parameter of ruleset.parameters.values())
    if (/regular expression/i.test(parameter.unit ?? '')) paramSites(parameter, [], add);

  for (const policy of ruleset.policies.values()) {
    schemaPatternSites(policy.facts, policy.file, '/facts', add);
    policy.versions.forEach((version, v) => {
      const vpath = `/versions/${v}`;
      const from = (expr: unknown, at: string) =>
        resolvePattern(expr as Expr, [], { policy, version, ruleset, at, add, opaque }, 0);
      const walkExpr = (expr: unknown, at: string): void => {
        if (exprKind(expr) === 'list')
          (expr as unknown[]).forEach((e, i) => {
            walkExpr(e, `${at}/${i}`);
          });
        if (exprKind(expr) !== 'fn') return;
        const { fn, args = {} } = expr as { fn: string; args?: Record<string, unknown> };
        if (PATTERN_FUNCTIONS.has(fn) && 'pattern' in args) from(args.pattern, `${at}/args/pattern`);
        for (const [name, arg] of Object.entries(args)) walkExpr(arg, `${at}/args/${escapeToken(name)}`);
      };
      for (const [name, expr] of Object.entries(version.computed))
        walkExpr(expr, `${vpath}/computed/${escapeToken(name)}`);
      for (const [name, expr] of Object.entries(version.outputs))
        walkExpr(expr, `${vpath}/outputs/${escapeToken(name)}`);
      version.rules.forEach((rule, r) => {
        const rpath = `${vpath}/rules/${r}`;
        for (const [name, expr] of Object.entries(rule.event.params?.outputs ?? {}))
          walkExpr(expr, `${rpath}/event/params/outputs/${escapeToken(name)}`);
        walkCondition(rule.conditions, `${rpath}/conditions`, (value, at) => {
          const ref = value as { fact?: unknown; params?: { name?: unknown }; path?: unknown } | null;
          if (ref && typeof ref === 'object' && ref.fact === 'parameter') {
            const param = ruleset.parameters.get(String(ref.params?.name));
            const keys = typeof ref.path === 'string' ? pathKeys(ref.path) : [];
            if (param) paramSites(param, keys, add);
          } else if (ref && typeof ref === 'object' && typeof ref.fact === 'string')
            from({ fact: ref.fact, ...(typeof ref.path === 'string' ? { path: ref.path } : {}) }, at);
          else from(value, at);
        });
      });
    });
  }
  return { sites, opaque };
}

/** `pattern` and `patternProperties` in a JSON Schema (not inside enum/const/examples/default). */
export function schemaPatternSites(
  schema: unknown,
  file: string,
  base: string,
  add: (site: PatternSite) => void,
): void {
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${at}/${i}`);
      });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const path = `${at}/${escapeToken(key)}`;
      if (['enum', 'const', 'examples', 'default'].includes(key)) continue;
      if (key === 'pattern' && typeof value === 'string') add({ file, path, pattern: value });
      else if (key === 'patternProperties' && value && typeof value === 'object')
        for (const name of Object.keys(value)) {
          add({ file, path: `${path}/${escapeToken(name)}`, pattern: name });
          walk((value as Record<string, unknown>)[name], `${path}/${escapeToken(name)}`);
        }
      else walk(value, path);
    }
  };
  walk(schema, base);
}

interface Context {
  policy: Policy;
  version: PolicyVersion;
  ruleset: Ruleset;
  /** Where the pattern is used, for an opaque one. */
  at: string;
  add(site: PatternSite): void;
  opaque: OpaquePattern[];
}

/** The pattern texts an expression can produce, followed through parameters and derived facts. */
function resolvePattern(expr: Expr, keys: PathKey[], ctx: Context, depth: number): void {
  const refuse = (why: string): void => {
    ctx.opaque.push({
      file: ctx.policy.file,
      path: ctx.at,
      reason: `the pattern ${why}, so it cannot be checked at load; write it in the rule files or a parameter`,
    });
  };
  if (depth > MAX_DEPTH) {
    refuse('is derived too deeply');
    return;
  }
  switch (exprKind(expr)) {
    case 'literal':
      if (typeof expr === 'string' && keys.length === 0)
        ctx.add({ file: ctx.policy.file, path: ctx.at, pattern: expr });
      return;
    case 'const': {
      const value = resolveKeys((expr as { const: unknown }).const, keys);
      if (typeof value === 'string') ctx.add({ file: ctx.policy.file, path: ctx.at, pattern: value });
      return;
    }
    case 'param': {
      const param = ctx.ruleset.parameters.get((expr as { param: string }).param);
      if (param) paramSites(param, keys, ctx.add);
      return;
    }
    case 'fact': {
      const { fact, path } = expr as { fact: string; path?: string };
      const derived = ctx.version.computed[fact];
      const all = [...(path === undefined ? [] : pathKeys(path)), ...keys];
      if (derived === undefined) refuse(`comes from the fact "${fact}" given by the caller`);
      else resolvePattern(derived, all, ctx, depth + 1);
      return;
    }
    default: {
      const refs = expressionRefs(expr);
      refuse(`is computed${refs.fns.length ? ` (by ${refs.fns.join(', ')})` : ''}`);
      return;
    }
  }
}

/** Every string a parameter's history holds at `keys`; with no keys, every string in each value. */
function paramSites(param: Parameter, keys: PathKey[], add: (site: PatternSite) => void): void {
  param.history.forEach((entry, i) => {
    const base = `/parameters/${escapeToken(param.name)}/history/${i}/value`;
    const strings = (value: unknown, at: string): void => {
      if (typeof value === 'string') add({ file: param.file, path: at, pattern: value });
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) strings(v, `${at}/${escapeToken(k)}`);
    };
    if (keys.length === 0) strings(entry.value, base);
    else {
      const value = resolveKeys(entry.value, keys);
      if (typeof value === 'string')
        add({ file: param.file, path: `${base}${pointerOf(keys)}`, pattern: value });
    }
  });
}

function walkCondition(c: ConditionDef, path: string, onPattern: (value: unknown, at: string) => void): void {
  if ('all' in c) {
    for (const [i, s] of c.all.entries()) walkCondition(s, `${path}/all/${i}`, onPattern);
  } else if ('any' in c) {
    for (const [i, s] of c.any.entries()) walkCondition(s, `${path}/any/${i}`, onPattern);
  } else if ('not' in c) walkCondition(c.not, `${path}/not`, onPattern);
  else if (c.operator === 'matches') onPattern(c.value, `${path}/value`);
}

const pointerOf = (keys: readonly PathKey[]) => keys.map((k) => `/${escapeToken(String(k))}`).join('');
const escapeToken = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
