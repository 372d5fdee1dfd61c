// Builds the service as `npm start` does (composition root, real rules/ or a copy), minus the
// network: tests call `app.request()`.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from 'inversify';
import { buildContainer } from '../../src/adapters/composition-root.js';
import type { ApiKey, Role } from '../../src/adapters/http/api-keys.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import type { ServiceConfig } from '../../src/adapters/service-config.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { RULES_DIR } from '../support/load-rules.js';

export const KEYS: Record<Role, string> = {
  service: 'test-service-key-0000000001',
  operator: 'test-operator-key-000000002',
  admin: 'test-admin-key-000000000003',
  auditor: 'test-auditor-key-0000000004',
  'payment-provider': 'test-payment-provider-key-05',
};

export const apiKeys: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({
  role: role as Role,
  key,
  label: `${role}-1`,
}));

/** A service on a loopback port: the fixture rules, a key for every role, no logs, cheap hashing. */
export const LOOPBACK_SERVICE = {
  port: 0,
  hostname: '127.0.0.1',
  rulesDir: RULES_DIR,
  apiKeys,
  logLevel: 'silent',
  passwordHashCost: 1 << 4,
} satisfies ServiceConfig;

export interface TestService {
  container: Container;
  request(path: string, init?: RequestInit): Promise<Response>;
  get(path: string, role?: Role): Promise<Response>;
  post(path: string, body: unknown, role?: Role): Promise<Response>;
  /** POSTs text as is (malformed JSON and the like). */
  postRaw(path: string, text: string, role?: Role, contentType?: string): Promise<Response>;
}

export async function startTestService(rulesDir = RULES_DIR): Promise<TestService> {
  const container = buildContainer({ port: 0, rulesDir, apiKeys, logLevel: 'silent' });
  await loadRules(container);
  const app = resolve(container, TOKENS.HttpApp);
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  const auth = (role: Role) => ({ authorization: `Bearer ${KEYS[role]}` });
  const postRaw = (path: string, text: string, role: Role = 'service', contentType = 'application/json') =>
    request(path, { method: 'POST', body: text, headers: { ...auth(role), 'content-type': contentType } });
  return {
    container,
    request,
    get: (path, role = 'service') => request(path, { headers: auth(role) }),
    post: (path, body, role = 'service') => postRaw(path, JSON.stringify(body), role),
    postRaw,
  };
}

/** A throwaway copy of rules/, so a test can edit files; `dispose` removes it. */
/** What a maintainer adds to a policy file: facts it declares, messages, a rule in its newest version. */
export interface PolicyAddition {
  facts: Record<string, unknown>;
  messages: Record<string, { it: string; en: string }>;
  rule: unknown;
}

interface PolicyFile {
  facts: { properties: Record<string, unknown> };
  messages: Record<string, unknown>;
  versions: { rules: unknown[] }[];
}

export async function copyOfRules(): Promise<{
  dir: string;
  edit(path: string, change: (text: string) => string): Promise<void>;
  addToPolicy(path: string, addition: PolicyAddition): Promise<void>;
  write(path: string, text: string): Promise<void>;
  dispose(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'rules-'));
  await cp(RULES_DIR, dir, { recursive: true });
  const edit = async (path: string, change: (text: string) => string) => {
    const file = join(dir, path);
    const before = await readFile(file, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`edit of ${path} changed nothing`);
    await writeFile(file, after);
  };
  return {
    dir,
    edit,
    addToPolicy: (path, { facts, messages, rule }) =>
      edit(path, (text) => {
        const policy = JSON.parse(text) as PolicyFile;
        Object.assign(policy.facts.properties, facts);
        Object.assign(policy.messages, messages);
        policy.versions.at(-1)?.rules.push(rule);
        return `${JSON.stringify(policy, null, 2)}\n`;
      }),
    write: (path, text) => writeFile(join(dir, path), text),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export const DECIDE_DEADLINE = '/v1/policies/albo.payment-deadline/decisions';
/** Paid in January 2017: on time once the deadline was extended to 28 February 2017. */
export const ON_TIME = { year: 2017, paymentDate: '2017-01-15' };
/** Paid on 10 March 2017: after the (extended) deadline. */
export const LATE = { year: 2017, paymentDate: '2017-03-10' };

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
