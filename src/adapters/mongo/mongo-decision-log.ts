// The decision log in MongoDB: an append-only collection (insert, never update). The entry's
// facts and outputs are the caller's JSON, whose keys may hold '.' or start with '$' (which
// FerretDB refuses as field names), so the entry is kept as JSON text beside the fields an
// operator filters on.
import type { Collection, Document } from 'mongodb';
import type { DecisionLog, DecisionQuery, LoggedDecision } from '../../application/ports/decision-log.js';
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

  async list({ since, policy, limit }: DecisionQuery): Promise<LoggedDecision[]> {
    if (limit <= 0) return [];
    const filter: Document = {};
    if (since !== undefined) filter.time = { $gte: since };
    if (policy !== undefined) filter.policy = policy;
    const docs = await this.decisions
      .find(filter, { projection: { entry: 1 } })
      .sort({ time: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.reverse().map((doc) => JSON.parse(doc.entry as string) as LoggedDecision);
  }
}
