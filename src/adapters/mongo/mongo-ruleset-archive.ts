import type { Collection, Document } from 'mongodb';
import type { RuleFile } from '../../application/ports/rule-file-source.js';
import type { RulesetArchive } from '../../application/ports/ruleset-archive.js';
import { isDuplicateKey } from './mongo-documents.js';

const COLLECTION = 'rulesets';

/** Rule sets by content hash in MongoDB; the first files stored under a hash stay. */
export class MongoRulesetArchive implements RulesetArchive {
  private readonly sets: Collection<Document>;

  constructor(db: { collection(name: string): Collection<Document> }) {
    this.sets = db.collection(COLLECTION);
  }

  async put(hash: string, files: RuleFile[]): Promise<void> {
    const stored = files.map(({ path, content }) => ({ path, content }));
    try {
      await this.sets.insertOne({ _id: hash as never, files: stored });
    } catch (e) {
      // Archived already (by this process earlier, or another one at the same time): the first stays.
      if (!isDuplicateKey(e)) throw e;
    }
  }

  async get(hash: string): Promise<RuleFile[] | null> {
    const doc = await this.sets.findOne({ _id: hash as never });
    return doc ? (doc.files as RuleFile[]) : null;
  }
}
