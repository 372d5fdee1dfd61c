// Two dispatcher processes over the same stores never send a message twice: each message is claimed
// by one conditional update before it is sent, and a claim left by a dispatcher that stopped expires.
import { describe, expect, it } from 'vitest';
import { MemoryAlboAccounts } from '../../src/adapters/memory/memory-albo-accounts.js';
import { MemoryCnsApplications } from '../../src/adapters/memory/memory-cns-applications.js';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { DispatchOutbox } from '../../src/application/mail/dispatch-outbox.js';
import type { Clock } from '../../src/application/ports/clock.js';
import type { MailTransport, OutboxMessage } from '../../src/application/ports/mail.js';
import { anAccount } from '../contracts/albo-accounts.contract.js';
import { aStoredApplication } from '../contracts/cns-application-repository.contract.js';
import { anOutboxMessage } from '../contracts/outbox-store.contract.js';
import { aPayment } from '../contracts/payment-repository.contract.js';

const T0 = new Date('2025-06-16T08:00:00.000Z');

function settableClock(start: Date) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  } satisfies Clock & Record<string, unknown>;
}

/** A transport that takes a while per message and counts what it delivers. */
class SlowCountingTransport implements MailTransport {
  readonly deliveries = new Map<string, number>();
  constructor(private readonly delayMs: number) {}
  async send(message: OutboxMessage): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.deliveries.set(message.id, (this.deliveries.get(message.id) ?? 0) + 1);
  }
}

const mails = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => anOutboxMessage(`${prefix}-${i}`));

async function threeStores() {
  const accounts = new MemoryAlboAccounts();
  const payments = new MemoryPaymentRepository();
  const applications = new MemoryCnsApplications();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const outbox = mails(`account-${i}`, 2);
    await accounts.create(anAccount({ id: `account-${i}`, outbox }));
    ids.push(...outbox.map((m) => m.id));
  }
  for (let i = 0; i < 3; i++) {
    const outbox = mails(`payment-${i}`, 1);
    await payments.createOrGet(aPayment({ id: `payment-${i}`, outbox }));
    ids.push(...outbox.map((m) => m.id));
  }
  for (let i = 0; i < 3; i++) {
    const outbox = mails(`application-${i}`, 3);
    await applications.insert(aStoredApplication(`application-${i}`, { outbox }));
    ids.push(...outbox.map((m) => m.id));
  }
  return { stores: [accounts, payments, applications], ids: ids.sort() };
}

describe('DispatchOutbox claims each message before sending it', () => {
  it('two dispatcher processes running at once deliver every message exactly once', async () => {
    const { stores, ids } = await threeStores();
    const transport = new SlowCountingTransport(5);
    const clock = settableClock(T0);
    const first = new DispatchOutbox(stores, transport, clock);
    const second = new DispatchOutbox(stores, transport, clock);

    const [a, b] = await Promise.all([first.run(), second.run()]);

    expect([...transport.deliveries.keys()].sort()).toEqual(ids);
    expect([...transport.deliveries.values()].every((count) => count === 1)).toBe(true);
    expect(a.sent + b.sent).toBe(ids.length);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(a.failed + b.failed).toBe(0);
    for (const store of stores) expect(await store.pendingMail(new Date('9999-01-01'), 100)).toEqual([]);
    expect(await Promise.all([first.run(), second.run()])).toEqual([
      { sent: 0, failed: 0 },
      { sent: 0, failed: 0 },
    ]);
    expect([...transport.deliveries.values()].every((count) => count === 1)).toBe(true);
  });

  it('leaves a message claimed by another dispatcher alone until the claim expires', async () => {
    const payments = new MemoryPaymentRepository();
    await payments.createOrGet(
      aPayment({ id: 'payment-1', outbox: [anOutboxMessage('m1'), anOutboxMessage('m2')] }),
    );
    const transport = new SlowCountingTransport(1);
    const clock = settableClock(T0);
    const dispatch = new DispatchOutbox([payments], transport, clock, { claimMs: 30_000 });
    // A dispatcher that claimed m1 and then stopped before sending it.
    expect(await payments.claimMail('payment-1', 'm1', T0, new Date(T0.getTime() + 30_000))).toBe(true);

    expect(await dispatch.run()).toEqual({ sent: 1, failed: 0 });
    expect([...transport.deliveries.keys()]).toEqual(['m2']);

    clock.advance(29_999);
    expect(await dispatch.run()).toEqual({ sent: 0, failed: 0 });
    clock.advance(1);
    expect(await dispatch.run()).toEqual({ sent: 1, failed: 0 });
    expect(Object.fromEntries(transport.deliveries)).toEqual({ m1: 1, m2: 1 });
  });
});
