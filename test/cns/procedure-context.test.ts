// Procedures hand policies the context they have (README): a maintainer who declares part of the
// application in cns.payment-readiness (the applicant's birth date) and writes a rule on it changes
// what the running CNS procedure decides, with no TypeScript change; the log keeps only that part,
// and the policies left as they were get the facts they got before.
import { describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { LoggedDecision } from '../../src/application/ports/decision-log.js';
import { aCopyOfRulesForThisTest } from '../http/rules-copy-for-test.js';
import { anApplication, deniedCodes, startCnsService, successValue } from './support.js';

describe('a fact a maintainer adds to a CNS policy’s schema', () => {
  it('is taken from the application by the running procedure, and decides', async () => {
    const rules = await aCopyOfRulesForThisTest();
    await rules.addToPolicy('cns/payment-readiness.policy.json', {
      facts: {
        application: {
          type: 'object',
          additionalProperties: false,
          properties: {
            applicant: {
              type: 'object',
              additionalProperties: false,
              properties: { birthDate: { type: 'string', format: 'date' } },
            },
          },
        },
      },
      messages: {
        ADULT_REQUIRED: {
          it: 'La CNS è rilasciata solo a chi ha compiuto 18 anni.',
          en: 'The CNS is issued to adults only.',
        },
      },
      rule: {
        name: 'applicant-is-adult',
        description: 'The applicant must be 18 (test assumption, on a fixed date).',
        source: 'Test assumption',
        conditions: {
          all: [
            {
              fact: 'application',
              path: '$.applicant.birthDate',
              operator: 'dateAfter',
              value: '2007-06-16',
            },
          ],
        },
        event: { type: 'violation', params: { code: 'ADULT_REQUIRED' } },
      },
    });
    // …and its suite case: the gate serves no rule that no case makes fire.
    await rules.edit(
      'cns/payment-readiness.suite.yaml',
      (text) =>
        `${text.trimEnd()}\n  - name: A minor cannot pay for a CNS\n    facts: { jurisdictionOk: true, deliveryOk: true, contactEmail: mario.rossi@example.it, mobile: "3331234567", passphraseSet: true, recognitionMethod: cns, application: { applicant: { birthDate: "2010-03-01" } } }\n    expect: { outcome: deny, violations: [ADULT_REQUIRED] }\n`,
    );
    const service = await startCnsService(undefined, rules.dir);
    const log = resolve(service.container, TOKENS.DecisionLog);
    const logged: LoggedDecision[] = [];
    const append = log.append.bind(log);
    log.append = async (entry) => {
      logged.push(structuredClone(entry));
      return append(entry);
    };
    const factsOf = (policy: string) => logged.filter((d) => d.policy === policy).map((d) => d.facts);

    const adult = successValue(await service.cns.create.execute(anApplication().recognisedBy('cns').build()));
    expect((await service.cns.pay.execute(adult.application.id)).ok).toBe(true);
    expect(factsOf('cns.payment-readiness')[0]).toStrictEqual({
      jurisdictionOk: true,
      deliveryOk: true,
      // Personal facts are masked in the log (personalFacts); the rules read derived ones.
      contactEmail: '***',
      mobile: '***',
      passphraseSet: true,
      recognitionMethod: 'cns',
      appointmentBooked: false,
      application: { applicant: { birthDate: '1980-01-01' } },
    });
    // The policies whose schemas were not edited get what they got before.
    expect(factsOf('cns.jurisdiction')[0]).toStrictEqual({
      applicantType: 'private',
      residence: { country: 'IT', province: 'TO' },
    });
    expect(Object.keys(factsOf('cns.delivery')[0] ?? {}).sort()).toEqual([
      'address',
      'attendedAddressConfirmed',
      'mode',
    ]);

    const minor = successValue(
      await service.cns.create.execute(
        anApplication()
          .recognisedBy('cns')
          .with((input) => {
            input.applicant.birthDate = '2010-03-01';
            // A code that agrees with the birth date (10 C 01), else the application is refused.
            input.applicant.fiscalCode = 'RSSMRA10C01L219X';
          })
          .build(),
      ),
    );
    expect(deniedCodes(await service.cns.pay.execute(minor.application.id))).toEqual(['ADULT_REQUIRED']);
  }, 30_000); // a whole procedure over HTTP, on a shared machine
});
