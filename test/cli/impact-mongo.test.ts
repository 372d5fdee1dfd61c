// `pa-policy impact --mongodb`: the decisions and the rule set before an edit read from MongoDB.
import { afterAll, expect, it } from 'vitest';
import { impactCommand } from '../../src/adapters/cli/impact.js';
import { MongoDecisionLog } from '../../src/adapters/mongo/mongo-decision-log.js';
import { MongoRulesetArchive } from '../../src/adapters/mongo/mongo-ruleset-archive.js';
import { latestDecisions } from '../../src/application/decisions/latest-decisions.js';
import { serviceWithDecisions, shortenExtension } from '../application/impact-support.js';
import { describeMongo, freshDatabase, mongoUri } from '../support/mongo.js';
import { captureIo, removeCopies } from './support.js';

afterAll(removeCopies);

describeMongo('pa-policy impact', () => {
  it('takes the decisions from the log and --from HASH from the archive', async () => {
    const { dir, registry, log, ids } = await serviceWithDecisions([
      '2017-01-20',
      '2017-02-20',
      '2017-03-05',
    ]);
    const db = await freshDatabase();
    const mongoLog = new MongoDecisionLog(db);
    for (const entry of await latestDecisions(log, { limit: 10 })) await mongoLog.append(entry);
    const serving = registry.current();
    await new MongoRulesetArchive(db).put(serving.ruleset.hash, serving.files);
    await shortenExtension(dir);

    const uri = new URL(mongoUri() as string);
    uri.pathname = `/${db.databaseName}`;
    const run = captureIo();
    const args = ['--from', serving.ruleset.hash, '--to', dir, '--mongodb', uri.toString(), '--json'];
    expect(await impactCommand(args, run.io)).toBe(0);
    const report = JSON.parse(run.stdout());
    expect(report.beforeHash).toBe(serving.ruleset.hash);
    expect(report.decisions).toBe(3);
    expect(report.changedOutcomes).toEqual([ids.get('2017-02-20')]);

    const limited = captureIo();
    expect(await impactCommand([...args, '--limit', '1'], limited.io)).toBe(0);
    expect(JSON.parse(limited.stdout()).decisions).toBe(1);

    const unknown = captureIo();
    expect(
      await impactCommand(
        ['--from', 'sha256:00000000', '--to', dir, '--mongodb', uri.toString()],
        unknown.io,
      ),
    ).toBe(2);
    expect(unknown.stderr()).toContain('no rule set sha256:00000000 in the archive');
  });
});
