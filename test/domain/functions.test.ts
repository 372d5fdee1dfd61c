// The generic mechanisms rule files call: small, exact, and tolerant of absent values.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/domain/functions.js';

const call = (name: string, args: Record<string, unknown>) => {
  const fn = FUNCTIONS[name];
  if (!fn) throw new Error(`no function ${name}`);
  return fn(args);
};
const bands = [
  { band: 'light', min: 0, max: 10, amountCents: 0 },
  { band: 'mid', min: 11, max: 20, amountCents: 100 },
  { band: 'heavy', min: 21, max: null, amountCents: 250 },
];

describe('domain functions', () => {
  it('activeOn keeps items whose window contains the date, both ends inclusive, open end allowed', () => {
    const list = [
      { id: 'a', from: '2016-11-19', to: '2016-11-19' },
      { id: 'b', from: '2016-11-20' },
      { id: 'c', from: '2010-01-01', to: '2016-11-18' },
      { id: 'd', from: '2010-01-01', to: null },
    ];
    const kept = call('activeOn', { list, date: '2016-11-19', fromField: 'from', toField: 'to' }) as {
      id: string;
    }[];
    expect(kept.map((i) => i.id)).toEqual(['a', 'd']);
  });

  it('band finds the containing band, the open top band, or null', () => {
    expect(call('band', { value: 10, bands })).toMatchObject({ band: 'light' });
    expect(call('band', { value: 11, bands })).toMatchObject({ band: 'mid' });
    expect(call('band', { value: 1e9, bands })).toMatchObject({ band: 'heavy' });
    expect(call('band', { value: -1, bands })).toBeNull();
    expect(call('band', { value: null, bands })).toBeNull();
  });

  it('tallyByBand counts per band and multiplies by the band amount, leaving empty bands out', () => {
    expect(call('tallyByBand', { values: [5, 12, 13, 30, null], bands })).toEqual([
      { band: 'light', count: 1, amountCents: 0 },
      { band: 'mid', count: 2, amountCents: 200 },
      { band: 'heavy', count: 1, amountCents: 250 },
    ]);
  });

  it('tallyByBand skips values below every band, and compares non-number bounds as the scan does', () => {
    // Below the lowest min: in no band, even when a later band starts lower than the first.
    const unordered = [
      { band: 'high', min: 100, max: null, amountCents: 7 },
      { band: 'low', min: 50, max: 99, amountCents: 3 },
    ];
    expect(call('tallyByBand', { values: [49, 50, 100], bands: unordered })).toEqual([
      { band: 'high', count: 1, amountCents: 7 },
      { band: 'low', count: 1, amountCents: 3 },
    ]);
    // String bounds compare as numbers against a number; as strings, "10" < "9" would misplace 9.5.
    const strings = [
      { band: 'nine', min: '9', max: '9.9', amountCents: 1 },
      { band: 'ten', min: '10', max: null, amountCents: 2 },
    ];
    expect(call('tallyByBand', { values: [9.5, 8, 11], bands: strings })).toEqual([
      { band: 'nine', count: 1, amountCents: 1 },
      { band: 'ten', count: 1, amountCents: 2 },
    ]);
  });

  it('pluckBy reads the field named for each item kind', () => {
    const fleet = [
      { kind: 'vehicle', massKg: 7000 },
      { kind: 'tractor', towableMassKg: 30000 },
      { kind: 'trailer', massKg: 1 },
    ];
    expect(
      call('pluckBy', { list: fleet, by: 'kind', fields: { vehicle: 'massKg', tractor: 'towableMassKg' } }),
    ).toEqual([7000, 30000, null]);
  });

  it('counts characters as code points, so an emoji is one character', () => {
    expect(call('codePointLength', { value: 'Ab1!😀' })).toBe(5);
    expect(call('codePointLength', { value: null })).toBe(0);
  });

  it('matches and capture use Unicode regular expressions', () => {
    expect(call('matches', { value: 'È', pattern: '\\p{Lu}' })).toBe(true);
    expect(call('capture', { value: 'RSSMRA80A01L219X/7420', pattern: '^([A-Z0-9]{16})/' })).toBe(
      'RSSMRA80A01L219X',
    );
    expect(call('capture', { value: 'nothing', pattern: '^(\\d+)' })).toBeNull();
  });

  it('lookup reads tables keyed by strings, with numbers as keys', () => {
    expect(call('lookup', { table: { '2017': 'x' }, key: 2017 })).toBe('x');
    expect(call('lookup', { table: { '2017': 'x' }, key: 2018 })).toBeNull();
    expect(call('lookup', { table: null, key: 2017 })).toBeNull();
    // A number finds the key its string names, whatever the number's form.
    const odd = { '0': 'zero', '1e+21': 'big', NaN: 'nan', '2.5': 'half', '-1': 'minus' };
    for (const [key, value] of [
      [-0, 'zero'],
      [1e21, 'big'],
      [Number.NaN, 'nan'],
      [2.5, 'half'],
      [-1, 'minus'],
    ])
      expect(call('lookup', { table: odd, key })).toBe(value);
    expect(call('lookup', { table: { '2017': 'x' }, key: '2017' })).toBe('x');
  });

  it('latestDate picks the later ISO date and ignores absent ones', () => {
    expect(call('latestDate', { values: ['2024-01-02', null, '2024-01-10'] })).toBe('2024-01-10');
    expect(call('latestDate', { values: [null] })).toBeNull();
  });

  it('refuses a non-number where arithmetic needs one', () => {
    expect(() => call('multiply', { value: 2, by: 'x' })).toThrow(/by/);
  });
});
