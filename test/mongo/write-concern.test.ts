// [#19] Writes that matter are acknowledged by a majority and retried once across a failover on a
// replica set; reads of the decision log may go to a secondary. FerretDB (a single server) takes
// the same options, so the suites run with them.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { connectMongo, databaseReadingFrom } from '../../src/adapters/mongo/mongo-connection.js';
import { MongoDecisionLog } from '../../src/adapters/mongo/mongo-decision-log.js';
import { aLoggedDecision } from '../contracts/decision-log.contract.js';
import { describeMongo, mongoUri } from '../support/mongo.js';

describeMongo('the MongoDB connection', () => {
  it('writes with majority write concern and retryable writes, and reads the decision log where told', async () => {
    const opened = await connectMongo(mongoUri() ?? '');
    const connection = { ...opened, db: opened.client.db(`write_concern_${randomBytes(6).toString('hex')}`) };
    try {
      expect(connection.db.writeConcern?.w).toBe('majority');
      expect(connection.client.options.retryWrites).toBe(true);
      const decisionsDb = databaseReadingFrom(connection, 'secondaryPreferred');
      expect(decisionsDb.readPreference.mode).toBe('secondaryPreferred');
      expect(connection.db.readPreference.mode).toBe('primary');

      // Written through the primary, read back through the preference (a single server serves both).
      await new MongoDecisionLog(connection.db).append(aLoggedDecision({ id: 'wc-1' }));
      expect((await new MongoDecisionLog(decisionsDb).get('wc-1'))?.id).toBe('wc-1');
    } finally {
      await connection.db.dropDatabase().catch(() => undefined);
      await opened.close();
    }
  });
});
