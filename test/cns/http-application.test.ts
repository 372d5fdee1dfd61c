// [§5] The CNS application routes over HTTP: who may call what, bad input named field by field,
// policy refusals as problem+json with every reason and the competent Chamber.
import { describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { json, KEYS } from '../http/support.js';
import { aFreshServiceForEachTest } from './fresh-service.js';
import { anApplication, WRONG_CHECK } from './support.js';

const service = aFreshServiceForEachTest();

interface Created {
  id: string;
  accessToken: string;
  application: Record<string, unknown>;
}

async function create(input = anApplication().build()): Promise<Created> {
  const response = await service.http('POST', '/v1/cns/applications', 'service', input);
  expect(response.status).toBe(201);
  return json<Created>(response);
}

describe('POST /v1/cns/applications', () => {
  it('registers and answers with the id, the access token and the application, never the keys', async () => {
    const created = await create();
    expect(created.application).toMatchObject({
      id: created.id,
      status: 'registered',
      passphraseSet: true,
      receiptHeading: { name: 'Mario Rossi' },
      receiptHeadingIsDefault: true,
      waitingFor: ['payment', 'recognition'],
    });
    expect(JSON.stringify(created)).not.toMatch(/PGP|sealing|passphrase"|outbox/);
  });

  it('refuses with POLICY_DENIED, every reason at once and the competent Chamber', async () => {
    const input = anApplication()
      .residentIn('MI')
      .deliveredBy({ mode: 'counter', attendedAddressConfirmed: true })
      .build();
    const response = await service.http('POST', '/v1/cns/applications', 'service', input);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await json(response);
    expect(body).toMatchObject({
      code: 'POLICY_DENIED',
      policies: ['cns.jurisdiction', 'cns.delivery'],
      competentChamber: 'MI',
      violations: [
        { code: 'OUTSIDE_JURISDICTION', policy: 'cns.jurisdiction', field: 'policy:cns.jurisdiction' },
        { code: 'COUNTER_PICKUP_SUSPENDED', policy: 'cns.delivery' },
      ],
    });
    expect(body.detail).toContain('La Camera di commercio di Torino rilascia il dispositivo CNS solo');
  });

  it('names each bad field: unknown, missing, wrongly shaped, a wrong check character', async () => {
    const input = anApplication().build() as unknown as Record<string, unknown>;
    const bad = { ...input, extra: 1, passphrase: 'short' } as Record<string, unknown>;
    delete bad.recognitionMethod;
    const response = await service.http('POST', '/v1/cns/applications', 'service', bad);
    expect(response.status).toBe(400);
    const fields = (await json<{ violations: Array<{ field: string }> }>(response)).violations.map(
      (v) => v.field,
    );
    expect(fields.sort()).toEqual(['/extra', '/passphrase', '/recognitionMethod']);

    const noProvince = anApplication().with((i) => {
      delete i.applicant.residence.province;
    });
    const italian = await service.http('POST', '/v1/cns/applications', 'service', noProvince.build());
    expect(italian.status).toBe(400);
    expect(await json(italian)).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: '/applicant/residence/province', reason: 'is required' }],
    });

    const wrongCheck = anApplication().with((i) => {
      i.applicant.fiscalCode = WRONG_CHECK;
    });
    const checked = await service.http('POST', '/v1/cns/applications', 'service', wrongCheck.build());
    expect(checked.status).toBe(422);
    expect(await json(checked)).toMatchObject({
      code: 'INVALID_FIELDS',
      violations: [{ field: '/applicant/fiscalCode', reason: expect.stringContaining('check character') }],
    });
  });

  it('refuses a birth date or sex the codice fiscale contradicts, and a correction that would', async () => {
    // RSSMRA80A01L219M: a man born on 1 January 1980 (80 A 01; a woman's day would be 41).
    const contradicting = anApplication().with((i) => {
      i.applicant.birthDate = '1980-01-10';
      i.applicant.sex = 'F';
    });
    const refused = await service.http('POST', '/v1/cns/applications', 'service', contradicting.build());
    expect(refused.status).toBe(422);
    const fields = (await json<{ violations: Array<{ field: string; reason: string }> }>(refused)).violations;
    expect(fields.map((v) => v.field).sort()).toEqual(['/applicant/birthDate', '/applicant/sex']);
    expect(fields[0]?.reason).toContain('codice fiscale');
    const mario = await create(
      anApplication()
        .with((i) => {
          i.applicant.sex = 'M';
        })
        .build(),
    );
    const path = `/v1/cns/applications/${mario.id}`;
    const auth = { token: mario.accessToken };
    const wrongDate = await service.http('PATCH', path, auth, { applicant: { birthDate: '1981-01-01' } });
    expect(wrongDate.status).toBe(422);
    expect(await json(wrongDate)).toMatchObject({ violations: [{ field: '/applicant/birthDate' }] });
    const stored = await json<{ applicant: { birthDate: string; sex: string } }>(
      await service.http('GET', path, auth),
    );
    expect(stored.applicant).toMatchObject({ birthDate: '1980-01-01', sex: 'M' });
  });

  it('refuses a birthplace the codice fiscale contradicts, and gives no verdict on a name it cannot place', async () => {
    // RSSMRA80A01L219M: born in the municipality with Belfiore code L219, Torino.
    const inMilan = anApplication().with((i) => {
      i.applicant.birthPlace = 'Milano';
    });
    const refused = await service.http('POST', '/v1/cns/applications', 'service', inMilan.build());
    expect(refused.status).toBe(422);
    expect(await json(refused)).toMatchObject({
      violations: [{ field: '/applicant/birthPlace', reason: expect.stringContaining('Torino') }],
    });
    const accepted = await create(
      anApplication()
        .with((i) => {
          i.applicant.birthPlace = 'Torino (TO)';
        })
        .build(),
    );
    const auth = { token: accepted.accessToken };
    const path = `/v1/cns/applications/${accepted.id}`;
    const moved = await service.http('PATCH', path, auth, { applicant: { birthPlace: 'Milano' } });
    expect(moved.status).toBe(422);
    // A foreign city or an unusual spelling is no municipality of the register: no verdict.
    const abroad = await service.http('PATCH', path, auth, { applicant: { birthPlace: 'Torino, Italia' } });
    expect(abroad.status).toBe(200);
  });

  it('answers malformed JSON with 400, a non-JSON body with 415 and an empty one with 400', async () => {
    const app = resolve(service.container, TOKENS.HttpApp);
    const send = (body: string, contentType: string) =>
      app.request('/v1/cns/applications', {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${KEYS.service}`, 'content-type': contentType },
      });
    const malformed = await send('{"applicant": ', 'application/json');
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).code).toBe('MALFORMED_JSON');
    expect((await send('applicant=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const empty = await service.http('POST', '/v1/cns/applications', 'service');
    expect(empty.status).toBe(400);
  });

  it('is for the portal and operators: no key 401, an auditor 403, an applicant 403', async () => {
    const created = await create();
    const anonymous = await service.http(
      'POST',
      '/v1/cns/applications',
      { token: 'nope' },
      anApplication().build(),
    );
    expect(anonymous.status).toBe(401);
    expect(
      (await service.http('POST', '/v1/cns/applications', 'auditor', anApplication().build())).status,
    ).toBe(403);
    const asApplicant = await service.http(
      'POST',
      '/v1/cns/applications',
      { token: created.accessToken },
      anApplication().build(),
    );
    expect(asApplicant.status).toBe(403);
  });
});

describe('GET and PATCH /v1/cns/applications/{id}', () => {
  it("shows an applicant their own application only; operators any; the portal's key none", async () => {
    const mario = await create();
    const anna = await create(anApplication().withEmail('anna@example.it').build());
    expect(
      (await service.http('GET', `/v1/cns/applications/${mario.id}`, { token: mario.accessToken })).status,
    ).toBe(200);
    const other = await service.http('GET', `/v1/cns/applications/${mario.id}`, { token: anna.accessToken });
    expect(other.status).toBe(403);
    expect((await json(other)).code).toBe('FORBIDDEN');
    expect((await service.http('GET', `/v1/cns/applications/${anna.id}`, 'operator')).status).toBe(200);
    expect((await service.http('GET', `/v1/cns/applications/${anna.id}`, 'service')).status).toBe(403);
    const unknown = await service.http('GET', '/v1/cns/applications/nope', 'operator');
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).code).toBe('UNKNOWN_APPLICATION');
  });

  it('corrects a field, and refuses an empty or unknown correction', async () => {
    const mario = await create();
    const path = `/v1/cns/applications/${mario.id}`;
    const auth = { token: mario.accessToken };
    const corrected = await service.http('PATCH', path, auth, { contact: { mobile: '+39 347 0000000' } });
    expect(corrected.status).toBe(200);
    expect((await json<{ contact: { mobile: string } }>(corrected)).contact.mobile).toBe('+39 347 0000000');
    expect((await service.http('PATCH', path, auth, {})).status).toBe(400);
    const unknown = await service.http('PATCH', path, auth, { applicantType: 'private' });
    expect(await json(unknown)).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: '/applicantType' }],
    });
  });
});
