import type { Encoder } from '../fingerprint.ts';
import type { Model } from '../model.ts';

/**
 * How one thread moves a model's states in and out of shared memory (32-bit
 * words, zero-padded): a byte-vector model (`fast.stateBytes`) is copied a
 * word at a time and hashed word-wide; a model with a fixed-size packing
 * (`packed`) is packed and unpacked, and hashed through `encode`. Either way
 * the fingerprint is the one the sequential explorer computes. Each codec
 * owns the two states a thread works on: the parent it expands and the
 * child `nextInto` writes.
 */
export interface Codec<S> {
  /** Words per state in shared memory. */
  readonly words: number;
  readonly parent: S;
  readonly child: S;
  /** Reads the state at word `at` of `from` into `parent`. */
  loadParent(from: Int32Array, at: number): void;
  /** Writes `child` at word `at` of `to`. */
  storeChild(to: Int32Array, at: number): void;
  /** Writes any state of the model at word `at` of `to` (initial states). */
  store(state: S, to: Int32Array, at: number): void;
  /** Leaves `child`'s fingerprint in `encoder.hi`, `encoder.lo`. */
  fingerprintChild(encoder: Encoder): void;
}

/** True when `model`'s states can live in shared memory (see `Codec`). */
export function hasCodec<S, A>(model: Model<S, A>): boolean {
  return model.fast !== undefined && (model.fast.stateBytes !== undefined || (model.packed !== undefined && model.packed.instanceLocal !== true));
}

/** A codec for `model` (which `hasCodec` accepts), owned by one thread. */
export function codecOf<S, A>(model: Model<S, A>): Codec<S> {
  const fast = model.fast;
  if (fast?.stateBytes !== undefined) return byteCodec(fast.stateBytes) as unknown as Codec<S>;
  const packed = model.packed;
  if (fast === undefined || packed === undefined) throw new Error(`model ${model.name} has neither byte-vector states nor a packing: its states cannot be shared between threads`);
  const words = (packed.bytes + 3) >>> 2;
  const buffer = new Int32Array(words);
  const bytes = new Uint8Array(buffer.buffer);
  const parent = fast.copy(fast.scratch());
  const child = fast.copy(fast.scratch());
  const store = (state: S, to: Int32Array, at: number): void => {
    packed.pack(state, bytes, 0);
    for (let w = 0; w < words; w++) to[at + w] = buffer[w]!;
  };
  return {
    words,
    parent,
    child,
    loadParent(from, at) {
      for (let w = 0; w < words; w++) buffer[w] = from[at + w]!;
      packed.unpack(bytes, 0, parent);
    },
    storeChild: (to, at) => store(child, to, at),
    store,
    fingerprintChild(encoder) {
      encoder.reset();
      model.encode(child, encoder);
      encoder.fingerprint();
    },
  };
}

function byteCodec(bytes: number): Codec<Uint8Array> {
  const words = (bytes + 3) >>> 2;
  const parentWords = new Int32Array(words);
  const childWords = new Int32Array(words);
  const staging = new Int32Array(words);
  const stagingBytes = new Uint8Array(staging.buffer);
  return {
    words,
    parent: new Uint8Array(parentWords.buffer, 0, bytes),
    child: new Uint8Array(childWords.buffer, 0, bytes),
    loadParent(from, at) {
      for (let w = 0; w < words; w++) parentWords[w] = from[at + w]!;
    },
    storeChild(to, at) {
      for (let w = 0; w < words; w++) to[at + w] = childWords[w]!;
    },
    store(state, to, at) {
      staging.fill(0);
      stagingBytes.set(state.subarray(0, bytes));
      for (let w = 0; w < words; w++) to[at + w] = staging[w]!;
    },
    fingerprintChild(encoder) {
      encoder.fingerprintWords(childWords, 0, words, bytes);
    },
  };
}
