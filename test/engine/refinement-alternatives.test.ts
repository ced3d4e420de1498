import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import type { Model } from '../../checker/model.ts';
import { REFINES, refinementModel, type ImplSide, type ProductState, type SpecSide } from '../../checker/refinement.ts';
import { replay } from '../../checker/replay.ts';

/**
 * A spec that allows several outcomes: taking from a bag of {1, 2, 3} may
 * return any element still in it. The impl keeps a bitmask and takes the
 * lowest (or, the mutant, forgets to clear the bit it took). The harness
 * must keep every spec state consistent with the outcomes seen so far.
 */
type Bag = readonly number[];
type Take = 'take';

const bagSpec: SpecSide<Bag, Take, number> = {
  initStates: () => [[1, 2, 3]],
  apply: (bag) => (bag.length === 0 ? [{ state: bag, outcome: 0 }] : bag.map((v) => ({ state: bag.filter((x) => x !== v), outcome: v }))),
  equals: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  encode(bag, sink) {
    sink.u8(bag.length);
    for (const v of bag) sink.u8(v);
  },
  format: (bag) => `bag {${bag.join(', ')}}`,
  formatCall: () => 'take()',
  formatOutcome: (o) => (o === 0 ? 'nothing' : String(o)),
  outcomeEquals: (a, b) => a === b,
  invariants: [],
};

function bagImpl(forgetsToClear: boolean): ImplSide<number, 0, Take, number, Bag> {
  const takeLowest = (mask: number): { mask: number; value: number } => {
    for (let v = 1; v <= 3; v++) if (mask & (1 << v)) return { mask: forgetsToClear ? mask : mask & ~(1 << v), value: v };
    return { mask, value: 0 };
  };
  // The state is (mask, takes done): three takes, then it stops.
  const model: Model<number, 0> = {
    name: 'bag impl',
    initStates: () => [0b1110],
    actions: (s, out) => {
      if (s >> 4 < 4) out.push(0);
    },
    next: (s) => (takeLowest(s & 15).mask | (((s >> 4) + 1) << 4)) >>> 0,
    properties: () => [],
    encode: (s, sink) => sink.u32(s),
    formatAction: () => 'take',
    formatState: (s) => `mask=${(s & 15).toString(2)} takes=${s >> 4}`,
  };
  return {
    model,
    step(s, _a, report) {
      const { mask, value } = takeLowest(s & 15);
      report.actor = 0;
      report.lin = 'take';
      report.outcome = value;
      return (mask | (((s >> 4) + 1) << 4)) >>> 0;
    },
    abstract: (s) => [1, 2, 3].filter((v) => (s & 15 & (1 << v)) !== 0),
  };
}

describe('refinement against a spec with several allowed outcomes', () => {
  it('accepts an impl that makes one of the allowed choices each time', () => {
    const result = explore(refinementModel(bagSpec, bagImpl(false)));
    expect(result.verdict).toBe('ok');
    expect(result.held).toContain(REFINES);
    expect(result.stats.distinct).toBe(5);
  });

  it('keeps only the spec states consistent with the outcomes seen, and catches a repeated element', () => {
    const model = refinementModel(bagSpec, bagImpl(true));
    const result = explore(model);
    expect(result.verdict).toBe('violated');
    const cex = result.discoveries.find((d) => d.kind === 'counterexample')!;
    expect(cex.property).toBe(REFINES);
    const steps = replay(model, cex.path).steps;
    // The first take (1) is allowed but leaves 1 in the impl's bag: abstract(impl) = {1,2,3} ≠ spec {2,3}.
    expect(steps).toHaveLength(2);
    const last = steps[1]!.state as ProductState<number, Bag>;
    expect(last.divergence?.kind).toBe('state');
    expect(last.divergence?.detail).toContain('bag {2, 3}');
  });

  it('keeps several spec states while outcomes cannot tell them apart, and prunes them by abstract(impl) once the window closes', () => {
    // A spec whose take answers only "ok": which element went is not observable in the outcome.
    const silent: SpecSide<Bag, Take, number> = {
      ...bagSpec,
      apply: (bag) => (bag.length === 0 ? [{ state: bag, outcome: 0 }] : bag.map((v) => ({ state: bag.filter((x) => x !== v), outcome: 1 }))),
    };
    const impl = bagImpl(false);
    // The first take leaves the actor inside a window (no abstraction check); the second closes it.
    const windowed: ImplSide<number, 0, Take, number, Bag> = {
      ...impl,
      step(s, a, report) {
        const next = impl.step(s, a, report);
        report.outcome = report.outcome === 0 ? 0 : 1;
        report.window = s >> 4 === 0;
        return next;
      },
    };
    const model = refinementModel(silent, windowed);
    const [init] = model.initStates();
    const s1 = model.next(init!, 0)!;
    expect(s1.specs).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    const s2 = model.next(s1, 0)!;
    expect(s2.divergence).toBeUndefined();
    expect(s2.specs).toEqual([[3]]);
  });
});
