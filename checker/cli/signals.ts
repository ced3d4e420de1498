import { newStopFlag, requestStop, type StopFlag } from '../stop-flag.ts';
import type { Output } from './output.ts';

/** The signals that stop a check cleanly. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** The exit code of a run stopped by `signal`: 128 + its number, as a shell reports it (130, 143). */
export function exitCodeOf(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * Signals within this many milliseconds of the first count as the same
 * one: a Ctrl-C reaches every process of the terminal's process group, and
 * `bin/xenspec.js` also forwards it to the process it re-executed, so one
 * keypress arrives twice.
 */
export const SIGNAL_DEDUPE_MS = 500;

/**
 * Turns SIGINT and SIGTERM into a stop request while a check runs in a
 * worker thread: the first raises `flag` (the explorer stops at its next
 * periodic check, and the CLI prints the partial summary and writes the
 * reports asked for); a second one, after `SIGNAL_DEDUPE_MS`, exits at
 * once with 130 (SIGINT) or 143 (SIGTERM). Installing the handlers replaces
 * Node's default of dying at once, so `dispose` them when the run is over.
 */
export class StopSignals {
  readonly flag: StopFlag = newStopFlag();
  /** The first signal received, if any. */
  received: StopSignal | undefined = undefined;
  private at = 0;
  private readonly handlers = new Map<StopSignal, () => void>();

  constructor(
    private readonly io: Output,
    private readonly exitNow: (code: number) => void = (code) => process.exit(code),
  ) {
    for (const signal of SIGNALS) {
      const handler = (): void => this.receive(signal);
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** Handles one delivery of `signal` (public so tests can deliver one without a process). */
  receive(signal: StopSignal, now: number = performance.now()): void {
    if (this.received === undefined) {
      this.received = signal;
      this.at = now;
      requestStop(this.flag);
      this.io.err(`xenspec: ${signal} received: stopping at the next batch and printing what was found (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop at once)`);
      return;
    }
    if (now - this.at < SIGNAL_DEDUPE_MS) return;
    this.io.err(`xenspec: ${signal} received again: stopped at once, without a summary`);
    this.exitNow(exitCodeOf(this.received));
  }

  /** Removes the handlers: signals get Node's default behaviour again. */
  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }
}
