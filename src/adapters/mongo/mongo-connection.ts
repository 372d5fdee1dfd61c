// The MongoDB connection (official driver), with the options every adapter relies on.
import { type Db, MongoClient } from 'mongodb';

export const DEFAULT_DATABASE = 'pa_policy_engine';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** The database named in the URI's path, else DEFAULT_DATABASE. */
export function databaseNameOf(uri: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : DEFAULT_DATABASE;
}

export async function connectMongo(uri: string, serverSelectionTimeoutMS = 10_000): Promise<MongoConnection> {
  const client = new MongoClient(uri, {
    // An absent optional field stays absent: without this the driver would store it as null.
    ignoreUndefined: true,
    serverSelectionTimeoutMS,
    appName: 'pa-policy-engine',
  });
  await client.connect();
  return { client, db: client.db(databaseNameOf(uri)), close: () => client.close() };
}
