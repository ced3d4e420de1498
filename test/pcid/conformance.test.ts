import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTransitionProperty } from '../../checker/model.ts';
import { StepReport } from '../../checker/refinement.ts';
import { C, cw, Op } from '../../impl/pcid/layout.ts';
import { CORRECT } from '../../impl/pcid/quirks.ts';
import type { PcidConfig } from '../../model/pcid/config.ts';
import type { PcidAction } from '../../model/pcid/env.ts';
import { pcidImplSide, type PcidReport } from '../../model/pcid/impl-model.ts';
import { pcidConfig } from '../../model/pcid/index.ts';
import { pcidFacts } from '../../model/pcid/spec-model.ts';
import type { PcidImpl } from '../../model/pcid/state.ts';
import { applyCall, formatState, initialState, stateEquals } from '../../spec/pcid/state.ts';
import type { PcidCall, PcidOutcome, PcidState } from '../../spec/pcid/types.ts';

/**
 * Seeded random walks far past the exhaustive bounds (2 CPUs, large
 * budgets): the spec follows every linearization the impl reports and must
 * allow its outcome; abstract(impl) equals the spec whenever no CPU has an
 * operation in flight; the impl's always-properties hold after every step.
 */
const base = pcidConfig('deep');
const cfg: PcidConfig = { ...base, name: 'random-walk', optionWrites: 1e9, switches: 1e9, toggles: 1e9, remaps: 1e9, flushes: 1e9, ipis: 1e9, syncs: 1e9 };
const side = pcidImplSide(cfg, CORRECT);
const facts = pcidFacts(cfg);
const L = side.shape.L;
const props = side.model.properties().filter((p) => p.expectation === 'always');

function walk(choices: readonly number[]): void {
  let s: PcidImpl = side.model.initStates()[0]!;
  let spec: PcidState = initialState(facts);
  const actions: PcidAction[] = [];
  for (const pick of choices) {
    actions.length = 0;
    side.model.actions(s, actions);
    if (actions.length === 0) return;
    const a = actions[pick % actions.length]!;
    const report: PcidReport = new StepReport<PcidCall, PcidOutcome>();
    const next = side.run(s, a, report)!;
    for (const p of props) {
      const holds = isTransitionProperty(p) ? p.transition(s, a, next) : p.condition(next);
      if (!holds) throw new Error(`"${p.name}" failed after ${side.model.formatAction(a)}`);
    }
    if (report.lin !== undefined) {
      const alternatives = applyCall(facts, spec, report.lin).filter((alt) => alt.outcome === report.outcome);
      expect(alternatives.length, `${side.model.formatAction(a)}: outcome ${report.outcome}`).toBeGreaterThan(0);
      spec = alternatives[0]!.state;
    }
    s = next;
    let idle = true;
    for (let c = 0; c < L.nCpu; c++) if (s.w[cw(L, c, C.op)] !== Op.none) idle = false;
    if (idle && !stateEquals(side.abstract(s), spec)) expect(formatState(side.abstract(s))).toBe(formatState(spec));
  }
}

describe('pcid conformance on seeded random walks', () => {
  it('keeps the impl in lockstep with the spec over 300 walks of 150 steps on 2 CPUs', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 150, maxLength: 150 }), (choices) => walk(choices)),
      { seed: 8, numRuns: 300 },
    );
  });
});
