import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import type { Model } from '../../checker/model.ts';
import { REFINES, refinementModel, type ImplSide, type ProductState } from '../../checker/refinement.ts';
import { checkDeterminism, replay } from '../../checker/replay.ts';
import { queueImpl, queueSpec, type QueueAction, type QueueCall, type QueueOutcome, type QueueSpec } from '../../model/fixtures/toy-queue.ts';

type QueueImpl = ImplSide<Int32Array, QueueAction, QueueCall, QueueOutcome, QueueSpec>;
type Product = ProductState<Int32Array, QueueSpec>;

/** The correct toy queue impl with a `matches` that says "different" whenever the ring head is 1, whatever the states. */
function lyingMatches(): QueueImpl {
  const base = queueImpl(false);
  return { ...base, matches: (s, spec) => s[0] !== 1 && queueSpec.equals(spec, base.abstract(s)) };
}

/** The correct toy queue impl whose pops claim to leave `abstract` unchanged (they remove the oldest item). */
function lyingUnchanged(): QueueImpl {
  const base = queueImpl(false);
  return {
    ...base,
    step: (s, a, report) => {
      const t = base.step(s, a, report);
      if (a === 2) report.abstractUnchanged = true;
      return t;
    },
  };
}

/** The divergence at the end of the `impl refines spec` counterexample. */
function divergenceOf(model: Model<Product, QueueAction>): NonNullable<Product['divergence']> {
  const result = explore(model);
  expect(result.verdict).toBe('violated');
  const cex = result.discoveries.find((d) => d.kind === 'counterexample');
  expect(cex?.property).toBe(REFINES);
  expect(checkDeterminism(model, cex!.path)).toBeUndefined();
  const last = replay(model, cex!.path).steps.at(-1)!.state;
  expect(last.divergence).toBeDefined();
  return last.divergence!;
}

describe('the refinement harness checks its shortcuts', () => {
  it('catches a matches() that disagrees with the abstraction, with the side-by-side diff', () => {
    const d = divergenceOf(refinementModel(queueSpec, lyingMatches(), 'lying matches', { shortcutCheckPeriod: 1 }));
    expect(d.kind).toBe('shortcut');
    expect(d.summary).toBe('harness shortcut lied: matches() said different but abstract() comparison says equal');
    expect(d.detail).toContain('abstract(impl)');
  });

  it('catches a matches() that calls a divergent impl equal, where it would have hidden the bug', () => {
    const base = queueImpl(true);
    const blind: QueueImpl = { ...base, matches: () => true };
    const d = divergenceOf(refinementModel(queueSpec, blind, 'blind matches', { shortcutCheckPeriod: 1 }));
    expect(d.kind).toBe('shortcut');
    expect(d.summary).toBe('harness shortcut lied: matches() said equal but abstract() comparison says different');
    expect(d.detail).toMatch(/≠/);
  });

  it('catches a step falsely flagged abstractUnchanged, with abstract(impl) before and after', () => {
    const d = divergenceOf(refinementModel(queueSpec, lyingUnchanged(), 'lying step', { shortcutCheckPeriod: 1 }));
    expect(d.kind).toBe('shortcut');
    expect(d.summary).toBe('harness shortcut lied: step flagged abstractUnchanged but abstract(impl) changed');
    expect(d.detail).toContain('abstract(impl) before');
    expect(d.detail).toContain('abstract(impl) after');
  });

  it('samples by step, not by order of visit, so a sampled lie replays to the same divergence', () => {
    // With a period of 2 about half the steps are checked; whichever lie is found first must replay identically.
    const model = refinementModel(queueSpec, lyingUnchanged(), 'lying step, sampled', { shortcutCheckPeriod: 2 });
    expect(divergenceOf(model).kind).toBe('shortcut');
  });

  it('finds nothing to report on honest shortcuts, checking every step', () => {
    const honest = queueImpl(false);
    const exact: QueueImpl = { ...honest, matches: (s, spec) => queueSpec.equals(spec, honest.abstract(s)) };
    const result = explore(refinementModel(queueSpec, exact, 'honest', { shortcutCheckPeriod: 1 }));
    expect(result.verdict).toBe('ok');
    expect(result.held).toContain(REFINES);
  });

  it('refuses a sampling period that is not a positive integer', () => {
    expect(() => refinementModel(queueSpec, queueImpl(false), 'bad', { shortcutCheckPeriod: 0 })).toThrow(/shortcutCheckPeriod must be a positive integer/);
  });
});
