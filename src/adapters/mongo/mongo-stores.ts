// Every repository on MongoDB, with the indexes they rely on created at start-up (createIndex is
// idempotent, so a restart or a second instance changes nothing).
import type { Db, ReadPreferenceMode } from 'mongodb';
import type { Procedure } from '../procedure.js';
import { PROCEDURES } from '../procedures.js';
import { procedureStores, type Stores } from '../stores.js';
import { connectMongo, databaseReadingFrom, type MongoConnection } from './mongo-connection.js';
import { DECISION_INDEXES, MongoDecisionLog } from './mongo-decision-log.js';
import type { IndexSpec } from './mongo-documents.js';
import { MongoPaymentRepository, PAYMENT_INDEXES } from './mongo-payment-repository.js';
import { MongoRateLimiter, RATE_LIMIT_INDEXES } from './mongo-rate-limiter.js';
import { MongoRulesetArchive } from './mongo-ruleset-archive.js';
import { MongoRulesetPublications } from './mongo-ruleset-publications.js';

const SHARED_INDEXES: readonly IndexSpec[] = [...PAYMENT_INDEXES, ...DECISION_INDEXES, ...RATE_LIMIT_INDEXES];

export async function ensureIndexes(db: Db, procedures: readonly Procedure[] = PROCEDURES): Promise<void> {
  for (const spec of [...SHARED_INDEXES, ...procedures.flatMap((p) => p.stores?.indexes ?? [])]) {
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

/** `decisionsDb`: the database the decision log reads through (a secondary may serve them). */
export function mongoStoresOn(
  db: Db,
  connection?: MongoConnection,
  procedures: readonly Procedure[] = PROCEDURES,
  decisionsDb: Db = db,
): Stores {
  return {
    description: `MongoDB (database ${db.databaseName})`,
    decisionLog: new MongoDecisionLog(decisionsDb),
    rulesetArchive: new MongoRulesetArchive(db),
    rulesetPublications: new MongoRulesetPublications(db),
    payments: new MongoPaymentRepository(db),
    rateLimiter: new MongoRateLimiter(db),
    procedures: procedureStores(procedures, (s) => s.mongo(db)),
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: async () => connection?.close(),
  };
}

/** Connects, creates the indexes, and returns the stores (closing them closes the connection). */
export async function openMongoStores(
  uri: string,
  options: { timeoutMs?: number; decisionReads?: ReadPreferenceMode } = {},
  procedures: readonly Procedure[] = PROCEDURES,
): Promise<Stores> {
  const connection = await connectMongo(uri, options);
  try {
    await ensureIndexes(connection.db, procedures);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const decisionsDb = databaseReadingFrom(connection, options.decisionReads ?? 'primary');
  return mongoStoresOn(connection.db, connection, procedures, decisionsDb);
}
