import { DONE, type OperationDef, type StepResult } from '../../checker/step-machine.ts';
import type { StepReport } from '../../checker/refinement.ts';
import { EACCES, EFAULT, EINVAL, ENODEV, ENTRY_RC, notifyNent, OUT, type ArgoCall, type ArgoOutcome, type NotifyArgs } from '../../spec/argo/types.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, F_CUR, F_ENT, F_NTO, F_SPACE, F_TO, frame, R_REG, ring, type ArgoImpl, type Layout } from './layout.ts';
import { argoFillRingData, NOTE, NOTE_ENTRY, NOTE_SIGNALS, setNote } from './ops.ts';
import { argoPendingFind, argoSignalDomid } from './pending.ts';
import type { ArgoQuirks } from './quirks.ts';
import { argoRingbufPayloadSpace } from './ringbuf.ts';

/** What a notify step runs against: the mutable impl state and the call's fixed arguments. */
export interface NotifyWorld {
  /** The state being stepped; a world is reused, with `s` swapped in per step. */
  s: ArgoImpl;
  readonly L: Layout;
  readonly caller: number;
  readonly args: NotifyArgs;
  readonly q: ArgoQuirks;
  /** The spec calls this notify's steps report, made once (the lockstep harness memoizes the spec per call object). */
  readonly calls: NotifyCalls;
}

/** The spec call each step reports. They name the caller only: the spec works out the rest itself. */
export interface NotifyCalls {
  readonly begin: ArgoCall;
  readonly space: ArgoCall;
  readonly pick: ArgoCall;
  readonly signal: ArgoCall;
  readonly header: ArgoCall;
  readonly entry: ArgoCall;
}

/** A notify world for `caller` with `args`, stepping `s` until another state is swapped in. */
export function notifyWorld(s: ArgoImpl, L: Layout, caller: number, args: NotifyArgs, q: ArgoQuirks): NotifyWorld {
  const calls: NotifyCalls = {
    begin: { kind: 'notifyBegin', caller, args },
    space: { kind: 'notifySpace', caller },
    pick: { kind: 'notifyPick', caller },
    signal: { kind: 'notifySignal', caller },
    header: { kind: 'notifyHeader', caller },
    entry: { kind: 'notifyEntry', caller },
  };
  return { s, L, caller, args, q, calls };
}

/** Reports are the refinement harness's: each step names its spec call and its outcome. */
export type ArgoReport = StepReport<ArgoCall, ArgoOutcome>;

/** The frame's locals live in the impl state's words (`F_*`), so the step machine's own locals are unused. */
type Locals = 0;

/** Program counters of `argoNotifyOp`'s steps. */
export const NotifyPc = {
  begin: 0,
  space: 1,
  pick: 2,
  signal: 3,
  header: 4,
  entry: 5,
} as const;

/** The step results, made once: a step allocates no result. */
const GOTO: readonly StepResult<Locals>[] = Object.values(NotifyPc).map((pc) => ({ pc, locals: 0 }));
const goto = (pc: number): StepResult<Locals> => GOTO[pc]!;

function lin(report: ArgoReport, call: ArgoCall, outcome: ArgoOutcome): void {
  report.lin = call;
  report.outcome = outcome;
}

/** The caller's next registered ring after slot `after`, or -1: notify visits its rings in slot order. */
function nextOwnRing(w: NotifyWorld, after: number): number {
  for (let r = after + 1; r < w.L.nRing; r++) {
    if (w.L.shape.rings[r]!.owner === w.caller && w.s.w[ring(w.L, r, R_REG)] === 1) return r;
  }
  return -1;
}

function advance(w: NotifyWorld): StepResult<Locals> {
  const next = nextOwnRing(w, w.s.w[frame(w.L, w.caller, F_CUR)]!);
  w.s.w[frame(w.L, w.caller, F_CUR)] = next;
  return goto(next >= 0 ? NotifyPc.space : NotifyPc.signal);
}

/**
 * `argo_notify` as a step machine. Xen holds the global Argo lock (read)
 * throughout, so domains cannot be destroyed meanwhile, and the caller's own
 * ring set is stable (its ring lock is held for read). But
 * `argo_notify_ring` computes a ring's payload space under the ring lock,
 * drops it, and `argo_pending_find` re-takes it to pick the waiters: a
 * sender or the receiver may act in between (the wake-all window). Signals
 * go out after all rings, then the ring-data header and entries follow, one
 * entry per step (each takes its destination ring's lock).
 *
 * Steps that write only the caller's frame (and the note) set
 * `report.abstractUnchanged`: argument and header checks, the payload-space
 * snapshot, a pick that moved nobody, the signals, and an entry that faults
 * on reading or names no ring. `abstractArgo` reads no frame word, so its
 * result is unchanged; the lockstep harness re-checks such claims on a
 * sample of steps during every run.
 */
export const argoNotifyOp: OperationDef<NotifyWorld, null, Locals, ArgoReport> = {
  name: 'notify',
  begin: () => 0,
  steps: [
    {
      name: 'check arguments',
      linearizes: true,
      run(w, _l, report) {
        let rc = 0;
        if (w.args.unusedNonZero) rc = -EINVAL;
        else if (w.s.w[dom(w.L, w.caller, D_ARGO)] !== 1 || w.s.w[dom(w.L, w.caller, D_EXISTS)] !== 1) rc = -ENODEV;
        lin(report, w.calls.begin, [OUT.RC, rc]);
        report.abstractUnchanged = true;
        if (rc !== 0) return DONE;
        w.s.w[frame(w.L, w.caller, F_CUR)] = -1;
        return advance(w);
      },
    },
    {
      name: 'payload space (ring lock)',
      linearizes: true,
      run(w, _l, report) {
        const r = w.s.w[frame(w.L, w.caller, F_CUR)]!;
        const space = argoRingbufPayloadSpace(w.s, w.L, r, w.q);
        lin(report, w.calls.space, [OUT.SPACE, r, space]);
        setNote(w.s, NOTE.SPACE, r, space, 0);
        report.abstractUnchanged = true;
        if (space === 0) return advance(w);
        w.s.w[frame(w.L, w.caller, F_SPACE)] = space;
        return goto(NotifyPc.pick);
      },
    },
    {
      name: 'pick waiters (ring lock again)',
      linearizes: true,
      run(w, _l, report) {
        const r = w.s.w[frame(w.L, w.caller, F_CUR)]!;
        const space = w.s.w[frame(w.L, w.caller, F_SPACE)]! >>> 0;
        const before = w.s.w[frame(w.L, w.caller, F_NTO)]!;
        const moved = argoPendingFind(w.s, w.L, r, space, w.caller);
        const out: number[] = [OUT.WOKEN, r];
        for (let k = before; k < before + moved; k++) out.push(w.s.w[frame(w.L, w.caller, F_TO + 2 * k)]!, w.s.w[frame(w.L, w.caller, F_TO + 2 * k + 1)]!);
        lin(report, w.calls.pick, out);
        report.abstractUnchanged = moved === 0;
        setNote(w.s, NOTE.PICK, r, space, moved);
        w.s.w[frame(w.L, w.caller, F_SPACE)] = 0;
        return advance(w);
      },
    },
    {
      name: 'signal the woken (argo_pending_notify)',
      linearizes: true,
      run(w, _l, report) {
        const n = w.s.w[frame(w.L, w.caller, F_NTO)]!;
        const out: number[] = [OUT.SIGNALS];
        const note = w.s.note;
        note[0] = NOTE.SIGNALS;
        note[NOTE_SIGNALS.count] = n;
        for (let k = 0; k < n; k++) {
          const d = w.s.w[frame(w.L, w.caller, F_TO + 2 * k)]!;
          const c = w.s.w[frame(w.L, w.caller, F_TO + 2 * k + 1)]!;
          const delivered = argoSignalDomid(w.s, w.L, d, c, w.q);
          out.push(d, c, delivered ? 1 : 0);
          const at = NOTE_SIGNALS.first + NOTE_SIGNALS.stride * k;
          note[at + NOTE_SIGNALS.dom] = d;
          note[at + NOTE_SIGNALS.asked] = c;
          note[at + NOTE_SIGNALS.recipient] = w.s.w[dom(w.L, d, D_EXISTS)] === 1 ? w.s.w[dom(w.L, d, D_COOKIE)]! : -1;
          note[at + NOTE_SIGNALS.delivered] = delivered ? 1 : 0;
        }
        w.s.w.fill(0, frame(w.L, w.caller, F_NTO), frame(w.L, w.caller, F_TO + 2 * w.L.toNotifyCap[w.caller]!));
        lin(report, w.calls.signal, out);
        report.abstractUnchanged = true;
        return w.args.handle === 'null' ? DONE : goto(NotifyPc.header);
      },
    },
    {
      name: 'read ring-data header',
      linearizes: true,
      run(w, _l, report) {
        let rc = 0;
        if (w.args.handle === 'fault') rc = -EFAULT;
        else if (w.args.handle === 'badMagic') rc = -EINVAL;
        else if (notifyNent(w.args) > 256) rc = -EACCES;
        lin(report, w.calls.header, [OUT.RC, rc]);
        report.abstractUnchanged = true;
        if (rc !== 0 || w.args.entries.length === 0) return DONE;
        w.s.w[frame(w.L, w.caller, F_ENT)] = 0;
        return goto(NotifyPc.entry);
      },
    },
    {
      name: 'fill ring-data entry (destination ring lock)',
      linearizes: true,
      run(w, _l, report) {
        const k = w.s.w[frame(w.L, w.caller, F_ENT)]!;
        const entry = w.args.entries[k]!;
        const out = argoFillRingData(w.s, w.L, w.caller, k, entry, w.q);
        lin(report, w.calls.entry, out);
        // An entry that cannot be read, or names no ring, touches no pending list.
        report.abstractUnchanged = entry.fault === 'read' || w.s.note[NOTE_ENTRY.ring]! < 0;
        if (out[ENTRY_RC] !== 0 || k + 1 >= w.args.entries.length) return DONE;
        w.s.w[frame(w.L, w.caller, F_ENT)] = k + 1;
        return goto(NotifyPc.entry);
      },
    },
  ],
};
