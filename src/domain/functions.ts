// The mechanisms rule files may call from `computed` and `outputs` expressions. Each is generic
// (count, band, working days…); which band table, which dates and which lists is policy, in rules/.
import { calendarCovers, type HolidayCalendar, WorkingDayCount } from './calendar/working-days.js';
import { isIsoDate } from './dates.js';
import { resolvePath } from './paths.js';
import { unicodeRegExp } from './regexps.js';

type Args = Record<string, unknown>;
export type DomainFunction = (args: Args) => unknown;

export class FunctionArgumentError extends Error {}

const listArg = (value: unknown, name: string): unknown[] => {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new FunctionArgumentError(`argument "${name}" must be a list`);
  return value;
};
const list = (args: Args, name: string): unknown[] => listArg(args[name], name);
const numberArg = (value: unknown, name: string): number => {
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new FunctionArgumentError(`argument "${name}" must be a number`);
  return value;
};
const stringArg = (value: unknown, name: string): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new FunctionArgumentError(`argument "${name}" must be a string`);
  return value;
};
const str = (args: Args, name: string): string | null => stringArg(args[name], name);
const field = (item: unknown, name: string): unknown =>
  item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;

/**
 * `addWorkingDays` in two steps, so that compiled policies counting several spans from one date
 * (production, delivery from, delivery to) check the date and locate it once: what the function
 * makes of its `date` and `calendar` (null when it answers null), throwing as it throws…
 */
export function workingDaysFrom(date: unknown, calendar: unknown): WorkingDayCount | null {
  const start = stringArg(date, 'date');
  // An uncovered start date answers null: the policy's rule on `calendarCovers` reports it.
  if (start === null || !isIsoDate(start) || !calendarCovers(calendar as HolidayCalendar, start)) return null;
  return new WorkingDayCount(start, calendar as HolidayCalendar, true);
}

/** …and its answer for `days`. */
export function workingDaysAfter(count: WorkingDayCount | null, days: unknown): string | null {
  return count === null ? null : count.after(numberArg(days, 'days'));
}

/** `calendarCovers` on its two arguments (compiled calls pass them without an argument object). */
export function coversDate(date: unknown, calendar: unknown): boolean {
  const start = stringArg(date, 'date');
  return start !== null && isIsoDate(start) && calendarCovers(calendar as HolidayCalendar, start);
}

/** `latestDate` on a list's items: the latest ISO date among them, or null. */
export function latestOf(values: ArrayLike<unknown>): string | null {
  // As filter(isIsoDate) then reduce, without the intermediate list (a hole reads as undefined).
  let latest: string | null = null;
  for (let i = 0; i < values.length; i++) {
    const d = values[i];
    if (isIsoDate(d) && (latest === null || d > latest)) latest = d;
  }
  return latest;
}

export interface Band {
  band: string;
  min: number;
  max: number | null;
  amountCents: number;
}

function findBand(value: number, bands: unknown[]): Band | null {
  const i = bandIndex(value, bands, sortedBands(bands));
  return i < 0 ? null : (bands[i] as Band);
}

/**
 * The index of the first band containing `value`, or -1. On a long table that `sortedBands`
 * vouches for, a binary search (the first match is then the only one); otherwise a scan in order.
 */
function bandIndex(value: number, bands: unknown[], sorted: boolean): number {
  if (sorted) {
    // The last band with min <= value is the only one that can contain it.
    let low = 0;
    let high = bands.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if ((bands[mid] as Band).min <= value) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found < 0) return -1;
    const max = (bands[found] as Band).max;
    return max === null || value <= max ? found : -1;
  }
  for (let i = 0; i < bands.length; i++) {
    const candidate = bands[i] as Band;
    if (value >= candidate.min && (candidate.max === null || value <= candidate.max)) return i;
  }
  return -1;
}

/** Below this many bands a scan is as fast as checking the table's order. */
const BINARY_SEARCH_FROM = 8;

/**
 * Whether the binary search answers as the scan would: a table long enough to pay for this check,
 * without holes, of bands with number bounds, sorted by `min`, not overlapping, with only the last
 * one open-ended. Checked per call: a table is data and could change between calls.
 */
function sortedBands(bands: unknown[]): boolean {
  if (bands.length < BINARY_SEARCH_FROM) return false;
  let previousMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i];
    if (b === null || typeof b !== 'object') return false;
    const { min, max } = b as Band;
    if (typeof min !== 'number' || !(min > previousMax)) return false;
    if (max === null && i === bands.length - 1) return true;
    if (typeof max !== 'number' || !(max >= min)) return false;
    previousMax = max;
  }
  return true;
}

/**
 * The smallest `min` of a table whose bands are all objects with number bounds: a value below it is
 * in no band. -Infinity (no shortcut) for any other table, so the scan meets what it would have met.
 */
function lowestMin(bands: unknown[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i];
    if (b === null || typeof b !== 'object') return Number.NEGATIVE_INFINITY;
    const min = (b as Band).min;
    if (typeof min !== 'number' || Number.isNaN(min)) return Number.NEGATIVE_INFINITY;
    if (min < lowest) lowest = min;
  }
  return lowest;
}

/** Adds an own property as Object.fromEntries does: `__proto__` too is a plain key there. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (
    a === b || (a !== null && b !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b))
  );
}

type Positional = (...values: unknown[]) => unknown;

/**
 * Functions whose arguments are read each once, by name: the compiler passes them by position
 * (compile/expressions.ts), so a compiled call builds no argument object; the interpreter calls the
 * same implementation through FUNCTIONS. `args` lists the names in the implementation's order.
 */
export const BY_POSITION: Readonly<Record<string, { args: readonly string[]; impl: Positional }>> = {
  /** `value` equals `other` (deep for objects and lists). */
  eq: { args: ['value', 'other'], impl: (value, other) => sameValue(value ?? null, other ?? null) },
  not: { args: ['value'], impl: (value) => !value },
  /** `then` or `else`; both are evaluated, as every argument is. */
  if: {
    args: ['condition', 'then', 'else'],
    impl: (condition, then, otherwise) => (condition ? (then ?? null) : (otherwise ?? null)),
  },
  count: { args: ['list'], impl: (list) => listArg(list, 'list').length },
  /** The latest of the given ISO dates, nulls ignored. */
  latestDate: { args: ['values'], impl: (values) => latestOf(listArg(values, 'values')) },
  /** Whether `calendar` has holidays in force on `date` (and so can count working days from it). */
  calendarCovers: { args: ['date', 'calendar'], impl: (date, calendar) => coversDate(date, calendar) },
  and: { args: ['values'], impl: (values) => listArg(values, 'values').every(Boolean) },
  or: { args: ['values'], impl: (values) => listArg(values, 'values').some(Boolean) },
  /** The first value that is neither null nor undefined. */
  coalesce: {
    args: ['values'],
    impl: (values) => listArg(values, 'values').find((v) => v !== null && v !== undefined) ?? null,
  },
  get: {
    args: ['value', 'path'],
    impl: (value, path) => resolvePath(value, stringArg(path, 'path') ?? '$') ?? null,
  },
  /** `table[key]`, keys compared as strings (years, province codes). */
  lookup: {
    args: ['table', 'key'],
    impl: (table, key) => {
      if (table === null || typeof table !== 'object' || key === null || key === undefined) return null;
      // A number is the same property key as its string (keys are strings), without making the string.
      if (typeof key === 'number') return (table as Record<number, unknown>)[key] ?? null;
      return (table as Record<string, unknown>)[String(key)] ?? null;
    },
  },
  sum: {
    args: ['values'],
    impl: (values) =>
      listArg(values, 'values').reduce<number>((total, v) => total + (typeof v === 'number' ? v : 0), 0),
  },
  sumField: {
    args: ['list', 'field'],
    impl: (list, fieldName) => {
      const items = listArg(list, 'list');
      // Read once, on the first item, as reduce read it per item (so an empty list never checks it).
      let name: string | undefined;
      let total = 0;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item === undefined && !(i in items)) continue;
        if (name === undefined) name = stringArg(fieldName, 'field') ?? '';
        const v = field(item, name);
        if (typeof v === 'number') total += v;
      }
      return total;
    },
  },
  multiply: { args: ['value', 'by'], impl: (value, by) => numberArg(value, 'value') * numberArg(by, 'by') },
  /** One list of the items of every list given (anything else skipped); a loop, as flatMap is slow. */
  concat: {
    args: ['lists'],
    impl: (value) => {
      const lists = listArg(value, 'lists');
      const out: unknown[] = [];
      for (let i = 0; i < lists.length; i++) {
        const l = lists[i];
        // flatMap skips holes, in the outer list (read as undefined: not a list) and in each inner one.
        if (!Array.isArray(l)) continue;
        for (let j = 0; j < l.length; j++) {
          const item = l[j];
          if (item !== undefined || j in l) out.push(item);
        }
      }
      return out;
    },
  },
  /** Drops null entries, e.g. components that do not apply. */
  compact: {
    args: ['list'],
    impl: (list) => {
      // As filter (a hole reads as undefined and goes too), without a callback per item.
      const items = listArg(list, 'list');
      const kept: unknown[] = [];
      for (let i = 0; i < items.length; i++) {
        const v = items[i];
        if (v !== null && v !== undefined) kept.push(v);
      }
      return kept;
    },
  },
  includes: {
    args: ['list', 'item'],
    impl: (list, item) => listArg(list, 'list').some((v) => sameValue(v, item)),
  },
  indexOf: {
    args: ['list', 'item'],
    impl: (list, item) => listArg(list, 'list').findIndex((v) => sameValue(v, item)),
  },
  /** The band `{band, min, max, amountCents}` containing `value`, or null. */
  band: {
    args: ['value', 'bands'],
    impl: (value, bands) =>
      value === null || value === undefined
        ? null
        : findBand(numberArg(value, 'value'), listArg(bands, 'bands')),
  },
  /** Counts values per band: `[{band, count, amountCents: count × band amount}]`, empty bands left out. */
  tallyByBand: {
    args: ['values', 'bands'],
    impl: (valueList, bandList) => {
      const bands = listArg(bandList, 'bands') as Band[];
      const values = listArg(valueList, 'values');
      // Counts by band index; a hole in `values` reads as undefined and is skipped.
      const sorted = sortedBands(bands);
      const floor = lowestMin(bands);
      // Made on the first value in a band: most fleets are all light vehicles, in no band at all.
      // Sized and filled by index: pushing onto [] grows a backing store, `fill` is a builtin call,
      // and either costs more than the whole tally of a small fleet.
      let counts: number[] | null = null;
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        // Most vehicles are light: below every band, so in none, without a look at each band.
        if (typeof value !== 'number' || value < floor) continue;
        const b = bandIndex(value, bands, sorted);
        if (b < 0) continue;
        if (counts === null) {
          counts = new Array<number>(bands.length);
          for (let j = 0; j < bands.length; j++) counts[j] = 0;
        }
        counts[b] = (counts[b] as number) + 1;
      }
      const tally: Array<{ band: string; count: number; amountCents: number }> = [];
      if (counts === null) return tally;
      for (let i = 0; i < bands.length; i++) {
        // A hole (or any non-band) was never counted: the scan would have failed reading it.
        const b = bands[i] as Band;
        let count = counts[i] as number;
        // A band object listed twice is counted at its first listing and reported at both.
        if (count === 0)
          for (let j = 0; j < i && count === 0; j++) if (bands[j] === b) count = counts[j] as number;
        if (count > 0) tally.push({ band: b.band, count, amountCents: count * b.amountCents });
      }
      return tally;
    },
  },
  /** Length in Unicode code points, not UTF-16 units: "8 characters" as a person counts them. */
  codePointLength: { args: ['value'], impl: (value) => [...(stringArg(value, 'value') ?? '')].length },
  /** Whether `value` matches the regular expression `pattern` (Unicode mode). */
  matches: {
    args: ['value', 'pattern'],
    impl: (value, pattern) => {
      const text = stringArg(value, 'value');
      return text !== null && unicodeRegExp(stringArg(pattern, 'pattern') ?? '').test(text);
    },
  },
  /** The first capture group of `pattern` in `value`, or null. */
  capture: {
    args: ['value', 'pattern'],
    impl: (value, pattern) => {
      const text = stringArg(value, 'value');
      if (text === null) return null;
      return unicodeRegExp(stringArg(pattern, 'pattern') ?? '').exec(text)?.[1] ?? null;
    },
  },
  upper: { args: ['value'], impl: (value) => stringArg(value, 'value')?.toUpperCase() ?? null },
  lower: { args: ['value'], impl: (value) => stringArg(value, 'value')?.toLowerCase() ?? null },
  trim: { args: ['value'], impl: (value) => stringArg(value, 'value')?.trim() ?? null },
};

/** The interpreter's form of a BY_POSITION function: its arguments read from the argument object. */
function byName({ args, impl }: { args: readonly string[]; impl: Positional }): DomainFunction {
  if (args.length > 3) throw new Error('byName passes up to three arguments');
  const [first = '', second = '', third = ''] = args;
  if (args.length === 1) return (a) => impl(a[first]);
  return args.length === 2 ? (a) => impl(a[first], a[second]) : (a) => impl(a[first], a[second], a[third]);
}

export const FUNCTIONS: Readonly<Record<string, DomainFunction>> = {
  ...Object.fromEntries(Object.entries(BY_POSITION).map(([name, f]) => [name, byName(f)])),
  object: (a) => a,
  /** Items whose [fromField, toField] window (inclusive, toField absent = open) contains `date`. */
  activeOn: (a) => {
    const date = str(a, 'date');
    const fromField = str(a, 'fromField') ?? 'from';
    const toField = str(a, 'toField') ?? 'to';
    if (date === null) return [];
    // Runs once per vehicle of every fleet: a loop (as `filter`, holes skipped) with the field reads
    // written out, so that they keep inline caches of their own instead of the shared `field` helper's.
    // A hole reads as undefined and is skipped like any non-object.
    const items = list(a, 'list');
    const active: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === null || typeof item !== 'object') continue;
      const from = (item as Record<string, unknown>)[fromField];
      const to = (item as Record<string, unknown>)[toField];
      if (
        typeof from === 'string' &&
        from <= date &&
        (to === undefined || to === null || (to as string) >= date)
      )
        active.push(item);
    }
    return active;
  },
  /** For each item, the value of the field named by `fields[item[by]]` (e.g. mass by vehicle kind). */
  pluckBy: (a) => {
    const by = str(a, 'by') ?? '';
    const fields = (a.fields ?? {}) as Record<string, string>;
    // As `map` (holes kept) with the field reads written out, like activeOn.
    const items = list(a, 'list');
    const plucked = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined && !(i in items)) continue;
      const object = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : null;
      const kind = object === null ? undefined : object[by];
      const name = fields[typeof kind === 'string' ? kind : String(kind)];
      plucked[i] = name === undefined ? null : ((object === null ? undefined : object[name]) ?? null);
    }
    return plucked;
  },
  /** Adds `field: value` to every object of `list`. */
  withField: (a) => {
    const name = str(a, 'field') ?? '';
    const value = a.value;
    // The spread stays: measured, it beats copying Object.keys (or for…in, or Object.assign) by
    // hand by 1.3–1.8×, since V8 clones the item's shape in one go.
    return list(a, 'list').map((item) => ({ [name]: value, ...(item as object) }));
  },
  /** Renames fields of every object of `list` per `renames` ({from: to}). */
  renameFields: (a) => {
    const renames = (a.renames ?? {}) as Record<string, string>;
    // As Object.fromEntries(Object.entries(item).map(…)), without the intermediate pairs: a hot path.
    const items = list(a, 'list');
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined && !(i in items)) continue; // map keeps holes
      const keys = Object.keys(item as object); // throws on null/undefined, as before
      const renamed: Record<string, unknown> = {};
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        define(renamed, renames[key] ?? key, (item as Record<string, unknown>)[key]);
      }
      out[i] = renamed;
    }
    return out;
  },
  /** The date `days` working days after `date` (start day not counted) under `calendar`. */
  addWorkingDays: (a) => workingDaysAfter(workingDaysFrom(a.date, a.calendar), a.days),
};
