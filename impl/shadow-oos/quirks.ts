/**
 * Deviations from the corrected design, one per historical mistake. The
 * unmodified impl runs with `CORRECT`; each zoo variant sets exactly one.
 */
export interface ShadowQuirks {
  /** The resync flushes TLBs only when it removed a writable mapping (the rule of the fixup tables the seed replaced). */
  readonly flushOnlyIfRemoved: boolean;
  /** The fault handler removes write access from the walk's tables before `shadow_prealloc` (the seed's order, fixed in 2009). */
  readonly preallocAfterWriteRemoval: boolean;
}

export const CORRECT: ShadowQuirks = Object.freeze({ flushOnlyIfRemoved: false, preallocAfterWriteRemoval: false });
