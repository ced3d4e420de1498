import { l1eFrame, PAGE, pageOf, PageWord, pw, SHF, type Layout } from './layout.ts';
import type { ShadowQuirks } from './quirks.ts';

/**
 * Xen's shadow out-of-sync code after seed `004_*` (fixup arrays), over the
 * words of one state vector, split the way the concepts are: this file holds
 * the world the functions act on, the page flags and the L1 propagation rule;
 * `fixup.ts` the fixup arrays and write-access removal, `resync.ts` the
 * resyncs, `hash.ts` the OOS hash and unsync, `fault.ts` the page-fault
 * handler, INVLPG, CR3 writes and memory pressure. One shadow L1 per guest L1
 * page table; the hardware (TLB flushes) is reached through `ShadowHw`, which
 * the model supplies. Upstream now keeps most of it in
 * `xen/arch/x86/mm/shadow/oos.c`; the seed had it in `common.c` and `multi.c`.
 */

/** The TLB maintenance the shadow code asks the hardware for. */
export interface ShadowHw {
  /** `flush_tlb_mask(d->dirty_cpumask)`: every CPU that ran the domain. */
  flushTlbMask(w: Int32Array): void;
  /** The local TLB effect of loading a new shadow CR3 on the vCPU's CPU. */
  loadCr3(w: Int32Array, v: number): void;
  /** Local INVLPG of `va`. */
  invlpg(w: Int32Array, v: number, va: number): void;
}

/** Perf counters (`perfc_incr`): Xen's and the unit tests' record of events; no model property reads them. */
export const Perfc = {
  /** `shadow_oos_fixup_evict`. */
  fixupEvict: 0,
  /** `shadow_unsync_evict`: an occupant crushed by a full resync. */
  unsyncEvict: 1,
  /** An occupant punted into home + 1. */
  unsyncSwap: 2,
  /** A full resync re-propagated a changed entry. */
  resyncRepropagate: 3,
  /** `shadow_prealloc` demoted an OOS page. */
  demoteOos: 4,
} as const;
export const PERFC_WORDS = 5;

export interface ShadowWorld {
  w: Int32Array;
  readonly L: Layout;
  readonly hw: ShadowHw;
  readonly quirks: ShadowQuirks;
  /** Where `perfc_incr` counts. */
  perfc: Int32Array;
}

/** The shadow flags of guest page p, and their update. */
export const flags = (x: ShadowWorld, p: number): number => x.w[pw(x.L, p, PageWord.flags)]!;
export const setFlags = (x: ShadowWorld, p: number, f: number): void => void (x.w[pw(x.L, p, PageWord.flags)] = f);

/** `sh_mfn_is_a_page_table`: the frame has a shadow. */
export function shMfnIsAPageTable(x: ShadowWorld, gmfn: number): boolean {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.L1) !== 0;
}
export function mfnIsOutOfSync(x: ShadowWorld, gmfn: number): boolean {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.outOfSync) !== 0;
}
export function mfnOosMayWrite(x: ShadowWorld, gmfn: number): boolean {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.oosMayWrite) !== 0;
}

/** `_sh_propagate` at level 1: a mapping of a page table is read-only unless that page may be written and this is a demand write. */
export function shPropagateL1(x: ShadowWorld, gl1e: number, demandWrite: boolean): number {
  if ((gl1e & PAGE.present) === 0) return 0;
  const target = l1eFrame(gl1e);
  if (shMfnIsAPageTable(x, target) && !(mfnOosMayWrite(x, target) && demandWrite)) return (gl1e & ~PAGE.rw) >>> 0;
  return gl1e >>> 0;
}
