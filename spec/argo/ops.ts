import { castDraft, freeze, produce } from 'immer';
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
/**
 * `s` with ring `i` replaced: the same structure `produce` would give (a new
 * state and rings array sharing every other ring), frozen with immer's
 * `freeze`, without the cost of a draft for a one-slot replacement.
 */
const setRing = (s: ArgoState, i: number, ring: SpecRing): ArgoState => {
  const rings = s.rings.slice();
  rings[i] = freeze(ring, true);
  return freeze({ domains: s.domains, rings });
};

/**
 * Applies one call atomically. Deterministic: every call of this spec has a
 * single allowed outcome. The wake-all policy is where Argo's design admits
 * several outcomes (a waiter woken for space that is gone again, or not woken
 * for space freed meanwhile), and all of that latitude comes from the
 * interleaving: notify snapshots a ring's payload space S under the ring
 * lock, drops it, and later wakes every waiter with len ≤ S. The spec states
 * exactly that as two calls, `snapshotSpace` then `wakeWaiters(ring, S)`,
 * which the impl linearizes at its two critical sections; the lockstep
 * harness explores every action between them, so every outcome the design
 * allows is reached without an outcome set. `notifyAtomic` composes the calls
 * with nothing in between. Calls that change nothing return `s` itself.
 */
export function applyCall(s: ArgoState, call: ArgoCall): SpecResult {
  switch (call.kind) {
    case 'register': {
      const r = s.rings[call.ring]!;
      const d = s.domains[call.caller]!;
      if (!d.argo) return same(s, rc(-ENODEV));
      if (r.registered) return same(s, rc(-EEXIST));
      return same(setRing(s, call.ring, emptyRing(r, true)), rc(0));
    }
    case 'unregister': {
      const r = s.rings[call.ring]!;
      if (!s.domains[call.caller]!.argo) return same(s, rc(-ENODEV));
      if (!r.registered) return same(s, rc(-ENOENT));
      return same(setRing(s, call.ring, emptyRing(r, false)), rc(0));
    }
    case 'sendv':
      return sendv(s, call.caller, call.dst, call.port, call.len);
    case 'consume': {
      const r = s.rings[call.ring]!;
      const head = r.msgs[0];
      if (!r.registered || r.junk !== 0 || head === undefined) return same(s, [OUT.MSG]);
      const rx = (sanitiseRx(r.rx, r.len) + msgSize(head.len)) % r.len;
      return same(setRing(s, call.ring, { ...r, rx, msgs: r.msgs.slice(1) }), [OUT.MSG, head.src, head.len, head.stamp]);
    }
    case 'writeRx': {
      const r = s.rings[call.ring]!;
      const moved = { ...r, rx: call.value >>> 0 };
      const u = unread(moved);
      const msgs = fittingSuffix(r.msgs, u);
      return same(setRing(s, call.ring, { ...moved, msgs, junk: u - msgsBytes(msgs) }), [OUT.NONE]);
    }
    case 'destroy':
      return same(
        produce(s, (d) => {
          d.domains[call.dom]!.exists = false;
          for (let i = 0; i < d.rings.length; i++) if (d.rings[i]!.owner === call.dom) d.rings[i] = castDraft(emptyRing(s.rings[i]!, false));
        }),
        [OUT.NONE],
      );
    case 'create':
      return same(
        produce(s, (d) => {
          const dom = d.domains[call.dom]!;
          dom.exists = true;
          dom.cookie += 1;
        }),
        [OUT.NONE],
      );
    case 'notify':
      return notifyAtomic(s, call.caller, call.args);
    case 'notifyBegin':
      return same(s, rc(notifyBegin(s, call.caller, call.args)));
    case 'snapshotSpace':
      return same(s, [OUT.SPACE, payloadSpace(s.rings[call.ring]!)]);
    case 'wakeWaiters': {
      const r = s.rings[call.ring]!;
      const out: number[] = [OUT.WOKEN];
      for (const p of r.pending) if (p.len <= call.space) out.push(p.dom, p.cookie);
      if (out.length === 1) return same(s, out);
      return same(setRing(s, call.ring, { ...r, pending: r.pending.filter((p) => p.len > call.space) }), out);
    }
    case 'deliverSignals':
      return same(s, deliverSignals(s, call.list));
    case 'notifyHeader':
      return same(s, rc(notifyHeader(call.args)));
    case 'ringDataEntry':
      return ringDataEntry(s, call.caller, call.entry);
    default:
      return unreachable(call);
  }
}

function unreachable(call: never): never {
  throw new Error(`unknown Argo call ${JSON.stringify(call)}`);
}

function sendv(s: ArgoState, caller: number, dst: number, port: number, len: number): SpecResult {
  const me = s.domains[caller]!;
  if (!me.argo) return same(s, [OUT.SENDV, -ENODEV, -1, -1]);
  const i = findRing(s, dst, port, caller);
  if (i < 0) return same(s, [OUT.SENDV, -ECONNREFUSED, -1, -1]);
  const r = s.rings[i]!;
  if (len > r.len - RESERVED) return same(s, [OUT.SENDV, -EMSGSIZE, -1, -1]);
  if (!acceptsLen(r, len)) {
    const pending = requeue(r.pending, caller, me.cookie, len);
    const out: ArgoOutcome = [OUT.SENDV, -EAGAIN, -1, -1];
    return samePending(pending, r.pending) ? same(s, out) : same(setRing(s, i, { ...r, pending }), out);
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
  switch (args.handle) {
    case 'null':
    case 'entries':
      return 0;
    case 'fault':
      return -EFAULT;
    case 'badMagic':
      return -EINVAL;
    case 'tooMany':
      return -EACCES;
  }
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
  const out: ArgoOutcome = [OUT.ENTRY, 0, flags, max];
  return samePending(pending, r.pending) ? same(s, out) : same(setRing(s, i, { ...r, pending }), out);
}

/** Equal pending lists (by value): a call that leaves the list so changes nothing. */
function samePending(a: readonly SpecPending[], b: readonly SpecPending[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.dom !== b[k]!.dom || a[k]!.cookie !== b[k]!.cookie || a[k]!.len !== b[k]!.len) return false;
  return true;
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
