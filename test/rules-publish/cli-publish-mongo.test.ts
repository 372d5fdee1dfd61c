// `pa-policy publish` against MongoDB [#19]: a folder that passes the gate is archived and
// recorded; the same folder again records nothing; a folder whose suite fails is refused with
// exit 1 and each problem as file:line:column, and nothing is recorded.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/adapters/cli/main.js';
import { MongoRulesetArchive } from '../../src/adapters/mongo/mongo-ruleset-archive.js';
import { MongoRulesetPublications } from '../../src/adapters/mongo/mongo-ruleset-publications.js';
import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import { captureIo, editText, exemplarRules, PARAMETERS_FILE, removeCopies } from '../cli/support.js';
import { describeMongo, freshDatabase, mongoUri } from '../support/mongo.js';
import { SUITE_FILE, uriWithDatabase } from './support.js';

afterAll(removeCopies);

describeMongo('pa-policy publish', () => {
  let uri: string;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    db = await freshDatabase();
    uri = uriWithDatabase(mongoUri() ?? '', db.databaseName);
  });

  const publish = async (dir: string, by: string, reason: string, env = { MONGODB_URI: uri }) => {
    const run = captureIo();
    run.io.env = env;
    const code = await runCli(['publish', '--rules', dir, '--by', by, '--reason', reason], run.io);
    return { code, out: run.stdout(), err: run.stderr() };
  };

  it('publishes a folder that passes, then records nothing for the same folder', async () => {
    const dir = await exemplarRules();
    const first = await publish(dir, 'Maria Rossi', 'first publication');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(
      /^published files sha256:\w+ \(ruleset sha256:\w+\) as publication 1, by Maria Rossi at /,
    );
    const latest = await new MongoRulesetPublications(db).latest();
    expect(latest).toMatchObject({ sequence: 1, by: 'Maria Rossi', reason: 'first publication' });
    expect(await new MongoRulesetArchive(db).get(latest?.hash ?? '')).toEqual(
      await new FsRuleFileSource(dir).readAll(),
    );

    const again = await publish(dir, 'Luca Bianchi', 'again');
    expect(again.code).toBe(0);
    expect(again.out).toContain('is already the latest publication (1, by Maria Rossi');
    expect(again.out).toContain('nothing recorded');
  });

  it('refuses a folder whose suite fails (exit 1, file:line:column of the case), recording nothing', async () => {
    const dir = await exemplarRules();
    await editText(dir, PARAMETERS_FILE, '"2017": "2017-02-28"', '"2017": "2017-03-31"');
    const refused = await publish(dir, 'Luca Bianchi', 'forgot the suite');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`${SUITE_FILE}:\\d+:\\d+  case ".+" fails`));
    expect(refused.err).toContain('nothing was published');
    expect(await new MongoRulesetPublications(db).latest()).toMatchObject({ sequence: 1 });
  });

  it('cannot run without MONGODB_URI, --by or --reason (exit 2)', async () => {
    const dir = await exemplarRules();
    expect(await publish(dir, 'Maria Rossi', 'x', {} as { MONGODB_URI: string })).toMatchObject({
      code: 2,
      err: expect.stringContaining('MONGODB_URI is not set'),
    });
    const run = captureIo();
    run.io.env = { MONGODB_URI: uri };
    expect(await runCli(['publish', '--rules', dir, '--reason', 'x'], run.io)).toBe(2);
  });

  it('cannot run on a folder it cannot read (exit 2)', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'publish-')), 'missing');
    await writeFile(`${dir}.txt`, '');
    expect((await publish(dir, 'Maria Rossi', 'x')).code).toBe(2);
  });
});
