import { payloadByte } from '../../spec/argo/ring.ts';
import { EAGAIN, EMSGSIZE } from '../../spec/argo/types.ts';
import { R_JUNK, R_NMSG, R_RX, R_TX, ring, ringLen, type ArgoImpl, type Layout } from './layout.ts';
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
  return sanitizeRx(argoRingbufGetRxPtr(s, L, r), ringLen(s, L, r));
}

/**
 * `argo_ringbuf_payload_space`: free bytes between the pointers less a
 * header and the reserved slot, clamped at 0. The difference is an i32, as
 * in C: with unsanitised pointers it can go negative or unaligned.
 */
export function argoRingbufPayloadSpace(s: ArgoImpl, L: Layout, r: number, q: ArgoQuirks): number {
  const len = ringLen(s, L, r);
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
  const len = ringLen(s, L, r);
  const tx = s.w[ring(L, r, R_TX)]! >>> 0;
  const rx = ringRxSanitised(s, L, r);
  if (rx === tx) return len;
  let sp = (rx - tx) | 0;
  if (sp < 0) sp = (sp + len) | 0;
  return sp;
}

/** Stores one byte of ring `r`; an offset outside the ring throws (typed arrays would drop it silently). */
export function ringPutByte(s: ArgoImpl, L: Layout, r: number, off: number, value: number): void {
  if (!Number.isInteger(off) || off < 0 || off >= ringLen(s, L, r)) throw new RangeError(`write outside ring ${r} at offset ${off}`);
  s.mem[L.memBase[r]! + off] = value;
}

function putU32(s: ArgoImpl, L: Layout, r: number, off: number, v: number): void {
  for (let i = 0; i < 4; i++) ringPutByte(s, L, r, off + i, (v >>> (8 * i)) & 0xff);
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
  const len = ringLen(s, L, r);
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

/** `DECODED[DEC_SRC]`: the header's source domain (−1 at a bad offset). */
export const DEC_SRC = 0;
/** `DECODED[DEC_LEN]`: the payload length the header claims (−1 at a bad offset). */
export const DEC_LEN = 1;
/** `DECODED[DEC_STAMP]`: the ghost stamp in the header's message type (−1 at a bad offset). */
export const DEC_STAMP = 2;
/** `DECODED[DEC_SIZE]`: bytes the message occupies (16 when its header is bad). */
export const DEC_SIZE = 3;
/** `DECODED[DEC_OK]`: 1 when header and payload are intact. */
export const DEC_OK = 4;
/** Where `decodeAt` leaves what it read (one shared scratch: read it before the next call); doubles, so u32 fields stay exact. */
export const DECODED = new Float64Array(5);

/** A little-endian u32 of ring `r` at `off`, which the caller keeps 16-aligned and below len − 3. */
function peekU32(s: ArgoImpl, at: number): number {
  const m = s.mem;
  return (m[at]! | (m[at + 1]! << 8) | (m[at + 2]! << 16) | (m[at + 3]! << 24)) >>> 0;
}

/**
 * Reads the message whose header is at `off` into `DECODED`, checking its
 * length and payload pattern, without allocating; returns whether it is
 * intact. The offsets it reads stay inside the ring by construction.
 */
export function decodeAt(s: ArgoImpl, L: Layout, r: number, off: number): boolean {
  const cap = ringLen(s, L, r);
  const out = DECODED;
  if (off % 16 !== 0 || off < 0 || off >= cap) {
    out[DEC_SRC] = -1;
    out[DEC_LEN] = -1;
    out[DEC_STAMP] = -1;
    out[DEC_SIZE] = 16;
    out[DEC_OK] = 0;
    return false;
  }
  const base = L.memBase[r]!;
  const at = base + off;
  const total = peekU32(s, at);
  const src = peekU32(s, at + 8);
  const stamp = peekU32(s, at + 12);
  const len = total - HDR;
  out[DEC_SRC] = src;
  out[DEC_LEN] = len;
  out[DEC_STAMP] = stamp;
  if (total < HDR || len > cap - 32 || peekU32(s, at + 4) !== 0) {
    out[DEC_SIZE] = 16;
    out[DEC_OK] = 0;
    return false;
  }
  out[DEC_SIZE] = HDR + roundUp32(len);
  const mem = s.mem;
  let ok = true;
  let p = (off + HDR) % cap;
  for (let i = 0; i < len; i++) {
    if (mem[base + p] !== payloadByte(src, stamp, i)) {
      ok = false;
      break;
    }
    p = p + 1 === cap ? 0 : p + 1;
  }
  out[DEC_OK] = ok ? 1 : 0;
  return ok;
}

/** Reads the message whose header is at `off`, checking its length and payload pattern. */
export function decodeMessage(s: ArgoImpl, L: Layout, r: number, off: number): DecodedMessage {
  const ok = decodeAt(s, L, r, off);
  const d = DECODED;
  return { src: d[DEC_SRC]!, len: d[DEC_LEN]!, stamp: d[DEC_STAMP]!, size: d[DEC_SIZE]!, ok };
}

/** Where the first unread message starts: `sanitised rx + junk`, wrapped. */
export function firstMessageOffset(s: ArgoImpl, L: Layout, r: number): number {
  return (ringRxSanitised(s, L, r) + s.w[ring(L, r, R_JUNK)]!) % ringLen(s, L, r);
}

/** `unreadMessages(...).intact` without allocating. */
export function unreadIntact(s: ArgoImpl, L: Layout, r: number): boolean {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)]!;
  let off = firstMessageOffset(s, L, r);
  for (let k = 0; k < n; k++) {
    if (!decodeAt(s, L, r, off)) return false;
    off = (off + DECODED[DEC_SIZE]!) % len;
  }
  return off === s.w[ring(L, r, R_TX)]! >>> 0;
}

/**
 * The unread messages (ghost view): `R_NMSG` messages decoded from
 * `sanitised rx + junk`. Their sizes must end exactly at tx for the ring to
 * be intact; `intact` reports that.
 */
export function unreadMessages(s: ArgoImpl, L: Layout, r: number): { readonly msgs: DecodedMessage[]; readonly intact: boolean } {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)]!;
  let off = firstMessageOffset(s, L, r);
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
  if (intact && off !== s.w[ring(L, r, R_TX)]! >>> 0) intact = false;
  return { msgs, intact };
}

/** Unread bytes `(tx − sanitised rx) mod len`: 0 when the pointers are equal. */
export function ringUnreadBytes(s: ArgoImpl, L: Layout, r: number): number {
  return ringLen(s, L, r) - ringFreeBytes(s, L, r);
}
