/**
 * Deviations from upstream, one flag per historical bug. The unmodified impl
 * runs with `CORRECT`; each zoo variant in `variants/` turns exactly one flag
 * on. Flags are read only at the line the bug lived on.
 */
export interface Vpl011Quirks {
  /** Seed v4: DR read and write copy the ring indices into locals before taking the lock. */
  readonly indicesBeforeLock: boolean;
  /** Seed v4: a DR read never sends the backend an event. */
  readonly noNotifyOnRead: boolean;
  /** Seed v4 (and upstream until 2019): FR starts at 0 instead of TXFE | RXFE. */
  readonly frResetZero: boolean;
}

/** Upstream's behaviour. */
export const CORRECT: Vpl011Quirks = Object.freeze({ indicesBeforeLock: false, noNotifyOnRead: false, frResetZero: false });
