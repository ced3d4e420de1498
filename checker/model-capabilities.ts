import { Encoder } from './fingerprint.ts';
import type { Packer } from './frontier.ts';
import type { Model } from './model.ts';

/*
 * The optional fast paths a model may offer the explorer, checked once per
 * run: fixed-size packing for the frontier, and byte-vector states hashed
 * word-wide. A model that declares one with impossible sizes is a
 * programming error.
 */

/** The model's packing (`Model.packed`), checked, as the frontier takes it. */
export function packerOf<S, A>(model: Model<S, A>): Packer<S> | undefined {
  const packed = model.packed;
  if (packed === undefined) return undefined;
  if (!Number.isInteger(packed.bytes) || packed.bytes <= 0) throw new Error(`model ${model.name}: packed.bytes must be a positive integer, got ${packed.bytes}`);
  return { packedBytes: packed.bytes, pack: packed.pack.bind(packed), unpack: packed.unpack.bind(packed) };
}

/** True when typed arrays are little-endian here, so a byte vector's `Int32Array` words are its encoding's words. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The model's `fast.stateBytes`, checked against its initial states, or
 * undefined when it declares none (or on a big-endian machine, where the
 * word-wide hash would differ from the encoder's and the explorer falls
 * back to `encode`).
 */
export function byteStateOf<S, A>(model: Model<S, A>, inits: readonly S[]): number | undefined {
  const n = model.fast?.stateBytes;
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`model ${model.name}: stateBytes must be a positive integer, got ${n}`);
  if (!LITTLE_ENDIAN) return undefined;
  const encoder = new Encoder();
  for (const s of inits) {
    const ok = s instanceof Uint8Array && s.length === n;
    if (ok) {
      encoder.reset();
      model.encode(s, encoder);
    }
    if (!ok || Buffer.compare(encoder.bytesView(), s) !== 0) {
      throw new Error(`model ${model.name} declares stateBytes ${n}, but its initial states are not ${n}-byte arrays encoded as their bytes`);
    }
  }
  return n;
}
