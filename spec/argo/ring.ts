import { MSG_HEADER, RESERVED, SLOT, type SpecMessage, type SpecRing } from './types.ts';

/**
 * Ring arithmetic of the reference, in mathematical integers. The impl does
 * the same with u32 pointers and an i32 difference; these are what its
 * results must equal.
 */

/** Round up to a multiple of 16 (no wrap: the spec's integers are unbounded, except rx which is a u32 the guest wrote). */
export function roundUp(a: number): number {
  return Math.ceil(a / SLOT) * SLOT;
}

/** Bytes a message of `len` payload bytes occupies in the ring. */
export function msgSize(len: number): number {
  return MSG_HEADER + roundUp(len);
}

/**
 * The rx Xen uses: the guest's u32 rounded up to 16 *in u32* (so values
 * above 0xFFFFFFF0 wrap to 0), and 0 when that is not below `len`.
 */
export function sanitiseRx(rx: number, len: number): number {
  const r = (rx + SLOT - 1) % 2 ** 32;
  const up = r - (r % SLOT);
  return up >= len ? 0 : up;
}

/** The pointers of a registered ring: its length, Xen's tx and the guest's raw rx. */
export type RingPointers = Pick<SpecRing, 'len' | 'tx' | 'rx'>;

/** Size of the unread region `[sanitise(rx), tx)`; 0 when they are equal (empty, never full). */
export function unread(ring: RingPointers): number {
  const rxs = sanitiseRx(ring.rx, ring.len);
  return (((ring.tx - rxs) % ring.len) + ring.len) % ring.len;
}

/** Free bytes `sp`: `len` when empty. */
export function freeBytes(ring: RingPointers): number {
  return ring.len - unread(ring);
}

/** Whether insert accepts a payload of `len` bytes right now. */
export function acceptsLen(ring: RingPointers, len: number): boolean {
  return len <= ring.len - RESERVED && roundUp(len) + MSG_HEADER < freeBytes(ring);
}

/**
 * Payload space: `sp − 32`, clamped at 0. It is the largest length insert
 * accepts when some length is accepted, and 0 when none is — including the
 * ABI corner `sp = 16`, where it is 0 yet `sendv(0)` is refused.
 */
export function payloadSpace(ring: RingPointers): number {
  return Math.max(freeBytes(ring) - RESERVED, 0);
}

/** Total bytes of a message list. */
export function msgsBytes(msgs: readonly SpecMessage[]): number {
  let n = 0;
  for (const m of msgs) n += msgSize(m.len);
  return n;
}

/** The longest suffix of `msgs` that fits in `bytes`. */
export function fittingSuffix(msgs: readonly SpecMessage[], bytes: number): readonly SpecMessage[] {
  let total = 0;
  let k = msgs.length;
  while (k > 0 && total + msgSize(msgs[k - 1]!.len) <= bytes) {
    total += msgSize(msgs[k - 1]!.len);
    k--;
  }
  return k === 0 ? msgs : msgs.slice(k);
}

/** The byte pattern of payload byte `i` of the message stamped `stamp` from `src`: lets the impl's abstraction spot overwritten bytes. */
export function payloadByte(src: number, stamp: number, i: number): number {
  return (stamp * 37 + src * 101 + i * 11 + 5) & 0xff;
}
