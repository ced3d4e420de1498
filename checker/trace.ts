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

  constructor(initialCapacity = 1 << 12) {
    this.parents = new Int32Array(initialCapacity);
    this.steps = new Int32Array(initialCapacity);
  }

  /** A log holding `parents` and `steps` (one record each), as `records` gave them. */
  static restore(parents: Int32Array, steps: Int32Array): TraceLog {
    const log = new TraceLog(Math.max(16, parents.length));
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
    if (id === this.parents.length) {
      const p = new Int32Array(id * 2);
      p.set(this.parents);
      this.parents = p;
      const s = new Int32Array(id * 2);
      s.set(this.steps);
      this.steps = s;
    }
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
