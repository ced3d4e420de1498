import { REFINES } from '../../checker/refinement.ts';
import type { VariantInfo } from '../../checker/subsystem.ts';
import type { ShadowQuirks } from '../../impl/shadow-oos/quirks.ts';
import { flushOnlyIfRemoved } from '../../impl/shadow-oos/variants/flush-only-if-removed.ts';
import { preallocAfterWriteRemoval } from '../../impl/shadow-oos/variants/prealloc-after-write-removal.ts';
import { P } from './properties-names.ts';

/** A zoo entry: the mistake, the property it must break, its configuration, and the override of the impl. */
export interface ShadowZooEntry extends VariantInfo {
  readonly override: ShadowQuirks;
}

/** The shadow-OOS bug zoo (reference page, "Historical bugs"). */
export const SHADOW_ZOO: readonly ShadowZooEntry[] = [
  {
    id: 'shadow-oos/flush-only-if-removed',
    description: 'fixup eviction without a flush plus a resync that flushes only when it removed a mapping: an evicted writable TLB entry survives the resync',
    // The reference always flushes on resync: the first sign is the TLB differing from it (a read-only or writable
    // entry the resync left); the writable entry of an in-sync page follows on longer paths.
    expectedProperty: REFINES,
    config: 'evict',
    override: flushOnlyIfRemoved,
  },
  {
    id: 'shadow-oos/prealloc-after-write-removal',
    description: 'the seed’s fault-handler order: write access removed (OOS L1 skipped), then shadow_prealloc demotes that L1, re-promoted in sync while writable',
    // On the shortest path the fault is a write to the demoted page itself, which unsyncs it again: its surviving
    // writable mapping is then missing from the fresh fixup array.
    expectedProperty: P.fixupSound,
    config: 'small',
    override: preallocAfterWriteRemoval,
  },
];
