// Bundles the CLI into dist/xenspec.mjs (and its check worker into dist/check-worker.mjs) with esbuild (about 100 ms), so that
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
  const outdir = join(root, 'dist');
  let result;
  try {
    result = await build({
      // The CLI, the worker thread its checks run in, and the helper threads of parallel exploration (beside it, found through import.meta.url).
      entryPoints: {
        xenspec: join(root, 'checker/cli/main.ts'),
        'check-worker': join(root, 'checker/cli/check-worker.ts'),
        'explore-worker': join(root, 'checker/parallel/helper-entry.ts'),
      },
      outdir,
      outExtension: { '.js': '.mjs' },
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
  mkdirSync(outdir, { recursive: true });
  // The maps first, then the worker, then the CLI bundle (whose date bin/xenspec.js compares with the sources); each renamed over its old self.
  const rank = (path) => (path.endsWith('.map') ? 0 : path.endsWith('xenspec.mjs') ? 2 : 1);
  const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path));
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
