// [P-LOCKOUT] The account is suspended exactly when the consecutive wrong passwords reach the maximum
// read from the loaded parameters (5 today, an assumption: the seed gives no number).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOn } from '../../src/application/decisions/decide.js';
import { valueInForce } from '../../src/domain/parameters.js';
import type { Decision } from '../../src/domain/types.js';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';

const loaded = await loadRealRules();
const AT = '2017-02-20';
const SEED_MESSAGE =
  'Utente sospeso per superamento numero tentativi pwd errata. Contattare Amministratore di Sistema per il ripristino';

const parameter = loaded.ruleset.parameters.get('account.lockout.maxFailedAttempts');
const MAX = parameter ? valueInForce(parameter, AT) : null;
if (typeof MAX !== 'number') throw new Error('account.lockout.maxFailedAttempts is not a number');

async function lockout(failedAttempts: number): Promise<Decision> {
  const result = await decideOn(
    loaded,
    { policy: 'account.lockout', facts: { failedAttempts }, at: AT },
    new Date(),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

// Counts around the maximum, and anywhere up to a large number.
const attempts = fc.oneof(fc.integer({ min: 0, max: MAX + 3 }), fc.integer({ min: 0, max: 1_000_000 }));

describe('account.lockout properties', () => {
  it('denies exactly when the failed attempts reach the maximum, with the seed message', async () => {
    await fc.assert(
      fc.asyncProperty(attempts, async (n) => {
        const d = await lockout(n);
        expect(d.outcome).toBe(n >= MAX ? 'deny' : 'allow');
        if (n >= MAX) {
          expect(d.violations.map((v) => v.code)).toEqual(['ACCOUNT_SUSPENDED']);
          expect(d.violations[0]?.message.it).toBe(SEED_MESSAGE);
        }
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('reports the attempts left, never negative, and one fewer after each wrong password', async () => {
    await fc.assert(
      fc.asyncProperty(attempts, async (n) => {
        const [now, next] = [await lockout(n), await lockout(n + 1)];
        expect(now.outputs.remainingAttempts).toBe(Math.max(0, MAX - n));
        expect(next.outputs.remainingAttempts).toBe(
          Math.max(0, (now.outputs.remainingAttempts as number) - 1),
        );
        expect(now.outputs.maxFailedAttempts).toBe(MAX);
      }),
      { numRuns: FC_RUNS },
    );
  });

  // Only what JSON can carry: no NaN, no Infinity.
  it('refuses a negative or fractional count as bad input rather than deciding on it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
        ),
        async (bad) => {
          const result = await decideOn(
            loaded,
            { policy: 'account.lockout', facts: { failedAttempts: bad }, at: AT },
            new Date(),
          );
          expect(result.ok).toBe(false);
          expect(!result.ok && result.error.code).toBe('INVALID_FACTS');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
