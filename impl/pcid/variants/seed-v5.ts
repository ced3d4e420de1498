import { CORRECT, type PcidQuirks } from '../quirks.ts';

/**
 * `pcid/seed-v5`: v5 as posted (XSA-292). The old PCID is read before
 * interrupts are disabled, and flushed after the CR3 load only when it
 * differs from the new one and CR4 is unchanged: with equal PCIDs, entries
 * filled from the old root before the load survive into the next domain.
 */
export const seedV5: PcidQuirks = { ...CORRECT, switchAlgorithm: 'seed-v5' };
