import { CORRECT, type ArgoQuirks } from '../quirks.ts';

/**
 * `argo/v1-signal-by-domid`: v1's pending entries named the sender by domid
 * only; once the sender is destroyed and its domid reused, the new,
 * unrelated domain receives the space-available signal.
 */
export const v1SignalByDomid: ArgoQuirks = { ...CORRECT, pendingByDomidOnly: true };
