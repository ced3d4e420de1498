/**
 * Deviations from the correct behaviour, one flag per historical bug. The
 * unmodified impl runs with `CORRECT`; each zoo variant in `variants/` turns
 * exactly one flag on. Flags are read only at the line the bug lived on.
 */
export interface ArgoQuirks {
  /** v1: an empty ring's payload space subtracted only the message header (`len − 16`). */
  readonly emptyRingSpaceHeaderOnly: boolean;
  /** Seed: payload space read the guest's raw rx_ptr instead of the sanitised one. */
  readonly spaceFromRawRx: boolean;
  /** Before "warn sendv() caller when ring is full": the requeue's 0 overwrote -EAGAIN. */
  readonly sendvQueueOverwritesEagain: boolean;
  /** v1: pending entries and signals named the sender by domid only, without its cookie. */
  readonly pendingByDomidOnly: boolean;
}

/** The correct behaviour (the seed plus its documented corrections). */
export const CORRECT: ArgoQuirks = Object.freeze({
  emptyRingSpaceHeaderOnly: false,
  spaceFromRawRx: false,
  sendvQueueOverwritesEagain: false,
  pendingByDomidOnly: false,
});
