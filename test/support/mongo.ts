// A fresh database per adapter under test, on the server the global setup found, dropped when
// the file's tests end. Suites use `describeMongo`, which skips them when there is no server.
import { randomBytes } from 'node:crypto';
import type { Db, MongoClient } from 'mongodb';
import { afterAll, describe, inject } from 'vitest';
import { connectMongo } from '../../src/adapters/mongo/mongo-connection.js';
import { ensureIndexes } from '../../src/adapters/mongo/mongo-stores.js';

export const mongoUri = (): string | null => inject('mongoUri');

export const describeMongo = (name: string, body: () => void) =>
  describe.skipIf(mongoUri() === null)(`${name} (MongoDB)`, body);

let client: Promise<MongoClient> | null = null;
const created: Db[] = [];

/** A new, empty database with every index the adapters create at start-up. */
export async function freshDatabase(): Promise<Db> {
  const uri = mongoUri();
  if (uri === null) throw new Error('no MongoDB server (the suite should have been skipped)');
  client ??= connectMongo(uri).then((c) => c.client);
  const db = (await client).db(`test_${randomBytes(6).toString('hex')}`);
  created.push(db);
  await ensureIndexes(db);
  return db;
}

afterAll(async () => {
  if (client === null) return;
  const c = await client;
  await Promise.all(created.splice(0).map((db) => db.dropDatabase().catch(() => undefined)));
  await c.close();
  client = null;
});
