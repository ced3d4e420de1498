import { always, sometimes, type Property, type TransitionProperty } from '../../checker/model.ts';
import { F_EMPTY, F_SUFFICIENT } from '../../spec/argo/types.ts';
import type { ArgoAction } from './actions.ts';
import { R_JUNK, R_NMSG, R_NPEND, R_PEND, R_REG, R_TX, ring, type ArgoImpl, type Layout } from '../../impl/argo/layout.ts';
import { NOTE } from '../../impl/argo/ops.ts';
import type { ArgoQuirks } from '../../impl/argo/quirks.ts';
import { argoRingbufPayloadSpace, insertAccepts, ringFreeBytes, ringRxSanitised, unreadIntact } from '../../impl/argo/ringbuf.ts';

/** Names used by the zoo and the tests. */
export const P = {
  txAligned: 'tx aligned and below len',
  intact: 'unread messages intact and in order',
  fullAsEmpty: 'never full-as-empty',
  space: 'payload space rules',
  sufficient: 'SUFFICIENT(x ≥ 1) means sendv(x) succeeds and no pending entry is left',
  sendv: 'sendv succeeds iff exactly one message is appended',
  pick: 'after the owner\'s pick no waiter with len ≤ S remains',
  signal: 'a signal reaches only the domain instance that asked',
  wraps: 'ring wraps',
  empty: 'ring reported EMPTY',
  granted: 'SUFFICIENT granted',
  woken: 'a waiter woken',
  dropped: 'a signal dropped for a cookie mismatch',
  corner: 'ABI corner: SUFFICIENT(0) while no message fits',
  junk: 'a bogus rx leaves junk before the messages',
} as const;

type IP = Property<ArgoImpl, ArgoAction>;

const RING_FIELDS = [R_REG, R_TX, R_JUNK, R_NMSG] as const;

/** Whether `test(s, r, len)` holds for every registered ring `r` (tests are made once, so a check allocates nothing). */
const forRings = (L: Layout, s: ArgoImpl, test: (s: ArgoImpl, r: number, len: number) => boolean): boolean => {
  for (let r = 0; r < L.nRing; r++) if (s.w[ring(L, r, R_REG)] === 1 && !test(s, r, L.shape.rings[r]!.len)) return false;
  return true;
};

const onNote = (name: string, expectation: 'always' | 'sometimes', tag: number, test: (n: Int32Array, from: ArgoImpl, to: ArgoImpl) => boolean, description: string): TransitionProperty<ArgoImpl, ArgoAction> => ({
  name,
  expectation,
  description,
  transition(from, _a, to) {
    const n = to.note;
    if (n[0] !== tag) return expectation === 'always';
    return test(n, from, to);
  },
});

/**
 * The impl model's properties: the reference's invariants 1–7 (state
 * properties on impl states, transition properties on the events a step
 * notes on its successor) and the coverage witnesses.
 */
export function implProperties(L: Layout, q: ArgoQuirks): readonly IP[] {
  const pendingHas = (s: ArgoImpl, r: number, pred: (d: number, c: number, len: number) => boolean): boolean => {
    for (let k = 0; k < s.w[ring(L, r, R_NPEND)]!; k++) {
      const at = ring(L, r, R_PEND + 3 * k);
      if (pred(s.w[at]!, s.w[at + 1]!, s.w[at + 2]! >>> 0)) return true;
    }
    return false;
  };
  const ringWordsEqual = (a: ArgoImpl, b: ArgoImpl, r: number): boolean => {
    for (const f of RING_FIELDS) if (a.w[ring(L, r, f)] !== b.w[ring(L, r, f)]) return false;
    const base = L.memBase[r]!;
    for (let i = 0; i < L.shape.rings[r]!.len; i++) if (a.mem[base + i] !== b.mem[base + i]) return false;
    return true;
  };
  const txOk = (s: ArgoImpl, r: number, len: number): boolean => {
    const tx = s.w[ring(L, r, R_TX)]! >>> 0;
    return tx % 16 === 0 && tx < len;
  };
  const intactOk = (s: ArgoImpl, r: number): boolean => unreadIntact(s, L, r);
  const notFullAsEmpty = (s: ArgoImpl, r: number): boolean => {
    const emptyPtrs = ringRxSanitised(s, L, r) === (s.w[ring(L, r, R_TX)]! >>> 0);
    const nothing = s.w[ring(L, r, R_NMSG)] === 0 && s.w[ring(L, r, R_JUNK)] === 0;
    return emptyPtrs === nothing;
  };
  const spaceOk = (s: ArgoImpl, r: number, len: number): boolean => {
    const ps = argoRingbufPayloadSpace(s, L, r, q);
    if (ps > len - 32 || ps % 16 !== 0) return false;
    const sp = ringFreeBytes(s, L, r);
    const largest = sp >= 32 ? sp - 32 : -1;
    const agrees = largest >= 0
      ? ps === largest && insertAccepts(s, L, r, largest) && !insertAccepts(s, L, r, largest + 1)
      : ps === 0 && !insertAccepts(s, L, r, 0);
    return agrees && (ps === len - 32) === (sp === len);
  };
  const noJunk = (s: ArgoImpl, r: number): boolean => s.w[ring(L, r, R_JUNK)] === 0;
  return [
    always<ArgoImpl>(P.txAligned, (s) => forRings(L, s, txOk), 'invariant 1: Xen\'s tx is 16-aligned and inside the ring'),
    always<ArgoImpl>(P.intact, (s) => forRings(L, s, intactOk), 'invariant 1: the unread messages decode, bytes intact, ending exactly at tx'),
    always<ArgoImpl>(P.fullAsEmpty, (s) => forRings(L, s, notFullAsEmpty), 'invariant 2: sanitised rx == tx iff nothing is unread'),
    always<ArgoImpl>(P.space, (s) => forRings(L, s, spaceOk), 'invariant 3: payload space ≤ len − 32, 16-aligned, the largest length sendv accepts (0 when none), and len − 32 iff empty'),
    onNote(P.sufficient, 'always', NOTE.ENTRY, (n, _f, to) => {
      const r = n[1]!;
      const caller = n[2]!;
      const cookie = n[3]!;
      const need = n[4]!;
      const flags = n[5]!;
      if (r < 0 || (flags & F_SUFFICIENT) === 0 || need < 1) return true;
      return insertAccepts(to, L, r, need) && !pendingHas(to, r, (d, c) => d === caller && c === cookie);
    }, 'invariant 4, for space_required ≥ 1 (see the ABI corner)'),
    onNote(P.sendv, 'always', NOTE.SENDV, (n, from, to) => {
      const r = n[1]!;
      const rc = n[2]!;
      const signalled = n[3]!;
      if (r < 0) return signalled === 0;
      if (rc >= 0) return to.w[ring(L, r, R_NMSG)] === from.w[ring(L, r, R_NMSG)]! + 1 && unreadIntact(to, L, r);
      return signalled === 0 && ringWordsEqual(from, to, r);
    }, 'invariant 5: success appends exactly one message; failure leaves the ring unchanged and signals nobody'),
    onNote(P.pick, 'always', NOTE.PICK, (n, _f, to) => !pendingHas(to, n[1]!, (_d, _c, len) => len <= n[2]!), 'invariant 6 (picks happen only for S > 0)'),
    onNote(P.signal, 'always', NOTE.SIGNALS, (n) => {
      for (let k = 2; k < 2 + 4 * n[1]!; k += 4) if (n[k + 3] === 1 && n[k + 2] !== n[k + 1]) return false;
      return true;
    }, 'invariant 7: a delivered signal\'s recipient has the cookie of the instance that queued'),
    onNote(P.wraps, 'sometimes', NOTE.SENDV, (n) => n[4] === 1, 'a sendv moved tx past the ring end'),
    onNote(P.empty, 'sometimes', NOTE.ENTRY, (n) => (n[5]! & F_EMPTY) !== 0, 'notify wrote EMPTY'),
    onNote(P.granted, 'sometimes', NOTE.ENTRY, (n) => (n[5]! & F_SUFFICIENT) !== 0 && n[4]! >= 1, 'notify wrote SUFFICIENT for space_required ≥ 1'),
    onNote(P.woken, 'sometimes', NOTE.PICK, (n) => n[3]! > 0, 'a pick moved a waiter to the to-notify list'),
    onNote(P.dropped, 'sometimes', NOTE.SIGNALS, (n) => {
      for (let k = 2; k < 2 + 4 * n[1]!; k += 4) if (n[k + 3] === 0 && n[k + 2]! >= 0 && n[k + 2] !== n[k + 1]) return true;
      return false;
    }, 'a woken entry named an instance since replaced by a re-created domain'),
    onNote(P.corner, 'sometimes', NOTE.ENTRY, (n, _f, to) => n[1]! >= 0 && (n[5]! & F_SUFFICIENT) !== 0 && n[4] === 0 && !insertAccepts(to, L, n[1]!, 0),
      'with 16 bytes free, payload space is 0: SUFFICIENT for 0 bytes, yet sendv(0) gets -EAGAIN (as upstream)'),
    sometimes<ArgoImpl>(P.junk, (s) => !forRings(L, s, noJunk)),
  ];
}
