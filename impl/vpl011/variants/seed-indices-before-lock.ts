import { CORRECT, type Vpl011Quirks } from '../quirks.ts';

/**
 * `vpl011/seed-indices-before-lock`: the seed's DR read and write copy the
 * ring indices into locals before taking the lock. Two vCPUs reading DR see
 * the same in_cons and both return the same byte; a read racing the
 * backend's publish works from a stale in_prod.
 */
export const seedIndicesBeforeLock: Vpl011Quirks = { ...CORRECT, indicesBeforeLock: true };
