import { CORRECT, type ArgoQuirks } from '../quirks.ts';

/**
 * `argo/v1-empty-ring-space`: patch v1's payload space for an empty ring
 * subtracted only the message header, reporting `len − 16`: EMPTY is never
 * reported and SUFFICIENT is granted for sizes sendv rejects.
 */
export const v1EmptyRingSpace: ArgoQuirks = { ...CORRECT, emptyRingSpaceHeaderOnly: true };
