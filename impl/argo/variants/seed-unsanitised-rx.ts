import { CORRECT, type ArgoQuirks } from '../quirks.ts';

/**
 * `argo/seed-unsanitised-rx`: the seed computes payload space from the raw
 * guest rx_ptr while sendv uses the sanitised one, so notify and sendv
 * disagree and the space can exceed the ring or be unaligned.
 */
export const seedUnsanitisedRx: ArgoQuirks = { ...CORRECT, spaceFromRawRx: true };
