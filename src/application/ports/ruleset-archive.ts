import type { RuleFile } from './rule-file-source.js';

/** Past rule sets by content hash, so a logged decision can be replayed with the rules that made it. */
export interface RulesetArchive {
  put(hash: string, files: RuleFile[]): Promise<void>;
  get(hash: string): Promise<RuleFile[] | null>;
}
