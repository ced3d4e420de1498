import { P } from './properties-names.ts';

/**
 * The environment's vocabulary, the same numbering Xen's words use
 * (`impl/pcid/layout.ts`) but declared here, so that the spec-only model
 * loads nothing from `impl/` (a test checks the two agree).
 */
export const Va = { user: 0, kernel: 1, xen: 2, nonCanonical: 3 } as const;
export type Va = (typeof Va)[keyof typeof Va];
/** The idle vCPU's id; domains are 0..N_DOM−1. */
export const IDLE = 2;
export const N_DOM = 2;

/** CPU features and boot options Xen's PCID code reads (`XenBoot` in the impl). */
export interface Boot {
  readonly cpuHasPcid: boolean;
  readonly useInvpcid: boolean;
  /** XPTI is on for some class of domain. */
  readonly xptiAnyClass: boolean;
}

/**
 * Frames: per domain the two its user page may map and its kernel page's.
 * Xen's private page is in Xen's per-domain area (GDT/LDT shadows, mapcache):
 * each domain's full tables map it to that domain's frame (`xen[d]`), the
 * idle tables to the idle domain's (`xen[IDLE]`), so an entry filled from
 * another context's tables there is wrong, not merely redundant.
 */
export const FRAMES = {
  user: [
    [1, 2],
    [3, 4],
  ] as const,
  kernel: [5, 6] as const,
  xen: [8, 9, 7] as const,
} as const;

/**
 * A bound configuration: CPUs, the two PV domains' classes, the `pcid=`
 * values the administrator may write at run time, and budgets that keep
 * exploration finite. d0 is always subject to XPTI and d1 not (XPTI is set
 * per class of domain); d1 runs with a vTSC (CR4.TSD: a bit whose change
 * flushes nothing).
 */
export interface PcidConfig {
  readonly name: string;
  readonly description: string;
  readonly nCpu: number;
  readonly boot: Boot;
  /** `pcid=` values offered at run time (accepted or not). */
  readonly options: readonly string[];
  /** Budgets (global across CPUs). */
  readonly optionWrites: number;
  readonly switches: number;
  readonly toggles: number;
  readonly remaps: number;
  readonly flushes: number;
  readonly ipis: number;
  /** Per domain: runs in shadow mode (log-dirty). */
  readonly shadow: readonly boolean[];
  /** Replacements of a shadow-mode domain's inactive-mode top level. */
  readonly rootChanges: number;
  /** Lazy-state sync IPIs (to a CPU idling on a domain's tables). */
  readonly syncs: number;
  /** Addresses a guest may ask to flush (one page), and whether it may ask for a full flush. */
  readonly flushVas: readonly Va[];
  readonly flushAll: boolean;
  /** Addresses a guest may access and the CPU may fill (the TLB has a slot for every canonical one). */
  readonly accessVas: readonly Va[];
  /** The witnesses this configuration must reach (names from `P`). */
  readonly witnesses: readonly string[];
}

export const XPTI = [true, false] as const;
export const VTSC = [false, true] as const;

const BOOT: Boot = { cpuHasPcid: true, useInvpcid: true, xptiAnyClass: true };
const ALL_WITNESSES = [P.noflushKept, P.globalReuse, P.samePcid, P.fillIrqOff, P.staleSeen, P.optionRejected];

/** One CPU, PCID for all or only XPTI domains: the seed's leaks (v4, v5) and every witness, in seconds. */
const small: PcidConfig = {
  name: 'small',
  description:
    '1 CPU; d0 (XPTI) and d1 (no XPTI, vTSC) created after at most one pcid= write (true, or the rejected noxpti); 2 switches, a toggle, a remap and a flush of the user page; accesses and fills of the user and Xen pages',
  nCpu: 1,
  boot: BOOT,
  options: ['true', 'noxpti'],
  optionWrites: 1,
  switches: 2,
  toggles: 1,
  remaps: 1,
  flushes: 1,
  ipis: 0,
  shadow: [false, false],
  rootChanges: 0,
  syncs: 0,
  flushVas: [Va.user],
  flushAll: false,
  accessVas: [Va.user, Va.xen],
  witnesses: ALL_WITNESSES,
};

/**
 * One CPU, `pcid=no-xpti`: PCID only for the non-XPTI domain, so a switch goes from a domain with neither PGE nor
 * PCIDE to one with PCIDE (the merged code's #GP). The seed's algorithm faults here too, before it can leak.
 */
const mixed: PcidConfig = {
  ...small,
  name: 'mixed',
  description: 'as small, but the one pcid= write offered is no-xpti (PCID for d1 only, d0 keeps XPTI without PCID)',
  options: ['no-xpti'],
  witnesses: [P.noflushKept, P.globalReuse, P.fillIrqOff, P.staleSeen],
};

/**
 * One CPU, `pcid=true`: a vCPU left in user mode (PCID 1), the CPU idling lazily on its tables, the other domain
 * scheduled (PCID 0), and a lazy-state sync IPI at any interrupt-enabled point — inside the seed's switch prologue,
 * after it read the old PCID, the IPI's nested switch to the idle tables makes that read stale (XSA-292's second flaw).
 */
const nested: PcidConfig = {
  ...small,
  name: 'nested',
  description:
    '1 CPU; d0 and d1 created after at most one pcid= write (true); 3 switches (a domain, idle lazily, the other), a toggle, a lazy-state sync IPI at any interrupt-enabled point; accesses and fills of the user and Xen pages',
  options: ['true'],
  switches: 3,
  remaps: 0,
  flushes: 0,
  syncs: 1,
  witnesses: [P.noflushKept, P.globalReuse, P.samePcid, P.fillIrqOff],
};

/**
 * One CPU, d1 in shadow mode (log-dirty): the shadow code replaces the top level of the mode d1's vCPU is not in
 * (the new one write-protects the user page) between two toggles; the toggle back must flush the incoming PCID.
 */
const shadow: PcidConfig = {
  ...small,
  name: 'shadow',
  description:
    '1 CPU; d1 in shadow mode; at most one pcid= write (true); 2 switches, 2 toggles, a replacement of d1’s inactive-mode shadow top level (user page write-protected); accesses and fills of the user and Xen pages',
  options: ['true'],
  toggles: 2,
  remaps: 0,
  flushes: 0,
  shadow: [false, true],
  rootChanges: 1,
  witnesses: [P.noflushKept, P.globalReuse, P.samePcid, P.fillIrqOff],
};

/** One CPU, more of everything: every pcid= meaning, full and non-canonical flushes, a flush IPI, a lazy-state sync. */
const defaultCfg: PcidConfig = {
  name: 'default',
  description:
    '1 CPU; one pcid= write while a domain is still to be created (xpti=off, 1, no-xpti, or the rejected noxpti); 3 switches, a toggle, a remap, a flush (user page, non-canonical address, or everything), a flush IPI and a lazy-state sync; user and Xen pages',
  nCpu: 1,
  boot: BOOT,
  options: ['xpti=off', '1', 'no-xpti', 'noxpti'],
  optionWrites: 1,
  switches: 3,
  toggles: 1,
  remaps: 1,
  flushes: 1,
  ipis: 1,
  shadow: [false, false],
  rootChanges: 0,
  syncs: 1,
  flushVas: [Va.user, Va.nonCanonical],
  flushAll: true,
  accessVas: [Va.user, Va.xen],
  witnesses: ALL_WITNESSES,
};

/**
 * One CPU booted without INVPCID (`invpcid=0`, or a CPU without it): Xen then never enables PCIDE (with PCID but
 * no INVPCID its flushes could not reach other PCIDs), so every domain runs on PCID 0 and `flush_area_local`'s full
 * flush takes the CR4.PGE toggle, a non-global flush the CR3 reload — the paths the INVPCID configurations never run.
 */
const noInvpcid: PcidConfig = {
  ...defaultCfg,
  name: 'no-invpcid',
  description: 'default booted without INVPCID: PCIDE never set, full flushes by toggling CR4.PGE, others by reloading CR3; one pcid= write (true, or the rejected noxpti)',
  boot: { ...BOOT, useInvpcid: false },
  options: ['true', 'noxpti'],
  // Without PCIDE no CR3 load has NOFLUSH and every domain is on PCID 0 by necessity, not by Xen's choice of PCIDs.
  witnesses: [P.globalReuse, P.fillIrqOff, P.staleSeen, P.optionRejected],
};

/** Two CPUs: vCPUs migrate, lazy idle holds a vCPU’s tables on one CPU while the other runs. */
const deep: PcidConfig = {
  ...defaultCfg,
  name: 'deep',
  description: 'default on 2 CPUs: vCPUs move between CPUs, a CPU idles lazily on a vCPU’s tables while the other runs',
  nCpu: 2,
};

export const PCID_CONFIGS: readonly PcidConfig[] = [small, mixed, nested, shadow, noInvpcid, defaultCfg, deep];
