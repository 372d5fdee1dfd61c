// [§6 MongoDB] Restarting the service against the same database keeps every account, fleet,
// payment, application, booking, pending e-mail and decision. Three runs of `startService`, as
// `npm start` with MONGODB_URI would: on 2017-01-20 (register procedure), on 2025-06-16 (CNS) and on
// 2025-06-17, the last one with the embedded mailbox, which must then receive the e-mails the first
// two could not send (their SMTP server never answered).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterAll, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import type { ApiKey, Role } from '../../src/adapters/http/api-keys.js';
import { type RunningService, startService } from '../../src/adapters/service.js';
import type { ServiceConfig } from '../../src/adapters/service-config.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { FLEET } from '../albo/fleet.js';
import { ROSSI, registrationOf } from '../albo/support.js';
import { anApplication, slotsFrom } from '../cns/support.js';
import { KEYS, LOOPBACK_SERVICE } from '../http/support.js';
import { describeMongo, mongoUri } from '../support/mongo.js';

const _apiKeys: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({
  role: role as Role,
  key,
  label: `${role}-1`,
}));
const database = `restart_${randomBytes(6).toString('hex')}`;
const running: RunningService[] = [];

/** A loopback port nobody listens on: an SMTP server that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

async function start(clockAt: string, smtpUrl: string | null): Promise<RunningService> {
  const base = mongoUri() ?? '';
  const config: ServiceConfig = {
    ...LOOPBACK_SERVICE,
    // A CNS key at Argon2's production cost (64 MiB) would take seconds here.
    sealingArgon2: { passes: 1, parallelism: 1, memoryExponent: 10 },
    clockAt,
    mongodbUri: base.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*/, `$1/${database}`),
    // The test SMTP server is plain text on loopback: the explicit opt-out of a local relay.
    mail: { smtpUrl, from: 'portale@localhost', requireTls: false },
  };
  const service = await startService(config);
  running.push(service);
  return service;
}

afterAll(async () => {
  await Promise.all(running.map((s) => s.close().catch(() => undefined)));
  const uri = mongoUri();
  if (!uri) return;
  const client = await MongoClient.connect(uri);
  await client.db(database).dropDatabase();
  await client.close();
});

const post = (service: RunningService, path: string, body: unknown) =>
  fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEYS.service}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describeMongo('restart', () => {
  it('keeps accounts, fleets, payments, applications, bookings, pending e-mails and decisions', async () => {
    const smtpDown = `smtp://127.0.0.1:${await deadPort()}`;

    // Run 1, the register procedure in January 2017.
    const first = await start('2017-01-20', smtpDown);
    expect(first.storage).toContain(database);
    const albo = resolve(first.container, ALBO_TOKENS.UseCases);
    const registered = await albo.register.execute(registrationOf(ROSSI));
    if (!registered.ok) throw new Error(registered.error.code);
    const { matricola } = registered.value;
    expect((await albo.fleet.replace(matricola, FLEET)).ok).toBe(true);
    const account1 = await resolve(first.container, ALBO_TOKENS.Accounts).findByMatricola(matricola);
    const payment = await resolve(first.container, TOKENS.OpenPayment).execute({
      purpose: { kind: 'albo-fee', companyId: account1?.id ?? '', year: 2017 },
      items: [{ description: 'Quota 2017', amountCents: 3516 }],
      dueDate: '2017-02-28',
      description: 'Quota associativa Albo autotrasportatori 2017',
      payer: { fiscalCode: ROSSI.fiscalCode, name: ROSSI.name, email: ROSSI.pec ?? '', type: 'G' },
      creditor: {
        organizationFiscalCode: '97000000000',
        iban: 'IT60X0542811101000000123456',
        segregationCode: '47',
        category: '9/0101108TS/',
      },
    });
    const decided = await post(first, '/v1/policies/albo.payment-deadline/decisions', {
      facts: { year: 2017, paymentDate: '2017-01-15' },
    });
    expect(decided.status).toBe(200);
    const decision = (await decided.json()) as { decisionId: string; outcome: string };
    await resolve(first.container, TOKENS.DispatchOutbox).run();
    await first.close();

    // Run 2, on a CNS day: what run 1 wrote is all there; an application is created and booked.
    const second = await start('2025-06-16', smtpDown);
    const albo2 = resolve(second.container, ALBO_TOKENS.UseCases);
    const account = await resolve(second.container, ALBO_TOKENS.Accounts).findByMatricola(matricola);
    expect(account).toMatchObject({
      fiscalCode: ROSSI.fiscalCode,
      registrationDecisionId: registered.value.decisionId,
    });
    expect(account?.outbox.filter((m) => m.sentAt === null).length).toBeGreaterThan(0);
    expect(await albo2.fleet.get(matricola)).toMatchObject({ ok: true });
    expect((await resolve(second.container, ALBO_TOKENS.Fleets).get(account?.id ?? ''))?.vehicles).toEqual(
      FLEET,
    );
    expect(await resolve(second.container, TOKENS.PaymentRepository).get(payment.id)).toMatchObject({
      noticeNumber: payment.noticeNumber,
      amountCents: 3516,
      status: 'open',
    });
    expect(await resolve(second.container, TOKENS.DecisionLog).get(decision.decisionId)).toMatchObject({
      policy: 'albo.payment-deadline',
      outcome: decision.outcome,
    });
    const cns = resolve(second.container, CNS_TOKENS.UseCases);
    const created = await cns.create.execute(anApplication().build());
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const applicationId = created.value.application.id;
    await cns.loadAgenda.execute(slotsFrom(3, '2025-06-20'));
    const booked = await cns.book.execute(applicationId);
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    await resolve(second.container, TOKENS.DispatchOutbox).run();
    const { outbox: _, ...application } =
      (await resolve(second.container, CNS_TOKENS.Applications).get(applicationId)) ?? {};
    expect(application).toMatchObject({ id: applicationId, appointment: { slotId: expect.any(String) } });
    await second.close();

    // Run 3, with the embedded mailbox: everything is still there, and the e-mails nobody could
    // send go out now, each once.
    const third = await start('2025-06-17', null);
    const stored = await resolve(third.container, CNS_TOKENS.Applications).get(applicationId);
    expect({ ...stored, outbox: undefined }).toEqual({ ...application, outbox: undefined });
    expect(await resolve(third.container, CNS_TOKENS.Agenda).bookedBy(applicationId)).toMatchObject({
      state: 'booked',
      bookedBy: applicationId,
    });
    expect(await resolve(third.container, ALBO_TOKENS.Accounts).findByMatricola(matricola)).toMatchObject({
      fees: {},
      version: account?.version,
    });
    const report = await resolve(third.container, TOKENS.DispatchOutbox).run();
    expect(report.failed).toBe(0);
    const mailbox = resolve(third.container, TOKENS.Mailbox);
    expect((await mailbox.messages(ROSSI.pec ?? '')).map((m) => m.subject)).toContainEqual(
      expect.stringMatching(/^Credenziali/),
    );
    expect(await mailbox.messages('mario.rossi@example.it')).not.toHaveLength(0);
    expect((await resolve(third.container, TOKENS.DispatchOutbox).run()).sent).toBe(0);
  }, 30_000); // three service starts on one store: seconds on a busy machine
});
