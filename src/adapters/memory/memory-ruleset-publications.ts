import type {
  Publication,
  PublicationDraft,
  RulesetPublications,
} from '../../application/ports/ruleset-publications.js';

export class MemoryRulesetPublications implements RulesetPublications {
  private readonly log: Publication[] = [];

  async record(draft: PublicationDraft): Promise<{ recorded: boolean; publication: Publication }> {
    const latest = this.log.at(-1);
    if (latest?.hash === draft.hash) return { recorded: false, publication: { ...latest } };
    const publication = { ...draft, sequence: (latest?.sequence ?? 0) + 1 };
    this.log.push(publication);
    return { recorded: true, publication: { ...publication } };
  }

  async latest(): Promise<Publication | null> {
    const latest = this.log.at(-1);
    return latest ? { ...latest } : null;
  }
}
