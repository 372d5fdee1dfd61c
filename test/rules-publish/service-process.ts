// One service process as `npm start` runs it (node with tsx on src/adapters/main.ts), on a free
// port, for tests that need several instances on one database. The port is read from the banner.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  url: string;
  /** What the process printed, for a failing test's message. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not left within 5 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test run that dies leaves no service behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function startServiceProcess(
  env: Record<string, string>,
  startupMs = 60_000,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`the service did not start within ${startupMs} ms:\n${output}`));
    }, startupMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /is listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      done({ url, output: () => output, stop });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      fail(new Error(`the service exited (${code}) before listening:\n${output}`));
    });
  });
}
