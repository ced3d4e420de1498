import { D_ARGO, D_COOKIE, D_EXISTS, dom, F_NTO, F_TO, frame, R_NPEND, R_PEND, ring, type ArgoImpl, type Layout } from './layout.ts';
import type { ArgoQuirks } from './quirks.ts';

/**
 * Pending lists: who waits for space on a ring. Each ring keeps (domid,
 * cookie, len) triples sorted by (domid, cookie); Xen's list order is not
 * observable (signals are a set), so the canonical order only keeps equal
 * states equal. With `pendingByDomidOnly` the cookie is still stored as a
 * ghost (who really queued) but never used to match.
 */

function find(s: ArgoImpl, L: Layout, r: number, domid: number, cookie: number, q: ArgoQuirks): number {
  const n = s.w[ring(L, r, R_NPEND)]!;
  for (let k = 0; k < n; k++) {
    const at = ring(L, r, R_PEND + 3 * k);
    if (s.w[at] === domid && (q.pendingByDomidOnly || s.w[at + 1] === cookie)) return k;
  }
  return -1;
}

function removeAt(s: ArgoImpl, L: Layout, r: number, k: number): void {
  const n = s.w[ring(L, r, R_NPEND)]!;
  const base = ring(L, r, R_PEND);
  s.w.copyWithin(base + 3 * k, base + 3 * (k + 1), base + 3 * n);
  s.w.fill(0, base + 3 * (n - 1), base + 3 * n);
  s.w[ring(L, r, R_NPEND)] = n - 1;
}

/** `argo_pending_queue`: adds an entry; the pending list has room for every sender instance of the model. */
export function argoPendingQueue(s: ArgoImpl, L: Layout, r: number, domid: number, cookie: number, len: number): number {
  const n = s.w[ring(L, r, R_NPEND)]!;
  if (n >= L.shape.maxPending) throw new RangeError(`pending list of ring ${r} overflows its ${L.shape.maxPending} entries`);
  const base = ring(L, r, R_PEND);
  let k = n;
  while (k > 0 && (s.w[base + 3 * (k - 1)]! > domid || (s.w[base + 3 * (k - 1)] === domid && s.w[base + 3 * (k - 1) + 1]! > cookie))) k--;
  s.w.copyWithin(base + 3 * (k + 1), base + 3 * k, base + 3 * n);
  s.w[base + 3 * k] = domid;
  s.w[base + 3 * k + 1] = cookie;
  s.w[base + 3 * k + 2] = len;
  s.w[ring(L, r, R_NPEND)] = n + 1;
  return 0;
}

/** `argo_pending_requeue`: reuses the sender's entry, raising its length to the larger wait; else queues one. */
export function argoPendingRequeue(s: ArgoImpl, L: Layout, r: number, domid: number, cookie: number, len: number, q: ArgoQuirks): number {
  const k = find(s, L, r, domid, cookie, q);
  if (k < 0) return argoPendingQueue(s, L, r, domid, cookie, len);
  const at = ring(L, r, R_PEND + 3 * k + 2);
  if (s.w[at]! >>> 0 < len) s.w[at] = len;
  return 0;
}

/** `argo_pending_cancel`: drops the sender's entries on the ring. */
export function argoPendingCancel(s: ArgoImpl, L: Layout, r: number, domid: number, cookie: number, q: ArgoQuirks): void {
  for (let k = find(s, L, r, domid, cookie, q); k >= 0; k = find(s, L, r, domid, cookie, q)) removeAt(s, L, r, k);
}

/** `argo_pending_remove_all`: the ring is going away. */
export function argoPendingRemoveAll(s: ArgoImpl, L: Layout, r: number): void {
  s.w.fill(0, ring(L, r, R_NPEND), ring(L, r, R_PEND + 3 * L.shape.maxPending));
}

/**
 * `argo_pending_find`: moves every entry waiting for at most `space` to the
 * to-notify list of `caller`'s frame (wake-all policy). Returns how many.
 */
export function argoPendingFind(s: ArgoImpl, L: Layout, r: number, space: number, caller: number): number {
  let moved = 0;
  let k = 0;
  while (k < s.w[ring(L, r, R_NPEND)]!) {
    const at = ring(L, r, R_PEND + 3 * k);
    if (s.w[at + 2]! >>> 0 <= space) {
      const nto = s.w[frame(L, caller, F_NTO)]!;
      if (nto >= L.toNotifyCap[caller]!) throw new RangeError(`to-notify list of d${caller} overflows`);
      s.w[frame(L, caller, F_TO + 2 * nto)] = s.w[at]!;
      s.w[frame(L, caller, F_TO + 2 * nto + 1)] = s.w[at + 1]!;
      s.w[frame(L, caller, F_NTO)] = nto + 1;
      removeAt(s, L, r, k);
      moved++;
    } else {
      k++;
    }
  }
  return moved;
}

/**
 * `argo_signal_domid`: signals the domain at `domid` if it still has Argo
 * state and the cookie the entry recorded (a re-created domain has a new
 * one). Returns whether the signal was delivered.
 */
export function argoSignalDomid(s: ArgoImpl, L: Layout, domid: number, cookie: number, q: ArgoQuirks): boolean {
  if (s.w[dom(L, domid, D_EXISTS)] !== 1 || s.w[dom(L, domid, D_ARGO)] !== 1) return false;
  return q.pendingByDomidOnly || s.w[dom(L, domid, D_COOKIE)] === cookie;
}
