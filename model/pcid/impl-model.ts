import type { Model } from '../../checker/model.ts';
import { StepReport, type ImplSide } from '../../checker/refinement.ts';
import { DONE } from '../../checker/step-machine.ts';
import { abstractPcid } from '../../impl/pcid/abstract.ts';
import { flushAreaLocal, flushTlbLocal, flushTlbLocalAtomic, switchCr3Cr4, writeCr3Cr4Seed, type PcidOperation } from '../../impl/pcid/flushtlb.ts';
import type { X86Port } from '../../impl/pcid/hw.ts';
import { C, C_LOCALS, CONTENTS_EMPTY, cw, D, dw, G, gw, IDLE, N_DOM, Op, OptPcid, ROOT_IDLE, type Layout } from '../../impl/pcid/layout.ts';
import {
  domainCreate,
  isCanonical,
  mmuUpdateUserPte,
  shadowReplaceInactiveRoot,
  toggleGuestPt,
  writePtbaseValues,
  xptiEnterXen,
  xptiExitToGuest,
  type PcidWorld,
} from '../../impl/pcid/mm.ts';
import { setPcidOption } from '../../impl/pcid/option.ts';
import type { PcidQuirks } from '../../impl/pcid/quirks.ts';
import type { PcidCall, PcidOutcome, PcidState, SpecVa } from '../../spec/pcid/types.ts';
import { Cr4, entryTag, isGlobal, pteFrame, type X86 } from '../x86/cpu.ts';
import { FRAMES, VTSC, XPTI, type PcidConfig } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, assertNever, environment, formatAction, initialBudgets, spendBudget, type EnvView, type PcidAction } from './env.ts';
import { formatImpl } from './format.ts';
import { contentsInfo, rootContents, walkContents } from './memory.ts';
import { pcidInspect } from './inspect.ts';
import { implProperties } from './properties.ts';
import { clearNote, envCpu, EnvCpu, N, NOTE_WORDS, shapeOf, type PcidImpl, type PcidShape } from './state.ts';

export type PcidReport = StepReport<PcidCall, PcidOutcome>;

/** The impl's entry points the model calls; tests replace one to build mutants. */
export interface PcidImplFunctions {
  readonly switchOp: (quirks: PcidQuirks) => PcidOperation;
  readonly flushOne: PcidOperation;
  readonly flushAll: PcidOperation;
  readonly toggle: typeof toggleGuestPt;
  readonly exitToGuest: typeof xptiExitToGuest;
  readonly enterXen: typeof xptiEnterXen;
  readonly create: typeof domainCreate;
  readonly setOption: typeof setPcidOption;
}

export const PCID_IMPL: PcidImplFunctions = Object.freeze({
  switchOp: (q: PcidQuirks) => (q.switchAlgorithm === 'corrected' ? switchCr3Cr4 : writeCr3Cr4Seed),
  flushOne: flushAreaLocal,
  flushAll: flushTlbLocal,
  toggle: toggleGuestPt,
  exitToGuest: xptiExitToGuest,
  enterXen: xptiEnterXen,
  create: domainCreate,
  setOption: setPcidOption,
});

export interface PcidImplSide extends ImplSide<PcidImpl, PcidAction, PcidCall, PcidOutcome, PcidState> {
  readonly shape: PcidShape;
  run(s: PcidImpl, a: PcidAction, report: PcidReport): PcidImpl | undefined;
}

/** The initial state: every CPU idle on the idle tables (PGE on), no domain created, pcid=xpti. */
export function initialPcidImpl(cfg: PcidConfig, S: PcidShape): PcidImpl {
  const { L, x86 } = S;
  const w = new Int32Array(L.words);
  w[gw(L, G.optPcid)] = OptPcid.xpti;
  for (let d = 0; d < N_DOM; d++) {
    w[dw(L, d, D.xpti)] = XPTI[d] ? 1 : 0;
    w[dw(L, d, D.vtsc)] = VTSC[d] ? 1 : 0;
    w[dw(L, d, D.userFrame)] = FRAMES.user[d]![0];
    w[dw(L, d, D.kernel)] = 1;
    w[dw(L, d, D.shadow)] = cfg.shadow[d] === true ? 1 : 0;
  }
  for (let c = 0; c < cfg.nCpu; c++) {
    x86.reset(w, c, ROOT_IDLE, Cr4.PGE);
    w[cw(L, c, C.current)] = IDLE;
    w[cw(L, c, C.loaded)] = IDLE;
    w[cw(L, c, C.cr4)] = Cr4.PGE;
    w[cw(L, c, C.xptiContents)] = CONTENTS_EMPTY;
    w[envCpu(S, c, EnvCpu.prevLoaded)] = -1;
    w[envCpu(S, c, EnvCpu.prevPcid)] = -1;
  }
  initialBudgets(cfg, w, S.envBase);
  const note = new Int32Array(NOTE_WORDS);
  clearNote(note);
  return { w, note };
}

function implView(S: PcidShape): EnvView<PcidImpl> {
  const { L, x86 } = S;
  return {
    crashed: (s) => {
      for (let c = 0; c < L.nCpu; c++) if (x86.faulted(s.w, c)) return true;
      return false;
    },
    budget: (s, b) => s.w[S.envBase + b]!,
    created: (s, d) => s.w[dw(L, d, D.created)] === 1,
    current: (s, c) => s.w[cw(L, c, C.current)]!,
    loaded: (s, c) => s.w[cw(L, c, C.loaded)]!,
    inGuest: (s, c) => s.w[cw(L, c, C.inGuest)] === 1,
    busy: (s, c) => s.w[cw(L, c, C.op)] !== Op.none,
    switchingTo: (s, c) => (s.w[cw(L, c, C.op)] === Op.contextSwitch ? s.w[cw(L, c, C.target)]! : -1),
    hw: {
      interruptsOn: (s, c) => x86.interruptsOn(s.w, c),
      fillChanges: (s, c, va) => {
        const e = x86.fillEntry(s.w, c, va);
        return e !== 0 && s.w[x86.slot(c, x86.pcid(s.w, c), va)] !== e;
      },
    },
  };
}

/** Spec calls built once per configuration: the harness memoises the spec per call object. */
function callTable(cfg: PcidConfig) {
  const cpus = Array.from({ length: cfg.nCpu }, (_, cpu) => cpu);
  const vas = [0, 1, 2, 3] as const;
  return {
    setOption: cfg.options.map((text): PcidCall => ({ kind: 'setOption', text })),
    create: Array.from({ length: N_DOM }, (_, dom): PcidCall => ({ kind: 'create', dom })),
    schedule: cpus.map((cpu) => Array.from({ length: N_DOM + 1 }, (_, target): PcidCall => ({ kind: 'schedule', cpu, target }))),
    exitToGuest: cpus.map((cpu): PcidCall => ({ kind: 'exitToGuest', cpu })),
    enterXen: cpus.map((cpu): PcidCall => ({ kind: 'enterXen', cpu })),
    toggle: cpus.map((cpu): PcidCall => ({ kind: 'toggle', cpu })),
    remap: cpus.map((cpu): PcidCall => ({ kind: 'remap', cpu })),
    flush: cpus.map((cpu) => vas.map((va): PcidCall => ({ kind: 'flush', cpu, va: va as SpecVa }))),
    flushAll: cpus.map((cpu): PcidCall => ({ kind: 'flush', cpu, va: 'all' })),
    access: cpus.map((cpu) => vas.map((va): PcidCall => ({ kind: 'access', cpu, va: va as SpecVa }))),
  };
}

/** The x86 CPU as the impl's port, noting when a NOFLUSH load keeps a useful entry (the point of PCID). */
function portOf(x86: X86, L: Layout, noteOf: () => Int32Array): X86Port {
  return {
    movCr3(w, cpu, root, low, noflush) {
      x86.movCr3(w, cpu, root, low, noflush);
      if (!noflush || x86.faulted(w, cpu)) return;
      const pcid = x86.pcid(w, cpu);
      const contents = rootContents(L, w, root);
      for (let va = 0; va < x86.shape.nVa; va++) {
        const e = w[x86.slot(cpu, pcid, va)]!;
        if (e !== 0 && entryTag(e) === contents && pteFrame(e) === pteFrame(walkContents(L, w, contents, va))) noteOf()[N.noflushKept] = 1;
      }
    },
    movCr4: (w, cpu, v) => x86.movCr4(w, cpu, v),
    invlpg: (w, cpu, va) => x86.invlpg(w, cpu, va),
    invpcid: (w, cpu, type, pcid, va) => x86.invpcid(w, cpu, type, pcid, va),
    cr3Root: (w, cpu) => x86.cr3Root(w, cpu),
    cr3Low: (w, cpu) => x86.cr3Low(w, cpu),
    interruptsOn: (w, cpu) => x86.interruptsOn(w, cpu),
    cli: (w, cpu) => x86.cli(w, cpu),
    sti: (w, cpu) => x86.sti(w, cpu),
  };
}

/** Builds the impl side for `cfg` with `quirks` (a zoo variant or CORRECT) and optionally replaced entry points (test mutants). */
export function pcidImplSide(cfg: PcidConfig, quirks: PcidQuirks, fns: PcidImplFunctions = PCID_IMPL): PcidImplSide {
  const S = shapeOf(cfg);
  const { L, x86 } = S;
  const env = environment(cfg, implView(S));
  const calls = callTable(cfg);
  let note: Int32Array = new Int32Array(NOTE_WORDS);
  const world: PcidWorld = { w: new Int32Array(0), cpu: 0, L, hw: portOf(x86, L, () => note), boot: cfg.boot, quirks };
  const ops: Record<Op, PcidOperation | undefined> = { [Op.none]: undefined, [Op.contextSwitch]: fns.switchOp(quirks), [Op.flushOne]: fns.flushOne, [Op.flushAll]: fns.flushAll };

  const finish = (w: Int32Array, c: number, op: Op, report: PcidReport): void => {
    const target = w[cw(L, c, C.target)]!;
    const arg = w[cw(L, c, C.arg)]!;
    w.fill(0, cw(L, c, C_LOCALS[0]), cw(L, c, C_LOCALS[1]));
    w[cw(L, c, C.op)] = Op.none;
    w[cw(L, c, C.pc)] = 0;
    const d = w[cw(L, c, C.current)]!;
    switch (op) {
      case Op.contextSwitch: {
        const wasIdle = d === IDLE;
        w[cw(L, c, C.current)] = target;
        w[cw(L, c, C.loaded)] = target;
        note[N.switchCpu] = c;
        if (!(wasIdle && target === IDLE)) report.lin = calls.schedule[c]![target];
        break;
      }
      case Op.flushOne:
        note[N.flushCpu] = c;
        note[N.flushVa] = arg;
        note[N.flushDom] = d;
        report.lin = calls.flush[c]![arg];
        break;
      case Op.flushAll:
        note[N.flushCpu] = c;
        note[N.flushVa] = -2;
        note[N.flushDom] = d;
        report.lin = calls.flushAll[c];
        break;
      case Op.none:
        throw new Error('finishing no operation');
      default:
        assertNever(op);
    }
    if (report.lin !== undefined) report.outcome = 0;
  };

  const stepCpu = (w: Int32Array, c: number, report: PcidReport): void => {
    const op = w[cw(L, c, C.op)]! as Op;
    const def = ops[op];
    if (def === undefined) throw new Error(`CPU${c} has no operation in flight`);
    const pc = w[cw(L, c, C.pc)]!;
    const step = def.steps[pc];
    if (step === undefined) throw new RangeError(`${def.name} has no step ${pc}`);
    world.w = w;
    world.cpu = c;
    const r = step.run(world, 0, undefined);
    if (r === DONE) finish(w, c, op, report);
    else w[cw(L, c, C.pc)] = r.pc;
  };

  const start = (w: Int32Array, c: number, op: Op, report: PcidReport): void => {
    w[cw(L, c, C.op)] = op;
    w[cw(L, c, C.pc)] = 0;
    stepCpu(w, c, report);
  };

  const startSwitch = (w: Int32Array, c: number, target: number, report: PcidReport): void => {
    const pcide = (x86.cr4(w, c) & Cr4.PCIDE) !== 0;
    w[envCpu(S, c, EnvCpu.prevLoaded)] = w[cw(L, c, C.loaded)]!;
    w[envCpu(S, c, EnvCpu.prevPcid)] = pcide ? x86.pcid(w, c) : -1;
    world.w = w;
    world.cpu = c;
    writePtbaseValues(world, target);
    start(w, c, Op.contextSwitch, report);
  };

  /**
   * A lazy-state sync IPI arriving while an operation is in flight with
   * interrupts on (only the seed's switch prologue: the corrected switch
   * disables interrupts in its first step): the handler runs with
   * interrupts off, the whole nested switch to the idle tables in one step
   * (like the flush IPI's handler), then the interrupted operation resumes
   * with its locals as they were.
   */
  const nestedSync = (w: Int32Array, c: number, report: PcidReport): void => {
    const from = cw(L, c, C.op);
    const to = cw(L, c, C_LOCALS[1]);
    const saved = w.slice(from, to);
    w.fill(0, from, to);
    x86.cli(w, c);
    startSwitch(w, c, IDLE, report);
    while (w[cw(L, c, C.op)] !== Op.none) stepCpu(w, c, report);
    w.set(saved, from);
    // The interrupted switch now starts from the idle tables.
    w[envCpu(S, c, EnvCpu.prevLoaded)] = IDLE;
    w[envCpu(S, c, EnvCpu.prevPcid)] = -1;
    x86.sti(w, c);
    note[N.nestedSync] = 1;
  };

  const access = (w: Int32Array, c: number, va: number): number => {
    const seen: number[] = [];
    x86.usable(w, c, va, seen);
    if (seen.length === 0) {
      const e = x86.fillEntry(w, c, va);
      if (e === 0) return 1;
      x86.fill(w, c, va);
      seen.push(e);
    }
    const d = w[cw(L, c, C.current)]!;
    const user = w[dw(L, d, D.kernel)] !== 1;
    const current = pteFrame(walkContents(L, w, rootContents(L, w, x86.cr3Root(w, c)), va));
    let mask = 0;
    for (const e of seen) {
      mask |= 1 << pteFrame(e);
      const info = contentsInfo(entryTag(e));
      if (isGlobal(e) && info.kind !== 'idle' && info.user !== user) note[N.accessGlobalOtherMode] = 1;
      if (pteFrame(e) !== current) note[N.accessStale] = 1;
    }
    return mask;
  };

  /** Applies enabled action `a` to `t` (a copy of the state), filling `report`. */
  const apply = (t: PcidImpl, a: PcidAction, report: PcidReport): void => {
    const w = t.w;
    note = t.note;
    clearNote(note);
    spendBudget(a, w, S.envBase);
    const c = a.cpu;
    world.w = w;
    world.cpu = Math.max(c, 0);
    report.actor = c < 0 ? cfg.nCpu : c;
    switch (a.kind) {
      case ActionKind.setOption: {
        report.lin = calls.setOption[a.arg];
        report.outcome = fns.setOption(w, L, cfg.options[a.arg]!);
        if (report.outcome !== 0) note[N.rejected] = 1;
        break;
      }
      case ActionKind.create:
        report.lin = calls.create[a.arg];
        report.outcome = fns.create(world, a.arg);
        break;
      case ActionKind.schedule: {
        const target = a.arg;
        if (target === IDLE || target === w[cw(L, c, C.loaded)]) {
          // To idle: lazily, the previous tables stay loaded. Back to the vCPU whose tables are loaded: nothing to switch.
          w[cw(L, c, C.current)] = target;
          report.lin = calls.schedule[c]![target];
          report.outcome = 0;
        } else {
          startSwitch(w, c, target, report);
        }
        break;
      }
      case ActionKind.exitToGuest:
        fns.exitToGuest(world);
        report.lin = calls.exitToGuest[c];
        report.outcome = 0;
        break;
      case ActionKind.enterXen:
        fns.enterXen(world);
        report.lin = calls.enterXen[c];
        report.outcome = 0;
        break;
      case ActionKind.toggle:
        fns.toggle(world);
        note[N.toggleCpu] = c;
        report.lin = calls.toggle[c];
        report.outcome = 0;
        break;
      case ActionKind.remap: {
        const d = w[cw(L, c, C.current)]!;
        const [f0, f1] = FRAMES.user[d]!;
        mmuUpdateUserPte(world, w[dw(L, d, D.userFrame)] === f0 ? f1 : f0);
        report.lin = calls.remap[c];
        report.outcome = 0;
        break;
      }
      case ActionKind.flushVa:
        if (!isCanonical(a.arg)) {
          report.lin = calls.flush[c]![a.arg];
          report.outcome = 0;
        } else {
          w[cw(L, c, C.arg)] = a.arg;
          start(w, c, Op.flushOne, report);
        }
        break;
      case ActionKind.flushAll:
        start(w, c, Op.flushAll, report);
        break;
      case ActionKind.access:
        report.lin = calls.access[c]![a.arg];
        report.outcome = access(w, c, a.arg);
        note[N.accessCpu] = c;
        note[N.accessSeen] = report.outcome;
        break;
      case ActionKind.step:
        stepCpu(w, c, report);
        break;
      case ActionKind.fill:
        if (x86.fill(w, c, a.arg) && !x86.interruptsOn(w, c)) note[N.fillIrqOff] = 1;
        break;
      case ActionKind.ipiFlush:
        flushTlbLocalAtomic(world);
        break;
      case ActionKind.rootChange:
        shadowReplaceInactiveRoot(w, L, a.arg);
        break;
      case ActionKind.ipiSync:
        if (w[cw(L, c, C.op)] === Op.none) startSwitch(w, c, IDLE, report);
        else nestedSync(w, c, report);
        break;
      default:
        assertNever(a.kind);
    }
  };

  const run = (s: PcidImpl, a: PcidAction, report: PcidReport): PcidImpl | undefined => {
    if (!env.enabled(s, a)) return undefined;
    const t: PcidImpl = { w: s.w.slice(), note: new Int32Array(NOTE_WORDS) };
    apply(t, a, report);
    return t;
  };
  const scratchReport: PcidReport = new StepReport<PcidCall, PcidOutcome>();

  const model: Model<PcidImpl, PcidAction> = {
    name: `pcid/${cfg.name}`,
    initStates: () => [initialPcidImpl(cfg, S)],
    actions: env.actions,
    next(s, a) {
      scratchReport.reset();
      return run(s, a, scratchReport);
    },
    properties: () => implProperties(cfg, S),
    encode: (s, sink) => sink.words(s.w),
    formatAction: (a) => formatAction(cfg, a),
    formatState: (s) => formatImpl(cfg, S, s, ops[Op.contextSwitch]!.name),
    inspect: pcidInspect(cfg, L, ops),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };
  return { model, shape: S, run, step: run, abstract: (s) => abstractPcid(s.w, L) };
}
