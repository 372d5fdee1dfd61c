// [E-LOG] issue #16 item 7: the decision log holds citizens' and companies' data, so only auditors
// and admins read it, and each policy's personal facts (personalFacts, JSON pointers) are masked in
// it. Replay still gives the same answer where the rules read only derived facts.
import { describe, expect, it } from 'vitest';
import { buildRuleset, type ParsedPolicyFile } from '../../src/domain/ruleset.js';
import { json, startTestService } from '../http/support.js';

const REGISTRATION = {
  mode: 'certified-pec',
  email: 'rossi.autotrasporti@pec.it',
  phone: '011 5678901',
  registryPec: 'ROSSI.autotrasporti@pec.it',
  registryAvailable: true,
};
const PERSONAL_VALUES = ['rossi.autotrasporti', '5678901', 'Via Roma', '10121', 'RSSMRA80A01L219M', 'mario@'];

type Logged = { facts: Record<string, unknown>; masked?: string[] };

async function decided(policy: string, facts: unknown, at = '2025-06-20') {
  const service = await startTestService();
  const made = await service.post(`/v1/policies/${policy}/decisions`, { facts, at });
  expect(made.status).toBe(200);
  const { decisionId, outcome } = await json<{ decisionId: string; outcome: string }>(made);
  return { service, decisionId, outcome };
}

describe('GET /v1/decisions/{id}', () => {
  it('is refused to service and operator keys (they may hold the e-mail and phone of a company)', async () => {
    const { service, decisionId } = await decided('albo.registration', REGISTRATION, '2017-01-20');
    for (const role of ['service', 'operator', 'payment-provider'] as const) {
      const read = await service.get(`/v1/decisions/${decisionId}`, role);
      expect(read.status).toBe(403);
      expect(await read.text()).not.toContain('rossi');
    }
    for (const role of ['auditor', 'admin'] as const)
      expect((await service.get(`/v1/decisions/${decisionId}`, role)).status).toBe(200);
  });
});

describe('personal facts in the decision log', () => {
  it.each([
    ['albo.registration', REGISTRATION, '2017-01-20', ['/email', '/phone', '/registryPec']],
    [
      'cns.delivery',
      {
        mode: 'shipping',
        address: { street: 'Via Roma 1', city: 'Torino', postalCode: '10121', province: 'TO', country: 'IT' },
        attendedAddressConfirmed: true,
      },
      '2025-06-20',
      ['/address/street', '/address/city', '/address/postalCode'],
    ],
    [
      'cns.payment-readiness',
      {
        jurisdictionOk: true,
        deliveryOk: true,
        contactEmail: 'mario@example.it',
        mobile: '+39 333 1234567',
        passphraseSet: true,
        recognitionMethod: 'cns',
      },
      '2025-06-20',
      ['/contactEmail', '/mobile'],
    ],
    [
      'cns.payment-readiness',
      {
        jurisdictionOk: true,
        deliveryOk: true,
        contactEmail: 'not an address',
        mobile: '12',
        passphraseSet: true,
        recognitionMethod: 'cns',
      },
      '2025-06-20',
      ['/contactEmail', '/mobile'],
    ],
  ])('%s: masked in the log, and the replay is the same', async (policy, facts, at, pointers) => {
    const { service, decisionId } = await decided(policy, facts, at);
    const read = await service.get(`/v1/decisions/${decisionId}`, 'auditor');
    const logged = await json<Logged>(read);
    expect(logged.masked).toEqual(pointers);
    const text = JSON.stringify(logged);
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);
    for (const pointer of pointers) {
      const value = pointer
        .slice(1)
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], logged.facts);
      expect(value).toBe('***');
    }
    const replay = await json<{ same: boolean; differences: unknown[] }>(
      await service.post(`/v1/decisions/${decisionId}/replay`, {}, 'auditor'),
    );
    expect(replay).toMatchObject({ same: true, differences: [] });
  });

  it('cns.recognition-certificate: the certificate subject is masked; the codice fiscale read from it stays as the output', async () => {
    const certificate = {
      subjectCN: 'RSSMRA80A01L219M/7420000012345678.abcdEFGH=',
      keyUsage: ['digitalSignature'],
      notAfter: '2027-01-01',
    };
    const { service, decisionId } = await decided('cns.recognition-certificate', { certificate });
    const logged = await json<Logged & { outputs: Record<string, unknown> }>(
      await service.get(`/v1/decisions/${decisionId}`, 'auditor'),
    );
    expect(logged.facts).toMatchObject({ certificate: { subjectCN: '***', notAfter: '2027-01-01' } });
    // The decision's result is the codice fiscale: it is logged as the output (README, "What is logged").
    expect(logged.outputs).toEqual({ fiscalCode: 'RSSMRA80A01L219M' });
    expect(JSON.stringify(logged)).not.toContain('7420000012345678');
    const replay = await json<{ same: boolean }>(
      await service.post(`/v1/decisions/${decisionId}/replay`, {}, 'auditor'),
    );
    expect(replay.same).toBe(true);
  });

  it('refuses at load a personal fact that is not in the facts schema, and one quoted in a message', () => {
    const policy: ParsedPolicyFile = {
      file: 'p.policy.json',
      doc: {
        id: 'test.personal',
        title: 'Personal facts',
        sources: ['test'],
        facts: {
          type: 'object',
          properties: { contact: { type: 'object', properties: { email: { type: 'string' } } } },
        },
        personalFacts: ['/contact/email', '/contact/phone', 'contact'],
        messages: { BAD: { it: 'Scrivi a {fact:contact}', en: 'Write to {fact:contact}' } },
        versions: [{ effectiveFrom: '2020-01-01', rules: [] }],
      },
    };
    const { issues } = buildRuleset([policy], [], 'h');
    expect(issues.map((i) => `${i.path} ${i.reason}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/personalFacts\/1 .*no property "phone"/),
        expect.stringMatching(/^\/personalFacts\/2 .*JSON pointer/),
        expect.stringMatching(/^\/messages\/BAD\/it personal fact "contact"/),
      ]),
    );
    expect(issues.some((i) => i.path === '/personalFacts/0')).toBe(false);
  });
});
