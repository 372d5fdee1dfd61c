// How the outbox contract seeds each kind of aggregate through its own repository, whatever the
// adapter (memory or MongoDB).
import type { AlboAccountRepository } from '../../src/application/albo/ports/account-repository.js';
import type { CnsApplicationRepository } from '../../src/application/cns/ports/application-repository.js';
import type { PaymentRepository } from '../../src/application/payments/payment-repository.js';
import { anAccount } from './albo-accounts.contract.js';
import { aStoredApplication } from './cns-application-repository.contract.js';
import type { OutboxStoreUnderTest } from './outbox-store.contract.js';
import { aPayment } from './payment-repository.contract.js';

export const accountOutboxes = (accounts: AlboAccountRepository): OutboxStoreUnderTest => ({
  store: accounts,
  seed: async (id, outbox) => {
    const result = await accounts.create(anAccount({ id, outbox }));
    if (!result.created) throw new Error(`account ${id} not created: ${result.duplicate}`);
  },
  outbox: async (id) => (await accounts.get(id))?.outbox ?? null,
});

export const paymentOutboxes = (payments: PaymentRepository): OutboxStoreUnderTest => ({
  store: payments,
  seed: async (id, outbox) => {
    if (!(await payments.createOrGet(aPayment({ id, outbox }))).created)
      throw new Error(`payment ${id} not created`);
  },
  outbox: async (id) => (await payments.get(id))?.outbox ?? null,
});

export const applicationOutboxes = (applications: CnsApplicationRepository): OutboxStoreUnderTest => ({
  store: applications,
  seed: async (id, outbox) => {
    const result = await applications.insert(aStoredApplication(id, { outbox }));
    if (!result.ok) throw new Error(`application ${id} not inserted: ${result.reason}`);
  },
  outbox: async (id) => (await applications.get(id))?.outbox ?? null,
});
