import { DONE, type OperationDef, type StepResult } from '../../checker/step-machine.ts';
import type { StepReport } from '../../checker/refinement.ts';
import { notifyNent, OUT, EACCES, EFAULT, EINVAL, ENODEV, type ArgoCall, type ArgoOutcome, type NotifyArgs } from '../../spec/argo/types.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, F_CUR, F_ENT, F_NTO, F_SPACE, F_TO, frame, R_REG, ring, type ArgoImpl, type Layout } from './layout.ts';
import { argoFillRingData, NOTE } from './ops.ts';
import { argoPendingFind, argoSignalDomid } from './pending.ts';
import type { ArgoQuirks } from './quirks.ts';
import { argoRingbufPayloadSpace } from './ringbuf.ts';

/** What a notify step runs against: the mutable impl state and the call's fixed arguments. */
export interface NotifyWorld {
  readonly s: ArgoImpl;
  readonly L: Layout;
  readonly caller: number;
  readonly args: NotifyArgs;
  readonly q: ArgoQuirks;
}

/** Reports are the refinement harness's: each step names its spec call and its outcome. */
export type ArgoReport = StepReport<ArgoCall, ArgoOutcome>;

/** The frame's locals live in the impl state's words (`F_*`), so the step machine's own locals are unused. */
type Locals = 0;

const goto = (pc: number): StepResult<Locals> => ({ pc, locals: 0 });

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
  return goto(next >= 0 ? STEP_SPACE : STEP_SIGNAL);
}

const STEP_SPACE = 1;
const STEP_PICK = 2;
const STEP_SIGNAL = 3;
const STEP_HEADER = 4;
const STEP_ENTRY = 5;

/**
 * `argo_notify` as a step machine. Xen holds the global Argo lock (read)
 * throughout, so domains cannot be destroyed meanwhile, and the caller's own
 * ring set is stable (its ring lock is held for read). But
 * `argo_notify_ring` computes a ring's payload space under the ring lock,
 * drops it, and `argo_pending_find` re-takes it to pick the waiters: a
 * sender or the receiver may act in between (the wake-all window). Signals
 * go out after all rings, then the ring-data header and entries follow, one
 * entry per step (each takes its destination ring's lock).
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
        lin(report, { kind: 'notifyBegin', caller: w.caller, args: w.args }, [OUT.RC, rc]);
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
        lin(report, { kind: 'snapshotSpace', ring: r }, [OUT.SPACE, space]);
        if (space === 0) return advance(w);
        w.s.w[frame(w.L, w.caller, F_SPACE)] = space;
        return goto(STEP_PICK);
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
        const out: number[] = [OUT.WOKEN];
        for (let k = before; k < before + moved; k++) out.push(w.s.w[frame(w.L, w.caller, F_TO + 2 * k)]!, w.s.w[frame(w.L, w.caller, F_TO + 2 * k + 1)]!);
        lin(report, { kind: 'wakeWaiters', ring: r, space }, out);
        w.s.note = [NOTE.PICK, r, space, moved];
        w.s.w[frame(w.L, w.caller, F_SPACE)] = 0;
        return advance(w);
      },
    },
    {
      name: 'signal the woken (argo_pending_notify)',
      linearizes: true,
      run(w, _l, report) {
        const n = w.s.w[frame(w.L, w.caller, F_NTO)]!;
        const list: number[] = [];
        const out: number[] = [OUT.SIGNALS];
        const note: number[] = [NOTE.SIGNALS];
        for (let k = 0; k < n; k++) {
          const d = w.s.w[frame(w.L, w.caller, F_TO + 2 * k)]!;
          const c = w.s.w[frame(w.L, w.caller, F_TO + 2 * k + 1)]!;
          const delivered = argoSignalDomid(w.s, w.L, d, c, w.q);
          list.push(d, c);
          out.push(d, c, delivered ? 1 : 0);
          note.push(d, c, w.s.w[dom(w.L, d, D_EXISTS)] === 1 ? w.s.w[dom(w.L, d, D_COOKIE)]! : -1, delivered ? 1 : 0);
        }
        w.s.w.fill(0, frame(w.L, w.caller, F_NTO), frame(w.L, w.caller, F_TO + 2 * w.L.shape.maxToNotify));
        lin(report, { kind: 'deliverSignals', list }, out);
        w.s.note = note;
        return w.args.handle === 'null' ? DONE : goto(STEP_HEADER);
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
        lin(report, { kind: 'notifyHeader', caller: w.caller, args: w.args }, [OUT.RC, rc]);
        if (rc !== 0 || w.args.entries.length === 0) return DONE;
        w.s.w[frame(w.L, w.caller, F_ENT)] = 0;
        return goto(STEP_ENTRY);
      },
    },
    {
      name: 'fill ring-data entry (destination ring lock)',
      linearizes: true,
      run(w, _l, report) {
        const k = w.s.w[frame(w.L, w.caller, F_ENT)]!;
        const entry = w.args.entries[k]!;
        const out = argoFillRingData(w.s, w.L, w.caller, entry, w.q);
        lin(report, { kind: 'ringDataEntry', caller: w.caller, entry }, out);
        if (out[1] !== 0 || k + 1 >= w.args.entries.length) return DONE;
        w.s.w[frame(w.L, w.caller, F_ENT)] = k + 1;
        return goto(STEP_ENTRY);
      },
    },
  ],
};
