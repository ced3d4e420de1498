import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES } from '../../checker/refinement.ts';
import type { CheckResult } from '../../checker/result.ts';
import { UsageError, type Side } from '../../checker/subsystem.ts';
import { buildVpl011, vpl011Subsystem } from '../../model/vpl011/index.ts';
import { VPL011_ZOO } from '../../model/vpl011/zoo.ts';
import { VPL011_CONFIGS } from '../../model/vpl011/config.ts';

/**
 * Pinned counts (as `xenspec check vpl011 --config NAME [--only spec|impl]`
 * prints them). A changed count is a changed behaviour of the spec, the
 * impl, the environment or the bounds: explain it in the commit. Lockstep has
 * the impl side's counts (the spec side of the product is determined by the
 * impl's path). `default` and `deep` are pinned in the README only.
 */
const PINNED = {
  small: {
    spec: { distinct: 13_334, generated: 51_047, depth: 18 },
    impl: { distinct: 52_595, generated: 194_685, depth: 22 },
    both: { distinct: 52_595, generated: 194_685, depth: 22 },
  },
  'small-level': {
    spec: { distinct: 9_958, generated: 36_302, depth: 17 },
    impl: { distinct: 39_958, generated: 139_839, depth: 22 },
    both: { distinct: 39_958, generated: 139_839, depth: 22 },
  },
  race: {
    spec: { distinct: 264, generated: 660, depth: 10 },
    impl: { distinct: 1_001, generated: 2_801, depth: 14 },
    both: { distinct: 1_001, generated: 2_801, depth: 14 },
  },
  'race-level': {
    spec: { distinct: 264, generated: 660, depth: 10 },
    impl: { distinct: 1_001, generated: 2_801, depth: 14 },
    both: { distinct: 1_001, generated: 2_801, depth: 14 },
  },
  stale: {
    spec: { distinct: 112, generated: 241, depth: 9 },
    impl: { distinct: 214, generated: 496, depth: 12 },
    both: { distinct: 214, generated: 496, depth: 12 },
  },
  'stale-level': {
    spec: { distinct: 56, generated: 93, depth: 8 },
    impl: { distinct: 107, generated: 195, depth: 11 },
    both: { distinct: 107, generated: 195, depth: 11 },
  },
  probes: {
    spec: { distinct: 2_506, generated: 136_179, depth: 14 },
    impl: { distinct: 4_764, generated: 141_765, depth: 17 },
    both: { distinct: 4_764, generated: 141_765, depth: 17 },
  },
  'probes-level': {
    spec: { distinct: 1_706, generated: 92_597, depth: 14 },
    impl: { distinct: 3_381, generated: 96_330, depth: 17 },
    both: { distinct: 3_381, generated: 96_330, depth: 17 },
  },
} as const;

/** BFS trace length (actions) of each zoo counterexample on its config, in lockstep. */
const ZOO_TRACE_LENGTH: Record<string, number> = {
  'vpl011/seed-indices-before-lock': 4,
  'vpl011/seed-no-notify-on-read': 1,
  'vpl011/fr-reset-zero': 0,
};

const runs = new Map<string, CheckResult>();
const run = (config: string, side: Side): CheckResult => {
  const key = `${config}/${side}`;
  let r = runs.get(key);
  if (r === undefined) runs.set(key, (r = explore(buildVpl011(config, { side }))));
  return r;
};

for (const config of Object.keys(PINNED) as (keyof typeof PINNED)[]) {
  describe(`vpl011 ${config} configuration`, () => {
    for (const side of ['spec', 'impl', 'both'] as const) {
      it(`explores the ${side} side of ${config} exhaustively with the pinned counts, no violation and every witness reached`, () => {
        const r = run(config, side);
        expect(r.verdict).toBe('ok');
        expect(r.stoppedBy).toEqual([]);
        expect(r.unreached).toEqual([]);
        expect(r.discoveries.filter((d) => d.kind !== 'witness')).toEqual([]);
        const { distinct, generated, depth } = r.stats;
        expect({ distinct, generated, depth }).toEqual(PINNED[config][side]);
      });
    }
  });
}

describe('vpl011 lockstep', () => {
  it('holds "impl refines spec" on small in both interrupt modes', () => {
    expect(run('small', 'both').held).toContain(REFINES);
    expect(run('small-level', 'both').held).toContain(REFINES);
  });
});

describe('vpl011 bug zoo', () => {
  for (const v of VPL011_ZOO) {
    it(`catches ${v.id} on ${v.config} in lockstep with "${v.expectedProperty}" as the first always-property violated`, () => {
      const r = explore(buildVpl011(v.config, { side: 'both', variant: v.id }));
      expect(r.verdict).toBe('violated');
      const first = r.discoveries.find((d) => d.expectation === 'always');
      expect(first?.property).toBe(v.expectedProperty);
      expect(first?.path.actions.length).toBe(ZOO_TRACE_LENGTH[v.id]);
    });

    it(`catches ${v.id} on the impl side alone with "${v.expectedProperty}" too, and on the level twin of ${v.config}`, () => {
      for (const config of [v.config, `${v.config}-level`]) {
        const r = explore(buildVpl011(config, { side: 'impl', variant: v.id }));
        expect(r.discoveries.find((d) => d.expectation === 'always')?.property).toBe(v.expectedProperty);
      }
    });
  }
});

describe('vpl011 bug zoo: second consequences', () => {
  for (const v of VPL011_ZOO) {
    const also = v.also;
    if (also === undefined) continue;
    it(`catches ${v.id} on ${also.config} and its level twin (${also.side} side) with "${also.expectedProperty}" first, after ${also.traceLength} actions`, () => {
      for (const config of [also.config, `${also.config}-level`]) {
        const r = explore(buildVpl011(config, { side: also.side, variant: v.id }));
        const first = r.discoveries.find((d) => d.expectation === 'always');
        expect(first?.property).toBe(also.expectedProperty);
        expect(first?.path.actions.length).toBe(also.traceLength);
      }
    });
  }

  it('in lockstep on stale, the stale read diverges from the spec one step earlier, before the notification that would have repaired it', () => {
    const r = explore(buildVpl011('stale', { side: 'both', variant: 'vpl011/seed-indices-before-lock' }));
    const first = r.discoveries.find((d) => d.expectation === 'always');
    expect(first?.property).toBe(REFINES);
    expect(first?.path.actions.length).toBe(3);
  });
});

describe('vpl011 configurations', () => {
  it('keep ring sizes powers of two, 0 < L < in_size, L ≤ out_size, byte numbers below 256 and DR writes within the account', () => {
    for (const c of VPL011_CONFIGS) {
      const { inSize, outSize, level } = c.params;
      for (const size of [inSize, outSize]) expect(size > 0 && (size & (size - 1)) === 0).toBe(true);
      expect(0 < level && level < inSize && level <= outSize).toBe(true);
      expect(c.inputBytes).toBeLessThan(256);
      expect(c.ops.reduce((a, b) => a + b, 0)).toBeLessThan(31);
      expect(c.menus).toHaveLength(c.params.vcpus);
      expect(c.prefill).toBeLessThanOrEqual(Math.min(inSize, c.inputBytes));
    }
  });
});

describe('vpl011 subsystem registry entry', () => {
  it('describes its configs, sides and three variants', () => {
    expect(vpl011Subsystem.name).toBe('vpl011');
    expect(vpl011Subsystem.kind).toBe('subsystem');
    expect(vpl011Subsystem.defaultConfig).toBe('default');
    expect(vpl011Subsystem.configs.map((c) => c.name)).toEqual([
      'small',
      'small-level',
      'race',
      'race-level',
      'stale',
      'stale-level',
      'probes',
      'probes-level',
      'default',
      'default-level',
      'deep',
      'deep-level',
    ]);
    expect(vpl011Subsystem.sides).toEqual(['both', 'spec', 'impl']);
    expect(vpl011Subsystem.variants.map((v) => v.id)).toEqual(['vpl011/seed-indices-before-lock', 'vpl011/seed-no-notify-on-read', 'vpl011/fr-reset-zero']);
  });

  it('throws a UsageError for an unknown config or variant, and for a variant on the spec side', () => {
    expect(() => vpl011Subsystem.build('huge', { side: 'both' })).toThrow(UsageError);
    expect(() => vpl011Subsystem.build('small', { side: 'both', variant: 'vpl011/nope' })).toThrow(UsageError);
    expect(() => vpl011Subsystem.build('small', { side: 'spec', variant: 'vpl011/fr-reset-zero' })).toThrow(UsageError);
  });
});
