import { accessSync, closeSync, constants, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { probeFolders } from '../folders.ts';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../subsystem.ts';
import type { Output } from './output.ts';
import { oneLine } from './text.ts';

/** The longest file name most file systems take, in bytes. */
const NAME_MAX = 255;

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** Why a file system call failed, in words: `ENOSPC (no space left on device)`. */
export function describeFsError(error: unknown): string {
  const code = errno(error);
  const words: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOENT: 'no such file or directory',
    ENAMETOOLONG: 'the name is too long',
    EIO: 'input/output error',
  };
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return Object.hasOwn(words, code) ? `${code} (${words[code]})` : code;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function nameTooLong(path: string): boolean {
  return Buffer.byteLength(basename(path)) > NAME_MAX;
}

/**
 * Checks, before a run, that a report file (`--json`, `--junit`) can be
 * written: its folder exists and is writable, and it is not a folder.
 * Throws a one-line `UsageError` naming `flag` otherwise. A full disk shows
 * only when writing; the caller reports that afterwards.
 */
export function checkOutputFile(flag: string, path: string): void {
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${path}: ${why}`);
  };
  if (path === '') fail('an empty file name');
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) fail('is a directory');
    if (!writable(path)) fail('not writable');
    return;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (errno(error) !== 'ENOENT') fail(describeFsError(error));
  }
  if (nameTooLong(path)) fail(describeFsError({ code: 'ENAMETOOLONG' }));
  const folder = dirname(resolve(path));
  let stat;
  try {
    stat = statSync(folder);
  } catch (error) {
    return fail(errno(error) === 'ENOENT' ? `the folder ${folder} does not exist` : describeFsError(error));
  }
  if (!stat.isDirectory()) fail(`${folder} is not a folder`);
  if (!writable(folder)) fail(`the folder ${folder} is not writable`);
  // Permission bits are not the whole story (root writes anywhere, yet not into /proc or /sys): make the file and remove it.
  try {
    closeSync(openSync(path, 'wx'));
    unlinkSync(path);
  } catch (error) {
    fail(describeFsError(error));
  }
}

/**
 * Checks, before a run, that `--out-dir` can hold counterexample files: it
 * is a writable folder, or the nearest folder above it that exists is
 * writable (the missing ones are made when a file is written).
 */
export function checkOutputDir(flag: string, dir: string): void {
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${dir}: ${why}`);
  };
  if (dir === '') fail('an empty folder name');
  let at = resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = statSync(at);
    } catch (error) {
      // ENOTDIR: a part above is a file, which the next round names.
      if (errno(error) !== 'ENOENT' && errno(error) !== 'ENOTDIR') return fail(describeFsError(error));
      if (nameTooLong(at)) fail(describeFsError({ code: 'ENAMETOOLONG' }));
      const up = dirname(at);
      if (up === at) return fail('no part of it exists');
      at = up;
      continue;
    }
    if (!stat.isDirectory()) fail(`${at} is not a folder`);
    if (!writable(at)) fail(`the folder ${at} is not writable`);
    // Permission bits are not the whole story (root writes anywhere, yet not into /proc or /sys): make the missing folders and remove them.
    if (at !== resolve(dir)) {
      try {
        probeFolders(dir);
      } catch (error) {
        fail(describeFsError(error));
      }
    }
    return;
  }
}

/** Writes a report file after the run; on failure prints one line on stderr and returns false (the command then exits 2). */
export function writeReport(flag: string, file: string, text: string, io: Output): boolean {
  try {
    writeFileSync(file, text);
    return true;
  } catch (error) {
    io.err(`xenspec: cannot write ${flag} ${oneLine(file)}: ${describeFsError(error)}`);
    return false;
  }
}
