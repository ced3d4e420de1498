import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES } from '../../checker/refinement.ts';
import { ARGO_VARIANTS, argoSubsystem, buildArgo } from '../../model/argo/index.ts';
import type { CheckResult } from '../../checker/result.ts';
import { UsageError, type Side } from '../../checker/subsystem.ts';

/**
 * Pinned counts of the `small` configuration (as `xenspec check argo
 * --config small [--only spec|impl]` prints them). A changed count is a
 * changed behaviour (of the spec, the impl, the environment or the bounds):
 * explain it in the commit that changes it. Lockstep has the impl side's
 * counts: the spec side of the product is determined by the impl's path.
 */
const PINNED_SMALL = {
  spec: { distinct: 5_802, generated: 23_027, depth: 9 },
  impl: { distinct: 29_450, generated: 100_268, depth: 19 },
  both: { distinct: 29_450, generated: 100_268, depth: 19 },
} as const;

/** BFS trace length (actions) of each zoo counterexample on its config, in lockstep. */
const ZOO_TRACE_LENGTH: Record<string, number> = {
  'argo/v1-empty-ring-space': 0,
  'argo/seed-unsanitised-rx': 1,
  'argo/sendv-full-ring-success': 2,
  'argo/v1-signal-by-domid': 10,
};

/** Each side of small is explored once (lockstep takes 10-20 s) and shared by the tests that read it. */
const smallRuns = new Map<Side, CheckResult>();
const exploreSmall = (side: Side): CheckResult => {
  let r = smallRuns.get(side);
  if (r === undefined) smallRuns.set(side, (r = explore(buildArgo('small', { side }))));
  return r;
};

describe('argo small configuration', () => {
  for (const side of ['spec', 'impl', 'both'] as const) {
    it(`explores the ${side} side of small exhaustively with the pinned counts`, () => {
      const r = exploreSmall(side);
      expect(r.verdict).toBe('ok');
      expect(r.stoppedBy).toEqual([]);
      const { distinct, generated, depth } = r.stats;
      expect({ distinct, generated, depth }).toEqual(PINNED_SMALL[side]);
    });
  }

  it('finds no violation and reaches every witness when the unmodified impl runs in lockstep with the spec', () => {
    const r = exploreSmall('both');
    expect(r.verdict).toBe('ok');
    expect(r.discoveries.filter((d) => d.kind !== 'witness')).toEqual([]);
    expect(r.unreached).toEqual([]);
    expect(r.held).toContain(REFINES);
  });

  it('reaches every witness on the spec side alone too', () => {
    expect(exploreSmall('spec').unreached).toEqual([]);
  });
});

describe('argo bug zoo', () => {
  for (const v of ARGO_VARIANTS) {
    it(`catches ${v.id} on ${v.config} in lockstep with "${v.expectedProperty}" as the first always-property violated`, () => {
      const r = explore(buildArgo(v.config, { side: 'both', variant: v.id }));
      expect(r.verdict).toBe('violated');
      const first = r.discoveries.find((d) => d.expectation === 'always');
      expect(first?.property).toBe(v.expectedProperty);
      expect(first?.path.actions.length).toBe(ZOO_TRACE_LENGTH[v.id]);
    });
  }

  it('catches every variant on the impl side alone as well', () => {
    for (const v of ARGO_VARIANTS) {
      const r = explore(buildArgo(v.config, { side: 'impl', variant: v.id }));
      expect(r.discoveries.find((d) => d.expectation === 'always')?.property).toBe(v.expectedProperty);
    }
  });
});

describe('argo subsystem registry entry', () => {
  it('describes its configs, sides and four variants', () => {
    expect(argoSubsystem.name).toBe('argo');
    expect(argoSubsystem.kind).toBe('subsystem');
    expect(argoSubsystem.defaultConfig).toBe('default');
    expect(argoSubsystem.configs.map((c) => c.name)).toEqual(['small', 'errors', 'waiters', 'limits', 'default', 'deep']);
    expect(argoSubsystem.sides).toEqual(['both', 'spec', 'impl']);
    expect(argoSubsystem.variants.map((v) => v.id)).toEqual(['argo/v1-empty-ring-space', 'argo/seed-unsanitised-rx', 'argo/sendv-full-ring-success', 'argo/v1-signal-by-domid']);
  });

  it('throws a UsageError for an unknown config or variant', () => {
    expect(() => argoSubsystem.build('huge', { side: 'both' })).toThrow(UsageError);
    expect(() => argoSubsystem.build('small', { side: 'both', variant: 'argo/nope' })).toThrow(UsageError);
  });

  it('lists the same actions in the same order when asked twice', () => {
    const m = buildArgo('small', { side: 'both' });
    const s = m.initStates()[0]!;
    const a: unknown[] = [];
    const b: unknown[] = [];
    m.actions(s, a);
    m.actions(s, b);
    expect(a.map((x) => m.formatAction(x))).toEqual(b.map((x) => m.formatAction(x)));
  });
});
