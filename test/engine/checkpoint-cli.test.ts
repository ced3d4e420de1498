import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readCheckpoint } from '../../checker/checkpoint.ts';
import { repoRoot, runCliProcess, startCli } from '../run-cli.ts';

/*
 * Checkpoint and resume as a user meets them (issue #11): Ctrl-C during a
 * check with --checkpoint prints the partial summary and the exact command
 * that goes on, and that command ends with the uninterrupted run's counts;
 * every checkpoint that cannot be used is one line and exit 2.
 */

const dir = mkdtempSync(join(tmpdir(), 'xenspec-checkpoint-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The summary's row of numbers: distinct, generated, depth (time and rates left out). */
function counts(out: string): string {
  const row = out.split('\n').find((l) => /^\s*[\d,]+\s+[\d,]+\s+\d+\s/.test(l));
  if (row === undefined) throw new Error(`no summary row in:\n${out}`);
  return row.trim().split(/\s+/).slice(0, 3).join(' ');
}

/** Splits the printed resume command into arguments (it quotes only what needs quoting; these paths need none). */
function argvOf(command: string): string[] {
  const parts = command.trim().split(/\s+/);
  expect(parts.slice(0, 3)).toEqual(['npx', 'xenspec', 'check']);
  return parts.slice(2);
}

describe('Ctrl-C during a check with --checkpoint, then the printed resume command (issue #11)', () => {
  it('argo small in lockstep: partial summary, resume command, and the resumed run ends with the uninterrupted counts', async () => {
    const whole = runCliProcess('check', 'argo', '--config', 'small', '--no-progress');
    expect(whole.code).toBe(0);

    const ckpt = join(dir, 'argo');
    const run = startCli('check', 'argo', '--config', 'small', '--checkpoint', ckpt, '--checkpoint-every', '0.005');
    await run.waitFor('xenspec check argo');
    // Interrupt once the first periodic checkpoint exists: the run is then certainly under way and not over.
    for (let i = 0; i < 400 && !(existsSync(ckpt) && readdirSync(ckpt).some((n) => n.endsWith('.xsckpt'))); i++) await sleep(25);
    process.kill(-run.pid, 'SIGINT');
    const cut = await run.done;
    expect(cut.code).toBe(130);
    expect(cut.out).toMatch(/verdict: incomplete \(stopped by: interrupt\)/);
    expect(cut.out).toMatch(/checkpoint written to .*argo\.small\.none\.both\.xsckpt/);
    const line = cut.out.split('\n').find((l) => l.includes('resume it: '));
    expect(line).toBeDefined();
    const argv = argvOf(line!.split('resume it: ')[1]!);
    expect(argv).toEqual(['check', 'argo', '--config', 'small', '--resume', ckpt, '--checkpoint', ckpt, '--checkpoint-every', '0.005']);
    expect(cut.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^xenspec: SIGINT received: stopping/)]);

    const resumed = runCliProcess(...argv, '--no-progress');
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/resuming from .*argo\.small\.none\.both\.xsckpt/);
    expect(resumed.out).toMatch(/verdict: ok/);
    expect(counts(resumed.out)).toBe(counts(whole.out));
    expect(resumed.out).not.toMatch(/resume it:/);
  });
});

describe('a check whose JavaScript heap fills up (issue #11, memory)', () => {
  it('stops cleanly before V8 would abort: partial summary, the remedy in one line, a checkpoint and its resume command', () => {
    const ckpt = join(dir, 'heap');
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', join(repoRoot, 'bin/xenspec.js'), 'check', 'argo', '--checkpoint', ckpt, '--no-progress'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      timeout: 300_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/verdict: incomplete \(stopped by: memory\)/);
    expect(r.stdout).toMatch(/^memory: stopped with the JavaScript heap nearly full .*raise the heap \(NODE_OPTIONS=--max-old-space-size=MB\).*, and resume from the checkpoint$/m);
    const file = join(ckpt, 'argo.default.none.both.xsckpt');
    expect(r.stdout).toContain(`checkpoint written to ${file}`);
    expect(r.stdout).toContain(`resume it: npx xenspec check argo --resume ${ckpt} --checkpoint ${ckpt}`);
    expect(readCheckpoint(file).seenSize).toBeGreaterThan(0);
  });
});

describe('checkpoints that cannot be used are refused before anything is explored: one line, exit 2', () => {
  const ckpt = join(dir, 'refusals');
  const made = runCliProcess('check', 'uart-toy', '--config', 'size-4', '--checkpoint', ckpt, '--no-progress');
  const file = join(ckpt, 'uart-toy.size-4.none.both.xsckpt');

  const refused = (pattern: RegExp, ...argv: string[]): void => {
    const r = runCliProcess(...argv, '--no-progress');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^xenspec: /);
    expect(r.err).toMatch(pattern);
    expect(r.out).not.toMatch(/distinct/);
  };

  it('the checkpoint written by a finished run resumes to the same counts at once', () => {
    expect(made.code).toBe(0);
    const r = runCliProcess('check', 'uart-toy', '--config', 'size-4', '--resume', ckpt, '--no-progress');
    expect(r.code).toBe(0);
    expect(counts(r.out)).toBe(counts(made.out));
  });

  it('a folder that does not exist, a file instead of a folder, a folder with no checkpoint', () => {
    refused(/--resume .*missing: .*(no such|ENOENT)/i, 'check', 'uart-toy', '--config', 'size-4', '--resume', join(dir, 'missing'));
    refused(/--resume .*: not a folder/, 'check', 'uart-toy', '--config', 'size-4', '--resume', file);
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    refused(/--resume .*: no checkpoint there/, 'check', 'uart-toy', '--config', 'size-4', '--resume', empty);
  });

  it('a checkpoint of another subsystem or config', () => {
    refused(
      /checkpoint uart-toy\.size-4\.none\.both\.xsckpt is not of a run this command asks for \(uart-toy\/size-2\)/,
      'check',
      'uart-toy',
      '--config',
      'size-2',
      '--resume',
      ckpt,
    );
    refused(/is not of a run this command asks for \(counter\//, 'check', 'counter', '--resume', ckpt);
  });

  it('a checkpoint of another strategy or depth bound', () => {
    refused(/cannot be resumed by this run: it is of strategy bfs, this run's is dfs/, 'check', 'uart-toy', '--config', 'size-4', '--strategy', 'dfs', '--resume', ckpt);
    refused(/it is of --max-depth none, this run's is 5/, 'check', 'uart-toy', '--config', 'size-4', '--max-depth', '5', '--resume', ckpt);
  });

  it('a damaged checkpoint', () => {
    const damaged = join(dir, 'damaged');
    mkdirSync(damaged, { recursive: true });
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 1;
    writeFileSync(join(damaged, 'uart-toy.size-4.none.both.xsckpt'), bytes);
    refused(/is damaged: its digest does not match its content/, 'check', 'uart-toy', '--config', 'size-4', '--resume', damaged);
  });

  it('bad option values and combinations', () => {
    refused(/--checkpoint-every needs --checkpoint DIR/, 'check', 'uart-toy', '--checkpoint-every', '5');
    refused(/--checkpoint-every expects a positive number of minutes, got "0"/, 'check', 'uart-toy', '--checkpoint', ckpt, '--checkpoint-every', '0');
    refused(/--checkpoint-every expects a positive number of minutes, got "soon"/, 'check', 'uart-toy', '--checkpoint', ckpt, '--checkpoint-every', 'soon');
    refused(/apply to breadth-first and depth-first search, not to random walks/, 'check', 'uart-toy', '--strategy', 'random', '--checkpoint', ckpt);
    refused(/--checkpoint .*is not a folder/, 'check', 'uart-toy', '--config', 'size-4', '--checkpoint', file);
  });
});
