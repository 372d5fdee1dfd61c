// The peers' policy data, generated from the live rules/ so that every engine reads the same
// amounts, bands, limits and holidays: OPA's data document (bench/peers/opa/data.json) and the zen
// decision graphs (bench/peers/zen/*.json: decision tables and expressions whose rows and literals
// carry the values). The logic of each policy is written natively in each peer (the Rego files, the
// graphs' expressions); only values come from here.
//
// `npx tsx bench/peers/generate.ts` rewrites the files; `npm run bench:peers` regenerates them in
// memory and stops when a committed file differs, so a parameter edited in rules/ cannot leave a
// stale peer behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HolidayCalendar } from '../../src/domain/calendar/working-days.js';
import { addWorkingDays, easterSunday, holidayName } from '../../src/domain/calendar/working-days.js';
import { isIsoDate } from '../../src/domain/dates.js';
import type { Band } from '../../src/domain/functions.js';
import { RULES_DIR } from '../support.js';

/** A generated file's path, from bench/peers (`./zen/albo.quota.json`). */
export const generatedPath = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const here = generatedPath;
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${RULES_DIR}/${path}`, 'utf8'));

/** The last year whose holidays are written out: the peers know no holiday after it. */
export const HOLIDAY_HORIZON = 2100;

type Schedule = Record<'fleetSizeBands' | 'massBands', Band[]> & {
  fleetReferenceDate: string;
  fixedCents: number;
};
type Parameters = Record<string, { history: Array<{ from: string; value: unknown; source: string }> }>;

const parametersOf = (path: string) => (readJson(path) as { parameters: Parameters }).parameters;
const policyFrom = (path: string): string => {
  const versions = (
    readJson(path) as { versions: Array<{ effectiveFrom: string; effectiveTo: string | null }> }
  ).versions;
  // The peers model one open-ended version: more would need their own version switch.
  if (versions.length !== 1 || versions[0]?.effectiveTo !== null)
    throw new Error(`${path}: the peers model exactly one open-ended version`);
  return versions[0].effectiveFrom;
};

/** A parameter's only value: the peers hold one value per parameter, so a dated change must be written in. */
function single<T>(parameters: Parameters, id: string): T {
  const history = parameters[id]?.history;
  if (history?.length !== 1) throw new Error(`${id}: the peers model a parameter with one dated value`);
  return history[0]?.value as T;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

let timeline: ReturnType<typeof buildTimelineData> | undefined;
/** Built once: the span takes a count from every day of a century. */
const timelineData = () => {
  timeline ??= buildTimelineData();
  return timeline;
};

function buildTimelineData() {
  const parameters = parametersOf('cns/timeline.parameters.json');
  const calendar = parametersOf('calendars/torino.parameters.json')['calendar.torino.holidays']
    ?.history as HolidayCalendar;
  if (calendar.some((entry) => entry.value === null))
    throw new Error('calendar.torino.holidays: an unset entry is not modelled by the peers');
  const calendarFrom = calendar[0]?.from as string;
  const days = {
    productionWorkingDays: single<number>(parameters, 'cns.timeline.productionWorkingDays'),
    deliveryMinWorkingDays: single<number>(parameters, 'cns.timeline.deliveryMinWorkingDays'),
    deliveryMaxWorkingDays: single<number>(parameters, 'cns.timeline.deliveryMaxWorkingDays'),
  };
  const most = Math.max(...Object.values(days));
  if (Math.min(...Object.values(days)) < 1)
    throw new Error('cns.timeline: a count of 0 days is not modelled');
  // Every holiday from the calendar's first day to the horizon, each under the entry in force on it:
  // each year, the day of every date rule any entry has, kept when holidayName says it is one.
  const rules = new Set(calendar.flatMap((entry) => (entry.value ?? []).map((h) => h.date)));
  const holidays: string[] = [];
  const byYear = new Map<number, string[]>();
  for (let year = Number(calendarFrom.slice(0, 4)); year <= HOLIDAY_HORIZON; year++) {
    const days = [...rules].map((rule) =>
      rule === 'easter-monday'
        ? isoDay(Date.parse(`${easterSunday(year)}T00:00:00Z`) + DAY_MS)
        : `${year}-${rule}`,
    );
    const found = [...new Set(days)]
      .filter((day) => isIsoDate(day) && day >= calendarFrom && holidayName(day, calendar) !== null)
      .sort();
    byYear.set(year, found);
    holidays.push(...found);
  }
  // The most calendar days that the longest count takes from any start: the peers' loop bound.
  let span = 0;
  const last = Date.parse(`${HOLIDAY_HORIZON - 1}-12-31T00:00:00Z`);
  for (let ms = Date.parse(`${calendarFrom}T00:00:00Z`); ms <= last; ms += DAY_MS)
    span = Math.max(
      span,
      (Date.parse(`${addWorkingDays(isoDay(ms), most, calendar)}T00:00:00Z`) - ms) / DAY_MS,
    );
  return {
    effectiveFrom: policyFrom('cns/timeline.policy.json'),
    ...days,
    calendarFrom,
    span,
    holidays,
    byYear,
  };
}

function quotaData() {
  return {
    effectiveFrom: policyFrom('albo/quota.policy.json'),
    schedules: single<Record<string, Schedule>>(
      parametersOf('albo/quota.parameters.json'),
      'albo.quota.schedules',
    ),
  };
}

function passwordData() {
  const parameters = parametersOf('account/password.parameters.json');
  return {
    effectiveFrom: policyFrom('account/password.policy.json'),
    minLength: single<number>(parameters, 'account.password.minLength'),
    maxLength: single<number>(parameters, 'account.password.maxLength'),
    historyDepth: single<number>(parameters, 'account.password.historyDepth'),
    characterClasses: single<{ digit: string; uppercase: string; symbol: string }>(
      parameters,
      'account.password.characterClasses',
    ),
  };
}

/** OPA's data document: `data.params.<policy>`. */
export function opaData(): unknown {
  const { byYear: _, holidays, ...timeline } = timelineData();
  return {
    params: {
      albo_quota: quotaData(),
      account_password: passwordData(),
      cns_timeline: { ...timeline, holidays: Object.fromEntries(holidays.map((d) => [d, true])) },
    },
  };
}

// --- zen: JSON Decision Model graphs -------------------------------------------------------------

/** A zen expression literal: JSON's own syntax for numbers, strings, lists and objects is zen's. */
const lit = (value: unknown): string => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${lit(v)}`)
      .join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(lit).join(', ')}]`;
  // zen strings have no escapes: a quote in a value would need another delimiter.
  if (typeof value === 'string') {
    if (value.includes("'")) throw new Error(`a zen literal with a quote: ${value}`);
    return `'${value}'`;
  }
  return JSON.stringify(value);
};

/** A decision-table cell testing a band: `[min..max]`, or `>= min` when open-ended. */
const bandCell = (b: Band) => (b.max === null ? `>= ${b.min}` : `[${b.min}..${b.max}]`);

interface Node {
  id: string;
  type: string;
  name: string;
  position: { x: number; y: number };
  content?: unknown;
}

/** A graph running `nodes` one after the other, from the input node to the output node. */
function graph(nodes: Array<Omit<Node, 'position' | 'id'>>): unknown {
  const all: Node[] = [
    { name: 'Request', type: 'inputNode' },
    ...nodes,
    { name: 'Response', type: 'outputNode' },
  ].map((n, i) => ({ ...n, id: `n${i}`, position: { x: 240 * i, y: 200 } }));
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: all,
    edges: all.slice(1).map((n, i) => ({ id: `e${i}`, type: 'edge', sourceId: `n${i}`, targetId: n.id })),
  };
}

const expressions = (name: string, pairs: Array<[string, string]>, passThrough = true) => ({
  name,
  type: 'expressionNode',
  content: {
    passThrough,
    inputField: null,
    outputPath: null,
    executionMode: 'single',
    expressions: pairs.map(([key, value], i) => ({ id: `x${i}`, key, value })),
  },
});

interface Table {
  hitPolicy: 'first' | 'collect';
  inputs: Array<[string, string]>;
  outputs: Array<[string, string]>;
  /** One cell per input, then one per output. */
  rules: string[][];
  /** Where the table's answer goes (a collect table's list of rows). */
  outputPath?: string;
  /** Evaluated once per item of `inputField`, the answers listed at `outputPath`. */
  loop?: { inputField: string; outputPath: string };
}

const table = (name: string, t: Table) => ({
  name,
  type: 'decisionTableNode',
  content: {
    hitPolicy: t.hitPolicy,
    passThrough: true,
    inputField: t.loop?.inputField ?? null,
    outputPath: t.loop?.outputPath ?? t.outputPath ?? null,
    executionMode: t.loop ? 'loop' : 'single',
    inputs: t.inputs.map(([name, field], i) => ({ id: `i${i}`, name, field })),
    outputs: t.outputs.map(([name, field], i) => ({ id: `o${i}`, name, field })),
    rules: t.rules.map((cells, r) => ({
      _id: `r${r}`,
      ...Object.fromEntries(
        cells.map((cell, c) => [c < t.inputs.length ? `i${c}` : `o${c - t.inputs.length}`, cell]),
      ),
    })),
  },
});

/** The final node: the comparable answer, or the error when no version is in force on `at`. */
const answer = (from: string, outcome: string, violations: string, outputs: string) =>
  expressions(
    'Answer',
    [
      [
        'answer',
        `d(at) < d(${lit(from)}) ? {error: 'NO_VERSION_IN_FORCE'} : ` +
          `{outcome: ${outcome}, violations: ${violations}, outputs: ${outputs}}`,
      ],
    ],
    false,
  );

function zenQuota(): unknown {
  const { effectiveFrom, schedules } = quotaData();
  const years = Object.entries(schedules);
  const ref = 'schedule.fleetReferenceDate';
  return graph([
    table('Fee schedule by year', {
      hitPolicy: 'first',
      inputs: [['Fee year', 'facts.year']],
      outputs: [['Schedule', 'schedule']],
      rules: [
        ...years.map(([year, s]) => [
          year,
          lit({ fleetReferenceDate: s.fleetReferenceDate, fixedCents: s.fixedCents }),
        ]),
        ['', 'null'],
      ],
    }),
    expressions('Fleet on the reference date', [
      [
        'counted',
        `schedule == null ? [] : filter(facts.fleet, d(#.inFleetFrom) <= d(${ref}) and ` +
          `(#.inFleetTo == null or d(#.inFleetTo) >= d(${ref})))`,
      ],
      ['vehicles', 'len($.counted)'],
      // A vehicle weighs by its massKg, a tractor by its towableMassKg.
      [
        'masses',
        "map($.counted, {year: facts.year, mass: #.kind == 'tractor' ? #.towableMassKg : #.massKg})",
      ],
    ]),
    table('Fleet-size band', {
      hitPolicy: 'first',
      inputs: [
        ['Fee year', 'facts.year'],
        ['Vehicles counted', 'vehicles'],
      ],
      outputs: [['Band', 'fleetSizeBand']],
      rules: [
        ...years.flatMap(([year, s]) =>
          s.fleetSizeBands.map((b) => [year, bandCell(b), lit({ band: b.band, amountCents: b.amountCents })]),
        ),
        ['', '', 'null'],
      ],
    }),
    table('Mass band of each vehicle', {
      hitPolicy: 'first',
      loop: { inputField: 'masses', outputPath: 'massBands' },
      inputs: [
        ['Fee year', 'year'],
        ['Mass (kg)', 'mass'],
      ],
      outputs: [['Band', 'band']],
      rules: [
        ...years.flatMap(([year, s]) => s.massBands.map((b) => [year, bandCell(b), lit(b.band)])),
        ['', '', 'null'],
      ],
    }),
    expressions('Components', [
      // Per mass band of the fee year, in the schedule's order, how many vehicles fell in it.
      [
        'massTally',
        years
          .map(
            ([year, s]) =>
              `facts.year == ${year} ? [${s.massBands
                .map(
                  (b) =>
                    `{code: 'MASS', band: ${lit(b.band)}, vehicles: count(massBands, #.band == ${lit(b.band)}), ` +
                    `amountCents: ${b.amountCents} * count(massBands, #.band == ${lit(b.band)})}`,
                )
                .join(', ')}] : `,
          )
          .join('')
          .concat('[]'),
      ],
      [
        'components',
        // flatMap(…, #) concatenates the lists (zen has no `+` on lists).
        'schedule == null ? [] : flatMap([' +
          "[{code: 'FIXED', amountCents: schedule.fixedCents}], " +
          "fleetSizeBand == null ? [] : [{code: 'FLEET_SIZE', band: fleetSizeBand.band, vehicles: vehicles, amountCents: fleetSizeBand.amountCents}], " +
          'filter($.massTally, #.vehicles > 0)], #)',
      ],
    ]),
    answer(
      effectiveFrom,
      "schedule == null ? 'deny' : 'allow'",
      "schedule == null ? ['NO_FEE_SCHEDULE'] : []",
      '{amountCents: schedule == null ? null : sum(map(components, #.amountCents)), ' +
        `fleetReferenceDate: schedule == null ? null : ${ref}, ` +
        'vehiclesCounted: schedule == null ? null : vehicles, components: components}',
    ),
  ]);
}

function zenPassword(): unknown {
  const p = passwordData();
  const pw = 'facts.newPassword';
  // Each violation's test on the flags below, in the policy's rule order.
  const rules: Array<[string, string, string]> = [
    ['length', `< ${p.minLength}`, 'TOO_SHORT'],
    ['length', `> ${p.maxLength}`, 'TOO_LONG'],
    ['hasDigit', 'false', 'MISSING_DIGIT'],
    ['hasUppercase', 'false', 'MISSING_UPPERCASE'],
    ['hasSymbol', 'false', 'MISSING_SYMBOL'],
    ['confirmed', 'false', 'CONFIRMATION_MISMATCH'],
    ['facts.matchesRecentPassword', 'true', 'RECENTLY_USED'],
  ];
  const inputs = [...new Set(rules.map(([field]) => field))];
  return graph([
    expressions('Composition', [
      // Code points: zen's len() counts a string's UTF-8 bytes, and Rust's split('') yields the
      // empty string, each character, and the empty string again.
      ['length', `len(split(${pw}, '')) - 2`],
      ['hasDigit', `matches(${pw}, ${lit(p.characterClasses.digit)})`],
      ['hasUppercase', `matches(${pw}, ${lit(p.characterClasses.uppercase)})`],
      ['hasSymbol', `matches(${pw}, ${lit(p.characterClasses.symbol)})`],
      ['confirmed', `${pw} == facts.confirmPassword`],
    ]),
    // Collect: every row that holds, in the rules' order.
    table('Violations', {
      hitPolicy: 'collect',
      inputs: inputs.map((field) => [field, field]),
      outputs: [['Code', 'code']],
      outputPath: 'violations',
      rules: rules.map(([field, test, code]) => [...inputs.map((f) => (f === field ? test : '')), lit(code)]),
    }),
    answer(
      p.effectiveFrom,
      "len(violations) > 0 ? 'deny' : 'allow'",
      'map(violations, #.code)',
      `{historyDepth: ${p.historyDepth}}`,
    ),
  ]);
}

function zenTimeline(): unknown {
  const t = timelineData();
  const start = 'clockStart';
  const nth = (n: number) => `covered ? $.workingDays[${n - 1}].format('%Y-%m-%d') : null`;
  return graph([
    expressions('Clock start', [
      [
        'clockStart',
        'facts.paymentDate != null and d(facts.paymentDate) > d(facts.recognitionDate) ? facts.paymentDate : facts.recognitionDate',
      ],
      ['covered', `d($.clockStart) >= d(${lit(t.calendarFrom)})`],
      // The years the count can reach: it never runs longer than `span` days.
      ['years', `map([0..1], {year: d($.clockStart).year() + #})`],
    ]),
    table('Torino holidays by year', {
      hitPolicy: 'first',
      loop: { inputField: 'years', outputPath: 'holidayYears' },
      inputs: [['Year', 'year']],
      outputs: [['Holidays', 'holidays']],
      rules: [...[...t.byYear].map(([year, days]) => [String(year), lit(days)]), ['', '[]']],
    }),
    expressions('Working days', [
      ['holidays', 'flatMap(holidayYears, #.holidays)'],
      [
        'workingDays',
        `covered ? filter(map([1..${t.span}], d(${start}).add(#, 'd')), ` +
          "#.weekday() <= 5 and not (#.format('%Y-%m-%d') in $.holidays)) : []",
      ],
      ['productionStartBy', nth(t.productionWorkingDays)],
      ['deliveryFrom', nth(t.deliveryMinWorkingDays)],
      ['deliveryTo', nth(t.deliveryMaxWorkingDays)],
    ]),
    answer(
      t.effectiveFrom,
      "covered ? 'allow' : 'deny'",
      "covered ? [] : ['NO_HOLIDAY_CALENDAR']",
      '{clockStart: clockStart, productionStartBy: productionStartBy, deliveryFrom: deliveryFrom, deliveryTo: deliveryTo}',
    ),
  ]);
}

/** Each generated file, by path, as it should read. */
export function generatedFiles(): Map<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return new Map([
    [here('./opa/data.json'), json(opaData())],
    [here('./zen/albo.quota.json'), json(zenQuota())],
    [here('./zen/account.password.json'), json(zenPassword())],
    [here('./zen/cns.timeline.json'), json(zenTimeline())],
  ]);
}

/** Throws when a committed file is not what rules/ generates now. */
export function checkGenerated(): void {
  for (const [path, content] of generatedFiles()) {
    let committed = '';
    try {
      committed = readFileSync(path, 'utf8');
    } catch {}
    if (committed !== content)
      throw new Error(`${path} is stale: run \`npx tsx bench/peers/generate.ts\` and commit the result`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, content] of generatedFiles()) writeFileSync(path, content);
  console.log(`wrote ${[...generatedFiles().keys()].length} files`);
}
