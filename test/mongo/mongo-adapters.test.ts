// The MongoDB adapters shared by both procedures keep the same contracts as the in-memory ones:
// payments, every outbox, the decision log and the rule-set archive.
import { MongoAlboAccounts } from '../../src/adapters/mongo/mongo-albo-accounts.js';
import { MongoCnsApplications } from '../../src/adapters/mongo/mongo-cns-applications.js';
import { MongoDecisionLog } from '../../src/adapters/mongo/mongo-decision-log.js';
import { MongoPaymentRepository } from '../../src/adapters/mongo/mongo-payment-repository.js';
import { MongoRulesetArchive } from '../../src/adapters/mongo/mongo-ruleset-archive.js';
import { decisionLogContract } from '../contracts/decision-log.contract.js';
import { accountOutboxes, applicationOutboxes, paymentOutboxes } from '../contracts/outbox-seeds.js';
import { outboxStoreContract } from '../contracts/outbox-store.contract.js';
import { paymentRepositoryContract } from '../contracts/payment-repository.contract.js';
import { rulesetArchiveContract } from '../contracts/ruleset-archive.contract.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

describeMongo('shared adapters', () => {
  paymentRepositoryContract('mongodb', async () => new MongoPaymentRepository(await freshDatabase()));
  decisionLogContract('mongodb', async () => new MongoDecisionLog(await freshDatabase()));
  rulesetArchiveContract('mongodb', async () => new MongoRulesetArchive(await freshDatabase()));
  outboxStoreContract('MongoAlboAccounts', async () =>
    accountOutboxes(new MongoAlboAccounts(await freshDatabase())),
  );
  outboxStoreContract('MongoPaymentRepository', async () =>
    paymentOutboxes(new MongoPaymentRepository(await freshDatabase())),
  );
  outboxStoreContract('MongoCnsApplications', async () =>
    applicationOutboxes(new MongoCnsApplications(await freshDatabase())),
  );
});
