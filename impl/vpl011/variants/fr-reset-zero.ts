import { CORRECT, type Vpl011Quirks } from '../quirks.ts';

/**
 * `vpl011/fr-reset-zero`: FR starts at 0 (the seed never initialised it, nor
 * did upstream until 2019): RXFE is clear with IN empty, so a polling guest
 * reads DR and gets 0 bytes that were never sent.
 */
export const frResetZero: Vpl011Quirks = { ...CORRECT, frResetZero: true };
