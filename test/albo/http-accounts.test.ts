// [§5] The register's account routes through the Hono app: registration, login and lockout, the
// token's restrictions, password change and RESET PASSWORD, with bad inputs and refusals.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve } from '../../src/adapters/tokens.js';
import { json } from '../http/support.js';
import {
  BIANCHI,
  credentialsFor,
  NEW_PASSWORD,
  ROSSI,
  registrationOf,
  resetPasswordFor,
  startAlbo,
} from './support.js';

const SEED_MESSAGE =
  'Utente sospeso per superamento numero tentativi pwd errata. Contattare Amministratore di Sistema per il ripristino';

type Problem = {
  code: string;
  status: number;
  detail: string;
  violations?: Array<{ code?: string; field: string }>;
};

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = await json<Problem>(response);
  expect(problem.code).toBe(code);
  return problem;
}

async function registeredViaHttp(at?: string, overrides = {}) {
  const service = await startAlbo(at);
  const body = registrationOf(ROSSI, overrides);
  const response = await service.call('POST', '/v1/albo/registrations', 'service', body);
  expect(response.status).toBe(201);
  const credentials = await credentialsFor(service, body.email);
  const login = (password: string) =>
    service.call('POST', '/v1/albo/sessions', 'service', { matricola: credentials.matricola, password });
  return { service, ...credentials, login };
}

describe('POST /v1/albo/registrations', () => {
  it('registers and answers 201 without any secret; the credentials arrive by e-mail', async () => {
    const service = await startAlbo();
    const response = await service.call('POST', '/v1/albo/registrations', 'service', registrationOf(ROSSI));
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body).toMatchObject({ scope: 'full', mode: 'certified-pec', passwordChangeRequired: true });
    expect(Object.keys(body).sort()).toEqual(
      ['companyName', 'decisionId', 'email', 'matricola', 'mode', 'passwordChangeRequired', 'scope'].sort(),
    );
    const mailbox = await service.call('GET', `/v1/dev/mailbox?to=${ROSSI.pec}`, 'operator');
    const { messages } = await json<{ messages: Array<{ text: string }> }>(mailbox);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(`Numero di matricola: ${body.matricola}`);
  });

  it('refuses bad bodies naming the field, never with a 500', async () => {
    const service = await startAlbo();
    const post = (body: unknown) => service.call('POST', '/v1/albo/registrations', 'service', body);
    await expectProblem(
      await service.request('/v1/albo/registrations', {
        method: 'POST',
        headers: { authorization: 'Bearer test-service-key-0000000001', 'content-type': 'application/json' },
        body: '{"mode":',
      }),
      400,
      'MALFORMED_JSON',
    );
    const unknown = await expectProblem(
      await post({ ...registrationOf(ROSSI), extra: 1 }),
      400,
      'INVALID_REQUEST',
    );
    expect(unknown.violations?.[0]?.field).toBe('/extra');
    const mode = await expectProblem(
      await post({ ...registrationOf(ROSSI), mode: 'pec-upgrade' }),
      400,
      'INVALID_REQUEST',
    );
    expect(mode.violations?.some((v) => v.field === '/mode')).toBe(true);
    await expectProblem(
      await post({ ...registrationOf(ROSSI), email: 'not an address' }),
      400,
      'INVALID_REQUEST',
    );
    await expectProblem(await post([]), 400, 'INVALID_REQUEST');
  });

  it('lets albo.registration report a missing telephone, and the registry being down', async () => {
    const service = await startAlbo();
    const { phone: _phone, ...noPhone } = registrationOf(ROSSI);
    const refused = await expectProblem(
      await service.call('POST', '/v1/albo/registrations', 'service', noPhone),
      422,
      'POLICY_DENIED',
    );
    expect(refused.violations?.map((v) => v.code)).toEqual(['PHONE_REQUIRED']);
    // Rossi's PEC is now cached; Bianchi's has to be asked for.
    resolve(service.container, ALBO_TOKENS.RegistryFixture).setBehaviour({ mode: 'unavailable' });
    const down = await expectProblem(
      await service.call('POST', '/v1/albo/registrations', 'service', registrationOf(BIANCHI)),
      422,
      'POLICY_DENIED',
    );
    expect(down.violations?.map((v) => v.code)).toEqual(['REGISTRY_UNAVAILABLE']);
  });

  it('refuses a duplicate (409), an unknown company (422), no key (401) and a company token (403)', async () => {
    const { service, login, password } = await registeredViaHttp();
    await expectProblem(
      await service.call('POST', '/v1/albo/registrations', 'service', registrationOf(ROSSI)),
      409,
      'ALREADY_REGISTERED',
    );
    await expectProblem(
      await service.call(
        'POST',
        '/v1/albo/registrations',
        'service',
        registrationOf(ROSSI, { registerNumber: 'X' }),
      ),
      422,
      'COMPANY_NOT_IN_REGISTER',
    );
    await expectProblem(
      await service.request('/v1/albo/registrations', { method: 'POST', body: '{}' }),
      401,
      'UNAUTHENTICATED',
    );
    const { token } = await json<{ token: string }>(await login(password));
    await expectProblem(
      await service.call('POST', '/v1/albo/registrations', { token }, registrationOf(ROSSI)),
      403,
      'FORBIDDEN',
    );
  });
});

describe('POST /v1/albo/sessions and the lockout', () => {
  it('suspends exactly once at the fifth of 50 parallel wrong logins, with the seed message verbatim', async () => {
    const { service, login, password, matricola } = await registeredViaHttp();
    const responses = await Promise.all(Array.from({ length: 50 }, () => login('Wrong#Password1')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 403)).toHaveLength(46);
    const suspended = await expectProblem(
      responses[statuses.indexOf(403)] as Response,
      403,
      'ACCOUNT_SUSPENDED',
    );
    expect(suspended.detail).toBe(SEED_MESSAGE);
    expect(suspended.violations?.map((v) => v.code)).toEqual(['ACCOUNT_SUSPENDED']);
    const account = await resolve(service.container, ALBO_TOKENS.Accounts).findByMatricola(matricola);
    expect(account?.events.filter((e) => e.type === 'suspended')).toHaveLength(1);
    // The right password is refused too.
    expect((await expectProblem(await login(password), 403, 'ACCOUNT_SUSPENDED')).detail).toBe(SEED_MESSAGE);
  });

  it('refuses a malformed matricola as a bad body, and a wrong password as 401', async () => {
    const { service, login } = await registeredViaHttp();
    await expectProblem(
      await service.call('POST', '/v1/albo/sessions', 'service', { matricola: 'XX1', password: 'x' }),
      400,
      'INVALID_REQUEST',
    );
    await expectProblem(await login('wrong'), 401, 'INVALID_CREDENTIALS');
  });
});

describe('the company token', () => {
  it('allows only the password change until it is done, then the full profile', async () => {
    const { service, login, password, matricola } = await registeredViaHttp();
    const { token, passwordChangeRequired } = await json<{ token: string; passwordChangeRequired: boolean }>(
      await login(password),
    );
    expect(passwordChangeRequired).toBe(true);
    for (const path of [`/v1/albo/accounts/${matricola}`, '/v1/albo/quotas/2017'])
      await expectProblem(await service.call('GET', path, { token }), 403, 'FORBIDDEN');
    await expectProblem(
      await service.call('POST', '/v1/albo/payments', { token }, { year: 2017 }),
      403,
      'FORBIDDEN',
    );
    // Another company's account is not its own.
    await expectProblem(
      await service.call(
        'POST',
        '/v1/albo/accounts/IT00000000/password',
        { token },
        {
          currentPassword: password,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        },
      ),
      403,
      'FORBIDDEN',
    );

    const change = (body: unknown) =>
      service.call('POST', `/v1/albo/accounts/${matricola}/password`, { token }, body);
    const weak = await expectProblem(
      await change({ currentPassword: password, newPassword: 'camion', confirmPassword: 'camion!' }),
      422,
      'POLICY_DENIED',
    );
    expect(weak.violations?.map((v) => v.code).sort()).toEqual([
      'CONFIRMATION_MISMATCH',
      'MISSING_DIGIT',
      'MISSING_SYMBOL',
      'MISSING_UPPERCASE',
      'TOO_SHORT',
    ]);
    await expectProblem(
      await change({ currentPassword: 'wrong', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      422,
      'CURRENT_PASSWORD_WRONG',
    );
    await expectProblem(await change({ newPassword: NEW_PASSWORD }), 400, 'INVALID_REQUEST');
    const changed = await change({
      currentPassword: password,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    const { session } = await json<{ session: { token: string; passwordChangeRequired: boolean } }>(changed);
    expect(session.passwordChangeRequired).toBe(false);
    const profile = await service.call('GET', `/v1/albo/accounts/${matricola}`, { token: session.token });
    expect(profile.status).toBe(200);
    const body = await json(profile);
    expect(body).toMatchObject({ matricola, scope: 'full', passwordChangeRequired: false });
    expect(JSON.stringify(body)).not.toMatch(/passwordHashes|pinHash|outbox/);
  });

  it('of a simplified (payment-only) account can see its fee and pay, and nothing else', async () => {
    const { service, login, password, matricola } = await registeredViaHttp('2017-02-15T10:00:00+01:00', {
      mode: 'simplified',
      email: 'rossi@gmail.com',
    });
    const first = await json<{ token: string; scope: string }>(await login(password));
    expect(first.scope).toBe('payment-only');
    const changed = await service.call(
      'POST',
      `/v1/albo/accounts/${matricola}/password`,
      { token: first.token },
      {
        currentPassword: password,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
    );
    const { token } = (await json<{ session: { token: string } }>(changed)).session;
    for (const path of [`/v1/albo/accounts/${matricola}`, `/v1/albo/companies/${matricola}/fleet`])
      await expectProblem(await service.call('GET', path, { token }), 403, 'FORBIDDEN');
    expect((await service.call('GET', '/v1/albo/quotas/2017', { token })).status).toBe(200);
    expect((await service.call('POST', '/v1/albo/payments', { token }, { year: 2017 })).status).toBe(201);
  });
});

describe('RESET PASSWORD', () => {
  it('is requested by the help desk, approved by an administrator, and mails a new temporary password', async () => {
    const { service, login, password, matricola } = await registeredViaHttp();
    for (let i = 0; i < 5; i++) await login('wrong');
    const request = {
      subject: 'RESET PASSWORD',
      matricola,
      registerNumber: ROSSI.registerNumber,
      phone: '011 1234567',
    };
    await expectProblem(
      await service.call('POST', '/v1/albo/password-resets', 'service', {
        ...request,
        subject: 'Recupero password',
      }),
      400,
      'INVALID_REQUEST',
    );
    await expectProblem(
      await service.call('POST', '/v1/albo/password-resets', 'service', {
        ...request,
        registerNumber: 'TO/0000000/A',
      }),
      422,
      'RESET_REQUEST_NOT_MATCHED',
    );
    // [P-LOCKOUT] The telephone must be the one given at registration…
    const wrongPhone = await service.call('POST', '/v1/albo/password-resets', 'service', {
      ...request,
      phone: '011 5678901',
    });
    expect(await expectProblem(wrongPhone, 422, 'RESET_PHONE_MISMATCH')).toMatchObject({
      violations: [{ field: '/phone' }],
    });
    expect(await json(await service.call('GET', '/v1/albo/password-resets', 'operator'))).toEqual({
      requests: [],
    });
    const requested = await service.call('POST', '/v1/albo/password-resets', 'service', request);
    expect(requested.status).toBe(202);
    const { id } = await json<{ id: string }>(requested);
    // …and writing again while it is pending updates that request (however the number is written);
    // a wrong number then leaves it as it was.
    await expectProblem(
      await service.call('POST', '/v1/albo/password-resets', 'service', { ...request, phone: '011 123' }),
      422,
      'RESET_PHONE_MISMATCH',
    );
    const resubmitted = await service.call('POST', '/v1/albo/password-resets', 'service', {
      ...request,
      phone: '+39 011-1234567',
    });
    expect(resubmitted.status).toBe(202);
    expect(await json(resubmitted)).toMatchObject({ id, phone: '+39 011-1234567', status: 'pending' });

    await expectProblem(await service.call('GET', '/v1/albo/password-resets', 'service'), 403, 'FORBIDDEN');
    await expectProblem(
      await service.call('GET', '/v1/albo/password-resets?status=all', 'operator'),
      400,
      'INVALID_REQUEST',
    );
    const pending = await json<{ requests: Array<{ id: string }> }>(
      await service.call('GET', '/v1/albo/password-resets', 'operator'),
    );
    expect(pending.requests.map((r) => r.id)).toEqual([id]);

    await expectProblem(
      await service.call('POST', `/v1/albo/password-resets/${id}/approval`, 'service'),
      403,
      'FORBIDDEN',
    );
    const approved = await service.call('POST', `/v1/albo/password-resets/${id}/approval`, 'admin');
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ status: 'approved', approvedBy: 'admin-1' });
    await expectProblem(
      await service.call('POST', `/v1/albo/password-resets/${id}/approval`, 'admin'),
      409,
      'RESET_ALREADY_APPROVED',
    );
    await expectProblem(
      await service.call('POST', '/v1/albo/password-resets/nope/approval', 'admin'),
      404,
      'UNKNOWN_RESET_REQUEST',
    );

    await expectProblem(await login(password), 401, 'INVALID_CREDENTIALS');
    const temporary = await resetPasswordFor(service, ROSSI.pec ?? '');
    const session = await login(temporary);
    expect(session.status).toBe(200);
    expect(await json(session)).toMatchObject({ passwordChangeRequired: true });
  });
});
