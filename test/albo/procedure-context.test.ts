// Procedures hand policies the context they have, and the policy's facts schema picks what it reads
// (README). A maintainer who declares the company's seat in albo.payment-deadline and writes a rule
// on it changes what the running register procedure decides, with no TypeScript change; the
// decision log keeps only what the schema picked, and replays the same. The existing policies get,
// log and replay exactly the facts they got before.
import { describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { RegistryCompany } from '../../src/application/albo/ports/company-registry.js';
import type { LoggedDecision } from '../../src/application/ports/decision-log.js';
import { aCopyOfRulesForThisTest } from '../http/rules-copy-for-test.js';
import { json } from '../http/support.js';
import { FLEET } from './fleet.js';
import {
  type AlboService,
  activeAccount,
  BIANCHI,
  company,
  NEW_PASSWORD,
  ROSSI,
  startAlbo,
} from './support.js';

/** Its seat is not on file in the registry fixture. */
const LOMBARDA_NO_SEAT = company('08771230151');
const TODAY = '2017-01-20';

type Problem = { code: string; decisionId?: string; violations?: Array<{ code: string }> };

/** Every decision the service appends to its log, as appended. */
function recordDecisions(service: AlboService): LoggedDecision[] {
  const log = resolve(service.container, TOKENS.DecisionLog);
  const appended: LoggedDecision[] = [];
  const append = log.append.bind(log);
  log.append = async (entry) => {
    appended.push(structuredClone(entry));
    return append(entry);
  };
  return appended;
}

async function payFee(service: AlboService, c: RegistryCompany): Promise<Response> {
  const account = await activeAccount(service, c);
  const session = await json<{ token: string }>(
    await service.call('POST', '/v1/albo/sessions', 'service', {
      matricola: account.matricola,
      password: NEW_PASSWORD,
    }),
  );
  return service.call('POST', '/v1/albo/payments', { token: session.token }, { year: 2017 });
}

async function replayedSame(service: AlboService, decisionId: string): Promise<boolean> {
  const replay = await service.call('POST', `/v1/decisions/${decisionId}/replay`, 'auditor');
  expect(replay.status).toBe(200);
  return (await json<{ same: boolean }>(replay)).same;
}

describe('a fact a maintainer adds to a policy’s schema', () => {
  it('is handed over by the running procedure when it knows it, and decides, with no code change', async () => {
    const rules = await aCopyOfRulesForThisTest();
    // The maintainer's edit: the company's seat, optional, and a rule on its ISTAT code.
    await rules.addToPolicy('albo/payment-deadline.policy.json', {
      facts: {
        company: {
          type: 'object',
          additionalProperties: false,
          description: 'The company paying, as the business register records it.',
          properties: {
            seat: {
              type: 'object',
              additionalProperties: false,
              required: ['istatCode'],
              properties: {
                istatCode: { type: 'string', pattern: '^[0-9]{6}$' },
                province: { type: 'string', pattern: '^[A-Z]{2}$' },
              },
            },
          },
        },
      },
      messages: {
        PAY_THROUGH_CHAMBER: {
          it: 'Le imprese con sede nella città metropolitana di Milano pagano la quota tramite la Camera di commercio.',
          en: 'Companies seated in the metropolitan city of Milano pay the fee through the Chamber of Commerce.',
        },
      },
      rule: {
        name: 'seat-outside-milano',
        description: 'A company seated in a municipality of Milano (ISTAT 015…) pays through the Chamber.',
        source: 'Test assumption',
        conditions: {
          all: [{ fact: 'company', path: '$.seat.istatCode', operator: 'startsWith', value: '015' }],
        },
        event: { type: 'violation', params: { code: 'PAY_THROUGH_CHAMBER' } },
      },
    });
    // …and its suite case: the gate serves no rule that no case makes fire.
    await rules.edit(
      'albo/payment-deadline.suite.yaml',
      (text) =>
        `${text.trimEnd()}\n  - name: A company seated in Milano pays through the Chamber\n    facts: { year: 2017, paymentDate: "2017-01-15", company: { seat: { istatCode: "015146" } } }\n    expect: { outcome: deny, violations: [PAY_THROUGH_CHAMBER] }\n`,
    );
    const service = await startAlbo(undefined, { rulesDir: rules.dir });
    const decisions = recordDecisions(service);
    const deadlineFacts = () =>
      decisions.filter((d) => d.policy === 'albo.payment-deadline').map((d) => d.facts);

    // Torino (001272): allowed, and the log holds the seat the schema asked for, nothing more of the company.
    expect((await payFee(service, ROSSI)).status).toBe(201);
    expect(deadlineFacts()).toEqual([
      { year: 2017, paymentDate: TODAY, company: { seat: { istatCode: '001272', province: 'TO' } } },
    ]);

    // Milano (015146): refused by the maintainer's rule.
    const milano = await payFee(service, BIANCHI);
    expect(milano.status).toBe(422);
    const problem = await json<Problem>(milano);
    expect(problem).toMatchObject({ code: 'POLICY_DENIED', violations: [{ code: 'PAY_THROUGH_CHAMBER' }] });
    const logged = await json<LoggedDecision>(
      await service.call('GET', `/v1/decisions/${problem.decisionId}`, 'auditor'),
    );
    expect(logged.facts).toStrictEqual({
      year: 2017,
      paymentDate: TODAY,
      company: { seat: { istatCode: '015146', province: 'MI' } },
    });
    expect(await replayedSame(service, problem.decisionId ?? '')).toBe(true);

    // No seat on file: the seat is left out (not null), and the rule does not fire.
    expect((await payFee(service, LOMBARDA_NO_SEAT)).status).toBe(201);
    expect(deadlineFacts()[2]).toStrictEqual({ year: 2017, paymentDate: TODAY, company: {} });

    // The other policies were not given the company: their schemas do not declare it.
    for (const d of decisions.filter((d) => d.policy !== 'albo.payment-deadline'))
      expect(d.facts, d.policy).not.toHaveProperty('company');
  }, 30_000); // a whole procedure over HTTP, on a shared machine
});

describe('the existing policies', () => {
  it('get, log and replay exactly the facts they got before', async () => {
    const service = await startAlbo();
    const decisions = recordDecisions(service);
    const account = await activeAccount(service, ROSSI);
    const session = await json<{ token: string }>(
      await service.call('POST', '/v1/albo/sessions', 'service', {
        matricola: account.matricola,
        password: NEW_PASSWORD,
      }),
    );
    await service.call('PUT', `/v1/albo/companies/${account.matricola}/fleet`, 'operator', {
      vehicles: FLEET,
    });
    expect(
      (await service.call('POST', '/v1/albo/payments', { token: session.token }, { year: 2017 })).status,
    ).toBe(201);

    const byPolicy = (policy: string) => decisions.filter((d) => d.policy === policy);
    expect(byPolicy('albo.registration').map((d) => d.facts)).toStrictEqual([
      // Personal facts are masked in the log (personalFacts); the rules read derived ones.
      { mode: 'certified-pec', email: '***', phone: '***', registryPec: '***' },
    ]);
    expect(byPolicy('account.password').map((d) => [d.facts, d.redacted])).toStrictEqual([
      [{ matchesRecentPassword: false }, ['newPassword', 'confirmPassword']],
    ]);
    // Asked at the login and again at the password change.
    expect(byPolicy('account.lockout').map((d) => d.facts)).toStrictEqual([
      { failedAttempts: 0 },
      { failedAttempts: 0 },
    ]);
    expect(byPolicy('albo.payment-deadline').map((d) => d.facts)).toStrictEqual([
      { year: 2017, paymentDate: TODAY },
    ]);
    expect(byPolicy('albo.quota').map((d) => d.facts)).toStrictEqual([{ year: 2017, fleet: FLEET }]);
    for (const d of decisions) expect(await replayedSame(service, d.id), d.policy).toBe(true);
  }, 30_000); // a whole procedure over HTTP, on a shared machine
});
