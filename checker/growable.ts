/**
 * Word arrays whose buffers grow in place (`ArrayBuffer` and
 * `SharedArrayBuffer` with a `maxByteLength`): shared by the trace log and
 * by the buffers of parallel exploration.
 */

/** Bytes a buffer of `growableWords` can grow to in place: 2^32, V8's limit for a growable buffer; beyond it, arrays are replaced by larger copies. */
export const MAX_GROWABLE_BYTES = 2 ** 32;

/**
 * A new array of `length` words in a buffer that can grow in place up to
 * `MAX_GROWABLE_BYTES` (address space reserved, not memory), shared between
 * threads or not; a buffer of fixed size where the address space cannot be
 * reserved. The view has a fixed length: views that track a growing
 * buffer's length are much slower.
 */
export function growableWords(length: number, shared: boolean): Int32Array {
  const bytes = length * 4;
  if (bytes <= MAX_GROWABLE_BYTES) {
    try {
      const options = { maxByteLength: MAX_GROWABLE_BYTES };
      return new Int32Array(shared ? new SharedArrayBuffer(bytes, options) : new ArrayBuffer(bytes, options), 0, length);
    } catch {
      // The address space could not be reserved: a buffer of fixed size, copied when it grows.
    }
  }
  return new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** `array` made `length` words long in place (a new view of fixed length on the same buffer), or undefined when its buffer cannot grow that far. */
export function grownInPlace(array: Int32Array, length: number): Int32Array | undefined {
  const buffer = array.buffer as ArrayBuffer | SharedArrayBuffer;
  const bytes = length * 4;
  if (buffer instanceof SharedArrayBuffer) {
    if (!buffer.growable || bytes > buffer.maxByteLength) return undefined;
    if (bytes > buffer.byteLength) buffer.grow(bytes);
  } else {
    if (!buffer.resizable || bytes > buffer.maxByteLength) return undefined;
    if (bytes > buffer.byteLength) buffer.resize(bytes);
  }
  return new Int32Array(buffer, 0, length);
}
