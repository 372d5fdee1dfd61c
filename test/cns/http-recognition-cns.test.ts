// [P-CERTIFICATE] Recognition by CNS over HTTP must prove possession of a real card certificate.
import { beforeEach, describe, expect, it } from 'vitest';
import { json } from '../http/support.js';
import { anApplication, type CnsTestService, FISCAL_CODE, startCnsService } from './support.js';

let service: CnsTestService;
beforeEach(async () => {
  service = await startCnsService();
});

describe('recognition by CNS over HTTP', () => {
  it('refuses an identity the applicant merely asserts in JSON (issue #16)', async () => {
    const created = await service.http(
      'POST',
      '/v1/cns/applications',
      'service',
      anApplication().recognisedBy('cns').build(),
    );
    const { id, accessToken } = await json<{ id: string; accessToken: string }>(created);
    const me = { token: accessToken };
    const forged = await service.http('POST', `/v1/cns/applications/${id}/recognition`, me, {
      method: 'cns',
      certificate: {
        subjectCN: 'VRDGPP80A01L219X/7420000012345678.abcdEFGH=',
        keyUsage: ['digitalSignature'],
        notAfter: '2030-01-01',
        givenName: 'GIUSEPPE',
        surname: 'VERDI',
      },
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    const after = await json<Record<string, unknown>>(
      await service.http('GET', `/v1/cns/applications/${id}`, me),
    );
    expect(after).toMatchObject({
      recognition: null,
      identitySource: 'declared',
      applicant: { fiscalCode: FISCAL_CODE, firstName: 'Mario', lastName: 'Rossi' },
    });
  });
});
