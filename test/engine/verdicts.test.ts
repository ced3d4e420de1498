import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { always, sometimes, type Model } from '../../checker/model.ts';
import { formatJunit } from '../../checker/report/junit.ts';
import { formatSummary } from '../../checker/report/summary.ts';
import { simulate } from '../../checker/simulate.ts';
import { erase, type Subsystem } from '../../checker/subsystem.ts';
import { runZoo } from '../../checker/zoo.ts';
import { runCliProcess } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-verdicts-'));

/** Counts 0..limit by +1; `below` is an invariant, `reaches` a witness. */
function counting(limit: number, below: number, reaches: number): Model<number, number> {
  return {
    name: `counting to ${limit}`,
    initStates: () => [0],
    actions: (s, out) => {
      if (s < limit) out.push(1);
    },
    next: (s, a) => s + a,
    properties: () => [always<number>(`below ${below}`, (s) => s < below), sometimes<number>(`reaches ${reaches}`, (s) => s === reaches)],
    encode: (s, sink) => sink.u32(s),
    formatAction: (a) => `+${a}`,
    formatState: (s) => String(s),
  };
}

describe('verdicts', () => {
  it('fails an exhaustive run that never reaches a witness with the verdict unreached', () => {
    const result = explore(counting(5, 100, 50));
    expect(result.verdict).toBe('unreached');
    expect(result.stoppedBy).toEqual([]);
    expect(result.unreached).toEqual(['reaches 50']);
    expect(formatSummary(result)).toContain('FAILED: witnesses never reached on an exhaustive run: reaches 50');
  });

  it('calls a run ok only when it is exhaustive, violates nothing and reaches every witness', () => {
    expect(explore(counting(5, 100, 3)).verdict).toBe('ok');
  });

  it('lists witnesses not reached before a bound as such, not as failures', () => {
    const result = explore(counting(50, 100, 40), { maxStates: 10 });
    expect(result.verdict).toBe('incomplete');
    const summary = formatSummary(result);
    expect(summary).toContain('witnesses not reached before the stop: reaches 40');
    expect(summary).not.toContain('FAILED');
  });

  it('lists witnesses not reached before a violation as such, not as failures', () => {
    const result = explore(counting(50, 3, 40));
    expect(result.verdict).toBe('violated');
    expect(result.unreached).toEqual(['reaches 40']);
    const summary = formatSummary(result);
    expect(summary).toContain('witnesses not reached before the stop: reaches 40');
    expect(summary).not.toContain('FAILED');
  });

  it('never calls random walks ok or unreached, whatever they reach', () => {
    expect(simulate(counting(5, 100, 50), { seed: 1, walks: 3 }).verdict).toBe('incomplete');
  });
});

describe('JUnit output', () => {
  it('marks a witness never reached on an exhaustive run as a failure', () => {
    const xml = formatJunit([{ label: 'c', result: explore(counting(5, 100, 50)) }]);
    expect(xml).toContain('failures="1" errors="0" skipped="0"');
    expect(xml).toMatch(/name="reaches 50">\n\s*<failure type="unreached" message="witness never reached on an exhaustive run"\/>/);
    expect(xml).toContain('<testcase classname="c" name="below 100"/>');
  });

  it('skips every undecided property of a run cut by a bound', () => {
    const xml = formatJunit([{ label: 'c', result: explore(counting(50, 100, 40), { maxStates: 10 }) }]);
    expect(xml).toContain('tests="3" failures="0" errors="0" skipped="3"');
    expect(xml).toMatch(/name="explored every reachable state within the bounds">\n\s*<skipped message="the run stopped \(state-bound\)/);
    expect(xml).toMatch(/name="below 100">\n\s*<skipped message="held on every state explored, but not decided: the run stopped \(state-bound\)/);
    expect(xml).toMatch(/name="reaches 40">\n\s*<skipped message="witness not reached before the stop/);
  });

  it('fails a violation and skips the rest of the run it stopped', () => {
    const xml = formatJunit([{ label: 'c', result: explore(counting(50, 3, 40)) }]);
    expect(xml).toContain('tests="3" failures="1" errors="0" skipped="2"');
    expect(xml).toMatch(/name="below 3">\n\s*<failure type="counterexample" message="counterexample at path 0\/0\/0\/0"><\/failure>/);
  });

  it('passes a reached witness and a held invariant of an ok run', () => {
    const xml = formatJunit([{ label: 'c', result: explore(counting(5, 100, 3)) }]);
    expect(xml).toContain('tests="3" failures="0" errors="0" skipped="0"');
  });
});

describe('the zoo control rows', () => {
  it('count the unmodified impl as clean only when every witness is reached', () => {
    const subsystem: Subsystem = {
      name: 'toy',
      kind: 'fixture',
      description: 'a control whose witness is unreachable',
      configs: [{ name: 'c', description: '' }],
      defaultConfig: 'c',
      variants: [{ id: 'toy/broken', description: '', expectedProperty: 'below 3', config: 'c' }],
      sides: ['both'],
      build: (_config, { variant }) => erase(variant === undefined ? counting(5, 100, 50) : counting(5, 3, 50)),
    };
    const [control, variant] = runZoo(subsystem);
    expect(control!.variant).toBeUndefined();
    expect(control!.foundProperty).toBeUndefined();
    expect(control!.unreached).toEqual(['reaches 50']);
    expect(control!.caught).toBe(false);
    expect(variant!.caught).toBe(true);
  });
});

describe('xenspec check as a process', () => {
  it('exits 1 on the unsolvable linear equation, naming the unreached witness', () => {
    const dir = tmp();
    const r = runCliProcess('check', 'linear-equation', '--config', 'unsolvable', '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('verdict: UNREACHED (exhaustive within the model bounds, but a witness was never reached)');
    expect(r.out).toContain('FAILED: witnesses never reached on an exhaustive run: solvable');
    expect(r.out).toContain('unreached: solvable — the run was exhaustive and never reached this witness');
    expect(r.err).toBe('');
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { results: { verdict: string; unreached: string[] }[] };
    expect(json.results[0]!.verdict).toBe('unreached');
    expect(json.results[0]!.unreached).toEqual(['solvable']);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('failures="1"');
  });

  it('exits 0 on the solvable linear equation', () => {
    const r = runCliProcess('check', 'linear-equation');
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: ok');
    expect(r.out).toContain('witnesses reached: solvable (depth 3)');
  });

  it('exits 0 on a run cut by a bound, with the witness not reached before the stop', () => {
    const dir = tmp();
    const r = runCliProcess('check', 'linear-equation', '--config', 'unsolvable', '--max-states', '100', '--junit', join(dir, 'r.xml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: incomplete (stopped by: state-bound)');
    expect(r.out).toContain('witnesses not reached before the stop: solvable');
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('failures="0" errors="0" skipped="2"');
  });

  it('exits 1 on a violation and 2 on a usage error', () => {
    const r = runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', tmp());
    expect(r.code).toBe(1);
    expect(r.out).toContain('violated: no lost update');
    const u = runCliProcess('check', 'nosuch');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/^xenspec: unknown subsystem "nosuch"/);
  });
});
