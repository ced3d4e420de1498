import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitRegressionTest } from '../../checker/cli/emit-test.ts';
import { sealCounterexample } from '../../checker/counterexample.ts';
import { parsePath } from '../../checker/path.ts';
import { argoSubsystem } from '../../model/argo/index.ts';
import { pcidSubsystem } from '../../model/pcid/index.ts';
import { shadowOosSubsystem } from '../../model/shadow-oos/index.ts';
import { vpl011Subsystem } from '../../model/vpl011/index.ts';
import { repoRoot, runCliProcess } from '../run-cli.ts';
import { checkVariantToFile } from '../zoo-replay.ts';

/**
 * Emitted tests are run by vitest in a child process, from a folder inside
 * the checkout (so that `vitest` and the checker resolve as they would in a
 * user's test/ folder), with a config of their own.
 */
const root = mkdtempSync(join(repoRoot, '.tmp-emit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder for one vitest run of emitted tests, with its config. */
function emitFolder(): string {
  const dir = mkdtempSync(join(root, 'run-'));
  writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.ts'] } };\n");
  return dir;
}

interface VitestJson {
  testResults: { name: string; status: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/** Runs vitest on the emitted files in `dir`; the JSON report, by file name. */
function runEmitted(dir: string): Map<string, VitestJson['testResults'][number]> {
  const out = join(dir, 'results.json');
  const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.config.mjs', '--reporter=json', `--outputFile=${out}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 300_000,
  });
  expect(r.error).toBeUndefined();
  const report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
  return new Map(report.testResults.map((t) => [t.name.slice(dir.length + 1), t]));
}

/** The counter fixture's lost update, checked into a fresh folder: the one file written. */
function lostUpdate(): string {
  const out = mkdtempSync(join(root, 'cex-'));
  expect(runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', out).code).toBe(1);
  return join(out, readdirSync(out)[0]!);
}

describe('replay --emit-test', () => {
  it('writes tests that fail against each subsystem’s zoo variant and pass against the unmodified impl on the same path', async () => {
    const zoo = [
      [argoSubsystem, 'argo/sendv-full-ring-success'],
      [vpl011Subsystem, 'vpl011/seed-indices-before-lock'],
      [pcidSubsystem, 'pcid/seed-v5'],
      [shadowOosSubsystem, 'shadow-oos/flush-only-if-removed'],
    ] as const;
    const dir = emitFolder();
    const files = [];
    for (const [subsystem, id] of zoo) {
      const variant = subsystem.variants.find((v) => v.id === id)!;
      const { file, saved } = await checkVariantToFile(subsystem.name, variant);
      const buggy = runCliProcess('replay', file, '--emit-test', join(dir, `${subsystem.name}-variant.test.ts`));
      expect(buggy.code).toBe(1);
      expect(buggy.out).toContain(`regression test written to ${join(dir, `${subsystem.name}-variant.test.ts`)}`);
      expect(runCliProcess('replay', file, '--emit-test', join(dir, `${subsystem.name}-fixed.test.ts`), '--against', 'none').code).toBe(1);
      files.push({ subsystem: subsystem.name, variant, saved });
    }

    const results = runEmitted(dir);
    for (const { subsystem, variant, saved } of files) {
      const steps = saved.actions.length - 1;
      const buggy = results.get(`${subsystem}-variant.test.ts`)!.assertionResults;
      expect(buggy.map((a) => a.status)).toEqual(['failed']);
      expect(buggy[0]!.failureMessages[0]).toContain(`"${variant.expectedProperty}" is violated at step ${steps} ("${saved.actions[steps]}") of ${steps}`);
      const fixed = results.get(`${subsystem}-fixed.test.ts`)!.assertionResults;
      expect(fixed.map((a) => [a.title, a.status])).toEqual([
        [`"${variant.expectedProperty}" holds along the ${steps}-step path of ${subsystem}/${saved.config} on the unmodified impl`, 'passed'],
      ]);
    }
  });

  it('writes a test that says the path no longer applies rather than passing, and one that fails on an exception', () => {
    const dir = emitFolder();
    const counter = lostUpdate();
    expect(runCliProcess('replay', counter, '--emit-test', join(dir, 'counter-variant.test.ts')).code).toBe(1);
    expect(runCliProcess('replay', counter, '--emit-test', join(dir, 'counter-fixed.test.ts'), '--against', 'none').code).toBe(1);
    const faulty = mkdtempSync(join(root, 'cex-'));
    expect(runCliProcess('check', 'faulty', '--config', 'throw-in-step', '--out-dir', faulty).code).toBe(1);
    expect(runCliProcess('replay', join(faulty, readdirSync(faulty)[0]!), '--emit-test', join(dir, 'faulty.test.ts')).code).toBe(1);

    const results = runEmitted(dir);
    expect(results.get('counter-variant.test.ts')!.assertionResults[0]!.failureMessages[0]).toContain('"no lost update" is violated');
    // The atomic increment has no second step to take: the path does not apply, and the test says so.
    expect(results.get('counter-fixed.test.ts')!.assertionResults[0]!.failureMessages[0]).toContain('the path no longer applies: "step A" is not enabled at step 5 ("step A")');
    expect(results.get('faulty.test.ts')!.assertionResults[0]!.failureMessages[0]).toMatch(/the step threw: /);
  });

  it('writes everything taken from the file as data: a property full of quotes, newlines and comment ends cannot break out', () => {
    const property = 'x"); process.exit(7); ("\n*/ // \u2028 ${`y`}';
    const file = {
      ...sealCounterexample({
        subsystem: 'counter',
        config: 'default',
        variant: null,
        side: 'both',
        property,
        kind: 'counterexample',
        path: '0/0',
        actions: ['init #0', 'start A'],
        fingerprints: ['0000000000000000', '0000000000000000'],
      }),
      parsedPath: parsePath('0/0')!,
    };
    const source = emitRegressionTest(file, 'evil\n*/ name.json', join(root, 'x.test.ts'), null);
    const lines = source.split('\n');
    expect(lines.slice(0, 4).every((l) => l.startsWith('// '))).toBe(true);
    expect(lines[4]).toBe("import { it } from 'vitest';");
    const literal = /const counterexample = ([\s\S]*?) as const;/.exec(source)![1]!;
    expect(JSON.parse(literal)).toMatchObject({ property, variant: null, path: '0/0', actions: ['start A'] });
    expect(source).not.toContain('process.exit(7); ("\n');
  });

  it('refuses a witness: it records a state to reach, not a bug', () => {
    const file = {
      ...sealCounterexample({
        subsystem: 'linear-equation',
        config: 'solvable',
        variant: null,
        side: 'both',
        property: 'solved',
        kind: 'witness',
        path: '0/0',
        actions: ['init #0', 'IncX'],
        fingerprints: ['0000000000000000', '0000000000000000'],
      }),
      parsedPath: parsePath('0/0')!,
    };
    expect(() => emitRegressionTest(file, 'w.json', join(root, 'w.test.ts'), null)).toThrow(/records a witness/);
  });
});
