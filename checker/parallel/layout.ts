/*
 * What the threads of a parallel exploration share: the control words they
 * synchronize on, and the flat buffers states move in (a level's frontier,
 * each thread's candidates and their fingerprints). All of it is 32-bit
 * words in SharedArrayBuffers; nothing per state crosses threads as a
 * message.
 */

import { growableWords, grownInPlace } from '../growable.ts';

/** Indices of the control words (`Int32Array` over a SharedArrayBuffer). */
export const CTL = {
  /** Bumped by the coordinator to start a phase; helpers wait on it. */
  generation: 0,
  /** Helpers that finished the current phase; the coordinator waits on it. */
  done: 1,
  /** The next chunk of the frontier (expand phase) or partition of the fingerprints (commit phase) to claim (`Atomics.add`). */
  cursor: 2,
  /** Raised when a thread met an invariant violation or an exception: the level is redone on one thread, in order. */
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
 * A frontier entry after the state's words: its trace id and its
 * fingerprint (`hi`, `lo`), so that a parent is never re-hashed and its
 * self-loops are dropped without a lookup.
 */
export const FRONT = { id: 0, hi: 1, lo: 2 } as const;
export const FRONT_EXTRA = 3;

/**
 * A candidate successor in a thread's output, after the state's words: the
 * trace id of its parent, the action's index, its coverage kind (-1 when
 * none) and its fingerprint (`hi`, `lo`).
 */
export const REC = { parent: 0, step: 1, kind: 2, hi: 3, lo: 4 } as const;
export const REC_EXTRA = 5;

/**
 * A chunk's row in the level's chunk table: the thread that expanded it,
 * then for each partition of the fingerprints the first entry and the
 * number of entries it holds in that thread's fingerprint list.
 */
export const CHUNK = { owner: 0, parts: 1 } as const;

/** Words of a chunk-table row for `parts` partitions. */
export function chunkRow(parts: number): number {
  return CHUNK.parts + 2 * parts;
}

/**
 * The partition of the fingerprint whose high word is `hi`: the top bits of
 * `hi`, from which the table's home slot also comes (it is monotonic in
 * `hi`). So partition `q` of `parts` lands in about the `q`-th of `parts`
 * equal ranges of the table, and a thread committing it probes only that
 * range (plus the clusters running past its end): a few megabytes that stay
 * in the core's caches, where probes spread over the whole table miss them
 * (on uart-toy SIZE 12, the commit phase took 0.36 s per thread instead of
 * 0.50 s). The table's remapping of the high words 0 and 2^32 − 1 keeps
 * their top bits, hence their partition.
 */
export function partOf(hi: number, parts: number): number {
  return ((hi >>> 0) * parts * TWO_POW_M32) | 0;
}

const TWO_POW_M32 = 1 / 4294967296;

/** `length` words of shared memory in a buffer that grows in place (see `growableWords`). */
export function sharedWords(length: number): Int32Array {
  return growableWords(Math.max(1, length), true);
}

/**
 * `words` made `length` words long, its first `keep` words kept: in place
 * when its buffer can grow that far, else in a new buffer with a copy.
 * Growing in place leaves no old buffer behind, and that matters more than
 * the copy: a buffer's memory is freed only once every thread that was sent
 * it has collected its garbage, which a helper thread, allocating almost
 * nothing on its heap, may not do for the whole run (Argo's default impl on
 * two threads, with frontiers and candidate buffers replaced as levels
 * grew: 2.8 GB resident, 1.7 GB with a collection forced after each level).
 */
export function grownWords(words: Int32Array, length: number, keep: number): Int32Array {
  const grown = grownInPlace(words, length);
  if (grown !== undefined) return grown;
  const fresh = sharedWords(length);
  fresh.set(words.subarray(0, keep));
  return fresh;
}

/** A growable array of 32-bit words in shared memory, filled by one thread. */
export class SharedWords {
  words: Int32Array;

  constructor(capacity = 1024) {
    this.words = sharedWords(Math.max(16, capacity));
  }

  /** Makes room for `length` words in all, keeping the first `keep`. */
  ensure(length: number, keep: number): Int32Array {
    if (length > this.words.length) this.words = grownWords(this.words, Math.max(length, this.words.length * 2), keep);
    return this.words;
  }
}

/** A growable buffer of fixed-stride records in shared memory, filled by one thread. */
export class RecordBuffer {
  words: Int32Array;
  size = 0;

  constructor(
    readonly stride: number,
    capacity = 1024,
  ) {
    this.words = sharedWords(Math.max(1, capacity) * stride);
  }

  /** The word offset of a new record at the end (growing the buffer when full). */
  append(): number {
    if ((this.size + 1) * this.stride > this.words.length) this.words = grownWords(this.words, this.words.length * 2, this.size * this.stride);
    return this.size++ * this.stride;
  }

  clear(): void {
    this.size = 0;
  }

  /** Empties the buffer and makes it `size` records long, their contents left as they are (for the caller to overwrite). */
  resize(size: number): void {
    if (size * this.stride > this.words.length) this.words = grownWords(this.words, Math.ceil(size * 1.25) * this.stride, 0);
    this.size = size;
  }
}
