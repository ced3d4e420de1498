import { W, type Layout, type Vpl011Impl } from '../../impl/vpl011/layout.ts';
import { slotOf } from './slot.ts';

/**
 * The console backend (xenconsoled), environment rather than Xen code: it
 * shares the ring page with Xen and takes no vpl011 lock. Each publish is
 * one u32 store after the slots were written (weak memory ordering is not
 * modelled); its event to Xen is a separate action.
 */

/**
 * Writes up to `max` input bytes, numbered from `firstSeq`, into IN and
 * publishes in_prod; returns how many. A ring whose indices claim more than
 * its size is treated as broken and left alone: no configuration reaches
 * that line with the unmodified impl (invariant `bounded`), it is there for
 * the variants and mutants that break the indices.
 */
export function backendProduce(s: Vpl011Impl, L: Layout, max: number, firstSeq: number): number {
  const size = L.p.inSize;
  const cons = s.w[W.IN_CONS]! >>> 0;
  const prod = s.w[W.IN_PROD]! >>> 0;
  const queued = (prod - cons) >>> 0;
  if (queued > size) return 0;
  const n = Math.min(max, size - queued);
  for (let k = 0; k < n; k++) s.mem[L.inBase + slotOf((prod + k) >>> 0, size)] = (firstSeq + k) & 0xff;
  s.w[W.IN_PROD] = (prod + n) >>> 0;
  return n;
}

/** Bytes in OUT as the backend sees them (−1 when the indices claim more than the ring holds). */
export function backendOutQueued(s: Vpl011Impl, L: Layout): number {
  const queued = (s.w[W.OUT_PROD]! - s.w[W.OUT_CONS]!) >>> 0;
  return queued > L.p.outSize ? -1 : queued;
}

/** Free bytes in IN as the backend sees them (0 when the indices claim more than the ring holds). */
export function backendInFree(s: Vpl011Impl, L: Layout): number {
  const queued = (s.w[W.IN_PROD]! - s.w[W.IN_CONS]!) >>> 0;
  return queued > L.p.inSize ? 0 : L.p.inSize - queued;
}

/** Reads every byte of OUT into `into` (emptied first) and publishes out_cons; a broken ring is left alone. */
export function backendDrain(s: Vpl011Impl, L: Layout, into: number[]): void {
  into.length = 0;
  const n = backendOutQueued(s, L);
  if (n <= 0) return;
  const size = L.p.outSize;
  const cons = s.w[W.OUT_CONS]! >>> 0;
  for (let k = 0; k < n; k++) into.push(s.mem[L.outBase + slotOf((cons + k) >>> 0, size)]!);
  s.w[W.OUT_CONS] = (cons + n) >>> 0;
}
