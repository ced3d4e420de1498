#!/usr/bin/env node
// Entry point of the `xenspec` command. Runs the esbuild bundle in dist/,
// rebuilding it first when any TypeScript source is newer (so an edited
// checkout never runs stale code).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'dist/xenspec.mjs');

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(bundlePath)) return true;
  const built = statSync(bundlePath).mtimeMs;
  return ['checker', 'spec', 'model', 'impl'].some((d) => newestSource(join(root, d)) > built);
}

if (isStale()) {
  const { bundle } = await import(pathToFileURL(join(root, 'scripts/build.mjs')).href);
  await bundle();
}
const { main } = await import(pathToFileURL(bundlePath).href);
process.exitCode = await main(process.argv.slice(2));
