// The mechanisms rule files may call from `computed` and `outputs` expressions. Each is generic
// (count, band, working days…); which band table, which dates and which lists is policy, in rules/.
import { addWorkingDays, calendarCovers, type HolidayCalendar } from './calendar/working-days.js';
import { isIsoDate } from './dates.js';
import { resolvePath } from './paths.js';
import { unicodeRegExp } from './regexps.js';

type Args = Record<string, unknown>;
export type DomainFunction = (args: Args) => unknown;

export class FunctionArgumentError extends Error {}

const list = (args: Args, name: string): unknown[] => {
  const value = args[name];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new FunctionArgumentError(`argument "${name}" must be a list`);
  return value;
};
const num = (args: Args, name: string): number => {
  const value = args[name];
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new FunctionArgumentError(`argument "${name}" must be a number`);
  return value;
};
const str = (args: Args, name: string): string | null => {
  const value = args[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new FunctionArgumentError(`argument "${name}" must be a string`);
  return value;
};
const field = (item: unknown, name: string): unknown =>
  item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;

export interface Band {
  band: string;
  min: number;
  max: number | null;
  amountCents: number;
}

function findBand(value: number, bands: unknown[]): Band | null {
  for (const candidate of bands as Band[]) {
    if (value >= candidate.min && (candidate.max === null || value <= candidate.max)) return candidate;
  }
  return null;
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

export const FUNCTIONS: Readonly<Record<string, DomainFunction>> = {
  /** `value` equals `other` (deep for objects and lists). */
  eq: (a) => sameValue(a.value ?? null, a.other ?? null),
  not: (a) => !a.value,
  and: (a) => list(a, 'values').every(Boolean),
  or: (a) => list(a, 'values').some(Boolean),
  if: (a) => (a.condition ? (a.then ?? null) : (a.else ?? null)),
  /** The first value that is neither null nor undefined. */
  coalesce: (a) => list(a, 'values').find((v) => v !== null && v !== undefined) ?? null,
  get: (a) => resolvePath(a.value, str(a, 'path') ?? '$') ?? null,
  /** `table[key]`, keys compared as strings (years, province codes). */
  lookup: (a) => {
    const table = a.table;
    if (table === null || typeof table !== 'object' || a.key === null || a.key === undefined) return null;
    return (table as Record<string, unknown>)[String(a.key)] ?? null;
  },
  object: (a) => a,
  count: (a) => list(a, 'list').length,
  sum: (a) => list(a, 'values').reduce<number>((total, v) => total + (typeof v === 'number' ? v : 0), 0),
  sumField: (a) =>
    list(a, 'list').reduce<number>((total, item) => {
      const v = field(item, str(a, 'field') ?? '');
      return total + (typeof v === 'number' ? v : 0);
    }, 0),
  multiply: (a) => num(a, 'value') * num(a, 'by'),
  /** One list of the items of every list given (anything else skipped); a loop, as flatMap is slow. */
  concat: (a) => {
    const lists = list(a, 'lists');
    const out: unknown[] = [];
    for (let i = 0; i < lists.length; i++) {
      const l = lists[i];
      // `in`: flatMap skips holes, in the outer list and in each inner one.
      if (!(i in lists) || !Array.isArray(l)) continue;
      for (let j = 0; j < l.length; j++) if (j in l) out.push(l[j]);
    }
    return out;
  },
  /** Drops null entries, e.g. components that do not apply. */
  compact: (a) => list(a, 'list').filter((v) => v !== null && v !== undefined),
  includes: (a) => list(a, 'list').some((v) => sameValue(v, a.item)),
  indexOf: (a) => list(a, 'list').findIndex((v) => sameValue(v, a.item)),
  /** Items whose [fromField, toField] window (inclusive, toField absent = open) contains `date`. */
  activeOn: (a) => {
    const date = str(a, 'date');
    const fromField = str(a, 'fromField') ?? 'from';
    const toField = str(a, 'toField') ?? 'to';
    if (date === null) return [];
    // Runs once per vehicle of every fleet: a loop (as `filter`, holes skipped) with the field reads
    // written out, so that they keep inline caches of their own instead of the shared `field` helper's.
    const items = list(a, 'list');
    const active: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!(i in items) || item === null || typeof item !== 'object') continue;
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
      if (!(i in items)) continue;
      const item = items[i];
      const object = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : null;
      const name = fields[String(object === null ? undefined : object[by])];
      plucked[i] = name === undefined ? null : ((object === null ? undefined : object[name]) ?? null);
    }
    return plucked;
  },
  /** The band `{band, min, max, amountCents}` containing `value`, or null. */
  band: (a) =>
    a.value === null || a.value === undefined ? null : findBand(num(a, 'value'), list(a, 'bands')),
  /** Counts values per band: `[{band, count, amountCents: count × band amount}]`, empty bands left out. */
  tallyByBand: (a) => {
    const bands = list(a, 'bands') as Band[];
    const counts = new Map<Band, number>();
    for (const value of list(a, 'values')) {
      if (typeof value !== 'number') continue;
      const b = findBand(value, bands);
      if (b) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    return bands
      .filter((b) => counts.has(b))
      .map((b) => ({
        band: b.band,
        count: counts.get(b),
        amountCents: (counts.get(b) ?? 0) * b.amountCents,
      }));
  },
  /** Adds `field: value` to every object of `list`. */
  withField: (a) => {
    const name = str(a, 'field') ?? '';
    return list(a, 'list').map((item) => ({ [name]: a.value, ...(item as object) }));
  },
  /** Renames fields of every object of `list` per `renames` ({from: to}). */
  renameFields: (a) => {
    const renames = (a.renames ?? {}) as Record<string, string>;
    // As Object.fromEntries(Object.entries(item).map(…)), without the intermediate pairs (~4× faster).
    return list(a, 'list').map((item) => {
      const renamed: Record<string, unknown> = {};
      for (const key of Object.keys(item as object))
        define(renamed, renames[key] ?? key, (item as Record<string, unknown>)[key]);
      return renamed;
    });
  },
  /** Length in Unicode code points, not UTF-16 units: "8 characters" as a person counts them. */
  codePointLength: (a) => [...(str(a, 'value') ?? '')].length,
  /** Whether `value` matches the regular expression `pattern` (Unicode mode). */
  matches: (a) => {
    const value = str(a, 'value');
    return value !== null && unicodeRegExp(str(a, 'pattern') ?? '').test(value);
  },
  /** The first capture group of `pattern` in `value`, or null. */
  capture: (a) => {
    const value = str(a, 'value');
    if (value === null) return null;
    return unicodeRegExp(str(a, 'pattern') ?? '').exec(value)?.[1] ?? null;
  },
  upper: (a) => str(a, 'value')?.toUpperCase() ?? null,
  lower: (a) => str(a, 'value')?.toLowerCase() ?? null,
  trim: (a) => str(a, 'value')?.trim() ?? null,
  /** The latest of the given ISO dates, nulls ignored. */
  latestDate: (a) =>
    list(a, 'values')
      .filter(isIsoDate)
      .reduce<string | null>((latest, d) => (latest === null || d > latest ? d : latest), null),
  /** The date `days` working days after `date` (start day not counted) under `calendar`. */
  addWorkingDays: (a) => {
    const date = str(a, 'date');
    const calendar = a.calendar as HolidayCalendar;
    // An uncovered start date answers null: the policy's rule on `calendarCovers` reports it.
    if (date === null || !isIsoDate(date) || !calendarCovers(calendar, date)) return null;
    return addWorkingDays(date, num(a, 'days'), calendar);
  },
  /** Whether `calendar` has holidays in force on `date` (and so can count working days from it). */
  calendarCovers: (a) => {
    const date = str(a, 'date');
    return date !== null && isIsoDate(date) && calendarCovers(a.calendar as HolidayCalendar, date);
  },
};
