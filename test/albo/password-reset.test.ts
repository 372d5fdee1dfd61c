// [P-LOCKOUT] RESET PASSWORD (not recovery): the request carries matricola, register number and a
// telephone; the administrator's approval mails a new temporary password to the registered address,
// clears the lockout and forces the change at first access; both stay recorded.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve } from '../../src/adapters/tokens.js';
import { credentialsFor, ROSSI, registrationOf, resetPasswordFor, startAlbo } from './support.js';

async function suspendedAccount() {
  const service = await startAlbo();
  await service.albo.register.execute(registrationOf(ROSSI));
  const { matricola, password } = await credentialsFor(service, ROSSI.pec ?? '');
  for (let i = 0; i < 5; i++) await service.albo.logIn.execute(matricola, 'wrong');
  const accounts = resolve(service.container, ALBO_TOKENS.Accounts);
  return { service, matricola, password, account: () => accounts.findByMatricola(matricola) };
}

const request = (matricola: string, registerNumber = ROSSI.registerNumber) =>
  ({ subject: 'RESET PASSWORD', matricola, registerNumber, phone: '011 1234567' }) as const;

describe('password reset', () => {
  it('restores a suspended account with a new temporary password, to be changed at first access', async () => {
    const { service, matricola, password, account } = await suspendedAccount();
    const requested = await service.albo.requestReset.execute(request(matricola));
    if (!requested.ok) throw new Error(requested.error.code);
    expect(requested.value).toMatchObject({ status: 'pending', matricola, companyName: ROSSI.name });
    expect(await service.albo.listResets.execute('pending')).toHaveLength(1);

    const approved = await service.albo.approveReset.execute(requested.value.id, 'admin');
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', approvedBy: 'admin' } });
    const stored = await account();
    expect(stored).toMatchObject({ failedAttempts: 0, suspendedAt: null, passwordChangeRequired: true });
    expect(stored?.events.map((e) => e.type)).toEqual([
      'registered',
      'suspended',
      'reset-requested',
      'reset-approved',
    ]);

    const temporary = await resetPasswordFor(service, ROSSI.pec ?? '');
    expect(temporary).not.toBe(password);
    expect(await service.albo.logIn.execute(matricola, password)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await service.albo.logIn.execute(matricola, temporary)).toMatchObject({
      ok: true,
      value: { passwordChangeRequired: true },
    });
    expect(await service.albo.listResets.execute('pending')).toHaveLength(0);
  });

  it('returns the pending request when the company writes again, and approves it once', async () => {
    const { service, matricola } = await suspendedAccount();
    const first = await service.albo.requestReset.execute(request(matricola));
    const again = await service.albo.requestReset.execute(request(matricola));
    expect(first.ok && again.ok && again.value.id === first.value.id).toBe(true);
    if (!first.ok) return;
    const approvals = await Promise.all(
      Array.from({ length: 5 }, () => service.albo.approveReset.execute(first.value.id, 'admin')),
    );
    expect(approvals.filter((a) => a.ok)).toHaveLength(1);
    expect(approvals.filter((a) => !a.ok && a.error.code === 'RESET_ALREADY_APPROVED')).toHaveLength(4);
    expect(
      (await service.mailbox(ROSSI.pec ?? '')).filter((m) => m.subject.startsWith('RESET')),
    ).toHaveLength(1);
  });

  it('refuses a request whose register number does not match, and an unknown matricola, alike', async () => {
    const { service, matricola } = await suspendedAccount();
    expect(await service.albo.requestReset.execute(request(matricola, 'MI/2345678/B'))).toEqual({
      ok: false,
      error: { code: 'RESET_REQUEST_NOT_MATCHED' },
    });
    expect(await service.albo.requestReset.execute(request('IT00000000'))).toEqual({
      ok: false,
      error: { code: 'RESET_REQUEST_NOT_MATCHED' },
    });
  });

  it('refuses to approve an unknown request', async () => {
    const { service } = await suspendedAccount();
    expect(await service.albo.approveReset.execute('no-such-request', 'admin')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_RESET_REQUEST' },
    });
  });
});
