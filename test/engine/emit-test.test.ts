import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitRegressionTest } from '../../checker/cli/emit-test.ts';
import { sealCounterexample } from '../../checker/counterexample.ts';
import { parsePath } from '../../checker/path.ts';
import { argoSubsystem } from '../../model/argo/index.ts';
import { repoRoot, runCliProcess } from '../run-cli.ts';
import { checkVariantToFile } from '../zoo-replay.ts';

/**
 * Emitted tests are run by vitest in a child process, from a folder inside
 * the checkout (so that `vitest` and the checker resolve as they would in a
 * user's test/ folder), with a config of their own.
 */
const dir = mkdtempSync(join(repoRoot, '.tmp-emit-'));
writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.ts'] } };\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface VitestJson {
  testResults: { name: string; status: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/** Runs vitest on the emitted files in `dir`; the JSON report, by file name. */
function runEmitted(): Map<string, VitestJson['testResults'][number]> {
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
  const out = mkdtempSync(join(dir, 'cex-'));
  expect(runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', out).code).toBe(1);
  return join(out, readdirSync(out)[0]!);
}

describe('replay --emit-test', () => {
  it('writes a test that fails against the zoo variant and passes against the unmodified impl on the same path (or says the path no longer applies)', async () => {
    const variant = argoSubsystem.variants.find((v) => v.id === 'argo/sendv-full-ring-success')!;
    const { file, saved } = await checkVariantToFile('argo', variant);
    const buggy = runCliProcess('replay', file, '--emit-test', join(dir, 'argo-variant.test.ts'));
    expect(buggy.code).toBe(1);
    expect(buggy.out).toContain('regression test written to');
    expect(runCliProcess('replay', file, '--emit-test', join(dir, 'argo-fixed.test.ts'), '--against', 'none').code).toBe(1);
    const counter = lostUpdate();
    expect(runCliProcess('replay', counter, '--emit-test', join(dir, 'counter-variant.test.ts')).code).toBe(1);
    expect(runCliProcess('replay', counter, '--emit-test', join(dir, 'counter-fixed.test.ts'), '--against', 'none').code).toBe(1);
    const faulty = mkdtempSync(join(dir, 'cex-'));
    expect(runCliProcess('check', 'faulty', '--config', 'throw-in-step', '--out-dir', faulty).code).toBe(1);
    expect(runCliProcess('replay', join(faulty, readdirSync(faulty)[0]!), '--emit-test', join(dir, 'faulty.test.ts')).code).toBe(1);

    const results = runEmitted();
    const steps = saved.actions.length - 1;
    const argoBuggy = results.get('argo-variant.test.ts')!.assertionResults;
    expect(argoBuggy.map((a) => a.status)).toEqual(['failed']);
    expect(argoBuggy[0]!.failureMessages[0]).toContain(`"${variant.expectedProperty}" is violated at step ${steps} ("${saved.actions[steps]}") of ${steps}`);
    expect(results.get('argo-fixed.test.ts')!.assertionResults.map((a) => a.status)).toEqual(['passed']);
    expect(results.get('argo-fixed.test.ts')!.assertionResults[0]!.title).toBe(
      `"${variant.expectedProperty}" holds along the ${steps}-step path of argo/small on the unmodified impl`,
    );
    expect(results.get('counter-variant.test.ts')!.assertionResults[0]!.failureMessages[0]).toContain('"no lost update" is violated');
    // The atomic increment has no second step to take: the path does not apply, and the test says so rather than passing.
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
    const source = emitRegressionTest(file, 'evil\n*/ name.json', join(dir, 'x.test.ts'), null);
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
    expect(() => emitRegressionTest(file, 'w.json', join(dir, 'w.test.ts'), null)).toThrow(/records a witness/);
  });
});
