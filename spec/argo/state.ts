import { freeze } from 'immer';
import { match } from 'ts-pattern';
import type { EncodeSink } from '../../checker/model.ts';
import { DOMID_ANY, OUT, type ArgoCall, type ArgoOutcome, type ArgoState, type NotifyArgs, type SpecRing } from './types.ts';

/** A ring slot as a configuration declares it. */
export interface RingDecl {
  readonly owner: number;
  readonly port: number;
  readonly partner: number;
  readonly len: number;
  /** Registered in the initial state. */
  readonly registered: boolean;
}

/** The initial reference state: every domain alive with cookie 0, the declared rings empty. */
export function initialState(domainArgo: readonly boolean[], rings: readonly RingDecl[]): ArgoState {
  return freeze(
    {
      domains: domainArgo.map((argo) => ({ exists: true, cookie: 0, argo })),
      rings: rings.map((r) => ({ ...r, tx: 0, rx: 0, junk: 0, msgs: [], pending: [] })),
    },
    true,
  );
}

/** Canonical encoding: fixed field order; lists are already canonical (messages in ring order, pending sorted). */
export function encodeState(s: ArgoState, sink: EncodeSink): void {
  for (const d of s.domains) {
    sink.bool(d.exists);
    sink.u32(d.cookie);
  }
  for (const r of s.rings) {
    sink.bool(r.registered);
    sink.u32(r.tx);
    sink.u32(r.rx >>> 0);
    sink.u32(r.junk);
    sink.u32(r.msgs.length);
    for (const m of r.msgs) {
      sink.u32(m.src);
      sink.u32(m.len);
      sink.u32(m.stamp);
    }
    sink.u32(r.pending.length);
    for (const p of r.pending) {
      sink.u32(p.dom);
      sink.u32(p.cookie);
      sink.u32(p.len);
    }
  }
}

function ringEquals(a: SpecRing, b: SpecRing): boolean {
  if (a.registered !== b.registered || a.tx !== b.tx || a.rx !== b.rx || a.junk !== b.junk) return false;
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

/** Structural equality of the dynamic parts (the static ring declarations are shared). */
export function stateEquals(a: ArgoState, b: ArgoState): boolean {
  if (a === b) return true;
  for (let i = 0; i < a.domains.length; i++) {
    const x = a.domains[i]!;
    const y = b.domains[i]!;
    if (x.exists !== y.exists || x.cookie !== y.cookie) return false;
  }
  for (let i = 0; i < a.rings.length; i++) if (!ringEquals(a.rings[i]!, b.rings[i]!)) return false;
  return true;
}

const partnerName = (p: number): string => (p === DOMID_ANY ? 'ANY' : `d${p}`);

/** One line per domain and per ring, for diffs. */
export function formatState(s: ArgoState): string {
  const lines: string[] = [];
  s.domains.forEach((d, i) => lines.push(`d${i}: ${d.exists ? `alive cookie=${d.cookie}` : `destroyed (last cookie ${d.cookie})`}${d.argo ? '' : ' no-argo'}`));
  s.rings.forEach((r, i) => {
    const head = `ring${i} (d${r.owner}:${r.port} partner ${partnerName(r.partner)} len ${r.len})`;
    if (!r.registered) {
      lines.push(`${head}: unregistered`);
      return;
    }
    const msgs = r.msgs.map((m) => `d${m.src}/${m.len}#${m.stamp}`).join(' ');
    const pend = r.pending.map((p) => `d${p.dom}.c${p.cookie}≥${p.len}`).join(' ');
    lines.push(`${head}: tx=${r.tx} rx=0x${(r.rx >>> 0).toString(16)} junk=${r.junk} msgs=[${msgs}] pending=[${pend}]`);
  });
  return lines.join('\n');
}

/** Compact rendering of notify arguments. */
export function formatNotifyArgs(a: NotifyArgs): string {
  const unused = a.unusedNonZero ? ' arg2..4≠0' : '';
  if (a.handle !== 'entries') return `${a.handle}${unused}`;
  const ents = a.entries.map((e) => (e.fault ? 'FAULT' : `d${e.dst}:${e.port} need ${e.spaceRequired}`)).join(', ');
  return `[${ents}]${unused}`;
}

export function formatCall(c: ArgoCall): string {
  return match(c)
    .with({ kind: 'register' }, (x) => `d${x.caller} register ring${x.ring}`)
    .with({ kind: 'unregister' }, (x) => `d${x.caller} unregister ring${x.ring}`)
    .with({ kind: 'sendv' }, (x) => `d${x.caller} sendv ${x.len}B to d${x.dst}:${x.port}`)
    .with({ kind: 'consume' }, (x) => `consume ring${x.ring}`)
    .with({ kind: 'writeRx' }, (x) => `ring${x.ring} rx := 0x${(x.value >>> 0).toString(16)}`)
    .with({ kind: 'destroy' }, (x) => `destroy d${x.dom}`)
    .with({ kind: 'create' }, (x) => `create d${x.dom}`)
    .with({ kind: 'notify' }, (x) => `d${x.caller} notify ${formatNotifyArgs(x.args)}`)
    .with({ kind: 'notifyBegin' }, (x) => `d${x.caller} notify args ${formatNotifyArgs(x.args)}`)
    .with({ kind: 'snapshotSpace' }, (x) => `payload space of ring${x.ring}`)
    .with({ kind: 'wakeWaiters' }, (x) => `wake waiters ≤ ${x.space} on ring${x.ring}`)
    .with({ kind: 'deliverSignals' }, (x) => `signal [${pairs(x.list)}]`)
    .with({ kind: 'notifyHeader' }, (x) => `d${x.caller} ring-data header ${formatNotifyArgs(x.args)}`)
    .with({ kind: 'ringDataEntry' }, (x) => `d${x.caller} ring-data entry ${x.entry.fault ? 'FAULT' : `d${x.entry.dst}:${x.entry.port} need ${x.entry.spaceRequired}`}`)
    .exhaustive();
}

function pairs(list: readonly number[]): string {
  const out: string[] = [];
  for (let k = 0; k + 1 < list.length; k += 2) out.push(`d${list[k]}.c${list[k + 1]}`);
  return out.join(' ');
}

export function formatOutcome(o: ArgoOutcome): string {
  switch (o[0]) {
    case OUT.RC:
      return `rc ${o[1]}`;
    case OUT.SENDV:
      return o[2]! >= 0 ? `rc ${o[1]}, signal d${o[2]}.c${o[3]}` : `rc ${o[1]}, no signal`;
    case OUT.MSG:
      return o.length > 1 ? `message d${o[1]}/${o[2]}#${o[3]}` : 'nothing readable';
    case OUT.SPACE:
      return `payload space ${o[1]}`;
    case OUT.WOKEN:
      return `woken [${pairs(o.slice(1))}]`;
    case OUT.SIGNALS: {
      const parts: string[] = [];
      for (let k = 1; k + 2 < o.length; k += 3) parts.push(`d${o[k]}.c${o[k + 1]} ${o[k + 2] ? 'signalled' : 'dropped'}`);
      return `signals [${parts.join(', ')}]`;
    }
    case OUT.ENTRY:
      return `rc ${o[1]}, flags 0x${o[2]!.toString(16)}, max_message_size ${o[3]}`;
    case OUT.NOTIFY:
      return `rc ${o[1]}, ${o[2]} signalled, ${o[3]} dropped, entries [${o.slice(4).join(' ')}]`;
    default:
      return 'no outcome';
  }
}

export function outcomeEquals(a: ArgoOutcome, b: ArgoOutcome): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
