import { spawn, spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../checker/cli/main.ts';

/** What one run of the `xenspec` CLI printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process on `argv`, capturing stdout and stderr lines. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs `node bin/xenspec.js` as a child process on `argv`, as a user would:
 * the exit code is the process's own (set by the entry point, not returned
 * by `main`). Colours and progress lines are off (no terminal). The bundle
 * is built once before the suite (`test/global-setup.ts`), so concurrent
 * runs never rebuild it.
 */
export function runCliProcess(...argv: string[]): CliRun {
  return runCliProcessWith({}, ...argv);
}

/** How `runCliProcessWith` runs the command. */
export interface ProcessOptions {
  /** Kill the process after this many milliseconds (default 120 s); `code` is then -1 and `signal` set. */
  readonly timeout?: number;
  /** Extra environment variables; `undefined` removes one from the inherited environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The `bin/xenspec.js` to run (default: this checkout's). */
  readonly bin?: string;
  readonly cwd?: string;
}

/** `runCliProcess` with options; also returns the signal that ended the process, if any. */
export function runCliProcessWith(options: ProcessOptions, ...argv: string[]): CliRun & { readonly signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [options.bin ?? join(root, 'bin/xenspec.js'), ...argv], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...options.env },
    timeout: options.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { code: r.status ?? -1, out: r.stdout.trimEnd(), err: r.stderr.trimEnd(), signal: r.signal };
}

/** Where this checkout lives. */
export const repoRoot = root;

/** A `xenspec` process (`startCli`) started the way a terminal starts it: in a process group of its own (so a signal can reach the whole group, as Ctrl-C does). */
export interface Running {
  readonly pid: number;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string): Promise<void>;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

export function startCli(...argv: string[]): Running {
  const child = spawn(process.execPath, [join(root, 'bin/xenspec.js'), ...argv], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.filter((x) => out.includes(x.text))) w.resolve();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out, err })),
  );
  return {
    pid: child.pid!,
    // Rejects when the process ends first, so a test fails instead of timing out.
    waitFor: (text) =>
      out.includes(text)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ text, resolve })),
            done.then((r) => Promise.reject(new Error(`xenspec exited (${r.code}) before printing "${text}": ${r.err}`))),
          ]),
    done,
  };
}

/** Asserts a refusal as the CLI must make it: one line on stderr, prefixed `xenspec:`, matching `message`, no stack trace. */
export function expectOneLineError(err: string, message: RegExp): void {
  const lines = err.split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^xenspec: /);
  expect(lines[0]).toMatch(message);
  expect(err).not.toMatch(/\n\s+at /);
}
