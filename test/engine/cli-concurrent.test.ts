import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliProcess, startCli } from '../run-cli.ts';

/*
 * `xenspec check` with several targets that each run on one thread (lockstep
 * products) checks up to --workers of them at once, in worker threads, and
 * prints their results in the targets' order (issue #11: every core). Run as
 * a child process, as users run it.
 */

/** Per target, in printed order: the header's subsystem and the counts row and verdict under it. */
function blocks(out: string): { subsystem: string; counts: string; verdict: string }[] {
  const lines = out.split('\n');
  const found: { subsystem: string; counts: string; verdict: string }[] = [];
  lines.forEach((line, i) => {
    const m = /^xenspec check (\S+) /.exec(line);
    if (m === null) return;
    const rest = lines.slice(i + 1);
    found.push({
      subsystem: m[1]!,
      counts: rest
        .find((l) => /^ *[\d,]+ +[\d,]+ +\d+ /.test(l))!
        .trim()
        .split(/ +/)
        .slice(0, 3)
        .join(' '),
      verdict: rest.find((l) => l.startsWith('verdict: '))!,
    });
  });
  return found;
}

describe('several one-thread targets at once (check with more than one target)', () => {
  it('runs two at a time on two workers, prints them in order, with the counts of one at a time', () => {
    // Three targets on two workers: the third waits for a free one, and results are printed in the targets' order whichever ends first.
    // (shadow-oos's small lockstep product, ~32 s a run here, was a fourth; every-subsystem.test.ts runs it on 1, 2 and 3 workers.)
    const args = ['check', 'argo', 'pcid', 'vpl011', '--config', 'small', '--no-progress'];
    const together = runCliProcess(...args, '--workers', '2');
    const apart = runCliProcess(...args, '--workers', '1');
    expect(together.code).toBe(0);
    expect(apart.code).toBe(0);
    expect(together.out).toContain('checking 3 targets, 2 at a time (each runs on one thread); results in order');
    expect(apart.out).not.toContain('at a time');
    expect(blocks(together.out).map((b) => b.subsystem)).toEqual(['argo', 'pcid', 'vpl011']);
    expect(blocks(together.out)).toEqual(blocks(apart.out));
  });

  it('the JSON report lists the targets in order, as one at a time does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xenspec-concurrent-'));
    try {
      const read = (workers: string): unknown => {
        const file = join(dir, `r${workers}.json`);
        expect(runCliProcess('check', 'vpl011', 'argo', '--config', 'small', '--no-progress', '--workers', workers, '--json', file).code).toBe(0);
        const report = JSON.parse(readFileSync(file, 'utf8')) as { results: { subsystem: string; stats: { distinct: number; generated: number } }[] };
        return report.results.map((r) => [r.subsystem, r.stats.distinct, r.stats.generated]);
      };
      const together = read('2');
      expect((together as unknown[][]).map((r) => r[0])).toEqual(['vpl011', 'argo']);
      expect(together).toEqual(read('1'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Ctrl-C stops every target running: each prints its partial summary, the rest are not started, exit 130', async () => {
    const run = startCli('check', 'argo', 'vpl011', 'pcid', '--no-progress', '--workers', '2');
    await run.waitFor('xenspec check argo');
    // Both default lockstep checks take tens of seconds: after one, both are under way.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(-run.pid, 'SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(blocks(r.out).map((b) => [b.subsystem, b.verdict])).toEqual([
      ['argo', 'verdict: incomplete (stopped by: interrupt)'],
      ['vpl011', 'verdict: incomplete (stopped by: interrupt)'],
    ]);
    expect(r.out).toContain('not checked (interrupted): pcid');
  });
});
