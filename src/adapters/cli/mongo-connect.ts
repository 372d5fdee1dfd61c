// MongoDB for the commands that read or write the store (impact --mongodb, publish): a failure to
// connect is printed, not thrown, and the command exits 2.
import { connectMongo, type MongoConnection } from '../mongo/mongo-connection.js';
import { type CliIo, line } from './io.js';

/** A command waits longer than a request would: it runs once, by hand or in a pipeline. */
const CLI_TIMEOUT_MS = 5000;

export async function connectForCli(uri: string, io: CliIo): Promise<MongoConnection | null> {
  try {
    return await connectMongo(uri, { timeoutMs: CLI_TIMEOUT_MS });
  } catch (e) {
    line(io.stderr, `cannot connect to MongoDB: ${(e as Error).message}`);
    return null;
  }
}
