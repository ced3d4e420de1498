import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { Encoder } from '../../checker/fingerprint.ts';
import type { Model } from '../../checker/model.ts';
import { OpenAddressingSet } from '../../checker/seen-set.ts';
import { uartToyModel, type UartToyState } from '../../model/fixtures/uart-toy.ts';

/** A deterministic xorshift32 stream of bytes. */
function bytesOf(seed: number, n: number): Uint8Array {
  let x = seed | 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The fingerprint of `bytes` by each of the encoder's three paths. */
function threeWays(bytes: Uint8Array): string[] {
  const e = new Encoder();
  const out: string[] = [];
  e.reset();
  e.bytes(bytes); // hashed in place
  e.fingerprint();
  out.push(`${e.hi}:${e.lo}`);
  e.reset();
  for (const b of bytes) e.u8(b); // copied into the buffer
  e.fingerprint();
  out.push(`${e.hi}:${e.lo}`);
  const words = new Int32Array(((bytes.length + 3) >>> 2) + 2);
  new Uint8Array(words.buffer).set(bytes, 4); // word-aligned, zero-padded, at word 1
  e.fingerprintWords(words, 1, (bytes.length + 3) >>> 2, bytes.length);
  out.push(`${e.hi}:${e.lo}`);
  return out;
}

/** Pairs among `values` that are equal (sorts a copy). */
function equalPairs(values: Uint32Array): number {
  const sorted = values.slice().sort();
  let pairs = 0;
  for (let i = 1, run = 0; i < sorted.length; i++) {
    run = sorted[i] === sorted[i - 1] ? run + 1 : 0;
    pairs += run;
  }
  return pairs;
}

describe('the fingerprint hash', () => {
  it('is the same whether the bytes are hashed in place, copied, or read as words', () => {
    for (let len = 0; len <= 41; len++) {
      for (let seed = 1; seed <= 5; seed++) {
        const [inPlace, copied, words] = threeWays(bytesOf(seed * 97 + len, len));
        expect(copied).toBe(inPlace);
        expect(words).toBe(inPlace);
      }
    }
  });

  it('gives 2^20 small byte vectors distinct fingerprints, and collides in either 32-bit half no more than chance', () => {
    // 33-byte vectors (uart-toy SIZE 12's length) whose first ten bytes range over 0..3: structured, low-entropy input.
    const n = 1 << 20;
    const e = new Encoder();
    const set = new OpenAddressingSet(1 << 12);
    const his = new Uint32Array(n);
    const los = new Uint32Array(n);
    const v = new Uint8Array(33);
    for (let i = 0; i < n; i++) {
      for (let b = 0; b < 10; b++) v[b] = (i >>> (2 * b)) & 3;
      e.reset();
      e.bytes(v);
      e.fingerprint();
      his[i] = e.hi;
      los[i] = e.lo;
      if (!set.insert(e.hi, e.lo)) throw new Error(`vector ${i} collides`);
    }
    // n values in 2^32 buckets: about n²/2^33 = 128 equal pairs by chance.
    const chance = (n * n) / 2 ** 33;
    expect(equalPairs(his)).toBeLessThan(2 * chance);
    expect(equalPairs(los)).toBeLessThan(2 * chance);
  });

  it('gives the integers 0..2^21 (as u32) distinct fingerprints', () => {
    const e = new Encoder();
    const set = new OpenAddressingSet(1 << 12);
    for (let i = 0; i < 1 << 21; i++) {
      e.reset();
      e.u32(i);
      e.fingerprint();
      if (!set.insert(e.hi, e.lo)) throw new Error(`u32 ${i} collides`);
    }
    expect(set.size).toBe(1 << 21);
  });

  it('flips each output bit with probability about 1/2 when one input bit flips (avalanche)', () => {
    const len = 36;
    const samples = 1000;
    const e = new Encoder();
    // flips[inputBit * 64 + outputBit]
    const flips = new Float64Array(len * 8 * 64);
    let total = 0;
    for (let s = 0; s < samples; s++) {
      const v = bytesOf(s + 1, len);
      e.reset();
      e.bytes(v);
      e.fingerprint();
      const hi = e.hi;
      const lo = e.lo;
      for (let bit = 0; bit < len * 8; bit++) {
        v[bit >>> 3]! ^= 1 << (bit & 7);
        e.reset();
        e.bytes(v);
        e.fingerprint();
        v[bit >>> 3]! ^= 1 << (bit & 7);
        const dh = (e.hi ^ hi) >>> 0;
        const dl = (e.lo ^ lo) >>> 0;
        for (let o = 0; o < 32; o++) {
          if ((dh >>> o) & 1) {
            flips[bit * 64 + o]!++;
            total++;
          }
          if ((dl >>> o) & 1) {
            flips[bit * 64 + 32 + o]!++;
            total++;
          }
        }
      }
    }
    const mean = total / (samples * len * 8);
    expect(mean).toBeGreaterThan(31.5);
    expect(mean).toBeLessThan(32.5);
    // Each (input bit, output bit) cell is Binomial(1000, 1/2): sd 0.016; 0.4..0.6 is over 6 sd.
    for (const f of flips) {
      expect(f / samples).toBeGreaterThan(0.4);
      expect(f / samples).toBeLessThan(0.6);
    }
  });
});

describe('byte-vector states (stateBytes)', () => {
  const without = (model: Model<UartToyState, number>): Model<UartToyState, number> => {
    const { stateBytes: _, ...fast } = model.fast!;
    return { ...model, fast };
  };

  it('explore the same states, in the same order, as the same model without the declaration', () => {
    for (const strategy of ['bfs', 'dfs'] as const) {
      const a = explore(uartToyModel(4), { strategy });
      const b = explore(without(uartToyModel(4)), { strategy });
      expect(a.stats.distinct).toBe(b.stats.distinct);
      expect(a.stats.generated).toBe(b.stats.generated);
      expect(a.stats.depth).toBe(b.stats.depth);
      expect(a.stats.coverage).toEqual(b.stats.coverage);
    }
    const a = explore(uartToyModel(2), { maxStates: 1000 });
    const b = explore(without(uartToyModel(2)), { maxStates: 1000 });
    expect(a.stats).toMatchObject({ distinct: b.stats.distinct, generated: b.stats.generated, depth: b.stats.depth });
  });

  it('are checked against the initial states', () => {
    const model = uartToyModel(2);
    const fast = model.fast!;
    expect(() => explore({ ...model, fast: { ...fast, stateBytes: fast.stateBytes! + 1 } })).toThrow(/stateBytes/);
    expect(() => explore({ ...model, fast: { ...fast, stateBytes: 0 } })).toThrow(/stateBytes/);
  });
});
