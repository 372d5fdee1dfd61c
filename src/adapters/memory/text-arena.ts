// Append-only store of texts as bytes in large Buffers, outside the JavaScript heap, each
// text addressed by the number `add` gave it. For logs that keep everything (the decision log):
// kept as JS strings, every entry is copied by the young-generation collector, promoted, and marked
// again by every full collection for as long as the process lives, so the cost of keeping an entry
// grew with the number kept. Buffers' bytes are never traced or moved.
//
// 'utf16le' keeps any string exactly; 'utf8' is smaller but keeps only well-formed text (a lone
// surrogate comes back as U+FFFD), which JSON.stringify's output always is.

/** Bytes per chunk; a text longer than this gets a chunk of its own. */
const CHUNK_BYTES = 4 * 1024 * 1024;

export class TextArena {
  // An empty first chunk: the first text that is not empty starts a real one.
  private current: Buffer = Buffer.alloc(0);
  private readonly chunks: Buffer[] = [this.current];
  private used = 0;
  /** Per text: its chunk, its first byte in that chunk, its byte length. */
  private chunkOf = new Uint32Array(1024);
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  private count = 0;
  /** Most bytes a UTF-16 code unit takes in the encoding. */
  private readonly widest: number;

  constructor(private readonly encoding: 'utf8' | 'utf16le') {
    this.widest = encoding === 'utf8' ? 3 : 2;
  }

  get size(): number {
    return this.count;
  }

  add(text: string): number {
    // The exact length is counted only near a chunk's end.
    let bytes = text.length * this.widest;
    if (this.used + bytes > this.current.length) {
      bytes = Buffer.byteLength(text, this.encoding);
      if (this.used + bytes > this.current.length) this.newChunk(bytes);
    }
    const written = this.current.write(text, this.used, this.encoding);
    const n = this.count;
    if (n === this.chunkOf.length) this.grow();
    this.chunkOf[n] = this.chunks.length - 1;
    this.startOf[n] = this.used;
    this.lengthOf[n] = written;
    this.used += written;
    this.count = n + 1;
    return n;
  }

  text(n: number): string {
    if (!(Number.isInteger(n) && n >= 0 && n < this.count)) throw new RangeError(`no text ${n}`);
    const start = this.startOf[n] as number;
    return (this.chunks[this.chunkOf[n] as number] as Buffer).toString(
      this.encoding,
      start,
      start + (this.lengthOf[n] as number),
    );
  }

  private newChunk(atLeast: number): void {
    this.current = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, atLeast));
    this.chunks.push(this.current);
    this.used = 0;
  }

  private grow(): void {
    const widen = (old: Uint32Array) => {
      const next = new Uint32Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.chunkOf = widen(this.chunkOf);
    this.startOf = widen(this.startOf);
    this.lengthOf = widen(this.lengthOf);
  }
}
