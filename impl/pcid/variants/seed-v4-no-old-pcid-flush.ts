import { CORRECT, type PcidQuirks } from '../quirks.ts';

/**
 * `pcid/seed-v4-no-old-pcid-flush`: v4's write_cr3_cr4 flushed (INVPCID
 * type 3) before the CR3 load and never after it: entries the CPU fills from
 * the old root under the old PCID in between survive into the next context
 * that loads that PCID.
 */
export const seedV4NoOldPcidFlush: PcidQuirks = { ...CORRECT, switchAlgorithm: 'seed-v4' };
