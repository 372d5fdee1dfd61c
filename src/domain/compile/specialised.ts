// Calls the compiler writes out instead of calling a library function (../functions.ts) with an
// argument object (functions that merely take their arguments by position are BY_POSITION there).
// Where a rule file fixes an argument (which fields hold a vehicle's dates, which field holds its
// mass by kind), the generated function reads those fields by name: each site gets property reads
// with inline caches of their own, and no argument object is built per call.
//
// A specialisation handles the common case only (a list that is an array, a date that is a string…)
// and hands anything else to the library function itself, with the same arguments, so it answers
// and throws as the library does for every value (test/compile/specialised.property.test.ts checks
// each against json-rules-engine on arbitrary values). Field names enter the source only as JSON
// string literals.
import { exprKind } from '../expressions.js';
import { FUNCTIONS, workingDaysAfter, workingDaysFrom } from '../functions.js';
import type { Expr } from '../types.js';
import type { CompileEnvironment } from './environment.js';
import { leadingFieldBuilders, renamingBuilders } from './shapes.js';
import { literal } from './source.js';

export interface CallSite {
  args: Readonly<Record<string, Expr>>;
  /** Generated code of each argument present. */
  code: Readonly<Record<string, string>>;
  env: CompileEnvironment;
  /** Generated code of any expression: the parts of an argument, for a call fused with it. */
  codeOf: (expr: Expr) => string;
}

type Specialiser = (site: CallSite) => string | null;

/** The library call with `code` for the arguments it names and the site's code for the others. */
function libraryCall(fn: string, site: CallSite, code: Record<string, string>): string {
  const call = site.env.source.constant(FUNCTIONS[fn]);
  const entries = Object.keys(site.args).map((name) => `${literal(name)}: ${code[name] ?? site.code[name]}`);
  return `${call}({${entries.join(', ')}})`;
}

/** Only arguments all among `names` (so each is evaluated exactly once here too). */
const argsWithinNames = (args: Readonly<Record<string, unknown>>, names: readonly string[]): boolean =>
  Object.keys(args).every((name) => names.includes(name));
const argsWithin = (site: CallSite, names: readonly string[]): boolean => argsWithinNames(site.args, names);

/** An argument the library reads as a string with a default: absent or null → `fallback`. */
function fixedString(site: CallSite, name: string, fallback: string): string | undefined {
  if (!Object.hasOwn(site.args, name)) return fallback;
  const value = site.args[name];
  if (value === null) return fallback;
  return typeof value === 'string' ? value : undefined;
}

/** An argument's code, `undefined` when absent (as the library reads a missing key). */
const argCode = (site: CallSite, name: string): string => site.code[name] ?? 'undefined';

/** Arguments with no effect beyond their value may be evaluated once for several sites. */
const sharable = (expr: Expr | undefined): boolean =>
  expr === undefined || ['literal', 'fact', 'param', 'paramHistory', 'const'].includes(exprKind(expr));

/**
 * A map over the site's `list` (holes kept, as the library's) building each object item with the
 * builder for its keys; a list that is not an array, an item that is not an object, or a key list
 * with no builder goes to the library function, whole.
 */
function builtEach(site: CallSite, fn: string, builders: object, value: string): string {
  const cache = site.env.source.constant(builders);
  const fallback = libraryCall(fn, site, { list: 'list', value: 'value' });
  const f = site.env.source.function(
    (name) => `function ${name}(list, value) {
  if (!Array.isArray(list)) return ${fallback};
  const n = list.length, out = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (item === undefined && !(i in list)) continue;
    if (item === null || typeof item !== "object") return ${fallback};
    const build = ${cache}.builderFor(item);
    if (build === null) return ${fallback};
    out[i] = build(item, value);
  }
  return out;
}`,
  );
  return `${f}(${argCode(site, 'list')}, ${value})`;
}

/** The window test of an item (an object in `item`), `from` and `to` its fields' values. */
function windowTest(fromField: string, toField: string): { read: string; holds: string } {
  return {
    read: `from = item[${literal(fromField)}]; to = item[${literal(toField)}];`,
    holds: '(typeof from === "string" && from <= date && (to === undefined || to === null || to >= date))',
  };
}

/**
 * The generated activeOn of a site (`fn`, a function of list and date) and its window test, or null
 * when not specialised. When every item is in the window it answers the list it was given, where the
 * library answers a copy: nothing in the engine writes to a fact or a derived value (the library's
 * functions never change their arguments, a decision is only read and serialised) and the copy was
 * shallow anyway, so copying every counted fleet would only cost time.
 */
function activeOnFunction(site: CallSite): ({ fn: string } & ReturnType<typeof windowTest>) | null {
  if (!argsWithin(site, ['list', 'date', 'fromField', 'toField'])) return null;
  const fromField = fixedString(site, 'fromField', 'from');
  const toField = fixedString(site, 'toField', 'to');
  if (fromField === undefined || toField === undefined) return null;
  const fallback = libraryCall('activeOn', site, { list: 'list', date: 'date' });
  const { read, holds } = windowTest(fromField, toField);
  const fn = site.env.source.function(
    (name) => `function ${name}(list, date) {
  if (!Array.isArray(list) || typeof date !== "string") return ${fallback};
  const n = list.length;
  let i = 0, item, from, to;
  // Usually the whole fleet is in it on the date: check it all, and then the list is the answer.
  for (; i < n; i++) {
    item = list[i];
    if (item === null || typeof item !== "object") break;
    ${read}
    if (!${holds}) break;
  }
  if (i === n) return list;
  const active = list.slice(0, i);
  for (i++; i < n; i++) {
    item = list[i];
    if (item === null || typeof item !== "object") continue;
    ${read}
    if (${holds}) active.push(item);
  }
  return active;
}`,
  );
  return { fn, read, holds };
}

/**
 * pluckBy with the rule file's `by` and `fields`: `read` sets `v` from an object `item` (each kind
 * the table maps to a field name read by that name; any other kind looked up in the table as the
 * library does); `fallback` is the library call on `list`.
 */
function pluckPlan(site: CallSite): { read: string; fallback: string } | null {
  if (!argsWithin(site, ['list', 'by', 'fields'])) return null;
  const by = fixedString(site, 'by', '');
  const fields = site.args.fields;
  if (by === undefined || fields === undefined || exprKind(fields) !== 'const') return null;
  const table = (fields as { const: unknown }).const;
  if (table === null || typeof table !== 'object' || Object.getPrototypeOf(table) !== Object.prototype)
    return null;
  const kinds = Object.entries(table).filter(
    (entry): entry is [string, string] => entry[0] !== '__proto__' && typeof entry[1] === 'string',
  );
  const tableRef = site.env.source.constant(table);
  const branches = kinds.map(
    ([kind, field]) => `if (kind === ${literal(kind)}) v = item[${literal(field)}]; else `,
  );
  return {
    read: `const kind = item[${literal(by)}];
      ${branches.join('')}{ const field = ${tableRef}[typeof kind === "string" ? kind : String(kind)]; v = field === undefined ? null : item[field]; }`,
    fallback: libraryCall('pluckBy', site, { list: 'list' }),
  };
}

/**
 * A derived fact that is activeOn of a list, read whole as the list of a pluckBy (the fleet counted
 * on the reference date, then each counted vehicle's mass): one pass gives both lists, each item's
 * shape checked once for the two. The activeOn site's code leaves both in the run's local `holder`,
 * which stays null when the list is a replayed override (the activeOn code does not run); the
 * pluckBy site takes the plucked list from there when there is one, and otherwise computes it as it
 * would alone. A list that is not an array, or a date that is not a string, goes to the two
 * functions as they are.
 */
export function activeThenPluck(
  active: CallSite,
  pluck: CallSite,
  newHolder: () => string,
): { active: string; pluck: string } | null {
  const window = activeOnFunction(active);
  const plan = pluckPlan(pluck);
  const pluckAlone = SPECIALISED.pluckBy?.(pluck);
  if (window === null || plan === null || !pluckAlone) return null;
  const { fn: activeOn, read, holds } = window;
  const holder = newHolder();
  const both = active.env.source.function(
    (name) => `function ${name}(list, date) {
  if (!Array.isArray(list) || typeof date !== "string") return {active: ${activeOn}(list, date), plucked: null};
  const n = list.length, plucked = new Array(n);
  // The active items: null while every item so far is one (the list itself is then the answer).
  let active = null, k = 0, item, from, to;
  for (let i = 0; i < n; i++) {
    item = list[i];
    if (item === null || typeof item !== "object") { if (active === null) active = list.slice(0, i); continue; }
    ${read}
    if (!${holds}) { if (active === null) active = list.slice(0, i); continue; }
    if (active !== null) active.push(item);
    let v = null;
    ${plan.read}
    plucked[k++] = v ?? null;
  }
  if (k < n) plucked.length = k;
  return {active: active === null ? list : active, plucked};
}`,
  );
  return {
    active: `(${holder} = ${both}(${argCode(active, 'list')}, ${argCode(active, 'date')})).active`,
    pluck: `(${holder} !== null && ${holder}.plucked !== null ? ${holder}.plucked : ${pluckAlone})`,
  };
}

export const SPECIALISED: Readonly<Record<string, Specialiser>> = {
  /** Items whose window, in the two fields the rule file names, contains `date`. */
  activeOn: (site) => {
    const window = activeOnFunction(site);
    return window === null ? null : `${window.fn}(${argCode(site, 'list')}, ${argCode(site, 'date')})`;
  },

  /** The field named by `fields[item[by]]`, each of the rule file's kinds read by its field's name. */
  pluckBy: (site) => {
    const plan = pluckPlan(site);
    if (plan === null) return null;
    const f = site.env.source.function(
      (name) => `function ${name}(list) {
  if (!Array.isArray(list)) return ${plan.fallback};
  const n = list.length, plucked = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (item === undefined && !(i in list)) continue;
    let v = null;
    if (item !== null && typeof item === "object") {
      ${plan.read}
    }
    plucked[i] = v ?? null;
  }
  return plucked;
}`,
    );
    return `${f}(${argCode(site, 'list')})`;
  },

  /** Each item's fields renamed by the rule file's table, built by a literal per key list. */
  renameFields: (site) => {
    if (!argsWithin(site, ['renames', 'list'])) return null;
    const renames = site.args.renames;
    if (renames === undefined || exprKind(renames) !== 'const') return null;
    const table = (renames as { const: unknown }).const;
    if (table === null || typeof table !== 'object' || Object.getPrototypeOf(table) !== Object.prototype)
      return null;
    return builtEach(site, 'renameFields', renamingBuilders(table as Record<string, unknown>), 'undefined');
  },

  /** `{[field]: value, ...item}` for each item, built by a literal per key list. */
  withField: (site) => {
    if (!argsWithin(site, ['field', 'value', 'list'])) return null;
    const field = fixedString(site, 'field', '');
    if (field === undefined) return null;
    return builtEach(site, 'withField', leadingFieldBuilders(field), argCode(site, 'value'));
  },

  /**
   * compact of concat of lists written in the rule file (the fee's components, `[[fixed, size],
   * masses]`): the items that are neither null nor undefined, in order, collected in one pass with no
   * list made for the literal or for concat's result. concat flattens one level and skips what is
   * not a list; compact then drops null and undefined (holes read as undefined): so an item written
   * in an inner literal is kept unless nullish, and a list-valued element gives its non-nullish items.
   */
  compact: (site) => {
    const list = site.args.list;
    if (!argsWithin(site, ['list']) || list === undefined || exprKind(list) !== 'fn') return null;
    const { fn, args = {} } = list as { fn: string; args?: Record<string, Expr> };
    const lists = args.lists;
    if (fn !== 'concat' || !argsWithinNames(args, ['lists']) || lists === undefined) return null;
    if (exprKind(lists) !== 'list') return null;
    const params: string[] = [];
    const values: string[] = [];
    const steps: string[] = [];
    (lists as Expr[]).forEach((element, i) => {
      if (exprKind(element) === 'list')
        (element as Expr[]).forEach((item, j) => {
          const p = `a${i}_${j}`;
          params.push(p);
          values.push(site.codeOf(item));
          steps.push(`if (${p} !== null && ${p} !== undefined) out.push(${p});`);
        });
      else {
        const p = `l${i}`;
        params.push(p);
        values.push(site.codeOf(element));
        steps.push(
          `if (Array.isArray(${p})) for (let j = 0; j < ${p}.length; j++) { const v = ${p}[j]; if (v !== null && v !== undefined) out.push(v); }`,
        );
      }
    });
    const f = site.env.source.function(
      (name) => `function ${name}(${params.join(', ')}) {
  const out = [];
  ${steps.join('\n  ')}
  return out;
}`,
    );
    return `${f}(${values.join(', ')})`;
  },

  /**
   * Several counts from the same date under the same calendar (a production date and a delivery
   * window) check and locate that date once per evaluation.
   */
  addWorkingDays: (site) => {
    if (!argsWithin(site, ['date', 'days', 'calendar'])) return null;
    if (!sharable(site.args.date) || !sharable(site.args.calendar)) return null;
    const from = site.env.source.constant(workingDaysFrom);
    const after = site.env.source.constant(workingDaysAfter);
    const start = site.env.shared(`${from}(${argCode(site, 'date')}, ${argCode(site, 'calendar')})`);
    return `${after}(${start}, ${argCode(site, 'days')})`;
  },
};
