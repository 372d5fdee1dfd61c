// [#20] One rule for errors, held on several routes at once: malformed JSON is 400 MALFORMED_JSON and
// a schema break 400 INVALID_REQUEST wherever they happen (body, query, path); a policy's refusal is
// 422 POLICY_DENIED in one shape whether one policy refuses or several; every problem names its
// request (`instance` = X-Request-Id) and has no member the Problem schema does not list.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { ROSSI, registrationOf } from '../albo/support.js';
import { anApplication, type CnsTestService, startCnsService } from '../cns/support.js';
import { KEYS } from './support.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let service: CnsTestService;
let checkProblem: (value: unknown) => string[];

beforeAll(async () => {
  service = await startCnsService();
  const document = (await (await service.http('GET', '/openapi.json', 'service')).json()) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'urn:pa:service' });
  // Nothing beyond what the schema lists, at the top and in each violation.
  const validate = ajv.compile({
    $ref: 'urn:pa:service#/components/schemas/Problem',
    unevaluatedProperties: false,
    properties: {
      violations: {
        items: {
          anyOf: [
            { $ref: 'urn:pa:service#/components/schemas/FieldViolation', unevaluatedProperties: false },
            { $ref: 'urn:pa:service#/components/schemas/RuleFileViolation', unevaluatedProperties: false },
          ],
        },
      },
    },
  });
  checkProblem = (value) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
});

async function problemOf(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(body.instance).toBe(response.headers.get('x-request-id'));
  expect(checkProblem(body)).toEqual([]);
  return body;
}

/** POSTs text as is, with the service key. */
const send = (path: string, text: string) =>
  resolve(service.container, TOKENS.HttpApp).request(path, {
    method: 'POST',
    body: text,
    headers: { authorization: `Bearer ${KEYS.service}`, 'content-type': 'application/json' },
  });

describe('one rule for bad input', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON on every route', async () => {
    for (const path of [
      '/v1/policies/albo.payment-deadline/decisions',
      '/v1/albo/registrations',
      '/v1/cns/applications',
    ])
      await problemOf(await send(path, '{"facts": {'), 400, 'MALFORMED_JSON');
  });

  it('answers a schema break with 400 INVALID_REQUEST naming each field, body, query or path alike', async () => {
    const breaks: Array<[Promise<Response>, string]> = [
      [
        service.http('POST', '/v1/policies/albo.payment-deadline/decisions', 'service', { extra: 1 }),
        '/extra',
      ],
      [
        service.http('POST', '/v1/albo/registrations', 'service', { ...registrationOf(ROSSI), extra: 1 }),
        '/extra',
      ],
      [service.http('POST', '/v1/cns/applications', 'service', { extra: 1 }), '/extra'],
      [service.http('GET', '/v1/albo/password-resets?status=lost', 'operator'), 'status'],
      [service.http('GET', '/v1/albo/outreach/1999', 'operator'), 'year'],
      [service.http('GET', '/v1/decisions?from=yesterday', 'auditor'), 'from'],
    ];
    for (const [answer, field] of breaks) {
      const problem = await problemOf(await answer, 400, 'INVALID_REQUEST');
      expect(problem.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('lists the allowed values of an enum', async () => {
    const problem = await problemOf(
      await service.http('POST', '/v1/albo/registrations', 'service', {
        ...registrationOf(ROSSI),
        mode: 'pec-upgrade',
      }),
      400,
      'INVALID_REQUEST',
    );
    expect(problem.violations).toContainEqual({
      field: '/mode',
      reason: 'must be one of "certified-pec", "simplified"',
    });
  });
});

describe('a policy refusal', () => {
  it('has one shape whether one policy refuses or several', async () => {
    const { phone: _phone, ...noPhone } = registrationOf(ROSSI);
    const one = await problemOf(
      await service.http('POST', '/v1/albo/registrations', 'service', noPhone),
      422,
      'POLICY_DENIED',
    );
    const several = await problemOf(
      await service.http(
        'POST',
        '/v1/cns/applications',
        'service',
        anApplication()
          .residentIn('MI')
          .deliveredBy({ mode: 'counter', attendedAddressConfirmed: true })
          .build(),
      ),
      422,
      'POLICY_DENIED',
    );
    const shape = ['policy', 'decisionId', 'policies', 'decisionIds', 'violations'];
    for (const problem of [one, several]) {
      expect(Object.keys(problem)).toEqual(expect.arrayContaining(shape));
      for (const v of problem.violations as Array<Record<string, unknown>>)
        expect(Object.keys(v)).toEqual(
          expect.arrayContaining([
            'field',
            'reason',
            'code',
            'message',
            'rule',
            'source',
            'policy',
            'decisionId',
          ]),
        );
    }
    expect(one.policies).toEqual(['albo.registration']);
    expect(several.policies).toEqual(['cns.jurisdiction', 'cns.delivery']);
    expect(several.decisionIds).toHaveLength(2);
  });
});

describe('the other refusals', () => {
  it('are problems too: 401, 403, 404, 405', async () => {
    await problemOf(await service.http('GET', '/v1/policies', { token: 'nope' }), 401, 'UNAUTHENTICATED');
    await problemOf(await service.http('POST', '/v1/admin/rules/reload', 'service'), 403, 'FORBIDDEN');
    await problemOf(await service.http('GET', '/v1/decisions/nope', 'auditor'), 404, 'UNKNOWN_DECISION');
    const wrongMethod = await service.http('DELETE', '/v1/policies', 'service');
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    await problemOf(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
  });
});
