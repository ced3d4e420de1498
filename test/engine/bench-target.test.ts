import { describe, expect, it } from 'vitest';
import { targetLine } from '../../checker/cli/bench.ts';

describe('bench: the target line', () => {
  it('counts the rounds that met 90 % of the threads, and those where the machine itself scaled that far', () => {
    const rounds = [
      { speedup: 1.85, machine: 1.95 },
      { speedup: 1.62, machine: 1.75 },
      { speedup: 1.79, machine: 1.9 },
    ];
    expect(targetLine('uart-toy SIZE 12', 2, rounds)).toBe(
      "uart-toy SIZE 12: target 1.8× on 2 threads met in 1 of 3 rounds (best 1.85×, median 1.79×); the machine's own scaling reached 1.8× in 2 of 3",
    );
  });

  it('counts a speed-up of exactly the target as met, and takes the median of an even count as the mean of the middle two', () => {
    const rounds = [
      { speedup: 1.8, machine: 1.8 },
      { speedup: 1.5, machine: 1.79 },
      { speedup: 1.7, machine: 2 },
      { speedup: 1.2, machine: 1.1 },
    ];
    expect(targetLine('x', 2, rounds)).toBe("x: target 1.8× on 2 threads met in 1 of 4 rounds (best 1.80×, median 1.60×); the machine's own scaling reached 1.8× in 2 of 4");
  });

  it('scales the target with the threads: 3.6× on 4', () => {
    expect(targetLine('y', 4, [{ speedup: 3.7, machine: 3.5 }])).toBe(
      "y: target 3.6× on 4 threads met in 1 of 1 rounds (best 3.70×, median 3.70×); the machine's own scaling reached 3.6× in 0 of 1",
    );
  });
});
