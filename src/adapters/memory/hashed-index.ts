// A unique index from string keys to entry numbers that keeps no string: an open-addressing table
// of 32-bit hashes and entry numbers in typed arrays, where a `Map` would keep every key as a heap
// string for the collector to copy and mark. Equal hashes are told apart by the key the caller
// stores with each entry (`keyOf`), read back only on a hash match.

export class HashedIndex {
  /** Slot → entry number + 1 (0: empty). */
  private slots = new Int32Array(1024);
  /** Slot → the key's hash. */
  private hashes = new Int32Array(1024);
  private used = 0;

  constructor(private readonly keyOf: (entry: number) => string) {}

  /** The entry number for `key`, or -1. */
  get(key: string): number {
    const slot = this.find(key, hashOf(key));
    return slot < 0 ? -1 : (this.slots[slot] as number) - 1;
  }

  /** Indexes `entry` under `key`; false (and nothing changed) if `key` is indexed already. */
  add(key: string, entry: number): boolean {
    const hash = hashOf(key);
    const slot = this.find(key, hash);
    if (slot >= 0) return false;
    // Kept at most half full, so a probe soon ends at an empty slot.
    if ((this.used + 1) * 2 > this.slots.length) {
      this.grow();
      this.place(hash, entry + 1);
    } else {
      this.slots[~slot] = entry + 1;
      this.hashes[~slot] = hash;
    }
    this.used++;
    return true;
  }

  /** The slot holding `key`, or the complement (`~`) of the empty slot where its probe ended. */
  private find(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return ~slot;
      if (this.hashes[slot] === hash && this.keyOf(held - 1) === key) return slot;
    }
  }

  private place(hash: number, held: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = held;
    this.hashes[slot] = hash;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let i = 0; i < slots.length; i++)
      if (slots[i] !== 0) this.place(hashes[i] as number, slots[i] as number);
  }
}

/** FNV-1a over the UTF-16 code units, then mixed (murmur3's finaliser) so low bits vary. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
