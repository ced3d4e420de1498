import type { VariantInfo } from '../../checker/subsystem.ts';
import type { ArgoQuirks } from '../../impl/argo/quirks.ts';
import { seedUnsanitisedRx } from '../../impl/argo/variants/seed-unsanitised-rx.ts';
import { sendvFullRingSuccess } from '../../impl/argo/variants/sendv-full-ring-success.ts';
import { v1EmptyRingSpace } from '../../impl/argo/variants/v1-empty-ring-space.ts';
import { v1SignalByDomid } from '../../impl/argo/variants/v1-signal-by-domid.ts';
import { P } from './properties-names.ts';

/** A zoo entry: the historical bug, the property it must break, the configuration, and the override of the impl. */
export interface ArgoZooEntry extends VariantInfo {
  readonly override: ArgoQuirks;
}

/** The Argo bug zoo, one record per historical bug; each is caught on `small`. */
export const ARGO_ZOO: readonly ArgoZooEntry[] = [
  {
    id: 'argo/v1-empty-ring-space',
    description: 'v1 payload space of an empty ring is len − 16: EMPTY never reported, SUFFICIENT for sizes sendv rejects',
    expectedProperty: P.space,
    config: 'small',
    override: v1EmptyRingSpace,
  },
  {
    id: 'argo/seed-unsanitised-rx',
    description: 'the seed computes payload space from the raw guest rx_ptr: unaligned or larger than the ring',
    expectedProperty: P.space,
    config: 'small',
    override: seedUnsanitisedRx,
  },
  {
    id: 'argo/sendv-full-ring-success',
    description: 'sendv on a full ring returns the requeue\'s 0 and signals the receiver; no message written (upstream fix "warn sendv() caller when ring is full")',
    expectedProperty: P.sendv,
    config: 'small',
    override: sendvFullRingSuccess,
  },
  {
    id: 'argo/v1-signal-by-domid',
    description: "pending entries and signals by domid only: a re-created domain gets its predecessor's signal",
    expectedProperty: P.signal,
    config: 'small',
    override: v1SignalByDomid,
  },
];
