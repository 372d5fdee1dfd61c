import { describe } from 'vitest';
import { itAnswersRandomBodiesWithoutA500, expectNo500 as sendExpectingNo500 } from '../support/no-500.js';
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
  itAnswersRandomBodiesWithoutA500(ROUTES, expectNo500);
});
