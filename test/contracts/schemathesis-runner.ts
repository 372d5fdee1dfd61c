// The HTTP contract checked from outside, as another team's developer would [#20]: schemathesis
// (PyPI, pinned) reads /openapi.json of a service started like `npm start` (embedded adapters, a key
// for every role) and runs every check over every operation, then the stateful phase along the
// document's links. Run alone with `npx tsx test/contracts/schemathesis-runner.ts`; the test suite
// runs it through schemathesis.test.ts.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROLES, type Role } from '../../src/adapters/http/api-keys.js';
import { RATE_LIMITED_ACTIONS } from '../../src/adapters/security/security-config.js';
import { aTestPki } from '../support/test-pki.js';

const run = promisify(execFile);

/** Pinned: a new version adds checks, and a new check is a decision, not a surprise in CI. */
export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = fileURLToPath(new URL('./schemathesis.toml', import.meta.url));

export function venvDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'pa-policy-engine', `schemathesis-${SCHEMATHESIS_VERSION}`);
}

/** python3 when it can make a virtual environment; null otherwise. */
export async function findPython(): Promise<string | null> {
  const python = process.env.PYTHON || 'python3';
  try {
    await run(python, ['-c', 'import venv, ensurepip'], { timeout: 20_000 });
    return python;
  } catch {
    return null;
  }
}

/** The schemathesis executable, installed from PyPI into a cached virtual environment on first use. */
export async function ensureSchemathesis(python: string): Promise<string> {
  const dir = venvDir();
  const bin = join(dir, 'bin', 'schemathesis');
  if (existsSync(bin)) return bin;
  await mkdir(dir, { recursive: true });
  await run(python, ['-m', 'venv', dir], { timeout: 120_000 });
  await run(join(dir, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], {
    timeout: 600_000,
  });
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface StartedService {
  url: string;
  keys: Record<Role, string>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * `npm start` in a child process: embedded adapters, the fixture rules, a key for every role, the
 * clock on a day of the 2017 fee window. Rate limits are off: schemathesis sends hundreds of
 * requests from one address, and the limits have tests of their own.
 */
export async function startService(): Promise<StartedService> {
  const port = await freePort();
  // A trust anchor, so that recognition by CNS is exercised rather than refused as not configured.
  const anchors = join(await mkdtemp(join(tmpdir(), 'schemathesis-cns-')), 'anchors.pem');
  await writeFile(anchors, (await aTestPki()).root.pem);
  const keys = Object.fromEntries(
    ROLES.map((r) => [r, `st-${r}-${randomBytes(12).toString('hex')}`]),
  ) as Record<Role, string>;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      RULES_DIR: join(ROOT, 'test/fixtures/rules'),
      API_KEYS: ROLES.map((r) => `schemathesis-${r}=${keys[r]}:${r}`).join(','),
      CLOCK_AT: '2017-02-20',
      CNS_TRUST_ANCHORS: anchors,
      LOG_LEVEL: 'warn',
      RATE_LIMITS: RATE_LIMITED_ACTIONS.flatMap((a) => [`${a}.client=off`, `${a}.account=off`]).join(','),
      MONGODB_URI: '',
      SMTP_URL: '',
      PAGOPA_GPD_URL: '',
      REGISTRY_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service did not start:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`The service was not ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, keys, stop, output: () => output };
}

export interface SchemathesisResult {
  exitCode: number;
  /** schemathesis' own report (its standard output). */
  report: string;
  /** From its summary line: operations tested, requests sent, failures, seconds. */
  figures: { operations: string; requests: string; failures: string; seconds: string };
}

/** Runs schemathesis against the service; the bounds (examples, time) are in schemathesis.toml. */
export async function runSchemathesis(bin: string, service: StartedService): Promise<SchemathesisResult> {
  // Its working folder too: schemathesis keeps a .schemathesis cache where it runs.
  const reportDir = await mkdtemp(join(tmpdir(), 'schemathesis-run-'));
  const args = [
    '--config-file',
    CONFIG,
    'run',
    `${service.url}/openapi.json`,
    '--report',
    'junit',
    '--report-dir',
    reportDir,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' };
  for (const role of ROLES) env[`ST_KEY_${role.toUpperCase().replace('-', '_')}`] = service.keys[role];
  const started = Date.now();
  const child = spawn(bin, args, { cwd: reportDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let report = '';
  child.stdout.on('data', (chunk) => {
    report += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    report += String(chunk);
  });
  const exitCode = await new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  return { exitCode, report, figures: figuresOf(report, seconds) };
}

function figuresOf(report: string, seconds: string): SchemathesisResult['figures'] {
  const find = (pattern: RegExp) => pattern.exec(report)?.[1] ?? '?';
  return {
    operations: find(/API Operations:\s+Selected: \d+\/\d+\s+Tested: (\d+)/),
    requests: find(/Test cases:\s+(\d+) generated/),
    failures: /No issues found|=+ \d+ warnings? in /.test(report) ? '0' : find(/=+ (\d+) failures?/),
    seconds,
  };
}

/** The standalone runner: exit status 0 only with no failure. */
async function main(): Promise<void> {
  const python = await findPython();
  if (!python) {
    console.error('python3 with venv is needed (apt-get install python3-venv)');
    process.exit(2);
  }
  const bin = await ensureSchemathesis(python);
  const service = await startService();
  try {
    const result = await runSchemathesis(bin, service);
    console.log(result.report);
    console.log(JSON.stringify(result.figures));
    process.exitCode = result.exitCode;
  } finally {
    await service.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
