import { CORRECT, type PcidQuirks } from '../quirks.ts';

/**
 * `pcid/cr3-before-pcide`: the merged switch_cr3_cr4 wrote CR4 early only
 * when PGE was set. Switching from a PCID-disabled XPTI domain (neither PGE
 * nor PCIDE) to a PCID-enabled one loads its CR3 (NOFLUSH, non-zero PCID)
 * while PCIDE is still off: #GP, a host crash (fixed upstream by "x86/mm:
 * fix #GP(0) in switch_cr3_cr4()").
 */
export const cr3BeforePcide: PcidQuirks = { ...CORRECT, earlyCr4OnlyForPge: true };
