import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { replay } from '../../checker/replay.ts';
import { binaryClockModel } from '../../model/fixtures/binary-clock.ts';
import { counterModel } from '../../model/fixtures/counter.ts';
import { linearEquationModel } from '../../model/fixtures/linear-equation.ts';
import { uartToyModel } from '../../model/fixtures/uart-toy.ts';

describe('linear equation (Stateright fixture)', () => {
  it('solves 2x + 10y ≡ 14 with [IncX, IncX, IncY], stopping with 12 states in the seen-set', () => {
    const model = linearEquationModel(2, 10, 14);
    const result = explore(model);
    expect(result.verdict).toBe('ok');
    expect(result.stats.distinct).toBe(12);
    const witness = result.discoveries.find((d) => d.property === 'solvable');
    expect(witness?.kind).toBe('witness');
    const steps = replay(model, witness!.path).steps;
    expect(steps.slice(1).map((s) => s.label)).toEqual(['IncX', 'IncX', 'IncY']);
    expect(steps[steps.length - 1]!.state).toEqual({ x: 2, y: 1 });
  });

  it('exhausts all 65,536 states of 2x + 4y ≡ 7 and fails with the witness unreached', () => {
    const result = explore(linearEquationModel(2, 4, 7));
    expect(result.verdict).toBe('unreached');
    expect(result.stats.distinct).toBe(65_536);
    expect(result.stats.generated).toBe(1 + 2 * 65_536);
    expect(result.discoveries).toEqual([]);
    expect(result.unreached).toEqual(['solvable']);
  });

  it('explores the same 65,536 states depth-first', () => {
    const result = explore(linearEquationModel(2, 4, 7), { strategy: 'dfs' });
    expect(result.stats.distinct).toBe(65_536);
  });
});

describe('binary clock', () => {
  it('has two states and the invariant holds', () => {
    const result = explore(binaryClockModel());
    expect(result.verdict).toBe('ok');
    expect(result.stats).toMatchObject({ distinct: 2, generated: 4, depth: 0 });
    expect(result.held).toEqual(['the clock is 0 or 1']);
  });
});

describe('two actors incrementing a counter', () => {
  it('finds the lost update of the split read-modify-write with the shortest interleaving', () => {
    const model = counterModel(true);
    const result = explore(model);
    expect(result.verdict).toBe('violated');
    const cex = result.discoveries.find((d) => d.kind === 'counterexample')!;
    expect(cex.property).toBe('no lost update');
    const { steps } = replay(model, cex.path);
    const labels = steps.slice(1).map((s) => s.label);
    expect(labels).toHaveLength(6);
    expect(labels.filter((l) => l.startsWith('start'))).toHaveLength(2);
    // Both reads happen before either write: that is the lost update.
    const finalState = replay(model, cex.path).steps.at(-1)!.state;
    expect(finalState.x).toBe(1);
  });

  it('finds no violation with the atomic increment', () => {
    const result = explore(counterModel(false));
    expect(result.verdict).toBe('ok');
    expect(result.discoveries).toEqual([]);
  });

  it('finds no violation with three actors doing two atomic increments each', () => {
    const result = explore(counterModel(false, 3, 2));
    expect(result.verdict).toBe('ok');
  });
});

describe('uart-toy (exact port of shared/bench/uart-toy.pml)', () => {
  // Pinned counts: SPIN (spin -o2 -a, -DSAFETY -DNOREDUCE) and TLC agree on them.
  const pinned = [
    { size: 1, distinct: 624, generated: 4_817 },
    { size: 2, distinct: 3_840, generated: 31_745 },
    { size: 4, distinct: 50_688, generated: 435_713 },
    { size: 8, distinct: 731_136, generated: 6_424_577 },
  ];
  for (const { size, distinct, generated } of pinned) {
    it(`matches SPIN and TLC at SIZE ${size}: ${distinct} distinct, ${generated} generated`, () => {
      const result = explore(uartToyModel(size));
      expect(result.verdict).toBe('ok');
      expect(result.stats.distinct).toBe(distinct);
      expect(result.stats.generated).toBe(generated);
    });
  }

  it('finds the same states depth-first at SIZE 2', () => {
    const result = explore(uartToyModel(2), { strategy: 'dfs' });
    expect(result.stats).toMatchObject({ distinct: 3_840, generated: 31_745 });
  });

  it('reports per-action coverage that adds up to the generated count', () => {
    const result = explore(uartToyModel(2));
    const evaluated = result.stats.coverage.reduce((n, c) => n + c.evaluated, 0);
    const fresh = result.stats.coverage.reduce((n, c) => n + c.fresh, 0);
    expect(evaluated).toBe(31_745 - 1);
    expect(fresh).toBe(3_840 - 1);
  });
});
