// The contract every AlboAccountRepository keeps (memory today, MongoDB later): unique natural keys,
// and each change one atomic conditional update, also under concurrency.
import { describe, expect, it } from 'vitest';
import type { AlboAccount, ResetRequest } from '../../src/application/albo/account.js';
import type { AlboAccountRepository } from '../../src/application/albo/ports/account-repository.js';
import { newOutboxMessage } from '../../src/application/ports/mail.js';

const AT = '2017-01-20T09:00:00.000Z';
let sequence = 0;

export function anAccount(overrides: Partial<AlboAccount> = {}): AlboAccount {
  const n = ++sequence;
  return {
    id: `account-${n}`,
    matricola: `IT${String(n).padStart(8, '0')}`,
    fiscalCode: String(10_000_000_000 + n),
    registerNumber: `TO/${String(n).padStart(7, '0')}/A`,
    companyName: `Trasporti ${n} S.r.l.`,
    mode: 'certified-pec',
    scope: 'full',
    email: `impresa${n}@pec.it`,
    phone: '011 5678901',
    pinHash: 'pin-hash',
    passwordHashes: ['hash-0'],
    passwordChangeRequired: true,
    failedAttempts: 0,
    suspendedAt: null,
    resetRequests: [],
    fees: {},
    events: [],
    registeredAt: AT,
    registrationDecisionId: 'decision-1',
    version: 1,
    outbox: [
      newOutboxMessage(
        `mail-${n}`,
        { to: `impresa${n}@pec.it`, subject: 'Credenziali', text: '…' },
        new Date(AT),
      ),
    ],
    ...overrides,
  };
}

const aResetRequest = (id: string): ResetRequest => ({
  id,
  subject: 'RESET PASSWORD',
  registerNumber: 'TO/0000001/A',
  phone: '011 5678901',
  receivedAt: AT,
  status: 'pending',
  approvedAt: null,
  approvedBy: null,
});

const mail = (id: string) => newOutboxMessage(id, { to: 'x@pec.it', subject: 's', text: 't' }, new Date(AT));

export function alboAccountRepositoryContract(
  adapter: string,
  make: () => AlboAccountRepository | Promise<AlboAccountRepository>,
): void {
  describe(`AlboAccountRepository contract: ${adapter}`, () => {
    it('stores an account with its outbox and finds it by id, matricola and fiscal code', async () => {
      const repo = await make();
      const account = anAccount();
      expect(await repo.create(account)).toEqual({ created: true, account });
      expect(await repo.get(account.id)).toEqual(account);
      expect(await repo.findByMatricola(account.matricola)).toEqual(account);
      expect(await repo.findByFiscalCode(account.fiscalCode)).toEqual(account);
      expect(await repo.findByMatricola('IT99999999')).toBeNull();
      expect(await repo.list()).toEqual([account]);
      const pending = await repo.pendingMail(new Date(AT), 10);
      expect(pending.map((p) => p.message.id)).toEqual([account.outbox[0]?.id]);
    });

    it('refuses a second account for a company or a matricola already taken', async () => {
      const repo = await make();
      const first = anAccount();
      await repo.create(first);
      expect(await repo.create(anAccount({ fiscalCode: first.fiscalCode }))).toEqual({
        created: false,
        duplicate: 'fiscalCode',
      });
      expect(await repo.create(anAccount({ matricola: first.matricola }))).toEqual({
        created: false,
        duplicate: 'matricola',
      });
      expect(await repo.list()).toHaveLength(1);
    });

    it('counts failures up to the maximum, suspends once, and then changes nothing', async () => {
      const repo = await make();
      const account = anAccount();
      await repo.create(account);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => repo.recordFailedLogin(account.id, 5, AT)),
      );
      expect(results.filter((r) => r?.suspendedNow)).toHaveLength(1);
      expect(results.map((r) => r?.failedAttempts).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
        1,
        2,
        3,
        4,
        ...Array(16).fill(5),
      ]);
      const stored = await repo.get(account.id);
      expect(stored).toMatchObject({ failedAttempts: 5, suspendedAt: AT });
      expect(stored?.events.filter((e) => e.type === 'suspended')).toHaveLength(1);
      expect(await repo.recordFailedLogin('no-such-account', 5, AT)).toBeNull();
    });

    it('resets the count on success below the maximum, never at it', async () => {
      const repo = await make();
      const account = anAccount({ failedAttempts: 3 });
      await repo.create(account);
      expect(await repo.recordSuccessfulLogin(account.id, 5)).toBe(true);
      expect((await repo.get(account.id))?.failedAttempts).toBe(0);
      const suspended = anAccount({ failedAttempts: 5 });
      await repo.create(suspended);
      expect(await repo.recordSuccessfulLogin(suspended.id, 5)).toBe(false);
      expect((await repo.get(suspended.id))?.failedAttempts).toBe(5);
    });

    it('changes the password against the hash it was decided on, keeping the history depth', async () => {
      const repo = await make();
      const account = anAccount({ passwordHashes: ['h2', 'h1', 'h0'] });
      await repo.create(account);
      const change = { expectedCurrentHash: 'h2', newHash: 'h3', keep: 3, at: AT };
      expect(await repo.changePassword(account.id, change)).toBe('changed');
      expect(await repo.get(account.id)).toMatchObject({
        passwordHashes: ['h3', 'h2', 'h1'],
        passwordChangeRequired: false,
      });
      expect(await repo.changePassword(account.id, change)).toBe('stale');
      expect(await repo.changePassword('no-such-account', change)).toBe('not-found');
    });

    it('records one pending reset request at a time and approves it once, in one update', async () => {
      const repo = await make();
      const account = anAccount({ failedAttempts: 5, suspendedAt: AT, passwordChangeRequired: false });
      await repo.create(account);
      expect(await repo.addResetRequest(account.id, aResetRequest('r1'))).toMatchObject({ id: 'r1' });
      expect(await repo.addResetRequest(account.id, aResetRequest('r2'))).toMatchObject({ id: 'r1' });
      expect((await repo.findByResetRequest('r1'))?.id).toBe(account.id);
      expect((await repo.withResetRequests('pending')).map((a) => a.id)).toEqual([account.id]);

      const approval = {
        approvedBy: 'admin',
        newHash: 'reset-hash',
        keep: 3,
        at: AT,
        mail: mail('reset-mail'),
      };
      const outcomes = await Promise.all([
        repo.approveReset(account.id, 'r1', approval),
        repo.approveReset(account.id, 'r1', approval),
      ]);
      expect(outcomes.sort()).toEqual(['approved', 'not-pending']);
      expect(await repo.approveReset(account.id, 'r9', approval)).toBe('not-found');
      const stored = await repo.get(account.id);
      expect(stored).toMatchObject({
        failedAttempts: 0,
        suspendedAt: null,
        passwordChangeRequired: true,
        passwordHashes: ['reset-hash', 'hash-0'],
        resetRequests: [{ id: 'r1', status: 'approved', approvedBy: 'admin', approvedAt: AT }],
      });
      expect(stored?.outbox.map((m) => m.id)).toContain('reset-mail');
      expect(await repo.withResetRequests('pending')).toEqual([]);
      expect(await repo.addResetRequest(account.id, aResetRequest('r3'))).toMatchObject({ id: 'r3' });
    });

    it('ends every session (bumps the epoch) on logout, suspension, password change and reset approval', async () => {
      const repo = await make();
      const account = anAccount();
      await repo.create(account);
      const epoch = async () => (await repo.get(account.id))?.sessionEpoch ?? 0;
      expect(await epoch()).toBe(0);
      const logouts = await Promise.all([repo.endSessions(account.id, AT), repo.endSessions(account.id, AT)]);
      expect(logouts.sort()).toEqual([1, 2]);
      expect(await repo.endSessions('no-such-account', AT)).toBeNull();
      expect(
        await repo.changePassword(account.id, {
          expectedCurrentHash: 'hash-0',
          newHash: 'h1',
          keep: 3,
          at: AT,
        }),
      ).toBe('changed');
      expect(await epoch()).toBe(3);
      for (let i = 0; i < 4; i++) await repo.recordFailedLogin(account.id, 5, AT);
      expect(await epoch()).toBe(3);
      await repo.recordFailedLogin(account.id, 5, AT);
      expect(await epoch()).toBe(4);
      // Suspended: a password change decided before the suspension is stale.
      expect(
        await repo.changePassword(account.id, { expectedCurrentHash: 'h1', newHash: 'h2', keep: 3, at: AT }),
      ).toBe('stale');
      await repo.addResetRequest(account.id, aResetRequest('r1'));
      await repo.approveReset(account.id, 'r1', {
        approvedBy: 'admin',
        newHash: 'r',
        keep: 3,
        at: AT,
        mail: mail('m1'),
      });
      expect(await repo.get(account.id)).toMatchObject({
        sessionEpoch: 5,
        suspendedAt: null,
        failedAttempts: 0,
      });
    });

    it('marks a fee year paid once, with its receipt e-mail', async () => {
      const repo = await make();
      const account = anAccount();
      await repo.create(account);
      const fee = { paymentId: 'p1', noticeNumber: '3', amountCents: 3000, paidAt: AT, receiptId: 'r1' };
      const marked = await Promise.all(
        Array.from({ length: 5 }, (_, i) => repo.markFeePaid(account.id, 2017, fee, mail(`receipt-${i}`))),
      );
      expect(marked.filter(Boolean)).toHaveLength(1);
      const stored = await repo.get(account.id);
      expect(stored?.fees['2017']).toEqual(fee);
      expect(stored?.outbox.filter((m) => m.id.startsWith('receipt-'))).toHaveLength(1);
    });

    it('marks each outbox message sent once', async () => {
      const repo = await make();
      const account = anAccount();
      await repo.create(account);
      const messageId = account.outbox[0]?.id ?? '';
      const sent = await Promise.all([
        repo.markMailSent(account.id, messageId, new Date(AT)),
        repo.markMailSent(account.id, messageId, new Date(AT)),
      ]);
      expect(sent.sort()).toEqual([false, true]);
      expect(await repo.pendingMail(new Date(AT), 10)).toEqual([]);
    });

    it('erases the body of a sensitive message (credentials) once it is sent', async () => {
      const repo = await make();
      const account = anAccount();
      const first = account.outbox[0];
      if (!first) throw new Error('anAccount() should carry the credentials mail');
      account.outbox[0] = { ...first, text: 'Password temporanea: Xy7!secret', sensitive: true };
      await repo.create(account);
      expect((await repo.get(account.id))?.outbox[0]?.text).toContain('Xy7!secret');
      await repo.markMailSent(account.id, first.id, new Date(AT));
      const stored = (await repo.get(account.id))?.outbox[0];
      expect(stored?.sentAt).not.toBeNull();
      expect(stored?.text).not.toContain('Xy7!secret');
    });
  });
}
