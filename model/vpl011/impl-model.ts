import type { EncodeSink, Model } from '../../checker/model.ts';
import { StepReport, type ImplSide } from '../../checker/refinement.ts';
import { abstractVpl011, matchesVpl011 } from '../../impl/vpl011/abstract.ts';
import { AccessStep, accessSteps, endAccess, kickOwed, nextStep } from '../../impl/vpl011/access.ts';
import { blankImpl, cloneImpl, copyImpl, F, frame, makeLayout, N, NoteTag, setNote, stateBytes, W, type Layout, type Vpl011Impl } from '../../impl/vpl011/layout.ts';
import type { Vpl011Quirks } from '../../impl/vpl011/quirks.ts';
import { ABORTED, notifyViaXenEventChannel, vgicAck, vpl011Init, vpl011MmioRead, vpl011MmioWrite, vpl011Notification, vpl011SnapshotIndices } from '../../impl/vpl011/vpl011.ts';
import { formatState as formatSpecState } from '../../spec/vpl011/state.ts';
import { OUT, Reg, type MmioAccess, type Vpl011Call, type Vpl011Outcome, type Vpl011State } from '../../spec/vpl011/types.ts';
import { A, accountAt, modelWords, nextAccepted } from './account.ts';
import { backendDrain, backendInFree, backendOutQueued, backendProduce } from './backend.ts';
import type { Vpl011Config } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, assertNever, dataValue, E, environment, initialEnv, spends, type EnvView, type Vpl011Action } from './env.ts';
import { formatAction } from './format.ts';
import { formatEnv } from './impl-format.ts';
import { vpl011Inspect } from './inspect.ts';
import { implProperties } from './properties.ts';
import { slotOf } from './slot.ts';

/** Reports are the refinement harness's. */
export type Vpl011Report = StepReport<Vpl011Call, Vpl011Outcome>;

/**
 * The impl's entry points the model calls. Tests replace one at a time to
 * build mutants (each property's teeth); zoo variants use quirks instead.
 */
export interface Vpl011ImplFunctions {
  readonly init: typeof vpl011Init;
  readonly mmioRead: typeof vpl011MmioRead;
  readonly mmioWrite: typeof vpl011MmioWrite;
  readonly notification: typeof vpl011Notification;
  readonly kick: typeof notifyViaXenEventChannel;
}

/** The unmodified impl. */
export const VPL011_IMPL: Vpl011ImplFunctions = Object.freeze({
  init: vpl011Init,
  mmioRead: vpl011MmioRead,
  mmioWrite: vpl011MmioWrite,
  notification: vpl011Notification,
  kick: notifyViaXenEventChannel,
});

/** The impl model of a configuration and what refinement needs of it. */
export interface Vpl011ImplSide extends ImplSide<Vpl011Impl, Vpl011Action, Vpl011Call, Vpl011Outcome, Vpl011State> {
  readonly layout: Layout;
  /** Runs one action on a copy of `s`, or undefined when it is disabled. */
  run(s: Vpl011Impl, a: Vpl011Action, report: Vpl011Report): Vpl011Impl | undefined;
}

/** The layout of a configuration: environment and account words follow the impl's own. */
export const layoutOf = (cfg: Vpl011Config): Layout => makeLayout(cfg.params, modelWords(cfg.params.vcpus));

/** Spec calls made once per configuration: the lockstep harness memoises the spec per call object. */
class CallTable {
  private readonly writes = new Map<number, Vpl011Call>();
  readonly kick: Vpl011Call = { kind: 'kick' };
  readonly ack: Vpl011Call = { kind: 'ack' };
  readonly drain: Vpl011Call = { kind: 'drain' };
  readonly notify: Vpl011Call = { kind: 'notify' };
  readonly wake: Vpl011Call = { kind: 'wake' };
  private readonly produces: Vpl011Call[] = [];
  readonly access: readonly (readonly Vpl011Call[])[];

  constructor(cfg: Vpl011Config) {
    this.access = cfg.menus.map((menu) =>
      menu.map((a): Vpl011Call =>
        a.dir === 'read' ? { kind: 'read', offset: a.offset, width: a.width } : { kind: 'write', offset: a.offset, width: a.width, value: a.value >>> 0 },
      ),
    );
  }

  write(a: MmioAccess, value: number): Vpl011Call {
    const key = ((a.width * 0x100 + a.offset) * 0x100000000 + value) % Number.MAX_SAFE_INTEGER;
    let c = this.writes.get(key);
    if (c === undefined) this.writes.set(key, (c = { kind: 'write', offset: a.offset, width: a.width, value }));
    return c;
  }

  produce(max: number): Vpl011Call {
    return (this.produces[max] ??= { kind: 'produce', max });
  }
}

/** Builds the impl side for `cfg` with the given quirks (a zoo variant, or `CORRECT`), and optionally other entry points (test mutants). */
export function vpl011ImplSide(cfg: Vpl011Config, quirks: Vpl011Quirks, fns: Vpl011ImplFunctions = VPL011_IMPL): Vpl011ImplSide {
  const L = layoutOf(cfg);
  const base = L.envBase;
  const nv = cfg.params.vcpus;
  const steps = cfg.menus.map((menu) => menu.map((a) => accessSteps(quirks, a)));
  const spending = cfg.menus.map((menu) => menu.map(spends));
  const view: EnvView<Vpl011Impl> = {
    words: (s) => s.w,
    base,
    busy: (s, v) => s.w[frame(v, F.OP)]! >= 0,
    inFree: (s) => backendInFree(s, L),
    outQueued: (s) => backendOutQueued(s, L),
    backendEvent: (s) => s.w[W.EVTCHN] === 1,
    irqPending: (s) => s.w[W.IRQ] === 1,
  };
  const env = environment(cfg, view);
  const calls = new CallTable(cfg);
  const drained: number[] = [];
  const expected: number[] = [];

  const runAccessStep = (from: Vpl011Impl, t: Vpl011Impl, v: number, report: Vpl011Report): void => {
    const op = t.w[frame(v, F.OP)]!;
    const access = cfg.menus[v]![op]!;
    const list = steps[v]![op]!;
    const step = nextStep(t, v, list);
    report.actor = v;
    // An access that spends no budget changes no state (the harness checks this claim on a sample of steps).
    if (!spending[v]![op]! && list.length === 1) report.abstractUnchanged = true;
    switch (step) {
      case AccessStep.SNAPSHOT:
        vpl011SnapshotIndices(t, v, access.dir);
        // Only the frame's copies and its program counter (still short of the kick) change.
        report.abstractUnchanged = true;
        break;
      case AccessStep.LOCKED:
        if (access.dir === 'read') {
          const value = fns.mmioRead(t, L, quirks, v, access.offset, access.width);
          report.lin = calls.access[v]![op];
          report.outcome = value === ABORTED ? [OUT.ABORT] : [OUT.READ, value, t.note[N.INJECTIONS]!];
          // The model's record of what the guest saw, for the properties (the impl reports nothing itself).
          if (value !== ABORTED && access.offset === Reg.DR) setNote(t, NoteTag.DR_READ, value);
          if (value !== ABORTED && access.offset === Reg.MIS) setNote(t, NoteTag.MIS_READ, value);
          if (access.offset === Reg.DR && value !== ABORTED && (from.w[W.IN_PROD]! - from.w[W.IN_CONS]!) >>> 0 !== 0) t.w[base + accountAt(nv, A.IN_READ)]!++;
        } else {
          const dr = access.offset === Reg.DR && access.width !== 64;
          const seq = t.w[base + E.ISSUED]! + 1;
          const value = dr ? dataValue(access, seq) : access.value >>> 0;
          const ok = fns.mmioWrite(t, L, quirks, v, access.offset, access.width, value);
          report.lin = dr ? calls.write(access, value) : calls.access[v]![op];
          report.outcome = ok ? [OUT.WRITE, t.note[N.INJECTIONS]!] : [OUT.ABORT];
          if (dr) {
            setNote(t, NoteTag.DR_WRITE, value & 0xff);
            t.w[base + E.ISSUED] = seq;
            if ((from.w[W.OUT_PROD]! - from.w[W.OUT_CONS]!) >>> 0 >= L.p.outSize) t.w[base + accountAt(nv, A.DROPPED)]! |= 1 << seq;
          }
        }
        break;
      case AccessStep.KICK:
        fns.kick(t);
        report.lin = calls.kick;
        report.outcome = [OUT.KICK];
        break;
      default:
        assertNever(step);
    }
    const pc = t.w[frame(v, F.PC)]! + 1;
    if (pc >= list.length) endAccess(t, v);
    else t.w[frame(v, F.PC)] = pc;
  };

  const apply = (from: Vpl011Impl, t: Vpl011Impl, a: Vpl011Action, report: Vpl011Report): void => {
    const w = t.w;
    switch (a.kind) {
      case ActionKind.START: {
        w[frame(a.vcpu, F.OP)] = a.arg;
        w[frame(a.vcpu, F.PC)] = 0;
        if (spends(cfg.menus[a.vcpu]![a.arg]!)) w[base + E.BUDGET + a.vcpu]!--;
        runAccessStep(from, t, a.vcpu, report);
        break;
      }
      case ActionKind.STEP:
        runAccessStep(from, t, a.vcpu, report);
        break;
      case ActionKind.ACK:
        report.actor = 0;
        vgicAck(t, L);
        report.lin = calls.ack;
        report.outcome = [OUT.NONE];
        break;
      case ActionKind.PRODUCE_ONE:
      case ActionKind.PRODUCE_ALL: {
        report.actor = nv;
        const max = Math.min(a.kind === ActionKind.PRODUCE_ONE ? 1 : L.p.inSize, cfg.inputBytes - w[base + E.PRODUCED]!);
        const n = backendProduce(t, L, max, w[base + E.PRODUCED]! + 1);
        w[base + E.PRODUCED]! += n;
        w[base + E.OWED] = 1;
        report.lin = calls.produce(max);
        report.outcome = [OUT.PRODUCED, n];
        break;
      }
      case ActionKind.SLEEP:
        report.actor = nv;
        w[base + E.ASLEEP] = 1;
        report.abstractUnchanged = true;
        break;
      case ActionKind.WAKE:
        report.actor = nv;
        w[W.EVTCHN] = 0;
        w[base + E.ASLEEP] = 0;
        report.lin = calls.wake;
        report.outcome = [OUT.NONE];
        break;
      case ActionKind.DRAIN: {
        report.actor = nv;
        backendDrain(t, L, drained);
        const at = base + accountAt(nv, A.DRAINED);
        w[at] = nextAccepted(w[at]!, w[base + accountAt(nv, A.DROPPED)]!, drained.length, expected);
        w[base + E.OWED] = 1;
        report.lin = calls.drain;
        report.outcome = [OUT.DRAINED, ...drained];
        break;
      }
      case ActionKind.NOTIFY:
        report.actor = nv;
        fns.notification(t, L);
        setNote(t, NoteTag.NOTIFICATION, 0);
        w[base + E.OWED] = 0;
        report.lin = calls.notify;
        report.outcome = [OUT.NOTIFIED, t.note[N.INJECTIONS]!];
        break;
      default:
        assertNever(a.kind);
    }
  };

  const run = (s: Vpl011Impl, a: Vpl011Action, report: Vpl011Report): Vpl011Impl | undefined => {
    if (!env.enabled(s, a)) return undefined;
    const t = cloneImpl(s, L);
    apply(s, t, a, report);
    return t;
  };
  const runInto = (s: Vpl011Impl, a: Vpl011Action, into: Vpl011Impl, report: Vpl011Report): boolean => {
    if (!env.enabled(s, a)) return false;
    copyImpl(s, into);
    apply(s, into, a, report);
    return true;
  };

  const kicksOf = (s: Vpl011Impl): boolean[] => cfg.menus.map((_, v) => kickOwed(s, v, steps[v]![s.w[frame(v, F.OP)]!]));

  const initial = (): Vpl011Impl => {
    const s = blankImpl(L);
    for (let v = 0; v < nv; v++) endAccess(s, v);
    fns.init(s, quirks);
    s.w[W.IN_CONS] = s.w[W.IN_PROD] = cfg.initial.inIdx;
    s.w[W.OUT_CONS] = s.w[W.OUT_PROD] = cfg.initial.outIdx;
    initialEnv(cfg, s.w, base);
    if ((cfg.unmasked ?? 0) !== 0) fns.mmioWrite(s, L, quirks, 0, Reg.IMSC, 32, cfg.unmasked! >>> 0);
    if (cfg.prefill > 0) {
      backendProduce(s, L, cfg.prefill, 1);
      fns.notification(s, L);
      s.w[base + accountAt(nv, A.IN_READ)] = 0;
    }
    s.note.fill(0);
    return s;
  };

  const scratchReport: Vpl011Report = new StepReport<Vpl011Call, Vpl011Outcome>();
  const size = stateBytes(L);

  const model: Model<Vpl011Impl, Vpl011Action> = {
    name: `vpl011/${cfg.name}`,
    initStates: () => [initial()],
    actions: env.actions,
    next(s, a) {
      scratchReport.reset();
      return run(s, a, scratchReport);
    },
    fast: {
      nextInto(s, a, into) {
        scratchReport.reset();
        return runInto(s, a, into, scratchReport);
      },
      scratch: () => blankImpl(L),
      copy: (s) => cloneImpl(s, L),
    },
    packed: {
      bytes: size,
      pack(s, into, offset) {
        into.set(s.bytes, offset);
      },
      unpack(from, offset, into) {
        into.bytes.set(from.subarray(offset, offset + size));
        into.note.fill(0);
      },
    },
    properties: () => implProperties(cfg, L),
    encode: (s, sink) => encodeImpl(s, L, sink),
    formatAction: (a) => formatAction(cfg, a),
    formatState: (s) => `${formatSpecState(abstractVpl011(s, L, kicksOf(s), s.w[base + E.PRODUCED]!))}\n${formatEnv(cfg, s, L)}`,
    inspect: vpl011Inspect(cfg, steps),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };

  return {
    model,
    layout: L,
    run,
    step: (s, a, report) => run(s, a, report),
    fast: { stepInto: (s, a, into, report) => runInto(s, a, into, report), scratch: () => blankImpl(L) },
    abstract: (s) => abstractVpl011(s, L, kicksOf(s), s.w[base + E.PRODUCED]!),
    matches: (s, spec) => matchesVpl011(s, L, spec, (v) => kickOwed(s, v, steps[v]![s.w[frame(v, F.OP)]!]), s.w[base + E.PRODUCED]!),
  };
}

/** Writes the live bytes of a ring (between its indices, at most `size`). */
function encodeRing(s: Vpl011Impl, base: number, size: number, consAt: W, prodAt: W, sink: EncodeSink): void {
  const cons = s.w[consAt]! >>> 0;
  const n = Math.min((s.w[prodAt]! - cons) >>> 0, size);
  const start = slotOf(cons, size);
  const first = Math.min(n, size - start);
  sink.bytes(s.mem, base + start, base + start + first);
  if (n > first) sink.bytes(s.mem, base, base + n - first);
}

/**
 * Canonical encoding: every word, plus the live bytes of each ring. Slots
 * outside `[cons, prod)` are never read before they are written again, so
 * states differing only there behave alike.
 */
export function encodeImpl(s: Vpl011Impl, L: Layout, sink: EncodeSink): void {
  sink.bytes(s.bytes, 0, 4 * L.words);
  encodeRing(s, L.inBase, L.p.inSize, W.IN_CONS, W.IN_PROD, sink);
  encodeRing(s, L.outBase, L.p.outSize, W.OUT_CONS, W.OUT_PROD, sink);
}
