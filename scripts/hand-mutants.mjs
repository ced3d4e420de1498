// The runner of the hand-mutant scripts (mutate-checkpoint.mjs, mutate-parallel.mjs): applies each
// mutant to its source file in place, runs the given vitest files with --bail 1, restores the
// source, and prints killed or survived per mutant. One at a time, in the checkout it runs in: do
// not edit or install anything there while it runs (a separate `git worktree` keeps the main
// checkout free).
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** A mutant: `find` must occur exactly once in `file`; `tests` overrides the script's default test files. */
export const mutant = (id, file, find, replace, desc, tests) => ({ id, file, find, replace, desc, ...(tests ? { tests } : {}) });

/**
 * Runs `mutants` (all, or those whose ids `argv[2]` lists, comma-separated) against `argv[3…]`
 * when given, else each mutant's own tests, else `defaultTests`. A timeout (`timeoutMs`) counts
 * as killed, as Stryker counts it.
 */
export function runMutants(mutants, defaultTests, argv = process.argv, timeoutMs = 240_000) {
  const only = argv[2] ? new Set(argv[2].split(',')) : undefined;
  const tests = argv.length > 3 ? argv.slice(3) : undefined;
  const counts = { killed: 0, survived: 0 };
  for (const m of mutants) {
    if (only !== undefined && !only.has(m.id)) continue;
    const source = readFileSync(m.file, 'utf8');
    if (source.split(m.find).length !== 2) {
      console.log(`${m.id}: its text is not found once in ${m.file}; skipped`);
      continue;
    }
    writeFileSync(m.file, source.replace(m.find, m.replace));
    const started = Date.now();
    let r;
    try {
      r = spawnSync('npx', ['vitest', 'run', ...(tests ?? m.tests ?? defaultTests), '--bail', '1'], { encoding: 'utf8', timeout: timeoutMs });
    } finally {
      writeFileSync(m.file, source);
    }
    const status = r.status === 0 ? 'survived' : 'killed';
    counts[status]++;
    console.log(`${m.id} ${status} (${Math.round((Date.now() - started) / 1000)} s): ${m.desc}`);
  }
  console.log(`${counts.killed} killed, ${counts.survived} survived`);
}
