import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { always, sometimes, type Model } from '../../checker/model.ts';
import { replay } from '../../checker/replay.ts';
import { simulate } from '../../checker/simulate.ts';
import { linearEquationModel } from '../../model/fixtures/linear-equation.ts';
import { uartToyModel } from '../../model/fixtures/uart-toy.ts';

/** Counts up from 0 by 1 or 2; `next` throws on reaching `explodeAt`. */
function exploding(explodeAt: number): Model<number, number> {
  return {
    name: 'exploding',
    initStates: () => [0],
    actions: (s, out) => {
      if (s < 20) out.push(1, 2);
    },
    next: (s, a) => {
      if (s + a === explodeAt) throw new Error(`boom at ${explodeAt}`);
      return s + a;
    },
    properties: () => [always<number>('below 100', (s) => s < 100), sometimes<number>('reaches 10', (s) => s === 10)],
    encode: (s, sink) => sink.u32(s),
    formatAction: (a) => `+${a}`,
    formatState: (s) => String(s),
  };
}

describe('exploration', () => {
  it('turns an exception thrown inside a step into a counterexample at that step', () => {
    const model = exploding(7);
    const result = explore(model);
    expect(result.verdict).toBe('violated');
    const ex = result.discoveries.find((d) => d.kind === 'exception')!;
    expect(ex.message).toBe('boom at 7');
    const r = replay(model, ex.path);
    expect(r.thrown?.message).toBe('boom at 7');
    // BFS: the shortest way to 7 by +1/+2 steps is four steps, the last one throwing.
    expect(ex.path.actions).toHaveLength(4);
  });

  it('reports a depth-bounded run as incomplete, naming the bound', () => {
    const result = explore(uartToyModel(2), { maxDepth: 3 });
    expect(result.verdict).toBe('incomplete');
    expect(result.stoppedBy).toContain('depth-bound');
    expect(result.stats.depth).toBe(3);
  });

  it('stops at the state bound and says so', () => {
    const result = explore(uartToyModel(2), { maxStates: 100 });
    expect(result.verdict).toBe('incomplete');
    expect(result.stoppedBy).toContain('state-bound');
    expect(result.stats.distinct).toBe(100);
  });

  it('checks the invariants of states stored but not yet expanded when the state bound stops the run', () => {
    // A binary tree, the bound at 4 states. Breadth-first: 1, 2 are stored from 0, then 3 from 1, and the bound hits
    // with 2 and 3 waiting. Depth-first: 1, 2 from 0, then 5 from 2, with 1 and 5 waiting. Only the check at the stop sees 3 or 5.
    const tree: Model<number, number> = {
      name: 'tree',
      initStates: () => [0],
      actions: (s, out) => {
        if (s < 100) out.push(1, 2);
      },
      next: (s, a) => 2 * s + a,
      properties: () => [always<number>('at most 2', (s) => s <= 2), sometimes<number>('reaches 50', (s) => s === 50)],
      encode: (s, sink) => sink.u32(s),
      formatAction: (a) => `×2+${a}`,
      formatState: (s) => String(s),
    };
    for (const [strategy, bad] of [
      ['bfs', 3],
      ['dfs', 5],
    ] as const) {
      const result = explore(tree, { strategy, maxStates: 4 });
      expect(result.stats.distinct).toBe(4);
      expect(result.stoppedBy).toContain('state-bound');
      expect(result.verdict).toBe('violated');
      const cex = result.discoveries.find((d) => d.kind === 'counterexample')!;
      expect(cex.property).toBe('at most 2');
      expect(replay(tree, cex.path).steps.at(-1)!.state).toBe(bad);
    }
  });

  it('checks the witnesses of states stored but not yet expanded when the state bound stops the run', () => {
    const result = explore(exploding(1000), { maxStates: 11 });
    expect(result.stoppedBy).toContain('state-bound');
    expect(result.discoveries.map((d) => d.property)).toEqual(['reaches 10']);
  });

  it('stops at the time bound and says so', () => {
    const result = explore(uartToyModel(8), { timeLimitSeconds: 0.05 });
    expect(result.verdict).toBe('incomplete');
    expect(result.stoppedBy).toContain('time-bound');
  });

  it('keeps exploring after a violation when asked, finding every property', () => {
    const model = exploding(1000);
    const result = explore(model, { stopOnViolation: false });
    expect(result.discoveries.map((d) => d.property)).toEqual(['reaches 10']);
    expect(result.held).toEqual(['below 100']);
    expect(result.verdict).toBe('ok');
  });

  it('reports progress while exploring', () => {
    const seen: number[] = [];
    explore(uartToyModel(8), { progressIntervalMs: 1, onProgress: (p) => seen.push(p.distinct) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1]!)).toBe(true);
  });

  it('finds a witness on a random walk and reports it with its seed', () => {
    const result = simulate(linearEquationModel(2, 10, 14), { seed: 3, walks: 100, maxDepth: 300 });
    expect(result.seed).toBe(3);
    expect(result.discoveries.map((d) => d.property)).toEqual(['solvable']);
  });
});
