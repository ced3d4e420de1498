import { OUT, type ArgoOutcome } from '../../spec/argo/types.ts';
import { R_JUNK, R_NMSG, R_REG, R_RX, ring, type ArgoImpl, type Layout } from './layout.ts';
import { decodeMessage, ringRxSanitised, ringUnreadBytes, unreadMessages } from './ringbuf.ts';

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
  const len = L.shape.rings[r]!.len;
  const off = ringRxSanitised(s, L, r);
  const m = decodeMessage(s, L, r, off);
  s.w[ring(L, r, R_RX)] = (off + m.size) % len;
  s.w[ring(L, r, R_NMSG)]!--;
  return [OUT.MSG, m.src, m.len, m.stamp];
}

/**
 * Stores an arbitrary u32 to rx_ptr. The unread region becomes
 * `[sanitised rx, tx)`; the messages that still fit at its end stay
 * readable, the rest of it is junk.
 */
export function guestWriteRx(s: ArgoImpl, L: Layout, r: number, value: number): ArgoOutcome {
  const { msgs } = unreadMessages(s, L, r);
  s.w[ring(L, r, R_RX)] = value | 0;
  const u = ringUnreadBytes(s, L, r);
  let total = 0;
  let k = msgs.length;
  while (k > 0 && total + msgs[k - 1]!.size <= u) {
    total += msgs[k - 1]!.size;
    k--;
  }
  s.w[ring(L, r, R_NMSG)] = msgs.length - k;
  s.w[ring(L, r, R_JUNK)] = u - total;
  return [OUT.NONE];
}
