import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { buildArgo } from '../../model/argo/index.ts';

/**
 * Pinned counts of the `limits` configuration (notify with exactly 256
 * entries and with 257, rx values around 2^31), of `errors` (every call
 * that must fail, every owner's lifecycle) and of `waiters` (several
 * waiters on one ring), on every side: seconds in all. The impl side and lockstep have the same counts, as the
 * spec side of the product is determined by the impl's path. `small` is
 * pinned in explore.test.ts; `default` (about 10.6M impl states) and `deep`
 * are too slow for the suite and are pinned in the README only. A changed
 * count is a changed behaviour: explain it in the commit.
 */
const PINNED = {
  limits: {
    spec: { distinct: 33, generated: 68, depth: 4 },
    impl: { distinct: 7_556, generated: 17_726, depth: 263 },
    both: { distinct: 7_556, generated: 17_726, depth: 263 },
  },
  errors: {
    spec: { distinct: 5_962, generated: 53_437, depth: 12 },
    impl: { distinct: 21_484, generated: 174_935, depth: 18 },
    both: { distinct: 21_484, generated: 174_935, depth: 18 },
  },
  waiters: {
    spec: { distinct: 889, generated: 2_422, depth: 11 },
    impl: { distinct: 4_098, generated: 9_548, depth: 21 },
    both: { distinct: 4_098, generated: 9_548, depth: 21 },
  },
} as const;

for (const config of ['limits', 'errors', 'waiters'] as const) {
  describe(`argo ${config} configuration`, () => {
    for (const side of ['spec', 'impl', 'both'] as const) {
      it(`explores the ${side} side of ${config} exhaustively with the pinned counts, no violation and every witness reached`, () => {
        const r = explore(buildArgo(config, { side }));
        expect(r.verdict).toBe('ok');
        expect(r.stoppedBy).toEqual([]);
        expect(r.unreached).toEqual([]);
        const { distinct, generated, depth } = r.stats;
        expect({ distinct, generated, depth }).toEqual(PINNED[config][side]);
      }, 120_000);
    }
  });
}
