import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes the folder `dir` and any missing folders above it, one level at a
 * time (no `recursive` mkdir: under /proc, Node 20's recursive mkdir retries
 * ENOENT forever, ignoring signals). Returns the folders it created, topmost
 * first. Throws the file system's error, the folders made so far left in place.
 */
export function makeFolders(dir: string): string[] {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (statSync(at).isDirectory()) break;
      // A file in the way: mkdir below reports it (ENOTDIR / EEXIST).
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  missing.reverse();
  for (const folder of missing) mkdirSync(folder);
  return missing;
}

/** Checks that `dir` can be made, by making its missing folders and removing them again; throws the file system's error. */
export function probeFolders(dir: string): void {
  const made = makeFolders(dir);
  for (const folder of made.reverse()) rmdirSync(folder);
}
