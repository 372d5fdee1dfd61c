// Holds the ruleset in force and swaps it atomically on reload [E-RELOAD]: a candidate goes live
// only if it loads (every regular expression checked when a checker is given) and, when the gate
// is on, every auditor suite passes; otherwise it is rejected with its problems and the last good
// set keeps serving. Changes are found by content: `refresh` loads whenever the files on disk hash
// differently from both the set serving and the last one rejected. Past sets stay reachable by hash.
import type { Clock } from '../ports/clock.js';
import type { PatternChecker } from '../ports/pattern-checker.js';
import type { RuleFile, RuleFileSource } from '../ports/rule-file-source.js';
import type { RulesetArchive } from '../ports/ruleset-archive.js';
import type { SchemaValidator } from '../ports/schema-validator.js';
import { filesHash, type LoadedRuleset, type LoadIssue, loadRuleset } from './load-ruleset.js';
import { formatIssues, type LocatedIssue, locateIssue } from './problems.js';
import { gateCandidate } from './suite-gate.js';

export type RulesState = 'current' | 'rejected' | 'unreadable';

/** The rule set status for people and machines: what serves, what is on disk, and why they differ. */
export interface RulesStatus {
  /** Null only before the first successful load. */
  serving: { hash: string; rulesetHash: string; since: string } | null;
  /** The files on disk as last read (at most one poll interval ago); hash null when unreadable. */
  disk: { hash: string | null; checkedAt: string };
  state: RulesState;
  /** `file:line:column  reason (/json/pointer)`, one per problem; empty when current. */
  problems: string[];
}

export type ReloadResult =
  | { ok: true; hash: string; changed: boolean; previousHash: string | null; status: RulesStatus }
  | {
      ok: false;
      /** Every problem, located in its file; for an unreadable folder, one without a file. */
      issues: LocatedIssue[];
      servingHash: string | null;
      unreadable: boolean;
      status: RulesStatus;
    };

export interface RegistryOptions {
  /** Checks every regular expression at load (catastrophic backtracking); absent: not checked. */
  patterns?: PatternChecker;
  /** Runs the auditor suites, coverage included, before a set may serve. */
  suiteGate?: boolean;
  /** For `since` and the suites' "today"; the system clock when absent. */
  clock?: Clock;
}

export class RulesetRegistry {
  private loaded: LoadedRuleset | null = null;
  private serving: { files: RuleFile[]; hash: string; since: Date } | null = null;
  private disk: { hash: string | null; checkedAt: Date; error?: string } = {
    hash: null,
    checkedAt: new Date(0),
  };
  private rejected: { hash: string; issues: LocatedIssue[] } | null = null;
  private readonly recent = new Map<string, LoadedRuleset>();
  /** Loads run one at a time, each on the files as they are when it starts. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: Clock;

  constructor(
    private readonly source: RuleFileSource,
    private readonly validator: SchemaValidator,
    private readonly archive: RulesetArchive,
    private readonly options: RegistryOptions = {},
  ) {
    this.clock = options.clock ?? { now: () => new Date() };
  }

  /** The ruleset in force; throws only if called before a first successful load (a wiring bug). */
  current(): LoadedRuleset {
    if (!this.loaded) throw new Error('no ruleset loaded yet');
    return this.loaded;
  }

  /** Loads the files on disk now, whatever their hash (start-up, the admin call). */
  reload(): Promise<ReloadResult> {
    return this.serially(async () => {
      const files = await this.read();
      return files ? this.consider(files) : this.unreadable();
    });
  }

  /**
   * Loads only if the files on disk differ from both the set serving and the last one rejected;
   * null when there was nothing new to report (the status may still have changed: the folder back).
   */
  refresh(): Promise<ReloadResult | null> {
    return this.serially(async () => {
      const wasUnreadable = this.serving !== null && this.disk.hash === null;
      const files = await this.read();
      // Still unreadable: said once, not at every poll while the folder is away.
      if (!files) return wasUnreadable ? null : this.unreadable();
      if (this.disk.hash === this.serving?.hash || this.disk.hash === this.rejected?.hash) return null;
      return this.consider(files);
    });
  }

  status(): RulesStatus {
    const serving = this.serving
      ? {
          hash: this.serving.hash,
          rulesetHash: this.current().ruleset.hash,
          since: this.serving.since.toISOString(),
        }
      : null;
    const disk = { hash: this.disk.hash, checkedAt: this.disk.checkedAt.toISOString() };
    if (this.disk.hash === null)
      return { serving, disk, state: 'unreadable', problems: [this.unreadableProblem()] };
    if (this.disk.hash === this.serving?.hash) return { serving, disk, state: 'current', problems: [] };
    const issues = this.rejected?.hash === this.disk.hash ? this.rejected.issues : [];
    return { serving, disk, state: 'rejected', problems: formatIssues(issues, []) };
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<RuleFile[] | null> {
    const checkedAt = this.clock.now();
    try {
      const files = await this.source.readAll();
      this.disk = { hash: filesHash(files), checkedAt };
      return files;
    } catch (e) {
      this.disk = { hash: null, checkedAt, error: (e as Error).message };
      return null;
    }
  }

  private unreadableProblem(): string {
    return `${this.source.location ?? 'rules'}  cannot read ${this.source.what ?? 'the rules folder'}: ${this.disk.error ?? 'unknown error'}`;
  }

  private unreadable(): ReloadResult {
    return {
      ok: false,
      issues: [{ file: '', path: '', reason: this.unreadableProblem(), line: 1, column: 1 }],
      servingHash: this.loaded?.ruleset.hash ?? null,
      unreadable: true,
      status: this.status(),
    };
  }

  private async consider(files: RuleFile[]): Promise<ReloadResult> {
    const hash = filesHash(files);
    const issues = await gateCandidate(files, this.validator, { ...this.options, now: this.clock.now() });
    const previousHash = this.loaded?.ruleset.hash ?? null;
    if (!issues.ok) {
      this.rejected = { hash, issues: issues.issues.map((i) => locateIssue(i, files)) };
      return {
        ok: false,
        issues: this.rejected.issues,
        servingHash: previousHash,
        unreadable: false,
        status: this.status(),
      };
    }
    const next = issues.value;
    await this.archive.put(next.ruleset.hash, next.files);
    this.remember(next);
    // Suites can change without the ruleset hash changing: swap anyway so the auditors see the new ones.
    this.loaded = next;
    if (this.serving?.hash !== hash) this.serving = { files, hash, since: this.clock.now() };
    this.rejected = null;
    return {
      ok: true,
      hash: next.ruleset.hash,
      changed: previousHash !== next.ruleset.hash,
      previousHash,
      status: this.status(),
    };
  }

  /** The ruleset with this hash: in force, recently used, or rebuilt from the archive. */
  async byHash(hash: string): Promise<LoadedRuleset | null> {
    if (this.loaded?.ruleset.hash === hash) return this.loaded;
    const cached = this.recent.get(hash);
    if (cached) return cached;
    const files = await this.archive.get(hash);
    if (!files) return null;
    // Archived sets hold policies and parameters only: borrow the schemas from the set in force
    // (kept in memory, so a replay works while the folder is being replaced).
    const schemas = (this.serving?.files ?? []).filter((f) => f.path.startsWith('schema/'));
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
