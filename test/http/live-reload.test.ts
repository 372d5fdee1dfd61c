// Live reload follows the content of rules/ on disk [E-RELOAD], however it was written: saved in
// place or by rename (sed -i, most editors), several saves at once, files added or deleted, the
// whole folder moved away and back or replaced by a copy (deploy by copy, git checkout, rsync
// --delete). Each case ends with the service serving exactly the files hash `pa-policy lint`
// computes for the disk, within the poll interval.
import { cp, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it as vitestIt } from 'vitest';
import { lintCommand } from '../../src/adapters/cli/lint.js';
import { buildContainer } from '../../src/adapters/composition-root.js';
import { loadRules, watchRules } from '../../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { captureIo } from '../cli/support.js';
import { apiKeys, copyOfRules, json, startTestService, type TestService } from './support.js';

const POLL_MS = 500;
/** Watcher events and the poll both land well within this; the slack is for a busy CI machine. */
const DEADLINE_MS = POLL_MS + 5_000;

/** Each test gives itself time for several waits; each wait is bounded by DEADLINE_MS. */
const TEST_MS = 4 * DEADLINE_MS;

const PARAMETERS = 'albo/payment-deadline.parameters.json';
/** A real edit of a decisive file that keeps every suite passing: the source note of a value. */
const deadlineTo = (note: string) => (text: string) =>
  text.replace(/"(Extension by the Comitato Centrale[^";]*)[^"]*"/, `"$1; note ${note}"`);

let rules: Awaited<ReturnType<typeof copyOfRules>>;
let service: TestService;
let stop: () => Promise<void> | void = () => {};
const scratch: string[] = [];

beforeEach(async () => {
  rules = await copyOfRules();
  service = await startTestService(rules.dir);
});
afterEach(async () => {
  await stop();
  stop = () => {};
  await rules.dispose();
  await Promise.all(scratch.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The hash `pa-policy lint` prints for the folder as it is on disk now. */
async function lintHash(dir = rules.dir): Promise<string> {
  const run = captureIo();
  await lintCommand(['--rules', dir], run.io);
  const hash = /files (sha256:[0-9a-f]+)/.exec(run.stdout())?.[1];
  if (!hash) throw new Error(`lint printed no files hash:\n${run.stdout()}${run.stderr()}`);
  return hash;
}

const servingHash = async () =>
  (await json<{ rules: { serving: { hash: string } } }>(await service.request('/healthz'))).rules.serving
    .hash;

/** Polls until the service serves the disk's hash (the one lint computes), or the deadline passes. */
async function expectServingDisk(): Promise<void> {
  const wanted = await lintHash();
  const deadline = Date.now() + DEADLINE_MS;
  let serving = await servingHash();
  while (serving !== wanted && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    serving = await servingHash();
  }
  expect(serving).toBe(wanted);
}

/** Writes a new file beside the target, then renames it over the target (what sed -i does). */
async function saveByRename(path: string, change: (text: string) => string): Promise<void> {
  const target = join(rules.dir, path);
  const temp = join(rules.dir, 'albo', `sed${Math.random().toString(36).slice(2, 8)}`);
  await writeFile(temp, change(await readFile(target, 'utf8')));
  await rename(temp, target);
}

const saveInPlace = (date: string) => rules.edit(PARAMETERS, deadlineTo(date));

const EXTRA = 'albo/extra.parameters.json';
const extraParameters = JSON.stringify({
  parameters: {
    'albo.extra.note': {
      description: 'A parameter no policy reads yet.',
      history: [{ from: '2020-01-01', value: 1, source: 'test' }],
    },
  },
});

// Every case with the service's set-up (watcher and poll); the cases fs.watch used to miss also with
// each mechanism alone, so neither hides a fault of the other.
const ALL = ['rename', 'after-rename', 'burst', 'new-deleted', 'moved', 'replaced'];
const MISSED_BEFORE = ['after-rename', 'moved', 'replaced'];
describe.each([
  ['watcher and poll', { pollMs: POLL_MS }, ALL],
  ['the poll alone', { pollMs: POLL_MS, watch: false }, MISSED_BEFORE],
  ['the watcher alone', { pollMs: 0 }, MISSED_BEFORE],
])('live reload with %s', (_name, options, cases) => {
  // Only the cases chosen for this set-up are registered (none shows as skipped).
  const it = (name: string, key: string, fn: () => Promise<void>) => {
    if (cases.includes(key)) vitestIt(name, fn, TEST_MS);
  };

  beforeEach(() => {
    stop = watchRules(service.container, options);
  });

  it('follows a save by rename', 'rename', async () => {
    const before = await servingHash();
    await saveByRename(PARAMETERS, deadlineTo('2017-03-31'));
    await expectServingDisk();
    expect(await servingHash()).not.toBe(before);
  });

  it('follows an in-place save after a save by rename', 'after-rename', async () => {
    await saveByRename(PARAMETERS, deadlineTo('2017-03-31'));
    await expectServingDisk();
    const afterRename = await servingHash();
    await saveInPlace('2017-04-30');
    await expectServingDisk();
    expect(await servingHash()).not.toBe(afterRename);
  });

  it('ends on the last of several saves made within 100 ms', 'burst', async () => {
    for (const date of ['2017-03-01', '2017-03-02', '2017-03-03', '2017-03-04', '2017-03-05']) {
      await saveInPlace(date);
      await new Promise((r) => setTimeout(r, 20));
    }
    await expectServingDisk();
  });

  it('follows a new file, then its deletion', 'new-deleted', async () => {
    const before = await servingHash();
    await rules.write(EXTRA, extraParameters);
    await expectServingDisk();
    expect(await servingHash()).not.toBe(before);
    await unlink(join(rules.dir, EXTRA));
    await expectServingDisk();
    expect(await servingHash()).toBe(before);
  });

  it('follows the folder moved away, edited, and moved back', 'moved', async () => {
    const away = `${rules.dir}.away`;
    scratch.push(away);
    await rename(rules.dir, away);
    await new Promise((r) => setTimeout(r, POLL_MS));
    const file = join(away, PARAMETERS);
    await writeFile(file, deadlineTo('2017-03-31')(await readFile(file, 'utf8')));
    await rename(away, rules.dir);
    await expectServingDisk();
    // Still watched after coming back: an in-place save is seen too.
    await saveInPlace('2017-04-30');
    await expectServingDisk();
  });

  it('follows the folder replaced by a copy (rm -rf, then cp)', 'replaced', async () => {
    const staging = await mkdtemp(join(tmpdir(), 'rules-staging-'));
    scratch.push(staging);
    await cp(rules.dir, staging, { recursive: true });
    const file = join(staging, PARAMETERS);
    await writeFile(file, deadlineTo('2017-03-31')(await readFile(file, 'utf8')));
    await rm(rules.dir, { recursive: true, force: true });
    await cp(staging, rules.dir, { recursive: true });
    await expectServingDisk();
    await saveInPlace('2017-04-30');
    await expectServingDisk();
  });
});

describe('the rules folder missing', () => {
  vitestIt(
    'answers the admin reload with a structured document, never 500, and keeps serving',
    async () => {
      const serving = await servingHash();
      const away = `${rules.dir}.away`;
      scratch.push(away);
      await rename(rules.dir, away);
      const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        code: 'RULES_UNREADABLE',
        state: 'unreadable',
        serving: { hash: serving },
        disk: { hash: null },
        problems: [expect.stringContaining('cannot read')],
      });
      const status = await service.get('/v1/rules/status');
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ state: 'unreadable', serving: { hash: serving } });
      await rename(away, rules.dir);
      const back = await service.post('/v1/admin/rules/reload', undefined, 'admin');
      expect(back.status).toBe(200);
      expect(await back.json()).toMatchObject({ state: 'current', serving: { hash: serving } });
    },
    TEST_MS,
  );
});

describe('the log', () => {
  vitestIt(
    'says once why a save is rejected, with the same problems as the status, and when the folder is away',
    async () => {
      const lines: Array<Record<string, unknown>> = [];
      const container = buildContainer({ port: 0, rulesDir: rules.dir, apiKeys, logLevel: 'info' });
      const destination = {
        write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
      };
      container.rebindSync(TOKENS.Logger).toConstantValue(pino({ level: 'info' }, destination));
      await loadRules(container);
      const registry = resolve(container, TOKENS.RulesetRegistry);
      stop = watchRules(container, { pollMs: POLL_MS });
      await rules.edit('account/lockout.parameters.json', (t) => t.replace('"value": 5,', '"value": 0,'));
      const deadline = Date.now() + DEADLINE_MS;
      while (registry.status().state !== 'rejected' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      // A few more polls: a rejected save is not loaded, nor logged, again.
      await new Promise((r) => setTimeout(r, 3 * POLL_MS));
      const rejected = lines.filter((l) => l.state === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ level: 40, problems: registry.status().problems });
      expect(String(rejected[0]?.msg)).toContain(registry.status().problems[0]);

      const away = `${rules.dir}.away`;
      scratch.push(away);
      await rename(rules.dir, away);
      while (registry.status().state !== 'unreadable' && Date.now() < deadline + DEADLINE_MS)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 3 * POLL_MS));
      expect(lines.filter((l) => l.state === 'unreadable')).toHaveLength(1);
    },
    TEST_MS,
  );
});
