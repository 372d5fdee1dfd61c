// N service processes on one MongoDB database, started as `npm start` starts one (src/adapters/main.ts
// under tsx, configured by the environment only), for the "N instances, one truth" proofs [#19].
// Each instance picks a free port (PORT=0) and prints it; the harness waits for /readyz, spreads
// requests round-robin, and kills every process it started when the file ends (or the worker exits).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from 'mongodb';
import type { Role } from '../../../src/adapters/http/api-keys.js';
import { MongoAlboAccounts } from '../../../src/adapters/mongo/mongo-albo-accounts.js';
import { MongoCnsApplications } from '../../../src/adapters/mongo/mongo-cns-applications.js';
import { connectMongo, type MongoConnection } from '../../../src/adapters/mongo/mongo-connection.js';
import { MongoPaymentRepository } from '../../../src/adapters/mongo/mongo-payment-repository.js';
import { HmacTokenIssuer } from '../../../src/adapters/security/hmac-token-issuer.js';
import { RATE_LIMITED_ACTIONS } from '../../../src/adapters/security/security-config.js';
import { systemClock } from '../../../src/adapters/system/system-clock.js';
import type { TokenIssuer } from '../../../src/application/ports/token-issuer.js';
import { KEYS } from '../../http/support.js';
import { RULES_DIR } from '../../support/load-rules.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const TOKEN_SECRET = 'one-secret-shared-by-every-cluster-instance';

/** API_KEYS as the README's table has it: label=key:role, one key per role (the tests' KEYS). */
export const API_KEYS = Object.entries(KEYS)
  .map(([role, key]) => `${role}-1=${key}:${role}`)
  .join(',');

/** Every per-client and per-account limit off: the tests send many requests from one client. */
export const NO_RATE_LIMITS = RATE_LIMITED_ACTIONS.flatMap((a) => [
  `${a}.client=off`,
  `${a}.account=off`,
]).join(',');

/** A connection string on the same server with another database (the path before any options). */
export function withDatabase(uri: string, database: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*/, `$1/${database}`);
}

export interface Instance {
  url: string;
  pid: number;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  /** The instance that answered. */
  on: number;
}

export type Auth = Role | { token: string };

export interface Cluster {
  instances: Instance[];
  uri: string;
  db: Db;
  /** Repositories on the cluster's database, for setting up state and reading it afterwards. */
  repos: {
    accounts: MongoAlboAccounts;
    applications: MongoCnsApplications;
    payments: MongoPaymentRepository;
  };
  /** Signs tokens as every instance does (the shared TOKEN_SECRET). */
  tokens: TokenIssuer;
  /** One request; round-robin over the instances unless `on` names one. */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    auth: Auth,
    body?: unknown,
    on?: number,
  ): Promise<Answer<T>>;
  /** Starts one more instance on the same database and environment. */
  addInstance(): Promise<Instance>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** The server's connection string (the tests' global setup gives it); a fresh database is made on it. */
  mongoUri: string;
  instances: number;
  /** Added to (and overriding) the defaults below. */
  env?: Record<string, string>;
}

const running = new Set<ChildProcess>();
// A worker ending (a test timeout, a crash) takes its instances with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const database = `cluster_${randomBytes(5).toString('hex')}`;
  const uri = withDatabase(options.mongoUri, database);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: '0',
    MONGODB_URI: uri,
    TOKEN_SECRET,
    API_KEYS,
    RULES_DIR,
    RULES_POLL_MS: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMITS: NO_RATE_LIMITS,
    ...options.env,
  };
  // The test's own reads and writes wait as long as the load makes the shared server take.
  const connection: MongoConnection = await connectMongo(uri, { timeoutMs: 30_000 });
  const instances: Instance[] = [];
  const cluster: Cluster = {
    instances,
    uri,
    db: connection.db,
    repos: {
      accounts: new MongoAlboAccounts(connection.db),
      applications: new MongoCnsApplications(connection.db),
      payments: new MongoPaymentRepository(connection.db),
    },
    tokens: new HmacTokenIssuer(TOKEN_SECRET, systemClock),
    call: (method, path, auth, body, on) => {
      const index = on ?? next++ % instances.length;
      return callInstance(instances[index] as Instance, index, method, path, auth, body);
    },
    addInstance: async () => {
      const instance = await startInstance(env);
      instances.push(instance);
      return instance;
    },
    close: async () => {
      await Promise.all(instances.map((i) => stopInstance(i)));
      // CLUSTER_LOGS=<folder>: each instance's output, kept for a look after a failure.
      const logs = process.env.CLUSTER_LOGS;
      if (logs)
        await Promise.all(instances.map((i, n) => writeFile(join(logs, `${database}-${n}.log`), i.output())));
      await connection.db.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
  let next = 0;
  try {
    // One first, so it creates the indexes alone; the others then find them made.
    await cluster.addInstance();
    await Promise.all(Array.from({ length: options.instances - 1 }, () => cluster.addInstance()));
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}

async function callInstance<T>(
  instance: Instance,
  on: number,
  method: string,
  path: string,
  auth: Auth,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(`${instance.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${typeof auth === 'string' ? KEYS[auth] : auth.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (an HTML page): kept as text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers, on };
}

const START_TIMEOUT_MS = 90_000;

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running.delete(child);
      done(code);
    }),
  );
  const listening = new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) done(url.replace('localhost', '127.0.0.1'));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => fail(new Error(`instance exited (${code}) before listening:\n${output}`)));
  });
  const instance: Instance = {
    url: '',
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    signal: (name) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
    },
  };
  try {
    instance.url = await withTimeout(listening, START_TIMEOUT_MS, () => `no "listening" within:\n${output}`);
    await untilReady(instance);
  } catch (error) {
    await stopInstance(instance);
    throw error;
  }
  return instance;
}

async function untilReady(instance: Instance): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    const ready = await fetch(`${instance.url}/readyz`).then(
      async (r) => (r.status === 200 ? null : `${r.status} ${await r.text()}`),
      (e: unknown) => String(e),
    );
    if (ready === null) return;
    last = ready;
    await pause(100);
  }
  throw new Error(`${instance.url} not ready: ${last}\n${instance.output()}`);
}

/** SIGTERM, then SIGKILL if it has not ended within 15 s (the grace period plus the store's close). */
export async function stopInstance(instance: Instance): Promise<void> {
  instance.signal('SIGTERM');
  const ended = await withTimeout(instance.exited, 15_000, () => 'still running').then(
    () => true,
    () => false,
  );
  if (!ended) {
    instance.signal('SIGKILL');
    await instance.exited;
  }
}

export const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(message())), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Runs `work` over `items` with at most `width` at once; answers in the items' order. */
export async function inParallel<I, O>(
  items: readonly I[],
  width: number,
  work: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results: O[] = new Array(items.length);
  let cursor = 0;
  const lane = async () => {
    while (cursor < items.length) {
      const index = cursor++;
      results[index] = await work(items[index] as I, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}
