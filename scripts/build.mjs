// Bundles the CLI into dist/xenspec.mjs with esbuild (about 100 ms), so that
// `npx xenspec` starts without a TypeScript loader. bin/xenspec.js calls this
// again whenever a source file is newer than the bundle.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function bundle() {
  await build({
    entryPoints: [join(root, 'checker/cli/main.ts')],
    outfile: join(root, 'dist/xenspec.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    packages: 'external',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
}
