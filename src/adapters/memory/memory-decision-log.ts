import type { DecisionLog, DecisionQuery, LoggedDecision } from '../../application/ports/decision-log.js';
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
 */
export class MemoryDecisionLog implements DecisionLog {
  /** Entry n is text n of both; ids are kept exactly whatever they hold, entries as JSON. */
  private readonly ids = new TextArena('utf16le');
  private readonly entries = new TextArena('utf8');
  private readonly byId = new HashedIndex((n) => this.ids.text(n));
  /** Whether every entry so far was appended no earlier than the one before: `list` may then stop early. */
  private inTimeOrder = true;
  private lastTime = '';

  async append(entry: LoggedDecision): Promise<void> {
    const json = JSON.stringify(entry);
    if (!this.byId.add(entry.id, this.ids.size)) throw new Error(`decision ${entry.id} already logged`);
    this.ids.add(entry.id);
    this.entries.add(json);
    if (entry.time < this.lastTime) this.inTimeOrder = false;
    else this.lastTime = entry.time;
  }

  async get(id: string): Promise<LoggedDecision | null> {
    const n = this.byId.get(id);
    return n === -1 ? null : (JSON.parse(this.entries.text(n)) as LoggedDecision);
  }

  async list({ since, policy, limit }: DecisionQuery): Promise<LoggedDecision[]> {
    if (limit <= 0) return [];
    // Newest first. Appended in time order (the service's own clock), the scan stops at `limit`
    // matches or at the first entry before `since`; otherwise it reads the whole log.
    const matching: LoggedDecision[] = [];
    for (let n = this.entries.size - 1; n >= 0; n--) {
      const entry = JSON.parse(this.entries.text(n)) as LoggedDecision;
      if (this.inTimeOrder && since !== undefined && entry.time < since) break;
      if ((since === undefined || entry.time >= since) && (policy === undefined || entry.policy === policy))
        matching.push(entry);
      if (this.inTimeOrder && matching.length === limit) break;
    }
    // Stable: the same time keeps logging order.
    matching.reverse().sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    return matching.slice(-limit);
  }
}
