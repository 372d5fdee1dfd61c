import type { DecisionLog, LoggedDecision } from '../../application/ports/decision-log.js';

/** Decision log for the embedded default and tests; entries are frozen copies (append-only). */
export class MemoryDecisionLog implements DecisionLog {
  private readonly entries = new Map<string, LoggedDecision>();

  async append(entry: LoggedDecision): Promise<void> {
    if (this.entries.has(entry.id)) throw new Error(`decision ${entry.id} already logged`);
    this.entries.set(entry.id, structuredClone(entry));
  }

  async get(id: string): Promise<LoggedDecision | null> {
    const entry = this.entries.get(id);
    return entry ? structuredClone(entry) : null;
  }
}
