import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTransitionProperty } from '../../checker/model.ts';
import { StepReport } from '../../checker/refinement.ts';
import type { Vpl011Impl } from '../../impl/vpl011/layout.ts';
import { CORRECT } from '../../impl/vpl011/quirks.ts';
import { formatState, stateEquals } from '../../spec/vpl011/state.ts';
import type { Vpl011Call, Vpl011Outcome, Vpl011State } from '../../spec/vpl011/types.ts';
import { applyCall } from '../../spec/vpl011/uart.ts';
import type { Vpl011Config } from '../../model/vpl011/config.ts';
import { ActionKind, spends, type Vpl011Action } from '../../model/vpl011/env.ts';
import { vpl011ImplSide } from '../../model/vpl011/impl-model.ts';
import { vpl011Config } from '../../model/vpl011/index.ts';
import { initialSpec } from '../../model/vpl011/spec-model.ts';

/**
 * Seeded random walks past the exhaustive bounds: the spec is the model, the
 * impl the real system. Each walk takes 50 actions, each drawn among those
 * enabled at that point (so every draw runs); the spec
 * applies every call the impl step reports (with the actor it names) and
 * must give the same outcome, abstract(impl) must equal the spec state after
 * every step (vpl011 has no linearization windows), `matches` must agree
 * with that comparison, and the impl's invariants hold after every command.
 * Budgets are larger than any configuration's (12 accesses per vCPU, 60
 * input bytes), in both interrupt modes.
 */
function walks(base: string): void {
  const b = vpl011Config(base);
  const cfg: Vpl011Config = { ...b, name: `${base}-walk`, ops: [12, 12], inputBytes: 60 };
  const side = vpl011ImplSide(cfg, CORRECT);
  const props = side.model.properties().filter((p) => p.expectation === 'always');
  let taken = 0;

  /** One step of a walk: the spec and the impl advanced by the same action; every comparison made. */
  const step = (m: { spec: Vpl011State }, r: { s: Vpl011Impl }, a: Vpl011Action): void => {
    const report = new StepReport<Vpl011Call, Vpl011Outcome>();
    const next = side.run(r.s, a, report);
    if (next === undefined) throw new Error(`${side.model.formatAction(a)} was listed but is disabled`);
    for (const p of props) {
      const holds = isTransitionProperty(p) ? p.transition(r.s, a, next) : p.condition(next);
      if (!holds) throw new Error(`impl invariant "${p.name}" failed after ${side.model.formatAction(a)}`);
    }
    r.s = next;
    taken++;
    if (report.lin !== undefined) {
      const res = applyCall(m.spec, cfg.params, report.actor, report.lin);
      expect(report.outcome).toEqual(res.outcome);
      m.spec = res.state;
    }
    const abs = side.abstract(r.s);
    if (!stateEquals(abs, m.spec)) expect(formatState(abs)).toBe(formatState(m.spec));
    expect(side.matches!(r.s, m.spec)).toBe(true);
  };

  it(`keeps the impl in lockstep with the spec over 1,000 walks of 50 actions (${base})`, () => {
    // Each draw picks among the actions enabled at that point; accesses that change nothing (probes) are drawn 1 time in 7.
    const draw = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.nat());
    fc.assert(
      fc.property(fc.array(draw, { minLength: 50, maxLength: 50 }), (draws) => {
        const m = { spec: initialSpec(cfg) };
        const r = { s: side.model.initStates()[0]! };
        const enabled: Vpl011Action[] = [];
        for (const [b1, b2, b3, k] of draws) {
          enabled.length = 0;
          side.model.actions(r.s, enabled);
          const changing = enabled.filter((a) => !(a.kind === ActionKind.START && !spends(cfg.menus[a.vcpu]![a.arg]!)));
          const pool = changing.length > 0 && (b1 || b2 || b3) ? changing : enabled;
          step(m, r, pool[k % pool.length]!);
        }
      }),
      { seed: 42, numRuns: 1000 },
    );
    expect(taken).toBe(1000 * 50);
  });
}

describe('vpl011 conformance on seeded random walks', () => {
  walks('default');
  walks('default-level');
});
