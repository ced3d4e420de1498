/**
 * Xen's state for the PCID model, as 32-bit words of one state buffer: the
 * global `pcid=` option, per domain (its one vCPU included) and per physical
 * CPU. The CPU registers and TLB precede it (`hwWords`, laid out by the
 * model's x86 CPU) and the environment's words follow it (`envWords`).
 */

/** Addresses: which virtual page an access or flush names. */
export const Va = {
  /** A guest user page: in both the kernel and user tables, PTE global (Xen marks PV user mappings global). */
  user: 0,
  /** A guest kernel page: in the kernel tables only. */
  kernel: 1,
  /** One of Xen's private mappings: in Xen's tables, absent from the XPTI per-CPU root. */
  xen: 2,
  /** A non-canonical address (a flush request may name one). */
  nonCanonical: 3,
} as const;
export type Va = (typeof Va)[keyof typeof Va];
/** Canonical addresses, each with a TLB slot per PCID. */
export const N_VA = 3;

/** The idle vCPU's id in `Cpu.current` / `Cpu.loaded` (domains are 0..nDom−1). */
export const IDLE = 2;
/** Domains the model has (each with one vCPU). */
export const N_DOM = 2;

/** Page-table roots (the CR3 address field): the idle tables, each vCPU's full tables per mode, each CPU's XPTI root. */
export const ROOT_IDLE = 0;
export const fullRoot = (d: number, user: boolean): number => 1 + 2 * d + (user ? 1 : 0);
export const xptiRoot = (cpu: number): number => 1 + 2 * N_DOM + cpu;
export const isXptiRoot = (root: number): boolean => root >= 1 + 2 * N_DOM;

/** What a root's top level holds: `CONTENTS_IDLE`, a vCPU's full tables, or a guest's entries copied into an XPTI root. */
export const CONTENTS_IDLE = 0;
export const contentsFull = (d: number, user: boolean): number => 1 + 2 * d + (user ? 1 : 0);
export const contentsRestricted = (d: number, user: boolean): number => 1 + 2 * N_DOM + 2 * d + (user ? 1 : 0);
/** An XPTI root nothing was copied into yet. */
export const CONTENTS_EMPTY = 1 + 4 * N_DOM;
/** A shadow-mode vCPU's full tables per mode after the shadow code replaced the top level (user page write-protected). */
export const contentsLogDirty = (d: number, user: boolean): number => 2 + 4 * N_DOM + 2 * d + (user ? 1 : 0);

/** PCID values (`PCID_PV_*`). */
export const PCID_PV_PRIV = 0;
export const PCID_PV_USER = 1;
export const PCID_PV_XPTI = 2;

/** The `pcid=` setting (`opt_pcid`). */
export const OptPcid = {
  off: 0,
  all: 1,
  xpti: 2,
  noXpti: 3,
} as const;
export type OptPcid = (typeof OptPcid)[keyof typeof OptPcid];

/** Global words. */
export const G = {
  optPcid: 0,
} as const;
const G_WORDS = 1;

/** Per-domain words (the domain and its single vCPU). */
export const D = {
  created: 0,
  xpti: 1,
  /** `d->arch.pv_domain.pcid`, decided once at creation. */
  pcid: 2,
  vtsc: 3,
  /** The guest's PTE for `Va.user`: which of its frames (guest memory, written by mmu_update). */
  userFrame: 4,
  /** TF_kernel_mode. */
  kernel: 5,
  /** v->arch.cr3: root, CR3[11:0] and the NOFLUSH request (bit 63 kept apart). */
  cr3Root: 6,
  cr3Pcid: 7,
  cr3Noflush: 8,
  /** shadow_mode_enabled(d): the domain runs on shadow page tables (here: log-dirty, for live migration). */
  shadow: 9,
  /**
   * Which top-level shadow is installed per mode (bit 0 kernel, bit 1 user): the shadow code may replace the
   * top level of a mode between two toggles; generation 1 write-protects the user page (log-dirty).
   */
  shadowGen: 10,
} as const;
const D_WORDS = 11;

/** Per-CPU words. */
export const C = {
  /** `current`: the vCPU scheduled here (a domain, or IDLE). */
  current: 0,
  /** `curr_vcpu`: whose state (page tables) is loaded; differs from current while lazily idle. */
  loaded: 1,
  /** 1 while the guest runs (not in Xen). */
  inGuest: 2,
  /** The software copy `read_cr4` returns. */
  cr4: 3,
  /** cpu_info->pv_cr3 (XPTI guest CR3) and root_pgt_changed. */
  pvCr3Root: 4,
  pvCr3Pcid: 5,
  pvCr3Noflush: 6,
  rootPgtChanged: 7,
  /** The contents of this CPU's XPTI root page (shared by every XPTI vCPU running here). */
  xptiContents: 8,
  /** The operation in flight (`Op`) and its program counter. */
  op: 9,
  pc: 10,
  /** Locals of the operation in flight. */
  target: 11,
  newRoot: 12,
  newPcid: 13,
  newNoflush: 14,
  newCr4: 15,
  flags: 16,
  oldPcid: 17,
  arg: 18,
} as const;
const C_WORDS = 19;
/** First and last+1 local word: cleared when an operation ends. */
export const C_LOCALS = [C.target, C_WORDS] as const;

/** Operations a CPU may have in flight. */
export const Op = {
  none: 0,
  /** A context switch: write_ptbase → switch_cr3_cr4, then the scheduler's bookkeeping. */
  contextSwitch: 1,
  /** flush_area_local for one address (a guest's INVLPG request). */
  flushOne: 2,
  /** A full local flush (a guest's TLB flush request). */
  flushAll: 3,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** Where everything is. */
export interface Layout {
  readonly nCpu: number;
  readonly xenBase: number;
  readonly envBase: number;
  readonly words: number;
}

export function makeLayout(nCpu: number, hwWords: number, envWords: number): Layout {
  const xenBase = hwWords;
  const envBase = xenBase + G_WORDS + N_DOM * D_WORDS + nCpu * C_WORDS;
  return { nCpu, xenBase, envBase, words: envBase + envWords };
}

export const gw = (L: Layout, off: number): number => L.xenBase + off;
export const dw = (L: Layout, d: number, off: number): number => L.xenBase + G_WORDS + D_WORDS * d + off;
export const cw = (L: Layout, cpu: number, off: number): number => L.xenBase + G_WORDS + N_DOM * D_WORDS + C_WORDS * cpu + off;
