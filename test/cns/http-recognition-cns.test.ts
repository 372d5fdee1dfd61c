// [P-CERTIFICATE] Recognition by CNS over HTTP must prove possession of a real card certificate:
// X.509 chained to the configured trust anchors, either forwarded by the TLS proxy from a trusted
// address or sent with a signature over a one-time nonce. Certificates come from a test PKI.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CnsRecognitionConfig,
  NO_CNS_RECOGNITION,
} from '../../src/adapters/crypto/cns-recognition-config.js';
import { type RunningService, startService } from '../../src/adapters/service.js';
import { json, KEYS, LOOPBACK_SERVICE } from '../http/support.js';
import {
  aCa,
  aCard,
  aTestPki,
  type Issued,
  KeyUsageFlags,
  signText,
  type TestPki,
} from '../support/test-pki.js';
import {
  anApplication,
  type CnsTestService,
  FISCAL_CODE,
  MONDAY,
  startCnsService,
  WRONG_CHECK,
} from './support.js';

type Body = Record<string, unknown>;
const HEADER = 'x-ssl-client-cert';
const PROXY = '10.0.0.5';

let pki: TestPki;
let recognition: CnsRecognitionConfig;
beforeAll(async () => {
  pki = await aTestPki();
  recognition = {
    trustAnchors: [pki.root.pem],
    trustAnchorsPath: 'test PKI',
    forwarded: { header: HEADER, trustedProxies: [PROXY, '192.168.7.0/24'] },
  };
});

let service: CnsTestService;
beforeEach(async () => {
  service = await startCnsService(MONDAY, undefined, { cnsRecognition: recognition });
});

/** A CNS application over HTTP: its path and the applicant's token. */
async function aCnsApplication(on = service): Promise<{ path: string; me: { token: string } }> {
  const created = await on.http(
    'POST',
    '/v1/cns/applications',
    'service',
    anApplication().recognisedBy('cns').build(),
  );
  const { id, accessToken } = await json<{ id: string; accessToken: string }>(created);
  return { path: `/v1/cns/applications/${id}`, me: { token: accessToken } };
}

async function expectStatus(response: Promise<Response>, status: number): Promise<Body> {
  const r = await response;
  const body = await json(r);
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function challenge(app: { path: string; me: { token: string } }) {
  return (await expectStatus(service.http('POST', `${app.path}/recognition/challenge`, app.me), 201)) as {
    nonce: string;
    toBeSigned: string;
    expiresAt: string;
  };
}

/** The body the applicant's browser sends: the card, its intermediate, the signed challenge. */
async function answer(card: Issued, nonce: string, toBeSigned: string, signer = card) {
  return {
    method: 'cns',
    certificate: card.pem,
    intermediates: [pki.intermediate.pem],
    nonce,
    signature: await signText(signer.keys, toBeSigned),
  };
}

async function prove(app: { path: string; me: { token: string } }, card: Issued) {
  const { nonce, toBeSigned } = await challenge(app);
  return service.http('POST', `${app.path}/recognition`, app.me, await answer(card, nonce, toBeSigned));
}

async function expectNotRecognised(app: { path: string; me: { token: string } }) {
  expect(await expectStatus(service.http('GET', app.path, app.me), 200)).toMatchObject({
    recognition: null,
    identitySource: 'declared',
    applicant: { fiscalCode: FISCAL_CODE, firstName: 'Mario', lastName: 'Rossi' },
  });
}

describe('recognition by CNS over HTTP', () => {
  it('refuses an identity the applicant merely asserts in JSON (issue #16)', async () => {
    for (const on of [service, await startCnsService()]) {
      const app = await aCnsApplication(on);
      const forged = await on.http('POST', `${app.path}/recognition`, app.me, {
        method: 'cns',
        certificate: {
          subjectCN: 'VRDGPP80A01L219X/7420000012345678.abcdEFGH=',
          keyUsage: ['digitalSignature'],
          notAfter: '2030-01-01',
          givenName: 'GIUSEPPE',
          surname: 'VERDI',
        },
      });
      expect(forged.status).toBe(400);
      expect(await json(forged)).toMatchObject({ code: 'INVALID_REQUEST' });
      const after = await json(await on.http('GET', app.path, app.me));
      expect(after).toMatchObject({ recognition: null, identitySource: 'declared' });
      expect(after.applicant).toMatchObject({
        fiscalCode: FISCAL_CODE,
        firstName: 'Mario',
        lastName: 'Rossi',
      });
    }
  });

  it('recognises the holder of a card that signs the challenge, with the identity of the certificate', async () => {
    const app = await aCnsApplication();
    const issued = await challenge(app);
    expect(issued).toMatchObject({
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: '2025-06-16T08:05:00.000Z',
      toBeSigned: expect.stringContaining(issued.nonce),
    });
    const card = await pki.card(FISCAL_CODE, {
      givenName: 'MARIO GIUSEPPE',
      email: 'm.rossi@pec.example.it',
    });
    const recognized = await expectStatus(
      service.http(
        'POST',
        `${app.path}/recognition`,
        app.me,
        await answer(card, issued.nonce, issued.toBeSigned),
      ),
      200,
    );
    expect(recognized).toMatchObject({
      identityLocked: true,
      applicant: {
        fiscalCode: FISCAL_CODE,
        firstName: 'MARIO GIUSEPPE',
        lastName: 'ROSSI',
        certificateEmail: 'm.rossi@pec.example.it',
      },
      recognition: { channel: 'cns', date: '2025-06-16' },
    });
    expect(recognized).not.toHaveProperty('certificateChallenge');
  });

  it('takes an RSA card as well, its certificate in base64 DER', async () => {
    const app = await aCnsApplication();
    const { nonce, toBeSigned } = await challenge(app);
    const card = await pki.card(FISCAL_CODE, { rsa: true });
    const body = { ...(await answer(card, nonce, toBeSigned)), certificate: card.der };
    await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, body), 200);
  });

  it('uses a nonce once: a replay after a failed attempt, or on another application, is refused', async () => {
    const app = await aCnsApplication();
    const card = await pki.card(FISCAL_CODE);
    const { nonce, toBeSigned } = await challenge(app);
    const wrong = await answer(card, nonce, `${toBeSigned}!`);
    expect(
      await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, wrong), 422),
    ).toMatchObject({
      code: 'BAD_SIGNATURE',
      violations: [{ field: '/signature' }],
    });
    const replay = await answer(card, nonce, toBeSigned);
    expect(
      await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, replay), 422),
    ).toMatchObject({
      code: 'NONCE_UNKNOWN',
      violations: [{ field: '/nonce' }],
    });
    const other = await aCnsApplication();
    const fresh = await challenge(app);
    const elsewhere = await answer(card, fresh.nonce, fresh.toBeSigned);
    expect(
      (await expectStatus(service.http('POST', `${other.path}/recognition`, other.me, elsewhere), 422)).code,
    ).toBe('NONCE_UNKNOWN');
    await expectNotRecognised(app);
    await expectNotRecognised(other);
  });

  it('refuses an expired nonce, and a new challenge replaces the previous one', async () => {
    const app = await aCnsApplication();
    const card = await pki.card(FISCAL_CODE);
    const first = await challenge(app);
    service.clock.set('2025-06-16T08:05:00Z');
    const late = await answer(card, first.nonce, first.toBeSigned);
    expect(
      (await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, late), 422)).code,
    ).toBe('NONCE_EXPIRED');
    const second = await challenge(app);
    const third = await challenge(app);
    const replaced = await answer(card, second.nonce, second.toBeSigned);
    expect(
      (await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, replaced), 422)).code,
    ).toBe('NONCE_UNKNOWN');
    const current = await answer(card, third.nonce, third.toBeSigned);
    await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, current), 200);
  });

  it("refuses a signature made with another key than the certificate's", async () => {
    const app = await aCnsApplication();
    const { nonce, toBeSigned } = await challenge(app);
    const victim = await pki.card('VRDGPP80A01L219J', { givenName: 'GIUSEPPE', surname: 'VERDI' });
    const mine = await pki.card(FISCAL_CODE);
    const body = await answer(victim, nonce, toBeSigned, mine);
    expect(
      (await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, body), 422)).code,
    ).toBe('BAD_SIGNATURE');
    await expectNotRecognised(app);
  });

  it('refuses a card of a CA of its own making, naming the certificate', async () => {
    const app = await aCnsApplication();
    const forger = await aCa('Test CNS Root CA');
    const card = await aCard(FISCAL_CODE, { issuer: forger });
    const { nonce, toBeSigned } = await challenge(app);
    const body = { ...(await answer(card, nonce, toBeSigned)), intermediates: [] };
    expect(
      await expectStatus(service.http('POST', `${app.path}/recognition`, app.me, body), 422),
    ).toMatchObject({
      code: 'UNTRUSTED_CERTIFICATE',
      violations: [{ field: '/certificate', reason: expect.stringContaining('trust anchor') }],
    });
    await expectNotRecognised(app);
  });

  it('gives the policy reasons for the signature certificate, a card without digitalSignature, an expired card', async () => {
    const app = await aCnsApplication();
    const cases: Array<[Issued, string]> = [
      [
        await pki.card(FISCAL_CODE, { usages: KeyUsageFlags.nonRepudiation }),
        'SIGNATURE_CERTIFICATE_SELECTED',
      ],
      [
        await pki.card(FISCAL_CODE, { usages: KeyUsageFlags.keyEncipherment }),
        'SIGNATURE_CERTIFICATE_SELECTED',
      ],
      [await pki.card(FISCAL_CODE, { notAfter: new Date('2025-06-01T00:00:00Z') }), 'CNS_EXPIRED'],
    ];
    for (const [card, code] of cases)
      expect(await expectStatus(prove(app, card), 422)).toMatchObject({
        code: 'POLICY_DENIED',
        policy: 'cns.recognition-certificate',
        violations: [{ code, field: 'policy:cns.recognition-certificate' }],
      });
    await expectNotRecognised(app);
  });

  it('refuses a codice fiscale with a wrong check character', async () => {
    const app = await aCnsApplication();
    expect(await expectStatus(prove(app, await pki.card(WRONG_CHECK)), 422)).toMatchObject({
      code: 'INVALID_FISCAL_CODE',
      violations: [{ field: '/certificate', reason: expect.stringContaining('check character') }],
    });
    await expectNotRecognised(app);
  });
});

describe('recognition by CNS through the TLS proxy', () => {
  /** The proxy does not forward intermediates: this card is issued by the anchor itself. */
  let card: Issued;
  beforeAll(async () => {
    card = await aCard(FISCAL_CODE, { issuer: pki.root });
  });
  const forwarded = (pem: string) => ({ [HEADER]: encodeURIComponent(pem) });

  it('takes the certificate the trusted proxy forwards (URL-encoded PEM, as nginx sends it)', async () => {
    const app = await aCnsApplication();
    const done = await expectStatus(
      service.http(
        'POST',
        `${app.path}/recognition`,
        app.me,
        { method: 'cns' },
        { headers: forwarded(card.pem), peer: PROXY },
      ),
      200,
    );
    expect(done).toMatchObject({ identityLocked: true, recognition: { channel: 'cns' } });
    const other = await aCnsApplication();
    await expectStatus(
      service.http(
        'POST',
        `${other.path}/recognition`,
        other.me,
        { method: 'cns' },
        { headers: forwarded(card.pem), peer: '::ffff:192.168.7.20' },
      ),
      200,
    );
  });

  it('ignores the header from an address that is not a trusted proxy', async () => {
    const app = await aCnsApplication();
    for (const peer of [undefined, '10.0.0.6', '192.168.8.1']) {
      const refused = await expectStatus(
        service.http(
          'POST',
          `${app.path}/recognition`,
          app.me,
          { method: 'cns' },
          { headers: forwarded(card.pem), ...(peer ? { peer } : {}) },
        ),
        403,
      );
      expect(refused).toMatchObject({ code: 'UNTRUSTED_PROXY', violations: [{ field: `header:${HEADER}` }] });
    }
    await expectNotRecognised(app);
  });

  it('asks for a certificate when the proxy sent none, or when no proxy is configured', async () => {
    const app = await aCnsApplication();
    const none = await expectStatus(
      service.http('POST', `${app.path}/recognition`, app.me, { method: 'cns' }, { peer: PROXY }),
      422,
    );
    expect(none.code).toBe('CLIENT_CERTIFICATE_MISSING');
    const garbled = await expectStatus(
      service.http(
        'POST',
        `${app.path}/recognition`,
        app.me,
        { method: 'cns' },
        { headers: { [HEADER]: '%E0%A4%A' }, peer: PROXY },
      ),
      422,
    );
    expect(garbled.code).toBe('INVALID_CERTIFICATE');
    const noProxy = await startCnsService(MONDAY, undefined, {
      cnsRecognition: { ...recognition, forwarded: null },
    });
    const there = await aCnsApplication(noProxy);
    const refused = await noProxy.http(
      'POST',
      `${there.path}/recognition`,
      there.me,
      { method: 'cns' },
      {
        headers: forwarded(card.pem),
        peer: PROXY,
      },
    );
    expect(refused.status).toBe(422);
    expect((await json(refused)).code).toBe('CLIENT_CERTIFICATE_MISSING');
  });
});

describe('recognition by CNS without trust anchors', () => {
  it('is refused with 503 CNS_RECOGNITION_NOT_CONFIGURED, never accepted', async () => {
    const bare = await startCnsService(MONDAY, undefined, { cnsRecognition: NO_CNS_RECOGNITION });
    const app = await aCnsApplication(bare);
    const asked = await bare.http('POST', `${app.path}/recognition/challenge`, app.me);
    expect(asked.status).toBe(503);
    expect((await json(asked)).code).toBe('CNS_RECOGNITION_NOT_CONFIGURED');
    const card = await pki.card(FISCAL_CODE);
    const sent = await bare.http('POST', `${app.path}/recognition`, app.me, {
      method: 'cns',
      certificate: card.pem,
      nonce: 'x',
      signature: await signText(card.keys, 'x'),
    });
    expect(sent.status).toBe(503);
    expect((await json(sent)).code).toBe('CNS_RECOGNITION_NOT_CONFIGURED');
  });
});

describe('recognition by CNS on a listening service', () => {
  let running: RunningService | undefined;
  afterEach(async () => {
    await running?.close();
  });

  it("reads the proxy's address from the TCP connection", async () => {
    running = await startService({
      ...LOOPBACK_SERVICE,
      passwordHashCost: 1024,
      cnsRecognition: { ...recognition, forwarded: { header: HEADER, trustedProxies: ['127.0.0.1'] } },
    });
    const url = `http://127.0.0.1:${running.port}`;
    const post = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const created = await json<{ id: string; accessToken: string }>(
      await post('/v1/cns/applications', KEYS.service, anApplication().recognisedBy('cns').build()),
    );
    const card = await aCard(FISCAL_CODE, { issuer: pki.root });
    const done = await post(
      `/v1/cns/applications/${created.id}/recognition`,
      created.accessToken,
      { method: 'cns' },
      {
        [HEADER]: encodeURIComponent(card.pem),
      },
    );
    expect(done.status, JSON.stringify(await done.clone().json())).toBe(200);
    expect(await json(done)).toMatchObject({ identityLocked: true });
  });
});
