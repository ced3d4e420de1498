import { always, sometimes, type Property, type TransitionProperty } from '../../checker/model.ts';
import { acceptsLen, freeBytes, sanitiseRx } from '../../spec/argo/ring.ts';
import { DOMID_ANY, EFAULT, F_EMPTY, F_SUFFICIENT, MAX_NOTIFY_COUNT } from '../../spec/argo/types.ts';
import {
  AUDIT_WORDS,
  D_COOKIE,
  D_EXISTS,
  dom,
  F_ENT,
  F_OP,
  frame,
  R_JUNK,
  R_LEN,
  R_NMSG,
  R_NPEND,
  R_PEND,
  R_REG,
  R_RX,
  R_TX,
  ring,
  type ArgoImpl,
  type Layout,
} from '../../impl/argo/layout.ts';
import { NOTE, NOTE_ENTRY, NOTE_PICK, NOTE_SENDV, NOTE_SIGNALS } from '../../impl/argo/ops.ts';
import type { ArgoQuirks } from '../../impl/argo/quirks.ts';
import { argoRingbufPayloadSpace, unreadIntact } from '../../impl/argo/ringbuf.ts';
import { Audit, auditAt, expectedEntries, Incomplete, pendingHas, registeredForAt, type EnvLayout } from './audit.ts';
import type { ArgoConfig } from './config.ts';
import { ActionKind, type ArgoAction } from './env.ts';
import { P } from './properties-names.ts';

export { P } from './properties-names.ts';

type IP = Property<ArgoImpl, ArgoAction>;
type TP = TransitionProperty<ArgoImpl, ArgoAction>;

const transition = (name: string, expectation: 'always' | 'sometimes', test: (from: ArgoImpl, a: ArgoAction, to: ArgoImpl) => boolean, description: string): TP => ({
  name,
  expectation,
  description,
  transition: test,
});

/**
 * The impl model's properties: the reference's invariants 1–9 and the
 * coverage witnesses. Each judges from first principles or the spec's own
 * formulas (`spec/argo/ring.ts`) over the impl's state, the environment's
 * account (`audit.ts`) and the events a step announces — never by calling
 * the impl function it judges. Order matters for reports: the first
 * property a state or transition breaks is the one named.
 */
export function implProperties(cfg: ArgoConfig, L: Layout, E: EnvLayout, q: ArgoQuirks): readonly IP[] {
  const w = (s: ArgoImpl, r: number, f: number): number => s.w[ring(L, r, f)]!;
  const registered = (s: ArgoImpl, r: number): boolean => w(s, r, R_REG) === 1;
  const pointers = (s: ArgoImpl, r: number): { len: number; tx: number; rx: number } => ({ len: w(s, r, R_LEN), tx: w(s, r, R_TX) >>> 0, rx: w(s, r, R_RX) >>> 0 });
  const everyRing = (s: ArgoImpl, test: (r: number) => boolean): boolean => {
    for (let r = 0; r < L.nRing; r++) if (registered(s, r) && !test(r)) return false;
    return true;
  };
  const ringUntouched = (a: ArgoImpl, b: ArgoImpl, r: number): boolean => {
    for (const f of [R_REG, R_LEN, R_TX, R_JUNK, R_NMSG]) if (w(a, r, f) !== w(b, r, f)) return false;
    const base = L.memBase[r]!;
    for (let i = 0; i < L.shape.rings[r]!.capacity; i++) if (a.mem[base + i] !== b.mem[base + i]) return false;
    return true;
  };
  const opOf = (s: ArgoImpl, a: ArgoAction) => {
    const menu = cfg.menus[a.dom]!;
    return a.kind === ActionKind.start ? menu[a.arg] : a.kind === ActionKind.step ? menu[s.w[frame(L, a.dom, F_OP)]!] : undefined;
  };
  /** The ring a sender instance reaches at (dst, port), by the matching rule and the environment's record of whom exact rings were registered for. */
  const expectedRing = (s: ArgoImpl, dst: number, port: number, src: number): number => {
    if (s.w[dom(L, dst, D_EXISTS)] !== 1 || !cfg.domainArgo[dst]) return -1;
    let wildcard = -1;
    for (let r = 0; r < L.nRing; r++) {
      const decl = L.shape.rings[r]!;
      if (!registered(s, r) || decl.owner !== dst || decl.port !== port) continue;
      if (decl.partner === src && s.w[registeredForAt(L, E, r)] === s.w[dom(L, src, D_COOKIE)]) return r;
      if (decl.partner === DOMID_ANY && wildcard < 0) wildcard = r;
    }
    return wildcard;
  };
  /** The entry an entry step answered: from the frame before the step. */
  const entryOf = (from: ArgoImpl, a: ArgoAction) => {
    const op = opOf(from, a);
    if (op === undefined || op.op !== 'notify') return undefined;
    return op.args.entries[from.w[frame(L, a.dom, F_ENT)]!];
  };

  const all: IP[] = [
    always<ArgoImpl>(
      P.txAligned,
      (s) => everyRing(s, (r) => w(s, r, R_TX) % 16 === 0 && w(s, r, R_TX) >>> 0 < w(s, r, R_LEN)),
      "invariant 1: Xen's tx is 16-aligned and inside the ring",
    ),
    always<ArgoImpl>(
      P.fullAsEmpty,
      (s) => everyRing(s, (r) => (sanitiseRx(w(s, r, R_RX) >>> 0, w(s, r, R_LEN)) === w(s, r, R_TX) >>> 0) === (w(s, r, R_NMSG) === 0 && w(s, r, R_JUNK) === 0)),
      'invariant 2: sanitised rx == tx iff nothing is unread',
    ),
    always<ArgoImpl>(P.intact, (s) => everyRing(s, (r) => unreadIntact(s, L, r)), 'invariant 1: the unread messages decode, bytes intact, ending exactly at tx'),
    always<ArgoImpl>(
      P.space,
      (s) =>
        everyRing(s, (r) => {
          const ps = argoRingbufPayloadSpace(s, L, r, q);
          const p = pointers(s, r);
          const largest = freeBytes(p) >= 32 ? freeBytes(p) - 32 : -1;
          const agrees = largest >= 0 ? ps === largest && acceptsLen(p, largest) && !acceptsLen(p, largest + 1) : ps === 0 && !acceptsLen(p, 0);
          return agrees && ps <= p.len - 32 && ps % 16 === 0 && (ps === p.len - 32) === (freeBytes(p) === p.len);
        }),
      'invariant 3: payload space ≤ len − 32, 16-aligned, the largest length sendv accepts (0 when none), and len − 32 iff empty',
    ),
    transition(
      P.sufficient,
      'always',
      (from, a, to) => {
        const n = to.note;
        if (n[0] !== NOTE.ENTRY || n[NOTE_ENTRY.rc] !== 0 || (n[NOTE_ENTRY.flags]! & F_SUFFICIENT) === 0) return true;
        const e = entryOf(from, a);
        if (e === undefined || e.spaceRequired < 1) return true;
        const r = expectedRing(to, e.dst, e.port, a.dom);
        return r >= 0 && acceptsLen(pointers(to, r), e.spaceRequired) && !pendingHas(to, L, r, a.dom, to.w[dom(L, a.dom, D_COOKIE)]!);
      },
      'invariant 4, for space_required ≥ 1 (see the ABI corner)',
    ),
    transition(
      P.sendv,
      'always',
      (from, _a, to) => {
        const n = to.note;
        if (n[0] !== NOTE.SENDV) return true;
        let grew = 0;
        let changed = 0;
        for (let r = 0; r < L.nRing; r++) {
          if (!ringUntouched(from, to, r)) changed++;
          if (w(to, r, R_NMSG) === w(from, r, R_NMSG) + 1 && unreadIntact(to, L, r)) grew++;
        }
        if (n[NOTE_SENDV.rc]! >= 0) return grew === 1 && changed === 1 && n[NOTE_SENDV.signalled] === 1;
        return changed === 0 && n[NOTE_SENDV.signalled] === 0;
      },
      'invariant 5: success appends exactly one message and signals; failure leaves every ring unchanged and signals nobody',
    ),
    transition(
      P.pick,
      'always',
      (from, a, to) => {
        const n = to.note;
        if (n[0] !== NOTE.PICK) return true;
        const r = n[NOTE_PICK.ring]!;
        const space = from.w[auditAt(L, E, a.dom, Audit.space)]!;
        for (let k = 0; k < w(from, r, R_NPEND); k++) {
          const at = ring(L, r, R_PEND + 3 * k);
          const picked = !pendingHas(to, L, r, from.w[at]!, from.w[at + 1]!);
          if (picked !== from.w[at + 2]! >>> 0 <= space) return false;
        }
        return true;
      },
      "invariant 6: at the pick, waiters with len ≤ S (the payload space at the snapshot, by the spec's formula) are taken and no other",
    ),
    transition(
      P.signal,
      'always',
      (_f, _a, to) => !anySignal(to.note, deliveredToAnother),
      "invariant 7: a delivered signal's recipient has the cookie of the instance that queued",
    ),
    transition(
      P.completeness,
      'always',
      (_f, _a, to) => {
        const n = to.note;
        return n[n.length - AUDIT_WORDS] !== 1 || n[n.length - AUDIT_WORDS + 1] === Incomplete.none;
      },
      'invariant 9: when a notify completes, every own ring was measured, each with S > 0 picked, every picked waiter signalled or dropped, every entry up to the first fault answered',
    ),
    transition(
      P.exactRing,
      'always',
      (from, a, to) => {
        for (let r = 0; r < L.nRing; r++) {
          const partner = L.shape.rings[r]!.partner;
          if (partner === DOMID_ANY || !registered(to, r)) continue;
          const forCookie = from.w[registeredForAt(L, E, r)]!;
          const sender = a.dom === partner && from.w[dom(L, a.dom, D_COOKIE)] === forCookie;
          if (w(to, r, R_NMSG) > w(from, r, R_NMSG) && !sender) return false;
          // A new wait shows as a longer list (a step adds at most one entry and never swaps one for another).
          if (w(to, r, R_NPEND) <= w(from, r, R_NPEND)) continue;
          for (let k = 0; k < w(to, r, R_NPEND); k++) {
            const d = w(to, r, R_PEND + 3 * k);
            const c = w(to, r, R_PEND + 3 * k + 1);
            if (!pendingHas(from, L, r, d, c) && !(d === partner && c === forCookie)) return false;
          }
        }
        return true;
      },
      'invariant 8: messages and waits land on an exact-partner ring only from the partner instance it was registered for',
    ),
    transition(P.wraps, 'sometimes', (_f, _a, to) => to.note[0] === NOTE.SENDV && to.note[NOTE_SENDV.wrapped] === 1, 'a sendv moved tx past the ring end'),
    transition(P.empty, 'sometimes', (_f, _a, to) => to.note[0] === NOTE.ENTRY && (to.note[NOTE_ENTRY.flags]! & F_EMPTY) !== 0, 'notify wrote EMPTY'),
    transition(
      P.granted,
      'sometimes',
      (_f, _a, to) => to.note[0] === NOTE.ENTRY && (to.note[NOTE_ENTRY.flags]! & F_SUFFICIENT) !== 0 && to.note[NOTE_ENTRY.need]! >= 1,
      'notify wrote SUFFICIENT for space_required ≥ 1',
    ),
    transition(
      P.manyWoken,
      'sometimes',
      (_f, _a, to) => to.note[0] === NOTE.PICK && to.note[NOTE_PICK.moved]! >= 2,
      'a single pick moved two or more waiters (sorted pending lists, several signals)',
    ),
    transition(P.woken, 'sometimes', (_f, _a, to) => to.note[0] === NOTE.PICK && to.note[NOTE_PICK.moved]! > 0, 'a pick moved a waiter to the to-notify list'),
    transition(P.dropped, 'sometimes', (_f, _a, to) => anySignal(to.note, droppedForNewInstance), 'a woken entry named an instance since replaced by a re-created domain'),
    transition(
      P.corner,
      'sometimes',
      (from, a, to) => {
        const n = to.note;
        if (n[0] !== NOTE.ENTRY || n[NOTE_ENTRY.ring]! < 0 || (n[NOTE_ENTRY.flags]! & F_SUFFICIENT) === 0 || n[NOTE_ENTRY.need] !== 0) return false;
        const e = entryOf(from, a);
        const r = e === undefined ? -1 : expectedRing(to, e.dst, e.port, a.dom);
        return r >= 0 && !acceptsLen(pointers(to, r), 0);
      },
      'with 16 bytes free, payload space is 0: SUFFICIENT for 0 bytes, yet sendv(0) gets -EAGAIN (as upstream)',
    ),
    sometimes<ArgoImpl>(P.junk, (s) => !everyRing(s, (r) => w(s, r, R_JUNK) === 0)),
    sometimes<ArgoImpl>(P.threeHeld, (s) => !everyRing(s, (r) => w(s, r, R_NMSG) < 3), 'a ring held three or more small messages at once'),
    transition(
      P.fallback,
      'sometimes',
      (from, a, to) => {
        const op = opOf(from, a);
        if (a.kind !== ActionKind.start || op === undefined || op.op !== 'sendv') return false;
        let stale = false;
        for (let r = 0; r < L.nRing; r++) {
          const decl = L.shape.rings[r]!;
          if (
            decl.partner === a.dom &&
            decl.owner === op.dst &&
            decl.port === op.port &&
            registered(from, r) &&
            from.w[registeredForAt(L, E, r)] !== from.w[dom(L, a.dom, D_COOKIE)]
          )
            stale = true;
        }
        if (!stale) return false;
        for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r]!.partner === DOMID_ANY && w(to, r, R_NMSG) > w(from, r, R_NMSG)) return true;
        return false;
      },
      "a re-created partner's sendv lands in the wildcard ring, not in the exact ring registered for its predecessor",
    ),
    transition(
      P.reregistered,
      'sometimes',
      (from, a, to) => {
        const op = opOf(from, a);
        if (a.kind !== ActionKind.start || op === undefined || op.op !== 'register' || op.failExist || !registered(from, op.ring)) return false;
        return op.len === w(from, op.ring, R_LEN) && registered(to, op.ring) && w(to, op.ring, R_NMSG) + w(to, op.ring, R_NPEND) > 0;
      },
      'a register call with the same length on a live ring with messages or waiters (which it keeps)',
    ),
    transition(
      P.maxEntries,
      'sometimes',
      (from, a, to) => {
        const n = to.note;
        if (n[0] !== NOTE.ENTRY || n[NOTE_ENTRY.rc] !== 0) return false;
        const op = opOf(from, a);
        return (
          op !== undefined &&
          op.op === 'notify' &&
          op.args.entries.length === MAX_NOTIFY_COUNT &&
          expectedEntries(op.args) === MAX_NOTIFY_COUNT &&
          from.w[frame(L, a.dom, F_ENT)] === MAX_NOTIFY_COUNT - 1
        );
      },
      'nent = 256 is accepted and its last entry answered',
    ),
    transition(
      P.writeFault,
      'sometimes',
      (_f, _a, to) => {
        const n = to.note;
        return n[0] === NOTE.ENTRY && n[NOTE_ENTRY.rc] === -EFAULT && n[NOTE_ENTRY.ring]! >= 0;
      },
      "a read-only ring-data entry faulted on the write-back after its ring's pending list was updated",
    ),
    transition(
      P.ownerGone,
      'sometimes',
      (from, a, _to) => {
        if (a.kind !== ActionKind.destroy) return false;
        for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r]!.owner === a.dom && w(from, r, R_NPEND) > 0) return true;
        return false;
      },
      'a domain was destroyed while other domains had pending entries on its rings',
    ),
  ];
  return all.filter((p) => p.expectation === 'always' || cfg.witnesses === 'all' || cfg.witnesses.includes(p.name));
}

/** A delivered signal whose recipient is not the instance that asked (invariant 7's violation). */
const deliveredToAnother = (delivered: boolean, recipient: number, asked: number): boolean => delivered && recipient !== asked;
/** A dropped signal whose domid now holds another instance (the cookie check at work). */
const droppedForNewInstance = (delivered: boolean, recipient: number, asked: number): boolean => !delivered && recipient >= 0 && recipient !== asked;

/** Whether a signal note (`NOTE.SIGNALS`) lists a signal for which `test(delivered, recipient cookie or -1, asked cookie)` holds; false for any other note. */
function anySignal(n: Int32Array, test: (delivered: boolean, recipient: number, asked: number) => boolean): boolean {
  if (n[0] !== NOTE.SIGNALS) return false;
  for (let k = 0; k < n[NOTE_SIGNALS.count]!; k++) {
    const at = NOTE_SIGNALS.first + NOTE_SIGNALS.stride * k;
    if (test(n[at + NOTE_SIGNALS.delivered] === 1, n[at + NOTE_SIGNALS.recipient]!, n[at + NOTE_SIGNALS.asked]!)) return true;
  }
  return false;
}
