// [#20] A known path asked with a method it does not serve is 405 with `Allow` listing the methods
// it does serve (problem+json); an unknown path stays 404.
import { describe, expect, it } from 'vitest';
import { KEYS, startTestService } from './support.js';

const service = await startTestService();
const call = (method: string, path: string) =>
  service.request(path, { method, headers: { authorization: `Bearer ${KEYS.admin}` } });

describe('a wrong method on a known path', () => {
  it.each([
    ['DELETE', '/v1/policies/albo.quota/decisions', 'POST'],
    ['PUT', '/v1/policies', 'GET'],
    ['GET', '/v1/admin/rules/reload', 'POST'],
    ['POST', '/healthz', 'GET'],
  ])('%s %s is 405 with Allow', async (method, path, allowed) => {
    const response = await call(method, path);
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('allow')?.split(', ')).toContain(allowed);
    expect(await response.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED', status: 405 });
  });

  it('lists HEAD beside GET', async () => {
    const response = await call('DELETE', '/v1/policies');
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD']);
  });

  it('keeps 404 for a path no route serves', async () => {
    const response = await call('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
  });
});
