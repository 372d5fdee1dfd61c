// How an aggregate becomes a MongoDB document and back: its `id` is the document's `_id`, and
// fields the adapter derives for its indexes (never part of the aggregate) are dropped on reading.
import { type Collection, type Document, MongoServerError } from 'mongodb';

export function toDocument<T extends { id: string }>(value: T, derived: Document = {}): Document {
  const { id, ...rest } = value;
  return { _id: id, ...structuredClone(rest), ...derived };
}

export function fromDocument<T>(doc: Document | null, derived: readonly string[] = []): T | null {
  if (doc === null) return null;
  const { _id, ...rest } = doc;
  for (const field of derived) delete rest[field];
  return { id: _id, ...rest } as T;
}

/** E11000: a unique index refused the write (FerretDB does not say which index, so callers look). */
export const isDuplicateKey = (error: unknown): boolean =>
  error instanceof MongoServerError && error.code === 11000;

/** An index the adapter needs; all are created at start-up (createIndex is idempotent). */
export interface IndexSpec {
  collection: string;
  keys: Record<string, 1 | -1>;
  name: string;
  unique?: boolean;
  /** A TTL index (documents removed once this many seconds past the indexed date), where the server has them. */
  expireAfterSeconds?: number;
}

export type Collections = (name: string) => Collection<Document>;
