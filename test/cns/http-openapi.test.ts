// [§5] The CNS routes are in the published OpenAPI document, bodies as components, problems as responses.
import { describe, expect, it } from 'vitest';
import { json } from '../http/support.js';
import { startCnsService } from './support.js';

describe('the OpenAPI document', () => {
  it('publishes every CNS route of SPEC §5 with its request schema', async () => {
    const service = await startCnsService();
    const doc = await json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(await service.http('GET', '/openapi.json', 'service'));
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/cns/'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/cns/applications',
        'GET /v1/cns/applications/{id}',
        'GET /v1/cns/appointment-slots',
        'POST /v1/cns/applications/{id}/appointment',
        'POST /v1/cns/applications/{id}/payment',
        'PATCH /v1/cns/applications/{id}',
        'POST /v1/cns/applications/{id}/recognition/challenge',
        'POST /v1/cns/applications/{id}/recognition',
        'GET /v1/cns/applications/{id}/timeline',
        'POST /v1/cns/applications/{id}/revocation',
      ]),
    );
    expect(doc.components.schemas.CnsApplicationRequest).toMatchObject({
      additionalProperties: false,
      properties: { passphrase: { writeOnly: true } },
    });
  });
});
