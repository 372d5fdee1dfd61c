// Every in-memory repository keeping outboxes keeps the OutboxStore contract, each seeded with its
// own kind of aggregate through its own repository.
import { MemoryAlboAccounts } from '../../src/adapters/memory/memory-albo-accounts.js';
import { MemoryCnsApplications } from '../../src/adapters/memory/memory-cns-applications.js';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { accountOutboxes, applicationOutboxes, paymentOutboxes } from '../contracts/outbox-seeds.js';
import { outboxStoreContract } from '../contracts/outbox-store.contract.js';

outboxStoreContract('MemoryAlboAccounts', async () => accountOutboxes(new MemoryAlboAccounts()));
outboxStoreContract('MemoryPaymentRepository', async () => paymentOutboxes(new MemoryPaymentRepository()));
outboxStoreContract('MemoryCnsApplications', async () => applicationOutboxes(new MemoryCnsApplications()));
