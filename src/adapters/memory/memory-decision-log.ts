import {
  type DecisionLog,
  type DecisionPage,
  type DecisionQuery,
  InvalidCursorError,
  type LoggedDecision,
} from '../../application/ports/decision-log.js';
import { HashedIndex } from './hashed-index.js';
import { TextArena } from './text-arena.js';

/**
 * Decision log for the embedded default and tests: append-only, each entry kept as JSON text, as the
 * MongoDB adapter keeps it, so both give back the same thing (a JSON round trip). No caller can
 * change an entry, neither through the object it appended nor through one it read back: every read
 * parses afresh.
 *
 * The log keeps every decision [E-LOG], so its texts live outside the JavaScript heap (TextArena)
 * and its index by id holds no strings (HashedIndex): with a Map of strings the collector copied,
 * promoted and re-marked every entry, and the cost of a decision grew with the decisions kept.
 * What a search filters on is kept the same way, as numbers in typed arrays (policies and ruleset
 * hashes are few, so each is a number into a short list), and only the entries returned are parsed.
 */
export class MemoryDecisionLog implements DecisionLog {
  /** Entry n is text n of both; ids are kept exactly whatever they hold, entries as JSON. */
  private readonly ids = new TextArena('utf16le');
  private readonly entries = new TextArena('utf8');
  private readonly byId = new HashedIndex((n) => this.ids.text(n));
  private readonly policies = new Interned();
  private readonly hashes = new Interned();
  private timeOf = new Float64Array(1024);
  private policyOf = new Uint32Array(1024);
  private hashOf = new Uint32Array(1024);
  /** 1 for deny, 0 for allow. */
  private denyOf = new Uint8Array(1024);
  /** Whether entries were appended in order of time (then a search walks back without sorting). */
  private inTimeOrder = true;

  async append(entry: LoggedDecision): Promise<void> {
    const json = JSON.stringify(entry);
    const n = this.ids.size;
    if (!this.byId.add(entry.id, n)) throw new Error(`decision ${entry.id} already logged`);
    this.ids.add(entry.id);
    this.entries.add(json);
    if (n === this.timeOf.length) this.grow();
    const time = Date.parse(entry.time);
    if (n > 0 && !(time >= (this.timeOf[n - 1] as number))) this.inTimeOrder = false;
    this.timeOf[n] = time;
    this.policyOf[n] = this.policies.of(entry.policy);
    this.hashOf[n] = this.hashes.of(entry.rulesetHash);
    this.denyOf[n] = entry.outcome === 'deny' ? 1 : 0;
  }

  async get(id: string): Promise<LoggedDecision | null> {
    const n = this.byId.get(id);
    return n === -1 ? null : (JSON.parse(this.entries.text(n)) as LoggedDecision);
  }

  async search(query: DecisionQuery): Promise<DecisionPage> {
    const count = this.ids.size;
    const after = query.cursor === undefined ? count : this.cursorIndex(query.cursor, count);
    const matches = this.matcher(query);
    // Order: time descending, then index descending; the cursor is the index of the last entry given.
    const before = (n: number) =>
      after === count ||
      (this.timeOf[n] as number) < (this.timeOf[after] as number) ||
      (this.timeOf[n] === this.timeOf[after] && n < after);
    const found: number[] = [];
    if (this.inTimeOrder) {
      for (let n = Math.min(after, count) - 1; n >= 0 && found.length <= query.limit; n--)
        if (matches(n)) found.push(n);
    } else {
      for (let n = 0; n < count; n++) if (matches(n) && before(n)) found.push(n);
      found.sort((a, b) => (this.timeOf[b] as number) - (this.timeOf[a] as number) || b - a);
    }
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      entries: page.map((n) => JSON.parse(this.entries.text(n)) as LoggedDecision),
      next: found.length > query.limit && last !== undefined ? `m${last}` : null,
    };
  }

  private matcher(query: DecisionQuery): (n: number) => boolean {
    const policy = query.policy === undefined ? -1 : this.policies.find(query.policy);
    const hash = query.rulesetHash === undefined ? -1 : this.hashes.find(query.rulesetHash);
    const deny = query.outcome === undefined ? -1 : query.outcome === 'deny' ? 1 : 0;
    const from = query.fromTime === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.fromTime);
    const to = query.toTime === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.toTime);
    // A policy or hash never logged matches nothing (find gives -2).
    return (n) =>
      (policy === -1 || this.policyOf[n] === policy) &&
      (hash === -1 || this.hashOf[n] === hash) &&
      (deny === -1 || this.denyOf[n] === deny) &&
      (this.timeOf[n] as number) >= from &&
      (this.timeOf[n] as number) < to;
  }

  private cursorIndex(cursor: string, count: number): number {
    const match = /^m(\d{1,10})$/.exec(cursor);
    const n = match ? Number(match[1]) : Number.NaN;
    if (!(n < count)) throw new InvalidCursorError(cursor);
    return n;
  }

  private grow(): void {
    const size = this.timeOf.length * 2;
    const time = new Float64Array(size);
    time.set(this.timeOf);
    this.timeOf = time;
    const widen = (old: Uint32Array) => {
      const next = new Uint32Array(size);
      next.set(old);
      return next;
    };
    this.policyOf = widen(this.policyOf);
    this.hashOf = widen(this.hashOf);
    const deny = new Uint8Array(size);
    deny.set(this.denyOf);
    this.denyOf = deny;
  }
}

/** A few distinct strings (policy ids, ruleset hashes), each kept once and named by a number. */
class Interned {
  private readonly numbers = new Map<string, number>();

  of(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(text, n);
    }
    return n;
  }

  /** The number of a string seen before, else -2 (matches no entry). */
  find(text: string): number {
    return this.numbers.get(text) ?? -2;
  }
}
