// [P-REGMODE] Properties of the portal registration modes on generated companies, against the real rules/.
// The opening date of the simplified mode is read from the loaded parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOn } from '../../src/application/decisions/decide.js';
import { evaluate } from '../../src/domain/evaluate.js';
import { valueInForce } from '../../src/domain/parameters.js';
import type { Decision, Ruleset } from '../../src/domain/types.js';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';

const loaded = await loadRealRules();

interface Facts {
  mode: 'certified-pec' | 'simplified' | 'pec-upgrade';
  email: string;
  phone?: string;
  registryPec?: string | null;
  registryAvailable?: boolean;
}

async function register(facts: Facts, at: string): Promise<Decision> {
  const result = await decideOn(loaded, { policy: 'albo.registration', facts, at }, new Date());
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
const codes = (d: Decision) => d.violations.map((v) => v.code);

const simplifiedFromParameter = loaded.ruleset.parameters.get('albo.registration.simplifiedFrom');
const simplifiedFrom = (at: string) =>
  simplifiedFromParameter ? (valueInForce(simplifiedFromParameter, at) as string | null) : null;

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// Any day from the policy's first version to ten years on.
const at = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2016-11-11', n));
const email = fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9]{1,10})?@[a-z0-9]{1,10}\.(it|com|legalmail\.it)$/);
/** The same address with each letter's case chosen at random. */
const caseVariant = (address: string) =>
  fc
    .array(fc.boolean(), { minLength: address.length, maxLength: address.length })
    .map((flips) => [...address].map((ch, i) => (flips[i] ? ch.toUpperCase() : ch)).join(''));
const phone = fc.oneof(
  fc.stringMatching(/^\+?[0-9]{6,15}$/),
  fc.stringMatching(/^(\+39 )?0[0-9]{1,3} [0-9]{5,7}$/),
  fc.stringMatching(/^3[0-9]{2}[ -]?[0-9]{6,7}$/),
);
const blankPhone = fc.oneof(fc.constant(undefined), fc.constantFrom('', ' ', '\t', '   '));

describe('albo.registration properties', () => {
  it('allows a certified PEC equal to the registry one ignoring case, with a phone, for the full scope', async () => {
    await fc.assert(
      fc.asyncProperty(
        email.chain((e) => fc.tuple(fc.constant(e), caseVariant(e))),
        phone,
        at,
        fc.constantFrom(true, undefined),
        async ([registryPec, typed], tel, day, available) => {
          const d = await register(
            {
              mode: 'certified-pec',
              email: typed,
              phone: tel,
              registryPec,
              ...(available === undefined ? {} : { registryAvailable: available }),
            },
            day,
          );
          expect(codes(d)).toEqual([]);
          expect(d.outputs.scope).toBe('full');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('refuses a certified PEC that differs from the registry one, with no scope', async () => {
    await fc.assert(
      fc.asyncProperty(email, fc.option(email), phone, at, async (typed, registryPec, tel, day) => {
        fc.pre(registryPec === null || typed.toLowerCase() !== registryPec.toLowerCase());
        const d = await register({ mode: 'certified-pec', email: typed, phone: tel, registryPec }, day);
        expect(codes(d)).toEqual(['PEC_MISMATCH']);
        expect(d.outputs.scope).toBeNull();
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('when the registry does not answer, reports only REGISTRY_UNAVAILABLE whatever the PECs', async () => {
    await fc.assert(
      fc.asyncProperty(email, fc.option(email), phone, at, async (typed, registryPec, tel, day) => {
        const d = await register(
          { mode: 'certified-pec', email: typed, phone: tel, registryPec, registryAvailable: false },
          day,
        );
        expect(codes(d)).toEqual(['REGISTRY_UNAVAILABLE']);
        expect(d.violations[0]?.message.it).toMatch(/semplificata/);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('allows the simplified mode, for payment only, exactly from its opening date', async () => {
    await fc.assert(
      fc.asyncProperty(email, fc.option(email), phone, at, async (typed, registryPec, tel, day) => {
        const d = await register({ mode: 'simplified', email: typed, phone: tel, registryPec }, day);
        const opens = simplifiedFrom(day);
        const open = opens !== null && day >= opens;
        expect(codes(d)).toEqual(open ? [] : ['SIMPLIFIED_NOT_YET_AVAILABLE']);
        expect(d.outputs.scope).toBe(open ? 'payment-only' : null);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('requires a telephone number in every mode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Facts['mode']>('certified-pec', 'simplified', 'pec-upgrade'),
        email,
        blankPhone,
        at,
        async (mode, typed, tel, day) => {
          const facts: Facts = {
            mode,
            email: typed,
            registryPec: typed,
            ...(tel === undefined ? {} : { phone: tel }),
          };
          const d = await register(facts, day);
          expect(codes(d)).toContain('PHONE_REQUIRED');
          expect(d.outcome).toBe('deny');
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('refuses the upgrade to the registry PEC while the portal has not announced its date', async () => {
    const upgradeFrom = loaded.ruleset.parameters.get('albo.registration.pecUpgradeFrom');
    await fc.assert(
      fc.asyncProperty(email, phone, at, async (typed, tel, day) => {
        fc.pre(upgradeFrom !== undefined && valueInForce(upgradeFrom, day) === null);
        const d = await register({ mode: 'pec-upgrade', email: typed, phone: tel, registryPec: typed }, day);
        expect(codes(d)).toEqual(['PEC_UPGRADE_NOT_YET_AVAILABLE']);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('allows the upgrade, for the full scope, from the day a date is announced', async () => {
    const name = 'albo.registration.pecUpgradeFrom';
    const current = loaded.ruleset.parameters.get(name);
    if (!current) throw new Error(`${name} is not loaded`);
    const announced = '2017-06-01';
    const parameters = new Map(loaded.ruleset.parameters).set(name, {
      ...current,
      history: [
        ...current.history,
        { from: '2017-05-15', value: announced, source: 'a hypothetical notice' },
      ],
    });
    const ruleset: Ruleset = { ...loaded.ruleset, parameters };
    await fc.assert(
      fc.asyncProperty(
        email.chain((e) => fc.tuple(fc.constant(e), caseVariant(e))),
        phone,
        at,
        async ([pec, typed], tel, day) => {
          const result = await evaluate(ruleset, {
            policy: 'albo.registration',
            facts: { mode: 'pec-upgrade', email: typed, phone: tel, registryPec: pec },
            at: day,
            today: day,
          });
          if (!result.ok) throw new Error(JSON.stringify(result.error));
          const open = day >= announced;
          expect(codes(result.value)).toEqual(open ? [] : ['PEC_UPGRADE_NOT_YET_AVAILABLE']);
          expect(result.value.outputs.scope).toBe(open ? 'full' : null);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });
});
