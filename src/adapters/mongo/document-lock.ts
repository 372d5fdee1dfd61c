// Mutual exclusion per document, for writes that must be atomic on FerretDB 1.x too. FerretDB 1.x
// (SQLite backend) runs an update as a query, then `UPDATE … SET <whole document> WHERE _id = ?`
// without checking the filter again: two conditional updates racing on one document can both
// match ({_id, version: 1} matched 2–13 times out of 20 when probed), and $inc loses increments.
// Inserts are atomic (a unique index refuses all but one), so a lock is a document inserted under
// the locked document's key and deleted when done; every writer of the document takes it, so its
// read and its write see no other writer in between. On MongoDB it only adds two round trips.
//
// A holder that dies leaves its lock behind until `until`; the next writer then breaks it. The
// break is a deleteOne, which FerretDB also runs as query-then-delete: two writers breaking the
// same stale lock while a third takes it anew could delete the new one. That needs a crashed
// holder and a race in the microseconds of one command; it is accepted, not excluded.
import { randomUUID } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import { requestDeadline } from '../request-deadline.js';
import { isDuplicateKey } from './mongo-documents.js';

export const LOCK_COLLECTION = 'document_locks';

/** Longer than any locked step (a few round trips); a lock older than this is a dead holder's. */
const TTL_MS = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lock stayed held longer than its writer could wait: the caller may retry (503). */
export class LockWaitExpired extends Error {
  constructor(key: string, waitedMs: number) {
    super(`${key}: lock still held after ${waitedMs} ms`);
    this.name = 'LockWaitExpired';
  }
}

export class DocumentLocks {
  private readonly locks: Collection<Document>;

  /** `scope`: the locked documents' collection, so keys of different collections never meet. */
  constructor(
    db: { collection(name: string): Collection<Document> },
    private readonly scope: string,
  ) {
    this.locks = db.collection(LOCK_COLLECTION);
  }

  /**
   * Runs `body` holding the lock on `id`, waiting for it as long as a live holder may keep it, and
   * never past the deadline of the request being served [#19]: by then its caller has had a 503,
   * and waiting on would only hold the request's resources.
   */
  async withLock<R>(id: string, body: () => Promise<R>): Promise<R> {
    const started = Date.now();
    const deadline = Math.min(started + 2 * TTL_MS, requestDeadline() ?? Number.POSITIVE_INFINITY);
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      const held = await this.tryWithLock(id, body);
      if (held.locked) return held.value;
      if (Date.now() > deadline) throw new LockWaitExpired(`${this.scope}/${id}`, Date.now() - started);
      await pause(wait * (0.5 + Math.random()));
    }
  }

  /**
   * Runs `body` holding the lock on `id`, or answers at once that another writer holds it.
   * `breakStale: false` spares the look at a held lock's age, for a caller that will come back.
   */
  async tryWithLock<R>(
    id: string,
    body: () => Promise<R>,
    { breakStale = true } = {},
  ): Promise<{ locked: true; value: R } | { locked: false }> {
    const key = `${this.scope}/${id}`;
    const token = await this.acquire(key, breakStale);
    if (token === null) return { locked: false };
    try {
      return { locked: true, value: await body() };
    } finally {
      // The step is done either way; a lock that could not be deleted expires.
      await this.locks.deleteOne({ _id: key as never, token }).catch(() => undefined);
    }
  }

  /** The new lock's token, or null when a live holder has it. */
  private async acquire(key: string, breakStale: boolean): Promise<string | null> {
    const token = randomUUID();
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.locks.insertOne({ _id: key as never, token, until: new Date(Date.now() + TTL_MS) });
        return token;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      if (!breakStale) return null;
      // Held: by a live writer, or by one that died (then break it and try once more).
      const broken = await this.locks.deleteOne({ _id: key as never, until: { $lt: new Date() } });
      if (broken.deletedCount !== 1) return null;
    }
    return null;
  }
}
