import { DOMID_ANY, EAGAIN, EEXIST, EFAULT, ENODEV, ENOENT, F_EMPTY, F_EXISTS, F_PENDING, F_SUFFICIENT, OUT, type ArgoOutcome, type NotifyEntry } from '../../spec/argo/types.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, R_JUNK, R_NMSG, R_REG, R_RX, R_TX, ring, type ArgoImpl, type Layout } from './layout.ts';
import { argoPendingCancel, argoPendingRemoveAll, argoPendingRequeue } from './pending.ts';
import type { ArgoQuirks } from './quirks.ts';
import { argoRingbufInsert, argoRingbufPayloadSpace } from './ringbuf.ts';

/** `-ECONNREFUSED`. */
const ECONNREFUSED = 111;

/** Tags of the per-transition notes transition properties read. */
export const NOTE = {
  /** [SENDV, ring or -1, rc, signalled, wrapped] */
  SENDV: 1,
  /** [ENTRY, ring or -1, caller, cookie, spaceRequired, flags] */
  ENTRY: 2,
  /** [PICK, ring, space, moved] */
  PICK: 3,
  /** [SIGNALS, count, then per signal: domid, askedCookie, recipientCookie or -1, delivered] */
  SIGNALS: 4,
} as const;

/** Writes a fixed-size note (up to five fields after the tag) into `s.note`, allocation-free. */
export function setNote(s: ArgoImpl, tag: number, a: number, b: number, c: number, d = 0, e = 0): void {
  const n = s.note;
  n[0] = tag;
  n[1] = a;
  n[2] = b;
  n[3] = c;
  n[4] = d;
  n[5] = e;
}

const hasArgo = (s: ArgoImpl, L: Layout, d: number): boolean => s.w[dom(L, d, D_EXISTS)] === 1 && s.w[dom(L, d, D_ARGO)] === 1;

/**
 * `argo_ring_find_info_by_match`: the ring at (dst, port) for sender
 * `partner`, exact partner first, then the wildcard. Partner cookies are
 * not modelled (rings name partners by domid only).
 */
export function argoRingFindInfoByMatch(s: ArgoImpl, L: Layout, dst: number, port: number, partner: number): number {
  if (dst < 0 || dst >= L.nDom || !hasArgo(s, L, dst)) return -1;
  let wildcard = -1;
  for (let i = 0; i < L.nRing; i++) {
    const decl = L.shape.rings[i]!;
    if (s.w[ring(L, i, R_REG)] !== 1 || decl.owner !== dst || decl.port !== port) continue;
    if (decl.partner === partner) return i;
    if (decl.partner === DOMID_ANY && wildcard < 0) wildcard = i;
  }
  return wildcard;
}

function resetRing(s: ArgoImpl, L: Layout, r: number, registered: boolean): void {
  argoPendingRemoveAll(s, L, r);
  s.w[ring(L, r, R_REG)] = registered ? 1 : 0;
  s.w[ring(L, r, R_TX)] = 0;
  s.w[ring(L, r, R_RX)] = 0;
  s.w[ring(L, r, R_JUNK)] = 0;
  s.w[ring(L, r, R_NMSG)] = 0;
  s.mem.fill(0, L.memBase[r]!, L.memBase[r]! + L.shape.rings[r]!.len);
}

/** `argo_register_ring` of a fresh ring (the guest zeroed its ring header). */
export function argoRegisterRing(s: ArgoImpl, L: Layout, caller: number, r: number): ArgoOutcome {
  if (!hasArgo(s, L, caller)) return [OUT.RC, -ENODEV];
  if (s.w[ring(L, r, R_REG)] === 1) return [OUT.RC, -EEXIST];
  resetRing(s, L, r, true);
  return [OUT.RC, 0];
}

/** `argo_unregister_ring`: the ring and its pending entries go. */
export function argoUnregisterRing(s: ArgoImpl, L: Layout, caller: number, r: number): ArgoOutcome {
  if (!hasArgo(s, L, caller)) return [OUT.RC, -ENODEV];
  if (s.w[ring(L, r, R_REG)] !== 1) return [OUT.RC, -ENOENT];
  resetRing(s, L, r, false);
  return [OUT.RC, 0];
}

/**
 * `argo_sendv` of an L-byte payload: insert; on -EAGAIN the sender is
 * requeued with the message's length and the caller sees -EAGAIN; on success
 * the ring's owner is signalled.
 */
export function argoSendv(s: ArgoImpl, L: Layout, caller: number, dst: number, port: number, len: number, q: ArgoQuirks): ArgoOutcome {
  if (!hasArgo(s, L, caller)) {
    setNote(s, NOTE.SENDV, -1, -ENODEV, 0, 0);
    return [OUT.SENDV, -ENODEV, -1, -1];
  }
  const r = argoRingFindInfoByMatch(s, L, dst, port, caller);
  if (r < 0) {
    setNote(s, NOTE.SENDV, -1, -ECONNREFUSED, 0, 0);
    return [OUT.SENDV, -ECONNREFUSED, -1, -1];
  }
  const txBefore = s.w[ring(L, r, R_TX)]!;
  let ret = argoRingbufInsert(s, L, r, caller, len);
  if (ret === -EAGAIN) {
    const queued = argoPendingRequeue(s, L, r, caller, s.w[dom(L, caller, D_COOKIE)]!, len, q);
    // The fix: a full ring must be reported, whatever queueing returned.
    if (q.sendvQueueOverwritesEagain) ret = queued;
  }
  const wrapped = ret >= 0 && s.w[ring(L, r, R_TX)]! <= txBefore ? 1 : 0;
  if (ret >= 0) {
    const owner = L.shape.rings[r]!.owner;
    setNote(s, NOTE.SENDV, r, ret, 1, wrapped);
    return [OUT.SENDV, ret, owner, s.w[dom(L, owner, D_COOKIE)]!];
  }
  setNote(s, NOTE.SENDV, r, ret, 0, 0);
  return [OUT.SENDV, ret, -1, -1];
}

/**
 * `argo_fill_ring_data` for one entry: flags and max_message_size as written
 * back, with the caller's pending entry cancelled (SUFFICIENT) or requeued
 * (PENDING) under the destination ring's lock.
 */
export function argoFillRingData(s: ArgoImpl, L: Layout, caller: number, e: NotifyEntry, q: ArgoQuirks): ArgoOutcome {
  if (e.fault) return [OUT.ENTRY, -EFAULT, 0, 0];
  const cookie = s.w[dom(L, caller, D_COOKIE)]!;
  const r = argoRingFindInfoByMatch(s, L, e.dst, e.port, caller);
  if (r < 0) {
    setNote(s, NOTE.ENTRY, -1, caller, cookie, e.spaceRequired, 0);
    return [OUT.ENTRY, 0, 0, 0];
  }
  let flags = F_EXISTS;
  const maxMessageSize = (L.shape.rings[r]!.len - 16 - 16) >>> 0;
  const spaceAvail = argoRingbufPayloadSpace(s, L, r, q);
  if (spaceAvail >= e.spaceRequired) {
    argoPendingCancel(s, L, r, caller, cookie, q);
    flags |= F_SUFFICIENT;
  } else {
    argoPendingRequeue(s, L, r, caller, cookie, e.spaceRequired, q);
    flags |= F_PENDING;
  }
  if (spaceAvail === maxMessageSize) flags |= F_EMPTY;
  setNote(s, NOTE.ENTRY, r, caller, cookie, e.spaceRequired, flags);
  return [OUT.ENTRY, 0, flags, maxMessageSize];
}

/** Domain destruction (`argo_destroy`): its rings and their pending lists go; entries it queued elsewhere stay. */
export function domainDestroy(s: ArgoImpl, L: Layout, d: number): ArgoOutcome {
  s.w[dom(L, d, D_EXISTS)] = 0;
  for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r]!.owner === d) resetRing(s, L, r, false);
  return [OUT.NONE];
}

/** Domain creation with the same domid (`argo_init`): a new instance, hence a new cookie. */
export function domainCreate(s: ArgoImpl, L: Layout, d: number): ArgoOutcome {
  s.w[dom(L, d, D_EXISTS)] = 1;
  s.w[dom(L, d, D_COOKIE)]!++;
  return [OUT.NONE];
}
