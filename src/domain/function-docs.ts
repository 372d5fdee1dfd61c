// What a maintainer reads about each expression function (functions.ts) and condition operator
// (operators.ts): a sentence, the arguments and an example. `pa-policy functions` prints them; a
// test checks that every function and operator has one, that each example answers as written, and
// that rules/schema/policy.schema.json enumerates exactly these names.

export interface FunctionDoc {
  description: string;
  /** Argument name → what it is; in the order a rule file usually writes them. */
  args: Record<string, string>;
  /** Argument values (already evaluated) and what the function answers for them. */
  example: { args: Record<string, unknown>; result: unknown };
}

export interface OperatorDoc {
  description: string;
  /** The fact's value, the condition's `value`, and whether the condition holds. */
  example: { fact: unknown; value: unknown; result: boolean };
}

const HOLIDAYS = [
  {
    from: '2001-01-01',
    value: [
      { date: '01-01', name: 'Capodanno' },
      { date: '04-25', name: 'Festa della Liberazione' },
      { date: '06-24', name: 'San Giovanni' },
    ],
    source: 'example',
  },
];

export const FUNCTION_DOCS: Readonly<Record<string, FunctionDoc>> = {
  eq: {
    description: 'Whether two values are equal (lists and objects compared by content).',
    args: { value: 'any value', other: 'any value' },
    example: { args: { value: 'IT', other: 'IT' }, result: true },
  },
  not: {
    description: 'The negation of a value taken as true or false.',
    args: { value: 'any value' },
    example: { args: { value: false }, result: true },
  },
  if: {
    description:
      '`then` when `condition` holds, else `else` (both are evaluated; coverage needs a case for each).',
    args: {
      condition: 'any value, taken as true or false',
      // biome-ignore lint/suspicious/noThenProperty: `then` is an argument of the rule language's `if` function, not a thenable
      then: 'the answer when it holds',
      else: 'the answer otherwise',
    },
    // biome-ignore lint/suspicious/noThenProperty: `then` is an argument of the rule language's `if` function, not a thenable
    example: { args: { condition: true, then: 'TO', else: null }, result: 'TO' },
  },
  count: {
    description: 'The number of items of a list (null counts as an empty list).',
    args: { list: 'a list' },
    example: { args: { list: ['TO123AB', 'TO456CD'] }, result: 2 },
  },
  latestDate: {
    description: 'The latest of the given ISO dates, ignoring nulls and anything that is not a date.',
    args: { values: 'a list of dates' },
    example: { args: { values: ['2017-01-10', null, '2017-02-01'] }, result: '2017-02-01' },
  },
  calendarCovers: {
    description: 'Whether a holiday calendar (a dated history) has holidays in force on the date.',
    args: { date: 'an ISO date', calendar: 'a dated history of holidays ({"paramHistory": …})' },
    example: { args: { date: '2017-06-20', calendar: HOLIDAYS }, result: true },
  },
  and: {
    description: 'Whether every value of the list holds (true for an empty list).',
    args: { values: 'a list of values' },
    example: { args: { values: [true, false] }, result: false },
  },
  or: {
    description: 'Whether some value of the list holds.',
    args: { values: 'a list of values' },
    example: { args: { values: [false, true] }, result: true },
  },
  coalesce: {
    description: 'The first value that is not null (coverage needs a case where each value is the first).',
    args: { values: 'a list of values' },
    example: { args: { values: [null, 'TO'] }, result: 'TO' },
  },
  get: {
    description: 'The value at a JSONPath inside a value, or null.',
    args: { value: 'any value', path: 'a JSONPath such as "$.country"' },
    example: { args: { value: { country: 'IT' }, path: '$.country' }, result: 'IT' },
  },
  lookup: {
    description:
      '`table[key]`, keys compared as strings, or null (coverage needs a case for each key of the table).',
    args: { table: 'an object, usually a parameter', key: 'a string or number' },
    example: { args: { table: { '2017': '2017-02-28' }, key: 2017 }, result: '2017-02-28' },
  },
  sum: {
    description: 'The sum of the numbers of a list (anything else counts 0).',
    args: { values: 'a list of numbers' },
    example: { args: { values: [1, 2, 3] }, result: 6 },
  },
  sumField: {
    description: 'The sum of one numeric field over a list of objects.',
    args: { list: 'a list of objects', field: 'the field name' },
    example: {
      args: { list: [{ amountCents: 3000 }, { amountCents: 3099 }], field: 'amountCents' },
      result: 6099,
    },
  },
  multiply: {
    description: 'The product of two numbers.',
    args: { value: 'a number', by: 'a number' },
    example: { args: { value: 3, by: 2 }, result: 6 },
  },
  concat: {
    description: 'One list of the items of every list given (anything that is not a list is skipped).',
    args: { lists: 'a list of lists' },
    example: { args: { lists: [[1], [2, 3]] }, result: [1, 2, 3] },
  },
  compact: {
    description: 'The list without its null items.',
    args: { list: 'a list' },
    example: { args: { list: [1, null, 2] }, result: [1, 2] },
  },
  includes: {
    description: 'Whether the list holds the item (compared by content).',
    args: { list: 'a list', item: 'any value' },
    example: { args: { list: ['webcam', 'counter'], item: 'webcam' }, result: true },
  },
  indexOf: {
    description: 'The position of the item in the list (from 0), or -1.',
    args: { list: 'a list', item: 'any value' },
    example: { args: { list: ['a', 'b'], item: 'b' }, result: 1 },
  },
  band: {
    description:
      'The band {band, min, max, amountCents} whose [min, max] holds the value (max null: open), or null.',
    args: { value: 'a number', bands: 'a list of bands' },
    example: {
      args: {
        value: 7,
        bands: [
          { band: 'small', min: 1, max: 5, amountCents: 100 },
          { band: 'large', min: 6, max: null, amountCents: 200 },
        ],
      },
      result: { band: 'large', min: 6, max: null, amountCents: 200 },
    },
  },
  tallyByBand: {
    description:
      'How many values fall in each band: [{band, count, amountCents: count × band amount}], empty bands left out.',
    args: { values: 'a list of numbers', bands: 'a list of bands' },
    example: {
      args: {
        values: [7000, 12000, 3000],
        bands: [{ band: '6001-11500', min: 6001, max: 11500, amountCents: 2500 }],
      },
      result: [{ band: '6001-11500', count: 1, amountCents: 2500 }],
    },
  },
  codePointLength: {
    description: 'The length of a text in characters as a person counts them (Unicode code points).',
    args: { value: 'a text' },
    example: { args: { value: 'Città🚚' }, result: 6 },
  },
  matches: {
    description: 'Whether a text matches a regular expression (Unicode mode).',
    args: { value: 'a text', pattern: 'a regular expression' },
    example: { args: { value: '011 5551234', pattern: '^[0-9 ]+$' }, result: true },
  },
  capture: {
    description: 'The first capture group of a regular expression in a text, or null.',
    args: { value: 'a text', pattern: 'a regular expression with a group' },
    example: {
      args: { value: 'CN=RSSMRA80A01L219X', pattern: 'CN=([A-Z0-9]+)' },
      result: 'RSSMRA80A01L219X',
    },
  },
  upper: {
    description: 'The text in upper case.',
    args: { value: 'a text' },
    example: { args: { value: 'to' }, result: 'TO' },
  },
  lower: {
    description: 'The text in lower case.',
    args: { value: 'a text' },
    example: { args: { value: 'Rossi@PEC.it' }, result: 'rossi@pec.it' },
  },
  trim: {
    description: 'The text without spaces at either end.',
    args: { value: 'a text' },
    example: { args: { value: '  011 5551234 ' }, result: '011 5551234' },
  },
  object: {
    description: 'An object of the arguments as given: builds a record (e.g. a fee component).',
    args: { '<any name>': 'any value' },
    example: { args: { code: 'FIXED', amountCents: 3000 }, result: { code: 'FIXED', amountCents: 3000 } },
  },
  activeOn: {
    description:
      'The items of a list whose [fromField, toField] window (inclusive; toField absent: open) holds the date.',
    args: {
      list: 'a list of objects',
      date: 'an ISO date',
      fromField: 'the start field (default "from")',
      toField: 'the end field (default "to")',
    },
    example: {
      args: {
        list: [
          { plate: 'A', from: '2015-01-01' },
          { plate: 'B', from: '2017-01-01' },
        ],
        date: '2016-11-19',
      },
      result: [{ plate: 'A', from: '2015-01-01' }],
    },
  },
  pluckBy: {
    description:
      'For each item, the value of the field named by `fields[item[by]]` (e.g. the mass field by vehicle kind).',
    args: {
      list: 'a list of objects',
      by: 'the field choosing',
      fields: 'an object: value of `by` → field to read',
    },
    example: {
      args: {
        list: [
          { kind: 'vehicle', massKg: 18000 },
          { kind: 'trailer', payloadKg: 9000 },
        ],
        by: 'kind',
        fields: { vehicle: 'massKg', trailer: 'payloadKg' },
      },
      result: [18000, 9000],
    },
  },
  withField: {
    description: 'Each object of the list with one more field (the item’s own value wins).',
    args: { list: 'a list of objects', field: 'the field name', value: 'its value' },
    example: {
      args: { list: [{ plate: 'A' }], field: 'kind', value: 'vehicle' },
      result: [{ kind: 'vehicle', plate: 'A' }],
    },
  },
  renameFields: {
    description: 'Each object of the list with fields renamed per `renames` ({from: to}).',
    args: { list: 'a list of objects', renames: 'an object: old name → new name' },
    example: {
      args: { list: [{ amount: 5 }], renames: { amount: 'amountCents' } },
      result: [{ amountCents: 5 }],
    },
  },
  addWorkingDays: {
    description:
      'The date `days` working days after `date` (the start day not counted; Saturdays, Sundays and the calendar’s holidays skipped), or null when the calendar does not cover the date.',
    args: {
      date: 'an ISO date',
      days: 'a whole number',
      calendar: 'a dated history of holidays ({"paramHistory": …})',
    },
    example: { args: { date: '2017-04-24', days: 1, calendar: HOLIDAYS }, result: '2017-04-26' },
  },
};

export const OPERATOR_DOCS: Readonly<Record<string, OperatorDoc>> = {
  equal: {
    description: 'The fact equals the value (strictly).',
    example: { fact: 'IT', value: 'IT', result: true },
  },
  notEqual: {
    description: 'The fact differs from the value.',
    example: { fact: 'IT', value: 'FR', result: true },
  },
  in: {
    description: 'The fact is one of the values of a list.',
    example: { fact: 'TO', value: ['TO', 'AT'], result: true },
  },
  notIn: {
    description: 'The fact is none of the values of a list.',
    example: { fact: 'MI', value: ['TO', 'AT'], result: true },
  },
  contains: {
    description: 'The fact (a list) holds the value.',
    example: { fact: ['a', 'b'], value: 'b', result: true },
  },
  doesNotContain: {
    description: 'The fact (a list) does not hold the value.',
    example: { fact: ['a', 'b'], value: 'c', result: true },
  },
  lessThan: {
    description: 'The fact is a number below the value.',
    example: { fact: 5, value: 6, result: true },
  },
  lessThanInclusive: {
    description: 'The fact is a number at most the value.',
    example: { fact: 6000, value: 6000, result: true },
  },
  greaterThan: {
    description: 'The fact is a number above the value.',
    example: { fact: 6001, value: 6000, result: true },
  },
  greaterThanInclusive: {
    description: 'The fact is a number at least the value.',
    example: { fact: 8, value: 8, result: true },
  },
  dateBefore: {
    description: 'The fact is a date before the value (false when either is not a date).',
    example: { fact: '2016-11-21', value: '2016-11-22', result: true },
  },
  dateOnOrBefore: {
    description: 'The fact is a date on or before the value.',
    example: { fact: '2017-02-28', value: '2017-02-28', result: true },
  },
  dateAfter: {
    description: 'The fact is a date after the value.',
    example: { fact: '2017-03-01', value: '2017-02-28', result: true },
  },
  dateOnOrAfter: {
    description: 'The fact is a date on or after the value.',
    example: { fact: '2017-02-13', value: '2017-02-13', result: true },
  },
  isNull: {
    description: 'With value true: the fact is null or absent; with false: it is not.',
    example: { fact: null, value: true, result: true },
  },
  matches: {
    description: 'The fact is a text matching the regular expression of the value (Unicode mode).',
    example: { fact: 'Camion#2017', value: '[0-9]', result: true },
  },
  startsWith: {
    description: 'The fact is a text starting with the value.',
    example: { fact: 'TO123', value: 'TO', result: true },
  },
  intersects: {
    description: 'The fact (a list) shares at least one item with the value (a list).',
    example: { fact: ['digitalSignature', 'keyCertSign'], value: ['keyCertSign'], result: true },
  },
  isEmpty: {
    description: 'With value true: the fact is an empty list (or not a list); with false: a list with items.',
    example: { fact: [], value: true, result: true },
  },
};
