import type { Model } from '../../checker/model.ts';
import { StepReport, type ImplSide } from '../../checker/refinement.ts';
import { abstractShadow } from '../../impl/shadow-oos/abstract.ts';
import {
  FIXUP_WORDS,
  FixupWord,
  SHADOW_OOS_FIXUPS,
  fixW,
  INVALID_MFN,
  oosW,
  SHADOW_OOS_PAGES,
  snpW,
  frameW,
  FrameWord,
  GlobalWord,
  gl1,
  l1e,
  Op,
  PAGE,
  pageOf,
  PageWord,
  pw,
  SHF,
  sl1,
  l1eFrame,
  type Layout,
  u32,
} from '../../impl/shadow-oos/layout.ts';
import { FaultResult, shadowInit, shInvlpg, shPageFaultLocked, shPageFaultWalk, shUpdateCr3 } from '../../impl/shadow-oos/fault.ts';
import { PERFC_WORDS, type ShadowHw, type ShadowWorld } from '../../impl/shadow-oos/world.ts';
import type { ShadowQuirks } from '../../impl/shadow-oos/quirks.ts';
import { specPte, spteFrame, spteWritable, Outcome, type ShadowCall, type ShadowState } from '../../spec/shadow-oos/types.ts';
import { Invpcid, Pte, pteFrame, type X86 } from '../x86/cpu.ts';
import type { GuestEntry, ShadowConfig } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, allActions, assertNever, Budget, budgetOf, formatAction, initialBudgets, RELEASED, type ShadowAction } from './env.ts';
import { shadowInspect } from './inspect.ts';
import { implProperties } from './properties.ts';
import { ROOT, shapeOf, type ShadowImpl, type ShadowShape } from './state.ts';

export type { ShadowImpl, ShadowShape } from './state.ts';

export type ShadowReport = StepReport<ShadowCall, Outcome>;

/** The impl's entry points the model calls; tests replace one to build mutants. */
export interface ShadowImplFunctions {
  readonly faultWalk: typeof shPageFaultWalk;
  readonly faultLocked: typeof shPageFaultLocked;
  readonly invlpg: typeof shInvlpg;
  readonly cr3: typeof shUpdateCr3;
}
export const SHADOW_IMPL: ShadowImplFunctions = Object.freeze({ faultWalk: shPageFaultWalk, faultLocked: shPageFaultLocked, invlpg: shInvlpg, cr3: shUpdateCr3 });

const toXen = (e: GuestEntry): number => (e === null ? 0 : l1e(e.frame, PAGE.present | (e.rw ? PAGE.rw : 0)));

/** Whether the guest released CPU `cpu`'s TLB entry for `va` (`env.ts`, RELEASED). */
export const isReleased = (L: Layout, w: Int32Array, cpu: number, va: number): boolean => ((w[L.envBase + RELEASED + cpu]! >>> va) & 1) === 1;

/** The TLB entry CPU `cpu` holds for `va`, in the reference's form. */
export function tlbAsSpec(x86: X86, w: Int32Array, cpu: number, va: number): number {
  const e = w[x86.slot(cpu, x86.pcid(w, cpu), va)]!;
  return e === 0 ? 0 : specPte(pteFrame(e), (e & Pte.writable) !== 0);
}

export interface ShadowImplSide extends ImplSide<ShadowImpl, ShadowAction, ShadowCall, Outcome, ShadowState> {
  readonly shape: ShadowShape;
  run(s: ShadowImpl, a: ShadowAction, report: ShadowReport): ShadowImpl | undefined;
  /** Xen's perf counters (`Perfc`), cumulative over every step this side ran; for tests, never read by a property. */
  readonly perfc: Int32Array;
}

export function initialShadowImpl(cfg: ShadowConfig, S: ShadowShape, quirks: ShadowQuirks): ShadowImpl {
  const { L, x86 } = S;
  const w = new Int32Array(L.words);
  shadowInit({ w, L, hw: NO_HW, quirks, perfc: new Int32Array(PERFC_WORDS) });
  for (let p = 0; p < L.gmfns.length; p++) for (let k = 0; k < L.entries; k++) w[gl1(L, p, k)] = toXen(cfg.init[p]![k]!);
  for (let c = 0; c < cfg.nVcpu; c++) x86.reset(w, c, ROOT, 0);
  initialBudgets(cfg, w, L.envBase);
  return { w };
}

const NO_HW: ShadowHw = {
  flushTlbMask: () => undefined,
  loadCr3: () => undefined,
  invlpg: () => undefined,
};

const OUTCOME_OF = { [FaultResult.retry]: Outcome.retry, [FaultResult.guestFault]: Outcome.guestFault, [FaultResult.fixed]: Outcome.fixed } as const satisfies Record<
  FaultResult,
  Outcome
>;

/** Builds the impl side for `cfg` with `quirks` (a zoo variant or CORRECT) and optionally replaced entry points (test mutants). */
export function shadowImplSide(cfg: ShadowConfig, quirks: ShadowQuirks, fns: ShadowImplFunctions = SHADOW_IMPL): ShadowImplSide {
  const S = shapeOf(cfg);
  const { L, x86, nVa } = S;
  const hw: ShadowHw = {
    flushTlbMask(w) {
      for (let c = 0; c < L.nVcpu; c++) x86.invpcid(w, c, Invpcid.allIncludingGlobal, 0, 0);
    },
    loadCr3: (w, v) => x86.movCr3(w, v, ROOT, 0, false),
    invlpg: (w, v, va) => x86.invlpg(w, v, va),
  };
  // Xen's perf counters count here, across steps; no property reads them (the witnesses compare states).
  const world: ShadowWorld = { w: new Int32Array(0), L, hw, quirks, perfc: new Int32Array(PERFC_WORDS) };
  const every = allActions(cfg);
  const calls = {
    access: Array.from({ length: cfg.nVcpu }, (_, v) => Array.from({ length: nVa * 2 }, (_, arg): ShadowCall => ({ kind: 'access', v, va: arg >> 1, write: (arg & 1) === 1 }))),
    faultLocked: Array.from({ length: cfg.nVcpu }, (_, v): ShadowCall => ({ kind: 'faultLocked', v })),
    cr3: Array.from({ length: cfg.nVcpu }, (_, v): ShadowCall => ({ kind: 'cr3', v })),
    invlpg: Array.from({ length: cfg.nVcpu }, (_, v) => Array.from({ length: nVa }, (_, va): ShadowCall => ({ kind: 'invlpg', v, va }))),
    pressure: cfg.gmfns.map((_, page): ShadowCall => ({ kind: 'pressure', page })),
  };
  const busy = (w: Int32Array, v: number): boolean => w[frameW(L, v, FrameWord.op)] !== Op.none;
  const budget = (w: Int32Array, b: Budget): number => w[L.envBase + b]!;

  const enabled = (s: ShadowImpl, a: ShadowAction): boolean => {
    const w = s.w;
    switch (a.kind) {
      case ActionKind.access:
        // The shootdown contract: the guest does not use an address whose entry on this CPU it released.
        return !busy(w, a.v) && !isReleased(L, w, a.v, a.arg >> 1);
      case ActionKind.step:
        return busy(w, a.v);
      case ActionKind.cr3:
        return !busy(w, a.v) && budget(w, Budget.cr3Writes) > 0;
      case ActionKind.invlpg:
        return !busy(w, a.v) && budget(w, Budget.invlpgs) > 0;
      case ActionKind.pressure:
        // Pressure that matters arises while a fault is in flight (the next shadow_prealloc consumes it).
        if (budget(w, Budget.pressures) <= 0 || w[GlobalWord.pressure] !== -1) return false;
        for (let v = 0; v < cfg.nVcpu; v++) if (busy(w, v)) return true;
        return false;
      default:
        return assertNever(a.kind);
    }
  };

  /** The guest's store through `va` into frame `frame`: a page table's entry of the same index flips; data is not modelled. */
  const guestStore = (w: Int32Array, frame: number, va: number): boolean => {
    const q = pageOf(L, frame);
    if (q < 0) return true;
    if (budget(w, Budget.ptWrites) <= 0) return false;
    w[L.envBase + Budget.ptWrites]!--;
    const k = va % L.entries;
    const i = gl1(L, q, k);
    const init = toXen(cfg.init[q]![k]!);
    w[i] = u32(w[i]!) === init ? toXen(cfg.alt[q]![k]!) : init;
    return true;
  };

  /** The CPU executes a guest access: through the TLB, else a walk of the shadow (fill), else a page fault (its TLB entry dropped). */
  /** The outcome, or undefined when the store would land in a page table, or the access trap, with the budget spent (the action is then disabled). */
  const access = (w: Int32Array, v: number, va: number, write: boolean): Outcome | undefined => {
    const slot = x86.slot(v, x86.pcid(w, v), va);
    const cached = w[slot]!;
    const entry = cached !== 0 ? cached : x86.fillEntry(w, v, va);
    if (entry !== 0 && (!write || (entry & Pte.writable) !== 0)) {
      if (write && !guestStore(w, pteFrame(entry), va)) return undefined;
      if (cached === 0) x86.fill(w, v, va);
      return Outcome.ok;
    }
    if (budget(w, Budget.faults) <= 0) return undefined;
    w[L.envBase + Budget.faults]!--;
    x86.invlpg(w, v, va);
    fns.faultWalk(world, v, va, write);
    return Outcome.fault;
  };

  /** Applies `a` to `t` (a copy of the state); false when it turned out disabled. */
  const apply = (t: ShadowImpl, a: ShadowAction, report: ShadowReport): boolean => {
    const w = t.w;
    const b = budgetOf(a.kind);
    if (b !== undefined) w[L.envBase + b]!--;
    world.w = w;
    report.actor = a.v < 0 ? cfg.nVcpu : a.v;
    switch (a.kind) {
      case ActionKind.access:
        report.lin = calls.access[a.v]![a.arg];
        report.outcome = access(w, a.v, a.arg >> 1, (a.arg & 1) === 1);
        if (report.outcome === undefined) return false;
        break;
      case ActionKind.step:
        report.lin = calls.faultLocked[a.v];
        report.outcome = OUTCOME_OF[fns.faultLocked(world, a.v)];
        break;
      case ActionKind.cr3:
        fns.cr3(world, a.v);
        report.lin = calls.cr3[a.v];
        report.outcome = Outcome.ok;
        break;
      case ActionKind.invlpg:
        for (let c = 0; c < cfg.nVcpu; c++) if (c !== a.v && w[x86.slot(c, x86.pcid(w, c), a.arg)] !== 0) w[L.envBase + RELEASED + c]! |= 1 << a.arg;
        fns.invlpg(world, a.v, a.arg);
        report.lin = calls.invlpg[a.v]![a.arg];
        report.outcome = Outcome.ok;
        break;
      case ActionKind.pressure:
        w[GlobalWord.pressure] = a.arg;
        report.lin = calls.pressure[a.arg];
        report.outcome = Outcome.ok;
        break;
      default:
        assertNever(a.kind);
    }
    settleReleased(w);
    return true;
  };

  /** A released mark lives exactly as long as its TLB entry. */
  const settleReleased = (w: Int32Array): void => {
    for (let c = 0; c < cfg.nVcpu; c++) {
      const at = L.envBase + RELEASED + c;
      for (let va = 0; va < nVa; va++) if (((w[at]! >>> va) & 1) === 1 && w[x86.slot(c, x86.pcid(w, c), va)] === 0) w[at]! &= ~(1 << va);
    }
  };

  const run = (s: ShadowImpl, a: ShadowAction, report: ShadowReport): ShadowImpl | undefined => {
    if (!enabled(s, a)) return undefined;
    const t: ShadowImpl = { w: s.w.slice() };
    return apply(t, a, report) ? t : undefined;
  };
  const scratch: ShadowReport = new StepReport<ShadowCall, Outcome>();
  const dead = new Int32Array(L.words);

  const model: Model<ShadowImpl, ShadowAction> = {
    name: `shadow-oos/${cfg.name}`,
    initStates: () => [initialShadowImpl(cfg, S, quirks)],
    actions(s, out) {
      for (const a of every) if (enabled(s, a)) out.push(a);
    },
    next(s, a) {
      scratch.reset();
      return run(s, a, scratch);
    },
    properties: () => implProperties(cfg, S),
    encode(s, sink) {
      // A free hash slot's snapshot and fixup words are dead (overwritten before they are read again): not encoded.
      dead.set(s.w);
      for (let v = 0; v < L.nVcpu; v++) {
        for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
          if (dead[oosW(L, v, idx)] !== INVALID_MFN) continue;
          dead.fill(0, snpW(L, v, idx, 0), snpW(L, v, idx, L.entries));
          dead.fill(0, fixW(L, v, idx, 0), fixW(L, v, idx, FIXUP_WORDS));
        }
      }
      sink.words(dead);
    },
    formatAction,
    formatState: (s) => formatImpl(S, s),
    inspect: shadowInspect(L, cfg.nVcpu, pte),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };
  return {
    model,
    shape: S,
    perfc: world.perfc,
    run,
    step: run,
    abstract: (s) =>
      abstractShadow(
        s.w,
        L,
        (w, c, va) => tlbAsSpec(x86, w, c, va),
        (w, c, va) => isReleased(L, w, c, va),
      ),
  };
}

const pte = (e: number): string => ((e & PAGE.present) === 0 ? '—' : `f${l1eFrame(e)}${(e & PAGE.rw) !== 0 ? ' W' : ' R'}`);

/** Xen's words as a reviewer reads them: per page flags, guest and shadow entries; per vCPU its hash, snapshots, fixups; TLBs. */
export function formatImpl(S: ShadowShape, s: ShadowImpl): string {
  const { L, x86 } = S;
  const w = s.w;
  const lines: string[] = [];
  for (let p = 0; p < L.gmfns.length; p++) {
    const f = w[pw(L, p, PageWord.flags)]!;
    const fl = [(f & SHF.L1) !== 0 ? 'L1' : 'unshadowed', (f & SHF.outOfSync) !== 0 ? 'out_of_sync' : '', (f & SHF.oosMayWrite) !== 0 ? 'may_write' : ''].filter((x) => x !== '');
    const guest = Array.from({ length: L.entries }, (_, k) => pte(w[gl1(L, p, k)]!)).join(', ');
    const shadow = Array.from({ length: L.entries }, (_, k) => pte(w[sl1(L, p, k)]!)).join(', ');
    lines.push(`gmfn ${L.gmfns[p]} (page ${p}): ${fl.join(' ')}; guest [${guest}] shadow [${shadow}]`);
  }
  for (let v = 0; v < L.nVcpu; v++) {
    // Only live slots: a free slot's snapshot and fixup words are dead (and not encoded).
    const live: string[] = [];
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
      const g = w[oosW(L, v, idx)]!;
      if (g === INVALID_MFN) continue;
      const snap = Array.from({ length: L.entries }, (_, k) => pte(w[snpW(L, v, idx, k)]!)).join(', ');
      const fix = Array.from({ length: SHADOW_OOS_FIXUPS }, (_, i) => {
        const smfn = w[fixW(L, v, idx, FixupWord.smfn + i)]!;
        return smfn === INVALID_MFN ? '—' : `smfn ${smfn.toString(16)}+${w[fixW(L, v, idx, FixupWord.off + i)]}`;
      }).join(', ');
      live.push(`[${idx}] gmfn ${g} snapshot [${snap}] fixups [${fix}] next ${w[fixW(L, v, idx, FixupWord.next)]}`);
    }
    lines.push(`vCPU${v} oos: ${live.length === 0 ? 'empty' : live.join('; ')}`);
    const f = w[frameW(L, v, FrameWord.op)] === Op.pageFault;
    if (f)
      lines.push(
        `vCPU${v} in the fault handler: va ${w[frameW(L, v, FrameWord.va)]} ${w[frameW(L, v, FrameWord.write)] === 1 ? 'write' : 'read'}, walked ${pte(w[frameW(L, v, FrameWord.walked)]!)}`,
      );
    lines.push(
      `CPU${v} TLB [${Array.from({ length: S.nVa }, (_, va) => `${pte(specToXen(tlbAsSpec(x86, w, v, va)))}${isReleased(L, w, v, va) ? ' (released)' : ''}`).join(', ')}]`,
    );
  }
  if (w[GlobalWord.pressure]! >= 0) lines.push(`memory pressure armed on page ${w[GlobalWord.pressure]}`);
  lines.push(
    `budgets: CR3 ${w[L.envBase + Budget.cr3Writes]}, INVLPG ${w[L.envBase + Budget.invlpgs]}, pressure ${w[L.envBase + Budget.pressures]}, page-table stores ${w[L.envBase + Budget.ptWrites]}, faults ${w[L.envBase + Budget.faults]}`,
  );
  return lines.join('\n');
}

const specToXen = (e: number): number => (e === 0 ? 0 : l1e(spteFrame(e), PAGE.present | (spteWritable(e) ? PAGE.rw : 0)));
