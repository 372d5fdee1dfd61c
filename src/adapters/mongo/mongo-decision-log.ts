// The decision log in MongoDB: an append-only collection (insert, never update). The entry's
// facts and outputs are the caller's JSON, whose keys may hold '.' or start with '$' (which
// FerretDB refuses as field names), so the entry is kept as JSON text beside the fields an
// operator filters on.
import type { Collection, Document, Filter } from 'mongodb';
import {
  type DecisionLog,
  type DecisionPage,
  type DecisionQuery,
  InvalidCursorError,
  type LoggedDecision,
} from '../../application/ports/decision-log.js';
import { type IndexSpec, isDuplicateKey } from './mongo-documents.js';

const COLLECTION = 'decisions';

export const DECISION_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { policy: 1, time: 1 }, name: 'byPolicy' },
  { collection: COLLECTION, keys: { time: 1 }, name: 'byTime' },
];

export class MongoDecisionLog implements DecisionLog {
  private readonly decisions: Collection<Document>;

  constructor(db: { collection(name: string): Collection<Document> }) {
    this.decisions = db.collection(COLLECTION);
  }

  async append(entry: LoggedDecision): Promise<void> {
    const { id, time, policy, rulesetHash, outcome } = entry;
    try {
      await this.decisions.insertOne({
        _id: id as never,
        time,
        policy,
        rulesetHash,
        outcome,
        entry: JSON.stringify(entry),
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new Error(`decision ${id} already logged`);
      throw e;
    }
  }

  async get(id: string): Promise<LoggedDecision | null> {
    const doc = await this.decisions.findOne({ _id: id as never }, { projection: { entry: 1 } });
    return doc ? (JSON.parse(doc.entry as string) as LoggedDecision) : null;
  }

  /** Newest first by `time` (an ISO instant, so text order is time order), then by id descending. */
  async search(query: DecisionQuery): Promise<DecisionPage> {
    const and: Filter<Document>[] = [];
    if (query.policy !== undefined) and.push({ policy: query.policy });
    if (query.outcome !== undefined) and.push({ outcome: query.outcome });
    if (query.rulesetHash !== undefined) and.push({ rulesetHash: query.rulesetHash });
    if (query.fromTime !== undefined) and.push({ time: { $gte: isoInstant(query.fromTime) } });
    if (query.toTime !== undefined) and.push({ time: { $lt: isoInstant(query.toTime) } });
    if (query.cursor !== undefined) {
      const { time, id } = readCursor(query.cursor);
      and.push({ $or: [{ time: { $lt: time } }, { time, _id: { $lt: id as never } }] });
    }
    const docs = await this.decisions
      .find(and.length > 0 ? { $and: and } : {}, { projection: { entry: 1, time: 1 } })
      .sort({ time: -1, _id: -1 })
      .limit(query.limit + 1)
      .toArray();
    const page = docs.slice(0, query.limit);
    const last = page.at(-1);
    return {
      entries: page.map((d) => JSON.parse(d.entry as string) as LoggedDecision),
      next:
        docs.length > query.limit && last
          ? Buffer.from(JSON.stringify([last.time, last._id])).toString('base64url')
          : null,
    };
  }
}

/** Times are kept as `toISOString()` gives them; a bound given otherwise is brought to that form. */
function isoInstant(time: string): string {
  return new Date(time).toISOString();
}

function readCursor(cursor: string): { time: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string')
      return { time: value[0], id: value[1] };
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError(cursor);
}
