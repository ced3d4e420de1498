import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { replay } from '../../checker/replay.ts';
import { buildPcid, PCID_VARIANTS } from '../../model/pcid/index.ts';
import { P } from '../../model/pcid/properties-names.ts';

/**
 * The zoo stops the seed variants at the end of the leaking switch (the
 * switch invariant), before the stale entry is used. Here the same variants
 * are re-checked in lockstep with the switch invariant left out, so the run
 * goes on until a guest access actually goes through the stale entry: the
 * guest-access invariant (invariant 1) is the first one broken, and the
 * replayed trace holds both the fill of the stale entry and its use.
 */
describe('the seed variants’ stale entry is used by a guest access (switch invariant left out)', () => {
  for (const v of PCID_VARIANTS.filter((x) => x.id.startsWith('pcid/seed-'))) {
    it(`${v.id} on ${v.config}: filled inside the switch, then seen by the next domain’s access`, () => {
      const m = buildPcid(v.config, { side: 'both', variant: v.id });
      const model = { ...m, properties: () => m.properties().filter((p) => p.name !== P.switchClean) };
      const first = explore(model).discoveries.find((d) => d.expectation === 'always');
      expect(first?.property).toBe(P.ownTranslation);
      const steps = replay(model, first!.path).steps;
      const labels = steps.map((s) => s.label);
      const use = labels.length - 1;
      expect(labels[use]).toMatch(/^CPU0 guest accesses the (user|Xen) page$/);
      const va = labels[use]!.endsWith('user page') ? 'user page' : 'Xen page';
      // The fill: the last fill of that page made while a switch was in flight, from the previous context's tables.
      let fill = -1;
      labels.forEach((l, i) => {
        if (l === `CPU0 TLB fill of the ${va}` && model.formatState(steps[i - 1]!.state).includes('in write_cr3_cr4 (seed)')) fill = i;
      });
      expect(fill).toBeGreaterThan(0);
      const filled = model.formatState(steps[fill]!.state);
      const entry = new RegExp(`PCID (\\d) ${va} → (f\\d+[^;\\n]*)`).exec(filled.slice(filled.indexOf('TLB:')))!;
      expect(entry).not.toBeNull();
      // The same entry is still there when the access uses it, under another domain.
      const at = model.formatState(steps[use]!.state);
      expect(at).toContain(`PCID ${entry[1]} ${va} → ${entry[2]}`);
      expect(labels.slice(fill + 1, use)).toContain('CPU0 returns to the guest');
    });
  }
});
