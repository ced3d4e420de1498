import {
  DOMID_ANY,
  EAGAIN,
  ECONNREFUSED,
  EEXIST,
  EFAULT,
  EINVAL,
  ENODEV,
  ENOENT,
  ESRCH,
  F_EMPTY,
  F_EXISTS,
  F_PENDING,
  F_SUFFICIENT,
  OUT,
  type ArgoOutcome,
  type NotifyEntry,
} from '../../spec/argo/types.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, R_JUNK, R_LEN, R_NMSG, R_PCOOKIE, R_REG, R_RX, R_TX, ring, type ArgoImpl, type Layout } from './layout.ts';
import { argoPendingCancel, argoPendingRemoveAll, argoPendingRequeue } from './pending.ts';
import type { ArgoQuirks } from './quirks.ts';
import { argoRingbufInsert, argoRingbufPayloadSpace } from './ringbuf.ts';

/** Tags of the per-transition notes transition properties read (`note[0]`). */
export const NOTE = {
  SENDV: 1,
  ENTRY: 2,
  PICK: 3,
  SIGNALS: 4,
  SPACE: 5,
} as const;

/** `[SENDV, ring or -1, rc, signalled (0/1), wrapped (0/1)]`. */
export const NOTE_SENDV = { ring: 1, rc: 2, signalled: 3, wrapped: 4 } as const;
/** `[ENTRY, ring or -1, caller, cookie, spaceRequired, flags, rc]`. */
export const NOTE_ENTRY = { ring: 1, caller: 2, cookie: 3, need: 4, flags: 5, rc: 6 } as const;
/** `[PICK, ring, space, moved]`. */
export const NOTE_PICK = { ring: 1, space: 2, moved: 3 } as const;
/** `[SPACE, ring, space]`. */
export const NOTE_SPACE = { ring: 1, space: 2 } as const;
/** `[SIGNALS, count, then per signal (dom, asked cookie, recipient cookie or -1, delivered)]`. */
export const NOTE_SIGNALS = { count: 1, first: 2, stride: 4, dom: 0, asked: 1, recipient: 2, delivered: 3 } as const;

/** Writes a fixed-size note (up to six fields after the tag) into `s.note`, allocation-free. */
export function setNote(s: ArgoImpl, tag: number, a: number, b: number, c: number, d = 0, e = 0, f = 0): void {
  const n = s.note;
  n[0] = tag;
  n[1] = a;
  n[2] = b;
  n[3] = c;
  n[4] = d;
  n[5] = e;
  n[6] = f;
}

const hasArgo = (s: ArgoImpl, L: Layout, d: number): boolean => s.w[dom(L, d, D_EXISTS)] === 1 && s.w[dom(L, d, D_ARGO)] === 1;

/**
 * `argo_ring_find_info_by_match`: the ring at (dst, port) for sender
 * `partner`: an exact-partner ring only when its recorded partner instance
 * (domid and cookie) is the sender's current one, else the wildcard ring.
 */
export function argoRingFindInfoByMatch(s: ArgoImpl, L: Layout, dst: number, port: number, partner: number): number {
  if (dst < 0 || dst >= L.nDom || !hasArgo(s, L, dst)) return -1;
  const cookie = s.w[dom(L, partner, D_COOKIE)]!;
  let wildcard = -1;
  for (let i = 0; i < L.nRing; i++) {
    const decl = L.shape.rings[i]!;
    if (s.w[ring(L, i, R_REG)] !== 1 || decl.owner !== dst || decl.port !== port) continue;
    if (decl.partner === partner && s.w[ring(L, i, R_PCOOKIE)] === cookie) return i;
    if (decl.partner === DOMID_ANY && wildcard < 0) wildcard = i;
  }
  return wildcard;
}

function resetRing(s: ArgoImpl, L: Layout, r: number, len: number, partnerCookie: number): void {
  argoPendingRemoveAll(s, L, r);
  s.w[ring(L, r, R_REG)] = len > 0 ? 1 : 0;
  s.w[ring(L, r, R_LEN)] = len;
  s.w[ring(L, r, R_PCOOKIE)] = partnerCookie;
  s.w[ring(L, r, R_TX)] = 0;
  s.w[ring(L, r, R_RX)] = 0;
  s.w[ring(L, r, R_JUNK)] = 0;
  s.w[ring(L, r, R_NMSG)] = 0;
  s.mem.fill(0, L.memBase[r]!, L.memBase[r]! + L.shape.rings[r]!.capacity);
}

/**
 * `argo_register_ring` of ring slot `r` with length `len`. Checks in
 * upstream's order: length (-EINVAL), partner existence (-ESRCH), the
 * caller's Argo state (-ENODEV), the partner's (-ECONNREFUSED); then a live
 * ring is re-registered only with its own length and without FAIL_EXIST
 * (-EEXIST otherwise), keeping its contents and waiters and recording the
 * partner's current instance; a fresh ring starts from a zeroed header.
 */
export function argoRegisterRing(s: ArgoImpl, L: Layout, caller: number, r: number, len: number, failExist: boolean): ArgoOutcome {
  const decl = L.shape.rings[r]!;
  if (len < 48 || (len & 15) !== 0 || len > decl.capacity) return [OUT.RC, -EINVAL];
  const exact = decl.partner !== DOMID_ANY;
  if (exact && s.w[dom(L, decl.partner, D_EXISTS)] !== 1) return [OUT.RC, -ESRCH];
  if (!hasArgo(s, L, caller)) return [OUT.RC, -ENODEV];
  if (exact && s.w[dom(L, decl.partner, D_ARGO)] !== 1) return [OUT.RC, -ECONNREFUSED];
  const cookie = exact ? s.w[dom(L, decl.partner, D_COOKIE)]! : -1;
  if (s.w[ring(L, r, R_REG)] === 1) {
    if (failExist || s.w[ring(L, r, R_LEN)] !== len) return [OUT.RC, -EEXIST];
    // The ring header still holds Xen's tx and the receiver's rx: the ring carries on as it was.
    s.w[ring(L, r, R_PCOOKIE)] = cookie;
    return [OUT.RC, 0];
  }
  resetRing(s, L, r, len, cookie);
  return [OUT.RC, 0];
}

/** `argo_unregister_ring`: the ring and its pending entries go. */
export function argoUnregisterRing(s: ArgoImpl, L: Layout, caller: number, r: number): ArgoOutcome {
  if (!hasArgo(s, L, caller)) return [OUT.RC, -ENODEV];
  if (s.w[ring(L, r, R_REG)] !== 1) return [OUT.RC, -ENOENT];
  resetRing(s, L, r, 0, -1);
  return [OUT.RC, 0];
}

/**
 * `argo_sendv` of an L-byte payload: argument checks (-EINVAL for too many
 * iovs, -ESRCH for a missing destination, -ENODEV for a sender without
 * Argo, -ECONNREFUSED without a matching ring), then insert; on -EAGAIN the
 * sender is requeued with the message's length and the caller sees
 * -EAGAIN; on success the ring's owner is signalled.
 */
export function argoSendv(s: ArgoImpl, L: Layout, caller: number, dst: number, port: number, len: number, badNiov: boolean, q: ArgoQuirks): ArgoOutcome {
  let err = 0;
  if (badNiov) err = EINVAL;
  else if (s.w[dom(L, dst, D_EXISTS)] !== 1) err = ESRCH;
  else if (!hasArgo(s, L, caller)) err = ENODEV;
  const r = err === 0 ? argoRingFindInfoByMatch(s, L, dst, port, caller) : -1;
  if (err === 0 && r < 0) err = ECONNREFUSED;
  if (err !== 0) {
    setNote(s, NOTE.SENDV, -1, -err, 0, 0);
    return [OUT.SENDV, -err, -1, -1];
  }
  const txBefore = s.w[ring(L, r, R_TX)]!;
  let ret = argoRingbufInsert(s, L, r, caller, len);
  if (ret === -EAGAIN) {
    const queued = argoPendingRequeue(s, L, r, caller, s.w[dom(L, caller, D_COOKIE)]!, len, q);
    // The fix: a full ring must be reported, whatever queueing returned.
    if (q.sendvQueueOverwritesEagain) ret = queued;
  }
  if (ret >= 0) {
    const wrapped = s.w[ring(L, r, R_TX)]! <= txBefore ? 1 : 0;
    const owner = L.shape.rings[r]!.owner;
    setNote(s, NOTE.SENDV, r, ret, 1, wrapped);
    return [OUT.SENDV, ret, owner, s.w[dom(L, owner, D_COOKIE)]!];
  }
  setNote(s, NOTE.SENDV, r, ret, 0, 0);
  return [OUT.SENDV, ret, -1, -1];
}

/**
 * `argo_fill_ring_data` for entry `k`: an unreadable entry is -EFAULT;
 * otherwise, under the destination ring's lock, the caller's waits are
 * cancelled (SUFFICIENT) or requeued (PENDING), and flags and
 * max_message_size are written back — which faults for a read-only entry,
 * after the pending list changed. With no matching ring the guest's
 * max_message_size goes back unchanged.
 */
export function argoFillRingData(s: ArgoImpl, L: Layout, caller: number, k: number, e: NotifyEntry, q: ArgoQuirks): ArgoOutcome {
  if (e.fault === 'read') {
    setNote(s, NOTE.ENTRY, -1, caller, 0, e.spaceRequired, 0, -EFAULT);
    return [OUT.ENTRY, k, -EFAULT, 0, 0];
  }
  const cookie = s.w[dom(L, caller, D_COOKIE)]!;
  const r = argoRingFindInfoByMatch(s, L, e.dst, e.port, caller);
  let flags = 0;
  let maxMessageSize = e.maxMessageSize;
  if (r >= 0) {
    flags = F_EXISTS;
    maxMessageSize = (s.w[ring(L, r, R_LEN)]! - 16 - 16) >>> 0;
    const spaceAvail = argoRingbufPayloadSpace(s, L, r, q);
    if (spaceAvail >= e.spaceRequired) {
      argoPendingCancel(s, L, r, caller, cookie, q);
      flags |= F_SUFFICIENT;
    } else {
      argoPendingRequeue(s, L, r, caller, cookie, e.spaceRequired, q);
      flags |= F_PENDING;
    }
    if (spaceAvail === maxMessageSize) flags |= F_EMPTY;
  }
  const rc = e.fault === 'write' ? -EFAULT : 0;
  setNote(s, NOTE.ENTRY, r, caller, cookie, e.spaceRequired, flags, rc);
  return rc === 0 ? [OUT.ENTRY, k, 0, flags, maxMessageSize] : [OUT.ENTRY, k, rc, 0, 0];
}

/** Domain destruction (`argo_destroy`): its rings and their pending lists go; entries it queued elsewhere stay. */
export function domainDestroy(s: ArgoImpl, L: Layout, d: number): ArgoOutcome {
  s.w[dom(L, d, D_EXISTS)] = 0;
  for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r]!.owner === d) resetRing(s, L, r, 0, -1);
  return [OUT.NONE];
}

/** Domain creation with the same domid (`argo_init`): a new instance, hence a new cookie. */
export function domainCreate(s: ArgoImpl, L: Layout, d: number): ArgoOutcome {
  s.w[dom(L, d, D_EXISTS)] = 1;
  s.w[dom(L, d, D_COOKIE)]!++;
  return [OUT.NONE];
}
