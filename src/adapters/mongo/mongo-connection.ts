// The MongoDB connection (official driver), with the options every adapter relies on.
import {
  type Db,
  MongoClient,
  MongoNetworkError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type ReadPreferenceMode,
} from 'mongodb';
import { LockWaitExpired } from './document-lock.js';

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

/** The longest the store may stay silent on one operation by default (STORE_TIMEOUT_MS). */
export const DEFAULT_STORE_TIMEOUT_MS = 1_500;

/**
 * Every operation is bounded [#19]: a server that does not answer within `timeoutMs` fails the
 * operation (socketTimeoutMS: the socket's silence; serverSelectionTimeoutMS: no server to send it
 * to), instead of the driver's 30 s defaults or a wait for its next heartbeat. A retryable write is
 * tried once more, so a hung store fails a request in about twice that. The driver reconnects by
 * itself once the server answers again. (This driver's own per-operation `timeoutMS` has no effect.)
 */
export async function connectMongo(
  uri: string,
  { timeoutMs = DEFAULT_STORE_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<MongoConnection> {
  const client = new MongoClient(uri, {
    // An absent optional field stays absent: without this the driver would store it as null.
    ignoreUndefined: true,
    // On a replica set a write is acknowledged once a majority holds it, so a failover never
    // takes back an account, payment, booking or application the caller was told is stored; a
    // write cut by a failover is retried once by the driver. Reads stay on the primary (reads of
    // the decision log may be sent elsewhere: decisionsDb). A standalone server or FerretDB
    // treats majority as "this server" and has no retryable writes; their atomicity comes from
    // the version guard and the document locks alone.
    writeConcern: { w: 'majority' },
    retryWrites: true,
    retryReads: true,
    socketTimeoutMS: timeoutMs,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    appName: 'pa-policy-engine',
  });
  await client.connect();
  return { client, db: client.db(databaseNameOf(uri)), close: () => client.close() };
}

/** Where reads of the decision log go (DECISIONS_READ_PREFERENCE): the primary unless configured. */
export const READ_PREFERENCES: readonly ReadPreferenceMode[] = [
  'primary',
  'primaryPreferred',
  'secondary',
  'secondaryPreferred',
  'nearest',
];

/** The same database, its reads sent as `mode` says (writes always go to the primary). */
export const databaseReadingFrom = (connection: MongoConnection, mode: ReadPreferenceMode): Db =>
  connection.client.db(connection.db.databaseName, { readPreference: mode });

/** Whether an error says the store could not be reached or did not answer in time. */
export function isStoreUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    (error instanceof Error && error.name === 'MongoNotConnectedError') ||
    // A document lock held past what the writer may wait: busy rather than down, but retryable alike.
    error instanceof LockWaitExpired
  );
}
