import { describe, expect, it } from 'vitest';
import { isTransitionProperty, type Model } from '../../checker/model.ts';
import type { ProductState } from '../../checker/refinement.ts';
import { R_TX, ring, type ArgoImpl } from '../../impl/argo/layout.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import type { ArgoState } from '../../spec/argo/types.ts';
import type { ArgoAction } from '../../model/argo/env.ts';
import { argoImplSide } from '../../model/argo/impl-model.ts';
import { argoConfig, buildArgo } from '../../model/argo/index.ts';

/**
 * Coverage no state witness can show, because it is a fact about a path and
 * not about a state: a ring's tx passing its end twice. The exhaustive run of
 * a configuration explores every sequence of enabled actions within its
 * budget, so one such sequence, walked here in lockstep with every `always`
 * property checked at each step, shows the configuration's run covers it.
 * (Three messages unread in one ring is a state witness of both; the two
 * together would need five sends from d1, whose budget is three.)
 */
describe.each(['default', 'deep'])('argo %s: a ring wraps twice within the budget', (config) => {
  it('d1 sends three 17-byte messages to the 64-byte exact ring with the owner consuming between them: tx wraps twice, every property holds', () => {
    const model = buildArgo(config, { side: 'both' }) as unknown as Model<ProductState<ArgoImpl, ArgoState>, ArgoAction>;
    const L = argoImplSide(argoConfig(config), CORRECT).layout;
    const props = model.properties().filter((p) => p.expectation === 'always');
    let s = model.initStates()[0]!;
    const out: ArgoAction[] = [];
    const txOf = (st: ProductState<ArgoImpl, ArgoState>): number => st.impl.w[ring(L, 1, R_TX)]!;
    let wraps = 0;
    const txs: number[] = [txOf(s)];
    const go = (label: string): void => {
      out.length = 0;
      model.actions(s, out);
      const labels = out.map((a) => model.formatAction(a));
      const k = labels.indexOf(label);
      expect(k, `"${label}" enabled (enabled: ${labels.join(' | ')})`).toBeGreaterThanOrEqual(0);
      const next = model.next(s, out[k]!)!;
      for (const p of props) {
        const holds = isTransitionProperty(p) ? p.transition(s, out[k]!, next) : p.condition(next);
        expect(holds, `${p.name} after ${label}`).toBe(true);
      }
      if (txOf(next) < txOf(s)) wraps++;
      s = next;
      txs.push(txOf(s));
    };
    for (let i = 0; i < 3; i++) {
      go('d1 vCPU: sendv 17B to d0:1');
      if (i < 2) go('d0 receiver: consume from ring1');
    }
    expect(txs).toEqual([0, 48, 48, 32, 32, 16]);
    expect(wraps).toBe(2);
  });
});
