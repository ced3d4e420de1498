import { getHeapStatistics } from 'node:v8';

/** Bytes kept free below that share: the limit also counts the young generation (tens of MiB), which the old one cannot use. */
export const HEAP_RESERVE = 64 * 2 ** 20;

/**
 * The share of the JavaScript heap's limit in use past which a run stops
 * cleanly (stop reason `memory`) rather than let V8 abort the thread: objects
 * a model keeps on the heap (the lockstep memo's spec states, object
 * frontiers) grow with the run, and a thread whose heap runs out dies without
 * a summary. V8 collects garbage well before this share, so what is in use
 * this close to the limit is mostly live.
 */
export const HEAP_STOP_FRACTION = 0.9;

/** True when this thread's heap is nearly full (past `HEAP_STOP_FRACTION` of its limit, less `HEAP_RESERVE`); a few microseconds, for a periodic check. */
export function heapNearlyFull(fraction = HEAP_STOP_FRACTION): boolean {
  const h = getHeapStatistics();
  return h.used_heap_size > h.heap_size_limit * fraction - HEAP_RESERVE;
}
