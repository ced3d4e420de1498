import { Encoder } from '../fingerprint.ts';
import { isTransitionProperty, type Model, type StateProperty, type TransitionProperty } from '../model.ts';
import { CTL, REC, REC_EXTRA, RecordBuffer, type Expanded } from './layout.ts';
import { SharedFingerprintTable } from './shared-table.ts';

/** What a thread needs to expand one level: the frontier (states' words, then a trace id each) and how it is cut. */
export interface LevelJob {
  readonly frontier: Int32Array;
  readonly count: number;
  readonly chunk: number;
  readonly table: SharedFingerprintTable;
  /** Names of the properties decided so far: the others are watched. */
  readonly decided: readonly string[];
}

/**
 * One thread's share of a parallel breadth-first level, for a model whose
 * states are byte vectors (`fast.stateBytes`): its own model instance,
 * encoder, scratch state and output buffer, reused level after level.
 *
 * Expanding reads the shared table and never writes it, so a level that
 * must be redone on one thread (a property decided, an exception) finds the
 * table as the level found it. A successor whose fingerprint the table
 * holds is dropped; every other one is a candidate, written to the output
 * with its parent and action. Committing then stores the candidates in the
 * frontier's order, each thread the fingerprints of its own partition
 * (`lo mod threads`), so the first occurrence of each new state, and only
 * it, is flagged, whatever the threads' timing.
 */
export class LevelWorker<A> {
  private readonly encoder = new Encoder();
  private readonly bytes: number;
  private readonly words: number;
  private readonly parentWords: Int32Array;
  private readonly parent: Uint8Array;
  private readonly scratchWords: Int32Array;
  private readonly scratch: Uint8Array;
  private readonly actions: A[] = [];
  readonly out: RecordBuffer;
  private stateProps: StateProperty<Uint8Array>[] = [];
  private transitionProps: TransitionProperty<Uint8Array, A>[] = [];

  constructor(
    private readonly model: Model<Uint8Array, A>,
    /** Called after each chunk; true raises the abort word (the coordinator's interrupt and time checks). */
    private readonly poll?: () => boolean,
  ) {
    if (model.fast?.stateBytes === undefined) throw new Error(`model ${model.name} has no byte-vector states (fast.stateBytes)`);
    this.bytes = model.fast.stateBytes;
    this.words = (this.bytes + 3) >>> 2;
    this.parentWords = new Int32Array(this.words);
    this.parent = new Uint8Array(this.parentWords.buffer, 0, this.bytes);
    this.scratchWords = new Int32Array(this.words);
    this.scratch = new Uint8Array(this.scratchWords.buffer, 0, this.bytes);
    this.out = new RecordBuffer(this.words + REC_EXTRA);
  }

  /**
   * Claims chunks of `job` through the control block's cursor and expands
   * them, until none is left or the event or abort word is raised. Raises
   * the event word itself when a watched property would be decided or a
   * step throws: the level is then redone on one thread.
   */
  expand(job: LevelJob, ctl: Int32Array): Expanded {
    this.watch(job.decided);
    const model = this.model;
    const fast = model.fast!;
    const hasBounds = model.withinBounds !== undefined;
    const coverage = model.coverage;
    const evaluated = new Array<number>(coverage?.kinds.length ?? 0).fill(0);
    const segments: number[] = [];
    const out = this.out;
    const stride = this.words + 1;
    const words = this.words;
    const frontier = job.frontier;
    const nChunks = Math.ceil(job.count / job.chunk);
    const encoder = this.encoder;
    const actions = this.actions;
    let generated = 0;
    out.clear();
    try {
      for (;;) {
        const c = Atomics.add(ctl, CTL.cursor, 1);
        if (c >= nChunks || Atomics.load(ctl, CTL.event) !== 0 || Atomics.load(ctl, CTL.abort) !== 0) break;
        const first = out.size;
        const end = Math.min(job.count, (c + 1) * job.chunk);
        for (let p = c * job.chunk; p < end; p++) {
          const at = p * stride;
          for (let w = 0; w < words; w++) this.parentWords[w] = frontier[at + w]!;
          if (this.stateDecides(this.parent)) return this.raise(ctl, segments, generated, evaluated);
          actions.length = 0;
          model.actions(this.parent, actions);
          for (let k = 0; k < actions.length; k++) {
            const a = actions[k]!;
            if (!fast.nextInto(this.parent, a, this.scratch)) continue;
            if (hasBounds && !model.withinBounds!(this.scratch)) continue;
            generated++;
            const kind = coverage !== undefined ? coverage.kindOf(a) : -1;
            if (kind >= 0) evaluated[kind]!++;
            if (this.transitionDecides(a)) return this.raise(ctl, segments, generated, evaluated);
            encoder.fingerprintWords(this.scratchWords, 0, words, this.bytes);
            const hi = encoder.hi;
            const lo = encoder.lo;
            if (job.table.has(hi, lo)) continue;
            const r = out.append();
            const rec = out.words;
            for (let w = 0; w < words; w++) rec[r + w] = this.scratchWords[w]!;
            rec[r + words + REC.parent] = p;
            rec[r + words + REC.step] = k;
            rec[r + words + REC.kind] = kind;
            rec[r + words + REC.hi] = hi;
            rec[r + words + REC.lo] = lo;
            rec[r + words + REC.fresh] = 0;
          }
        }
        segments.push(c, first, out.size - first);
        if (this.poll !== undefined && this.poll()) Atomics.store(ctl, CTL.abort, 1);
      }
    } catch {
      return this.raise(ctl, segments, generated, evaluated);
    }
    return { records: out.words, segments, generated, evaluated };
  }

  private raise(ctl: Int32Array, segments: number[], generated: number, evaluated: number[]): Expanded {
    Atomics.store(ctl, CTL.event, 1);
    return { records: this.out.words, segments, generated, evaluated };
  }

  private watch(decided: readonly string[]): void {
    const open = this.model.properties().filter((p) => !decided.includes(p.name));
    this.stateProps = open.filter((p): p is StateProperty<Uint8Array> => !isTransitionProperty(p));
    this.transitionProps = open.filter((p): p is TransitionProperty<Uint8Array, A> => isTransitionProperty(p));
  }

  private stateDecides(s: Uint8Array): boolean {
    for (const p of this.stateProps) if (p.condition(s) !== (p.expectation === 'always')) return true;
    return false;
  }

  private transitionDecides(a: A): boolean {
    for (const p of this.transitionProps) if (p.transition(this.parent, a, this.scratch) !== (p.expectation === 'always')) return true;
    return false;
  }
}

/**
 * The commit phase for one thread: reads every thread's candidates in the
 * frontier's order (`segments`: thread, first record, count) and stores
 * those whose fingerprints fall in partition `part` of `parts`, flagging the
 * ones that were new. Each fingerprint belongs to one partition, read in
 * order by one thread, so its first occurrence is the one flagged.
 */
export function commitPartition(table: SharedFingerprintTable, records: readonly Int32Array[], segments: Int32Array, stride: number, part: number, parts: number): void {
  const base = stride - REC_EXTRA;
  for (let s = 0; s < segments.length; s += 3) {
    const rec = records[segments[s]!]!;
    const end = (segments[s + 1]! + segments[s + 2]!) * stride;
    for (let r = segments[s + 1]! * stride; r < end; r += stride) {
      const lo = rec[r + base + REC.lo]!;
      if ((lo >>> 0) % parts !== part) continue;
      rec[r + base + REC.fresh] = table.insert(rec[r + base + REC.hi]!, lo) ? 1 : 0;
    }
  }
}
