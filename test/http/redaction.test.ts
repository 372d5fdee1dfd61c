// Secret facts never reach the decision log [E-LOG], and such a decision still replays the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfRules, json, startTestService, type TestService } from './support.js';

const SECRET = 'S3cr3t-PIN-4417';
const SHORT_SECRET = 'Qz9';

const secretPolicy = {
  $schema: '../schema/policy.schema.json',
  id: 'test.secret-pin',
  title: 'Throwaway policy with a secret fact',
  sources: ['test fixture'],
  facts: {
    type: 'object',
    additionalProperties: false,
    required: ['holder', 'pin'],
    properties: { holder: { type: 'string' }, pin: { type: 'string' } },
  },
  secretFacts: ['pin'],
  messages: { PIN_TOO_SHORT: { it: 'Il PIN è troppo corto.', en: 'The PIN is too short.' } },
  versions: [
    {
      effectiveFrom: '2000-01-01',
      effectiveTo: null,
      computed: { pinLength: { fn: 'codePointLength', args: { value: { fact: 'pin' } } } },
      outputs: { pinLength: { fact: 'pinLength' } },
      rules: [
        {
          name: 'pin-long-enough',
          description: 'The PIN has at least six characters.',
          source: 'test fixture',
          conditions: { all: [{ fact: 'pinLength', operator: 'lessThan', value: 6 }] },
          event: { type: 'violation', params: { code: 'PIN_TOO_SHORT' } },
        },
      ],
    },
  ],
};

let rules: Awaited<ReturnType<typeof copyOfRules>>;
let service: TestService;
beforeAll(async () => {
  rules = await copyOfRules();
  await rules.write('test-secret-pin.policy.json', JSON.stringify(secretPolicy));
  // A policy serves only with a suite that sees each rule firing and not firing.
  await rules.write(
    'test-secret-pin.suite.yaml',
    [
      'policy: test.secret-pin',
      'cases:',
      `  - { name: A long PIN, facts: { holder: Mario Rossi, pin: "${SECRET}" }, expect: { outcome: allow } }`,
      `  - { name: A short PIN, facts: { holder: Mario Rossi, pin: "${SHORT_SECRET}" }, expect: { outcome: deny } }`,
      '',
    ].join('\n'),
  );
  service = await startTestService(rules.dir);
});
afterAll(() => rules.dispose());

describe('a policy with secretFacts', () => {
  it.each([
    [SECRET, 'allow'],
    [SHORT_SECRET, 'deny'],
  ])('logs the decision on %s without the secret, and replays it the same', async (pin, outcome) => {
    const made = await json<{ decisionId: string; outcome: string }>(
      await service.post('/v1/policies/test.secret-pin/decisions', { facts: { holder: 'Mario Rossi', pin } }),
    );
    expect(made.outcome).toBe(outcome);

    const response = await service.get(`/v1/decisions/${made.decisionId}`, 'auditor');
    const text = await response.text();
    expect(text).not.toContain(pin);
    expect(JSON.parse(text)).toMatchObject({ facts: { holder: 'Mario Rossi' }, redacted: ['pin'], outcome });
    expect(JSON.parse(text).facts).not.toHaveProperty('pin');

    const replay = await json(
      await service.post(`/v1/decisions/${made.decisionId}/replay`, undefined, 'auditor'),
    );
    expect(replay).toMatchObject({ same: true });
  });
});
