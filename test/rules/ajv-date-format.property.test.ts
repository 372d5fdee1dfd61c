// The fact schemas' `format: date` is checked by the engine's isIsoDate (ajv-schema-validator.ts), in
// place of ajv-formats' own regular expression: both must accept and refuse the very same strings,
// and `formatMinimum`/`formatMaximum` must order dates alike.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';

const numRuns = Number(process.env.FC_RUNS ?? 200) * 10;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const reference = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const ours = new AjvSchemaValidator();
const referenceDate = fullFormats.date as { validate: (value: string) => boolean };

const digit = fc.constantFrom(...'0123456789');
const near = fc.constantFrom(...'0123456789', '/', ':', 'a', ' ', '-', '٣', '\n');
/** Strings shaped like dates, each character at times replaced by a neighbour, and any string. */
const dateLike = fc.oneof(
  fc
    .tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), digit, digit, digit, digit)
    .map(([y, m0, m1, d0, d1]) => `${y.join('')}-${m0}${m1}-${d0}${d1}`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
  fc.array(near, { minLength: 8, maxLength: 12 }).map((cs) => cs.join('')),
  fc.string(),
);
const mutated = fc
  .tuple(dateLike, fc.nat(), near, fc.boolean())
  .map(([s, at, c, insert]) =>
    s.length === 0 ? c : `${s.slice(0, at % s.length)}${c}${s.slice((at % s.length) + (insert ? 0 : 1))}`,
  );
const anyDate = fc.oneof(dateLike, mutated);

describe('format: date', () => {
  const schema = { type: 'string', format: 'date' };
  const check = ours.compile(schema);
  const checkReference = reference.compile(schema);

  it('accepts exactly the strings ajv-formats accepts', () => {
    fc.assert(
      fc.property(anyDate, (value) => {
        expect(check(value).length === 0).toBe(referenceDate.validate(value));
        expect(check(value).length === 0).toBe(checkReference(value));
      }),
      { numRuns },
    );
  });

  it('knows leap days and month lengths', () => {
    for (const [value, valid] of [
      ['2024-02-29', true],
      ['2023-02-29', false],
      ['2000-02-29', true],
      ['1900-02-29', false],
      ['2024-04-31', false],
      ['2024-12-31', true],
      ['2024-00-10', false],
      ['2024-13-01', false],
      ['2024-01-00', false],
      ['2024-1-01', false],
      ['2024-01-01 ', false],
    ] as const)
      expect(check(value).length === 0, value).toBe(valid);
  });

  it('orders dates for formatMinimum and formatMaximum as ajv-formats does', () => {
    const bounded = {
      type: 'string',
      format: 'date',
      formatMinimum: '2016-11-11',
      formatExclusiveMaximum: '2030-01-01',
    };
    const checkBounded = ours.compile(bounded);
    const checkBoundedReference = reference.compile(bounded);
    fc.assert(
      fc.property(anyDate, (value) => {
        expect(checkBounded(value).length === 0).toBe(checkBoundedReference(value));
      }),
      { numRuns },
    );
  });
});
