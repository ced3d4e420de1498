import { ALL_WITNESSES, P } from './properties-names.ts';

/** A guest L1 entry as a configuration writes it: the frame and whether the guest grants write access, or null (not present). */
export type GuestEntry = { readonly frame: number; readonly rw: boolean } | null;

/**
 * A bound configuration: vCPUs (each on its own CPU), the guest L1
 * page-table pages (by guest frame; two share a home slot of the OOS hash),
 * their entries' initial values and the value a guest write flips each to,
 * and budgets. Address `va` = page × entries + entry is mapped by entry
 * `va % entries` of page `va / entries`; a guest write through `va` to a
 * page table flips that table's entry of the same index.
 */
export interface ShadowConfig {
  readonly name: string;
  readonly description: string;
  readonly nVcpu: number;
  readonly entries: number;
  readonly gmfns: readonly number[];
  readonly init: readonly (readonly GuestEntry[])[];
  readonly alt: readonly (readonly GuestEntry[])[];
  /** Budgets (global across vCPUs). */
  readonly cr3Writes: number;
  readonly invlpgs: number;
  readonly pressures: number;
  /** Guest stores that land in a page table (direct writes to OOS pages, or through a stale writable TLB entry). */
  readonly ptWrites: number;
  /** Addresses the guest reads, and writes. */
  readonly reads: readonly number[];
  readonly writes: readonly number[];
  /** Accesses that trap into the page-fault handler. */
  readonly faults: number;
  /** The witnesses this configuration must reach. */
  readonly witnesses: readonly string[];
}

const RW = (frame: number): GuestEntry => ({ frame, rw: true });
const RO = (frame: number): GuestEntry => ({ frame, rw: false });

/** Guest frames: L1 tables 3 and 6 share home slot 0, 4 is at home 1; data pages 1 and 2. */
const GMFNS = [3, 6, 4] as const;
/** The guest maps its own tables: table 3 through both of its own entries and through table 6 (three writable mappings), 6 through 4, 4 through 6. */
const INIT: readonly (readonly GuestEntry[])[] = [
  [RW(3), RW(3)],
  [RW(3), RW(4)],
  [RW(6), RO(1)],
];
const ALT: readonly (readonly GuestEntry[])[] = [
  [RW(1), RW(2)],
  [RW(1), null],
  [RW(1), RW(2)],
];

const small: ShadowConfig = {
  name: 'small',
  description:
    '1 vCPU; L1 tables 3, 6 (same home slot) and 4, self-mapped (table 3 writable through three entries); writes of every address and reads of va 2, 4 faults, 1 page-table store, 1 CR3 write, 1 INVLPG, 1 memory-pressure event',
  nVcpu: 1,
  entries: 2,
  gmfns: GMFNS,
  init: INIT,
  alt: ALT,
  cr3Writes: 1,
  invlpgs: 1,
  pressures: 1,
  ptWrites: 1,
  faults: 4,
  reads: [2],
  writes: [0, 1, 2, 3, 4, 5],
  witnesses: ALL_WITNESSES,
};

/**
 * One vCPU, only the accesses of the fixup-eviction story: table 3 unsynced and written through three mappings (one
 * evicted while a read left its writable TLB entry), two INVLPGs, then tables 6 and 4 unsynced so that 3 is punted and
 * crushed by a resync. Long (15 actions) but narrow: the zoo's flush-only-if-removed lives here.
 */
const evict: ShadowConfig = {
  ...small,
  name: 'evict',
  description: '1 vCPU; writes of va 0, 1, 2, 3, 4 and a read of va 2 only; 6 faults, 2 INVLPGs, no CR3 write, no memory pressure, no page-table store',
  cr3Writes: 0,
  invlpgs: 2,
  pressures: 0,
  ptWrites: 0,
  faults: 6,
  writes: [0, 1, 2, 3, 4],
  witnesses: [P.fixupEvict, P.hashEvict, P.swap],
};

/**
 * Two vCPUs on their own CPUs with tight budgets (3 faults, 1 page-table store, 1 CR3 write, memory pressure once,
 * no INVLPG): a fault's unlocked guest walk still races the other vCPU's accesses, faults, CR3 write and the
 * pressure, and every witness is reached. `deep` trades the CR3 write for an INVLPG.
 */
const defaultCfg: ShadowConfig = {
  ...small,
  name: 'default',
  description: '2 vCPUs (own CPUs): faults walk without the lock while the other vCPU acts; 3 faults, 1 page-table store, 1 CR3 write, 1 memory-pressure event, no INVLPG',
  nVcpu: 2,
  faults: 3,
  ptWrites: 1,
  cr3Writes: 1,
  invlpgs: 0,
  pressures: 1,
};

/**
 * Two vCPUs with a guest INVLPG: `default`'s budgets with the CR3 write traded for one INVLPG, where an INVLPG of an
 * out-of-sync L1 drops a shadow entry that the other CPU's TLB may still hold (README, shadow-oos "INVLPG on two
 * vCPUs": the guest's shootdown contract). Bounded for time: `default` plus an INVLPG (CR3 write kept) was 1.13 M
 * impl states before the duplicate-fixup change, about 3 minutes impl alone and over 5 in lockstep on the shared
 * machine.
 */
const deep: ShadowConfig = {
  ...defaultCfg,
  name: 'deep',
  description: '2 vCPUs (own CPUs), 3 faults, 1 page-table store, 1 INVLPG, 1 memory-pressure event, no CR3 write',
  invlpgs: 1,
  cr3Writes: 0,
};

export const SHADOW_CONFIGS: readonly ShadowConfig[] = [small, evict, defaultCfg, deep];
