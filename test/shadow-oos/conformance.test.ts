import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTransitionProperty } from '../../checker/model.ts';
import { StepReport } from '../../checker/refinement.ts';
import { FrameWord, frameW, Op } from '../../impl/shadow-oos/layout.ts';
import { CORRECT } from '../../impl/shadow-oos/quirks.ts';
import type { ShadowConfig } from '../../model/shadow-oos/config.ts';
import type { ShadowAction } from '../../model/shadow-oos/env.ts';
import { shadowImplSide, type ShadowImpl, type ShadowReport } from '../../model/shadow-oos/impl-model.ts';
import { shadowConfig } from '../../model/shadow-oos/index.ts';
import { shadowFacts } from '../../model/shadow-oos/spec-model.ts';
import { applyCall, formatState, initialState, specInvariants, stateEquals } from '../../spec/shadow-oos/state.ts';
import type { Outcome, ShadowCall, ShadowState } from '../../spec/shadow-oos/types.ts';

/**
 * Seeded random walks far past the exhaustive bounds (budgets of 1e9): the
 * spec follows every linearization the impl reports (each step is one call;
 * the spec is nondeterministic, so every candidate state is kept) and must
 * allow its outcome; whenever no vCPU has a fault in flight, abstract(impl)
 * must equal one of the candidates, which are then narrowed to it (the
 * refinement checker compares after every step: this model has no
 * linearization windows); the impl's always-properties and the spec's
 * invariants hold after every step.
 *
 * Two walks, both with INVLPG: 2 vCPUs (the guest keeps the shootdown
 * contract, README shadow-oos "INVLPG on two vCPUs") and 1 vCPU.
 */
const unbounded = (base: ShadowConfig, over: Partial<ShadowConfig>): ShadowConfig => ({
  ...base,
  name: 'random-walk',
  cr3Writes: 1e9,
  invlpgs: 1e9,
  pressures: 1e9,
  ptWrites: 1e9,
  faults: 1e9,
  reads: [0, 1, 2, 3, 4, 5],
  ...over,
});

function walker(cfg: ShadowConfig): (choices: readonly number[]) => void {
  const side = shadowImplSide(cfg, CORRECT);
  const facts = shadowFacts(cfg);
  const L = side.shape.L;
  const props = side.model.properties().filter((p) => p.expectation === 'always');
  const invariants = specInvariants(facts);
  return (choices) => {
    let s: ShadowImpl = side.model.initStates()[0]!;
    let specs: ShadowState[] = [initialState(facts)];
    const actions: ShadowAction[] = [];
    for (const pick of choices) {
      actions.length = 0;
      side.model.actions(s, actions);
      if (actions.length === 0) return;
      const a = actions[pick % actions.length]!;
      const report: ShadowReport = new StepReport<ShadowCall, Outcome>();
      const next = side.run(s, a, report);
      if (next === undefined) continue; // an access that would trap or store with the budget spent (never, at 1e9)
      for (const p of props) {
        const holds = isTransitionProperty(p) ? p.transition(s, a, next) : p.condition(next);
        if (!holds) throw new Error(`"${p.name}" failed after ${side.model.formatAction(a)}`);
      }
      if (report.lin !== undefined) {
        const following: ShadowState[] = [];
        for (const spec of specs) for (const alt of applyCall(facts, spec, report.lin)) if (alt.outcome === report.outcome) following.push(alt.state);
        expect(following.length, `${side.model.formatAction(a)}: outcome ${report.outcome}`).toBeGreaterThan(0);
        specs = following.filter((x, i) => following.findIndex((y) => stateEquals(x, y)) === i);
      }
      s = next;
      for (const spec of specs) for (const inv of invariants) if (!inv.condition(spec)) throw new Error(`spec: "${inv.name}" failed after ${side.model.formatAction(a)}`);
      let idle = true;
      for (let v = 0; v < L.nVcpu; v++) if (s.w[frameW(L, v, FrameWord.op)] !== Op.none) idle = false;
      if (!idle) continue;
      const abs = side.abstract(s);
      const matching = specs.filter((x) => stateEquals(x, abs));
      if (matching.length === 0) expect(formatState(abs)).toBe(formatState(specs[0]!));
      specs = matching;
    }
  };
}

describe('shadow-oos conformance on seeded random walks', () => {
  it('keeps the impl in lockstep with the spec over 1,000 walks of 50 steps on 2 vCPUs with INVLPG', () => {
    const walk = walker(unbounded(shadowConfig('deep'), {}));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 50, maxLength: 50 }), (choices) => walk(choices)),
      { seed: 9, numRuns: 1000 },
    );
  });

  it('keeps the impl in lockstep with the spec over 1,000 walks of 50 steps on 1 vCPU with INVLPG', () => {
    const walk = walker(unbounded(shadowConfig('small'), {}));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 50, maxLength: 50 }), (choices) => walk(choices)),
      { seed: 9, numRuns: 1000 },
    );
  });
});
