// Every repository on MongoDB, with the indexes they rely on created at start-up (createIndex is
// idempotent, so a restart or a second instance changes nothing).
import type { Db } from 'mongodb';
import type { Stores } from '../stores.js';
import { ALBO_ACCOUNT_INDEXES, MongoAlboAccounts } from './mongo-albo-accounts.js';
import { MongoAlboFleets } from './mongo-albo-fleets.js';
import { ALBO_TICKET_INDEXES, MongoAlboTickets } from './mongo-albo-tickets.js';
import { CNS_SLOT_INDEXES, MongoCnsAgenda } from './mongo-cns-agenda.js';
import { CNS_APPLICATION_INDEXES, MongoCnsApplications } from './mongo-cns-applications.js';
import { connectMongo, type MongoConnection } from './mongo-connection.js';
import { DECISION_INDEXES, MongoDecisionLog } from './mongo-decision-log.js';
import type { IndexSpec } from './mongo-documents.js';
import { MongoPaymentRepository, PAYMENT_INDEXES } from './mongo-payment-repository.js';
import { MongoRateLimiter, RATE_LIMIT_INDEXES } from './mongo-rate-limiter.js';
import { mongoRegistryGuardState, REGISTRY_GUARD_INDEXES } from './mongo-registry-guard-state.js';
import { MongoRulesetArchive } from './mongo-ruleset-archive.js';

export const INDEXES: readonly IndexSpec[] = [
  ...ALBO_ACCOUNT_INDEXES,
  ...ALBO_TICKET_INDEXES,
  ...PAYMENT_INDEXES,
  ...CNS_APPLICATION_INDEXES,
  ...CNS_SLOT_INDEXES,
  ...DECISION_INDEXES,
  ...RATE_LIMIT_INDEXES,
  ...REGISTRY_GUARD_INDEXES,
];

export async function ensureIndexes(db: Db): Promise<void> {
  for (const spec of INDEXES) {
    const options = {
      name: spec.name,
      ...(spec.unique ? { unique: true } : {}),
      ...(spec.expireAfterSeconds !== undefined ? { expireAfterSeconds: spec.expireAfterSeconds } : {}),
    };
    try {
      await db.collection(spec.collection).createIndex(spec.keys, options);
    } catch (error) {
      // FerretDB 1.x has no TTL indexes (code 238, NotImplemented): the adapter sweeps instead.
      if (spec.expireAfterSeconds === undefined || (error as { code?: number }).code !== 238) throw error;
      await db.collection(spec.collection).createIndex(spec.keys, { name: spec.name });
    }
  }
}

export function mongoStoresOn(db: Db, connection?: MongoConnection): Stores {
  return {
    description: `MongoDB (database ${db.databaseName})`,
    decisionLog: new MongoDecisionLog(db),
    rulesetArchive: new MongoRulesetArchive(db),
    payments: new MongoPaymentRepository(db),
    alboAccounts: new MongoAlboAccounts(db),
    alboFleets: new MongoAlboFleets(db),
    alboTickets: new MongoAlboTickets(db),
    cnsApplications: new MongoCnsApplications(db),
    cnsAgenda: new MongoCnsAgenda(db),
    rateLimiter: new MongoRateLimiter(db),
    registryGuard: (maxCallsPerMinute) => mongoRegistryGuardState(db, maxCallsPerMinute),
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: async () => connection?.close(),
  };
}

/** Connects, creates the indexes, and returns the stores (closing them closes the connection). */
export async function openMongoStores(uri: string, options: { timeoutMs?: number } = {}): Promise<Stores> {
  const connection = await connectMongo(uri, options);
  try {
    await ensureIndexes(connection.db);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return mongoStoresOn(connection.db, connection);
}
