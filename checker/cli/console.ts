import { writeSync } from 'node:fs';

/** The reader of stdout (or stderr) went away, as in `xenspec list | head -1`: the command ends quietly. */
export class OutputClosedError extends Error {
  override readonly name = 'OutputClosedError';
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to file descriptor `fd`, synchronously, so that a
 * closed pipe is noticed at the write that hit it (not after a long run):
 * EPIPE becomes an `OutputClosedError`. A non-blocking descriptor that is
 * full (EAGAIN) is retried after a millisecond.
 */
export function writeAll(fd: number, text: string): void {
  let buffer = Buffer.from(text, 'utf8');
  while (buffer.length > 0) {
    try {
      const n = writeSync(fd, buffer);
      buffer = buffer.subarray(n);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') throw new OutputClosedError('output closed');
      else throw error;
    }
  }
}
