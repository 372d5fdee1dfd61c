// A tiny document store for the embedded default and tests, with what the MongoDB adapter gives:
// unique indexes on natural keys and single-document atomic updates (JavaScript runs each update
// to completion before another starts, so a read-check-write inside `update` is atomic).

export class DuplicateKeyError extends Error {
  constructor(readonly index: string) {
    super(`duplicate key for unique index ${index}`);
  }
}

export class MemoryCollection<T extends { id: string }> {
  private readonly docs = new Map<string, T>();

  /** `uniqueIndexes`: index name → the key of a document (undefined: not indexed). */
  constructor(private readonly uniqueIndexes: Record<string, (doc: T) => string | undefined> = {}) {}

  insert(doc: T): T {
    if (this.docs.has(doc.id)) throw new DuplicateKeyError('_id');
    this.checkUnique(doc, undefined);
    this.docs.set(doc.id, structuredClone(doc));
    return structuredClone(doc);
  }

  get(id: string): T | null {
    const doc = this.docs.get(id);
    return doc ? structuredClone(doc) : null;
  }

  findOne(predicate: (doc: T) => boolean): T | null {
    for (const doc of this.docs.values()) if (predicate(doc)) return structuredClone(doc);
    return null;
  }

  find(predicate: (doc: T) => boolean = () => true): T[] {
    return [...this.docs.values()].filter(predicate).map((d) => structuredClone(d));
  }

  /**
   * Atomic update of one document: `change` gets a copy and returns the new document, or null to
   * leave it as it is. Unique indexes are checked before anything is written.
   */
  update(id: string, change: (doc: T) => T | null): { before: T; after: T | null } | null {
    const current = this.docs.get(id);
    if (!current) return null;
    const next = change(structuredClone(current));
    if (next === null) return { before: structuredClone(current), after: null };
    this.checkUnique(next, id);
    this.docs.set(id, structuredClone(next));
    return { before: structuredClone(current), after: structuredClone(next) };
  }

  private checkUnique(doc: T, ignoreId: string | undefined): void {
    for (const [name, keyOf] of Object.entries(this.uniqueIndexes)) {
      const key = keyOf(doc);
      if (key === undefined) continue;
      for (const other of this.docs.values())
        if (other.id !== ignoreId && other.id !== doc.id && keyOf(other) === key)
          throw new DuplicateKeyError(name);
    }
  }
}
