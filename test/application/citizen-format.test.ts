// Amounts, instants and dates as citizens read them in e-mails, receipts and printable pages.
import { describe, expect, it } from 'vitest';
import { euro, romeDate, romeDateTime } from '../../src/application/text/citizen-format.js';

describe('citizen-facing formats', () => {
  it('writes euro cents with a thousands dot and a decimal comma', () => {
    expect(euro(3516)).toBe('35,16 €');
    expect(euro(123456)).toBe('1.234,56 €');
    expect(euro(123456789)).toBe('1.234.567,89 €');
    expect(euro(5)).toBe('0,05 €');
    expect(euro(-150)).toBe('-1,50 €');
  });

  it('writes an instant as the Europe/Rome local time, summer time included', () => {
    expect(romeDateTime('2017-01-20T09:00:00Z')).toBe('20/01/2017 10:00');
    expect(romeDateTime('2017-07-20T08:00:00.000Z')).toBe('20/07/2017 10:00');
    expect(romeDateTime('2017-01-20T10:00:00+01:00')).toBe('20/01/2017 10:00');
  });

  it('writes a calendar date as it is, and an instant as its Europe/Rome day', () => {
    expect(romeDate('2017-01-20')).toBe('20/01/2017');
    expect(romeDate('2017-01-19T23:30:00Z')).toBe('20/01/2017');
  });
});
