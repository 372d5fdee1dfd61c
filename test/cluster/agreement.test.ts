// [#19] N instances, one truth: three service processes (as `npm start` runs them) on one MongoDB
// database, the load spread round-robin across them, agree as one process would. Wrong logins
// suspend the company at exactly account.lockout's maximum and end its sessions everywhere; 200
// bookings get exactly the 50 slots; ten copies of one receipt pay once and mail once; 1,000 PEC
// checks cost InfoCamere at most REGISTRY_RATE_PER_MINUTE calls, however many instances ask.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type RunningGpdSimulator,
  startGpdHttpSimulator,
} from '../../src/adapters/pagopa/gpd-http-simulator.js';
import type { MemoryGpdSimulator } from '../../src/adapters/pagopa/memory-gpd-simulator.js';
import { FIXTURE_COMPANIES } from '../../src/adapters/registry/fixture-companies.js';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.js';
import type { RegistryCompany } from '../../src/application/albo/ports/company-registry.js';
import { registrationOf } from '../albo/support.js';
import { slotsFrom } from '../cns/support.js';
import { anAccount } from '../contracts/albo-accounts.contract.js';
import { aStoredApplication } from '../contracts/cns-application-repository.contract.js';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.js';
import { type InfoCamereStub, startInfoCamereStub } from '../registry/infocamere-stub.js';
import { type Answer, type Cluster, inParallel, pause, startCluster } from './support/cluster.js';

const mongoUri = inject('mongoUri');
const INSTANCES = 3;
/** The fixture rules' account.lockout maximum (test/fixtures/rules/account/lockout.parameters.json). */
const MAX_FAILED_ATTEMPTS = 5;
/** REGISTRY_RATE_PER_MINUTE here: fewer than the fixture's companies, so the quota must refuse some. */
const REGISTRY_LIMIT = 5;
const SUBSCRIPTION_KEY = 'gpd-subscription-key-cluster';

let cluster: Cluster;
let gpd: RunningGpdSimulator;
let smtp: TestSmtpServer;
let infocamere: InfoCamereStub;

beforeAll(async () => {
  if (!mongoUri) return;
  gpd = await startGpdHttpSimulator({ subscriptionKey: SUBSCRIPTION_KEY });
  smtp = await startTestSmtpServer();
  infocamere = await startInfoCamereStub(Date.now);
  cluster = await startCluster({
    mongoUri,
    instances: INSTANCES,
    env: {
      // Monday 16 June 2025: the CNS agenda's week (test/cns/support.ts).
      CLOCK_AT: '2025-06-16',
      PAGOPA_GPD_URL: gpd.url,
      PAGOPA_SUBSCRIPTION_KEY: SUBSCRIPTION_KEY,
      SMTP_URL: smtp.url,
      SMTP_REQUIRE_TLS: 'false',
      REGISTRY_URL: infocamere.url,
      REGISTRY_RATE_PER_MINUTE: String(REGISTRY_LIMIT),
      // Agreement, not latency, is proved here: on a busy two-CPU machine FerretDB (one SQLite
      // writer) takes seconds per request under these bursts, and a request cut off by its
      // deadline would keep working after its answer and blur the counts.
      STORE_TIMEOUT_MS: '10000',
      REQUEST_DEADLINE_MS: '120000',
    },
  });
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await Promise.all([gpd?.close(), smtp?.close(), infocamere?.close()]);
}, 60_000);

const countBy = <T>(answers: Answer<T>[], key: (a: Answer<T>) => string) => {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[key(a)] = (counts[key(a)] ?? 0) + 1;
  return counts;
};
const statusAndCode = (a: Answer) => `${a.status} ${String(a.body.code ?? '')}`.trim();

describe.skipIf(!mongoUri)('three service processes on one database', () => {
  it('100 parallel wrong logins across instances suspend the company at exactly the maximum, and its earlier session ends on every instance', async () => {
    const password = 'Corretta#2025';
    const account = anAccount({
      passwordHashes: [await new ScryptPasswordHasher(1 << 4).hash(password)],
      passwordChangeRequired: false,
      outbox: [],
    });
    expect(await cluster.repos.accounts.create(account)).toMatchObject({ created: true });
    const login = (pass: string, on?: number) =>
      cluster.call(
        'POST',
        '/v1/albo/sessions',
        'service',
        { matricola: account.matricola, password: pass },
        on,
      );
    const session = await login(password, 0);
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    const token = { token: String(session.body.token) };
    for (let on = 0; on < INSTANCES; on++)
      expect(
        (await cluster.call('GET', `/v1/albo/accounts/${account.matricola}`, token, undefined, on)).status,
      ).toBe(200);

    const answers = await Promise.all(Array.from({ length: 100 }, () => login('Sbagliata#2025')));

    // One failure per answer is counted until the maximum: the ones before it hear "wrong", the rest "suspended".
    expect(countBy(answers, statusAndCode)).toEqual({
      '401 INVALID_CREDENTIALS': MAX_FAILED_ATTEMPTS - 1,
      '403 ACCOUNT_SUSPENDED': 100 - (MAX_FAILED_ATTEMPTS - 1),
    });
    expect(new Set(answers.map((a) => a.on)).size).toBe(INSTANCES);
    const stored = await cluster.repos.accounts.get(account.id);
    expect(stored?.failedAttempts).toBe(MAX_FAILED_ATTEMPTS);
    expect(stored?.suspendedAt).not.toBeNull();
    expect(stored?.events.filter((e) => e.type === 'suspended')).toHaveLength(1);
    // The token from before, and the right password, are refused everywhere with the seed's suspension.
    const read = (on: number) =>
      cluster.call('GET', `/v1/albo/accounts/${account.matricola}`, token, undefined, on);
    const fleet = (on: number) =>
      cluster.call('PUT', `/v1/albo/companies/${account.matricola}/fleet`, token, { vehicles: [] }, on);
    for (let on = 0; on < INSTANCES; on++)
      for (const refused of [await read(on), await fleet(on), await login(password, on)])
        expect(statusAndCode(refused), `instance ${on}`).toBe('403 ACCOUNT_SUSPENDED');
  }, 60_000);

  it('200 parallel bookings across instances for 50 slots: exactly 50, no slot twice', async () => {
    const created = await cluster.call('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(50),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const applicants = await inParallel(
      Array.from({ length: 200 }, (_, i) => `booking-${i}`),
      20,
      async (id) => {
        await cluster.repos.applications.insert(aStoredApplication(id, { outbox: [] }));
        return {
          id,
          token: await cluster.tokens.issue({ kind: 'applicant', applicationId: id, epoch: 0 }, 3600),
        };
      },
    );

    // A 503 (the store slower than STORE_TIMEOUT_MS under this burst) is retried, as a portal
    // would after Retry-After: the count is of the answers each applicant ends with.
    let unavailable = 0;
    const answers = await Promise.all(
      applicants.map(async (a) => {
        for (let attempt = 1; ; attempt++) {
          const answer = await cluster.call(
            'POST',
            `/v1/cns/applications/${a.id}/appointment`,
            { token: a.token },
            {},
          );
          if (answer.status !== 503 || attempt === 5) return answer;
          unavailable++;
          await pause(1_000);
        }
      }),
    );
    console.log(`bookings: ${unavailable} answers 503 retried`);

    const booked = answers.filter((a) => a.status === 200);
    const slots = booked.map((a) => (a.body.appointment as { slotId: string }).slotId);
    expect(countBy(answers, statusAndCode)).toEqual({ '200': 50, '422 POLICY_DENIED': 150 });
    expect(new Set(slots).size).toBe(50);
    // What the store holds agrees with the answers: 50 applications with an appointment, on 50 slots.
    const stored = await Promise.all(applicants.map((a) => cluster.repos.applications.get(a.id)));
    const held = stored.map((s) => s?.appointment?.slotId).filter((s): s is string => typeof s === 'string');
    expect(held.sort()).toEqual([...slots].sort());
    const free = await cluster.call<{ slots: unknown[] }>('GET', '/v1/cns/appointment-slots', 'service');
    expect(free.body.slots).toEqual([]);
  }, 90_000);

  it('10 copies of one receipt across instances: the payment is paid once and each e-mail goes out once', async () => {
    const id = 'payer-1';
    const email = 'pagante@example.it';
    await cluster.repos.applications.insert(
      aStoredApplication(id, { contact: { email, mobile: '+39 333 1234567' }, outbox: [] }),
    );
    const as = {
      token: await cluster.tokens.issue({ kind: 'applicant', applicationId: id, epoch: 0 }, 3600),
    };
    await cluster.call('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(1, '2025-06-27'),
    });
    const booked = await cluster.call('POST', `/v1/cns/applications/${id}/appointment`, as, {});
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    const opened = await cluster.call('POST', `/v1/cns/applications/${id}/payment`, as);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const noticeNumber = String(opened.body.noticeNumber);
    const notification = payInGpd(gpd.ledger, noticeNumber);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        cluster.call('POST', '/v1/pagopa/receipts', 'payment-provider', notification),
      ),
    );

    expect(countBy(answers, (a) => String(a.status))).toEqual({ '200': 10 });
    expect(new Set(answers.map((a) => a.on)).size).toBe(INSTANCES);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    const payment = await cluster.repos.payments.findByNoticeNumber(noticeNumber);
    expect(payment?.receipt?.receiptId).toBe(notification.receiptId);
    // Every message the application's outbox holds reaches the SMTP server once, whichever
    // instance's dispatcher sends it; a second send would arrive within the next dispatch rounds.
    const outbox = await untilAllSent(cluster, id);
    await pause(3_000);
    const received = smtp.received.filter((m) => m.envelopeTo.includes(email));
    expect(received.map((m) => m.messageId).sort()).toEqual(
      outbox.map((o) => `<${o}@pa-policy-engine>`).sort(),
    );
    expect(received.filter((m) => /ricevuta/i.test(m.subject ?? ''))).toHaveLength(1);
  }, 60_000);

  it('1,000 PEC checks across instances in one minute: InfoCamere sees at most REGISTRY_RATE_PER_MINUTE calls, and an answer once had is shared', async () => {
    const withPec = FIXTURE_COMPANIES.filter((c) => c.pec !== null);
    const registration = (i: number) => {
      const company = withPec[i % withPec.length] as RegistryCompany;
      // Not the PEC on file: refused after the check, so the same companies keep asking.
      return registrationOf(company, { email: 'non.corrisponde@pec.it' });
    };
    // One company asked on every instance in turn: one call, the others read the shared answer.
    for (let on = 0; on < INSTANCES; on++)
      expect(
        (await cluster.call('POST', '/v1/albo/registrations', 'service', registration(0), on)).status,
      ).toBe(422);
    expect(infocamere.asked).toEqual([withPec[0]?.fiscalCode]);

    const started = Date.now();
    const answers = await inParallel(
      Array.from({ length: 999 }, (_, i) => i + 1),
      30,
      (i) => cluster.call('POST', '/v1/albo/registrations', 'service', registration(i)),
    );
    const elapsed = Date.now() - started;

    expect(elapsed).toBeLessThan(60_000); // a functional bound: the 1,000 fall within one minute
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(new Set(answers.map((a) => a.on)).size).toBe(INSTANCES);
    expect(infocamere.calls.length).toBeGreaterThan(1);
    expect(infocamere.maxCallsInAMinute()).toBeLessThanOrEqual(REGISTRY_LIMIT);
    expect(infocamere.calls.length).toBeLessThanOrEqual(REGISTRY_LIMIT);
  }, 90_000);
});

/** Pays the notice in GPD on the cluster's day (CLOCK_AT) and gives the receipt as pagoPA posts it. */
function payInGpd(ledger: MemoryGpdSimulator, noticeNumber: string) {
  const paid = ledger.pay(noticeNumber, new Date('2025-06-16T10:00:00Z'), {
    name: 'PSP simulato',
    commissionCents: 100,
  });
  if (!paid) throw new Error(`GPD has no position for ${noticeNumber}`);
  const { receipt } = paid;
  return {
    iupd: paid.iupd,
    organizationFiscalCode: paid.organizationFiscalCode,
    receiptId: receipt.receiptId,
    paymentDateTime: receipt.paidAt,
    amountCents: receipt.amountCents,
    pspName: receipt.pspName,
    pspCommissionCents: receipt.pspCommissionCents,
  };
}

/** The ids of the application's outbox once every message in it is marked sent (at most 30 s). */
async function untilAllSent(cluster: Cluster, id: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const outbox = (await cluster.repos.applications.get(id))?.outbox ?? [];
    if (outbox.length > 0 && outbox.every((m) => m.sentAt !== null)) return outbox.map((m) => m.id);
    if (Date.now() > deadline) throw new Error(`outbox not sent within 30 s: ${JSON.stringify(outbox)}`);
    await pause(200);
  }
}
