import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'xenspec-cli-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The counts row of a summary (distinct, generated, depth) and the verdict line. */
function outcome(out: string): { counts: string; verdict: string } {
  const lines = out.split('\n');
  const row = lines.find((l) => /^ *[\d,]+ +[\d,]+ +\d+ /.test(l));
  return { counts: row?.trim().split(/ +/).slice(0, 3).join(' ') ?? 'none', verdict: lines.find((l) => l.startsWith('verdict: ')) ?? 'none' };
}

// As users run it: the bundled CLI, whose main thread starts the helper threads beside the check's own thread.
describe('check --workers N as a child process', () => {
  it('uart-toy SIZE 8 on 1, 2 and 3 threads: the SPIN/TLC counts, the same depth, exit 0, levels shared', () => {
    const outcomes = ['1', '2', '3'].map((workers) => {
      const r = runCliProcess('check', 'uart-toy', '--config', 'size-8', '--workers', workers, '--no-progress');
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      if (workers !== '1') expect(r.out).toMatch(new RegExp(`levels expanded on ${workers} threads: [1-9]\\d*; on one: \\d+`));
      return outcome(r.out);
    });
    // SPIN's and TLC's distinct and generated counts for this model (the README's fixture table).
    expect(outcomes[0]!.counts).toMatch(/^731,136 6,424,577 \d+$/);
    expect(outcomes[0]!.verdict).toBe('verdict: ok (exhaustive within the model bounds)');
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });

  it('vpl011 small impl with a zoo variant: the same violation and exit code on 1 and 2 threads', () => {
    const args = ['check', 'vpl011', '--config', 'small', '--only', 'impl', '--variant', 'vpl011/fr-reset-zero', '--no-progress', '--out-dir', dir];
    const one = runCliProcess(...args, '--workers', '1');
    const two = runCliProcess(...args, '--workers', '2');
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(outcome(two.out)).toEqual(outcome(one.out));
  });
});
