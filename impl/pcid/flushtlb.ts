import { DONE, type OperationDef, type StepDef, type StepResult } from '../../checker/step-machine.ts';
import { INVPCID_TYPE, X86_CR4 } from './hw.ts';
import { C, cw, PCID_PV_PRIV, PCID_PV_USER, PCID_PV_XPTI } from './layout.ts';
import { readCr4, writeCr4, type PcidWorld } from './mm.ts';

/*
 * Xen's TLB-touching operations as step machines: one step per instruction
 * that touches CR3, CR4 or the TLB (software work rides on the step of the
 * instruction it precedes). Locals live in the CPU's words (`C.*`), so a
 * path can stop between any two instructions and the CPU may fill its TLB
 * there.
 */

export type PcidStep = StepDef<PcidWorld, 0, undefined>;
export type PcidOperation = OperationDef<PcidWorld, null, 0, undefined>;

const go = (pc: number): StepResult<0> => ({ pc, locals: 0 });
const local = (x: PcidWorld, off: number): number => x.w[cw(x.L, x.cpu, off)]!;
const setLocal = (x: PcidWorld, off: number, v: number): void => {
  x.w[cw(x.L, x.cpu, off)] = v;
};

/** Program counters of the corrected `switch_cr3_cr4`. */
export const SwitchPc = {
  enter: 0,
  earlyCr4: 1,
  cr3: 2,
  lateCr4: 3,
  flushAllNonGlobal: 4,
  leave: 5,
} as const;

/** After the CR3 load: the CR4 write if CR4 still differs, else the INVPCID if PCIDE is wanted, else the end. */
function afterCr3(x: PcidWorld, pcs: { readonly lateCr4: number; readonly flush: number; readonly leave: number }): StepResult<0> {
  const cr4 = local(x, C.newCr4);
  if (readCr4(x) !== cr4) return go(pcs.lateCr4);
  return go(cr4 & X86_CR4.PCIDE ? pcs.flush : pcs.leave);
}

const loadNewCr3 = (x: PcidWorld): void => x.hw.movCr3(x.w, x.cpu, local(x, C.newRoot), local(x, C.newPcid), local(x, C.newNoflush) === 1);

const leave: PcidStep = {
  name: 'restore interrupts',
  linearizes: true,
  run(x) {
    if (local(x, C.flags) === 1) x.hw.sti(x.w, x.cpu);
    return DONE;
  },
};

/**
 * The corrected `switch_cr3_cr4(cr3, cr4)` (its operands already in the
 * locals, from `writePtbaseValues`): interrupts off; CR4 written early
 * (PGE cleared) when PCIDE is being turned on or PGE is set before and
 * after, so that PCIDE is live before the CR3 load and globals go; NOFLUSH
 * on the CR3 value when PCIDE is being turned off (the final CR4 write
 * flushes everything); the CR3 load; the final CR4; and with PCIDE, INVPCID
 * of every non-global entry *after* the CR3 load, so nothing filled from
 * the old root survives.
 */
export const switchCr3Cr4: PcidOperation = {
  name: 'switch_cr3_cr4',
  begin: () => 0,
  steps: [
    {
      name: 'disable interrupts, read CR4',
      run(x) {
        setLocal(x, C.flags, x.hw.interruptsOn(x.w, x.cpu) ? 1 : 0);
        x.hw.cli(x.w, x.cpu);
        const old = readCr4(x);
        const cr4 = local(x, C.newCr4);
        const enablingPcide = (old & X86_CR4.PCIDE) === 0 && (cr4 & X86_CR4.PCIDE) !== 0;
        const pgeBoth = (old & X86_CR4.PGE) !== 0 && (cr4 & X86_CR4.PGE) !== 0;
        if ((old & X86_CR4.PCIDE) !== 0 && (cr4 & X86_CR4.PCIDE) === 0) setLocal(x, C.newNoflush, 1);
        const early = x.quirks.earlyCr4OnlyForPge ? (old & X86_CR4.PGE) !== 0 : enablingPcide || pgeBoth;
        return go(early ? SwitchPc.earlyCr4 : SwitchPc.cr3);
      },
    },
    {
      name: 'write CR4 early (PGE cleared)',
      run(x) {
        writeCr4(x, local(x, C.newCr4) & ~X86_CR4.PGE);
        return go(SwitchPc.cr3);
      },
    },
    {
      name: 'write CR3',
      run(x) {
        loadNewCr3(x);
        return afterCr3(x, { lateCr4: SwitchPc.lateCr4, flush: SwitchPc.flushAllNonGlobal, leave: SwitchPc.leave });
      },
    },
    {
      name: 'write CR4',
      run(x) {
        writeCr4(x, local(x, C.newCr4));
        return go(local(x, C.newCr4) & X86_CR4.PCIDE ? SwitchPc.flushAllNonGlobal : SwitchPc.leave);
      },
    },
    {
      name: 'INVPCID all non-global',
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.allNonGlobal, 0, 0);
        return go(SwitchPc.leave);
      },
    },
    leave,
  ],
};

/** Program counters of the seed's `write_cr3_cr4`. */
export const SeedPc = {
  readOldPcid: 0,
  enter: 1,
  earlyCr4: 2,
  flushBefore: 3,
  cr3: 4,
  lateCr4: 5,
  flushOldPcid: 6,
  leave: 7,
  lateCr4ThenFlushOld: 8,
} as const;

/**
 * The seed's `write_cr3_cr4` (v4, and v5 with the old-PCID flush): the old
 * PCID read on entry with interrupts still on; then PGE cleared early if
 * set, else INVPCID type 3 *before* the CR3 load; the load; the new CR4 if
 * it differs, else (v5) INVPCID type 1 on the old PCID when it changed.
 */
export const writeCr3Cr4Seed: PcidOperation = {
  name: 'write_cr3_cr4 (seed)',
  begin: () => 0,
  steps: [
    {
      name: 'read the old PCID (interrupts on)',
      run(x) {
        setLocal(x, C.oldPcid, x.hw.cr3Low(x.w, x.cpu) & 0xfff);
        return go(SeedPc.enter);
      },
    },
    {
      name: 'disable interrupts, read CR4',
      run(x) {
        setLocal(x, C.flags, x.hw.interruptsOn(x.w, x.cpu) ? 1 : 0);
        x.hw.cli(x.w, x.cpu);
        if (readCr4(x) & X86_CR4.PGE) return go(SeedPc.earlyCr4);
        return go(x.boot.useInvpcid ? SeedPc.flushBefore : SeedPc.cr3);
      },
    },
    {
      name: 'write CR4 early (PGE cleared)',
      run(x) {
        writeCr4(x, local(x, C.newCr4) & ~X86_CR4.PGE);
        return go(SeedPc.cr3);
      },
    },
    {
      name: 'INVPCID all non-global (before the CR3 load)',
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.allNonGlobal, 0, 0);
        return go(SeedPc.cr3);
      },
    },
    {
      name: 'write CR3',
      run(x) {
        const changed = local(x, C.oldPcid) !== local(x, C.newPcid);
        if (x.quirks.switchAlgorithm === 'seed-v5-stale-read') {
          // XSA-292's flushing, judged on the old PCID read before interrupts were disabled.
          if (!changed) setLocal(x, C.newNoflush, 0);
          const oldCr4 = readCr4(x);
          const cr4 = local(x, C.newCr4);
          loadNewCr3(x);
          const flushOld = changed && (cr4 & X86_CR4.PGE) === 0 && (oldCr4 & X86_CR4.PCIDE) <= (cr4 & X86_CR4.PCIDE);
          if (oldCr4 !== cr4) return go(flushOld ? SeedPc.lateCr4ThenFlushOld : SeedPc.lateCr4);
          return go(flushOld ? SeedPc.flushOldPcid : SeedPc.leave);
        }
        loadNewCr3(x);
        if (readCr4(x) !== local(x, C.newCr4)) return go(SeedPc.lateCr4);
        return go(x.quirks.switchAlgorithm === 'seed-v5' && changed ? SeedPc.flushOldPcid : SeedPc.leave);
      },
    },
    {
      name: 'write CR4',
      run(x) {
        writeCr4(x, local(x, C.newCr4));
        return go(SeedPc.leave);
      },
    },
    {
      name: 'INVPCID the old PCID',
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.singleCtxt, local(x, C.oldPcid), 0);
        return go(SeedPc.leave);
      },
    },
    leave,
    {
      name: 'write CR4 (then flush the old PCID)',
      run(x) {
        writeCr4(x, local(x, C.newCr4));
        return go(SeedPc.flushOldPcid);
      },
    },
  ],
};

/** Program counters of `flush_area_local` for one address. */
export const FlushOnePc = {
  readCr4: 0,
  priv: 1,
  user: 2,
  xptiPriv: 3,
  xptiUser: 4,
  invlpg: 5,
} as const;

const invpcidOne =
  (pcid: number, next: (x: PcidWorld) => StepResult<0>): PcidStep['run'] =>
  (x) => {
    x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.indivAddr, pcid, local(x, C.arg));
    return next(x);
  };

/**
 * `flush_area_local(va)` for one page, with interrupts on (a flush IPI may
 * arrive between any two steps): with PCIDE, INVPCID of `va` in PCIDs 0 and
 * 1, and 2 and 3 too when XPTI is on for some class of domain (the current
 * vCPU may be idle while XPTI entries remain); without PCIDE, INVLPG.
 */
export const flushAreaLocal: PcidOperation = {
  name: 'flush_area_local',
  begin: () => 0,
  steps: [
    { name: 'read CR4', run: (x) => go(readCr4(x) & X86_CR4.PCIDE ? FlushOnePc.priv : FlushOnePc.invlpg) },
    { name: 'INVPCID va in PCID 0', run: invpcidOne(PCID_PV_PRIV, () => go(FlushOnePc.user)) },
    { name: 'INVPCID va in PCID 1', linearizes: true, run: invpcidOne(PCID_PV_USER, (x) => (x.boot.xptiAnyClass ? go(FlushOnePc.xptiPriv) : DONE)) },
    { name: 'INVPCID va in PCID 2', run: invpcidOne(PCID_PV_PRIV | PCID_PV_XPTI, () => go(FlushOnePc.xptiUser)) },
    { name: 'INVPCID va in PCID 3', linearizes: true, run: invpcidOne(PCID_PV_USER | PCID_PV_XPTI, () => DONE) },
    {
      name: 'INVLPG va',
      linearizes: true,
      run(x) {
        x.hw.invlpg(x.w, x.cpu, local(x, C.arg));
        return DONE;
      },
    },
  ],
};

/** Program counters of the full flush. */
export const FlushAllPc = {
  choose: 0,
  invpcidAll: 1,
  pgeOff: 2,
  pgeOn: 3,
  reloadCr3: 4,
} as const;

/**
 * The full local flush (`do_tlb_flush`): INVPCID type 2 when INVPCID is in
 * use, else PGE toggled off and on, else CR3 reloaded with its own value.
 */
export const flushTlbLocal: PcidOperation = {
  name: 'flush_tlb_local',
  begin: () => 0,
  steps: [
    {
      name: 'choose the flush',
      run(x) {
        if (x.boot.useInvpcid) return go(FlushAllPc.invpcidAll);
        return go(readCr4(x) & X86_CR4.PGE ? FlushAllPc.pgeOff : FlushAllPc.reloadCr3);
      },
    },
    {
      name: 'INVPCID everything',
      linearizes: true,
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.allInclGlobal, 0, 0);
        return DONE;
      },
    },
    {
      name: 'write CR4 without PGE',
      run(x) {
        writeCr4(x, readCr4(x) & ~X86_CR4.PGE);
        return go(FlushAllPc.pgeOn);
      },
    },
    {
      name: 'write CR4 with PGE',
      linearizes: true,
      run(x) {
        writeCr4(x, readCr4(x) | X86_CR4.PGE);
        return DONE;
      },
    },
    {
      name: 'reload CR3',
      linearizes: true,
      run(x) {
        x.hw.movCr3(x.w, x.cpu, x.hw.cr3Root(x.w, x.cpu), x.hw.cr3Low(x.w, x.cpu), false);
        return DONE;
      },
    },
  ],
};

/** The full flush run to completion at once: a flush IPI's handler (interrupts are off in it). */
export function flushTlbLocalAtomic(x: PcidWorld): void {
  let pc = 0;
  for (;;) {
    const r = flushTlbLocal.steps[pc]!.run(x, 0, undefined);
    if (r === DONE) return;
    pc = r.pc;
  }
}
