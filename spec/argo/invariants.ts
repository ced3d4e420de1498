import { always, type StateProperty } from '../../checker/model.ts';
import { msgsBytes, unread } from './ring.ts';
import type { ArgoState } from './types.ts';

/**
 * Invariants of reference states. Invariant 1 (tx aligned and < len) and
 * invariant 2 (never full-as-empty: the unread region is exactly junk plus
 * the queued messages, so `sanitised rx == tx` iff nothing is unread), over
 * registered rings; and the pending lists' shape.
 */
export const specInvariants: readonly StateProperty<ArgoState>[] = [
  always<ArgoState>(
    'tx aligned and below len',
    (s) => s.rings.every((r) => !r.registered || (r.tx % 16 === 0 && r.tx >= 0 && r.tx < r.len)),
    "invariant 1: Xen's tx is 16-aligned and inside the ring",
  ),
  always<ArgoState>(
    'unread region is junk plus the queued messages',
    (s) => s.rings.every((r) => !r.registered || (r.junk >= 0 && r.junk + msgsBytes(r.msgs) === unread(r))),
    'invariants 1–2: unread messages are exactly those sent and not consumed, and a ring with messages is never seen as empty',
  ),
  always<ArgoState>('one pending entry per sender instance per ring', (s) =>
    s.rings.every((r) => r.pending.every((p, i) => r.pending.findIndex((q) => q.dom === p.dom && q.cookie === p.cookie) === i)),
  ),
];
