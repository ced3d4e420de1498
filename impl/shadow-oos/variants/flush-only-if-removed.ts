import { CORRECT, type ShadowQuirks } from '../quirks.ts';

/**
 * `shadow-oos/flush-only-if-removed`: the seed's eviction without a flush
 * combined with the older resync rule "flush only if a writable mapping was
 * removed": a mapping evicted earlier from the fixup array keeps its writable
 * TLB entry through a resync that found nothing left to remove.
 */
export const flushOnlyIfRemoved: ShadowQuirks = { ...CORRECT, flushOnlyIfRemoved: true };
