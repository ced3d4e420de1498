import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounterexample } from '../../checker/counterexample.ts';
import { expectOneLineError, runCliProcess } from '../run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xenspec-html-cli-'));

/** The counter fixture's lost update, checked into a fresh folder: the one file written. */
function lostUpdate(): string {
  const dir = tmp();
  expect(runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', dir).code).toBe(1);
  return join(dir, readdirSync(dir)[0]!);
}

/** The JSON a trace page embeds. */
function embedded(html: string): { steps: { label: string; lines: string[]; explanation?: string }[]; conclusion: string } {
  const m = /<script type="application\/json" id="trace-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as ReturnType<typeof embedded>;
}

describe('replay --html', () => {
  it('writes one self-contained page holding, step for step, the states and explanations replay --full prints', () => {
    const file = lostUpdate();
    const out = join(tmp(), 'trace.html');
    const r = runCliProcess('replay', file, '--html', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain(`trace written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const data = embedded(html);
    const saved = readCounterexample(file);
    expect(data.steps.map((s) => s.label)).toEqual(saved.actions);

    const full = runCliProcess('replay', file, '--full').out;
    const blocks = full.split(/\n── step \d+: [^\n]*\n/).slice(1);
    expect(blocks).toHaveLength(data.steps.length);
    data.steps.forEach((step, i) => {
      const printed = blocks[i]!.split('\n')
        .filter((l) => l.startsWith('   '))
        .map((l) => l.slice(3));
      expect(printed).toEqual([...(step.explanation === undefined ? [] : [step.explanation]), ...step.lines]);
    });
    expect(full.endsWith(data.conclusion)).toBe(true);
  });

  it('refuses an output in a missing folder, or a folder, in one line before replaying (exit 2)', () => {
    const file = lostUpdate();
    const missing = runCliProcess('replay', file, '--html', join(tmp(), 'no/such/trace.html'));
    expect(missing.code).toBe(2);
    expectOneLineError(missing.err, /--html .*does not exist/);
    const folder = runCliProcess('replay', file, '--html', tmp());
    expect(folder.code).toBe(2);
    expectOneLineError(folder.err, /--html .*is a directory/);
  });

  it('writes nothing for a stale or missing counterexample file (exit 2)', () => {
    const out = join(tmp(), 'trace.html');
    const r = runCliProcess('replay', join(tmp(), 'missing.json'), '--html', out);
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /missing\.json/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('check --html DIR', () => {
  it('writes a trace page beside each counterexample file, named after it', () => {
    const dir = tmp();
    const pages = join(tmp(), 'pages');
    const r = runCliProcess('check', 'counter', '--variant', 'split-increment', '--out-dir', dir, '--html', pages);
    expect(r.code).toBe(1);
    const [json] = readdirSync(dir);
    expect(readdirSync(pages)).toEqual([`${basename(json!, '.json')}.html`]);
    expect(r.out).toContain(`trace page written to ${join(pages, `${basename(json!, '.json')}.html`)}`);
    expect(embedded(readFileSync(join(pages, readdirSync(pages)[0]!), 'utf8')).steps.map((s) => s.label)).toEqual(readCounterexample(join(dir, json!)).actions);
  });

  it('writes no page when nothing is violated', () => {
    const pages = join(tmp(), 'pages');
    expect(runCliProcess('check', 'counter', '--out-dir', tmp(), '--html', pages).code).toBe(0);
    expect(existsSync(pages)).toBe(false);
  });

  it('refuses a folder under a file before exploring (exit 2)', () => {
    const file = join(tmp(), 'plain');
    writeFileSync(file, '');
    const r = runCliProcess('check', 'counter', '--html', join(file, 'pages'));
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /--html .*is not a folder/);
    expect(r.out).toBe('');
  });
});

describe('replay --emit-test and --against', () => {
  it('refuses an output in a missing folder in one line (exit 2)', () => {
    const r = runCliProcess('replay', lostUpdate(), '--emit-test', join(tmp(), 'no/such/x.test.ts'));
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /--emit-test .*does not exist/);
  });

  it('refuses --against without --emit-test, and a variant the subsystem does not have (exit 2)', () => {
    const file = lostUpdate();
    const alone = runCliProcess('replay', file, '--against', 'none');
    expect(alone.code).toBe(2);
    expectOneLineError(alone.err, /--against applies only with --emit-test/);
    const unknown = runCliProcess('replay', file, '--emit-test', join(tmp(), 'x.test.ts'), '--against', 'no-such-variant');
    expect(unknown.code).toBe(2);
    expectOneLineError(unknown.err, /unknown variant "no-such-variant" for counter/);
  });
});
