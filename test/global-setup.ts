import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the CLI bundle (dist/) once before any test file runs, so the tests
 * that spawn `node bin/xenspec.js` find it fresh and never race to rebuild it.
 */
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the CLI bundle failed: ${r.stderr}`);
}
