// [P-REGMODE] Registration through the use case, over the in-memory adapters: albo.registration
// decides, the credentials e-mail is written with the account, duplicates are refused.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve } from '../../src/adapters/tokens.js';
import {
  credentialsFor,
  ESPOSITO_NO_PEC,
  ROSSI,
  registrationOf,
  startAlbo,
  VENETA_MIXED_CASE_PEC,
} from './support.js';

const violationCodes = (result: { ok: boolean; error?: unknown }) =>
  (result.error as { violations?: Array<{ code: string }> }).violations?.map((v) => v.code);

describe('registration in certified-pec mode', () => {
  it('checks the PEC with the registry, gives the full scope and e-mails matricola, PIN and temporary password', async () => {
    const service = await startAlbo();
    const result = await service.albo.register.execute(registrationOf(ROSSI));
    expect(result).toMatchObject({
      ok: true,
      value: { mode: 'certified-pec', scope: 'full', passwordChangeRequired: true, email: ROSSI.pec },
    });
    const mails = await service.mailbox(ROSSI.pec ?? '');
    expect(mails).toHaveLength(1);
    const credentials = await credentialsFor(service, ROSSI.pec ?? '');
    expect(credentials.matricola).toMatch(/^IT\d{8}$/);
    expect(credentials.pin).toMatch(/^\d{8}$/);
    expect(credentials.password.length).toBeGreaterThanOrEqual(8);
    const account = await resolve(service.container, ALBO_TOKENS.Accounts).findByMatricola(
      credentials.matricola,
    );
    expect(account?.companyName).toBe(ROSSI.name);
    // Only hashes are stored, never the password or the PIN.
    expect(JSON.stringify(account?.passwordHashes)).not.toContain(credentials.password);
    expect(account?.pinHash).not.toContain(credentials.pin);
  });

  it('compares the PEC ignoring case and surrounding spaces', async () => {
    const service = await startAlbo();
    const result = await service.albo.register.execute(
      registrationOf(VENETA_MIXED_CASE_PEC, { email: ' veneta.cargo@pec.it ' }),
    );
    expect(result.ok).toBe(true);
  });

  it('refuses a PEC other than the registry one, and a company with no PEC on file', async () => {
    const service = await startAlbo();
    const other = await service.albo.register.execute(registrationOf(ROSSI, { email: 'rossi@gmail.com' }));
    expect(other.ok).toBe(false);
    expect(violationCodes(other)).toEqual(['PEC_MISMATCH']);
    const none = await service.albo.register.execute(
      registrationOf(ESPOSITO_NO_PEC, { email: 'esposito@pec.it' }),
    );
    expect(violationCodes(none)).toEqual(['PEC_MISMATCH']);
  });

  it('degrades to REGISTRY_UNAVAILABLE, suggesting the simplified mode, when InfoCamere does not answer', async () => {
    const service = await startAlbo();
    resolve(service.container, ALBO_TOKENS.RegistryFixture).setBehaviour({ mode: 'unavailable' });
    const result = await service.albo.register.execute(registrationOf(ROSSI));
    expect(violationCodes(result)).toEqual(['REGISTRY_UNAVAILABLE']);
    const violation = (result as { error: { violations: Array<{ message: { it: string } }> } }).error
      .violations[0];
    expect(violation?.message.it).toContain('modalità semplificata');
    expect(await service.mailbox(ROSSI.pec ?? '')).toHaveLength(0);
  });

  it('refuses a company not in the register, or with another register number', async () => {
    const service = await startAlbo();
    expect(
      await service.albo.register.execute(registrationOf({ ...ROSSI, fiscalCode: '12345678903' })),
    ).toMatchObject({ ok: false, error: { code: 'COMPANY_NOT_IN_REGISTER' } });
    expect(
      await service.albo.register.execute(registrationOf(ROSSI, { registerNumber: 'TO/7654321/Z' })),
    ).toMatchObject({ ok: false, error: { code: 'COMPANY_NOT_IN_REGISTER' } });
  });
});

describe('registration in simplified mode', () => {
  it('is not available before 13 February 2017', async () => {
    const service = await startAlbo('2017-02-12T18:00:00+01:00');
    const result = await service.albo.register.execute(
      registrationOf(ROSSI, { mode: 'simplified', email: 'rossi@gmail.com' }),
    );
    expect(violationCodes(result)).toEqual(['SIMPLIFIED_NOT_YET_AVAILABLE']);
  });

  it('from 13 February 2017 accepts any e-mail, unverified, and gives the payment-only scope', async () => {
    const service = await startAlbo('2017-02-13T09:00:00+01:00');
    resolve(service.container, ALBO_TOKENS.RegistryFixture).setBehaviour({ mode: 'unavailable' });
    const result = await service.albo.register.execute(
      registrationOf(ROSSI, { mode: 'simplified', email: 'rossi@gmail.com' }),
    );
    expect(result).toMatchObject({ ok: true, value: { scope: 'payment-only', email: 'rossi@gmail.com' } });
    expect((await credentialsFor(service, 'rossi@gmail.com')).matricola).toMatch(/^IT/);
  });

  it('reports every violation at once: too early and no telephone', async () => {
    const service = await startAlbo('2017-01-20T10:00:00+01:00');
    const result = await service.albo.register.execute(
      registrationOf(ROSSI, { mode: 'simplified', email: 'rossi@gmail.com', phone: '  ' }),
    );
    expect(violationCodes(result)?.sort()).toEqual(['PHONE_REQUIRED', 'SIMPLIFIED_NOT_YET_AVAILABLE']);
  });
});

describe('a telephone number is required in both modes', () => {
  it('is refused with PHONE_REQUIRED when missing', async () => {
    const service = await startAlbo();
    const { phone: _phone, ...withoutPhone } = registrationOf(ROSSI);
    expect(violationCodes(await service.albo.register.execute(withoutPhone))).toEqual(['PHONE_REQUIRED']);
  });
});

describe('duplicate registration', () => {
  it('is refused clearly, and the retry sends no second e-mail', async () => {
    const service = await startAlbo();
    expect((await service.albo.register.execute(registrationOf(ROSSI))).ok).toBe(true);
    expect(await service.albo.register.execute(registrationOf(ROSSI))).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_REGISTERED', fiscalCode: ROSSI.fiscalCode },
    });
    expect(await service.mailbox(ROSSI.pec ?? '')).toHaveLength(1);
  });

  it('creates one account and one e-mail when ten registrations of a company race', async () => {
    const service = await startAlbo();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => service.albo.register.execute(registrationOf(ROSSI))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(
      Array(9).fill('ALREADY_REGISTERED'),
    );
    expect(await service.mailbox(ROSSI.pec ?? '')).toHaveLength(1);
  });
});
