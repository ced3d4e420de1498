import type { EncodeSink } from './model.ts';

/**
 * Seeds of the two 32-bit lanes of the fingerprint hash. Fixed: fingerprints
 * are stable across runs. Kept as signed int32 (`| 0`): an initial value
 * above 2^31 would make V8 carry the hash lanes as doubles.
 */
const SEED_HI = 0x9e3779b9 | 0;
const SEED_LO = 0x85ebca6b | 0;

/**
 * Collects a state's canonical encoding in a reused byte buffer and hashes it
 * to a 64-bit fingerprint (`hi`, `lo`), with no allocation per state.
 *
 * The hash runs two MurmurHash3-style lanes over the 32-bit little-endian
 * words of the encoding and mixes them together at the end; the length is
 * mixed in, so trailing zero bytes are not lost.
 *
 * An encoding made of a single `bytes` call (a model whose state is a byte
 * vector, like SPIN's) is not copied: the encoder remembers the source and
 * hashes it in place, which halves the cost of a fingerprint. Any further
 * write, or `bytesView`, copies it into the buffer first, so the result is
 * the same either way; the source must not change before `fingerprint`.
 */
export class Encoder implements EncodeSink {
  private buf: Uint8Array;
  private view: Uint32Array;
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
    this.view = new Uint32Array(this.buf.buffer);
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
    this.view = new Uint32Array(next.buffer);
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
    const view = this.view;
    const n = (len + 3) >>> 2;
    let h1 = SEED_HI;
    let h2 = SEED_LO;
    for (let i = 0; i < n; i++) {
      const k = view[i]!;
      let k1 = Math.imul(k, 0xcc9e2d51);
      k1 = (k1 << 15) | (k1 >>> 17);
      h1 ^= Math.imul(k1, 0x1b873593);
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      let k2 = Math.imul(k, 0x85ebca6b);
      k2 = (k2 << 17) | (k2 >>> 15);
      h2 ^= Math.imul(k2, 0xc2b2ae35);
      h2 = (h2 << 11) | (h2 >>> 21);
      h2 = (Math.imul(h2, 9) + 0x38b34ae5) | 0;
    }
    this.finish(h1, h2, len);
  }

  /** The same hash as `fingerprint`, read straight from `len` bytes of `v` at `start` (little-endian words, zero-padded). */
  private fingerprintBytes(v: Uint8Array, start: number, len: number): void {
    let h1 = SEED_HI;
    let h2 = SEED_LO;
    const end = start + len;
    const whole = start + (len & ~3);
    let i = start;
    for (; i < whole; i += 4) {
      const k = v[i]! | (v[i + 1]! << 8) | (v[i + 2]! << 16) | (v[i + 3]! << 24);
      let k1 = Math.imul(k, 0xcc9e2d51);
      k1 = (k1 << 15) | (k1 >>> 17);
      h1 ^= Math.imul(k1, 0x1b873593);
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      let k2 = Math.imul(k, 0x85ebca6b);
      k2 = (k2 << 17) | (k2 >>> 15);
      h2 ^= Math.imul(k2, 0xc2b2ae35);
      h2 = (h2 << 11) | (h2 >>> 21);
      h2 = (Math.imul(h2, 9) + 0x38b34ae5) | 0;
    }
    if (i < end) {
      // The last, partial word, zero-padded as in the buffer.
      let k = 0;
      for (let shift = 0; i < end; i++, shift += 8) k |= v[i]! << shift;
      let k1 = Math.imul(k, 0xcc9e2d51);
      k1 = (k1 << 15) | (k1 >>> 17);
      h1 ^= Math.imul(k1, 0x1b873593);
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      let k2 = Math.imul(k, 0x85ebca6b);
      k2 = (k2 << 17) | (k2 >>> 15);
      h2 ^= Math.imul(k2, 0xc2b2ae35);
      h2 = (h2 << 11) | (h2 >>> 21);
      h2 = (Math.imul(h2, 9) + 0x38b34ae5) | 0;
    }
    this.finish(h1, h2, len);
  }

  private finish(h1: number, h2: number, len: number): void {
    h1 ^= len;
    h2 ^= len;
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
