import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { buildArgo } from '../../model/argo/index.ts';

/**
 * Pinned counts of the `default` configuration (what `npm run check` runs in
 * lockstep, about a minute). The suite explores the impl side alone (about
 * 30 s; lockstep has the same counts, as the spec side is determined by the
 * impl's path) and the spec side alone (about 20 s), so every config's
 * numbers are held by a test; `deep` (minutes) is pinned in the README. A
 * changed count is a changed behaviour: explain it in the commit.
 */
const PINNED_DEFAULT = {
  spec: { distinct: 685_114, generated: 4_618_914, depth: 14 },
  impl: { distinct: 6_669_298, generated: 34_083_482, depth: 31 },
} as const;

describe('argo default configuration', () => {
  for (const side of ['impl', 'spec'] as const) {
    it(`explores the ${side} side of default exhaustively with the pinned counts, no violation and every witness reached`, () => {
      const r = explore(buildArgo('default', { side }));
      expect(r.verdict).toBe('ok');
      expect(r.stoppedBy).toEqual([]);
      expect(r.unreached).toEqual([]);
      const { distinct, generated, depth } = r.stats;
      expect({ distinct, generated, depth }).toEqual(PINNED_DEFAULT[side]);
    }, 600_000);
  }
});
