import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigits, isValidNoticeNumber, noticeNumberFor } from '../../src/domain/pagopa/notice-number.js';
import { FC_RUNS } from '../support/load-rules.js';

describe('pagoPA notice number (aux digit 3)', () => {
  it('computes the mod-93 check digits of 3 + segregation code + IUV base', () => {
    // 3 01 0000000000001 → 3010000000000001 mod 93
    expect(checkDigits('01', '0000000000001')).toBe(String(3010000000000001n % 93n).padStart(2, '0'));
    const n = noticeNumberFor('47', '1234567890123');
    expect(n.noticeNumber).toHaveLength(18);
    expect(n.noticeNumber.startsWith('3471234567890123')).toBe(true);
    expect(n.iuv).toBe(n.noticeNumber.slice(1));
  });

  it('refuses malformed parts', () => {
    expect(() => noticeNumberFor('4', '1234567890123')).toThrow(/segregation/);
    expect(() => noticeNumberFor('47', '12345')).toThrow(/IUV base/);
  });

  it('validates what it makes and detects any single changed digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{2}$/),
        fc.stringMatching(/^\d{13}$/),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (seg, base, position, delta) => {
          const { noticeNumber } = noticeNumberFor(seg, base);
          expect(isValidNoticeNumber(noticeNumber)).toBe(true);
          const digit = (Number(noticeNumber[position]) + delta) % 10;
          const changed = `${noticeNumber.slice(0, position)}${digit}${noticeNumber.slice(position + 1)}`;
          // A changed check digit or IUV digit breaks the remainder (93 > 10, so one digit can't cancel).
          expect(isValidNoticeNumber(changed)).toBe(false);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
