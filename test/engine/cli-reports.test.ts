import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitToWidth, progressLine, progressTo } from '../../checker/cli/progress.ts';
import type { Progress } from '../../checker/explore.ts';
import { simulate } from '../../checker/simulate.ts';
import { runZoo } from '../../checker/zoo.ts';
import { always, type Model } from '../../checker/model.ts';
import { erase, type Subsystem } from '../../checker/subsystem.ts';
import { counterModel } from '../../model/fixtures/counter.ts';
import { runCli, runCliProcess } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-reports-'));

/** Characters XML 1.0 cannot carry, even as character references. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

interface CheckJson {
  format: string;
  version: number;
  failed: boolean;
  results: {
    subsystem: string;
    config: string;
    variant: string | null;
    side: string;
    verdict: string;
    discoveries: { property: string; kind: string; path: string; steps: number; message?: string; counterexampleFile: string | null }[];
  }[];
}

describe('JSON and JUnit reports are versioned formats (issue #10, item 10)', () => {
  it('writes check --json with format, version, separate config/variant/side, paths as in files, and the counterexample file', () => {
    const dir = tmp();
    const r = runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', join(dir, 'cex'), '--json', join(dir, 'r.json'));
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as CheckJson;
    expect(json.format).toBe('xenspec-check-results');
    expect(json.version).toBe(1);
    expect(json.failed).toBe(true);
    const [result] = json.results;
    expect(result).toMatchObject({ subsystem: 'counter', config: 'default', variant: 'counter/split-increment', side: 'both', verdict: 'violated' });
    const [d] = result!.discoveries;
    expect(d!.path).toBe('0/0/0/1/1/0/0');
    expect(d!.steps).toBe(6);
    const written = readdirSync(join(dir, 'cex'));
    expect(d!.counterexampleFile).toBe(join(dir, 'cex', written[0]!));
    const file = JSON.parse(readFileSync(d!.counterexampleFile!, 'utf8')) as { path: string };
    expect(file.path).toBe(d!.path);
  });

  it('keeps JUnit well-formed when a message holds control characters, and puts the trace in the failure', () => {
    const dir = tmp();
    const r = runCliProcess('check', 'faulty', '--config', 'long-message', '--out-dir', join(dir, 'cex'), '--junit', join(dir, 'r.xml'));
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).toContain('boom \\x1b[31m&lt;red&gt;\\x00 &amp; &quot;quoted&quot;&#10;xxx');
    expect(xml).toMatch(/<failure type="exception" message="[^"]*">\s*0 {2}init #0\n\s*1 {2}inc 0 → 1\n\s*2 {2}inc 1 → 2\ncounterexample file: .*\.json<\/failure>/);
    expect(xml).toContain('<property name="xenspec.version" value="1"/>');
    expect(xml).toContain('<property name="config" value="long-message"/>');
  });

  it('marks an incomplete run as skipped even when the model has no property', () => {
    const dir = tmp();
    const r = runCliProcess('check', 'uart-toy', '--config', 'size-1', '--max-states', '10', '--junit', join(dir, 'r.xml'));
    expect(r.code).toBe(0);
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    expect(xml).toMatch(/skipped="[1-9]/);
    expect(xml).toContain('<skipped message="the run stopped (state-bound) before exploring every state"/>');
  });

  it('gives zoo --json and --junit, and calls a clean control row clean', () => {
    const dir = tmp();
    const r = runCliProcess('zoo', 'counter', '--json', join(dir, 'z.json'), '--junit', join(dir, 'z.xml'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/counter \(unmodified\)\s+default\s+\(none\)\s+\(none\)\s+clean/);
    expect(r.out).toMatch(/counter\/split-increment\s+default\s+no lost update\s+no lost update\s+caught/);
    expect(r.out).not.toContain('yes');
    const json = JSON.parse(readFileSync(join(dir, 'z.json'), 'utf8')) as { format: string; version: number; rows: { variant: string | null; outcome: string }[] };
    expect(json.format).toBe('xenspec-zoo-results');
    expect(json.version).toBe(1);
    expect(json.rows.map((row) => [row.variant, row.outcome])).toEqual([
      [null, 'clean'],
      ['counter/split-increment', 'caught'],
    ]);
    const xml = readFileSync(join(dir, 'z.xml'), 'utf8');
    expect(xml).toContain('<testsuites name="xenspec zoo" tests="2" failures="0"');
    expect(xml).toContain('name="counter/split-increment"');
  });

  it('checks zoo report paths before running', () => {
    const r = runCliProcess('zoo', 'counter', '--json', join(tmp(), 'missing/z.json'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^xenspec: --json .*does not exist$/);
  });
});

describe('the progress line (issue #10, item 13)', () => {
  const p: Progress = { depth: 123, distinct: 12_345_678, generated: 98_765_432, queued: 4_567_890, seconds: 1234.5 };

  it('fits the terminal width, leaving the last column free', () => {
    for (const columns of [40, 80, 120]) {
      const lines: string[] = [];
      const report = progressTo({ out: () => undefined, err: () => undefined, progress: (l) => lines.push(l), columns: () => columns }, true)!;
      report(p, 'zoo argo/some-long-variant-name-here: ');
      expect(lines[0]!.length).toBeLessThanOrEqual(columns - 1);
    }
    expect(fitToWidth(progressLine(p), undefined).length).toBeLessThanOrEqual(79);
  });

  it('is reported by random walks', () => {
    const seen: Progress[] = [];
    simulate(counterModel(false, 3, 2), { seed: 1, walks: 50, maxDepth: 20, progressIntervalMs: 0, onProgress: (q) => seen.push(q) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.walks).toBeGreaterThan(0);
  });

  it('is reported by the zoo, naming the row', () => {
    const counting = (limit: number): Model<number, number> => ({
      name: 'counting',
      initStates: () => [0],
      actions: (s, out) => {
        if (s < 5000) out.push(1);
      },
      next: (s, a) => s + a,
      properties: () => [always<number>(`below ${limit}`, (s) => s < limit)],
      encode: (s, sink) => sink.u32(s),
      formatAction: (a) => `+${a}`,
      formatState: (s) => String(s),
    });
    const subsystem: Subsystem = {
      name: 'counting',
      kind: 'fixture',
      description: '',
      configs: [{ name: 'c', description: '' }],
      defaultConfig: 'c',
      variants: [{ id: 'counting/low', description: '', expectedProperty: 'below 4000', config: 'c' }],
      sides: ['both'],
      build: (_config, { variant }) => erase(counting(variant === undefined ? 10_000 : 4000)),
    };
    const seen = new Set<string>();
    runZoo(subsystem, { onProgress: (what) => seen.add(what), progressIntervalMs: 0 });
    expect([...seen]).toEqual(['counting (unmodified, c)', 'counting/low']);
  });
});

describe('bytes/state (issue #10, item 14)', () => {
  it('is not shown for a tiny run, where the preallocated table dominates', () => {
    const r = runCliProcess('check', 'binary-clock');
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.trim().startsWith('distinct'));
    const [header, , row] = lines.slice(at, at + 3);
    const column = header!.split(/\s{2,}/).indexOf('bytes/state');
    expect(row!.trim().split(/\s+/)[column]).toBe('—');
  });

  it('is shown for a run large enough to mean something', () => {
    const r = runCliProcess('check', 'uart-toy', '--config', 'size-4');
    const lines = r.out.split('\n');
    const row = lines[lines.findIndex((l) => l.trim().startsWith('distinct')) + 2]!.trim().split(/\s+/);
    expect(Number(row[5])).toBeGreaterThan(8);
    expect(Number(row[5])).toBeLessThan(100);
  });
});

describe('traces name steps and show differences (issue #10, item 15)', () => {
  it("names the step of Argo's multi-step notify in check's path listing", () => {
    const dir = tmp();
    const r = runCliProcess('check', 'argo', '--config', 'small', '--variant', 'v1-signal-by-domid', '--out-dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('8  d0 notify: payload space on ring0');
    expect(r.out).toContain('9  d0 notify: pick waiters on ring0');
    expect(r.out).toContain('10  d0 notify: signal the woken');
    expect(r.out).not.toContain('next step\n');
    const replayed = runCliProcess('replay', join(dir, readdirSync(dir)[0]!));
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain('── step 9: d0 notify: pick waiters on ring0');
  });

  it('replays showing what changed since the previous step, and every state with --full', () => {
    const dir = tmp();
    runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', dir);
    const file = join(dir, readdirSync(dir)[0]!);
    const diff = runCliProcess('replay', file);
    expect(diff.code).toBe(1);
    const step3 = diff.out.slice(diff.out.indexOf('── step 3:'), diff.out.indexOf('── step 4:'));
    expect(step3).toMatch(/^ {3}- x=0; A: increment @ write x = read \+ 1 read=0 \(started 1\); B: idle \(started 0\)$/m);
    expect(step3).toMatch(/^ {3}\+ x=0; A: increment @ write x = read \+ 1 read=0 \(started 1\); B: increment @ read x read=0 \(started 1\)$/m);
    const full = runCliProcess('replay', file, '--full');
    expect(full.code).toBe(1);
    const fullStep3 = full.out.slice(full.out.indexOf('── step 3:'), full.out.indexOf('── step 4:'));
    expect(fullStep3).toMatch(/^ {3}x=0; A: increment @ write x = read \+ 1 read=0 \(started 1\); B: increment @ read x read=0 \(started 1\)$/m);
    expect(fullStep3).not.toMatch(/^ {3}[-+] /m);
  });
});

describe('the header estimates what a run needs (issue #11, memory)', () => {
  it('per state stored, per state waiting as the model packs it, and what a --memory budget holds', async () => {
    const words = await runCli('check', 'uart-toy', '--config', 'size-4', '--max-states', '10', '--memory', '64M');
    // uart-toy SIZE 4 states are 20-byte vectors: 20 + 16 bytes waiting; 64 MiB / 20.8 bytes ≈ 3.23 million.
    expect(words.out).toContain(
      'memory: about 21 bytes per state stored (seen-set, trace), 36 bytes per state waiting; --memory 64 MiB holds about 3.23 million states stored while few wait',
    );
    const product = await runCli('check', 'argo', '--config', 'small', '--max-states', '10');
    expect(product.out).toMatch(
      /memory: about 21 bytes per state stored \(seen-set, trace\), \d+ bytes per state waiting; the lockstep memo of spec states lives on the JavaScript heap\n/,
    );
    const objects = await runCli('check', 'pcid', '--config', 'small', '--only', 'spec', '--max-states', '10');
    expect(objects.out).toContain('states waiting are objects on the JavaScript heap (not estimated)');
    const random = await runCli('check', 'uart-toy', '--config', 'size-4', '--strategy', 'random', '--walks', '1');
    expect(random.out).not.toContain('memory: about');
  });
});
