// Open Policy Agent for the peer benchmarks, built from the Go module proxy and cached like
// FerretDB (test/support/ferretdb.ts): the `opa` binary (for `opa run --server` and `opa bench`)
// and bench/peers/opa-eval, a small Go program timing the prepared queries in process.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const OPA_VERSION = 'v1.22.4';
/** The Rego policies and their data document (data.json at the root of `data`). */
export const OPA_POLICY_DIR = fileURLToPath(new URL('./opa', import.meta.url));
const EVAL_DIR = fileURLToPath(new URL('./opa-eval', import.meta.url));

const cacheDir = () =>
  process.env.PA_CACHE_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pa-policy-engine');
export const opaBinary = () => join(cacheDir(), `opa-${OPA_VERSION}`);
/** Named by the hash of its sources, so that an edit rebuilds it. */
const evalBinary = () => {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(join(EVAL_DIR, file)));
  return join(cacheDir(), `opa-eval-${OPA_VERSION}-${hash.digest('hex').slice(0, 12)}`);
};

export const opaBuilt = (): boolean => existsSync(opaBinary());

async function goBuild(target: string, cwd: string, pkg: string): Promise<void> {
  await mkdir(cacheDir(), { recursive: true });
  await run('go', ['build', '-trimpath', '-o', `${target}.tmp`, pkg], { cwd, maxBuffer: 16 << 20 });
  await chmod(`${target}.tmp`, 0o755);
  await rename(`${target}.tmp`, target);
}

/**
 * The `opa` binary, built once. Not `go install …@version`: the proxy here refuses the module's
 * version list (see ferretdb.ts); the exact version's module, downloaded, builds the same binary.
 */
export async function ensureOpa(log: (line: string) => void = () => {}): Promise<string> {
  if (opaBuilt()) return opaBinary();
  log(`OPA ${OPA_VERSION}: building once with Go (cached in ${cacheDir()}; a few minutes)`);
  const { stdout } = await run(
    'go',
    ['mod', 'download', '-json', `github.com/open-policy-agent/opa@${OPA_VERSION}`],
    { maxBuffer: 16 << 20 },
  );
  const module = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (!module.Dir) throw new Error(`OPA: go mod download failed: ${module.Error ?? stdout}`);
  await goBuild(opaBinary(), module.Dir, '.');
  return opaBinary();
}

/** The prepared-query driver (bench/peers/opa-eval), built once per version of its sources. */
async function ensureEval(log: (line: string) => void): Promise<string> {
  const target = evalBinary();
  if (existsSync(target)) return target;
  log(`opa-eval: building bench/peers/opa-eval once with Go (cached in ${cacheDir()})`);
  await goBuild(target, EVAL_DIR, '.');
  return target;
}

/** OPA's prepared queries in a child process, driven one command at a time. */
export class OpaEval {
  private readonly lines: AsyncIterator<string>;
  private constructor(private readonly child: ReturnType<typeof spawn>) {
    if (!child.stdout) throw new Error('opa-eval has no stdout');
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(log: (line: string) => void = () => {}): Promise<OpaEval> {
    const child = spawn(await ensureEval(log), [OPA_POLICY_DIR], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new OpaEval(child);
  }

  private async send<T>(command: Record<string, unknown>): Promise<T> {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error(`opa-eval exited (${this.child.exitCode}) on ${String(command.op)}`);
    return JSON.parse(next.value) as T;
  }

  async load(policy: string, inputs: unknown[]): Promise<void> {
    await this.send({ op: 'load', policy, inputs });
  }

  async answers(policy: string): Promise<unknown[]> {
    return (await this.send<{ answers: unknown[] }>({ op: 'answers', policy })).answers;
  }

  /** Decisions per second over about `ms`, cycling through the loaded inputs. */
  async rate(policy: string, ms: number): Promise<number> {
    return (await this.send<{ rate: number }>({ op: 'rate', policy, ms })).rate;
  }

  stop(): void {
    this.child.stdin?.end();
  }
}

/** The query of each policy's decision. */
export const OPA_QUERY: Record<string, string> = {
  'albo.quota': 'data.peers.albo_quota.decision',
  'account.password': 'data.peers.account_password.decision',
  'cns.timeline': 'data.peers.cns_timeline.decision',
};
