import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coldLine, coldRounds, coldRun, coldScalingLine, coldTogether, medianOf, type ColdRun } from '../../checker/cli/bench-cold.ts';

const bin = join(fileURLToPath(new URL('../..', import.meta.url)), 'bin/xenspec.js');
const run = (wall: number, seconds: number, distinct = 100, generated = 900): ColdRun => ({ wall, seconds, distinct, generated });

describe('bench: cold runs of the CLI', () => {
  it('runs `xenspec check` as a new process and reads its counts from the JSON it writes', async () => {
    // uart-toy SIZE 4: SPIN's and TLC's counts (the README's fixture table).
    const r = await coldRun(bin, 'uart-toy', 'size-4', 2);
    expect(r.distinct).toBe(50_688);
    expect(r.generated).toBe(435_713);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.wall).toBeGreaterThan(r.seconds);
  });

  it('rejects with the command’s error line when it fails', async () => {
    await expect(coldRun(bin, 'no-such-model', 'small', 1)).rejects.toThrow(/exited with 2: xenspec: unknown subsystem "no-such-model"/);
  });

  it('prints every run and the speed-ups of the medians and of the best pair, whole command and exploring', () => {
    const ones = [run(4.5, 4.0), run(5.0, 4.6), run(4.2, 3.7)];
    const manys = [run(3.0, 2.5), run(2.5, 2.0), run(3.5, 3.0)];
    expect(coldLine('uart-toy SIZE 12', 2, ones, manys)).toBe(
      'uart-toy SIZE 12 cold (`xenspec check` as a new process, 3 alternating pairs): ' +
        'whole command 4.50, 5.00, 4.20 s on one thread, 3.00, 2.50, 3.50 s on 2 (1.50× of the medians, 2.00× the best pair); ' +
        'exploring 4.00, 4.60, 3.70 s against 2.50, 2.00, 3.00 s (1.60× of the medians, 2.30× the best pair)',
    );
  });

  it('says so when a run’s counts differ from the first one-thread run’s', () => {
    expect(coldLine('x', 2, [run(2, 1)], [run(1, 0.5, 101)])).toContain('COUNTS DIFFER FROM ONE THREAD');
    expect(coldLine('x', 2, [run(2, 1)], [run(1, 0.5, 100, 901)])).toContain('COUNTS DIFFER FROM ONE THREAD');
    expect(coldLine('x', 2, [run(2, 1)], [run(1, 0.5)])).not.toContain('COUNTS DIFFER');
  });

  it('starts several one-thread runs at once, each timed from the common start to its own exit', async () => {
    const started = performance.now();
    const runs = await coldTogether(bin, 'uart-toy', 'size-4', 2);
    const elapsed = (performance.now() - started) / 1000;
    expect(runs).toHaveLength(2);
    for (const r of runs) {
      expect(r.distinct).toBe(50_688);
      expect(r.generated).toBe(435_713);
      expect(r.wall).toBeGreaterThan(r.seconds);
      expect(r.wall).toBeLessThanOrEqual(elapsed);
    }
  });

  it('rejects with the command’s error line when one of the simultaneous runs fails', async () => {
    await expect(coldTogether(bin, 'no-such-model', 'small', 2)).rejects.toThrow(/exited with 2: xenspec: unknown subsystem "no-such-model"/);
  });

  it('gives per round the machine’s own scaling (the sum of alone over each simultaneous run) and the speed-up as a share of it', () => {
    const ones = [run(6, 5), run(5, 4)];
    const manys = [run(4, 3), run(2, 1.5)];
    const together = [
      [run(6, 5), run(8, 7)],
      [run(5, 4), run(5, 4)],
    ];
    const rounds = coldRounds(ones, manys, together);
    // Round 1: 6/6 + 6/8 = 1.75, speed-up 6/4 = 1.5; round 2: 5/5 + 5/5 = 2, speed-up 5/2 = 2.5.
    expect(rounds).toEqual([
      { speedup: 1.5, machine: 1.75 },
      { speedup: 2.5, machine: 2 },
    ]);
    expect(coldScalingLine('uart-toy SIZE 12', 2, ones, together, rounds)).toBe(
      'uart-toy SIZE 12 cold: 2 one-thread processes at once took 6.00, 8.00; 5.00, 5.00 s (whole command); ' +
        "the machine's own scaling 1.75, 2.00× (median 1.88×), the whole command's speed-up on 2 threads 1.50, 2.50× (round by round: 86, 125 % of the machine's)",
    );
    expect(coldScalingLine('x', 2, ones, [[run(6, 5, 101), run(8, 7)]], rounds.slice(0, 1))).toContain('COUNTS DIFFER FROM ONE THREAD');
  });

  it('takes the median of an odd count as the middle value and of an even count as the mean of the middle two', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([7])).toBe(7);
    expect(medianOf([])).toBe(0);
  });
});
