/**
 * The xencons ring helpers of `DEFINE_XEN_FLEX_RING`, over free-running u32
 * indices (`XENCONS_RING_IDX`): sizes are powers of two, so the slot is the
 * index masked and the counters may wrap at 2^32.
 */

/** `xencons_mask`: the slot of free-running index `idx`. */
export function xenconsMask(idx: number, size: number): number {
  return idx & (size - 1);
}

/**
 * `xencons_queued`: bytes between `cons` and `prod`. Equal raw indices mean
 * empty; otherwise equal masked indices mean full (comparing only masked
 * indices would confuse the two). The result never exceeds `size`, so it
 * cannot show indices that claim more (the invariant checks the raw u32
 * difference instead).
 */
export function xenconsQueued(prod: number, cons: number, size: number): number {
  if (prod >>> 0 === cons >>> 0) return 0;
  const p = xenconsMask(prod, size);
  const c = xenconsMask(cons, size);
  if (p === c) return size;
  return p > c ? p - c : size - (c - p);
}
