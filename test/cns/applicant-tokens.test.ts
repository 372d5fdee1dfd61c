// [§5] CNS applicant tokens: short-lived (APPLICANT_TOKEN_TTL, renewed by the portal), ended by the
// applicant's logout on every instance sharing the store, and bound to the application's state —
// after delivery only reading and asking for revocation, after revocation only reading. Before #16 a
// token lasted 90 days, could not be ended, and kept changing a delivered or revoked application.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_CONFIG, parseRateLimits } from '../../src/adapters/security/security-config.js';
import { NO_RATE_LIMITS } from '../support/security.js';
import {
  anApplication,
  aRecognizedApplication,
  type CnsTestService,
  MONDAY,
  startCnsService,
  successValue,
} from './support.js';

const SHORT_LIVED = { ...DEFAULT_SECURITY_CONFIG, rateLimits: NO_RATE_LIMITS };

async function filed(service: CnsTestService) {
  const response = await service.http('POST', '/v1/cns/applications', 'service', anApplication().build());
  const { id, accessToken } = (await response.json()) as { id: string; accessToken: string };
  return { id, me: { token: accessToken }, path: `/v1/cns/applications/${id}` };
}

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('applicant tokens', () => {
  it('expire after APPLICANT_TOKEN_TTL (default 24 h); the portal then asks for a fresh one', async () => {
    const service = await startCnsService(MONDAY, undefined, { security: SHORT_LIVED });
    const { id, me, path } = await filed(service);
    expect((await service.http('GET', path, me)).status).toBe(200);
    service.clock.set(
      new Date(
        Date.parse(MONDAY) + (DEFAULT_SECURITY_CONFIG.applicantTokenTtlSeconds + 1) * 1000,
      ).toISOString(),
    );
    expect((await service.http('GET', path, me)).status).toBe(401);

    expect(await codeOf(await service.http('POST', `${path}/access-tokens`, me))).toBe('UNAUTHENTICATED');
    const renewed = await service.http('POST', `${path}/access-tokens`, 'service');
    expect(renewed.status).toBe(201);
    const fresh = (await renewed.json()) as { accessToken: string; expiresIn: number };
    expect(fresh.expiresIn).toBe(DEFAULT_SECURITY_CONFIG.applicantTokenTtlSeconds);
    expect((await service.http('GET', path, { token: fresh.accessToken })).status).toBe(200);
    expect(
      (await service.http('POST', `/v1/cns/applications/unknown-${id}/access-tokens`, 'service')).status,
    ).toBe(404);
  });

  it("end with the applicant's logout (DELETE /v1/cns/sessions/current), every token of the application at once", async () => {
    const service = await startCnsService();
    const { me, path } = await filed(service);
    const second = (await (await service.http('POST', `${path}/access-tokens`, 'service')).json()) as {
      accessToken: string;
    };
    expect((await service.http('DELETE', '/v1/cns/sessions/current', me)).status).toBe(204);
    for (const token of [me.token, second.accessToken]) {
      expect((await service.http('GET', path, { token })).status).toBe(401);
      expect((await service.http('GET', '/v1/cns/appointment-slots', { token })).status).toBe(401);
      expect(
        (await service.http('PATCH', path, { token }, { contact: { email: 'x@example.it' } })).status,
      ).toBe(401);
    }
    expect(await codeOf(await service.http('DELETE', '/v1/cns/sessions/current', 'service'))).toBe(
      'FORBIDDEN',
    );
    const fresh = (await (await service.http('POST', `${path}/access-tokens`, 'service')).json()) as {
      accessToken: string;
    };
    expect((await service.http('GET', path, { token: fresh.accessToken })).status).toBe(200);
  });

  it('after delivery only read and ask for revocation; after revocation only read', async () => {
    const service = await startCnsService();
    const recognized = await aRecognizedApplication(service);
    const path = `/v1/cns/applications/${recognized.id}`;
    const me = {
      token: (
        (await (await service.http('POST', `${path}/access-tokens`, 'service')).json()) as {
          accessToken: string;
        }
      ).accessToken,
    };
    service.clock.set('2025-06-23T08:00:00Z');
    successValue(await service.cns.advance.execute(recognized.id, 'in-production', {}));
    successValue(await service.cns.advance.execute(recognized.id, 'shipped', { trackingNumber: 'RR1IT' }));
    successValue(await service.cns.advance.execute(recognized.id, 'delivered', {}));

    const changes = () => [
      service.http('PATCH', path, me, { contact: { email: 'nuovo@example.it' } }),
      service.http('POST', `${path}/appointment`, me, { slotId: 'any' }),
      service.http('POST', `${path}/payment`, me),
      service.http('POST', `${path}/recognition`, me, { method: 'webcam' }),
    ];
    for (const response of await Promise.all(changes())) expect(await codeOf(response)).toBe('FORBIDDEN');
    for (const read of ['', '/timeline', '/receipt'])
      expect((await service.http('GET', `${path}${read}`, me)).status).toBe(200);

    expect((await service.http('POST', `${path}/revocation`, me, { reason: 'email errata' })).status).toBe(
      201,
    );
    for (const response of await Promise.all(changes())) expect(await codeOf(response)).toBe('FORBIDDEN');
    expect(await codeOf(await service.http('POST', `${path}/revocation`, me, { reason: 'ancora' }))).toBe(
      'FORBIDDEN',
    );
    expect((await service.http('GET', path, me)).status).toBe(200);
  });
});

describe('CNS rate limits', () => {
  it('limit filing applications per fiscal code and recognition attempts per application', async () => {
    const rateLimits = parseRateLimits('cns-application.account=2/1h,cns-recognition.account=2/10m', []);
    const service = await startCnsService(MONDAY, undefined, { security: { ...SHORT_LIVED, rateLimits } });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await service.http('POST', '/v1/cns/applications', 'service', anApplication().build())).status,
      );
    expect(statuses).toEqual([201, 201, 429]);
    // An application filed through the use case (the HTTP limit per fiscal code is reached).
    const created = successValue(await service.cns.create.execute(anApplication().build()));
    const path = `/v1/cns/applications/${created.application.id}`;
    const attempts = [];
    // Each attempt is a malformed certificate (400 INVALID_REQUEST), still counted against the limit.
    for (let i = 0; i < 3; i++) {
      const response = await service.http('POST', `${path}/recognition`, 'operator', {
        method: 'cns',
        certificate: {},
      });
      attempts.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(attempts).toEqual([400, 400, 429]);
  });
});
