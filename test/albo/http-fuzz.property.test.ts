// [§5] Bad input never gives a 500 on the register's routes: random JSON bodies and texts get a
// 2xx or a 4xx problem+json with a stable code.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FC_RUNS } from '../support/load-rules.js';
import { expectNo500 as sendExpectingNo500 } from '../support/no-500.js';
import { activeAccount, KEYS, NEW_PASSWORD, ROSSI, startAlbo } from './support.js';

const service = await startAlbo();
const rossi = await activeAccount(service, ROSSI);
const { token } = (await (
  await service.call('POST', '/v1/albo/sessions', 'service', {
    matricola: rossi.matricola,
    password: NEW_PASSWORD,
  })
).json()) as { token: string };

const ROUTES: Array<{ method: string; path: string; as: 'service' | 'operator' | { token: string } }> = [
  { method: 'POST', path: '/v1/albo/registrations', as: 'service' },
  { method: 'POST', path: '/v1/albo/sessions', as: 'service' },
  { method: 'POST', path: '/v1/albo/password-resets', as: 'service' },
  { method: 'POST', path: '/v1/albo/assistance-tickets', as: 'service' },
  { method: 'PUT', path: `/v1/albo/companies/${rossi.matricola}/fleet`, as: 'operator' },
  { method: 'POST', path: '/v1/albo/payments', as: { token } },
];

const bearerOf = (route: (typeof ROUTES)[number]) =>
  typeof route.as === 'string' ? KEYS[route.as] : route.as.token;
const expectNo500 = (route: (typeof ROUTES)[number], text: string) =>
  sendExpectingNo500(service, route, bearerOf(route), text);

describe('the register routes under random input', () => {
  it('answer any JSON body without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.jsonValue(), async (route, body) =>
        expectNo500(route, JSON.stringify(body)),
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('answer any text body without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.string({ maxLength: 200 }), async (route, text) =>
        expectNo500(route, text),
      ),
      { numRuns: FC_RUNS },
    );
  });
});
