import type { Collection, Document } from 'mongodb';
import type {
  Publication,
  PublicationDraft,
  RulesetPublications,
} from '../../application/ports/ruleset-publications.js';
import { isDuplicateKey } from './mongo-documents.js';

const COLLECTION = 'ruleset_publications';

/** How often a publisher that lost the race for a sequence number reads the latest and tries again. */
const ATTEMPTS = 20;

/**
 * The publication log in MongoDB, one document per publication with its sequence as `_id`: two
 * publishers that read the same latest both try the next number, the unique `_id` lets one in, and
 * the other reads again (then finds the winner's hash, or takes the number after it).
 */
export class MongoRulesetPublications implements RulesetPublications {
  private readonly log: Collection<Document>;

  constructor(db: { collection(name: string): Collection<Document> }) {
    this.log = db.collection(COLLECTION);
  }

  async record(draft: PublicationDraft): Promise<{ recorded: boolean; publication: Publication }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const latest = await this.latest();
      if (latest?.hash === draft.hash) return { recorded: false, publication: latest };
      const publication: Publication = { ...draft, sequence: (latest?.sequence ?? 0) + 1 };
      try {
        await this.log.insertOne({ _id: publication.sequence as never, ...draft });
        return { recorded: true, publication };
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    throw new Error(
      `could not record a publication after ${ATTEMPTS} attempts (too many publishers at once)`,
    );
  }

  async latest(): Promise<Publication | null> {
    const doc = await this.log.find().sort({ _id: -1 }).limit(1).next();
    if (!doc) return null;
    const { _id, hash, rulesetHash, by, at, reason } = doc;
    return { hash, rulesetHash, by, at, reason, sequence: _id as unknown as number };
  }
}
