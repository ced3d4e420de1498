import { growableWords, grownInPlace } from './growable.ts';

/**
 * For every stored state, the record it was reached from and the index of the
 * action taken (TLC's trace file, in memory): 8 bytes per state. A root
 * record (parent -1) holds the index of its initial state instead. Walking
 * back from a record gives the path to its state.
 */
export class TraceLog {
  private parents: Int32Array;
  private steps: Int32Array;
  size = 0;

  /** With `shared`, the records live in SharedArrayBuffers, so that other threads can write the ids `reserve` hands out. */
  constructor(
    initialCapacity = 1 << 12,
    private readonly shared = false,
  ) {
    this.parents = this.allocate(initialCapacity);
    this.steps = this.allocate(initialCapacity);
  }

  /**
   * A new array of `length` records in a buffer that grows in place (see
   * `growableWords`), so that the log grows without copying, and the pages
   * of its new part are first touched by whichever thread writes them (page
   * faults cost up to ~15 µs each on some virtual machines, and the copy was
   * serial work in a parallel run).
   */
  private allocate(length: number): Int32Array {
    return growableWords(length, this.shared);
  }

  /** The parent of each record (-1 for a root): for threads that fill reserved records. The array is replaced when the log grows. */
  get parentIds(): Int32Array {
    return this.parents;
  }

  /** The action index of each record (a root's initial-state index): see `parentIds`. */
  get stepIds(): Int32Array {
    return this.steps;
  }

  /** Makes room for `count` records and returns the id of the first; the caller writes them (through `parentIds`, `stepIds`) before any is read. */
  reserve(count: number): number {
    const id = this.size;
    this.ensure(id + count);
    this.size = id + count;
    return id;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.parents.length) return;
    const length = Math.max(capacity, this.parents.length * 2);
    const parents = grownInPlace(this.parents, length);
    const steps = parents === undefined ? undefined : grownInPlace(this.steps, length);
    if (parents !== undefined && steps !== undefined) {
      this.parents = parents;
      this.steps = steps;
      return;
    }
    const p = this.allocate(length);
    p.set(this.parents.subarray(0, this.size));
    this.parents = p;
    const s = this.allocate(length);
    s.set(this.steps.subarray(0, this.size));
    this.steps = s;
  }

  /** A log holding `parents` and `steps` (one record each), as `records` gave them. */
  static restore(parents: Int32Array, steps: Int32Array, shared = false): TraceLog {
    const log = new TraceLog(Math.max(16, parents.length), shared);
    log.parents.set(parents);
    log.steps.set(steps);
    log.size = parents.length;
    return log;
  }

  /** The records so far (views, valid until the next `add`). */
  records(): { parents: Int32Array; steps: Int32Array } {
    return { parents: this.parents.subarray(0, this.size), steps: this.steps.subarray(0, this.size) };
  }

  get bytes(): number {
    return this.parents.byteLength + this.steps.byteLength;
  }

  /** Appends a record and returns its id. */
  add(parent: number, step: number): number {
    const id = this.size;
    if (id === this.parents.length) this.ensure(id + 1);
    this.parents[id] = parent;
    this.steps[id] = step;
    this.size = id + 1;
    return id;
  }

  /** The initial-state index and action indices leading to record `id`. */
  pathTo(id: number): { init: number; actions: number[] } {
    const actions: number[] = [];
    let cur = id;
    while (this.parents[cur]! >= 0) {
      actions.push(this.steps[cur]!);
      cur = this.parents[cur]!;
    }
    actions.reverse();
    return { init: this.steps[cur]!, actions };
  }
}
