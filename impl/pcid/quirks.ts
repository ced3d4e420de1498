/**
 * Deviations from the corrected design, one per historical bug. The
 * unmodified impl runs with `CORRECT`; each zoo variant in `variants/` sets
 * exactly one. Flags are read only where the bug lived.
 */
export interface PcidQuirks {
  /**
   * Which `switch_cr3_cr4` runs: the corrected one, or the seed's
   * `write_cr3_cr4` as posted in v4 (no flush after the CR3 write) or v5
   * (old PCID read with interrupts on; INVPCID of the old PCID only when the
   * PCID changed and CR4 did not), or `seed-v5-stale-read`: XSA-292's
   * flushing fix (NOFLUSH dropped when the PCID stays, the old PCID flushed
   * whenever the CR4 write did not flush it) without its move of the CR3
   * read after `local_irq_save` — v5 with only its second flaw (a test
   * variant, not a zoo entry).
   */
  readonly switchAlgorithm: 'corrected' | 'seed-v4' | 'seed-v5' | 'seed-v5-stale-read';
  /** The merged code wrote CR4 early only when PGE was set, so PCIDE could still be off at the CR3 load. */
  readonly earlyCr4OnlyForPge: boolean;
}

export const CORRECT: PcidQuirks = Object.freeze({ switchAlgorithm: 'corrected', earlyCr4OnlyForPge: false });
