import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-cli-'));

describe('xenspec CLI', () => {
  it('checks a fixture and prints the header, the counts and the verdict', async () => {
    const r = await run('check', 'uart-toy', '--config', 'size-1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('xenspec check uart-toy');
    expect(r.out).toContain('config=size-1');
    expect(r.out).toContain('624');
    expect(r.out).toContain('4,817');
    expect(r.out).toContain('verdict: ');
    expect(r.out).toContain('bytes/state');
  });

  it('exits 1 on a violation and writes a counterexample that replays step by step', async () => {
    const dir = tmp();
    const r = await run('check', 'counter', '--variant', 'counter/split-increment', '--out-dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('violated: no lost update');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^counter-no-lost-update-[0-9a-f]{8}\.json$/);
    const replayed = await run('replay', join(dir, files[0]!));
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain('── step 6:');
    expect(replayed.out).toContain('reproduced: "no lost update" is violated after 6 steps');
  });

  it('writes JSON and JUnit results when asked', async () => {
    const dir = tmp();
    const r = await run('check', 'binary-clock', '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml'));
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { results: { verdict: string; stats: { distinct: number } }[] };
    expect(json.results[0]!.verdict).toBe('ok');
    expect(json.results[0]!.stats.distinct).toBe(2);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testcase classname="binary-clock/default" name="the clock is 0 or 1"/>');
  });

  it('runs random walks with a printed seed, reproducibly', async () => {
    const a = await run('check', 'counter', '--variant', 'split-increment', '--strategy', 'random', '--seed', '7', '--out-dir', tmp());
    const b = await run('check', 'counter', '--variant', 'split-increment', '--strategy', 'random', '--seed', '7', '--out-dir', tmp());
    expect(a.code).toBe(1);
    expect(a.out).toContain('seed=7');
    const pathOf = (s: string): string | undefined => /path (\S+)/.exec(s)?.[1];
    expect(pathOf(a.out)).toBeDefined();
    expect(pathOf(a.out)).toBe(pathOf(b.out));
  });

  it('lists subsystems with their configs and variants', async () => {
    const r = await run('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('uart-toy (fixture)');
    expect(r.out).toContain('variant counter/split-increment');
  });

  it('runs the fixture zoo: every variant caught, unmodified impls clean', async () => {
    const r = await run('zoo', 'counter', 'toy-queue');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 of 2 variants caught; unmodified impl clean on 2 of 2 configs');
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['an unknown subsystem', ['check', 'nosuch'], /unknown subsystem "nosuch"/],
    ['an unknown config', ['check', 'uart-toy', '--config', 'huge'], /unknown config "huge" for uart-toy/],
    ['an unknown variant', ['check', 'counter', '--variant', 'nope'], /unknown variant "nope" for counter/],
    ['a malformed --max-depth', ['check', 'counter', '--max-depth', '1e3'], /--max-depth expects a whole number/],
    ['a negative --max-states', ['check', 'counter', '--max-states', '-5'], /--max-states expects a whole number/],
    ['a bad --strategy', ['check', 'counter', '--strategy', 'astar'], /--strategy expects bfs, dfs or random/],
    ['a bad --only', ['check', 'counter', '--only', 'both'], /--only expects spec or impl/],
    ['--only on a fixture without sides', ['check', 'counter', '--only', 'spec'], /counter cannot explore --only spec/],
    ['a bad --time-limit', ['check', 'counter', '--time-limit', 'soon'], /--time-limit expects a positive number of seconds/],
    ['an unknown flag', ['check', '--frobnicate'], /unknown option/],
    ['an unknown command', ['frobnicate'], /unknown command/],
    ['a missing replay file', ['replay', '/nonexistent/cex.json'], /no such file/],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`rejects ${what} with one line and exit code 2`, async () => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
    });
  }

  it('rejects a replay file that is not JSON', async () => {
    const file = join(tmp(), 'x.json');
    writeFileSync(file, '{ not json');
    const r = await run('replay', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not valid JSON/);
  });
});
