// Where the MongoDB suites run [§6]: MONGODB_URI when set; else a MongoDB container through
// testcontainers when a Docker engine answers; else FerretDB, built once with Go and cached (so
// `npm install && npm test` on a fresh machine of this project's kind runs them); else they are
// skipped, with one loud line saying why. REQUIRE_MONGODB=1 (set by .ci/run) turns the skip into
// a failure, so CI can never pass without having run them.
import type { TestProject } from 'vitest/node';
import { canRunFerretDb, FERRETDB_VERSION, startFerretDb } from './ferretdb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** null: no server, the MongoDB suites skip. */
    mongoUri: string | null;
  }
}

interface Found {
  uri: string | null;
  label: string;
  stop?: () => Promise<unknown>;
}

async function findMongo(): Promise<Found> {
  const given = process.env.MONGODB_URI?.trim();
  if (given) return { uri: given, label: 'MONGODB_URI' };
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    if (!(await canRunFerretDb()))
      return {
        uri: null,
        label: 'MONGODB_URI is not set, no Docker engine answers and Go is not on the PATH',
      };
    const ferret = await startFerretDb((line) => console.log(line));
    return { uri: ferret.uri, label: `FerretDB ${FERRETDB_VERSION} on ${ferret.uri}`, stop: ferret.stop };
  }
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const container = await new MongoDBContainer('mongo:7').start();
  return {
    uri: `${container.getConnectionString()}?directConnection=true`,
    label: 'a mongo:7 container (testcontainers)',
    stop: () => container.stop(),
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const found = await findMongo();
  if (found.uri === null) {
    const line = `MongoDB suites SKIPPED: ${found.label} (set MONGODB_URI, or put Go on the PATH to build FerretDB)`;
    if (process.env.REQUIRE_MONGODB === '1') throw new Error(`REQUIRE_MONGODB=1 but ${line}`);
    console.warn(`\n!!!!! ${line} !!!!!\n`);
  } else console.log(`MongoDB suites run against ${found.label}`);
  project.provide('mongoUri', found.uri);
  return async () => {
    await found.stop?.();
  };
}
