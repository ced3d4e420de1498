import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterexampleFileError, counterexampleBody, sealCounterexample, serializeCounterexample } from '../../checker/counterexample.ts';
import { DIFFERENCE_PROPERTY } from '../../checker/revision-diff.ts';
import { expectOneLineError, runCli, runCliProcess } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-diff-cli-'));

describe('xenspec diff refuses what it cannot compare, in one line (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown variant', ['argo', '--variant', 'v9-nothing'], /unknown variant "v9-nothing" for argo/],
    ['a variant of another subsystem', ['argo', '--variant', 'pcid/seed-v5'], /"pcid\/seed-v5" belongs to pcid, not argo/],
    ['variants of two subsystems', ['vpl011', '--variant', 'fr-reset-zero', '--variant', 'argo/v1-empty-ring-space'], /belongs to argo, not vpl011/],
    ['the same variant twice', ['argo', '--variant', 'v1-empty-ring-space', '--variant', 'argo/v1-empty-ring-space'], /given twice/],
    ['no variant', ['argo'], /needs --variant A/],
    ['three variants', ['argo', '--variant', 'v1-empty-ring-space', '--variant', 'seed-unsanitised-rx', '--variant', 'v1-signal-by-domid'], /two revisions, got 3/],
    ['a fixture without an impl to revise', ['counter', '--variant', 'split-increment'], /no impl revisions to compare/],
    ['an unknown subsystem', ['argon', '--variant', 'x'], /unknown subsystem "argon"/],
    ['an unknown config', ['argo', '--config', 'huge', '--variant', 'v1-empty-ring-space'], /unknown config "huge"/],
  ];
  it.each(cases)('refuses %s', async (_what, argv, message) => {
    const run = await runCli('diff', ...argv, '--out-dir', tmp());
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expectOneLineError(run.err, message);
  });

  it('refuses a bad variant as a child process too, before exploring anything', () => {
    const dir = tmp();
    const run = runCliProcess('diff', 'argo', '--variant', 'argo/v1-empty-ring-space', '--variant', 'v1-empty-ring-space', '--out-dir', dir);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expectOneLineError(run.err, /given twice/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('xenspec diff as a child process', () => {
  it('exits 1 on a difference, writes its file, and replay reproduces it with exit 1', () => {
    const dir = tmp();
    const run = runCliProcess('diff', 'vpl011', '--config', 'race', '--variant', 'seed-indices-before-lock', '--out-dir', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/DIFFERENT: vpl011\/seed-indices-before-lock and unmodified first differ after \d+ steps/);
    const [file] = readdirSync(dir);
    const replayed = runCliProcess('replay', join(dir, file!));
    expect(replayed.err).toBe('');
    expect(replayed.code).toBe(1);
    expect(replayed.out).toMatch(/reproduced: vpl011\/seed-indices-before-lock and unmodified differ after \d+ steps/);
  });

  it('reports two revisions that behave alike within the bounds as equivalent, with the counts, and exits 0', () => {
    // pcid's v4 and v5 switches differ only where `nested` toggles kernel and user (see zoo-pairs.test.ts); `shadow` has no toggles.
    const dir = tmp();
    const run = runCliProcess('diff', 'pcid', '--config', 'shadow', '--variant', 'seed-v4-no-old-pcid-flush', '--variant', 'seed-v5', '--out-dir', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^equivalent within the bounds: [\d,]+ distinct, [\d,]+ generated, depth \d+, /m);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not call a run cut by a bound equivalent', async () => {
    const run = await runCli('diff', 'pcid', '--config', 'shadow', '--variant', 'seed-v4-no-old-pcid-flush', '--variant', 'seed-v5', '--max-depth', '2', '--out-dir', tmp());
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(/equivalent/);
    expect(run.out).toMatch(/no difference found before the stop \(depth-bound\), not exhaustive/);
  });
});

describe('difference files', () => {
  const body = counterexampleBody({
    subsystem: 'argo',
    config: 'small',
    variant: 'argo/v1-empty-ring-space',
    against: { variant: undefined },
    side: 'impl',
    property: DIFFERENCE_PROPERTY,
    kind: 'difference',
    path: { init: 0, actions: [] },
    actions: ['init #0'],
    fingerprints: ['0123456789abcdef'],
  });

  it('are written as version 2 and name the other revision', () => {
    const file = JSON.parse(serializeCounterexample(sealCounterexample(body))) as Record<string, unknown>;
    expect(file.version).toBe(2);
    expect(file.against).toBeNull();
  });

  it('are refused without the revision they were found against', () => {
    const { against: _a, ...without } = body;
    expect(() => serializeCounterexample(sealCounterexample(without))).toThrow(CounterexampleFileError);
    expect(() => serializeCounterexample(sealCounterexample(without))).toThrow(/without the revision/);
  });

  it('refuses a check discovery that claims another revision', () => {
    expect(() => serializeCounterexample(sealCounterexample({ ...body, kind: 'counterexample' }))).toThrow(/a counterexample between two revisions/);
  });
});
