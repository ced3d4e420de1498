import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The packages from node_modules that importing `bundle` (in dist/, built before the suite) resolves, read by a
 * module resolution hook in a fresh node process: what every command (or thread) running that bundle pays to load
 * before it does anything. Resolution happens while the module graph is linked, before any code runs, so a worker's
 * bundle, which fails without its worker data, still reports all of them.
 */
function packagesLoadedBy(bundle: string): string[] {
  const hook =
    'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("/node_modules/")) process.stderr.write("loaded " + r.url + "\\n"); return r; }';
  const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const child = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', `await import(${JSON.stringify(join(root, 'dist', bundle))})`],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const names = [...child.stderr.matchAll(/^loaded .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

describe('start-up', () => {
  // zod costs ~100-150 ms to load here, in each of the CLI, its check thread and every helper thread; only reading a
  // counterexample file or a checkpoint needs it (checker/lazy-zod.ts).
  for (const bundle of ['xenspec.mjs', 'check-worker.mjs', 'explore-worker.mjs']) {
    it(`dist/${bundle} does not load zod when it starts`, () => {
      const loaded = packagesLoadedBy(bundle);
      // The hook sees what the bundle imports (immer, in every one of them), so an empty list cannot pass.
      expect(loaded).toContain('immer');
      expect(loaded).not.toContain('zod');
    });
  }
});
