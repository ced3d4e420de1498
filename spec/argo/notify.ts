import { payloadSpace } from './ring.ts';
import { findRing, frozenProgress, frozenState, rc, requeue, same, samePending, setRing, type SpecResult } from './primitives.ts';
import {
  EACCES,
  EFAULT,
  EINVAL,
  ENODEV,
  ENTRY_FLAGS,
  ENTRY_MMS,
  ENTRY_RC,
  F_EMPTY,
  F_EXISTS,
  F_PENDING,
  F_SUFFICIENT,
  NOTIFY_PHASES,
  OUT,
  RC_VALUE,
  RESERVED,
  SIGNALS_TRIPLES,
  WOKEN_PAIRS,
  type ArgoCall,
  type ArgoOutcome,
  type ArgoState,
  type NotifyArgs,
  type NotifyPhase,
  type SpecNotify,
  type SpecPending,
} from './types.ts';

/**
 * Notify, as the spec follows it. A notify in flight is spec progress
 * (`ArgoState.notify[caller]`): the own rings still to visit, the payload
 * space the spec measured at the current ring's snapshot, the waiters it
 * picked and the next entry. Each step call names only the caller; the spec
 * works out from its progress and its own state what the step must produce.
 * A step the progress does not expect answers `[PHASE, expected]`, which no
 * impl outcome equals.
 */

type StepCall = Extract<ArgoCall, { kind: 'notifyBegin' | 'notifySpace' | 'notifyPick' | 'notifySignal' | 'notifyHeader' | 'notifyEntry' }>;

const PHASE_OF = {
  notifySpace: 'space',
  notifyPick: 'pick',
  notifySignal: 'signal',
  notifyHeader: 'header',
  notifyEntry: 'entry',
} as const satisfies Record<Exclude<StepCall['kind'], 'notifyBegin'>, NotifyPhase>;

/** `s` with `caller`'s progress replaced (`null`: the notify is over). */
function withProgress(s: ArgoState, caller: number, n: SpecNotify | null): ArgoState {
  const notify = s.notify.slice();
  notify[caller] = n === null ? null : frozenProgress(n);
  return frozenState(s.domains, s.rings, notify);
}

/** The argument checks at the top of notify: 0 to go on, or the error returned (-EINVAL is decided before the caller's Argo state is looked at). */
export function notifyBeginRc(s: ArgoState, caller: number, args: NotifyArgs): number {
  if (args.unusedNonZero) return -EINVAL;
  if (!s.domains[caller]!.argo) return -ENODEV;
  return 0;
}

/** Checks of the ring-data header, after the pending check: 0 to go on to the entries. */
export function notifyHeaderRc(args: NotifyArgs): number {
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

/** The caller's registered rings, in slot order: the order notify visits them. */
export function ownRings(s: ArgoState, caller: number): number[] {
  const out: number[] = [];
  s.rings.forEach((r, i) => {
    if (r.registered && r.owner === caller) out.push(i);
  });
  return out;
}

/** Progress after the current ring: the next own ring's snapshot, or the signals. */
function nextRing(n: SpecNotify): SpecNotify {
  const rings = n.rings.slice(1);
  return { ...n, rings, space: 0, phase: rings.length > 0 ? 'space' : 'signal' };
}

/** Progress after the entry `n.entry` answered `rc` (null: the notify is over). */
function afterEntry(n: SpecNotify, entryRc: number): SpecNotify | null {
  return entryRc !== 0 || n.entry + 1 >= n.args.entries.length ? null : { ...n, entry: n.entry + 1 };
}

/** Applies one notify step call to `caller`'s progress. */
export function notifyStep(s: ArgoState, call: StepCall): SpecResult {
  const caller = call.caller;
  if (call.kind === 'notifyBegin') {
    const begin = notifyBeginRc(s, caller, call.args);
    if (begin !== 0) return same(s.notify[caller] === null ? s : withProgress(s, caller, null), rc(begin));
    const rings = ownRings(s, caller);
    const n: SpecNotify = { args: call.args, phase: rings.length > 0 ? 'space' : 'signal', rings, space: 0, toNotify: [], entry: 0 };
    return same(withProgress(s, caller, n), rc(0));
  }
  const n = s.notify[caller] ?? null;
  if (n === null || n.phase !== PHASE_OF[call.kind]) return same(s, [OUT.PHASE, n === null ? -1 : NOTIFY_PHASES.indexOf(n.phase)]);
  switch (n.phase) {
    case 'space': {
      const r = n.rings[0]!;
      const space = payloadSpace(s.rings[r]!);
      const next = space === 0 ? nextRing(n) : { ...n, phase: 'pick' as const, space };
      return same(withProgress(s, caller, next), [OUT.SPACE, r, space]);
    }
    case 'pick': {
      const r = n.rings[0]!;
      const ring = s.rings[r]!;
      const out: number[] = [OUT.WOKEN, r];
      const kept: SpecPending[] = [];
      for (const p of ring.pending) {
        if (p.len <= n.space) out.push(p.dom, p.cookie);
        else kept.push(p);
      }
      const next = nextRing({ ...n, toNotify: [...n.toNotify, ...out.slice(WOKEN_PAIRS)] });
      const picked = kept.length === ring.pending.length ? s : setRing(s, r, { ...ring, pending: kept });
      return same(withProgress(picked, caller, next), out);
    }
    case 'signal': {
      const out = deliverSignals(s, n.toNotify);
      return same(withProgress(s, caller, n.args.handle === 'null' ? null : { ...n, toNotify: [], phase: 'header' }), out);
    }
    case 'header': {
      const header = notifyHeaderRc(n.args);
      const done = header !== 0 || n.args.entries.length === 0;
      return same(withProgress(s, caller, done ? null : { ...n, phase: 'entry', entry: 0 }), rc(header));
    }
    case 'entry': {
      const r = ringDataEntry(s, caller, n.entry, n.args);
      return same(withProgress(r.state, caller, afterEntry(n, r.outcome[ENTRY_RC]!)), r.outcome);
    }
  }
}

/** Signals each listed (dom, cookie) whose domain still exists with Argo and that cookie; the others are dropped. */
export function deliverSignals(s: ArgoState, list: readonly number[]): ArgoOutcome {
  const out: number[] = [OUT.SIGNALS];
  for (let k = 0; k + 1 < list.length; k += 2) {
    const d = s.domains[list[k]!];
    const ok = d !== undefined && d.exists && d.argo && d.cookie === list[k + 1];
    out.push(list[k]!, list[k + 1]!, ok ? 1 : 0);
  }
  return out;
}

/**
 * Entry `k` of the ring-data array: an unreadable entry is -EFAULT with
 * nothing changed; otherwise flags start at 0 and, when a ring matches,
 * EXISTS, `max_message_size = len − 32`, SUFFICIENT (the caller's waits on
 * it cancelled) or PENDING (requeued for `space_required`), and EMPTY when
 * the payload space is the whole ring's. A read-only entry faults on the
 * write-back, after the pending list already changed. Without a ring, the
 * guest's own `max_message_size` is written back unchanged.
 */
export function ringDataEntry(s: ArgoState, caller: number, k: number, args: NotifyArgs): SpecResult {
  const e = args.entries[k]!;
  if (e.fault === 'read') return same(s, [OUT.ENTRY, k, -EFAULT, 0, 0]);
  const i = findRing(s, e.dst, e.port, caller);
  let flags = 0;
  let mms = e.maxMessageSize;
  let next = s;
  if (i >= 0) {
    const r = s.rings[i]!;
    const cookie = s.domains[caller]!.cookie;
    mms = r.len - RESERVED;
    const space = payloadSpace(r);
    flags = F_EXISTS | (space === mms ? F_EMPTY : 0);
    let pending: readonly SpecPending[];
    if (space >= e.spaceRequired) {
      flags |= F_SUFFICIENT;
      pending = r.pending.filter((p) => !(p.dom === caller && p.cookie === cookie));
    } else {
      flags |= F_PENDING;
      pending = requeue(r.pending, caller, cookie, e.spaceRequired);
    }
    if (!samePending(pending, r.pending)) next = setRing(s, i, { ...r, pending });
  }
  if (e.fault === 'write') return same(next, [OUT.ENTRY, k, -EFAULT, 0, 0]);
  return same(next, [OUT.ENTRY, k, 0, flags, mms]);
}

/**
 * Notify as one atomic operation: its steps with nothing in between. For
 * every own ring: snapshot the payload space S, then (if S > 0) pick every
 * waiter with len ≤ S; then signal the picked; then, with a handle, check
 * the header and answer the entries up to the first fault.
 * Outcome: [NOTIFY, rc, delivered, dropped, flags, mms per entry written back].
 */
export function notifyAtomic(s0: ArgoState, caller: number, args: NotifyArgs): SpecResult {
  const out: number[] = [OUT.NOTIFY, 0, 0, 0];
  let r = notifyStep(s0, { kind: 'notifyBegin', caller, args });
  out[1] = r.outcome[RC_VALUE]!;
  let s = r.state;
  for (let n = s.notify[caller]; n !== null && n !== undefined; n = s.notify[caller]) {
    r = notifyStep(s, { kind: STEP_OF[n.phase], caller });
    s = r.state;
    const o = r.outcome;
    switch (o[0]!) {
      case OUT.SIGNALS:
        for (let k = SIGNALS_TRIPLES + 2; k < o.length; k += 3) out[o[k] === 1 ? 2 : 3]!++;
        break;
      case OUT.RC:
        out[1] = o[RC_VALUE]!;
        break;
      case OUT.ENTRY:
        if (o[ENTRY_RC] !== 0) out[1] = o[ENTRY_RC]!;
        else out.push(o[ENTRY_FLAGS]!, o[ENTRY_MMS]!);
        break;
      default:
        break;
    }
  }
  return same(s, out);
}

const STEP_OF = {
  space: 'notifySpace',
  pick: 'notifyPick',
  signal: 'notifySignal',
  header: 'notifyHeader',
  entry: 'notifyEntry',
} as const satisfies Record<NotifyPhase, Exclude<StepCall['kind'], 'notifyBegin'>>;
