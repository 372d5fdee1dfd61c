// [P-LOCKOUT] Login: account.lockout decides; failures are counted atomically, so 50 parallel wrong
// passwords suspend the account exactly once, at the fifth; then even the right password fails with
// the seed's message, and a success before that resets the count.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { credentialsFor, ROSSI, registrationOf, startAlbo } from './support.js';

const SEED_MESSAGE =
  'Utente sospeso per superamento numero tentativi pwd errata. Contattare Amministratore di Sistema per il ripristino';

async function registered() {
  const service = await startAlbo();
  await service.albo.register.execute(registrationOf(ROSSI));
  const credentials = await credentialsFor(service, ROSSI.pec ?? '');
  const accounts = resolve(service.container, ALBO_TOKENS.Accounts);
  return { service, ...credentials, account: () => accounts.findByMatricola(credentials.matricola) };
}

describe('login', () => {
  it('gives a short-lived token that, before the first password change, allows only the change', async () => {
    const { service, matricola, password } = await registered();
    const result = await service.albo.logIn.execute(matricola, password);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toMatchObject({ matricola, scope: 'full', passwordChangeRequired: true });
    expect(result.value.expiresIn).toBeLessThanOrEqual(3600);
    const principal = await resolve(service.container, TOKENS.TokenIssuer).verify(result.value.token);
    expect(principal).toEqual({
      kind: 'company',
      matricola,
      scope: 'full',
      passwordChangeRequired: true,
      epoch: 0,
    });
  });

  it('refuses a wrong password and an unknown matricola alike', async () => {
    const { service, matricola } = await registered();
    expect(await service.albo.logIn.execute(matricola, 'wrong')).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await service.albo.logIn.execute('IT00000000', 'wrong')).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
  });

  it('resets the count of failures on a success', async () => {
    const { service, matricola, password, account } = await registered();
    for (let i = 0; i < 4; i++) await service.albo.logIn.execute(matricola, 'wrong');
    expect((await account())?.failedAttempts).toBe(4);
    expect((await service.albo.logIn.execute(matricola, password)).ok).toBe(true);
    expect((await account())?.failedAttempts).toBe(0);
    for (let i = 0; i < 4; i++) await service.albo.logIn.execute(matricola, 'wrong');
    expect((await service.albo.logIn.execute(matricola, password)).ok).toBe(true);
  });
});

describe('lockout', () => {
  it('suspends exactly once, at the fifth of 50 parallel wrong passwords, with the seed message', async () => {
    const { service, matricola, account } = await registered();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.albo.logIn.execute(matricola, 'Wrong#Password1')),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_SUSPENDED')).toHaveLength(46);
    const stored = await account();
    expect(stored?.failedAttempts).toBe(5);
    expect(stored?.suspendedAt).not.toBeNull();
    expect(stored?.events.filter((e) => e.type === 'suspended')).toHaveLength(1);
    const suspended = results.find((r) => !r.ok && r.error.code === 'ACCOUNT_SUSPENDED');
    expect(suspended).toMatchObject({
      ok: false,
      error: { denied: { policy: 'account.lockout', violations: [{ code: 'ACCOUNT_SUSPENDED' }] } },
    });
    const message =
      !suspended?.ok && suspended?.error.code === 'ACCOUNT_SUSPENDED' ? suspended.error.denied : null;
    expect(message?.violations[0]?.message.it).toBe(SEED_MESSAGE);
  });

  it('refuses the right password once suspended', async () => {
    const { service, matricola, password } = await registered();
    for (let i = 0; i < 5; i++) await service.albo.logIn.execute(matricola, 'wrong');
    expect(await service.albo.logIn.execute(matricola, password)).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_SUSPENDED' },
    });
  });
});
