import type { EncodeSink } from './model.ts';

/**
 * Collects a state's canonical encoding in a reused byte buffer and hashes it
 * to a 64-bit fingerprint (`hi`, `lo`), with no allocation per state.
 *
 * The hash reads the encoding as 32-bit little-endian words. Every word
 * goes through two 32-bit lanes, each one multiply and one xorshift per
 * word (`h = (h ^ k)·M; h ^= h >>> r`; the second lane takes the word
 * rotated by 16 bits, so a change in its high bits reaches the low bits at
 * once). Words 0, 3, 6… go through lanes `a`, `b`, words 1, 4, 7… through
 * `c`, `d` and words 2, 5, 8… through `e`, `f`: the chains of dependent
 * multiplies are a third as long and run side by side (the hash costs
 * about half of what two lanes over every word did). The lanes and the
 * length are then folded into 64 bits and mixed with MurmurHash3's
 * finalizer; trailing zero bytes are not lost. Each step is a bijection of
 * its lane and the final mix is a bijection, so two encodings of one
 * length that differ only in their last word never collide; every input
 * bit flips each output bit with probability about 1/2.
 * `test/engine/fingerprint.test.ts` checks these, and that a million
 * structured encodings do not collide even in 32 of the 64 bits more often
 * than chance.
 *
 * An encoding made of a single `bytes` call is not copied: the encoder
 * remembers the source and hashes it in place. Any further write, or
 * `bytesView`, copies it into the buffer first, so the result is the same
 * either way; the source must not change before `fingerprint`. A model
 * whose state is a fixed-size byte vector can skip the encoder altogether
 * (`Model.stateBytes`): the explorer then hashes the state's own words with
 * `fingerprintWords`, which gives the same fingerprint.
 */
export class Encoder implements EncodeSink {
  private buf: Uint8Array;
  private view: Int32Array;
  /** A byte range not yet copied into `buf`: the whole encoding so far, when set. */
  private src: Uint8Array | undefined = undefined;
  private srcStart = 0;
  /** Bytes written since the last `reset`. */
  length = 0;
  /** High 32 bits of the last fingerprint (unsigned). */
  hi = 0;
  /** Low 32 bits of the last fingerprint (unsigned). */
  lo = 0;

  constructor(initialBytes = 256) {
    const size = Math.max(16, (initialBytes + 3) & ~3);
    this.buf = new Uint8Array(size);
    this.view = new Int32Array(this.buf.buffer);
  }

  reset(): void {
    this.length = 0;
    this.src = undefined;
  }

  /** The encoding written since the last reset (a view: copy it to keep it). */
  bytesView(): Uint8Array {
    if (this.src !== undefined) this.materialize();
    return this.buf.subarray(0, this.length);
  }

  /** Copies the pending source range into the buffer. */
  private materialize(): void {
    const src = this.src!;
    const start = this.srcStart;
    const n = this.length;
    this.src = undefined;
    this.length = 0;
    if (n + 4 > this.buf.length) this.grow(n);
    this.buf.set(src.subarray(start, start + n), 0);
    this.length = n;
  }

  private grow(extra: number): void {
    let size = this.buf.length * 2;
    while (size < this.length + extra + 4) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new Int32Array(next.buffer);
  }

  u8(value: number): void {
    if (this.src !== undefined) this.materialize();
    if (this.length + 1 > this.buf.length - 4) this.grow(1);
    this.buf[this.length++] = value;
  }

  u16(value: number): void {
    if (this.src !== undefined) this.materialize();
    if (this.length + 2 > this.buf.length - 4) this.grow(2);
    const b = this.buf;
    const p = this.length;
    b[p] = value;
    b[p + 1] = value >>> 8;
    this.length = p + 2;
  }

  u32(value: number): void {
    if (this.src !== undefined) this.materialize();
    if (this.length + 4 > this.buf.length - 4) this.grow(4);
    const p = this.length;
    if ((p & 3) === 0) {
      this.view[p >>> 2] = value;
    } else {
      const b = this.buf;
      b[p] = value;
      b[p + 1] = value >>> 8;
      b[p + 2] = value >>> 16;
      b[p + 3] = value >>> 24;
    }
    this.length = p + 4;
  }

  i32(value: number): void {
    this.u32(value >>> 0);
  }

  bool(value: boolean): void {
    this.u8(value ? 1 : 0);
  }

  bytes(values: Uint8Array, start = 0, end = values.length): void {
    const n = end - start;
    if (this.length === 0 && this.src === undefined) {
      this.src = values;
      this.srcStart = start;
      this.length = n;
      return;
    }
    if (this.src !== undefined) this.materialize();
    if (this.length + n > this.buf.length - 4) this.grow(n);
    const b = this.buf;
    let p = this.length;
    // A plain loop beats subarray()+set() for the short arrays states are made of.
    if (n <= 64) {
      for (let i = start; i < end; i++) b[p++] = values[i]!;
    } else {
      b.set(start === 0 && end === values.length ? values : values.subarray(start, end), p);
      p += n;
    }
    this.length = p;
  }

  words(values: Int32Array | Uint32Array, start = 0, end = values.length): void {
    if (this.src !== undefined) this.materialize();
    const n = end - start;
    if (this.length + 4 * n > this.buf.length - 4) this.grow(4 * n);
    const p = this.length;
    if ((p & 3) === 0) {
      const view = this.view;
      let w = p >>> 2;
      for (let i = start; i < end; i++) view[w++] = values[i]!;
      this.length = p + 4 * n;
    } else {
      for (let i = start; i < end; i++) this.u32(values[i]! >>> 0);
    }
  }

  str(value: string): void {
    this.u32(value.length);
    for (let i = 0; i < value.length; i++) this.u16(value.charCodeAt(i));
  }

  /**
   * Whether the encoding written since the last reset is exactly `other`'s bytes
   * (compared a word at a time where `other` is word-aligned).
   */
  sameAs(other: Uint8Array): boolean {
    const n = this.length;
    if (other.length !== n) return false;
    if (this.src !== undefined) this.materialize();
    const b = this.buf;
    let i = 0;
    if ((other.byteOffset & 3) === 0) {
      const words = n >>> 2;
      const mine = this.view;
      const theirs = new Int32Array(other.buffer, other.byteOffset, words);
      for (; i < words; i++) if (mine[i] !== theirs[i]) return false;
      i = words << 2;
    }
    for (; i < n; i++) if (b[i] !== other[i]) return false;
    return true;
  }

  /** Hashes the encoding into `hi` and `lo`. The result is never 0:0 (the seen-set's empty mark). */
  fingerprint(): void {
    if (this.src !== undefined) {
      this.fingerprintBytes(this.src, this.srcStart, this.length);
      return;
    }
    const len = this.length;
    const b = this.buf;
    // Zero the padding up to the next word boundary so it hashes deterministically.
    b[len] = 0;
    b[len + 1] = 0;
    b[len + 2] = 0;
    this.fingerprintWords(this.view, 0, (len + 3) >>> 2, len);
  }

  /**
   * Hashes an encoding of `byteLength` bytes held as the 32-bit words
   * `words[start .. start + count)` (little-endian, the last one zero-padded)
   * into `hi` and `lo`: the same fingerprint as writing those bytes and
   * calling `fingerprint`, without copying them. For engines that keep
   * fixed-size byte states in word-aligned memory.
   */
  fingerprintWords(words: Int32Array, start: number, count: number, byteLength: number): void {
    // The constants are literals on purpose: V8 folds literals into the instructions, while a module-level
    // constant is loaded and converted on every word. Seeds are signed int32 (`| 0`): a value above 2^31
    // would make V8 carry the lanes as doubles. Fixed, so fingerprints are stable across runs.
    let a = 0x9e3779b9 | 0;
    let b = 0x85ebca6b | 0;
    let c = 0xc2b2ae35 | 0;
    let d = 0x27d4eb2f | 0;
    let e = 0x165667b1 | 0;
    let f = 0xd3a2646c | 0;
    const end = start + count;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const k = words[i]! | 0;
      const m = words[i + 1]! | 0;
      const q = words[i + 2]! | 0;
      a = Math.imul(a ^ k, 0x9e3779b1);
      a ^= a >>> 15;
      b = Math.imul(b ^ ((k << 16) | (k >>> 16)), 0xcc9e2d51);
      b ^= b >>> 13;
      c = Math.imul(c ^ m, 0x85ebca77);
      c ^= c >>> 15;
      d = Math.imul(d ^ ((m << 16) | (m >>> 16)), 0xc2b2ae3d);
      d ^= d >>> 13;
      e = Math.imul(e ^ q, 0x27d4eb2f);
      e ^= e >>> 15;
      f = Math.imul(f ^ ((q << 16) | (q >>> 16)), 0x165667b1);
      f ^= f >>> 13;
    }
    if (i < end) {
      const k = words[i]! | 0;
      a = Math.imul(a ^ k, 0x9e3779b1);
      a ^= a >>> 15;
      b = Math.imul(b ^ ((k << 16) | (k >>> 16)), 0xcc9e2d51);
      b ^= b >>> 13;
      if (i + 1 < end) {
        const m = words[i + 1]! | 0;
        c = Math.imul(c ^ m, 0x85ebca77);
        c ^= c >>> 15;
        d = Math.imul(d ^ ((m << 16) | (m >>> 16)), 0xc2b2ae3d);
        d ^= d >>> 13;
      }
    }
    this.finish(a, b, c, d, e, f, byteLength);
  }

  /** The same hash as `fingerprintWords`, read straight from `byteLength` bytes of `v` at `start` (little-endian words, zero-padded). */
  private fingerprintBytes(v: Uint8Array, start: number, byteLength: number): void {
    let a = 0x9e3779b9 | 0;
    let b = 0x85ebca6b | 0;
    let c = 0xc2b2ae35 | 0;
    let d = 0x27d4eb2f | 0;
    let e = 0x165667b1 | 0;
    let f = 0xd3a2646c | 0;
    const end = start + byteLength;
    let i = start;
    for (; i + 12 <= end; i += 12) {
      const k = v[i]! | (v[i + 1]! << 8) | (v[i + 2]! << 16) | (v[i + 3]! << 24);
      const m = v[i + 4]! | (v[i + 5]! << 8) | (v[i + 6]! << 16) | (v[i + 7]! << 24);
      const q = v[i + 8]! | (v[i + 9]! << 8) | (v[i + 10]! << 16) | (v[i + 11]! << 24);
      a = Math.imul(a ^ k, 0x9e3779b1);
      a ^= a >>> 15;
      b = Math.imul(b ^ ((k << 16) | (k >>> 16)), 0xcc9e2d51);
      b ^= b >>> 13;
      c = Math.imul(c ^ m, 0x85ebca77);
      c ^= c >>> 15;
      d = Math.imul(d ^ ((m << 16) | (m >>> 16)), 0xc2b2ae3d);
      d ^= d >>> 13;
      e = Math.imul(e ^ q, 0x27d4eb2f);
      e ^= e >>> 15;
      f = Math.imul(f ^ ((q << 16) | (q >>> 16)), 0x165667b1);
      f ^= f >>> 13;
    }
    if (i < end) {
      // The last one to three words, the last of them zero-padded as in the buffer.
      const k = wordAt(v, i, end);
      const m = wordAt(v, i + 4, end);
      a = Math.imul(a ^ k, 0x9e3779b1);
      a ^= a >>> 15;
      b = Math.imul(b ^ ((k << 16) | (k >>> 16)), 0xcc9e2d51);
      b ^= b >>> 13;
      if (i + 4 < end) {
        c = Math.imul(c ^ m, 0x85ebca77);
        c ^= c >>> 15;
        d = Math.imul(d ^ ((m << 16) | (m >>> 16)), 0xc2b2ae3d);
        d ^= d >>> 13;
      }
      if (i + 8 < end) {
        const q = wordAt(v, i + 8, end);
        e = Math.imul(e ^ q, 0x27d4eb2f);
        e ^= e >>> 15;
        f = Math.imul(f ^ ((q << 16) | (q >>> 16)), 0x165667b1);
        f ^= f >>> 13;
      }
    }
    this.finish(a, b, c, d, e, f, byteLength);
  }

  /** Folds the six lanes and the length into 64 bits and mixes them into `hi` and `lo`. */
  private finish(a: number, b: number, c: number, d: number, e: number, f: number, byteLength: number): void {
    let h1 = ((a ^ byteLength) + ((c << 16) | (c >>> 16)) + ((e << 8) | (e >>> 24))) | 0;
    let h2 = ((b ^ byteLength) + ((d << 16) | (d >>> 16)) + ((f << 8) | (f >>> 24))) | 0;
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    h1 = fmix32(h1);
    h2 = fmix32(h2);
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    this.hi = h1 >>> 0;
    this.lo = (h1 | h2) === 0 ? 1 : h2 >>> 0;
  }
}

/** The little-endian word of `v` at `i`, zero-padded past `end`. */
function wordAt(v: Uint8Array, i: number, end: number): number {
  let k = 0;
  for (let shift = 0; i < end && shift < 32; i++, shift += 8) k |= v[i]! << shift;
  return k;
}

/** MurmurHash3's 32-bit finalizer: every input bit flips each output bit with probability about 1/2. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Fingerprint of one state as 16 hex digits (for reports and counterexample files). */
export function fingerprintHex(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Encodes and fingerprints `state` with `encode`, returning the hex fingerprint. */
export function fingerprintOf<S>(encode: (state: S, sink: EncodeSink) => void, state: S, encoder = new Encoder()): string {
  encoder.reset();
  encode(state, encoder);
  encoder.fingerprint();
  return fingerprintHex(encoder.hi, encoder.lo);
}
