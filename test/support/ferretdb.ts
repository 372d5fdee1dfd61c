// FerretDB 1.x (a MongoDB-wire server keeping its data in SQLite) for the MongoDB suites on a
// machine without a Docker engine: built once from the Go module proxy with the Go toolchain,
// cached, started on a loopback port with a temporary data folder, stopped when the run ends.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const FERRETDB_VERSION = 'v1.24.0';

const cacheDir = () =>
  process.env.PA_CACHE_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pa-policy-engine');
export const ferretdbBinary = () => join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`);

/** Whether FerretDB can be had here: built already, or Go on the PATH to build it. */
export async function canRunFerretDb(): Promise<boolean> {
  if (existsSync(ferretdbBinary())) return true;
  return run('go', ['version']).then(
    () => true,
    () => false,
  );
}

/**
 * Builds the binary into the cache. Not `go install …@version`: that first asks the proxy for the
 * module's version list, which the proxy here refuses; downloading the exact version and building
 * it is the same build. The module zip lacks build/version/version.txt (generated from git in
 * FerretDB's own tree), without which the binary refuses to start.
 */
async function build(): Promise<void> {
  const target = ferretdbBinary();
  await mkdir(cacheDir(), { recursive: true });
  const { stdout } = await run(
    'go',
    ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`],
    {
      maxBuffer: 16 << 20,
    },
  );
  const module = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (!module.Dir) throw new Error(`FerretDB: go mod download failed: ${module.Error ?? stdout}`);
  const src = await mkdtemp(join(tmpdir(), 'ferretdb-src-'));
  try {
    await cp(module.Dir, src, { recursive: true });
    await run('chmod', ['-R', 'u+w', src]);
    await writeFile(join(src, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
    await run('go', ['build', '-trimpath', '-o', `${target}.tmp`, './cmd/ferretdb'], {
      cwd: src,
      maxBuffer: 16 << 20,
    });
    await chmod(`${target}.tmp`, 0o755);
    await rename(`${target}.tmp`, target);
  } finally {
    await rm(src, { recursive: true, force: true });
  }
}

export interface RunningFerretDb {
  uri: string;
  pid: number;
  port: number;
  /** The SQLite data folder (a restart on it keeps the data). */
  data: string;
  /** Stops the server; `keepData` leaves the data folder for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });

const accepts = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

/** Starts FerretDB on a free loopback port (building it first when the cache has none). */
export async function startFerretDb(
  log: (line: string) => void = () => {},
  on: { port?: number; data?: string } = {},
): Promise<RunningFerretDb> {
  if (!existsSync(ferretdbBinary())) {
    log(`FerretDB ${FERRETDB_VERSION}: building once with Go (cached in ${cacheDir()})`);
    await build();
  }
  const data = on.data ?? (await mkdtemp(join(tmpdir(), 'ferretdb-data-')));
  const port = on.port ?? (await freePort());
  const child = spawn(
    ferretdbBinary(),
    [
      '--handler=sqlite',
      `--sqlite-url=file:${data}/`,
      `--state-dir=${data}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=127.0.0.1:0',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async ({ keepData = false } = {}) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (!keepData) await rm(data, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    if (await accepts(port))
      return { uri: `mongodb://127.0.0.1:${port}/`, pid: child.pid ?? -1, port, data, stop };
    if (child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  await stop();
  throw new Error(`FerretDB did not start:\n${stderr}`);
}
