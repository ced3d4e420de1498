import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { sealCounterexample, type CounterexampleFile } from '../../checker/counterexample.ts';
import { Random } from '../../checker/random.ts';
import { runCliProcessWith } from '../run-cli.ts';

/**
 * The CI fuzz test of issue #10: seeded random argument vectors and
 * corrupted counterexample files. Whatever the input, the CLI answers with
 * a legitimate exit code; a refusal (exit 2) is exactly one line prefixed
 * `xenspec:`, with control characters escaped; nothing is an internal error
 * (exit 3) or a stack trace; nothing hangs; nothing reaches
 * `Object.prototype`. Most vectors run in-process (`main`), a seeded sample
 * as real processes (`bin/xenspec.js`). Change the seed to explore further;
 * a failure names the vector, which is enough to reproduce it.
 */
const SEED = 20_261_130;
const ARGV_IN_PROCESS = 300;
const ARGV_AS_PROCESS = 25;
const FILES_IN_PROCESS = 250;
const FILES_AS_PROCESS = 15;

const work = mkdtempSync(join(tmpdir(), 'xenspec-fuzz-'));
const outDir = join(work, 'cex');

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]/;

interface Answer {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function inProcess(argv: readonly string[]): Promise<Answer> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The contract every answer keeps. */
function expectLegitimate(argv: readonly string[], a: Answer, allowed: readonly number[]): void {
  const what = `argv ${JSON.stringify(argv).slice(0, 500)}: exit ${a.code}, stderr ${JSON.stringify(a.err.slice(0, 500))}`;
  expect(allowed, what).toContain(a.code);
  expect(a.err, what).not.toMatch(/\n\s+at |internal error|TypeError|ReferenceError|RangeError/);
  if (a.code === 2) {
    const lines = a.err.split('\n');
    expect(lines, what).toHaveLength(1);
    expect(lines[0], what).toMatch(/^xenspec: \S/);
    expect(lines[0], what).not.toMatch(CONTROL);
  }
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[r.below(xs.length)]!;

/** Strings a careless or hostile user might type. */
function junk(r: Random): string {
  const samples = [
    '',
    ' ',
    '-',
    '--',
    '---',
    '-x',
    '--=',
    'a\nb',
    '\x1b[2J\x1b[H',
    '\x00',
    '\u2028',
    '\u202e',
    'é',
    '１',
    '💥',
    '__proto__',
    'constructor',
    'toString',
    '${HOME}',
    '$(id)',
    '`id`',
    '%s%n',
    '../../etc/passwd',
    '/dev/zero',
    '/dev/null',
    'x'.repeat(10_000),
    'NaN',
    'Infinity',
    '-0',
    '1e3',
    '0x10',
    '99999999999999999999999',
  ];
  if (r.below(4) === 0) {
    let s = '';
    const n = r.below(30);
    for (let i = 0; i < n; i++) s += String.fromCharCode(r.below(4) === 0 ? r.below(0x20) : 0x20 + r.below(0x2f00));
    return s;
  }
  return pick(r, samples);
}

/** A junk name made safe to write to: inside the scratch folder, whatever it holds. */
function underWork(name: string): string {
  return join(work, 'junk', name.replace(/\.\./g, '_').replace(/\0/g, '_'));
}

const NAMES = ['argo', 'counter', 'binary-clock', 'linear-equation', 'toy-queue', 'uart-toy', 'faulty', 'nosuch'];
const FIXTURES = ['counter', 'binary-clock', 'toy-queue', 'faulty'];

function flagValue(r: Random, flag: string): string {
  switch (flag) {
    case '--config':
      return pick(r, ['small', 'default', 'size-1', 'throw-in-step', 'long-path', 'three', 'unsolvable', junk(r)]);
    case '--variant':
      return pick(r, ['split-increment', 'counter/split-increment', 'argo/v1-signal-by-domid', 'off-by-one-full', junk(r)]);
    case '--strategy':
      return pick(r, ['bfs', 'dfs', 'random', 'BFS', junk(r)]);
    case '--max-depth':
    case '--max-states':
      return pick(r, ['0', '1', '3', '50', '-1', '1.5', ' 5', '5 ', '+5', junk(r)]);
    case '--time-limit':
      return pick(r, ['0', '0.2', '1', '-1', 'soon', '1e-9', 'Infinity', junk(r)]);
    case '--seed':
      return pick(r, ['0', '7', '4294967295', '4294967296', '-1', junk(r)]);
    case '--walks':
      return pick(r, ['0', '1', '3', '50', '-1', '1e99', junk(r)]);
    case '--only':
      return pick(r, ['spec', 'impl', 'both', junk(r)]);
    case '--json':
    case '--junit':
      return pick(r, [
        join(work, `r${r.below(100)}.out`),
        join(work, 'missing', 'r.out'),
        work,
        '/dev/full',
        '/proc/xenspec-fuzz.json',
        '',
        join(work, 'n'.repeat(300)),
        underWork(junk(r)),
      ]);
    case '--checkpoint':
      return pick(r, [join(work, 'ck'), '/proc/nonexistent/ck', '/dev/null/x', '', underWork(junk(r))]);
    case '--checkpoint-every':
      return pick(r, ['0', '0.001', '5', '-1', 'soon', '1e9', junk(r)]);
    case '--resume':
      return pick(r, [join(work, 'ck'), join(work, 'missing'), '/dev/zero', work, '', underWork(junk(r))]);
    case '--out-dir':
      return pick(r, [outDir, join(work, 'missing', 'deeper'), '/dev/null/x', '/proc/nonexistent/x', '', underWork(junk(r))]);
    default:
      return junk(r);
  }
}

const CHECK_FLAGS = [
  '--config',
  '--variant',
  '--strategy',
  '--max-depth',
  '--max-states',
  '--time-limit',
  '--seed',
  '--walks',
  '--only',
  '--json',
  '--junit',
  '--out-dir',
  '--checkpoint',
  '--checkpoint-every',
  '--resume',
];

/**
 * A random argument vector. Explorations are kept short: check vectors start
 * with small bounds (a later valid value may override them only with a
 * small one), zoo vectors always name a fixture, bench only with a bad flag.
 */
function argvOf(r: Random): string[] {
  const command = pick(r, ['check', 'check', 'check', 'replay', 'list', 'zoo', 'bench', 'help', '--version', '--help', '', 'chek', 'replya', '-V', 'x']);
  const argv: string[] = [];
  if (command === 'check') {
    argv.push('check', '--max-states', '300', '--time-limit', '1', '--max-depth', '60', '--out-dir', outDir, '--no-progress');
    const names = r.below(3);
    for (let i = 0; i < names; i++)
      argv.push(
        r.below(4) === 0
          ? junk(r)
          : pick(
              r,
              NAMES.filter((n) => n !== 'argo' || r.below(3) === 0),
            ),
      );
  } else if (command === 'zoo') {
    argv.push('zoo', pick(r, FIXTURES));
    if (r.below(2) === 0) argv.push(r.below(2) === 0 ? junk(r) : pick(r, FIXTURES));
  } else if (command === 'bench') {
    argv.push('bench', `--${junk(r) || 'x'}x`);
  } else if (command === 'replay') {
    argv.push('replay', pick(r, ['/dev/zero', work, join(work, 'nosuch.json'), '/etc/hostname', junk(r)]));
  } else if (command !== '') {
    argv.push(command);
  }
  const extra = command === 'bench' ? 0 : r.below(4);
  for (let i = 0; i < extra; i++) {
    const kind = r.below(4);
    if (command === 'check' && kind < 3) {
      const flag = pick(r, CHECK_FLAGS);
      if (r.below(6) === 0) argv.push(`${flag}=${flagValue(r, flag)}`);
      else argv.push(flag, flagValue(r, flag));
    } else if (kind === 0) argv.push(pick(r, ['--full', '--json', '--quick', '-h', '--', '--no-progress', '--frobnicate']));
    else argv.push(junk(r));
  }
  return argv;
}

const SAFE_PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort();

describe('the CLI under fuzzing (issue #10: the CI fuzz test)', () => {
  mkdirSync(outDir, { recursive: true });

  it(`answers ${ARGV_IN_PROCESS} random argument vectors with one line and a legitimate exit code`, async () => {
    const r = new Random(SEED);
    for (let i = 0; i < ARGV_IN_PROCESS; i++) {
      const argv = argvOf(r);
      const a = await inProcess(argv);
      expectLegitimate(argv, a, [0, 1, 2]);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(SAFE_PROTOTYPE);
  });

  it(`answers ${ARGV_AS_PROCESS} random argument vectors as a process: no stack trace, no hang`, () => {
    const r = new Random(SEED + 1);
    for (let i = 0; i < ARGV_AS_PROCESS; i++) {
      // A process argument cannot hold a NUL byte.
      const argv = argvOf(r).map((x) => x.replace(/\0/g, ''));
      const a = runCliProcessWith({ timeout: 30_000, cwd: work }, ...argv);
      expect(a.signal, `argv ${JSON.stringify(argv).slice(0, 300)} hung`).toBeNull();
      expectLegitimate(argv, a, [0, 1, 2]);
    }
  });

  /** Valid files to corrupt: a counterexample, an exception, and a long path. */
  function seeds(): string[] {
    const files: string[] = [];
    for (const argv of [
      ['counter', '--variant', 'split-increment'],
      ['faulty', '--config', 'throw-in-actions'],
      ['faulty', '--config', 'long-path'],
    ]) {
      const dir = mkdtempSync(join(work, 'seed-'));
      const a = runCliProcessWith({}, 'check', ...argv, '--out-dir', dir);
      expect(a.code).toBe(1);
      files.push(join(dir, readdirSync(dir)[0]!));
    }
    return files;
  }

  /** A corrupted copy of `text`: bytes flipped, cut, or a field changed (and the file resealed, so that the digest passes). */
  function corrupt(r: Random, text: string): string {
    const bytes = Buffer.from(text, 'utf8');
    switch (r.below(6)) {
      case 0: {
        for (let k = 0, n = 1 + r.below(4); k < n; k++) bytes[r.below(bytes.length)] = r.below(256);
        return bytes.toString('latin1');
      }
      case 1:
        return text.slice(0, r.below(text.length));
      case 2: {
        const at = r.below(text.length);
        return text.slice(0, at) + junk(r) + text.slice(at);
      }
      default: {
        const file = JSON.parse(text) as Record<string, unknown>;
        const keys = Object.keys(file);
        const key = pick(r, [...keys, '__proto__', 'constructor', 'extra']);
        const values: unknown[] = [
          null,
          0,
          -1,
          1e308,
          '',
          junk(r),
          [],
          {},
          [junk(r)],
          { __proto__: { polluted: true } },
          '0/0/0/0/0/0/0/0/0/0/0',
          '0/4294967296',
          'witness',
          'exception',
          'counterexample',
          Array.from({ length: r.below(2000) }, () => '0000000000000000'),
          (file.actions as unknown[]).slice(0, r.below((file.actions as unknown[]).length + 1)),
          `${String(file.path)}/0`,
          String(file.path).replace(/\/\d+$/, ''),
        ];
        const edited: Record<string, unknown> = { ...file };
        if (r.below(5) === 0) delete edited[key];
        else if (key === '__proto__') return text.replace('{', `{"__proto__": {"polluted": true},`);
        else edited[key] = pick(r, values);
        if (r.below(3) === 0) return JSON.stringify(edited);
        const { digest: _d, format: _f, version: _v, ...body } = edited as CounterexampleFile;
        try {
          return JSON.stringify(sealCounterexample(body));
        } catch {
          return JSON.stringify(edited);
        }
      }
    }
  }

  it(`refuses ${FILES_IN_PROCESS + FILES_AS_PROCESS} corrupted counterexample files in one line, or replays them legitimately`, async () => {
    const originals = seeds().map((f) => readFileSync(f, 'utf8'));
    const r = new Random(SEED + 2);
    const dir = mkdtempSync(join(work, 'corrupt-'));
    for (let i = 0; i < FILES_IN_PROCESS + FILES_AS_PROCESS; i++) {
      const file = join(dir, `c${i}.json`);
      writeFileSync(file, corrupt(r, pick(r, originals)));
      const argv = ['replay', file, ...(r.below(3) === 0 ? ['--full'] : [])];
      const a = i < FILES_IN_PROCESS ? await inProcess(argv) : runCliProcessWith({ timeout: 30_000, cwd: work }, ...argv);
      expectLegitimate([...argv, readFileSync(file, 'latin1').slice(0, 300)], a, [0, 1, 2]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(SAFE_PROTOTYPE);
  });
});
