import { CORRECT, type ArgoQuirks } from '../quirks.ts';

/**
 * `argo/sendv-full-ring-success`: before upstream's "warn sendv() caller
 * when ring is full", queueing the sender overwrote -EAGAIN with 0: sendv
 * reported success for a message never written, and signalled the receiver.
 */
export const sendvFullRingSuccess: ArgoQuirks = { ...CORRECT, sendvQueueOverwritesEagain: true };
