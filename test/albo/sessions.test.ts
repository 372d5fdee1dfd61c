// [P-LOCKOUT][P-PASSWORD] Sessions end: a token issued before a suspension, a password change, an
// approved reset or a logout is refused afterwards on every company route — also by another
// instance sharing the store — and a wrong current password on the change route counts as a failed
// login. These were attacks on the code before #16: an old token kept reading the account, changing
// the fleet and changing the password for a fresh token, and the current password could be guessed
// without limit.
import { describe, expect, it } from 'vitest';
import { mongoStoresOn } from '../../src/adapters/mongo/mongo-stores.js';
import { memoryStores, type Stores } from '../../src/adapters/stores.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';
import { FLEET } from './fleet.js';
import {
  type AlboService,
  activeAccount,
  NEW_PASSWORD,
  ROSSI,
  resetPasswordFor,
  startAlbo,
} from './support.js';

const SEED_MESSAGE =
  'Utente sospeso per superamento numero tentativi pwd errata. Contattare Amministratore di Sistema per il ripristino';
const SECRET = 'a-token-secret-shared-by-two-instances';

const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

/** account.lockout's maximum as the loaded rules give it (never pinned here). */
async function maxFailedAttempts(service: AlboService): Promise<number> {
  const decided = await resolve(service.container, TOKENS.DecisionService).decide({
    policy: 'account.lockout',
    facts: { failedAttempts: 0 },
  });
  if (!decided.ok) throw new Error('account.lockout could not decide');
  return decided.value.outputs.maxFailedAttempts as number;
}

async function loggedIn(service: AlboService) {
  const rossi = await activeAccount(service, ROSSI);
  const login = async (password: string) =>
    service.call('POST', '/v1/albo/sessions', 'service', { matricola: rossi.matricola, password });
  const session = await json<{ token: string }>(await login(rossi.password));
  return { ...rossi, login, as: { token: session.token } };
}

/** What a holder of the token tries: read the account, change the fleet, change the password. */
function attempts(service: AlboService, matricola: string, as: { token: string }) {
  return {
    read: () => service.call('GET', `/v1/albo/accounts/${matricola}`, as),
    fleet: () => service.call('PUT', `/v1/albo/companies/${matricola}/fleet`, as, { vehicles: FLEET }),
    password: (currentPassword: string) =>
      service.call('POST', `/v1/albo/accounts/${matricola}/password`, as, {
        currentPassword,
        newPassword: 'Rimorchio#2017',
        confirmPassword: 'Rimorchio#2017',
      }),
  };
}

async function expectProblem(
  response: Response,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  const body = await json(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body.code).toBe(code);
  return body;
}

describe('a suspension ends the sessions of the account', () => {
  it('refuses a token issued before the last wrong password on every company route, with the seed message', async () => {
    const service = await startAlbo();
    const { matricola, password, login, as } = await loggedIn(service);
    const max = await maxFailedAttempts(service);
    const holder = attempts(service, matricola, as);
    expect((await holder.read()).status).toBe(200);
    for (let i = 0; i < max; i++) await login('sbagliata');

    for (const response of [await holder.read(), await holder.fleet(), await holder.password(password)]) {
      const body = await expectProblem(response, 403, 'ACCOUNT_SUSPENDED');
      expect(body.detail).toBe(SEED_MESSAGE);
    }
    // Nothing changed: the fleet is empty and the password is the one before.
    const fleet = await service.call('GET', `/v1/albo/companies/${matricola}/fleet`, 'operator');
    expect(await json(fleet)).toMatchObject({ vehicles: [] });
    await expectProblem(await login(password), 403, 'ACCOUNT_SUSPENDED');
  });
});

describe('a wrong current password on the change route', () => {
  it('counts like a failed login: 20 guesses suspend the account at the maximum, and the session is then refused', async () => {
    const service = await startAlbo();
    const { matricola, as } = await loggedIn(service);
    const max = await maxFailedAttempts(service);
    const holder = attempts(service, matricola, as);
    const statuses: string[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await json(await holder.password(`Indovino#${i}`))).code as string);

    expect(statuses.slice(0, max - 1)).toEqual(Array(max - 1).fill('CURRENT_PASSWORD_WRONG'));
    expect(statuses.slice(max - 1)).toEqual(Array(20 - max + 1).fill('ACCOUNT_SUSPENDED'));
    const account = await service.albo.profile(matricola);
    expect(account.ok && account.value).toMatchObject({
      failedAttempts: max,
      suspendedAt: expect.any(String),
    });
    expect(account.ok && account.value.events.filter((e) => e.type === 'suspended')).toHaveLength(1);
    const refused = await expectProblem(await holder.read(), 403, 'ACCOUNT_SUSPENDED');
    expect(refused.detail).toBe(SEED_MESSAGE);
  });

  it('shares the count with logins: wrong logins and wrong current passwords add up', async () => {
    const service = await startAlbo();
    const { matricola, login, as } = await loggedIn(service);
    const max = await maxFailedAttempts(service);
    for (let i = 0; i < max - 1; i++) await login('sbagliata');
    await expectProblem(
      await attempts(service, matricola, as).password('Indovino#1'),
      403,
      'ACCOUNT_SUSPENDED',
    );
  });
});

describe('a password change, an approved reset and a logout end the sessions', () => {
  it('a password change: the old token is refused, the new one works', async () => {
    const service = await startAlbo();
    const { matricola, password, as } = await loggedIn(service);
    const changed = await attempts(service, matricola, as).password(password);
    expect(changed.status).toBe(200);
    const fresh = { token: (await json<{ session: { token: string } }>(changed)).session.token };
    // The old token cannot change the password again for yet another token.
    await expectProblem(
      await attempts(service, matricola, as).password('Rimorchio#2017'),
      401,
      'UNAUTHENTICATED',
    );
    await expectProblem(await attempts(service, matricola, as).read(), 401, 'UNAUTHENTICATED');
    expect((await attempts(service, matricola, fresh).read()).status).toBe(200);
  });

  it('an approved RESET PASSWORD: the token from before is refused', async () => {
    const service = await startAlbo();
    const { matricola, email, as } = await loggedIn(service);
    const requested = await service.call('POST', '/v1/albo/password-resets', 'service', {
      subject: 'RESET PASSWORD',
      matricola,
      registerNumber: ROSSI.registerNumber,
      phone: '011 1234567',
    });
    const { id } = await json<{ id: string }>(requested);
    expect((await attempts(service, matricola, as).read()).status).toBe(200);
    expect((await service.call('POST', `/v1/albo/password-resets/${id}/approval`, 'admin')).status).toBe(200);
    await expectProblem(await attempts(service, matricola, as).read(), 401, 'UNAUTHENTICATED');
    expect(await resetPasswordFor(service, email)).not.toBe(NEW_PASSWORD);
  });

  it('a logout (DELETE /v1/albo/sessions/current): that token and every other of the account are refused; logging in again works', async () => {
    const service = await startAlbo();
    const { matricola, password, login, as } = await loggedIn(service);
    const other = { token: (await json<{ token: string }>(await login(password))).token };
    expect((await service.call('DELETE', '/v1/albo/sessions/current', as)).status).toBe(204);
    await expectProblem(await attempts(service, matricola, as).read(), 401, 'UNAUTHENTICATED');
    await expectProblem(await attempts(service, matricola, other).fleet(), 401, 'UNAUTHENTICATED');
    await expectProblem(
      await service.call('DELETE', '/v1/albo/sessions/current', 'service'),
      403,
      'FORBIDDEN',
    );
    const again = { token: (await json<{ token: string }>(await login(password))).token };
    expect((await attempts(service, matricola, again).read()).status).toBe(200);
  });

  it('holds across two instances sharing one store', async () => {
    await acrossInstances(memoryStores());
  });
});

describeMongo('sessions across instances', () => {
  it('end on every instance sharing one MongoDB database', async () => {
    await acrossInstances(mongoStoresOn(await freshDatabase()));
  });
});

/** A password change on one instance ends the session on the other. */
async function acrossInstances(stores: Stores): Promise<void> {
  const first = await startAlbo(undefined, { stores, tokenSecret: SECRET });
  const second = await startAlbo(undefined, { stores, tokenSecret: SECRET });
  const { matricola, password, as } = await loggedIn(first);
  expect((await attempts(second, matricola, as).read()).status).toBe(200);
  expect((await attempts(first, matricola, as).password(password)).status).toBe(200);
  await expectProblem(await attempts(second, matricola, as).fleet(), 401, 'UNAUTHENTICATED');
}
