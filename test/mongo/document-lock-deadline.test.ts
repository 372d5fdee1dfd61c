// [#19] A writer waiting for a document lock held elsewhere waits no longer than its request may
// take: past the request's deadline it gives up (the caller has had its 503 already), instead of
// polling for a minute with the request's resources.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { DocumentLocks, LOCK_COLLECTION, LockWaitExpired } from '../../src/adapters/mongo/document-lock.js';
import { withRequestDeadline } from '../../src/adapters/request-deadline.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

describeMongo('document locks under a request deadline', () => {
  it('stop waiting for a held lock once the request deadline has passed', async () => {
    const db = await freshDatabase();
    const locks = new DocumentLocks(db, 'things');
    // A live holder elsewhere: its lock runs for another 30 s.
    await db
      .collection(LOCK_COLLECTION)
      .insertOne({ _id: 'things/t1' as never, token: randomUUID(), until: new Date(Date.now() + 30_000) });

    let ran = false;
    const waiting = withRequestDeadline(Date.now() + 300, () =>
      locks.withLock('t1', async () => {
        ran = true;
      }),
    );
    await expect(waiting).rejects.toBeInstanceOf(LockWaitExpired);
    expect(ran).toBe(false);

    // Outside a request (a background job) the lock's own bound applies, and a free lock is taken.
    await expect(
      withRequestDeadline(Date.now() + 300, () => locks.withLock('t2', async () => 'done')),
    ).resolves.toBe('done');
  });
});
