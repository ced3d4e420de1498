import type { VariantInfo } from '../../checker/subsystem.ts';
import type { Vpl011Quirks } from '../../impl/vpl011/quirks.ts';
import { frResetZero } from '../../impl/vpl011/variants/fr-reset-zero.ts';
import { seedIndicesBeforeLock } from '../../impl/vpl011/variants/seed-indices-before-lock.ts';
import { seedNoNotifyOnRead } from '../../impl/vpl011/variants/seed-no-notify-on-read.ts';
import { P } from './properties-names.ts';

/**
 * A second consequence of a zoo entry's bug, shown as the shortest
 * counterexample on another configuration and side. The tests check and
 * replay it; `xenspec zoo` runs only the entry's own `config`.
 */
export interface Vpl011ZooAlso {
  readonly config: string;
  readonly side: 'impl' | 'both';
  readonly expectedProperty: string;
  /** Actions in the BFS counterexample. */
  readonly traceLength: number;
  readonly shows: string;
}

/** A zoo entry: the historical bug, the property it must break, the configuration, and the override of the impl. */
export interface Vpl011ZooEntry extends VariantInfo {
  readonly override: Vpl011Quirks;
  readonly also?: Vpl011ZooAlso;
}

/** The vpl011 bug zoo, one record per historical bug. */
export const VPL011_ZOO: readonly Vpl011ZooEntry[] = [
  {
    id: 'vpl011/seed-indices-before-lock',
    description: 'the seed reads the ring indices before taking the lock: two vCPUs reading DR at once both return the same input byte',
    expectedProperty: P.inStream,
    config: 'race',
    override: seedIndicesBeforeLock,
    also: {
      config: 'stale',
      side: 'impl',
      expectedProperty: P.flags,
      traceLength: 4,
      shows:
        'the lost interrupt: one vCPU copies the indices, the backend publishes a byte and its notification runs, then the read works from the stale in_prod: it sets RXFE and clears RXI and RTI while the new byte waits (level: the line drops), until the backend next publishes',
    },
  },
  {
    id: 'vpl011/seed-no-notify-on-read',
    description: 'the seed sends no event after a DR read: the backend, asleep on a full IN, never learns the guest made room',
    expectedProperty: P.backendKick,
    config: 'small',
    override: seedNoNotifyOnRead,
  },
  {
    id: 'vpl011/fr-reset-zero',
    description: 'FR starts at 0 (upstream until 2019): RXFE clear with IN empty, so a polling guest reads 0 bytes that were never sent',
    expectedProperty: P.flags,
    config: 'small',
    override: frResetZero,
  },
];
