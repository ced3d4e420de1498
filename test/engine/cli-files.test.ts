import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counterexampleSchema, sealCounterexample, type CounterexampleFile } from '../../checker/counterexample.ts';
import { LONG_MESSAGE } from '../../model/fixtures/faulty.ts';
import { expectOneLineError, runCliProcess, runCliProcessWith } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-files-'));

/** Runs `check ...argv --out-dir DIR` and returns the run and the one counterexample file written. */
function checkAndFile(...argv: string[]): { run: ReturnType<typeof runCliProcess>; file: string } {
  const dir = tmp();
  const run = runCliProcess('check', ...argv, '--out-dir', dir);
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return { run, file: join(dir, files[0]!) };
}

/** Reseals `file` after `edit`: a file whose digest matches a forged content. */
function forge(file: string, edit: (f: CounterexampleFile) => Record<string, unknown>): string {
  const original = counterexampleSchema().parse(JSON.parse(readFileSync(file, 'utf8')));
  const { digest: _d, format: _f, version: _v, ...body } = edit(original) as CounterexampleFile;
  const out = join(tmp(), 'forged.json');
  writeFileSync(out, JSON.stringify(sealCounterexample(body)));
  return out;
}

describe('replay reads only regular files, boundedly (issue #10, item 1)', () => {
  it('refuses /dev/zero at once instead of reading it forever', () => {
    const r = runCliProcessWith({ timeout: 20_000 }, 'replay', '/dev/zero');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /not a regular file/);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const fifo = join(tmp(), 'cex.json');
    execFileSync('mkfifo', [fifo]);
    const r = runCliProcessWith({ timeout: 20_000 }, 'replay', fifo);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /not a regular file/);
  });

  it('refuses a regular file over the size limit without reading it (a sparse file of 1 GiB)', () => {
    const big = join(tmp(), 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 2 ** 30);
    const started = Date.now();
    const r = runCliProcessWith({ timeout: 20_000 }, 'replay', big);
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /is over the \d+-byte limit of counterexample files/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses a directory as one line', () => {
    const r = runCliProcess('replay', tmp());
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /not a regular file/);
  });
});

describe('exception counterexamples replay (issue #10, item 2)', () => {
  const cases: [string, RegExp][] = [
    ['throw-in-step', /── step 2: inc 1 → 2 threw: the step threw at x=1/],
    ['throw-in-actions', /── state 2: actions\(\) threw: actions\(\) threw at x=2/],
    ['throw-in-property', /── state 2: property "x < 3" threw: the invariant threw at x=2/],
    ['throw-in-transition', /── step 2: inc 1 → 2: transition property "x grows by one" threw: the transition property threw at x=2/],
  ];
  for (const [config, thrown] of cases) {
    it(`writes and reproduces an exception thrown ${config.replace('throw-', '').replace(/-/g, ' ')}`, () => {
      const { run, file } = checkAndFile('faulty', '--config', config);
      expect(run.code).toBe(1);
      expect(run.out).toContain('exception: step raised an exception');
      const r = runCliProcess('replay', file);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(thrown);
      expect(r.out).toContain('reproduced: the exception is thrown again after 2 steps');
    });
  }
});

describe('output paths are checked before exploring (issue #10, item 3)', () => {
  it('refuses a --json file in a missing folder before the run, in one line', () => {
    const r = runCliProcess('check', 'binary-clock', '--json', join(tmp(), 'no/such/folder/r.json'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expectOneLineError(r.err, /--json .*: the folder .* does not exist/);
  });

  it('refuses a --junit path that is a folder', () => {
    const r = runCliProcess('check', 'binary-clock', '--junit', tmp());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expectOneLineError(r.err, /--junit .*: is a directory/);
  });

  it('refuses a --json name too long for the file system', () => {
    const r = runCliProcess('check', 'binary-clock', '--json', join(tmp(), `${'n'.repeat(300)}.json`));
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /the name is too long/);
  });

  it('refuses an --out-dir under a file', () => {
    const file = join(tmp(), 'plain');
    writeFileSync(file, '');
    const r = runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', join(file, 'cex'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expectOneLineError(r.err, /--out-dir .*plain is not a folder/);
  });

  it('prints the results and one line when a report cannot be written after the run (a full disk)', () => {
    const r = runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', tmp(), '--json', '/dev/full');
    expect(r.code).toBe(2);
    expect(r.out).toContain('violated: no lost update');
    expect(r.out).toContain('counterexample written to');
    expectOneLineError(r.err, /cannot write --json \/dev\/full: ENOSPC \(no space left on device\)/);
  });
});

describe('check --config without a subsystem (issue #10, item 6)', () => {
  it('applies --config to every default subsystem', () => {
    const r = runCliProcess('check', '--config', 'small', '--max-states', '20');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/xenspec check argo {2}config=small /);
    expect(r.out).not.toContain('config=default');
  });

  it('refuses a --config that a default subsystem does not have', () => {
    const r = runCliProcess('check', '--config', 'nosuch', '--max-states', '20');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expectOneLineError(r.err, /unknown config "nosuch" for argo/);
  });
});

describe('check and replay agree on the limits of a file (issue #10, item 7)', () => {
  it('writes an exception message over 10,000 characters so that replay accepts and reproduces it', () => {
    const { run, file } = checkAndFile('faulty', '--config', 'long-message');
    expect(run.code).toBe(1);
    expect(LONG_MESSAGE.length).toBeGreaterThan(10_000);
    expect(run.out).toContain('(the whole message is in');
    const r = runCliProcess('replay', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('reproduced: the exception is thrown again');
    expect(r.out).not.toContain('\x1b[31m');
  });

  it('shortens a long path on the terminal and points at the file, which replays', () => {
    const { run, file } = checkAndFile('faulty', '--config', 'long-path');
    expect(run.code).toBe(1);
    expect(run.out).toContain(`461 steps not shown: the whole path is in ${file}`);
    expect(run.out.split('\n').filter((l) => /^ {4}\s*\d+ {2}(inc|init) /.test(l))).toHaveLength(40);
    const r = runCliProcess('replay', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('reproduced: "x < 500" is violated after 500 steps');
  });

  it('does not write a trace over the size limit of files, says why in one line, and still prints it', () => {
    const dir = tmp();
    const r = runCliProcess('check', 'faulty', '--config', 'huge-trace', '--out-dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('violated: x < 70000');
    expect(r.out).toMatch(/counterexample not written: the file would be \d+ bytes, over the 67108864-byte limit that replay reads/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('replay refuses forged metadata, before printing the trace (issue #10, item 11)', () => {
  const { file } = checkAndFile('counter', '--variant', 'split-increment');
  const forgeries: [string, (f: CounterexampleFile) => Record<string, unknown>, RegExp][] = [
    ['a witness recorded on an invariant', (f) => ({ ...f, kind: 'witness' }), /records a witness for "no lost update", which is an invariant/],
    ['an empty fingerprint list', (f) => ({ ...f, fingerprints: [] }), /fingerprints/],
    ['fingerprints for only some states', (f) => ({ ...f, fingerprints: f.fingerprints.slice(0, 2) }), /2 fingerprints for a path of 7 states/],
    ['a message on a counterexample', (f) => ({ ...f, message: 'hello' }), /a message on a counterexample/],
    ['an exception recorded under an invariant', (f) => ({ ...f, kind: 'exception', message: 'x' }), /an exception recorded under "no lost update"/],
  ];
  for (const [what, edit, message] of forgeries) {
    it(`refuses ${what}`, () => {
      const r = runCliProcess('replay', forge(file, edit));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expectOneLineError(r.err, message);
    });
  }

  it('decides that a path no longer violating its property is stale before printing any step', () => {
    const { file: long } = checkAndFile('faulty', '--config', 'long-path');
    const shorter = forge(long, (f) => ({
      ...f,
      path: f.path.replace(/\/0$/, ''),
      actions: f.actions.slice(0, -1),
      fingerprints: f.fingerprints.slice(0, -1),
    }));
    const r = runCliProcess('replay', shorter);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expectOneLineError(r.err, /is stale: "x < 500" is no longer violated at the end of the path/);
  });
});

describe('--max-states is exact (issue #10, item 12)', () => {
  it('refuses --max-states 0', () => {
    const r = runCliProcess('check', 'counter', '--max-states', '0');
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /--max-states expects a whole number between 1 and/);
  });

  for (const strategy of ['bfs', 'dfs', 'random']) {
    it(`explores exactly one state with --max-states 1 (${strategy})`, () => {
      const r = runCliProcess('check', 'uart-toy', '--config', 'size-1', '--strategy', strategy, '--max-states', '1');
      expect(r.code).toBe(0);
      const lines = r.out.split('\n');
      const row = lines[lines.findIndex((l) => l.trim().startsWith('distinct')) + 2]!.trim().split(/\s+/);
      expect(row[0]).toBe('1');
      expect(r.out).toContain('stopped by: state-bound');
    });
  }
});

describe('a counterexample file that cannot be written after the run (issue #10, item 3)', () => {
  it('still prints the trace, says why in one line, and exits 2', () => {
    const first = tmp();
    runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', first);
    const [name] = readdirSync(first);
    const dir = tmp();
    // A folder where the file should go: the write fails only when it is attempted.
    mkdirSync(join(dir, name!));
    const r = runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('violated: no lost update');
    expect(r.out).toContain('6  step B');
    expect(r.out).toContain('counterexample not written: EISDIR (is a directory)');
    expectOneLineError(r.err, /cannot write a counterexample file in --out-dir .*: EISDIR/);
  });
});
