// The contract every CnsApplicationRepository keeps (in memory today, MongoDB later): inserts with
// unique id and `replaces`, optimistic replaces that append mail and never undo mail marked sent,
// and the outbox behaviour the dispatcher relies on.
import { describe, expect, it } from 'vitest';
import type { CnsApplication } from '../../src/application/cns/application.js';
import type { CnsApplicationRepository } from '../../src/application/cns/ports/application-repository.js';
import { newOutboxMessage } from '../../src/application/ports/mail.js';

const NOW = new Date('2025-06-16T08:00:00Z');
const mail = (id: string) => newOutboxMessage(id, { to: 'a@example.it', subject: id, text: 'testo' }, NOW);

export function aStoredApplication(id: string, changes: Partial<CnsApplication> = {}): CnsApplication {
  const residence = {
    street: 'Via Roma 1',
    city: 'Torino',
    postalCode: '10121',
    province: 'TO',
    country: 'IT',
  };
  return {
    id,
    version: 1,
    status: 'registered',
    createdAt: NOW.toISOString(),
    applicant: {
      firstName: 'Mario',
      lastName: 'Rossi',
      fiscalCode: 'RSSMRA80A01L219M',
      birthDate: '1980-01-01',
      birthPlace: 'Torino',
      residence,
      certificateEmail: null,
    },
    applicantType: 'private',
    company: null,
    contact: { email: 'a@example.it', mobile: '+39 333 1234567' },
    recognitionMethod: 'webcam',
    delivery: { mode: 'shipping', address: residence, attendedAddressConfirmed: true },
    receiptHeading: null,
    competentChamber: 'TO',
    sealing: { publicKey: 'public', lockedPrivateKey: 'locked' },
    identitySource: 'declared',
    appointment: null,
    payment: null,
    receipt: null,
    sessions: [],
    recognition: null,
    inPersonRecognition: null,
    timeline: null,
    trackingNumber: null,
    history: [{ status: 'registered', at: NOW.toISOString() }],
    replaces: null,
    replacedBy: null,
    revocation: null,
    outbox: [mail(`${id}-summary`)],
    ...changes,
  };
}

export function cnsApplicationRepositoryContract(
  name: string,
  make: () => CnsApplicationRepository | Promise<CnsApplicationRepository>,
): void {
  describe(`${name} keeps the CnsApplicationRepository contract`, () => {
    it('reads back what was inserted, outbox included, and nothing for an unknown id', async () => {
      const repo = await make();
      const app = aStoredApplication('a1');
      expect(await repo.insert(app)).toEqual({ ok: true });
      expect(await repo.get('a1')).toEqual(app);
      expect(await repo.get('nope')).toBeNull();
    });

    it('refuses a second application with the same id', async () => {
      const repo = await make();
      await repo.insert(aStoredApplication('a1'));
      expect(await repo.insert(aStoredApplication('a1'))).toEqual({ ok: false, reason: 'duplicate-id' });
    });

    it('lets one application only replace a given one, and finds it', async () => {
      const repo = await make();
      expect(await repo.insert(aStoredApplication('new1', { replaces: 'old' }))).toEqual({ ok: true });
      expect(await repo.insert(aStoredApplication('new2', { replaces: 'old' }))).toEqual({
        ok: false,
        reason: 'already-replaced',
      });
      expect((await repo.findReplacementOf('old'))?.id).toBe('new1');
      expect(await repo.findReplacementOf('other')).toBeNull();
    });

    it('replaces on the expected version, bumps it and appends the new mail', async () => {
      const repo = await make();
      await repo.insert(aStoredApplication('a1'));
      const next = { ...aStoredApplication('a1'), status: 'paid' as const, outbox: [] };
      expect(await repo.replace(next, 1, [mail('m2')])).toBe('saved');
      const stored = await repo.get('a1');
      expect(stored?.status).toBe('paid');
      expect(stored?.version).toBe(2);
      expect(stored?.outbox.map((m) => m.id)).toEqual(['a1-summary', 'm2']);
    });

    it('refuses a replace computed from a stale version, and reports an unknown one', async () => {
      const repo = await make();
      await repo.insert(aStoredApplication('a1'));
      expect(await repo.replace(aStoredApplication('a1'), 1, [])).toBe('saved');
      expect(await repo.replace({ ...aStoredApplication('a1'), status: 'paid' }, 1, [mail('late')])).toBe(
        'conflict',
      );
      expect((await repo.get('a1'))?.outbox.map((m) => m.id)).toEqual(['a1-summary']);
      expect(await repo.replace(aStoredApplication('nope'), 1, [])).toBe('not-found');
    });

    it('lets exactly one of many concurrent replaces from the same version win', async () => {
      const repo = await make();
      await repo.insert(aStoredApplication('a1'));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => repo.replace(aStoredApplication('a1'), 1, [mail(`m${i}`)])),
      );
      expect(results.filter((r) => r === 'saved')).toHaveLength(1);
      expect((await repo.get('a1'))?.outbox).toHaveLength(2);
    });

    it('never undoes mail marked sent meanwhile', async () => {
      const repo = await make();
      await repo.insert(aStoredApplication('a1'));
      const read = await repo.get('a1');
      if (!read) throw new Error('not stored');
      expect(await repo.markMailSent('a1', 'a1-summary', NOW)).toBe(true);
      expect(await repo.replace({ ...read, status: 'paid' }, read.version, [])).toBe('saved');
      expect((await repo.get('a1'))?.outbox[0]?.sentAt).toBe(NOW.toISOString());
    });

    it('lists pending mail, marks it sent once, and backs off after a failure', async () => {
      const repo = await make();
      await repo.insert(aStoredApplication('a1'));
      await repo.insert(aStoredApplication('a2'));
      expect((await repo.pendingMail(NOW, 10)).map((p) => p.message.id).sort()).toEqual([
        'a1-summary',
        'a2-summary',
      ]);
      await repo.markMailFailed('a2', 'a2-summary', 'smtp down', new Date(NOW.getTime() + 60_000));
      expect(await repo.markMailSent('a1', 'a1-summary', NOW)).toBe(true);
      expect(await repo.markMailSent('a1', 'a1-summary', NOW)).toBe(false);
      expect(await repo.pendingMail(NOW, 10)).toEqual([]);
      const later = await repo.pendingMail(new Date(NOW.getTime() + 60_000), 10);
      expect(later.map((p) => [p.aggregateId, p.message.attempts, p.message.lastError])).toEqual([
        ['a2', 1, 'smtp down'],
      ]);
    });
  });
}
