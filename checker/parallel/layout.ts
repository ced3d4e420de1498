/*
 * What the threads of a parallel exploration share: the control words they
 * synchronize on, and the flat buffers states move in (a level's frontier,
 * each thread's candidates). All of it is 32-bit words in SharedArrayBuffers;
 * nothing per state crosses threads as a message.
 */

/** Indices of the control words (`Int32Array` over a SharedArrayBuffer). */
export const CTL = {
  /** Bumped by the coordinator to start a phase; helpers wait on it. */
  generation: 0,
  /** Helpers that finished the current phase; the coordinator waits on it. */
  done: 1,
  /** The next chunk of the frontier to claim (`Atomics.add`). */
  cursor: 2,
  /** Raised when a thread met a property decision or an exception: the level is redone on one thread, in order. */
  event: 3,
  /** Raised when the run must stop (interrupt, time): threads claim no further chunk. */
  abort: 4,
} as const;

export const CONTROL_WORDS = 8;

/** A new control block. */
export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
}

/**
 * A candidate successor in a thread's output: the state's words, then the
 * index of its parent in the level's frontier, the action's index, its
 * coverage kind (-1 when none), its fingerprint (`hi`, `lo`), and a flag set
 * in the commit phase when it is the first occurrence of a new state.
 */
export const REC = { parent: 0, step: 1, kind: 2, hi: 3, lo: 4, fresh: 5 } as const;
export const REC_EXTRA = 6;

/** A growable buffer of fixed-stride records in shared memory, filled by one thread. */
export class RecordBuffer {
  words: Int32Array;
  size = 0;

  constructor(
    readonly stride: number,
    capacity = 1024,
  ) {
    this.words = new Int32Array(new SharedArrayBuffer(capacity * stride * 4));
  }

  /** The word offset of a new record at the end (growing the buffer when full). */
  append(): number {
    if ((this.size + 1) * this.stride > this.words.length) {
      const words = new Int32Array(new SharedArrayBuffer(this.words.byteLength * 2));
      words.set(this.words.subarray(0, this.size * this.stride));
      this.words = words;
    }
    return this.size++ * this.stride;
  }

  clear(): void {
    this.size = 0;
  }
}

/**
 * One thread's candidates for a level: the records, and the chunks they came
 * from as triples (chunk index, first record, record count), so that the
 * records of every thread can be read in the frontier's order.
 */
export interface Expanded {
  readonly records: Int32Array;
  readonly segments: readonly number[];
  readonly generated: number;
  readonly evaluated: readonly number[];
}

/** The segments of every thread, in chunk order: (thread, first record, count) triples. */
export function orderedSegments(all: readonly Expanded[]): Int32Array {
  const triples: [number, number, number, number][] = [];
  all.forEach((e, thread) => {
    for (let i = 0; i < e.segments.length; i += 3) triples.push([e.segments[i]!, thread, e.segments[i + 1]!, e.segments[i + 2]!]);
  });
  triples.sort((a, b) => a[0] - b[0]);
  const out = new Int32Array(triples.length * 3);
  triples.forEach((t, i) => out.set([t[1], t[2], t[3]], i * 3));
  return out;
}
