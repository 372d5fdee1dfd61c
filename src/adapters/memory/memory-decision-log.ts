import type { DecisionLog, LoggedDecision } from '../../application/ports/decision-log.js';

/**
 * Decision log for the embedded default and tests: append-only, and no caller can change an entry,
 * neither through the object it appended nor through one it read back. An entry of plain data (what
 * the API logs: JSON facts, outputs and violations) is kept as a deep-frozen copy, and read back as
 * that same frozen object; anything else (a Date, a Map…) is kept as a structured clone and cloned
 * again on every read.
 */
export class MemoryDecisionLog implements DecisionLog {
  private readonly entries = new Map<string, { frozen: LoggedDecision } | { cloned: LoggedDecision }>();

  async append(entry: LoggedDecision): Promise<void> {
    if (this.entries.has(entry.id)) throw new Error(`decision ${entry.id} already logged`);
    const frozen = frozenCopy(entry, 0);
    this.entries.set(
      entry.id,
      frozen === NOT_PLAIN ? { cloned: structuredClone(entry) } : { frozen: frozen as LoggedDecision },
    );
  }

  async get(id: string): Promise<LoggedDecision | null> {
    const stored = this.entries.get(id);
    if (stored === undefined) return null;
    return 'frozen' in stored ? stored.frozen : structuredClone(stored.cloned);
  }
}

const NOT_PLAIN: unique symbol = Symbol('not plain data');
/** Deeper than this is taken for a cycle, which structuredClone handles. */
const MAX_DEPTH = 100;

/**
 * A deep copy, frozen, of plain data: primitives other than symbols, arrays, objects whose prototype
 * is Object.prototype or null (own enumerable string keys, as structuredClone copies them); else
 * NOT_PLAIN. On a decision entry, appending this way costs less than half a structuredClone.
 */
function frozenCopy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'symbol' || typeof value === 'function' ? NOT_PLAIN : value;
  }
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const copy = new Array<unknown>(value.length);
    let present = 0;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // holes stay holes
      const item = frozenCopy(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      copy[i] = item;
      present++;
    }
    // An array with other own keys than its indexes is not plain data.
    if (Object.keys(value).length !== present) return NOT_PLAIN;
    return Object.freeze(copy);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const copy: Record<string, unknown> = {}; // as structuredClone, which gives every object Object.prototype
  for (const key of Object.keys(value)) {
    const item = frozenCopy((value as Record<string, unknown>)[key], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: item, writable: true, enumerable: true, configurable: true });
    else copy[key] = item;
  }
  return Object.freeze(copy);
}
