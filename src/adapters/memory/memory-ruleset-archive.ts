import type { RuleFile } from '../../application/ports/rule-file-source.js';
import type { RulesetArchive } from '../../application/ports/ruleset-archive.js';

export class MemoryRulesetArchive implements RulesetArchive {
  private readonly sets = new Map<string, RuleFile[]>();

  async put(hash: string, files: RuleFile[]): Promise<void> {
    if (!this.sets.has(hash)) this.sets.set(hash, structuredClone(files));
  }

  async get(hash: string): Promise<RuleFile[] | null> {
    const files = this.sets.get(hash);
    return files ? structuredClone(files) : null;
  }
}
