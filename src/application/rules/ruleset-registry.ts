// Holds the ruleset in force and swaps it atomically on reload [E-RELOAD]: an invalid set is
// rejected with its issues and the last good one keeps serving. Past sets stay reachable by hash.
import type { RuleFileSource } from '../ports/rule-file-source.js';
import type { RulesetArchive } from '../ports/ruleset-archive.js';
import type { SchemaValidator } from '../ports/schema-validator.js';
import { type LoadedRuleset, type LoadIssue, loadRuleset } from './load-ruleset.js';

export type ReloadResult =
  | { ok: true; hash: string; changed: boolean; previousHash: string | null }
  | { ok: false; issues: LoadIssue[]; servingHash: string | null };

export class RulesetRegistry {
  private loaded: LoadedRuleset | null = null;
  private readonly recent = new Map<string, LoadedRuleset>();
  private reloading: Promise<ReloadResult> | null = null;

  constructor(
    private readonly source: RuleFileSource,
    private readonly validator: SchemaValidator,
    private readonly archive: RulesetArchive,
  ) {}

  /** The ruleset in force; throws only if called before a first successful load (a wiring bug). */
  current(): LoadedRuleset {
    if (!this.loaded) throw new Error('no ruleset loaded yet');
    return this.loaded;
  }

  /** Reloads from the source; concurrent calls share one load. */
  reload(): Promise<ReloadResult> {
    if (!this.reloading) this.reloading = this.doReload().finally(() => (this.reloading = null));
    return this.reloading;
  }

  private async doReload(): Promise<ReloadResult> {
    const files = await this.source.readAll();
    const result = loadRuleset(files, this.validator);
    const previousHash = this.loaded?.ruleset.hash ?? null;
    if (!result.ok) return { ok: false, issues: result.issues, servingHash: previousHash };
    const next = result.value;
    await this.archive.put(next.ruleset.hash, next.files);
    this.remember(next);
    // Suites can change without the hash changing: swap anyway so the auditors see the new ones.
    this.loaded = next;
    return { ok: true, hash: next.ruleset.hash, changed: previousHash !== next.ruleset.hash, previousHash };
  }

  /** The ruleset with this hash: in force, recently used, or rebuilt from the archive. */
  async byHash(hash: string): Promise<LoadedRuleset | null> {
    if (this.loaded?.ruleset.hash === hash) return this.loaded;
    const cached = this.recent.get(hash);
    if (cached) return cached;
    const files = await this.archive.get(hash);
    if (!files) return null;
    // Archived sets hold policies and parameters only: borrow the schemas from the set in force.
    const schemas = (await this.source.readAll()).filter((f) => f.path.startsWith('schema/'));
    const result = loadRuleset([...schemas, ...files], this.validator);
    if (!result.ok || result.value.ruleset.hash !== hash) return null;
    this.remember(result.value);
    return result.value;
  }

  /** The rule files in the source now, loaded but not put in force (the candidate of an impact). */
  async candidate(): Promise<{ ok: true; value: LoadedRuleset } | { ok: false; issues: LoadIssue[] }> {
    return loadRuleset(await this.source.readAll(), this.validator);
  }

  private remember(loaded: LoadedRuleset): void {
    this.recent.set(loaded.ruleset.hash, loaded);
    if (this.recent.size > 16) this.recent.delete(this.recent.keys().next().value as string);
  }
}
