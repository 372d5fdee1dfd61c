// What the auditor suites must exercise beyond each rule firing and not firing [E-TESTS]: the
// branches of the derived logic (each `if`'s then and else, each value of a `coalesce`, each key of
// a `lookup` table) and the dated parameter values a policy version can read. Pure: the points are
// found in the rule files, and what one evaluation took is recorded on the reference path.
import { type BranchProbe, type EvaluationRequest, evaluateReference } from './evaluate.js';
import { exprKind } from './expressions.js';
import type {
  ConditionDef,
  Decision,
  EvaluationError,
  Parameter,
  PolicyVersion,
  Result,
  Ruleset,
} from './types.js';

export const BRANCHING_FUNCTIONS: readonly string[] = ['if', 'coalesce', 'lookup'];

export interface Branch {
  /** `then`, `else`, `value 0`…, `key "2017"`, or `a value found` for a table not known before evaluation. */
  branch: string;
  /** JSON Pointer, from the version, of what the branch yields (a lookup: its table). */
  path: string;
}

export interface BranchPoint {
  /** The derived fact, output or rule output holding the call: `computed fact fee`, `output scope`, `rule R output X`. */
  where: string;
  /** JSON Pointer of the call from the version (`/computed/fee/args/then`). */
  path: string;
  fn: string;
  branches: Branch[];
  /** The expression object itself: evaluations report branches taken by identity. */
  expr: object;
}

/** Every branching call in a version's derived facts, outputs and rule outputs. */
export function branchPoints(
  version: PolicyVersion,
  parameters: ReadonlyMap<string, Parameter>,
): BranchPoint[] {
  const points: BranchPoint[] = [];
  const walk = (e: unknown, where: string, path: string): void => {
    switch (exprKind(e)) {
      case 'list':
        (e as unknown[]).forEach((item, i) => {
          walk(item, where, `${path}/${i}`);
        });
        return;
      case 'param': {
        const asOf = (e as { asOf?: unknown }).asOf;
        if (asOf !== undefined) walk(asOf, where, `${path}/asOf`);
        return;
      }
      case 'fn': {
        const { fn, args = {} } = e as { fn: string; args?: Record<string, unknown> };
        const branches = branchesOf(fn, args, path, version, parameters);
        if (branches) points.push({ where, path, fn, branches, expr: e as object });
        for (const [name, arg] of Object.entries(args))
          walk(arg, where, `${path}/args/${pointerToken(name)}`);
        return;
      }
      default:
    }
  };
  for (const [name, e] of Object.entries(version.computed))
    walk(e, `computed fact ${name}`, `/computed/${pointerToken(name)}`);
  for (const [name, e] of Object.entries(version.outputs))
    walk(e, `output ${name}`, `/outputs/${pointerToken(name)}`);
  version.rules.forEach((rule, i) => {
    for (const [name, e] of Object.entries(rule.event.params?.outputs ?? {}))
      walk(e, `rule ${rule.name} output ${name}`, `/rules/${i}/event/params/outputs/${pointerToken(name)}`);
  });
  return points;
}

function branchesOf(
  fn: string,
  args: Record<string, unknown>,
  path: string,
  version: PolicyVersion,
  parameters: ReadonlyMap<string, Parameter>,
): Branch[] | null {
  switch (fn) {
    case 'if':
      return [
        { branch: 'then', path: `${path}/args/then` },
        { branch: 'else', path: `${path}/args/else` },
      ];
    case 'coalesce': {
      const values = args.values;
      // A list computed at run time has no fixed branches: the call is then only required to answer.
      if (!Array.isArray(values)) return [{ branch: 'a value found', path: `${path}/args/values` }];
      return values.map((_, i) => ({ branch: `value ${i}`, path: `${path}/args/values/${i}` }));
    }
    case 'lookup': {
      const keys = tableKeys(args.table, version, parameters);
      const table = `${path}/args/table`;
      return keys === null
        ? [{ branch: 'a value found', path: table }]
        : keys.map((key) => ({ branch: `key ${JSON.stringify(key)}`, path: table }));
    }
    default:
      return null;
  }
}

/**
 * The keys a lookup table can have while the version is in force: a constant's, or every key of the
 * parameter's values in force during the version. Null when the table is only known at run time.
 */
function tableKeys(
  table: unknown,
  version: PolicyVersion,
  parameters: ReadonlyMap<string, Parameter>,
): string[] | null {
  const kind = exprKind(table);
  const objectKeys = (value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  if (kind === 'const') return objectKeys((table as { const: unknown }).const);
  if (kind !== 'param' || (table as { asOf?: unknown }).asOf !== undefined) return null;
  const parameter = parameters.get((table as { param: string }).param);
  if (!parameter) return null;
  const keys = new Set<string>();
  for (const { entry } of entriesDuring(parameter, version))
    for (const k of objectKeys(entry.value)) keys.add(k);
  return [...keys];
}

/** The branches one call took, from its evaluated arguments (as the functions answer). */
export function branchesTaken(fn: string, args: Readonly<Record<string, unknown>>): string[] {
  switch (fn) {
    case 'if':
      return [args.condition ? 'then' : 'else'];
    case 'coalesce': {
      const values = Array.isArray(args.values) ? args.values : [];
      const i = values.findIndex((v) => v !== null && v !== undefined);
      return i < 0 ? ['none'] : [`value ${i}`, 'a value found'];
    }
    case 'lookup': {
      const { table, key } = args;
      if (table === null || typeof table !== 'object' || key === null || key === undefined)
        return ['missing'];
      const value = (table as Record<string, unknown>)[String(key)];
      return value === null || value === undefined
        ? ['missing']
        : [`key ${JSON.stringify(String(key))}`, 'a value found'];
    }
    default:
      return [];
  }
}

/** A parameter read by a version, and whether only as a whole history (`paramHistory`). */
export interface ParameterRead {
  name: string;
  wholeHistory: boolean;
}

/** The parameters a version reads: in derived facts, outputs, rule outputs and rule conditions. */
export function parametersRead(version: PolicyVersion): ParameterRead[] {
  const byName = new Map<string, boolean>();
  const note = (name: string, whole: boolean) => byName.set(name, (byName.get(name) ?? true) && whole);
  const walk = (e: unknown): void => {
    switch (exprKind(e)) {
      case 'list':
        (e as unknown[]).forEach(walk);
        return;
      case 'param': {
        const p = e as { param: string; asOf?: unknown };
        note(p.param, false);
        if (p.asOf !== undefined) walk(p.asOf);
        return;
      }
      case 'paramHistory':
        note((e as { paramHistory: string }).paramHistory, true);
        return;
      case 'fn':
        Object.values((e as { args?: Record<string, unknown> }).args ?? {}).forEach(walk);
        return;
      default:
    }
  };
  const condition = (c: ConditionDef): void => {
    if ('all' in c) c.all.forEach(condition);
    else if ('any' in c) c.any.forEach(condition);
    else if ('not' in c) condition(c.not);
    else
      for (const ref of [c, c.value as { fact?: unknown; params?: Record<string, unknown> } | null])
        if (
          ref &&
          typeof ref === 'object' &&
          ref.fact === 'parameter' &&
          typeof ref.params?.name === 'string'
        )
          note(ref.params.name, false);
  };
  Object.values(version.computed).forEach(walk);
  Object.values(version.outputs).forEach(walk);
  for (const rule of version.rules) {
    Object.values(rule.event.params?.outputs ?? {}).forEach(walk);
    condition(rule.conditions);
  }
  return [...byName].map(([name, wholeHistory]) => ({ name, wholeHistory }));
}

/** The history entries of `parameter` in force on some day of the version's window, with their index. */
export function entriesDuring(
  parameter: Parameter,
  version: Pick<PolicyVersion, 'effectiveFrom' | 'effectiveTo'>,
): Array<{ entry: Parameter['history'][number]; index: number }> {
  return parameter.history.flatMap((entry, index) => {
    const next = parameter.history[index + 1];
    const startsInTime = version.effectiveTo === null || entry.from <= version.effectiveTo;
    const endsAfterStart = next === undefined || next.from > version.effectiveFrom;
    return startsInTime && endsAfterStart ? [{ entry, index }] : [];
  });
}

/** A decision made on the reference path with its trace, and the branches each call took. */
export interface CoveredDecision {
  decision: Decision;
  taken: ReadonlyMap<object, ReadonlySet<string>>;
}

/**
 * Evaluates `request` on json-rules-engine with a trace, recording the branches taken: the auditor's
 * separate instrumented evaluation, so that the compiled path carries no instrumentation.
 */
export async function evaluateCovered(
  ruleset: Ruleset,
  request: EvaluationRequest,
): Promise<Result<CoveredDecision, EvaluationError>> {
  const taken = new Map<object, Set<string>>();
  const probe: BranchProbe = (expr, fn, args) => {
    if (!BRANCHING_FUNCTIONS.includes(fn)) return;
    const seen = taken.get(expr) ?? new Set<string>();
    for (const b of branchesTaken(fn, args)) seen.add(b);
    taken.set(expr, seen);
  };
  const result = await evaluateReference(ruleset, { ...request, trace: true }, probe);
  return result.ok ? { ok: true, value: { decision: result.value, taken } } : result;
}

function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
