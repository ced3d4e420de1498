import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SIGNAL_DEDUPE_MS, StopSignals } from '../../checker/cli/signals.ts';
import { stopRequested } from '../../checker/stop-flag.ts';
import { startCli as start } from '../run-cli.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const dir = mkdtempSync(join(tmpdir(), 'xenspec-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stopping a check cleanly on SIGINT and SIGTERM (issue #11)', () => {
  it('prints the partial summary, writes the JSON asked for and exits 130 when Ctrl-C reaches the whole process group', async () => {
    const json = join(dir, 'argo.json');
    const run = start('check', 'argo', '--json', json);
    await run.waitFor('xenspec check argo');
    await sleep(1500);
    // A terminal's Ctrl-C: every process of the group gets SIGINT, and the launcher forwards it too; it must count once.
    process.kill(-run.pid, 'SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.out).toContain('verdict: incomplete (stopped by: interrupt)');
    expect(r.out).toMatch(/distinct +generated/);
    expect(r.err).toContain('SIGINT received');
    expect(r.err).not.toContain('stopped at once');
    const report = JSON.parse(readFileSync(json, 'utf8')) as { results: { verdict: string; stoppedBy: string[]; stats: { distinct: number } }[] };
    expect(report.results).toHaveLength(1);
    expect(report.results[0]!.verdict).toBe('incomplete');
    expect(report.results[0]!.stoppedBy).toContain('interrupt');
    expect(report.results[0]!.stats.distinct).toBeGreaterThan(0);
  });

  it('stops a run on two threads (its helpers started beside the check thread) with the partial summary, exit 130', async () => {
    const run = start('check', 'uart-toy', '--config', 'size-12', '--workers', '2');
    await run.waitFor('xenspec check uart-toy');
    await sleep(800);
    process.kill(-run.pid, 'SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.out).toContain('workers=2');
    expect(r.out).toContain('verdict: incomplete (stopped by: interrupt)');
    expect(r.out).toMatch(/levels expanded on 2 threads: \d+; on one: \d+/);
  });

  it('exits 143 on SIGTERM with the partial summary, and starts no further target', async () => {
    // One target at a time (with two workers both would start at once: see cli-concurrent.test.ts).
    const run = start('check', 'vpl011', 'argo', '--workers', '1');
    await run.waitFor('xenspec check vpl011');
    await sleep(1000);
    process.kill(run.pid, 'SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(r.out).toContain('stopped by: interrupt');
    expect(r.out).not.toContain('xenspec check argo');
    expect(r.err).toContain('SIGTERM received');
    expect(r.out).toContain('not checked (interrupted): argo');
  });

  it('exits at once on a second Ctrl-C when the first cannot stop the run soon', async () => {
    // Each step of the slow fixture takes 20 ms, so the explorer's next periodic check is about 20 s away.
    const run = start('check', 'slow');
    await run.waitFor('xenspec check slow');
    await sleep(300);
    process.kill(-run.pid, 'SIGINT');
    await sleep(SIGNAL_DEDUPE_MS + 700);
    process.kill(-run.pid, 'SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.err).toContain('stopped at once');
    expect(r.out).not.toContain('verdict:');
  });
});

describe('StopSignals', () => {
  it('counts signals within the dedupe window as one, and exits with the first signal’s code on a later one', () => {
    const exits: number[] = [];
    const errors: string[] = [];
    const signals = new StopSignals({ out: () => undefined, err: (l) => errors.push(l) }, (code) => exits.push(code));
    try {
      expect(stopRequested(signals.flag)).toBe(false);
      signals.receive('SIGTERM', 1000);
      expect(stopRequested(signals.flag)).toBe(true);
      signals.receive('SIGINT', 1000 + SIGNAL_DEDUPE_MS - 1);
      expect(exits).toEqual([]);
      signals.receive('SIGINT', 1000 + SIGNAL_DEDUPE_MS + 1);
      expect(exits).toEqual([143]);
      expect(signals.received).toBe('SIGTERM');
      expect(errors).toHaveLength(2);
    } finally {
      signals.dispose();
    }
  });
});
