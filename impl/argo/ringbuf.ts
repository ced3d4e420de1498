import { payloadByte } from '../../spec/argo/ring.ts';
import { EAGAIN, EMSGSIZE } from '../../spec/argo/types.ts';
import { R_JUNK, R_NMSG, R_RX, R_TX, ring, type ArgoImpl, type Layout } from './layout.ts';
import type { ArgoQuirks } from './quirks.ts';

/**
 * The ring buffer, mirroring argo.c: u32 pointers (`>>> 0`), the i32
 * difference of the payload-space computation (`| 0`), byte-offset rings.
 */

/** Message header size (`sizeof(struct xen_argo_ring_message_header)`). */
const HDR = 16;

/** `XEN_ARGO_ROUNDUP` on a u32: wraps to 0 above 0xFFFFFFF0, as C does. */
export function roundUp32(a: number): number {
  return ((a + 15) & ~15) >>> 0;
}

/** `argo_sanitize_ring`'s rx: rounded up to 16, and 0 when not below len. */
export function sanitizeRx(rx: number, len: number): number {
  const r = roundUp32(rx >>> 0);
  return r >= len ? 0 : r;
}

/** The guest's raw rx_ptr as a u32 (`argo_ringbuf_get_rx_ptr`). */
export function argoRingbufGetRxPtr(s: ArgoImpl, L: Layout, r: number): number {
  return s.w[ring(L, r, R_RX)]! >>> 0;
}

/** The sanitised rx of ring `r`. */
export function ringRxSanitised(s: ArgoImpl, L: Layout, r: number): number {
  return sanitizeRx(argoRingbufGetRxPtr(s, L, r), L.shape.rings[r]!.len);
}

/**
 * `argo_ringbuf_payload_space`: free bytes between the pointers less a
 * header and the reserved slot, clamped at 0. The difference is an i32, as
 * in C: with unsanitised pointers it can go negative or unaligned.
 */
export function argoRingbufPayloadSpace(s: ArgoImpl, L: Layout, r: number, q: ArgoQuirks): number {
  const len = L.shape.rings[r]!.len;
  const tx = s.w[ring(L, r, R_TX)]! >>> 0;
  const rx = q.spaceFromRawRx ? argoRingbufGetRxPtr(s, L, r) : ringRxSanitised(s, L, r);
  if (rx === tx) return q.emptyRingSpaceHeaderOnly ? (len - HDR) >>> 0 : (len - HDR - 16) >>> 0;
  let ret = (rx - tx) | 0;
  if (ret < 0) ret = (ret + len) | 0;
  ret = (ret - HDR - 16) | 0;
  return ret < 0 ? 0 : ret >>> 0;
}

/** Free bytes `sp` as insert computes them from the sanitised pointers: `len` when empty. */
export function ringFreeBytes(s: ArgoImpl, L: Layout, r: number): number {
  const len = L.shape.rings[r]!.len;
  const tx = s.w[ring(L, r, R_TX)]! >>> 0;
  const rx = ringRxSanitised(s, L, r);
  if (rx === tx) return len;
  let sp = (rx - tx) | 0;
  if (sp < 0) sp = (sp + len) | 0;
  return sp;
}

/** Whether insert would accept a payload of `len` bytes now (the checks at the top of `argo_ringbuf_insert`). */
export function insertAccepts(s: ArgoImpl, L: Layout, r: number, len: number): boolean {
  const ringLen = L.shape.rings[r]!.len;
  return len <= ringLen - 32 && roundUp32(len) + HDR < ringFreeBytes(s, L, r);
}

/** Stores one byte of ring `r`; an offset outside the ring throws (typed arrays would drop it silently). */
export function ringPutByte(s: ArgoImpl, L: Layout, r: number, off: number, value: number): void {
  if (!Number.isInteger(off) || off < 0 || off >= L.shape.rings[r]!.len) throw new RangeError(`write outside ring ${r} at offset ${off}`);
  s.mem[L.memBase[r]! + off] = value;
}

/** Reads one byte of ring `r`; an offset outside the ring throws. */
export function ringGetByte(s: ArgoImpl, L: Layout, r: number, off: number): number {
  if (!Number.isInteger(off) || off < 0 || off >= L.shape.rings[r]!.len) throw new RangeError(`read outside ring ${r} at offset ${off}`);
  return s.mem[L.memBase[r]! + off]!;
}

function putU32(s: ArgoImpl, L: Layout, r: number, off: number, v: number): void {
  for (let i = 0; i < 4; i++) ringPutByte(s, L, r, off + i, (v >>> (8 * i)) & 0xff);
}

function getU32(s: ArgoImpl, L: Layout, r: number, off: number): number {
  let v = 0;
  for (let i = 0; i < 4; i++) v |= ringGetByte(s, L, r, off + i) << (8 * i);
  return v >>> 0;
}

/**
 * `argo_ringbuf_insert` of an L-byte payload from `src`: -EMSGSIZE when it
 * can never fit, -EAGAIN unless one slot stays free after it (so a full ring
 * is never mistaken for an empty one), else header and payload are written
 * (wrapping at the ring end) and tx advances. The message type carries the
 * ghost stamp (tx / 16) and the payload a pattern of (src, stamp, index).
 * Returns the payload length or a negative errno.
 */
export function argoRingbufInsert(s: ArgoImpl, L: Layout, r: number, src: number, payloadLen: number): number {
  const len = L.shape.rings[r]!.len;
  if (payloadLen > len - 32) return -EMSGSIZE;
  if (roundUp32(payloadLen) + HDR >= ringFreeBytes(s, L, r)) return -EAGAIN;
  const tx = s.w[ring(L, r, R_TX)]! >>> 0;
  const stamp = tx >>> 4;
  // tx is 16-aligned and len a multiple of 16: the header never straddles the end.
  putU32(s, L, r, tx, HDR + payloadLen);
  putU32(s, L, r, tx + 4, 0);
  putU32(s, L, r, tx + 8, src);
  putU32(s, L, r, tx + 12, stamp);
  let p = (tx + HDR) % len;
  for (let i = 0; i < payloadLen; i++) {
    ringPutByte(s, L, r, p, payloadByte(src, stamp, i));
    p = p + 1 === len ? 0 : p + 1;
  }
  let next = (tx + HDR + roundUp32(payloadLen)) >>> 0;
  if (next >= len) next = (next - len) >>> 0;
  s.w[ring(L, r, R_TX)] = next;
  s.w[ring(L, r, R_NMSG)]!++;
  return payloadLen;
}

/** A message as read back from ring bytes; `ok` false when its bytes are not what was written. */
export interface DecodedMessage {
  readonly src: number;
  readonly len: number;
  readonly stamp: number;
  readonly size: number;
  readonly ok: boolean;
}

/** Reads the message whose header is at `off`, checking its length and payload pattern. */
export function decodeMessage(s: ArgoImpl, L: Layout, r: number, off: number): DecodedMessage {
  const ringLen = L.shape.rings[r]!.len;
  if (off % 16 !== 0 || off >= ringLen) return { src: -1, len: -1, stamp: -1, size: 16, ok: false };
  const total = getU32(s, L, r, off);
  const src = getU32(s, L, r, off + 8);
  const stamp = getU32(s, L, r, off + 12);
  const len = total - HDR;
  if (total < HDR || len > ringLen - 32 || getU32(s, L, r, off + 4) !== 0) return { src, len, stamp, size: 16, ok: false };
  let ok = true;
  let p = (off + HDR) % ringLen;
  for (let i = 0; i < len; i++) {
    if (ringGetByte(s, L, r, p) !== payloadByte(src, stamp, i)) ok = false;
    p = p + 1 === ringLen ? 0 : p + 1;
  }
  return { src, len, stamp, size: HDR + roundUp32(len), ok };
}

/**
 * The unread messages (ghost view): `R_NMSG` messages decoded from
 * `sanitised rx + junk`. Their sizes must end exactly at tx for the ring to
 * be intact; `intact` reports that.
 */
export function unreadMessages(s: ArgoImpl, L: Layout, r: number): { readonly msgs: DecodedMessage[]; readonly intact: boolean } {
  const len = L.shape.rings[r]!.len;
  const n = s.w[ring(L, r, R_NMSG)]!;
  let off = (ringRxSanitised(s, L, r) + s.w[ring(L, r, R_JUNK)]!) % len;
  const msgs: DecodedMessage[] = [];
  let intact = true;
  for (let k = 0; k < n; k++) {
    const m = decodeMessage(s, L, r, off);
    msgs.push(m);
    if (!m.ok) {
      intact = false;
      break;
    }
    off = (off + m.size) % len;
  }
  if (intact && off !== (s.w[ring(L, r, R_TX)]! >>> 0)) intact = false;
  return { msgs, intact };
}

/** Unread bytes `(tx − sanitised rx) mod len`: 0 when the pointers are equal. */
export function ringUnreadBytes(s: ArgoImpl, L: Layout, r: number): number {
  return L.shape.rings[r]!.len - ringFreeBytes(s, L, r);
}
