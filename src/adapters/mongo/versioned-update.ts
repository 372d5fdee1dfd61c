// One aggregate document changed atomically: under the document's lock (document-lock.ts, since
// FerretDB 1.x does not make a conditional update atomic), read it, let the caller compute the next
// state (the same pure change the in-memory adapter applies), and write it, still guarded by the
// `version` read, which on MongoDB makes the write safe even without the lock. New outbox messages
// are appended with $push and the stored outbox is never rewritten here.
import type { Collection, Document, UpdateFilter } from 'mongodb';
import type { OutboxMessage } from '../../application/ports/mail.js';
import type { DocumentLocks } from './document-lock.js';
import { fromDocument } from './mongo-documents.js';

export interface Versioned {
  id: string;
  version: number;
  outbox?: OutboxMessage[];
}

export interface VersionedUpdate<T> {
  before: T;
  /** null: the change declined (its condition did not hold); nothing was written. */
  after: T | null;
}

export async function updateVersioned<T extends Versioned>(
  collection: Collection<Document>,
  locks: DocumentLocks,
  id: string,
  change: (current: T) => T | null,
  options: { derived?: readonly string[]; derive?: (next: T) => Document } = {},
): Promise<VersionedUpdate<T> | null> {
  return locks.withLock(id, async () => {
    const current = fromDocument<T>(await collection.findOne({ _id: id as never }), options.derived);
    if (current === null) return null;
    const next = change(structuredClone(current));
    if (next === null) return { before: current, after: null };
    const result = await collection.updateOne(
      { _id: id as never, version: current.version },
      updateOf(current, next, options.derive?.(next) ?? {}),
    );
    if (result.matchedCount !== 1)
      throw new Error(`${collection.collectionName}/${id}: written by another writer while locked`);
    return { before: current, after: next };
  });
}

function updateOf<T extends Versioned>(current: T, next: T, derived: Document): UpdateFilter<Document> {
  const set: Document = { ...derived };
  const unset: Document = {};
  for (const [key, value] of Object.entries(next)) {
    if (key === 'id' || key === 'outbox') continue;
    set[key] = value;
  }
  for (const key of Object.keys(current))
    if (key !== 'id' && key !== 'outbox' && !(key in next)) unset[key] = '';
  const before = current.outbox ?? [];
  const after = next.outbox ?? [];
  if (after.length < before.length || after.slice(0, before.length).some((m, i) => m.id !== before[i]?.id))
    throw new Error('an aggregate change may only append to the outbox');
  const appended = after.slice(before.length);
  const update: Document = {
    $set: set,
    ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    ...(appended.length > 0 ? { $push: { outbox: { $each: appended } } } : {}),
  };
  return update as UpdateFilter<Document>;
}
