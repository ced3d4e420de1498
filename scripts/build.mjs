// Bundles the CLI into dist/xenspec.mjs with esbuild (about 100 ms), so that
// `npx xenspec` starts without a TypeScript loader. bin/xenspec.js calls this
// again whenever a source file is newer than the bundle. The bundle is written
// to a temporary file and renamed into place, so a concurrent invocation
// reads either the old bundle or the new one, never half of one.
import { build } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A build that failed: `message` is one line naming the first error and where it is. */
export class BuildError extends Error {
  name = 'BuildError';
}

export async function bundle() {
  const outfile = join(root, 'dist/xenspec.mjs');
  let result;
  try {
    result = await build({
      entryPoints: [join(root, 'checker/cli/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      packages: 'external',
      logLevel: 'silent',
      write: false,
    });
  } catch (error) {
    const first = error?.errors?.[0];
    if (first === undefined) throw error;
    const where =
      first.location === null || first.location === undefined ? '' : `${relative(root, join(root, first.location.file))}:${first.location.line}:${first.location.column + 1}: `;
    throw new BuildError(`${where}${first.text}${error.errors.length > 1 ? ` (and ${error.errors.length - 1} more errors)` : ''}`);
  }
  mkdirSync(dirname(outfile), { recursive: true });
  // The map first, then the bundle that points at it; each renamed over its old self.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
  for (const file of files) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await bundle();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`xenspec: cannot build the CLI bundle: ${error.message}\n`);
    process.exitCode = 3;
  }
}
