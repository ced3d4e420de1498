import { CORRECT, type PcidQuirks } from '../quirks.ts';

/**
 * Not a zoo entry: v5 with only its second flaw. XSA-292 fixed two things
 * in `switch_cr3_cr4` ("x86/mm: properly flush TLB in switch_cr3_cr4()"):
 * the flushing (NOFLUSH dropped when the PCID stays; the old PCID flushed
 * even when CR4 was written for unrelated bits) and the read of the old PCID
 * before `local_irq_save` ("CR3 may change at any time while interrupts are
 * enabled, due to the __sync_local_execstate() invocation from the flush IPI
 * handler"). This variant has the first fix and not the second, so whatever
 * it leaks comes from the stale read: the tests use it to show the model
 * reaches that flaw (a lazy-state sync IPI nested in the prologue).
 */
export const seedV5StaleRead: PcidQuirks = { ...CORRECT, switchAlgorithm: 'seed-v5-stale-read' };
