import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../checker/cli/main.ts';
import { expectOneLineError, repoRoot, runCliProcess } from '../run-cli.ts';

/** A control character other than the newline between lines. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f\u2028]/;

describe('usage errors, help and version as a process (issue #10, items 8 and 9)', () => {
  it('prints a mistyped command as one prefixed line, with the suggestion on the same line', () => {
    const r = runCliProcess('chek');
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /unknown command 'chek' \(Did you mean check\?\)/);
  });

  it('prints a mistyped flag as one prefixed line', () => {
    const r = runCliProcess('check', 'counter', '--max-dept', '3');
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /unknown option '--max-dept' \(Did you mean --max-depth\?\)/);
  });

  it('escapes newlines and control characters of an argument instead of echoing them', () => {
    const r = runCliProcess('check', 'no\nsuch\x1b[2J\x07');
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /unknown subsystem "no\\nsuch\\x1b\[2J\\x07"/);
    expect(r.err).not.toMatch(CONTROL);
  });

  it('escapes control characters in an unknown command and a flag value', () => {
    for (const argv of [['\x1b]0;owned\x07'], ['check', 'counter', '--strategy', 'a\rb'], ['check', 'counter', '--config', 'x\u2028y']]) {
      const r = runCliProcess(...argv);
      expect(r.code).toBe(2);
      expectOneLineError(r.err, /./);
      expect(r.err).not.toMatch(CONTROL);
    }
  });

  it('prints the version with --version and -V', () => {
    for (const flag of ['--version', '-V']) {
      const r = runCliProcess(flag);
      expect(r.code).toBe(0);
      expect(r.out).toBe(VERSION);
    }
    expect(VERSION).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('prints the help on stdout, exit 0, when run without arguments', () => {
    const r = runCliProcess();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: xenspec/);
    expect(r.out).toContain('replay');
    expect(r.err).toBe('');
  });
});

describe('help for a command that does not exist (issue #10, item 9)', () => {
  it('is a one-line refusal, exit 2, not the general help on stderr', () => {
    const r = runCliProcess('help', 'nosuch\x1b');
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /unknown command 'nosuch\\x1b' for help \(commands: check, /);
    expect(r.out).toBe('');
    const ok = runCliProcess('help', 'check');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Usage: xenspec check/);
  });
});

// eslint-disable-next-line no-control-regex -- the escape sequences a terminal gets are exactly what is removed
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the progress line on a real terminal (issue #10, item 13)', () => {
  /** Runs the CLI under `script` (a pseudo-terminal of `cols` columns) and returns every line and progress redraw it printed, escapes removed. */
  function onTerminal(cols: number, ...argv: string[]): string[] {
    const command = `stty cols ${cols}; ${[process.execPath, join(repoRoot, 'bin/xenspec.js'), ...argv].map((a) => `'${a}'`).join(' ')}`;
    // Progress is for people: off under CI, so the variable is removed here.
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: repoRoot, encoding: 'utf8', env, timeout: 120_000 });
    return r.stdout
      .split(/[\r\n]+/)
      .map((l) => l.replace(ANSI, ''))
      .filter((l) => l !== '');
  }

  it.skipIf(!hasScript)('fits a 60-column terminal for breadth-first search and random walks, never wrapping (skipped only where util-linux script is missing)', () => {
    for (const argv of [
      ['check', 'uart-toy', '--config', 'size-12', '--workers', '1', '--time-limit', '4'],
      ['check', 'uart-toy', '--config', 'size-12', '--strategy', 'random', '--time-limit', '3'],
    ]) {
      const progress = onTerminal(60, ...argv).filter((l) => /^\d+\.\d+s /.test(l));
      expect(progress.length).toBeGreaterThan(0);
      for (const line of progress) expect([...line].length).toBeLessThan(60);
    }
  });
});

describe('a closed stdout (issue #10, item 4)', () => {
  it('ends `xenspec list` quietly when the reader has gone away', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/xenspec.js'), 'list'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('a check whose stdout closed still writes its counterexample file and report and exits 1 for the violation', async () => {
    const out = mkdtempSync(join(tmpdir(), 'xenspec-epipe-'));
    try {
      const json = join(out, 'r.json');
      const child = spawn(process.execPath, [join(repoRoot, 'bin/xenspec.js'), 'check', 'counter', '--variant', 'split-increment', '--out-dir', out, '--json', json], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(err).toBe('');
      expect(code).toBe(1);
      expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ failed: true });
      expect(readdirSync(out).filter((n) => n.startsWith('counter-no-lost-update-'))).toHaveLength(1);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('output paths the permission bits allow but the file system refuses (issue #10, item 3)', () => {
  // As root, access(W_OK) says yes for /proc and /sys; only making the folder or file tells. (Node 20's recursive mkdir under /proc retried forever.)
  it.skipIf(process.getuid?.() !== 0)(
    'refuses --out-dir, --json, --html and --checkpoint under /proc and /sys before exploring, in one line (runs as root only: elsewhere the permission bits already refuse)',
    () => {
      for (const [flag, path, why] of [
        ['--out-dir', '/proc/nonexistent/x', /ENOENT/],
        ['--out-dir', '/sys/xenspec-x', /EPERM|EACCES/],
        ['--json', '/proc/xenspec.json', /ENOENT/],
        ['--html', '/proc/nonexistent/pages', /ENOENT/],
        ['--checkpoint', '/proc/nonexistent/ck', /ENOENT/],
      ] as const) {
        const r = runCliProcess('check', 'counter', '--variant', 'split-increment', flag, path);
        expect(r.code).toBe(2);
        expectOneLineError(r.err, new RegExp(`${flag} ${path}: ${why.source}`));
        expect(r.out).not.toMatch(/distinct/);
      }
    },
  );
});

/** A copy of the sources and launcher in a temporary folder (node_modules linked), without a bundle. */
function copyOfCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xenspec-copy-'));
  for (const d of ['bin', 'scripts', 'checker', 'model', 'spec', 'impl']) cpSync(join(repoRoot, d), join(dir, d), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Runs `node bin/xenspec.js argv` in `dir`, not waiting. */
function start(dir: string, ...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [join(dir, 'bin/xenspec.js'), ...argv], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('rebuilding the bundle (issue #10, item 5)', () => {
  it('serves concurrent invocations after an edit: each reads a whole bundle', async () => {
    const dir = copyOfCheckout();
    for (let round = 0; round < 2; round++) {
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      const runs = await Promise.all(Array.from({ length: 4 }, () => start(dir, 'list')));
      for (const r of runs) {
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain('uart-toy (fixture)');
      }
    }
  });

  it('reports a syntax error in the sources as one line, exit 3, without a stack', async () => {
    const dir = copyOfCheckout();
    writeFileSync(join(dir, 'checker/path.ts'), `${readFileSync(join(dir, 'checker/path.ts'), 'utf8')}\nexport const = ;\n`);
    const r = await start(dir, 'list');
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expectOneLineError(r.err.trimEnd(), /cannot build the CLI bundle.*checker\/path\.ts:\d+:\d+: Expected identifier/);
  });
});
