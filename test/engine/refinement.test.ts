import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES, type ProductState } from '../../checker/refinement.ts';
import { replay } from '../../checker/replay.ts';
import { queueSpec, toyQueueModel, type QueueSpec } from '../../model/fixtures/toy-queue.ts';

describe('refinement harness on the toy queue', () => {
  it('passes the correct two-step ring buffer against the atomic spec', () => {
    const result = explore(toyQueueModel(false));
    expect(result.verdict).toBe('ok');
    expect(result.held).toContain(REFINES);
    expect(result.held).toContain('spec: at most capacity items');
    expect(result.stats.distinct).toBeGreaterThan(20);
  });

  it('catches the off-by-one mutant at the first divergent step, with a side-by-side diff', () => {
    const model = toyQueueModel(true);
    const result = explore(model);
    expect(result.verdict).toBe('violated');
    const cex = result.discoveries.find((d) => d.kind === 'counterexample')!;
    expect(cex.property).toBe(REFINES);
    const steps = replay(model, cex.path).steps;
    const last = steps.at(-1)!.state as ProductState<Int32Array, QueueSpec>;
    const before = steps.at(-2)!.state as ProductState<Int32Array, QueueSpec>;
    expect(before.divergence).toBeUndefined();
    expect(last.divergence).toBeDefined();
    // The shortest way to break it: two pushes fill the queue, the third overwrites the oldest value.
    expect(steps.slice(1).filter((s) => s.label === 'consumer: pop')).toHaveLength(0);
    expect(model.formatState(last)).toContain('DIVERGENCE');
    expect(last.divergence!.detail).toMatch(/≠/);
  });

  it('reports an outcome the spec does not allow as an outcome divergence', () => {
    // Start from the correct impl's model but lie about one outcome: pop reports 'empty' on a non-empty queue.
    const alternatives = queueSpec.apply({ items: [7] }, 1, { op: 'pop' });
    expect(alternatives).toEqual([{ state: { items: [] }, outcome: 7 }]);
    expect(queueSpec.outcomeEquals(alternatives[0]!.outcome, 'empty')).toBe(false);
  });
});
