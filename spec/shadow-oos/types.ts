/**
 * The reference's vocabulary for shadow out-of-sync pages (seed `004_*`).
 *
 * A page-table entry, guest or shadow, is a number in the reference's own
 * form (not Xen's bits): 0 for "not present", else `1 | rw << 1 | frame << 2`.
 */
export const SpecPte = {
  present: 1,
  rw: 2,
  frameShift: 2,
} as const;

export const specPte = (frame: number, rw: boolean): number => SpecPte.present | (rw ? SpecPte.rw : 0) | (frame << SpecPte.frameShift);
export const spteFrame = (e: number): number => e >>> SpecPte.frameShift;
export const sptePresent = (e: number): boolean => (e & SpecPte.present) !== 0;
export const spteWritable = (e: number): boolean => (e & (SpecPte.present | SpecPte.rw)) === (SpecPte.present | SpecPte.rw);

/** What the reference needs from a configuration. */
export interface ShadowFacts {
  readonly nVcpu: number;
  /** Entries per guest L1 page table. */
  readonly entries: number;
  /** Guest frame of each guest L1 page-table page (page index → gmfn). */
  readonly gmfns: readonly number[];
  /** Each guest entry's initial value and the value a guest write through a mapping flips it to (`SpecPte` form). */
  readonly init: readonly (readonly number[])[];
  readonly alt: readonly (readonly number[])[];
  /** Out-of-sync pages a vCPU may hold at once (`SHADOW_OOS_PAGES`). */
  readonly oosPerVcpu: number;
}

/** One guest L1 page table as the reference sees it. */
export interface SpecPage {
  /** It has an L1 shadow (it is a page table to the shadow code). */
  readonly shadowed: boolean;
  /** The vCPU it is out of sync for, or −1 when in sync (or unshadowed). */
  readonly owner: number;
  /** The guest may write it directly (only while out of sync). */
  readonly mayWrite: boolean;
  /** The guest's entries as the shadow last saw them (only while out of sync). */
  readonly snapshot: readonly number[] | null;
  /** The shadow's entries (all 0 while unshadowed). */
  readonly shadow: readonly number[];
}

/** A guest walk done before the paging lock: the address, the access, the entry read. */
export interface SpecWalk {
  readonly va: number;
  readonly write: boolean;
  readonly value: number;
}

/**
 * The reference state: guest page tables, their shadows and out-of-sync
 * status, every CPU's TLB (one CPU per vCPU: a TLB entry per address, `SpecPte`
 * form), which of those entries the guest has released, each vCPU's guest
 * walk in flight, and an armed memory-pressure victim (−1: none). The
 * complete set of writable mappings of a page is not stored: it is every
 * shadow entry that maps it writable (`writableMappings`).
 */
export interface ShadowState {
  readonly guest: readonly (readonly number[])[];
  readonly pages: readonly SpecPage[];
  readonly tlb: readonly (readonly number[])[];
  /**
   * `released[cpu][va]`: another vCPU INVLPG'd `va` while this CPU's TLB held an entry for it. The guest's
   * shootdown contract: it does not use `va` on this CPU until that entry is gone, so Xen owes it no write
   * protection (upstream drops such shadow entries without a remote flush, `sh_invlpg` in `multi.c`).
   * True only while the TLB entry exists.
   */
  readonly released: readonly (readonly boolean[])[];
  readonly walk: readonly (SpecWalk | null)[];
  readonly pressure: number;
}

/** Operations the reference offers; an address `va` is `page * entries + entry`. */
export type ShadowCall =
  | { readonly kind: 'access'; readonly v: number; readonly va: number; readonly write: boolean }
  | { readonly kind: 'faultLocked'; readonly v: number }
  | { readonly kind: 'cr3'; readonly v: number }
  | { readonly kind: 'invlpg'; readonly v: number; readonly va: number }
  | { readonly kind: 'pressure'; readonly page: number };

/** Guest-visible outcomes. */
export const Outcome = {
  /** The access completed without a trap. */
  ok: 0,
  /** The access trapped: the page-fault handler runs (its guest walk done). */
  fault: 1,
  /** The walked entry changed before the lock: the guest re-executes. */
  retry: 2,
  /** The guest's own tables forbid the access: the fault is the guest's. */
  guestFault: 3,
  /** The shadow was fixed: the guest re-executes. */
  fixed: 4,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];
export const OUTCOME_NAMES = ['ok', 'fault', 'retry', 'guest fault', 'fixed'] as const satisfies { readonly length: 5 };
