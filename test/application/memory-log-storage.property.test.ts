// The off-heap storage under the in-memory decision log: texts come back exactly as added (across
// chunk boundaries, and longer than a chunk), and the hashed index answers as a Map would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashedIndex, hashOf } from '../../src/adapters/memory/hashed-index.js';
import { TextArena } from '../../src/adapters/memory/text-arena.js';
import { FC_RUNS } from '../support/load-rules.js';

const CHUNK = 4 * 1024 * 1024;

describe('TextArena', () => {
  it('gives back any string exactly in utf16le, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 40 }), (texts) => {
        const arena = new TextArena('utf16le');
        const numbers = texts.map((t) => arena.add(t));
        expect(numbers).toEqual(texts.map((_, i) => i));
        expect(numbers.map((n) => arena.text(n))).toEqual(texts);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('gives back well-formed text exactly in utf8 (JSON.stringify output, any value)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 30 }), (values) => {
        const arena = new TextArena('utf8');
        const texts = values.map((v) => JSON.stringify(v));
        const numbers = texts.map((t) => arena.add(t));
        expect(numbers.map((n) => arena.text(n))).toEqual(texts);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('keeps texts that cross from one chunk to the next, and one longer than a chunk', () => {
    const arena = new TextArena('utf8');
    // Mostly '€' (3 bytes, the most a UTF-16 unit takes), so a text's byte length is not its
    // length, and every one of about ten chunk ends falls inside some text.
    const piece = (i: number) => `${i}:${'€'.repeat(1000 + (i % 7))}${i % 3 ? 'è🚚' : ''}`;
    const texts: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 10 * CHUNK; i++) {
      const text = i === 900 ? '€'.repeat(CHUNK / 2) : piece(i); // 1.5 chunks of bytes
      texts.push(text);
      arena.add(text);
      bytes += Buffer.byteLength(text);
    }
    expect(arena.size).toBe(texts.length);
    let wrong = 0;
    for (let n = 0; n < texts.length; n++) if (arena.text(n) !== texts[n]) wrong++;
    expect(wrong).toBe(0);
  });

  it('refuses a number it never gave', () => {
    const arena = new TextArena('utf8');
    arena.add('only');
    expect(() => arena.text(1)).toThrow(RangeError);
    expect(() => arena.text(-1)).toThrow(RangeError);
    expect(() => arena.text(0.5)).toThrow(RangeError);
  });
});

describe('HashedIndex', () => {
  /** An index whose keys live in a plain array, as the decision log keeps them in an arena. */
  const indexed = () => {
    const keys: string[] = [];
    const index = new HashedIndex((n) => keys[n] as string);
    const add = (key: string) => {
      const added = index.add(key, keys.length);
      if (added) keys.push(key);
      return added;
    };
    return { index, add };
  };

  it('answers as a Map of first-added keys, duplicates refused', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 300 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 50 }),
        (added, asked) => {
          const { index, add } = indexed();
          const model = new Map<string, number>();
          for (const key of added) {
            const fresh = !model.has(key);
            if (fresh) model.set(key, model.size);
            expect(add(key)).toBe(fresh);
          }
          for (const key of [...added, ...asked]) expect(index.get(key)).toBe(model.get(key) ?? -1);
        },
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('finds every one of 200,000 keys after growing, and none it was not given', () => {
    const { index, add } = indexed();
    const key = (i: number) => `decision-${i.toString(36)}`;
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (!add(key(i))) wrong++;
    for (let i = 0; i < 200_000; i++) if (index.get(key(i)) !== i) wrong++;
    for (let i = 200_000; i < 210_000; i++) if (index.get(key(i)) !== -1) wrong++;
    expect(wrong).toBe(0);
    expect(add(key(123_456))).toBe(false);
  });

  it('tells apart two keys with the same 32-bit hash', () => {
    // Birthday search: among 2^18 keys a full 32-bit collision is all but certain.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair && i < 1 << 18; i++) {
      const key = `k${i}`;
      const other = seen.get(hashOf(key));
      if (other !== undefined) pair = [other, key];
      else seen.set(hashOf(key), key);
    }
    if (!pair) throw new Error('no collision found');
    const [a, b] = pair;
    expect(hashOf(a)).toBe(hashOf(b));
    const { index, add } = indexed();
    expect(add(a)).toBe(true);
    expect(index.get(b)).toBe(-1);
    expect(add(b)).toBe(true);
    expect([index.get(a), index.get(b)]).toEqual([0, 1]);
  });
});
