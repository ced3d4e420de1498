import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSubsystem } from '../../checker/cli/options.ts';
import type { Model } from '../../checker/model.ts';
import { parallelWalker } from '../../checker/parallel/walkers.ts';
import { simulate, type SimulateOptions } from '../../checker/simulate.ts';
import type { Side } from '../../checker/subsystem.ts';
import { repoRoot } from '../run-cli.ts';
import { comparable } from './comparable.ts';

/*
 * Random walks on several threads (issue #11): each thread records a share
 * of every batch of walks with its own model instance, and the run reads the
 * records in walk order, so the result — counts, coverage, discoveries and
 * their paths, exceptions, stop reasons — is the one-thread run's for every
 * number of threads, including models whose states cannot be shared (the
 * lockstep products) and models that throw.
 */

const script = pathToFileURL(join(repoRoot, 'dist/explore-worker.mjs'));

interface Case {
  readonly subsystem: string;
  readonly config: string;
  readonly side: Side;
  readonly variant?: string;
  readonly options: Omit<SimulateOptions, 'walker'>;
}

const CASES: readonly Case[] = [
  { subsystem: 'uart-toy', config: 'size-2', side: 'both', options: { seed: 3, walks: 200, maxDepth: 40 } },
  { subsystem: 'uart-toy', config: 'size-2', side: 'both', options: { seed: 3, walks: 200, maxDepth: 40, maxStates: 150 } },
  { subsystem: 'argo', config: 'small', side: 'both', options: { seed: 2, walks: 300 } },
  { subsystem: 'argo', config: 'small', side: 'both', variant: 'argo/v1-signal-by-domid', options: { seed: 2, walks: 300 } },
  { subsystem: 'argo', config: 'small', side: 'both', variant: 'argo/v1-signal-by-domid', options: { seed: 2, walks: 300, stopOnViolation: false } },
  { subsystem: 'vpl011', config: 'small', side: 'both', variant: 'vpl011/fr-reset-zero', options: { seed: 7, walks: 150 } },
  { subsystem: 'pcid', config: 'small', side: 'both', options: { seed: 1, walks: 100, maxDepth: 60 } },
  ...['throw-in-step', 'throw-in-actions', 'throw-in-property', 'throw-in-transition'].flatMap((config) => [
    { subsystem: 'faulty', config, side: 'both' as const, options: { seed: 4, walks: 120, maxDepth: 12 } },
    { subsystem: 'faulty', config, side: 'both' as const, options: { seed: 4, walks: 120, maxDepth: 12, stopOnViolation: false } },
  ]),
];

const build = (c: Case): Model<unknown, unknown> => findSubsystem(c.subsystem).build(c.config, { variant: c.variant, side: c.side });

describe('random walks on several threads give the one-thread result (issue #11)', () => {
  for (const c of CASES) {
    it(`${c.subsystem}/${c.config}${c.variant === undefined ? '' : ` [${c.variant}]`} ${JSON.stringify(c.options)}: equal for 1, 2 and 3 threads`, () => {
      const one = simulate(build(c), c.options);
      for (const threads of [2, 3]) {
        const ref = { subsystem: c.subsystem, config: c.config, variant: c.variant, side: c.side };
        let walker: ReturnType<typeof parallelWalker> | undefined;
        const many = simulate(build(c), { ...c.options, walker: (m) => (walker = parallelWalker(m, ref, script, threads, { perThread: 8, waitForHelpers: true })) });
        expect(comparable(many)).toEqual(comparable(one));
        // The helpers walked (every batch once they were ready).
        expect(walker!.helped).toBeGreaterThan(0);
      }
    });
  }

  it('the cases decide something: a violation, an exception, a witness, a state bound and a run kept going past a violation', () => {
    const results = CASES.map((c) => simulate(build(c), c.options));
    expect(results.some((r) => r.verdict === 'violated' && r.discoveries.some((d) => d.kind === 'counterexample'))).toBe(true);
    expect(results.some((r) => r.discoveries.some((d) => d.kind === 'exception'))).toBe(true);
    expect(results.some((r) => r.discoveries.some((d) => d.kind === 'witness'))).toBe(true);
    expect(results.some((r) => r.stoppedBy.includes('state-bound'))).toBe(true);
    expect(results.some((r, i) => CASES[i]!.options.stopOnViolation === false && r.verdict === 'violated' && (r.walks ?? 0) === CASES[i]!.options.walks)).toBe(true);
  });
});
