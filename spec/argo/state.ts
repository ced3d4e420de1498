import { freeze } from 'immer';
import { match } from 'ts-pattern';
import type { EncodeSink } from '../../checker/model.ts';
import {
  DOMID_ANY,
  ENTRY_FLAGS,
  ENTRY_INDEX,
  ENTRY_MMS,
  ENTRY_RC,
  MSG_LEN,
  MSG_SRC,
  MSG_STAMP,
  NO_COOKIE,
  NOTIFY_DROPPED,
  NOTIFY_ENTRIES,
  NOTIFY_PHASES,
  NOTIFY_RC,
  NOTIFY_SIGNALLED,
  OUT,
  PHASE_EXPECTED,
  RC_VALUE,
  SENDV_COOKIE,
  SENDV_DOM,
  SENDV_RC,
  SIGNALS_TRIPLES,
  SPACE_RING,
  SPACE_VALUE,
  WOKEN_PAIRS,
  WOKEN_RING,
  type ArgoCall,
  type ArgoOutcome,
  type ArgoState,
  type NotifyArgs,
  type NotifyEntry,
  type SpecNotify,
  type SpecRing,
} from './types.ts';

/** A ring slot as a configuration declares it. */
export interface RingDecl {
  readonly owner: number;
  readonly port: number;
  readonly partner: number;
  /** Bytes the guest set aside: the largest length it can register. */
  readonly capacity: number;
  /** Length registered in the initial state, or 0 for unregistered. */
  readonly len: number;
}

/** The initial reference state: every domain alive with cookie 0, the declared rings empty, no notify in flight. */
export function initialState(domainArgo: readonly boolean[], rings: readonly RingDecl[]): ArgoState {
  return freeze(
    {
      domains: domainArgo.map((argo) => ({ exists: true, cookie: 0, argo })),
      rings: rings.map((r) => ({
        owner: r.owner,
        port: r.port,
        partner: r.partner,
        capacity: r.capacity,
        registered: r.len > 0,
        len: r.len,
        partnerCookie: r.len > 0 && r.partner !== DOMID_ANY ? 0 : NO_COOKIE,
        tx: 0,
        rx: 0,
        junk: 0,
        msgs: [],
        pending: [],
      })),
      notify: domainArgo.map(() => null),
    },
    true,
  );
}

/** Two 32-bit FNV-1a digests of an argument list's content, computed once per (immutable) arguments object. */
const ARGS_DIGEST = new WeakMap<NotifyArgs, readonly [number, number]>();

function argsDigest(a: NotifyArgs): readonly [number, number] {
  let d = ARGS_DIGEST.get(a);
  if (d === undefined) {
    const text = JSON.stringify([a.handle, a.unusedNonZero, a.entries.map((e) => [e.dst, e.port, e.spaceRequired, e.maxMessageSize, e.fault])]);
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ text.length;
    for (let i = 0; i < text.length; i++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
    }
    ARGS_DIGEST.set(a, (d = [h1, h2]));
  }
  return d;
}

function encodeNotify(n: SpecNotify | null, sink: EncodeSink): void {
  if (n === null) {
    sink.u8(0xff);
    return;
  }
  sink.u8(NOTIFY_PHASES.indexOf(n.phase));
  // The arguments by content digest: a notify's arguments come from a fixed menu, and 256 entries would dominate the encoding.
  const [h1, h2] = argsDigest(n.args);
  sink.u32(h1);
  sink.u32(h2);
  sink.u32(n.args.entries.length);
  sink.u32(n.rings.length);
  for (const r of n.rings) sink.u32(r);
  sink.u32(n.space);
  sink.u32(n.toNotify.length);
  for (const x of n.toNotify) sink.i32(x);
  sink.u32(n.entry);
}

/** Canonical encoding: fixed field order; lists are already canonical (messages in ring order, pending sorted). */
export function encodeState(s: ArgoState, sink: EncodeSink): void {
  for (const d of s.domains) {
    sink.bool(d.exists);
    sink.u32(d.cookie);
  }
  for (const r of s.rings) {
    sink.bool(r.registered);
    sink.u32(r.len);
    sink.i32(r.partnerCookie);
    sink.u32(r.tx);
    sink.u32(r.rx >>> 0);
    sink.u32(r.junk);
    sink.u32(r.msgs.length);
    for (const m of r.msgs) {
      sink.i32(m.src);
      sink.i32(m.len);
      sink.i32(m.stamp);
    }
    sink.u32(r.pending.length);
    for (const p of r.pending) {
      sink.u32(p.dom);
      sink.u32(p.cookie);
      sink.u32(p.len);
    }
  }
  for (const n of s.notify) encodeNotify(n, sink);
}

function ringEquals(a: SpecRing, b: SpecRing): boolean {
  if (a.registered !== b.registered || a.len !== b.len || a.partnerCookie !== b.partnerCookie) return false;
  if (a.tx !== b.tx || a.rx !== b.rx || a.junk !== b.junk) return false;
  if (a.msgs.length !== b.msgs.length || a.pending.length !== b.pending.length) return false;
  for (let i = 0; i < a.msgs.length; i++) {
    const x = a.msgs[i]!;
    const y = b.msgs[i]!;
    if (x.src !== y.src || x.len !== y.len || x.stamp !== y.stamp) return false;
  }
  for (let i = 0; i < a.pending.length; i++) {
    const x = a.pending[i]!;
    const y = b.pending[i]!;
    if (x.dom !== y.dom || x.cookie !== y.cookie || x.len !== y.len) return false;
  }
  return true;
}

/**
 * Equality of what an impl state can stand for: domains and rings. The
 * spec's notify progress is its own bookkeeping, checked through the
 * outcome of every notify step rather than through the abstraction, so it
 * is not compared here (`abstractArgo` leaves it empty).
 */
export function stateEquals(a: ArgoState, b: ArgoState): boolean {
  if (a === b || (a.domains === b.domains && a.rings === b.rings)) return true;
  for (let i = 0; i < a.domains.length; i++) {
    const x = a.domains[i]!;
    const y = b.domains[i]!;
    if (x.exists !== y.exists || x.cookie !== y.cookie) return false;
  }
  for (let i = 0; i < a.rings.length; i++) if (!ringEquals(a.rings[i]!, b.rings[i]!)) return false;
  return true;
}

const partnerName = (p: number): string => (p === DOMID_ANY ? 'ANY' : `d${p}`);

/** One line per domain, per ring and per notify in flight, for diffs. */
export function formatState(s: ArgoState): string {
  const lines: string[] = [];
  s.domains.forEach((d, i) => lines.push(`d${i}: ${d.exists ? `alive cookie=${d.cookie}` : `destroyed (last cookie ${d.cookie})`}${d.argo ? '' : ' no-argo'}`));
  s.rings.forEach((r, i) => {
    const head = `ring${i} (d${r.owner}:${r.port} partner ${partnerName(r.partner)}, ${r.capacity} bytes)`;
    if (!r.registered) {
      lines.push(`${head}: unregistered`);
      return;
    }
    const msgs = r.msgs.map((m) => `d${m.src}/${m.len}#${m.stamp}`).join(' ');
    const pend = r.pending.map((p) => `d${p.dom}.c${p.cookie}≥${p.len}`).join(' ');
    const forWhom = r.partnerCookie === NO_COOKIE ? '' : ` for d${r.partner}.c${r.partnerCookie}`;
    lines.push(`${head}: len ${r.len}${forWhom} tx=${r.tx} rx=0x${(r.rx >>> 0).toString(16)} junk=${r.junk} msgs=[${msgs}] pending=[${pend}]`);
  });
  s.notify.forEach((n, d) => {
    if (n === null) return;
    lines.push(`spec: d${d} notify at ${n.phase} (rings [${n.rings.join(',')}], S=${n.space}, to-notify [${pairs(n.toNotify)}], entry ${n.entry})`);
  });
  return lines.join('\n');
}

function formatEntry(e: NotifyEntry): string {
  const fault = e.fault === 'none' ? '' : ` (${e.fault} fault)`;
  return `d${e.dst}:${e.port} need ${e.spaceRequired}${fault}`;
}

/** Compact rendering of notify arguments (long entry lists are summarised). */
export function formatNotifyArgs(a: NotifyArgs): string {
  const unused = a.unusedNonZero ? ' arg2..4≠0' : '';
  if (a.handle !== 'entries') return `${a.handle}${unused}`;
  if (a.entries.length > 6) return `[${a.entries.length} entries: ${formatEntry(a.entries[0]!)}, …, ${formatEntry(a.entries[a.entries.length - 1]!)}]${unused}`;
  return `[${a.entries.map(formatEntry).join(', ')}]${unused}`;
}

export function formatCall(c: ArgoCall): string {
  return match(c)
    .with({ kind: 'register' }, (x) => `d${x.caller} register ring${x.ring} len ${x.len}${x.failExist ? ' FAIL_EXIST' : ''}`)
    .with({ kind: 'unregister' }, (x) => `d${x.caller} unregister ring${x.ring}`)
    .with({ kind: 'sendv' }, (x) => `d${x.caller} sendv ${x.len}B to d${x.dst}:${x.port}${x.badNiov ? ' niov>MAXIOV' : ''}`)
    .with({ kind: 'consume' }, (x) => `consume ring${x.ring}`)
    .with({ kind: 'writeRx' }, (x) => `ring${x.ring} rx := 0x${(x.value >>> 0).toString(16)}`)
    .with({ kind: 'destroy' }, (x) => `destroy d${x.dom}`)
    .with({ kind: 'create' }, (x) => `create d${x.dom}`)
    .with({ kind: 'notify' }, (x) => `d${x.caller} notify ${formatNotifyArgs(x.args)}`)
    .with({ kind: 'notifyBegin' }, (x) => `d${x.caller} notify args ${formatNotifyArgs(x.args)}`)
    .with({ kind: 'notifySpace' }, (x) => `d${x.caller} notify: payload space of the next own ring`)
    .with({ kind: 'notifyPick' }, (x) => `d${x.caller} notify: pick waiters`)
    .with({ kind: 'notifySignal' }, (x) => `d${x.caller} notify: signal the picked`)
    .with({ kind: 'notifyHeader' }, (x) => `d${x.caller} notify: ring-data header`)
    .with({ kind: 'notifyEntry' }, (x) => `d${x.caller} notify: next ring-data entry`)
    .exhaustive();
}

function pairs(list: readonly number[]): string {
  const out: string[] = [];
  for (let k = 0; k + 1 < list.length; k += 2) out.push(`d${list[k]}.c${list[k + 1]}`);
  return out.join(' ');
}

export function formatOutcome(o: ArgoOutcome): string {
  switch (o[0]!) {
    case OUT.RC:
      return `rc ${o[RC_VALUE]}`;
    case OUT.SENDV:
      return o[SENDV_DOM]! >= 0 ? `rc ${o[SENDV_RC]}, signal d${o[SENDV_DOM]}.c${o[SENDV_COOKIE]}` : `rc ${o[SENDV_RC]}, no signal`;
    case OUT.MSG:
      return o.length > 1 ? `message d${o[MSG_SRC]}/${o[MSG_LEN]}#${o[MSG_STAMP]}` : 'nothing readable';
    case OUT.SPACE:
      return `ring${o[SPACE_RING]} payload space ${o[SPACE_VALUE]}`;
    case OUT.WOKEN:
      return `ring${o[WOKEN_RING]} woken [${pairs(o.slice(WOKEN_PAIRS))}]`;
    case OUT.SIGNALS: {
      const parts: string[] = [];
      for (let k = SIGNALS_TRIPLES; k + 2 < o.length; k += 3) parts.push(`d${o[k]}.c${o[k + 1]} ${o[k + 2] ? 'signalled' : 'dropped'}`);
      return `signals [${parts.join(', ')}]`;
    }
    case OUT.ENTRY:
      return `entry ${o[ENTRY_INDEX]}: rc ${o[ENTRY_RC]}, flags 0x${o[ENTRY_FLAGS]!.toString(16)}, max_message_size ${o[ENTRY_MMS]}`;
    case OUT.NOTIFY:
      return `rc ${o[NOTIFY_RC]}, ${o[NOTIFY_SIGNALLED]} signalled, ${o[NOTIFY_DROPPED]} dropped, entries [${o.slice(NOTIFY_ENTRIES).join(' ')}]`;
    case OUT.PHASE: {
      const p = o[PHASE_EXPECTED]!;
      return p < 0 ? 'no notify step expected (none in flight)' : `the spec expected the ${NOTIFY_PHASES[p]} step`;
    }
    default:
      return 'no outcome';
  }
}

export function outcomeEquals(a: ArgoOutcome, b: ArgoOutcome): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
