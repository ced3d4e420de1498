import { createRequire } from 'node:module';
import type * as Zod from 'zod';

/*
 * zod, loaded on first use. Importing it took 145-190 ms on this kind of machine (2026-12-02), and every
 * thread of a check would pay that at start-up (the CLI, its check worker, each helper) although
 * only reading a counterexample file or a checkpoint needs it. A synchronous require keeps the
 * readers synchronous.
 */
let loaded: typeof Zod | undefined;

/** zod's namespace, loaded the first time it is asked for. */
function zod(): typeof Zod.z {
  loaded ??= createRequire(import.meta.url)('zod') as typeof Zod;
  return loaded.z;
}

/** `build(z)`, built once, on first use. */
export function lazySchema<T>(build: (z: typeof Zod.z) => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build(zod()));
}
