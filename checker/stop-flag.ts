/**
 * A request to stop a run, raised by another thread: one 32-bit word in a
 * `SharedArrayBuffer`, 0 while the run may go on. The CLI's main thread
 * raises it on SIGINT or SIGTERM while exploration runs in a worker thread
 * (a signal handler cannot run on the thread a synchronous loop occupies);
 * the explorer reads it with `Atomics.load` at its periodic check (every
 * 1,024 states expanded; after every random walk) and stops with the reason
 * `interrupt`. The word holds the reason's code, so that a reader can tell
 * an interrupt from a memory stop.
 */
export type StopFlag = Int32Array;

/** Codes written into a `StopFlag`. */
export const STOP = { none: 0, interrupt: 1 } as const;

/** A new flag in shared memory, not raised. */
export function newStopFlag(): StopFlag {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** True when `flag` is given and raised. */
export function stopRequested(flag: StopFlag | undefined): boolean {
  return flag !== undefined && Atomics.load(flag, 0) !== STOP.none;
}

/** Raises `flag` (the first reason given stays). */
export function requestStop(flag: StopFlag, code: number = STOP.interrupt): void {
  Atomics.compareExchange(flag, 0, STOP.none, code);
}
