// Runs the service: opens the stores, wires them (composition-root.ts), loads and watches the
// rules, listens, dispatches the mail outbox in the background, and stops cleanly.
import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Container } from 'inversify';
import { startBackgroundJobs } from './background-jobs.js';
import { buildContainer } from './composition-root.js';
import type { AppEnv } from './http/app-env.js';
import { DEFAULT_REQUEST_DEADLINE_MS } from './http/deadline.js';
import { trackConnections } from './http/drain.js';
import { openMongoStores } from './mongo/mongo-stores.js';
import { loadRules, watchRules } from './rules-watch.js';
import type { ServiceConfig } from './service-config.js';
import { memoryStores } from './stores.js';
import { resolve, TOKENS } from './tokens.js';

export interface RunningService {
  url: string;
  port: number;
  rulesetHash: string;
  container: Container;
  /** Where the data is kept (the stores' description). */
  storage: string;
  /**
   * Stops watching rules/ and accepting connections, lets requests in flight finish (up to the
   * grace period, then drops what is left), drains the mail dispatcher, then closes the stores.
   */
  close(): Promise<void>;
}

export async function startService(config: ServiceConfig): Promise<RunningService> {
  // MongoDB when MONGODB_URI is set: connected and indexed before anything is served.
  const stores = config.mongodbUri
    ? await openMongoStores(config.mongodbUri, {
        timeoutMs: config.storeTimeoutMs,
        decisionReads: config.decisionReads,
      })
    : memoryStores();
  let stopWatching: () => Promise<void> = async () => {};
  let listening: { server: ServerType; port: number };
  let container: Container;
  let rulesetHash: string;
  try {
    container = buildContainer(config, stores);
    const logger = resolve(container, TOKENS.Logger);
    rulesetHash = await loadRules(container);
    logger.info({ hash: rulesetHash, rulesDir: config.rulesDir }, 'rules loaded');
    stopWatching = watchRules(container);
    listening = await listen(
      resolve(container, TOKENS.HttpApp),
      config.port,
      config.hostname,
      config.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    );
  } catch (error) {
    await stopWatching();
    await stores.close();
    throw error;
  }
  const logger = resolve(container, TOKENS.Logger);
  const { server, port } = listening;
  const connections = trackConnections(server as Server);
  logger.info({ port }, 'listening');
  // The outbox is drained in the background (a failed delivery waits for its backoff), and pending
  // GPD positions are retried.
  const jobs = startBackgroundJobs(logger, {
    dispatch: resolve(container, TOKENS.DispatchOutbox),
    positions: resolve(container, TOKENS.RetryPendingPositions),
    positionRetryMs: config.positionRetryMs ?? DEFAULT_POSITION_RETRY_MS,
  });
  const lifecycle = resolve(container, TOKENS.Lifecycle);
  lifecycle.dispatcherRunning = true;
  return {
    url: `http://localhost:${port}`,
    port,
    rulesetHash,
    container,
    storage: stores.description,
    close: async () => {
      lifecycle.draining = true;
      await stopWatching();
      lifecycle.dispatcherRunning = false;
      await connections.drain(config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      // A run under way finishes its writes before the store closes.
      await jobs.stop();
      await stores.close();
    },
  };
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export const DEFAULT_POSITION_RETRY_MS = 15_000;

function listen(
  app: Hono<AppEnv>,
  port: number,
  hostname: string | undefined,
  deadlineMs: number,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((done, fail) => {
    // A client that sends its request too slowly is cut off by the server itself (408).
    const serverOptions = { requestTimeout: deadlineMs, headersTimeout: Math.min(deadlineMs, 60_000) };
    const server = serve(
      { fetch: app.fetch, port, serverOptions, ...(hostname ? { hostname } : {}) },
      (info) => done({ server, port: info.port }),
    );
    server.once('error', fail);
  });
}
