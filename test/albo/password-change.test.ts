// [P-PASSWORD] Password change: account.password reports every violation at once; whether the new
// password repeats one of the last three (the current one included) is computed against the
// stored hashes.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { credentialsFor, ROSSI, registrationOf, startAlbo } from './support.js';

async function registered() {
  const service = await startAlbo();
  await service.albo.register.execute(registrationOf(ROSSI));
  return { service, ...(await credentialsFor(service, ROSSI.pec ?? '')) };
}

const codesOf = (result: { ok: boolean; error?: unknown }) =>
  ((result.error as { violations?: Array<{ code: string }> }).violations ?? []).map((v) => v.code).sort();

describe('password change', () => {
  it('replaces the temporary password and gives a token without the restriction', async () => {
    const { service, matricola, password } = await registered();
    const result = await service.albo.changePassword.execute(matricola, {
      currentPassword: password,
      newPassword: 'Camion#2017',
      confirmPassword: 'Camion#2017',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.session.passwordChangeRequired).toBe(false);
    const principal = await resolve(service.container, TOKENS.TokenIssuer).verify(result.value.session.token);
    expect(principal).toMatchObject({ matricola, passwordChangeRequired: false });
    expect((await service.albo.logIn.execute(matricola, password)).ok).toBe(false);
    expect(await service.albo.logIn.execute(matricola, 'Camion#2017')).toMatchObject({
      ok: true,
      value: { passwordChangeRequired: false },
    });
  });

  it('reports every violation at once', async () => {
    const { service, matricola, password } = await registered();
    const result = await service.albo.changePassword.execute(matricola, {
      currentPassword: password,
      newPassword: 'abc',
      confirmPassword: 'abd',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', policy: 'account.password' } });
    expect(codesOf(result)).toEqual([
      'CONFIRMATION_MISMATCH',
      'MISSING_DIGIT',
      'MISSING_SYMBOL',
      'MISSING_UPPERCASE',
      'TOO_SHORT',
    ]);
  });

  it('refuses the current (temporary) password as the new one', async () => {
    const { service, matricola, password } = await registered();
    const result = await service.albo.changePassword.execute(matricola, {
      currentPassword: password,
      newPassword: password,
      confirmPassword: password,
    });
    expect(codesOf(result)).toEqual(['RECENTLY_USED']);
  });

  it('keeps the last three passwords, the current one included', async () => {
    const { service, matricola, password: temporary } = await registered();
    const change = (currentPassword: string, newPassword: string) =>
      service.albo.changePassword.execute(matricola, {
        currentPassword,
        newPassword,
        confirmPassword: newPassword,
      });
    expect((await change(temporary, 'Primo#2017')).ok).toBe(true);
    expect((await change('Primo#2017', 'Secondo#2017')).ok).toBe(true);
    expect((await change('Secondo#2017', 'Terzo#2017')).ok).toBe(true);
    // Current Terzo, then Secondo, then Primo: all three are refused.
    for (const reused of ['Terzo#2017', 'Secondo#2017', 'Primo#2017'])
      expect(codesOf(await change('Terzo#2017', reused))).toEqual(['RECENTLY_USED']);
    // The temporary password is the fourth last: allowed again.
    expect((await change('Terzo#2017', temporary)).ok).toBe(true);
    const account = await resolve(service.container, ALBO_TOKENS.Accounts).findByMatricola(matricola);
    expect(account?.passwordHashes).toHaveLength(3);
  });

  it('refuses a wrong current password', async () => {
    const { service, matricola } = await registered();
    expect(
      await service.albo.changePassword.execute(matricola, {
        currentPassword: 'not-it',
        newPassword: 'Camion#2017',
        confirmPassword: 'Camion#2017',
      }),
    ).toEqual({ ok: false, error: { code: 'CURRENT_PASSWORD_WRONG' } });
  });

  it('logs the decision without the passwords', async () => {
    const { service, matricola, password } = await registered();
    const result = await service.albo.changePassword.execute(matricola, {
      currentPassword: password,
      newPassword: 'Camion#2017',
      confirmPassword: 'Camion#2017',
    });
    if (!result.ok) throw new Error(result.error.code);
    const logged = await resolve(service.container, TOKENS.DecisionService).get(result.value.decisionId);
    expect(logged?.facts).toEqual({ matchesRecentPassword: false });
    expect(JSON.stringify(logged)).not.toContain('Camion#2017');
  });
});
