import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSubsystem } from '../../checker/cli/options.ts';
import { runRequest, threadsOf, type RunRequest } from '../../checker/cli/run-request.ts';
import type { CheckResult } from '../../checker/result.ts';
import { subsystems } from '../../model/registry.ts';
import { repoRoot } from '../run-cli.ts';

/*
 * Issue #11: every subsystem's `small` gives identical results for 1, 2 and
 * 3 workers, through the same path `xenspec check --workers N` takes
 * (runRequest). Models that can share their states between threads run in
 * parallel; the others run on one thread whatever N is, and the reason the
 * header prints is checked.
 */

const script = pathToFileURL(join(repoRoot, 'dist/explore-worker.mjs')).href;

function comparable(r: CheckResult): unknown {
  const { seconds: _seconds, seenSetBytesPerState: _bytes, ...stats } = r.stats;
  // (`parallel`, the threads and the levels they shared, is left out: it is what differs.)
  return { verdict: r.verdict, stoppedBy: r.stoppedBy, discoveries: r.discoveries, unreached: r.unreached, held: r.held, stats };
}

function request(subsystem: string, side: 'impl' | 'both', workers: number): RunRequest {
  return {
    subsystem,
    config: 'small',
    variant: undefined,
    side,
    strategy: 'bfs',
    maxDepth: undefined,
    maxStates: undefined,
    timeLimit: undefined,
    seed: 1,
    walks: undefined,
    workers,
    helperScript: script,
    memory: undefined,
    awaitHelpers: true,
  };
}

const xen = subsystems.filter((s) => s.kind === 'subsystem' && s.configs.some((c) => c.name === 'small'));

describe('every subsystem’s small config: the same result for 1, 2 and 3 workers (issue #11)', () => {
  it('covers every Xen subsystem', () => {
    expect(xen.map((s) => s.name).sort()).toEqual(['argo', 'pcid', 'shadow-oos', 'vpl011']);
  });
  for (const s of xen) {
    for (const side of ['impl', 'both'] as const) {
      it(`${s.name}/small ${side}`, () => {
        const model = findSubsystem(s.name).build('small', { side });
        const { threads, why } = threadsOf(request(s.name, side, 2), model);
        if (threads === 1) expect(why).toMatch(/cannot be shared between threads/);
        const one = comparable(runRequest(request(s.name, side, 1)));
        for (const workers of [2, 3]) {
          const r = runRequest(request(s.name, side, workers));
          expect(comparable(r)).toEqual(one);
          // Where the model runs in parallel, its helpers really took part.
          if (threads > 1) expect(r.parallel?.levelsShared).toBeGreaterThan(0);
        }
        // Three full runs: shadow-oos's lockstep product took 104 s of the default 120 s limit in a slow spell of this VM
        // (its states cannot be shared, so each run is on one thread); a run of test/parallel failed once, most likely here.
      }, 360_000);
    }
  }
});
