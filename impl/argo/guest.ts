import { OUT, type ArgoOutcome } from '../../spec/argo/types.ts';
import { R_JUNK, R_NMSG, R_REG, R_RX, ring, ringLen, type ArgoImpl, type Layout } from './layout.ts';
import { DEC_LEN, DEC_SIZE, DEC_SRC, DEC_STAMP, DECODED, decodeAt, firstMessageOffset, ringRxSanitised, ringUnreadBytes } from './ringbuf.ts';

/**
 * The ring owner's receiver: guest code, not Xen. It takes no lock; each of
 * its actions is one u32 store to rx_ptr in its own memory. It also keeps
 * the ghosts `R_JUNK`/`R_NMSG` (how much of the unread region is messages),
 * which only the abstraction and the invariants read.
 */

/** Whether the receiver can read the head message: one is unread and no junk precedes it. */
export function guestCanConsume(s: ArgoImpl, L: Layout, r: number): boolean {
  return s.w[ring(L, r, R_REG)] === 1 && s.w[ring(L, r, R_JUNK)] === 0 && s.w[ring(L, r, R_NMSG)]! > 0;
}

/** Reads the head message at the sanitised rx and publishes rx past it. */
export function guestConsume(s: ArgoImpl, L: Layout, r: number): ArgoOutcome {
  if (!guestCanConsume(s, L, r)) return [OUT.MSG];
  const len = ringLen(s, L, r);
  const off = ringRxSanitised(s, L, r);
  decodeAt(s, L, r, off);
  s.w[ring(L, r, R_RX)] = (off + DECODED[DEC_SIZE]!) % len;
  s.w[ring(L, r, R_NMSG)]!--;
  return [OUT.MSG, DECODED[DEC_SRC]!, DECODED[DEC_LEN]!, DECODED[DEC_STAMP]!];
}

/**
 * Stores an arbitrary u32 to rx_ptr. The unread region becomes
 * `[sanitised rx, tx)`; the messages that still fit at its end stay
 * readable, the rest of it is junk.
 */
export function guestWriteRx(s: ArgoImpl, L: Layout, r: number, value: number): ArgoOutcome {
  // The sizes of the unread messages, oldest first (decoded as `unreadMessages` does: up to the first bad one).
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)]!;
  const sizes = SIZES.length >= n ? SIZES : (SIZES = new Int32Array(n));
  let count = 0;
  let off = firstMessageOffset(s, L, r);
  for (let k = 0; k < n; k++) {
    const ok = decodeAt(s, L, r, off);
    sizes[count++] = DECODED[DEC_SIZE]!;
    if (!ok) break;
    off = (off + DECODED[DEC_SIZE]!) % len;
  }
  s.w[ring(L, r, R_RX)] = value | 0;
  const u = ringUnreadBytes(s, L, r);
  let total = 0;
  let k = count;
  while (k > 0 && total + sizes[k - 1]! <= u) {
    total += sizes[k - 1]!;
    k--;
  }
  s.w[ring(L, r, R_NMSG)] = count - k;
  s.w[ring(L, r, R_JUNK)] = u - total;
  return NONE;
}

/** Scratch for `guestWriteRx`'s message sizes. */
let SIZES = new Int32Array(16);
/** The outcome of a receiver store (shared: outcomes are never mutated). */
const NONE: ArgoOutcome = Object.freeze([OUT.NONE]);
