// [P-PASSWORD] Properties of the new-password rules on generated and random strings, against the real
// rules/. Lengths are read from the loaded parameters; character classes are the spec's definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOn } from '../../src/application/decisions/decide.js';
import { evaluate } from '../../src/domain/evaluate.js';
import { valueInForce } from '../../src/domain/parameters.js';
import type { Decision } from '../../src/domain/types.js';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';

const loaded = await loadRealRules();
const AT = '2017-02-20';

function parameter(name: string): number {
  const p = loaded.ruleset.parameters.get(name);
  const value = p ? valueInForce(p, AT) : null;
  if (typeof value !== 'number') throw new Error(`${name} is not a number on ${AT}`);
  return value;
}
const MIN = parameter('account.password.minLength');
const MAX = parameter('account.password.maxLength');

interface Facts {
  newPassword: string;
  confirmPassword: string;
  matchesRecentPassword: boolean;
}

async function password(facts: Facts): Promise<Decision> {
  const result = await decideOn(loaded, { policy: 'account.password', facts, at: AT }, new Date());
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
const codes = (d: Decision) => d.violations.map((v) => v.code).sort();
const typedTwice = (pw: string): Facts => ({
  newPassword: pw,
  confirmPassword: pw,
  matchesRecentPassword: false,
});

// Characters by class, some outside ASCII: the rules are meant to be Unicode aware.
type CharClass = 'lower' | 'upper' | 'digit' | 'symbol';
const CHARS: Record<CharClass, string[]> = {
  lower: [...'abcdefghijklmnopqrstuvwxyzàèéìòùßωж'],
  upper: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÈÉÌÒÙΩЖ'],
  digit: [...'0123456789٣४'],
  symbol: [...'!"£$%/()=^*+][@#.:,;~>\\|?-_ €§😀🚚'],
};
const charOf = (cls: CharClass) => fc.constantFrom(...CHARS[cls]).map((ch) => ({ ch, cls }));
const REQUIRED: Array<{ cls: Exclude<CharClass, 'lower'>; code: string }> = [
  { cls: 'digit', code: 'MISSING_DIGIT' },
  { cls: 'upper', code: 'MISSING_UPPERCASE' },
  { cls: 'symbol', code: 'MISSING_SYMBOL' },
];

/** A password meeting every rule, as characters tagged with their class, MIN to MAX long. */
const validChars = fc
  .tuple(
    fc.array(charOf('digit'), { minLength: 1, maxLength: 5 }),
    fc.array(charOf('upper'), { minLength: 1, maxLength: 5 }),
    fc.array(charOf('symbol'), { minLength: 1, maxLength: 5 }),
    fc.array(charOf('lower'), { minLength: MIN - 3, maxLength: MAX - 15 }),
  )
  .map((parts) => parts.flat())
  .chain((chars) => fc.shuffledSubarray(chars, { minLength: chars.length }));
const text = (chars: Array<{ ch: string }>) => chars.map((c) => c.ch).join('');

// Any string: arbitrary code points (lone surrogates included) or graphemes, around the length limits.
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: MAX - 5, maxLength: MAX + 5 }),
);

describe('account.password properties', () => {
  it('allows a password that has every class and a length within the limits', async () => {
    await fc.assert(
      fc.asyncProperty(validChars, async (chars) => {
        const pw = text(chars);
        const length = [...pw].length;
        expect(length >= MIN && length <= MAX).toBe(true);
        const d = await password(typedTwice(pw));
        expect(codes(d)).toEqual([]);
        expect(d.outcome).toBe('allow');
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('reports exactly the class whose characters are replaced by lower-case letters', async () => {
    await fc.assert(
      fc.asyncProperty(validChars, fc.constantFrom(...REQUIRED), async (chars, removed) => {
        const pw = text(chars.map((c) => (c.cls === removed.cls ? { ch: 'a' } : c)));
        const d = await password(typedTwice(pw));
        expect(codes(d)).toEqual([removed.code]);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('never fails on any string, and each violation code holds exactly when its property fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyString,
        fc.oneof(fc.constant(null), anyString),
        fc.boolean(),
        async (pw, otherConfirmation, recent) => {
          const confirmPassword = otherConfirmation ?? pw;
          const d = await password({ newPassword: pw, confirmPassword, matchesRecentPassword: recent });
          const length = [...pw].length;
          const expected = {
            TOO_SHORT: length < MIN,
            TOO_LONG: length > MAX,
            MISSING_DIGIT: !/\p{Nd}/u.test(pw),
            MISSING_UPPERCASE: !/[\p{Lu}\p{Lt}]/u.test(pw),
            MISSING_SYMBOL: ![...pw].some((ch) => !/[\p{L}\p{Nd}]/u.test(ch)),
            CONFIRMATION_MISMATCH: confirmPassword !== pw,
            RECENTLY_USED: recent,
          };
          const wanted = Object.entries(expected)
            .filter(([, broken]) => broken)
            .map(([code]) => code)
            .sort();
          expect(codes(d)).toEqual(wanted);
          expect(d.outcome).toBe(wanted.length === 0 ? 'allow' : 'deny');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('replays to the same answer from the derived facts alone, without the passwords', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, anyString, fc.boolean(), async (pw, confirmation, recent) => {
        const d = await password({
          newPassword: pw,
          confirmPassword: confirmation,
          matchesRecentPassword: recent,
        });
        const replayed = await evaluate(loaded.ruleset, {
          policy: 'account.password',
          facts: { matchesRecentPassword: recent },
          at: AT,
          today: AT,
          computedOverrides: d.computed,
        });
        if (!replayed.ok) throw new Error(JSON.stringify(replayed.error));
        expect(replayed.value.violations).toEqual(d.violations);
        expect(replayed.value.outputs).toEqual(d.outputs);
        // The logged derived facts are counts, flags and parameters: never the secret itself.
        for (const [name, value] of Object.entries(d.computed))
          expect(['number', 'boolean'].includes(typeof value) || name === 'characterClasses').toBe(true);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('quotes the length limits in force in its Italian messages', async () => {
    const short = await password(typedTwice('Ab1!'));
    const long = await password(typedTwice(`Ab1!${'x'.repeat(MAX)}`));
    expect(short.violations.find((v) => v.code === 'TOO_SHORT')?.message.it).toContain(` ${MIN} caratteri`);
    expect(long.violations.find((v) => v.code === 'TOO_LONG')?.message.it).toContain(` ${MAX} caratteri`);
  });
});
