import { describe, expect, it } from 'vitest';
import { runCliProcess as run } from '../run-cli.ts';

describe('bench uart-toy: the machine scaling, target and cold lines', () => {
  it('runs the sequential explorer on every thread at once, round by round, with the one-thread counts, then prints the target line and the cold pairs', async () => {
    const r = run('bench', 'uart-toy', '--quick', '--repeat', '2');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.some((l) => l.startsWith('uart-toy SIZE 8 workers=1: 731,136 distinct, 6,424,577 generated'))).toBe(true);
    expect(lines.some((l) => l.startsWith('uart-toy SIZE 8 workers=2: 731,136 distinct, 6,424,577 generated'))).toBe(true);
    const scaling = lines.find((l) => l.startsWith('uart-toy SIZE 8: 2 one-thread runs at once took '));
    expect(scaling).toBeDefined();
    // Two rounds, each with two simultaneous runs' seconds, two scalings, two speed-ups and two percentages.
    expect(scaling).toMatch(
      /took \d+\.\d\d, \d+\.\d\d; \d+\.\d\d, \d+\.\d\d s; the machine's own scaling \d+\.\d\d, \d+\.\d\d×, the parallel explorer's speed-up \d+\.\d\d, \d+\.\d\d× \(round by round: \d+, \d+ % of the machine's\)$/,
    );
    expect(lines.find((l) => l.startsWith('uart-toy SIZE 8: target 1.8× on 2 threads'))).toMatch(
      /^uart-toy SIZE 8: target 1\.8× on 2 threads met in [012] of 2 rounds \(best \d+\.\d\d×, median \d+\.\d\d×\); the machine's own scaling reached 1\.8× in [012] of 2$/,
    );
    expect(lines.find((l) => l.startsWith('uart-toy SIZE 8 cold'))).toMatch(
      /^uart-toy SIZE 8 cold \(`xenspec check` as a new process, 2 alternating pairs\): whole command \d+\.\d\d, \d+\.\d\d s on one thread, \d+\.\d\d, \d+\.\d\d s on 2 \(\d+\.\d\d× of the medians, \d+\.\d\d× the best pair\); exploring .* the best pair\)$/,
    );
    expect(r.out).not.toContain('COUNTS DIFFER');
  });
});
