import { argoPendingRequeue } from '../../impl/argo/pending.ts';
import { argoRingFindInfoByMatch, NOTE, setNote } from '../../impl/argo/ops.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, R_NMSG, R_TX, ring, ringLen, type ArgoImpl, type Layout } from '../../impl/argo/layout.ts';
import type { ArgoQuirks } from '../../impl/argo/quirks.ts';
import { ringPutByte, ringRxSanitised, roundUp32 } from '../../impl/argo/ringbuf.ts';
import { ARGO_IMPL, type ArgoImplFunctions } from '../../model/argo/impl-model.ts';
import { payloadByte } from '../../spec/argo/ring.ts';
import { EAGAIN, ECONNREFUSED, EINVAL, EMSGSIZE, ENODEV, ESRCH, OUT, type ArgoOutcome } from '../../spec/argo/types.ts';

/*
 * A test-only revision of Argo's sendv: the same behaviour written
 * differently, for `xenspec diff` to judge. `argo_ringbuf_insert`'s free
 * space becomes one modular expression instead of an empty-ring test and a
 * wrapped i32 difference, the header is written from one array, and the
 * error checks are a table. `diff` must call it equivalent to the unmodified
 * impl; the same rewrite with the empty ring forgotten must differ.
 */

/** Free bytes from tx forward to rx: `len` when the ring is empty (rx = tx), as the unmodified `ringFreeBytes` computes it. */
export function freeBytesModular(rx: number, tx: number, len: number): number {
  return ((rx - tx + len - 1) % len) + 1;
}

/** The same expression without the empty-ring case: an empty ring has 0 free bytes. Not behaviour-preserving. */
export function freeBytesForgetsEmpty(rx: number, tx: number, len: number): number {
  return (rx - tx + len) % len;
}

const HDR = 16;

function insert(s: ArgoImpl, L: Layout, r: number, src: number, payloadLen: number, freeBytes: typeof freeBytesModular): number {
  const len = ringLen(s, L, r);
  const tx = s.w[ring(L, r, R_TX)]! >>> 0;
  if (payloadLen > len - 2 * HDR) return -EMSGSIZE;
  // One slot must stay free after the message, so that a full ring never reads as empty.
  if (roundUp32(payloadLen) + HDR >= freeBytes(ringRxSanitised(s, L, r), tx, len)) return -EAGAIN;
  const stamp = tx >>> 4;
  const header = [HDR + payloadLen, 0, src, stamp];
  header.forEach((word, i) => {
    for (let b = 0; b < 4; b++) ringPutByte(s, L, r, tx + 4 * i + b, (word >>> (8 * b)) & 0xff);
  });
  for (let i = 0; i < payloadLen; i++) ringPutByte(s, L, r, (tx + HDR + i) % len, payloadByte(src, stamp, i));
  s.w[ring(L, r, R_TX)] = (tx + HDR + roundUp32(payloadLen)) % len;
  s.w[ring(L, r, R_NMSG)]!++;
  return payloadLen;
}

/** `argoSendv` rewritten over `insert` with the given free-space expression. */
function sendvWith(freeBytes: typeof freeBytesModular): ArgoImplFunctions['sendv'] {
  return (s, L, caller, dst, port, len, badNiov, q: ArgoQuirks): ArgoOutcome => {
    const checks: readonly [boolean, number][] = [
      [badNiov, EINVAL],
      [s.w[dom(L, dst, D_EXISTS)] !== 1, ESRCH],
      [s.w[dom(L, caller, D_EXISTS)] !== 1 || s.w[dom(L, caller, D_ARGO)] !== 1, ENODEV],
    ];
    const failed = checks.find(([bad]) => bad);
    const r = failed === undefined ? argoRingFindInfoByMatch(s, L, dst, port, caller) : -1;
    const err = failed?.[1] ?? (r < 0 ? ECONNREFUSED : 0);
    if (err !== 0) {
      setNote(s, NOTE.SENDV, -1, -err, 0, 0);
      return [OUT.SENDV, -err, -1, -1];
    }
    const txBefore = s.w[ring(L, r, R_TX)]!;
    let ret = insert(s, L, r, caller, len, freeBytes);
    if (ret === -EAGAIN) {
      const queued = argoPendingRequeue(s, L, r, caller, s.w[dom(L, caller, D_COOKIE)]!, len, q);
      if (q.sendvQueueOverwritesEagain) ret = queued;
    }
    if (ret < 0) {
      setNote(s, NOTE.SENDV, r, ret, 0, 0);
      return [OUT.SENDV, ret, -1, -1];
    }
    const owner = L.shape.rings[r]!.owner;
    setNote(s, NOTE.SENDV, r, ret, 1, s.w[ring(L, r, R_TX)]! <= txBefore ? 1 : 0);
    return [OUT.SENDV, ret, owner, s.w[dom(L, owner, D_COOKIE)]!];
  };
}

/** The unmodified impl with sendv rewritten (behaviour-preserving). */
export const ARGO_SENDV_REWRITTEN: ArgoImplFunctions = { ...ARGO_IMPL, sendv: sendvWith(freeBytesModular) };

/** The unmodified impl with sendv rewritten and the empty ring forgotten (a behaviour change). */
export const ARGO_SENDV_FORGETS_EMPTY: ArgoImplFunctions = { ...ARGO_IMPL, sendv: sendvWith(freeBytesForgetsEmpty) };
