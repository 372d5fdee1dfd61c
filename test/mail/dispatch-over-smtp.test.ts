// The outbox dispatcher delivering through the SMTP transport to a real SMTP server on loopback
// that refuses for a while and then accepts again: nothing lost, each message received once,
// attempts and backoff recorded in the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageIdFor, SmtpMailTransport } from '../../src/adapters/mail/smtp-mail-transport.js';
import { MemoryCollection } from '../../src/adapters/memory/memory-collection.js';
import { MemoryOutboxStore } from '../../src/adapters/memory/memory-outbox-store.js';
import { DispatchOutbox } from '../../src/application/mail/dispatch-outbox.js';
import type { Clock } from '../../src/application/ports/clock.js';
import {
  ERASED_AFTER_SENDING,
  newOutboxMessage,
  type OutboxMessage,
} from '../../src/application/ports/mail.js';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.js';

/** An aggregate with an outbox, as the procedures' documents have. */
type Dossier = { id: string; outbox: OutboxMessage[] };

const T0 = new Date('2017-03-01T09:00:00.000Z');
const BACKOFF = { batch: 100, baseBackoffMs: 1_000, maxBackoffMs: 8_000 };

function settableClock(start: Date) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  } satisfies Clock & Record<string, unknown>;
}

const mail = (id: string, extra: { sensitive?: boolean } = {}) =>
  newOutboxMessage(
    id,
    { to: `${id}@example.it`, subject: `Comunicazione ${id}`, text: `Messaggio ${id}.`, ...extra },
    T0,
  );

describe('DispatchOutbox over SMTP', () => {
  let server: TestSmtpServer;
  let transport: SmtpMailTransport;
  let dossiers: MemoryCollection<Dossier>;
  let store: MemoryOutboxStore<Dossier>;
  let clock: ReturnType<typeof settableClock>;
  let dispatch: DispatchOutbox;

  beforeEach(async () => {
    server = await startTestSmtpServer(undefined, { tls: true });
    transport = new SmtpMailTransport({ url: server.url, timeoutMs: 2_000, tls: { ca: server.ca ?? '' } });
    dossiers = new MemoryCollection<Dossier>();
    dossiers.insert({ id: 'd1', outbox: [mail('a'), mail('b')] });
    dossiers.insert({ id: 'd2', outbox: [mail('c', { sensitive: true })] });
    store = new MemoryOutboxStore('dossiers', dossiers);
    clock = settableClock(T0);
    dispatch = new DispatchOutbox([store], transport, clock, BACKOFF);
  });
  afterEach(async () => {
    transport.close();
    await server.close();
  });

  const message = (id: string) =>
    dossiers
      .find()
      .flatMap((d) => d.outbox)
      .find((m) => m.id === id);
  const receivedIds = () => server.received.map((r) => r.messageId);

  it('retries refused messages after an exponential backoff and delivers each exactly once', async () => {
    server.refuseNext(4); // a, b, c on the first run; a again on the second
    expect(await dispatch.run()).toEqual({ sent: 0, failed: 3 });
    expect(message('a')).toMatchObject({
      sentAt: null,
      attempts: 1,
      notBefore: '2017-03-01T09:00:01.000Z',
      lastError: expect.stringMatching(/451/),
    });

    // Before the backoff has passed nothing is tried.
    clock.advance(999);
    expect(await dispatch.run()).toEqual({ sent: 0, failed: 0 });
    expect(server.dataAttempts()).toBe(3);

    clock.advance(1); // 1 s: a is refused once more (its backoff doubles), b and c go
    expect(await dispatch.run()).toEqual({ sent: 2, failed: 1 });
    expect(message('a')).toMatchObject({ attempts: 2, notBefore: '2017-03-01T09:00:03.000Z' });
    expect(message('b')).toMatchObject({ attempts: 2, sentAt: '2017-03-01T09:00:01.000Z' });
    expect(message('c')?.text).toBe(ERASED_AFTER_SENDING);

    clock.advance(1_000);
    expect(await dispatch.run()).toEqual({ sent: 0, failed: 0 });
    clock.advance(1_000); // 3 s
    expect(await dispatch.run()).toEqual({ sent: 1, failed: 0 });
    expect(message('a')).toMatchObject({ attempts: 3, sentAt: '2017-03-01T09:00:03.000Z' });

    clock.advance(60_000);
    expect(await dispatch.run()).toEqual({ sent: 0, failed: 0 });
    expect(receivedIds().sort()).toEqual(['a', 'b', 'c'].map(messageIdFor));
    expect(server.received.find((r) => r.messageId === messageIdFor('c'))?.text).toBe('Messaggio c.');
  });

  // Each SMTP session costs ~0.1 s (smtp-server's early-talker pause), hence the longer time limit.
  it('loses nothing and sends nothing twice through a long outage', { timeout: 20_000 }, async () => {
    const REFUSALS = 12;
    for (let i = 3; i < 8; i++) dossiers.insert({ id: `d${i}`, outbox: [mail(`m${i}`)] });
    server.refuseNext(REFUSALS);
    let runs = 0;
    while ((await store.pendingMail(new Date('9999-01-01'), 100)).length > 0) {
      await dispatch.run();
      clock.advance(BACKOFF.maxBackoffMs);
      if (++runs > 50) throw new Error('the outbox never drained');
    }
    expect(runs).toBeGreaterThan(2);
    const ids = dossiers.find().flatMap((d) => d.outbox.map((m) => m.id));
    expect(receivedIds().sort()).toEqual(ids.map(messageIdFor).sort());
    expect(server.dataAttempts()).toBe(REFUSALS + ids.length);
    const attempts = dossiers.find().flatMap((d) => d.outbox.map((m) => m.attempts));
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(REFUSALS + ids.length);
  });

  it('two dispatch runs at once send each message once', async () => {
    const [first, second] = await Promise.all([dispatch.run(), dispatch.run()]);
    expect(first).toEqual({ sent: 3, failed: 0 });
    expect(second).toEqual(first);
    expect(await dispatch.run()).toEqual({ sent: 0, failed: 0 });
    expect(receivedIds().sort()).toEqual(['a', 'b', 'c'].map(messageIdFor));
  });

  it('a server that does not answer times out and the message is retried later', async () => {
    const slow = new SmtpMailTransport({ url: server.url, timeoutMs: 200, tls: { ca: server.ca ?? '' } });
    try {
      const slowDispatch = new DispatchOutbox([store], slow, clock, BACKOFF);
      server.hangNext(1);
      expect(await slowDispatch.run()).toEqual({ sent: 2, failed: 1 });
      expect(message('a')).toMatchObject({ sentAt: null, lastError: expect.stringMatching(/timeout/i) });
      clock.advance(1_000);
      expect(await slowDispatch.run()).toEqual({ sent: 1, failed: 0 });
      // The hung delivery never completed, so the receiver holds each message once.
      expect(receivedIds().sort()).toEqual(['a', 'b', 'c'].map(messageIdFor));
    } finally {
      slow.close();
    }
  });
});
