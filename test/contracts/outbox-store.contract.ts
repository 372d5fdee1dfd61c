// The contract every repository keeping outboxes in its aggregates keeps (in memory today, MongoDB
// later), whatever the aggregate: which messages are pending, and each mark or claim one atomic
// conditional update of one message that leaves its neighbours alone, also under concurrency.
import { describe, expect, it } from 'vitest';
import {
  ERASED_AFTER_SENDING,
  newOutboxMessage,
  type OutboxMessage,
  type OutboxStore,
} from '../../src/application/ports/mail.js';

export interface OutboxStoreUnderTest {
  store: OutboxStore;
  /** Creates one aggregate (an account, a payment, an application…) holding these outbox messages. */
  seed: (aggregateId: string, messages: OutboxMessage[]) => Promise<void>;
  /**
   * The aggregate's outbox as stored (null: no such aggregate), read through the repository: the port
   * has no read of its own, and a sent message is no longer pending, so what a mark wrote is read here.
   */
  outbox: (aggregateId: string) => Promise<OutboxMessage[] | null>;
}

const NOW = new Date('2025-06-16T08:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const CREATED = later(-3_600_000);

export const anOutboxMessage = (id: string, changes: Partial<OutboxMessage> = {}): OutboxMessage => ({
  ...newOutboxMessage(
    id,
    {
      to: `${id}@example.it`,
      subject: `Comunicazione ${id}`,
      text: `Gentile utente,\nle scriviamo per la pratica ${id}.\nCordiali saluti`,
    },
    CREATED,
  ),
  ...changes,
});

const sentMessage = (id: string) =>
  anOutboxMessage(id, { sentAt: later(-60_000).toISOString(), attempts: 1 });
const ids = (pending: { message: OutboxMessage }[]) => pending.map((p) => p.message.id).sort();

export function outboxStoreContract(adapter: string, make: () => Promise<OutboxStoreUnderTest>): void {
  describe(`OutboxStore contract: ${adapter}`, () => {
    async function messageOf(
      outbox: OutboxStoreUnderTest['outbox'],
      aggregateId: string,
      messageId: string,
    ): Promise<OutboxMessage> {
      const found = (await outbox(aggregateId))?.find((m) => m.id === messageId);
      if (!found) throw new Error(`no message ${messageId} in ${aggregateId}`);
      return found;
    }

    it('lists the unsent, due messages with the store name and their aggregate', async () => {
      const { store, seed } = await make();
      const a = anOutboxMessage('a');
      const d = anOutboxMessage('d', { notBefore: NOW.toISOString(), attempts: 2, lastError: '451 busy' });
      await seed('agg-1', [a, sentMessage('b'), anOutboxMessage('c', { notBefore: later(1).toISOString() })]);
      await seed('agg-2', [d]);
      const pending = await store.pendingMail(NOW, 10);
      expect([...pending].sort((x, y) => x.message.id.localeCompare(y.message.id))).toEqual([
        { store: store.name, aggregateId: 'agg-1', message: a },
        { store: store.name, aggregateId: 'agg-2', message: d },
      ]);
    });

    it('lists no more than the limit', async () => {
      const { store, seed } = await make();
      await seed('agg-1', [anOutboxMessage('a'), anOutboxMessage('b'), anOutboxMessage('c')]);
      await seed('agg-2', [anOutboxMessage('d'), anOutboxMessage('e')]);
      const pending = await store.pendingMail(NOW, 3);
      expect(pending).toHaveLength(3);
      expect(new Set(pending.map((p) => p.message.id)).size).toBe(3);
      for (const p of pending) expect(['a', 'b', 'c', 'd', 'e']).toContain(p.message.id);
      expect(ids(await store.pendingMail(NOW, 100))).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('holds a message back until its notBefore, then lists it', async () => {
      const { store, seed } = await make();
      const held = anOutboxMessage('held', { notBefore: later(60_000).toISOString(), attempts: 1 });
      await seed('agg-1', [held]);
      expect(await store.pendingMail(NOW, 10)).toEqual([]);
      expect(await store.pendingMail(later(59_999), 10)).toEqual([]);
      expect(ids(await store.pendingMail(later(60_000), 10))).toEqual(['held']);
      expect(await store.pendingMail(later(120_000), 10)).toEqual([
        { store: store.name, aggregateId: 'agg-1', message: held },
      ]);
    });

    it('marks a message sent once, recording when and one more attempt', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a', { attempts: 2, lastError: '451 busy' })]);
      expect(await store.markMailSent('agg-1', 'a', NOW)).toBe(true);
      const sent = await messageOf(outbox, 'agg-1', 'a');
      expect(sent).toMatchObject({ sentAt: NOW.toISOString(), attempts: 3 });
      expect(sent.text).toBe(anOutboxMessage('a').text);
      expect(await store.markMailSent('agg-1', 'a', later(1_000))).toBe(false);
      expect(await messageOf(outbox, 'agg-1', 'a')).toEqual(sent);
      expect(await store.pendingMail(later(365 * 86_400_000), 10)).toEqual([]);
    });

    it('erases the text and attachments of a sensitive message once it is sent, and only those', async () => {
      const { store, seed, outbox } = await make();
      const attachments = [{ filename: 'ricevuta.pdf', contentType: 'application/pdf', content: 'JVBERi0x' }];
      const plain = anOutboxMessage('plain', { attachments });
      const secret = anOutboxMessage('secret', {
        text: 'Password temporanea: Xy7!secret',
        attachments: [{ filename: 'credenziali.txt', contentType: 'text/plain', content: 'Xy7!secret' }],
        sensitive: true,
      });
      await seed('agg-1', [plain, secret]);
      expect(await messageOf(outbox, 'agg-1', 'secret')).toEqual(secret);
      expect(await store.markMailSent('agg-1', 'secret', NOW)).toBe(true);
      expect(await store.markMailSent('agg-1', 'plain', NOW)).toBe(true);
      const erased = await messageOf(outbox, 'agg-1', 'secret');
      expect(erased).toMatchObject({ sentAt: NOW.toISOString(), attempts: 1, text: ERASED_AFTER_SENDING });
      expect(erased.attachments ?? []).toEqual([]);
      expect(JSON.stringify(await outbox('agg-1'))).not.toContain('Xy7!secret');
      expect(await messageOf(outbox, 'agg-1', 'plain')).toMatchObject({ text: plain.text, attachments });
    });

    it('records a failure: one more attempt, the error, and no retry before notBefore', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a')]);
      await store.markMailFailed('agg-1', 'a', '451 try again later', later(60_000));
      expect(await messageOf(outbox, 'agg-1', 'a')).toMatchObject({
        sentAt: null,
        attempts: 1,
        lastError: '451 try again later',
        notBefore: later(60_000).toISOString(),
      });
      expect(await store.pendingMail(NOW, 10)).toEqual([]);
      expect(await store.pendingMail(later(59_999), 10)).toEqual([]);
      const due = await store.pendingMail(later(60_000), 10);
      expect(due.map((p) => [p.aggregateId, p.message.id, p.message.attempts, p.message.lastError])).toEqual([
        ['agg-1', 'a', 1, '451 try again later'],
      ]);

      await store.markMailFailed('agg-1', 'a', 'connection refused', later(180_000));
      expect(await messageOf(outbox, 'agg-1', 'a')).toMatchObject({
        attempts: 2,
        lastError: 'connection refused',
        notBefore: later(180_000).toISOString(),
      });
    });

    it('ignores a failure reported for a message already sent', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a')]);
      await store.markMailSent('agg-1', 'a', NOW);
      const sent = await messageOf(outbox, 'agg-1', 'a');
      await store.markMailFailed('agg-1', 'a', 'late timeout', later(60_000));
      expect(await messageOf(outbox, 'agg-1', 'a')).toEqual(sent);
      expect(await store.pendingMail(later(120_000), 10)).toEqual([]);
    });

    it('lets exactly one of ten concurrent marks of the same message win', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a')]);
      const marks = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.markMailSent('agg-1', 'a', later(i))),
      );
      expect(marks.filter(Boolean)).toHaveLength(1);
      const sent = await messageOf(outbox, 'agg-1', 'a');
      expect(sent.attempts).toBe(1);
      expect(sent.sentAt).toBe(later(marks.indexOf(true)).toISOString());
    });

    it('never changes the neighbours of the message it marks or claims', async () => {
      const { store, seed, outbox } = await make();
      const neighbours = [
        anOutboxMessage('a'),
        anOutboxMessage('b', { attempts: 1, lastError: '451', notBefore: NOW.toISOString() }),
        anOutboxMessage('c', { sensitive: true, text: 'Password temporanea: Xy7!secret' }),
        sentMessage('d'),
      ];
      await seed('agg-1', [...neighbours, anOutboxMessage('target')]);
      // The same message id in another aggregate is another message.
      const twin = anOutboxMessage('target');
      await seed('agg-2', [twin]);

      expect(await store.claimMail('agg-1', 'target', NOW, later(60_000))).toBe(true);
      await store.markMailFailed('agg-1', 'target', 'smtp down', later(60_000));
      expect(await store.markMailSent('agg-1', 'target', later(60_000))).toBe(true);

      const stored = await outbox('agg-1');
      expect(stored?.filter((m) => m.id !== 'target')).toEqual(neighbours);
      expect(stored?.find((m) => m.id === 'target')).toMatchObject({ attempts: 2, lastError: 'smtp down' });
      expect(await outbox('agg-2')).toEqual([twin]);
      const pending = await store.pendingMail(NOW, 10);
      expect(pending.map((p) => `${p.aggregateId}/${p.message.id}`).sort()).toEqual([
        'agg-1/a',
        'agg-1/b',
        'agg-1/c',
        'agg-2/target',
      ]);
    });

    it('answers false, and throws nothing, for an unknown aggregate or message', async () => {
      const { store, seed, outbox } = await make();
      const a = anOutboxMessage('a');
      await seed('agg-1', [a]);
      expect(await store.markMailSent('no-such-aggregate', 'a', NOW)).toBe(false);
      expect(await store.markMailSent('agg-1', 'no-such-message', NOW)).toBe(false);
      await expect(
        store.markMailFailed('no-such-aggregate', 'a', 'x', later(1_000)),
      ).resolves.toBeUndefined();
      await expect(
        store.markMailFailed('agg-1', 'no-such-message', 'x', later(1_000)),
      ).resolves.toBeUndefined();
      expect(await store.claimMail('no-such-aggregate', 'a', NOW, later(60_000))).toBe(false);
      expect(await store.claimMail('agg-1', 'no-such-message', NOW, later(60_000))).toBe(false);
      expect(await outbox('agg-1')).toEqual([a]);
      expect(await outbox('no-such-aggregate')).toBeNull();
    });

    it('claims a due message until the claim expires, and the claimer can then mark it', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a'), anOutboxMessage('b')]);
      expect(await store.claimMail('agg-1', 'a', NOW, later(60_000))).toBe(true);
      expect(await messageOf(outbox, 'agg-1', 'a')).toEqual(
        anOutboxMessage('a', { notBefore: later(60_000).toISOString() }),
      );
      expect(ids(await store.pendingMail(NOW, 10))).toEqual(['b']);
      expect(await store.claimMail('agg-1', 'a', later(59_999), later(120_000))).toBe(false);
      expect(ids(await store.pendingMail(later(60_000), 10))).toEqual(['a', 'b']);
      // A claim left by a dispatcher that stopped expires: another one can claim the message again.
      expect(await store.claimMail('agg-1', 'a', later(60_000), later(120_000))).toBe(true);
      expect(await store.markMailSent('agg-1', 'a', later(61_000))).toBe(true);
      expect(ids(await store.pendingMail(later(600_000), 10))).toEqual(['b']);

      // A claimer that fails records its backoff, which replaces the claim.
      expect(await store.claimMail('agg-1', 'b', NOW, later(60_000))).toBe(true);
      await store.markMailFailed('agg-1', 'b', 'smtp down', later(2_000));
      expect(ids(await store.pendingMail(later(2_000), 10))).toEqual(['b']);
    });

    it('does not claim a message that is not due yet', async () => {
      const { store, seed, outbox } = await make();
      const held = anOutboxMessage('a', { notBefore: later(1_000).toISOString(), attempts: 1 });
      await seed('agg-1', [held]);
      expect(await store.claimMail('agg-1', 'a', NOW, later(60_000))).toBe(false);
      expect(await messageOf(outbox, 'agg-1', 'a')).toEqual(held);
      expect(await store.claimMail('agg-1', 'a', later(1_000), later(61_000))).toBe(true);
      expect(await messageOf(outbox, 'agg-1', 'a')).toEqual({
        ...held,
        notBefore: later(61_000).toISOString(),
      });
    });

    it('does not claim a message that was sent', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a'), sentMessage('b')]);
      await store.markMailSent('agg-1', 'a', NOW);
      const before = await outbox('agg-1');
      expect(await store.claimMail('agg-1', 'a', later(1_000), later(60_000))).toBe(false);
      expect(await store.claimMail('agg-1', 'b', later(1_000), later(60_000))).toBe(false);
      expect(await outbox('agg-1')).toEqual(before);
    });

    it('gives a message to exactly one of ten dispatchers claiming it at once', async () => {
      const { store, seed, outbox } = await make();
      await seed('agg-1', [anOutboxMessage('a')]);
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.claimMail('agg-1', 'a', NOW, later(60_000 + i))),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await messageOf(outbox, 'agg-1', 'a')).notBefore).toBe(
        later(60_000 + claims.indexOf(true)).toISOString(),
      );
      expect(await store.pendingMail(NOW, 10)).toEqual([]);
    });
  });
}
