import { Encoder } from '../fingerprint.ts';
import { isTransitionProperty, type Model, type StateProperty, type TransitionProperty } from '../model.ts';
import { codecOf, type Codec } from './codec.ts';
import { CTL, REC, REC_EXTRA, RecordBuffer, type Expanded } from './layout.ts';
import { type SharedFingerprintTable } from './shared-table.ts';

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
 * states can live in shared memory (see `Codec`): its own model instance,
 * encoder, codec (with its parent and child states) and output buffer,
 * reused level after level.
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
export class LevelWorker<S, A> {
  private readonly encoder = new Encoder();
  private readonly codec: Codec<S>;
  private readonly words: number;
  private readonly actions: A[] = [];
  readonly out: RecordBuffer;
  /**
   * Fingerprints this thread knows the table holds or will hold after this
   * level's commit (found there, or output as candidates), direct-mapped by
   * `lo`: a hit is a duplicate dropped before any table read. Dropping a
   * candidate this thread already output is sound because a thread claims
   * chunks in increasing order, so its earlier occurrence comes first.
   */
  private readonly known = new Int32Array(KNOWN_ENTRIES * 2);
  private stateProps: StateProperty<S>[] = [];
  private transitionProps: TransitionProperty<S, A>[] = [];

  constructor(
    private readonly model: Model<S, A>,
    /** Called after each chunk; true raises the abort word (the coordinator's interrupt and time checks). */
    private readonly poll?: () => boolean,
  ) {
    this.codec = codecOf(model);
    this.words = this.codec.words;
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
    const codec = this.codec;
    const known = this.known;
    const parent = codec.parent;
    const child = codec.child;
    let generated = 0;
    out.clear();
    try {
      for (;;) {
        const c = Atomics.add(ctl, CTL.cursor, 1);
        if (c >= nChunks || Atomics.load(ctl, CTL.event) !== 0 || Atomics.load(ctl, CTL.abort) !== 0) break;
        const first = out.size;
        const end = Math.min(job.count, (c + 1) * job.chunk);
        for (let p = c * job.chunk; p < end; p++) {
          codec.loadParent(frontier, p * stride);
          if (this.stateDecides(parent)) return this.raise(ctl, segments, generated, evaluated);
          actions.length = 0;
          model.actions(parent, actions);
          for (let k = 0; k < actions.length; k++) {
            const a = actions[k]!;
            if (!fast.nextInto(parent, a, child)) continue;
            if (hasBounds && !model.withinBounds!(child)) continue;
            generated++;
            const kind = coverage !== undefined ? coverage.kindOf(a) : -1;
            if (kind >= 0) evaluated[kind]!++;
            if (this.transitionDecides(a)) return this.raise(ctl, segments, generated, evaluated);
            codec.fingerprintChild(encoder);
            const hi = encoder.hi | 0;
            const lo = encoder.lo | 0;
            const slot = (lo & (KNOWN_ENTRIES - 1)) << 1;
            if (known[slot] === hi && known[slot + 1] === lo) continue;
            known[slot] = hi;
            known[slot + 1] = lo;
            if (job.table.has(hi, lo)) continue;
            const r = out.append();
            const rec = out.words;
            codec.storeChild(rec, r);
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
    this.stateProps = open.filter((p): p is StateProperty<S> => !isTransitionProperty(p));
    this.transitionProps = open.filter((p): p is TransitionProperty<S, A> => isTransitionProperty(p));
  }

  private stateDecides(s: S): boolean {
    for (const p of this.stateProps) if (p.condition(s) !== (p.expectation === 'always')) return true;
    return false;
  }

  private transitionDecides(a: A): boolean {
    for (const p of this.transitionProps) if (p.transition(this.codec.parent, a, this.codec.child) !== (p.expectation === 'always')) return true;
    return false;
  }
}

/** Entries of a thread's cache of known fingerprints (2^14: 128 KiB, within a core's L2 cache). */
const KNOWN_ENTRIES = 1 << 14;

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
