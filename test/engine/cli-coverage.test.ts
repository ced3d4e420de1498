import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCliProcess } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-coverage-'));

/** The 1-based line of `impl/…` holding `code` (which must occur exactly once). */
function lineOf(file: string, code: string): number {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  const at = lines.flatMap((l, i) => (l.includes(code) ? [i + 1] : []));
  expect(at, `${code} in ${file}`).toHaveLength(1);
  return at[0]!;
}

/** The never-executed ranges `check --coverage` listed for `file`. */
function unreachedIn(out: string, file: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const m of out.matchAll(/^\s+(impl\/\S+?):(\d+)(?:-(\d+))?\s/gm)) {
    if (m[1] === file) ranges.push([Number(m[2]), Number(m[3] ?? m[2])]);
  }
  return ranges;
}

const listed = (ranges: [number, number][], line: number): boolean => ranges.some(([a, b]) => a <= line && line <= b);

// sendv's error return: on `small` every sendv goes to d0's wildcard ring, which always exists; `errors` sends with too many iovs and from a domain without Argo.
const SENDV_ERROR = { file: 'impl/argo/ops.ts', code: 'return [OUT.SENDV, -err, -1, -1];' };
// A message appended: every sendv that fits, on both configurations.
const INSERTED = { file: 'impl/argo/ringbuf.ts', code: 's.w[ring(L, r, R_NMSG)]!++;' };

describe('check --coverage reports the impl lines a run executed', () => {
  it('lists the sendv error path as unreached on argo small, not a line every run executes, and writes lcov and HTML on request', () => {
    const report = join(tmp(), 'coverage');
    const run = runCliProcess('check', 'argo', '--config', 'small', '--coverage', '--coverage-report', report, '--out-dir', tmp());
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^impl coverage of this run \(V8 precise coverage of impl\/argo\):$/m);
    expect(run.out).toMatch(/^\s+impl\/argo\/ringbuf\.ts\s+\d+\.\d% \(\d+\/\d+\)\s+\d+\.\d% \(\d+\/\d+\)$/m);
    expect(run.out).toMatch(/^unreached in impl\/argo\/ops\.ts:$/m);
    expect(listed(unreachedIn(run.out, SENDV_ERROR.file), lineOf(SENDV_ERROR.file, SENDV_ERROR.code))).toBe(true);
    expect(listed(unreachedIn(run.out, INSERTED.file), lineOf(INSERTED.file, INSERTED.code))).toBe(false);
    // Nothing outside impl/argo is reported.
    expect(run.out).not.toMatch(/^\s+(checker|model|spec)\//m);

    const lcov = readFileSync(join(report, 'lcov.info'), 'utf8');
    expect(lcov).toMatch(/^SF:.*impl\/argo\/ops\.ts$/m);
    expect(lcov).not.toMatch(/^SF:.*(checker|model|spec)\//m);
    // lcov's own record of the error line: executed 0 times.
    expect(lcov).toContain(`DA:${lineOf(SENDV_ERROR.file, SENDV_ERROR.code)},0`);
    expect(existsSync(join(report, 'index.html'))).toBe(true);
  });

  it('does not list the sendv error path on errors, where it runs', () => {
    const run = runCliProcess('check', 'argo', '--config', 'errors', '--coverage', '--out-dir', tmp());
    expect(run.code).toBe(0);
    expect(listed(unreachedIn(run.out, SENDV_ERROR.file), lineOf(SENDV_ERROR.file, SENDV_ERROR.code))).toBe(false);
    expect(listed(unreachedIn(run.out, INSERTED.file), lineOf(INSERTED.file, INSERTED.code))).toBe(false);
  });

  it('lists a function the run never called: sendv, when the variant is caught on the initial state', () => {
    // V8 reports a function never called only when coverage is on before the bundle is compiled (bin/xenspec.js sees to it).
    const run = runCliProcess('check', 'argo', '--config', 'small', '--variant', 'v1-empty-ring-space', '--coverage', '--out-dir', tmp());
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/path 0 \(0 steps\)/);
    const sendvBody = lineOf('impl/argo/ops.ts', 'const txBefore = s.w[ring(L, r, R_TX)]!;');
    expect(listed(unreachedIn(run.out, 'impl/argo/ops.ts'), sendvBody)).toBe(true);
    expect(run.out).not.toMatch(/^note: coverage started after/m);
  });

  it('says there is nothing to report for a fixture, which has no impl folder', () => {
    const run = runCliProcess('check', 'counter', '--coverage', '--out-dir', tmp());
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^impl coverage: nothing to report \(fixtures have no impl\/ folder\)$/m);
    expect(run.out).not.toMatch(/^unreached in /m);
  });

  it('refuses a --coverage-report folder under a file before exploring, in one line', () => {
    const file = join(tmp(), 'a-file');
    writeFileSync(file, '');
    const run = runCliProcess('check', 'argo', '--config', 'small', '--coverage-report', join(file, 'coverage'));
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^xenspec: --coverage-report .*is not a folder/);
  });
});
