// The rule files of the latest publication in the shared store [#19], for an instance that follows
// the store instead of a folder. The registry polls `readAll` and serves what it returns once it
// passes the gate, exactly as with a folder: a poll is one read of the latest publication, and the
// files are fetched from the archive only when the publication changes.
import type { RuleFile, RuleFileSource } from '../ports/rule-file-source.js';
import type { RulesetArchive } from '../ports/ruleset-archive.js';
import type { Publication, RulesetPublications } from '../ports/ruleset-publications.js';

/** Where the set serving came from, for the rules status. */
export interface RulesOrigin {
  source: 'files' | 'store';
  /** The publication whose files hash this is, if this instance read it from the store. */
  publicationOf(hash: string): Publication | null;
  /** The newest publication seen at the last check (store only). */
  latestSeen(): Publication | null;
}

export const FILES_ORIGIN: RulesOrigin = {
  source: 'files',
  publicationOf: () => null,
  latestSeen: () => null,
};

export class PublishedRuleSource implements RuleFileSource, RulesOrigin {
  readonly source = 'store';
  readonly location = 'the rule set store';
  readonly what = 'the latest published rule set';
  private readonly seen = new Map<string, Publication>();
  private latest: Publication | null = null;
  private files: { hash: string; files: RuleFile[] } | null = null;

  constructor(
    private readonly publications: RulesetPublications,
    private readonly archive: RulesetArchive,
  ) {}

  async readAll(): Promise<RuleFile[]> {
    const latest = await this.publications.latest();
    if (!latest) throw new Error('nothing is published yet (pa-policy publish --by WHO --reason WHY)');
    this.latest = latest;
    // Every publication read stays known (they are small and few), so the one serving can be named.
    this.seen.set(latest.hash, latest);
    if (this.files?.hash !== latest.hash) {
      const files = await this.archive.get(latest.hash);
      if (!files)
        throw new Error(`publication ${latest.sequence} names ${latest.hash}, which is not in the archive`);
      this.files = { hash: latest.hash, files };
    }
    return this.files.files;
  }

  publicationOf(hash: string): Publication | null {
    return this.seen.get(hash) ?? null;
  }

  latestSeen(): Publication | null {
    return this.latest;
  }
}
