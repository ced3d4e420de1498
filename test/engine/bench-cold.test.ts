import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coldLine, coldRun, medianOf, type ColdRun } from '../../checker/cli/bench-cold.ts';

const bin = join(fileURLToPath(new URL('../..', import.meta.url)), 'bin/xenspec.js');
const run = (wall: number, seconds: number, distinct = 100, generated = 900): ColdRun => ({ wall, seconds, distinct, generated });

describe('bench: cold runs of the CLI', () => {
  it('runs `xenspec check` as a new process and reads its counts from the JSON it writes', () => {
    // uart-toy SIZE 4: SPIN's and TLC's counts (the README's fixture table).
    const r = coldRun(bin, 'uart-toy', 'size-4', 2);
    expect(r.distinct).toBe(50_688);
    expect(r.generated).toBe(435_713);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.wall).toBeGreaterThan(r.seconds);
  });

  it('throws with the command’s error line when it fails', () => {
    expect(() => coldRun(bin, 'no-such-model', 'small', 1)).toThrow(/exited with 2: xenspec: unknown subsystem "no-such-model"/);
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

  it('takes the median of an odd count as the middle value and of an even count as the mean of the middle two', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([7])).toBe(7);
    expect(medianOf([])).toBe(0);
  });
});
