import type { ArgoQuirks } from '../quirks.ts';
import { seedUnsanitisedRx } from './seed-unsanitised-rx.ts';
import { sendvFullRingSuccess } from './sendv-full-ring-success.ts';
import { v1EmptyRingSpace } from './v1-empty-ring-space.ts';
import { v1SignalByDomid } from './v1-signal-by-domid.ts';

/** The Argo bug zoo: variant id → the quirks that reproduce it. */
export const ARGO_VARIANT_QUIRKS = {
  'argo/v1-empty-ring-space': v1EmptyRingSpace,
  'argo/seed-unsanitised-rx': seedUnsanitisedRx,
  'argo/sendv-full-ring-success': sendvFullRingSuccess,
  'argo/v1-signal-by-domid': v1SignalByDomid,
} as const satisfies Record<string, ArgoQuirks>;

export type ArgoVariantId = keyof typeof ARGO_VARIANT_QUIRKS;
