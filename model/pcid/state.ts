import { makeLayout, N_VA, type Layout } from '../../impl/pcid/layout.ts';
import { cpuWords, X86, type X86Shape } from '../x86/cpu.ts';
import type { PcidConfig } from './config.ts';
import { BUDGET_WORDS } from './env.ts';
import { pageTables } from './memory.ts';

/**
 * A state of the impl model: the CPUs' registers and TLBs, Xen's words and
 * the environment's words, all in `w` (what is encoded), plus `note`: what
 * the last step did (an access's observations, an operation finished...),
 * read by transition properties and never encoded.
 */
export interface PcidImpl {
  readonly w: Int32Array;
  readonly note: Int32Array;
}

/** Environment words after the budgets, per CPU: recorded when a context switch starts, for the same-PCID witness. */
export const EnvCpu = {
  /** The vCPU whose tables were loaded before the switch. */
  prevLoaded: 0,
  /** The PCID current before the switch, or −1 when PCIDE was off. */
  prevPcid: 1,
} as const;
export const ENV_CPU_WORDS = 2;

/** Note words. */
export const N = {
  /** CPU of a guest access (−1: none this step), the frames it may have used (bit per frame, bit 0 = none), whether it used a global entry filled in the other mode. */
  accessCpu: 0,
  accessSeen: 1,
  accessGlobalOtherMode: 2,
  /** CPU whose flush request completed (−1: none), the address (−2 = everything), the requesting domain. */
  flushCpu: 3,
  flushVa: 4,
  flushDom: 5,
  /** CPU whose context switch completed (−1: none). */
  switchCpu: 6,
  /** A NOFLUSH CR3 load kept an entry of the new PCID matching the new root. */
  noflushKept: 7,
  /** A fill changed the TLB while interrupts were off. */
  fillIrqOff: 8,
  /** A pcid= write was refused. */
  rejected: 9,
  /** The access saw a frame other than the PTE's current one. */
  accessStale: 10,
  /** A lazy-state sync IPI ran inside an operation (the seed's switch prologue). */
  nestedSync: 11,
  /** CPU whose kernel/user toggle completed (−1: none). */
  toggleCpu: 12,
} as const;
export const NOTE_WORDS = 13;

export function clearNote(note: Int32Array): void {
  note.fill(0);
  note[N.accessCpu] = -1;
  note[N.flushCpu] = -1;
  note[N.switchCpu] = -1;
  note[N.toggleCpu] = -1;
}

/** Where everything lives for a configuration. */
export interface PcidShape {
  readonly L: Layout;
  readonly x86: X86;
  /** First budget word; per-CPU environment words follow the budgets. */
  readonly envBase: number;
}

export function shapeOf(cfg: PcidConfig): PcidShape {
  const hwWords = cpuWords(N_VA) * cfg.nCpu;
  const L = makeLayout(cfg.nCpu, hwWords, BUDGET_WORDS + ENV_CPU_WORDS * cfg.nCpu);
  const shape: X86Shape = { base: 0, nCpu: cfg.nCpu, nVa: N_VA, tables: pageTables(L) };
  return { L, x86: new X86(shape), envBase: L.envBase };
}

export const envCpu = (S: PcidShape, cpu: number, off: number): number => S.envBase + BUDGET_WORDS + ENV_CPU_WORDS * cpu + off;
