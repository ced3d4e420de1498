import type { VariantInfo } from '../../checker/subsystem.ts';
import type { PcidQuirks } from '../../impl/pcid/quirks.ts';
import { cr3BeforePcide } from '../../impl/pcid/variants/cr3-before-pcide.ts';
import { seedV4NoOldPcidFlush } from '../../impl/pcid/variants/seed-v4-no-old-pcid-flush.ts';
import { seedV5 } from '../../impl/pcid/variants/seed-v5.ts';
import { P } from './properties-names.ts';

/** A zoo entry: the historical bug, the property it must break, its configuration, and the override of the impl. */
export interface PcidZooEntry extends VariantInfo {
  readonly override: PcidQuirks;
}

/** The PCID bug zoo (reference page, "Historical bugs"): the seed's leaks on `small`, the merged code's #GP on `mixed`. */
export const PCID_ZOO: readonly PcidZooEntry[] = [
  {
    id: 'pcid/seed-v4-no-old-pcid-flush',
    description: 'v4: INVPCID before the CR3 load and none after: entries filled from the old root in between survive into the next domain',
    expectedProperty: P.switchClean,
    config: 'small',
    override: seedV4NoOldPcidFlush,
  },
  {
    id: 'pcid/seed-v5',
    description: 'v5 as posted (XSA-292): with equal old and new PCID no flush follows the NOFLUSH CR3 load; old PCID read with interrupts on',
    expectedProperty: P.switchClean,
    config: 'small',
    override: seedV5,
  },
  {
    id: 'pcid/cr3-before-pcide',
    description: 'merged code: CR4 written early only when PGE was set, so a PCID domain’s CR3 (NOFLUSH) is loaded while PCIDE is still 0: #GP',
    expectedProperty: P.noFault,
    config: 'mixed',
    override: cr3BeforePcide,
  },
];
