// POST /v1/admin/rules/publications [#19] and the per-instance rules status, in process: one
// instance (rules from files) publishes into the store it shares with a second one that follows
// the store, which then serves the publication and names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/adapters/composition-root.js';
import type { Role } from '../../src/adapters/http/api-keys.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { memoryStores } from '../../src/adapters/stores.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import { filesHash } from '../../src/application/rules/load-ruleset.js';
import { removeCopies } from '../cli/support.js';
import { apiKeys, KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';
import { exemplarFiles, SUITE_FILE, withDeadlineExtended, withSuiteBroken } from './support.js';

const PATH = '/v1/admin/rules/publications';
const stores = memoryStores();
const base = { port: 0, rulesDir: RULES_DIR, apiKeys, logLevel: 'silent' as const };
const publisher = buildContainer(
  { ...base, rulesSource: { source: 'files', storePollMs: 2000, instanceId: 'one' } },
  stores,
);
let files: RuleFile[];
beforeAll(async () => {
  await loadRules(publisher);
  files = await exemplarFiles();
});
afterAll(removeCopies);

const call = (path: string, role: Role, body?: unknown) =>
  resolve(publisher, TOKENS.HttpApp).request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${KEYS[role]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('POST /v1/admin/rules/publications', () => {
  it('is for admins only', async () => {
    expect((await call(PATH, 'service', { reason: 'x', files })).status).toBe(403);
    expect((await call(PATH, 'auditor', { reason: 'x', files })).status).toBe(403);
  });

  it('refuses a set that fails its suite: 422 problem naming the suite file and case, nothing published', async () => {
    const response = await call(PATH, 'admin', { reason: 'forgot the suite', files: withSuiteBroken(files) });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { code: string; violations: Array<Record<string, unknown>> };
    expect(body.code).toBe('RULES_INVALID');
    expect(body.violations).toContainEqual(
      expect.objectContaining({ file: SUITE_FILE, path: expect.stringMatching(/^\/cases\/\d+\/name$/) }),
    );
    expect(await stores.rulesetPublications.latest()).toBeNull();
  });

  it('publishes the files sent (201, by the API key’s label unless `by` is given), then records nothing for the same set (200)', async () => {
    const first = await call(PATH, 'admin', { reason: 'first publication', files });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({
      recorded: true,
      publication: expect.objectContaining({
        hash: filesHash(files),
        by: 'admin-1',
        reason: 'first publication',
        sequence: 1,
      }),
    });
    const again = await call(PATH, 'admin', { reason: 'again', by: 'Maria Rossi', files });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      recorded: false,
      publication: { sequence: 1, by: 'admin-1' },
    });
  });

  it('publishes the instance’s RULES_DIR when no files are sent', async () => {
    const response = await call(PATH, 'admin', { reason: 'the folder deployed here', by: 'Maria Rossi' });
    expect(response.status).toBe(201);
    const serving = resolve(publisher, TOKENS.RulesetRegistry).status().serving?.hash;
    expect(await response.json()).toMatchObject({
      publication: { hash: serving, by: 'Maria Rossi', sequence: 2 },
    });
  });

  it('is documented in the OpenAPI: 201, 200, 400, 422 RULES_INVALID', async () => {
    const doc = (await (await call('/openapi.json', 'service')).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths[PATH]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '400', '422', '403']),
    );
  });

  it('refuses an unknown field or a missing reason as a schema break (400)', async () => {
    expect((await call(PATH, 'admin', { files })).status).toBe(400);
    expect((await call(PATH, 'admin', { reason: 'x', extra: 1 })).status).toBe(400);
  });
});

describe('GET /v1/rules/status per instance', () => {
  it('names the instance and its source; an instance on files has no publication', async () => {
    const response = await call('/v1/rules/status', 'service');
    expect(await response.json()).toMatchObject({
      instance: 'one',
      source: 'files',
      state: 'current',
      publication: null,
      latestPublication: null,
      lastError: null,
    });
  });

  it('an instance following the store serves the latest publication and names it', async () => {
    const follower = buildContainer(
      { ...base, rulesSource: { source: 'store', storePollMs: 2000, instanceId: 'two' } },
      stores,
    );
    await loadRules(follower);
    const latest = await stores.rulesetPublications.latest();
    const response = await resolve(follower, TOKENS.HttpApp).request('/v1/rules/status', {
      headers: { authorization: `Bearer ${KEYS.service}` },
    });
    expect(await response.json()).toMatchObject({
      instance: 'two',
      source: 'store',
      state: 'current',
      serving: { hash: latest?.hash, rulesetHash: latest?.rulesetHash },
      disk: { hash: latest?.hash, checkedAt: expect.any(String) },
      publication: latest,
      latestPublication: latest,
      lastError: null,
    });
  });

  it('an instance following the store serves what it publishes at once, without waiting for its poll', async () => {
    const follower = buildContainer(
      { ...base, rulesSource: { source: 'store', storePollMs: 60_000, instanceId: 'three' } },
      stores,
    );
    await loadRules(follower);
    const app = resolve(follower, TOKENS.HttpApp);
    const extended = withDeadlineExtended(files);
    const published = await app.request(PATH, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'deadline extended', files: extended }),
    });
    expect(published.status).toBe(201);
    expect(resolve(follower, TOKENS.RulesetRegistry).status()).toMatchObject({
      state: 'current',
      serving: { hash: filesHash(extended) },
    });
  });
});
