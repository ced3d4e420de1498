import { CORRECT, type ShadowQuirks } from '../quirks.ts';

/**
 * `shadow-oos/prealloc-after-write-removal`: the seed's fault-handler order
 * (fixed in 2009, "x86 shadow: Prevent in-sync L1s to become writable"):
 * write access is removed from the walk's tables (skipping an OOS L1), then
 * `shadow_prealloc` demotes that L1, and the handler re-promotes it in sync
 * while its writable mappings remain.
 */
export const preallocAfterWriteRemoval: ShadowQuirks = { ...CORRECT, preallocAfterWriteRemoval: true };
