import { castDraft, produce } from 'immer';
import { match } from 'ts-pattern';
import { acceptsLen, fittingSuffix, msgsBytes, msgSize, payloadSpace, sanitiseRx, unread } from './ring.ts';
import {
  DOMID_ANY, EACCES, EAGAIN, EEXIST, EFAULT, EINVAL, EMSGSIZE, ENODEV, ENOENT, F_EMPTY, F_EXISTS, F_PENDING, F_SUFFICIENT,
  OUT, RESERVED, type ArgoCall, type ArgoOutcome, type ArgoState, type NotifyArgs, type NotifyEntry, type SpecPending, type SpecRing,
} from './types.ts';

/** `-ECONNREFUSED`: sendv to a ring that does not exist. */
export const ECONNREFUSED = 111;

/** A successor state with the outcome the call produced. */
export interface SpecResult {
  readonly state: ArgoState;
  readonly outcome: ArgoOutcome;
}

/** The ring `src` reaches at (dst, port): exact partner first, then the wildcard. Partner cookies are not modelled. */
export function findRing(s: ArgoState, dst: number, port: number, src: number): number {
  const d = s.domains[dst];
  if (d === undefined || !d.exists || !d.argo) return -1;
  let wildcard = -1;
  for (let i = 0; i < s.rings.length; i++) {
    const r = s.rings[i]!;
    if (!r.registered || r.owner !== dst || r.port !== port) continue;
    if (r.partner === src) return i;
    if (r.partner === DOMID_ANY && wildcard < 0) wildcard = i;
  }
  return wildcard;
}

/** A ring with no messages, no pending entries and pointers at 0. */
export function emptyRing(r: SpecRing, registered: boolean): SpecRing {
  return { ...r, registered, tx: 0, rx: 0, junk: 0, msgs: [], pending: [] };
}

const byInstance = (a: SpecPending, b: SpecPending): number => a.dom - b.dom || a.cookie - b.cookie;

/** Pending list with (dom, cookie) waiting for at least `len` (one entry per sender instance; requeue raises its length). */
function requeue(pending: readonly SpecPending[], dom: number, cookie: number, len: number): SpecPending[] {
  const old = pending.find((p) => p.dom === dom && p.cookie === cookie);
  const rest = pending.filter((p) => p !== old);
  rest.push({ dom, cookie, len: old === undefined ? len : Math.max(old.len, len) });
  return rest.sort(byInstance);
}

const rc = (value: number): ArgoOutcome => [OUT.RC, value];
const same = (s: ArgoState, outcome: ArgoOutcome): SpecResult => ({ state: s, outcome });
const setRing = (s: ArgoState, i: number, ring: SpecRing): ArgoState =>
  produce(s, (d) => {
    d.rings[i] = castDraft(ring);
  });

/**
 * Applies one call atomically. Deterministic: every call of this spec has a
 * single allowed outcome once notify is cut at its linearization steps (see
 * `notify.ts` for why the wake-all policy needs no outcome set here).
 */
export function applyCall(s: ArgoState, call: ArgoCall): SpecResult {
  return match(call)
    .with({ kind: 'register' }, (c) => {
      const r = s.rings[c.ring]!;
      const d = s.domains[c.caller]!;
      if (!d.argo) return same(s, rc(-ENODEV));
      if (r.registered) return same(s, rc(-EEXIST));
      return same(setRing(s, c.ring, emptyRing(r, true)), rc(0));
    })
    .with({ kind: 'unregister' }, (c) => {
      const r = s.rings[c.ring]!;
      if (!s.domains[c.caller]!.argo) return same(s, rc(-ENODEV));
      if (!r.registered) return same(s, rc(-ENOENT));
      return same(setRing(s, c.ring, emptyRing(r, false)), rc(0));
    })
    .with({ kind: 'sendv' }, (c) => sendv(s, c.caller, c.dst, c.port, c.len))
    .with({ kind: 'consume' }, (c) => {
      const r = s.rings[c.ring]!;
      const head = r.msgs[0];
      if (!r.registered || r.junk !== 0 || head === undefined) return same(s, [OUT.MSG]);
      const rx = (sanitiseRx(r.rx, r.len) + msgSize(head.len)) % r.len;
      return same(setRing(s, c.ring, { ...r, rx, msgs: r.msgs.slice(1) }), [OUT.MSG, head.src, head.len, head.stamp]);
    })
    .with({ kind: 'writeRx' }, (c) => {
      const r = s.rings[c.ring]!;
      const moved = { ...r, rx: c.value >>> 0 };
      const u = unread(moved);
      const msgs = fittingSuffix(r.msgs, u);
      return same(setRing(s, c.ring, { ...moved, msgs, junk: u - msgsBytes(msgs) }), [OUT.NONE]);
    })
    .with({ kind: 'destroy' }, (c) =>
      same(
        produce(s, (d) => {
          d.domains[c.dom]!.exists = false;
          for (let i = 0; i < d.rings.length; i++) if (d.rings[i]!.owner === c.dom) d.rings[i] = castDraft(emptyRing(s.rings[i]!, false));
        }),
        [OUT.NONE],
      ),
    )
    .with({ kind: 'create' }, (c) =>
      same(
        produce(s, (d) => {
          const dom = d.domains[c.dom]!;
          dom.exists = true;
          dom.cookie += 1;
        }),
        [OUT.NONE],
      ),
    )
    .with({ kind: 'notify' }, (c) => notifyAtomic(s, c.caller, c.args))
    .with({ kind: 'notifyBegin' }, (c) => same(s, rc(notifyBegin(s, c.caller, c.args))))
    .with({ kind: 'snapshotSpace' }, (c) => same(s, [OUT.SPACE, payloadSpace(s.rings[c.ring]!)]))
    .with({ kind: 'wakeWaiters' }, (c) => {
      const r = s.rings[c.ring]!;
      const woken = r.pending.filter((p) => p.len <= c.space);
      const out: number[] = [OUT.WOKEN];
      for (const p of woken) out.push(p.dom, p.cookie);
      return same(setRing(s, c.ring, { ...r, pending: r.pending.filter((p) => p.len > c.space) }), out);
    })
    .with({ kind: 'deliverSignals' }, (c) => same(s, deliverSignals(s, c.list)))
    .with({ kind: 'notifyHeader' }, (c) => same(s, rc(notifyHeader(c.args))))
    .with({ kind: 'ringDataEntry' }, (c) => ringDataEntry(s, c.caller, c.entry))
    .exhaustive();
}

function sendv(s: ArgoState, caller: number, dst: number, port: number, len: number): SpecResult {
  const me = s.domains[caller]!;
  if (!me.argo) return same(s, [OUT.SENDV, -ENODEV, -1, -1]);
  const i = findRing(s, dst, port, caller);
  if (i < 0) return same(s, [OUT.SENDV, -ECONNREFUSED, -1, -1]);
  const r = s.rings[i]!;
  if (len > r.len - RESERVED) return same(s, [OUT.SENDV, -EMSGSIZE, -1, -1]);
  if (!acceptsLen(r, len)) {
    return same(setRing(s, i, { ...r, pending: requeue(r.pending, caller, me.cookie, len) }), [OUT.SENDV, -EAGAIN, -1, -1]);
  }
  const msgs = [...r.msgs, { src: caller, len, stamp: r.tx / 16 }];
  const owner = s.domains[r.owner]!;
  return same(setRing(s, i, { ...r, msgs, tx: (r.tx + msgSize(len)) % r.len }), [OUT.SENDV, len, r.owner, owner.cookie]);
}

/** The argument checks at the top of notify: 0 to go on, or the error returned. */
export function notifyBegin(s: ArgoState, caller: number, args: NotifyArgs): number {
  if (args.unusedNonZero) return -EINVAL;
  if (!s.domains[caller]!.argo) return -ENODEV;
  return 0;
}

/** Checks of the ring-data header, after the pending check: 0 to go on to the entries. */
export function notifyHeader(args: NotifyArgs): number {
  return match(args.handle)
    .with('null', 'entries', () => 0)
    .with('fault', () => -EFAULT)
    .with('badMagic', () => -EINVAL)
    .with('tooMany', () => -EACCES)
    .exhaustive();
}

/** Signals each listed (dom, cookie) whose domain still exists with that cookie; the others are dropped. */
export function deliverSignals(s: ArgoState, list: readonly number[]): ArgoOutcome {
  const out: number[] = [OUT.SIGNALS];
  for (let k = 0; k + 1 < list.length; k += 2) {
    const d = s.domains[list[k]!];
    const ok = d !== undefined && d.exists && d.argo && d.cookie === list[k + 1];
    out.push(list[k]!, list[k + 1]!, ok ? 1 : 0);
  }
  return out;
}

/** One ring-data entry: the flags and max_message_size written back, and the pending list updated. */
export function ringDataEntry(s: ArgoState, caller: number, e: NotifyEntry): SpecResult {
  if (e.fault) return same(s, [OUT.ENTRY, -EFAULT, 0, 0]);
  const i = findRing(s, e.dst, e.port, caller);
  if (i < 0) return same(s, [OUT.ENTRY, 0, 0, 0]);
  const r = s.rings[i]!;
  const cookie = s.domains[caller]!.cookie;
  const max = r.len - RESERVED;
  const space = payloadSpace(r);
  let flags = F_EXISTS | (space === max ? F_EMPTY : 0);
  let pending: readonly SpecPending[];
  if (space >= e.spaceRequired) {
    flags |= F_SUFFICIENT;
    pending = r.pending.filter((p) => !(p.dom === caller && p.cookie === cookie));
  } else {
    flags |= F_PENDING;
    pending = requeue(r.pending, caller, cookie, e.spaceRequired);
  }
  return same(setRing(s, i, { ...r, pending }), [OUT.ENTRY, 0, flags, max]);
}

/** The caller's registered rings, in slot order: the order notify visits them. */
export function ownRings(s: ArgoState, caller: number): number[] {
  const out: number[] = [];
  s.rings.forEach((r, i) => {
    if (r.registered && r.owner === caller) out.push(i);
  });
  return out;
}

/**
 * Notify as one atomic operation: the composition of its linearization
 * steps with nothing in between. For every own ring: snapshot the payload
 * space S, then (if S > 0) wake every waiter with len ≤ S; then signal the
 * woken; then, with a handle, check the header and fill the entries.
 * Outcome: [NOTIFY, rc, delivered, dropped, flags, mms per entry processed].
 */
export function notifyAtomic(s0: ArgoState, caller: number, args: NotifyArgs): SpecResult {
  const begin = notifyBegin(s0, caller, args);
  if (begin !== 0) return same(s0, [OUT.NOTIFY, begin, 0, 0]);
  let s = s0;
  const list: number[] = [];
  for (const i of ownRings(s, caller)) {
    const space = payloadSpace(s.rings[i]!);
    if (space === 0) continue;
    const r = applyCall(s, { kind: 'wakeWaiters', ring: i, space });
    s = r.state;
    list.push(...r.outcome.slice(1));
  }
  const sig = deliverSignals(s, list);
  let delivered = 0;
  for (let k = 3; k < sig.length; k += 3) delivered += sig[k]!;
  const out: number[] = [OUT.NOTIFY, 0, delivered, list.length / 2 - delivered];
  if (args.handle === 'null') return same(s, out);
  const header = notifyHeader(args);
  if (header !== 0) {
    out[1] = header;
    return same(s, out);
  }
  for (const e of args.entries) {
    const r = ringDataEntry(s, caller, e);
    s = r.state;
    if (r.outcome[1] !== 0) {
      out[1] = r.outcome[1]!;
      break;
    }
    out.push(r.outcome[2]!, r.outcome[3]!);
  }
  return same(s, out);
}
