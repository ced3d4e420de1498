import { Encoder } from '../fingerprint.ts';
import type { Model } from '../model.ts';
import { codecOf, type Codec } from './codec.ts';
import { chunkRow, CHUNK, CTL, FRONT, FRONT_EXTRA, partOf, REC, REC_EXTRA, SharedWords } from './layout.ts';
import { SharedFingerprintTable } from './shared-table.ts';
import { warmUp } from './warm-up.ts';
import { Watched } from './watched.ts';

/** What a thread needs to expand one level: the frontier (entries of `FRONT`) and how it is cut. */
export interface ExpandJob {
  readonly frontier: Int32Array;
  readonly count: number;
  /** Parents per chunk. */
  readonly chunk: number;
  /** Partitions of the fingerprints (see `partOf`). */
  readonly parts: number;
  /** Names of the properties decided so far: the others are watched. */
  readonly decided: readonly string[];
  /** Empty the cache of known fingerprints first (after a level redone on one thread). */
  readonly forget: boolean;
}

/** One thread's output of an expand phase. */
export interface Expanded {
  /** The candidates (records of `REC`), in the order of the chunks this thread claimed. */
  readonly records: Int32Array;
  /** Their fingerprints (`hi`, `lo` pairs), grouped by chunk, then by partition. */
  readonly entries: Int32Array;
  /** One row per chunk claimed, of `runRow(parts)` words: the chunk, its first and end record, then per partition the first entry and the count. */
  readonly runs: Int32Array;
  readonly candidates: number;
  readonly generated: number;
  readonly evaluated: readonly number[];
  /** Witnesses reached: (index in `model.properties()`, parent's index in the frontier, step or -1 for the state itself) triples, the first of each property in this thread's order. */
  readonly witnesses: readonly number[];
}

/** The commit phase: the level's chunk table (rows of `chunkRow(parts)`) and every thread's fingerprint entries. */
export interface CommitJob {
  readonly table: SharedArrayBuffer;
  readonly chunks: Int32Array;
  readonly count: number;
  readonly parts: number;
  readonly entries: readonly Int32Array[];
  /** Filled: the new states of each (chunk, partition) pair, at `chunk * parts + part`. */
  readonly winners: Int32Array;
}

/** The append phase: where the new states go (the next frontier, from `bases[chunk]` on) and the trace records reserved for them. */
export interface AppendJob {
  readonly next: Int32Array;
  readonly bases: Int32Array;
  readonly parents: Int32Array;
  readonly steps: Int32Array;
  /** Trace id of the next frontier's first entry. */
  readonly traceBase: number;
  /** New states of the level in all (where the last chunk's end). */
  readonly total: number;
}

/** What a thread appended: the new states per coverage kind, and how many of its chunks ended elsewhere than the next chunk's base (0 unless the phases disagree: a bug). */
export interface Appended {
  readonly fresh: number[];
  readonly misplaced: number;
}

/** Words of a row of `Expanded.runs`. */
export function runRow(parts: number): number {
  return 3 + 2 * parts;
}

/** Fingerprints a commit thread prefetches together. */
const PREFETCH = 64;

/**
 * One thread's share of a parallel breadth-first level, for a model whose
 * states can live in shared memory (see `Codec`): its own model instance,
 * encoder, codec (with its parent and child states) and output buffers,
 * reused level after level. A level is three phases, each ended by a
 * barrier:
 *
 * 1. expand: the thread claims chunks of the frontier (an atomic cursor)
 *    and writes every successor it cannot rule out as a candidate record
 *    (state, parent's trace id, action, coverage kind, fingerprint), and
 *    the fingerprint a second time, into a list grouped by partition. It
 *    never touches the shared table; the only duplicates it drops are
 *    self-loops and the fingerprints its own recent-lookup cache holds.
 * 2. commit: the threads claim partitions of the fingerprints; for each, a
 *    thread walks the level's chunks in frontier order and inserts that
 *    partition's fingerprints into the table (one table operation per
 *    candidate, prefetched in batches), marking each entry new or not.
 *    Every occurrence of a fingerprint is in one partition, read in order
 *    by one thread, so the first occurrence, and only it, is marked new,
 *    whatever the threads' timing.
 * 3. append: each thread copies the new states of the chunks it expanded,
 *    in order, to their places in the next frontier (which the
 *    coordinator computed from the counts of phase 2) and fills their trace
 *    records.
 */
export class LevelWorker<S, A> {
  private readonly encoder = new Encoder();
  private readonly codec: Codec<S>;
  private readonly words: number;
  private readonly actions: A[] = [];
  // The buffers start at their least, so that their growth code runs in the first level, before the JIT optimizes
  // `expand` (code never run is compiled as a bail-out, and the first growth would then throw the optimized code away).
  private readonly records = new SharedWords(1);
  private readonly entries = new SharedWords(1);
  /** Per record of the level, the partition of its fingerprint. */
  private partOfRecord: Uint8Array = new Uint8Array(1);
  /** The current chunk's fingerprints (`hi`, `lo` pairs), before they are grouped by partition. */
  private staged: Int32Array = new Int32Array(1);
  private runs = new Int32Array(1);
  private runWords = 0;
  private parts = 1;
  /**
   * Fingerprints this thread knows the table holds or will hold after this
   * level's commit (all it has generated), direct-mapped by `lo`: a hit is
   * a duplicate dropped at once. Dropping one this thread output earlier
   * in the level is sound because a thread claims chunks in increasing
   * order, so its earlier occurrence comes first.
   */
  private readonly known = new Int32Array(KNOWN_ENTRIES * 2);
  /** The properties this thread checks in the current level. */
  private readonly watched: Watched<S, A>;
  private slots: Int32Array = new Int32Array(PREFETCH);

  constructor(
    private readonly model: Model<S, A>,
    /** Called after each chunk; true raises the abort word (the coordinator's interrupt and time checks). */
    private readonly poll?: () => boolean,
  ) {
    this.codec = codecOf(model);
    this.watched = new Watched(model, this.codec);
    this.words = this.codec.words;
    warmUp(model, this.codec, this.actions, this.encoder);
  }

  /**
   * Claims chunks of `job` through the control block's cursor and expands
   * them, until none is left or the event or abort word is raised. Raises
   * the event word itself when an invariant would be violated or a step
   * throws: the level is then redone on one thread. A witness reached is
   * only noted (`Expanded.witnesses`: this thread's first parent, and step,
   * reaching it) and no longer watched by this thread: the coordinator
   * takes the first over all threads, the one the sequential order meets.
   */
  expand(job: ExpandJob, ctl: Int32Array): Expanded {
    const watched = this.watched;
    watched.watch(job.decided);
    if (job.forget) this.known.fill(0);
    const model = this.model;
    const fast = model.fast!;
    const hasBounds = model.withinBounds !== undefined;
    const coverage = model.coverage;
    const evaluated = new Array<number>(coverage?.kinds.length ?? 0).fill(0);
    const words = this.words;
    const frontStride = words + FRONT_EXTRA;
    const recStride = words + REC_EXTRA;
    const frontier = job.frontier;
    const parts = job.parts;
    const nChunks = Math.ceil(job.count / job.chunk);
    const encoder = this.encoder;
    const actions = this.actions;
    const codec = this.codec;
    const known = this.known;
    const parent = codec.parent;
    const child = codec.child;
    const counts = new Int32Array(parts);
    const cursors = new Int32Array(parts);
    const row = runRow(parts);
    let records = this.records.words;
    let partOfRecord = this.partOfRecord;
    let staged = this.staged;
    let nRecords = 0;
    let nEntries = 0;
    let generated = 0;
    this.parts = parts;
    this.runWords = 0;
    const raise = (): Expanded => {
      Atomics.store(ctl, CTL.event, 1);
      return this.expanded(nRecords, generated, evaluated);
    };
    try {
      for (;;) {
        const c = Atomics.add(ctl, CTL.cursor, 1);
        if (c >= nChunks || Atomics.load(ctl, CTL.event) !== 0 || Atomics.load(ctl, CTL.abort) !== 0) break;
        const first = nRecords;
        counts.fill(0);
        const end = Math.min(job.count, (c + 1) * job.chunk);
        for (let p = c * job.chunk; p < end; p++) {
          const at = p * frontStride;
          codec.loadParent(frontier, at);
          const parentId = frontier[at + words + FRONT.id]!;
          // A successor with the parent's own fingerprint (a self-loop) is stored already.
          const selfHi = frontier[at + words + FRONT.hi]!;
          const selfLo = frontier[at + words + FRONT.lo]!;
          if (watched.stateDecides(parent, p)) return raise();
          while (actions.length > 0) actions.pop();
          model.actions(parent, actions);
          const n = actions.length;
          if ((nRecords + n) * recStride > records.length) records = this.records.ensure((nRecords + n) * recStride, nRecords * recStride);
          if (nRecords + n > partOfRecord.length) partOfRecord = this.partOfRecord = grownBytes(partOfRecord, nRecords + n);
          if ((nRecords - first + n) * 2 > staged.length) staged = this.staged = grownWords(staged, (nRecords - first + n) * 2);
          for (let k = 0; k < n; k++) {
            const a = actions[k]!;
            if (!fast.nextInto(parent, a, child)) continue;
            if (hasBounds && !model.withinBounds!(child)) continue;
            generated++;
            const kind = coverage !== undefined ? coverage.kindOf(a) : -1;
            if (kind >= 0) evaluated[kind]!++;
            if (watched.transitionProps.length > 0 && watched.transitionDecides(a, p, k)) return raise();
            codec.fingerprintChild(encoder);
            const hi = encoder.hi | 0;
            const lo = encoder.lo | 0;
            if (hi === selfHi && lo === selfLo) continue;
            const slot = (lo & (KNOWN_ENTRIES - 1)) << 1;
            if (known[slot] === hi && known[slot + 1] === lo) continue;
            known[slot] = hi;
            known[slot + 1] = lo;
            const r = nRecords * recStride;
            codec.storeChild(records, r);
            records[r + words + REC.parent] = parentId;
            records[r + words + REC.step] = k;
            records[r + words + REC.kind] = kind;
            records[r + words + REC.hi] = hi;
            records[r + words + REC.lo] = lo;
            const q = partOf(hi, parts);
            counts[q]!++;
            partOfRecord[nRecords] = q;
            staged[(nRecords - first) << 1] = hi;
            staged[((nRecords - first) << 1) + 1] = lo;
            nRecords++;
          }
        }
        // The chunk's fingerprints, grouped by partition (a counting sort), so that each commit thread reads only its own.
        const entries = this.entries.ensure((nEntries + nRecords - first) * 2, nEntries * 2);
        if (this.runWords + row > this.runs.length) {
          const runs = new Int32Array(Math.max(this.runs.length * 2, this.runWords + row));
          runs.set(this.runs);
          this.runs = runs;
        }
        const runs = this.runs;
        const o = this.runWords;
        runs[o] = c;
        runs[o + 1] = first;
        runs[o + 2] = nRecords;
        let e = nEntries;
        for (let q = 0; q < parts; q++) {
          runs[o + 3 + 2 * q] = e;
          runs[o + 4 + 2 * q] = counts[q]!;
          cursors[q] = e;
          e += counts[q]!;
        }
        this.runWords += row;
        for (let r = first; r < nRecords; r++) {
          const to = cursors[partOfRecord[r]!]!++ << 1;
          const from = (r - first) << 1;
          entries[to] = staged[from]!;
          entries[to + 1] = staged[from + 1]!;
        }
        nEntries = e;
        if (this.poll !== undefined && this.poll()) Atomics.store(ctl, CTL.abort, 1);
      }
    } catch {
      return raise();
    }
    return this.expanded(nRecords, generated, evaluated);
  }

  private expanded(candidates: number, generated: number, evaluated: readonly number[]): Expanded {
    return {
      records: this.records.words,
      entries: this.entries.words,
      runs: this.runs.slice(0, this.runWords),
      candidates,
      generated,
      evaluated,
      witnesses: this.watched.witnesses,
    };
  }

  /**
   * Claims partitions through the control block's cursor and, for each,
   * inserts its fingerprints into the table in the frontier's order (chunk
   * by chunk), overwriting each entry's first word with 1 when it was new,
   * 0 when not, and counting the new ones per chunk. Returns the new
   * fingerprints whose high word the table stores under another key (`hi`,
   * `lo` pairs; see `RunState.remapped`).
   */
  commit(job: CommitJob, ctl: Int32Array): number[] {
    const remapped: number[] = [];
    const table = new SharedFingerprintTable(job.table);
    const { chunks, count, parts, winners } = job;
    // A fresh array, so that the JIT sees one kind of array here whatever the job's came from (a message or this thread).
    const entries: Int32Array[] = [];
    for (const list of job.entries) entries.push(list);
    const row = chunkRow(parts);
    for (;;) {
      const q = Atomics.add(ctl, CTL.cursor, 1);
      if (q >= parts) break;
      for (let c = 0; c < count; c++) {
        const at = c * row;
        const list = entries[chunks[at + CHUNK.owner]!]!;
        const first = chunks[at + CHUNK.parts + 2 * q]!;
        const end = first + chunks[at + CHUNK.parts + 2 * q + 1]!;
        let fresh = 0;
        for (let from = first; from < end; from += PREFETCH) {
          const to = Math.min(end, from + PREFETCH);
          if (to - from > 1) this.slots = table.prefetch(list, from, to, this.slots);
          for (let e = from; e < to; e++) {
            const hi = list[2 * e]!;
            const isNew = table.insertOwned(hi, list[2 * e + 1]!);
            list[2 * e] = isNew ? 1 : 0;
            if (!isNew) continue;
            fresh++;
            if (hi === 0 || hi === -1) remapped.push(hi, list[2 * e + 1]!);
          }
        }
        winners[c * parts + q] = fresh;
      }
    }
    return remapped;
  }

  /** Writes the new states of the chunks this thread expanded to the next frontier and the trace. */
  append(job: AppendJob): Appended {
    const words = this.words;
    const frontStride = words + FRONT_EXTRA;
    const recStride = words + REC_EXTRA;
    const parts = this.parts;
    const row = runRow(parts);
    const records = this.records.words;
    const entries = this.entries.words;
    const partOfRecord = this.partOfRecord;
    const runs = this.runs;
    const { next, bases, parents, steps, traceBase } = job;
    const fresh = new Array<number>(this.model.coverage?.kinds.length ?? 0).fill(0);
    const cursors = new Int32Array(parts);
    let misplaced = 0;
    for (let o = 0; o < this.runWords; o += row) {
      for (let q = 0; q < parts; q++) cursors[q] = runs[o + 3 + 2 * q]!;
      const c = runs[o]!;
      let dest = bases[c]!;
      const end = runs[o + 2]!;
      for (let r = runs[o + 1]!; r < end; r++) {
        if (entries[cursors[partOfRecord[r]!]!++ << 1] !== 1) continue;
        const at = r * recStride;
        const to = dest * frontStride;
        for (let w = 0; w < words; w++) next[to + w] = records[at + w]!;
        const id = traceBase + dest;
        next[to + words + FRONT.id] = id;
        next[to + words + FRONT.hi] = records[at + words + REC.hi]!;
        next[to + words + FRONT.lo] = records[at + words + REC.lo]!;
        parents[id] = records[at + words + REC.parent]!;
        steps[id] = records[at + words + REC.step]!;
        const kind = records[at + words + REC.kind]!;
        if (kind >= 0) fresh[kind]!++;
        dest++;
      }
      // The commit counted this chunk's new states: they must end where the next chunk's begin.
      if (dest !== (c + 1 < bases.length ? bases[c + 1]! : job.total)) misplaced++;
    }
    return { fresh, misplaced };
  }
}

function grownBytes(from: Uint8Array, length: number): Uint8Array {
  const to = new Uint8Array(Math.max(length, from.length * 2));
  to.set(from);
  return to;
}

function grownWords(from: Int32Array, length: number): Int32Array {
  const to = new Int32Array(Math.max(length, from.length * 2));
  to.set(from);
  return to;
}

/**
 * Entries of a thread's cache of known fingerprints (2^14: 128 KiB, within a core's L2 cache, as the sequential
 * explorer's recent-lookup cache). With 2^17 (1 MiB) every lookup of the 31.6 million on uart-toy SIZE 12 tended to
 * miss the L2 cache: on 2026-12-02, CPU samples of the expand phase fell from 4,200-4,300 to 2,400-2,600 with 2^14,
 * the commit phase rose from ~1,150 to 1,480-1,640 (more candidates reach it), and the explorer's samples against the
 * model's (its step and hashing, the same work in every variant) went from 2.08-2.13 to 1.86; 2^13 was no better,
 * 2^12 worse. Argo's default impl on two threads: 34.3-35.3 s against 36.2-38.3 s. (An earlier day had measured
 * Argo 6 % faster with 2^17, uart-toy no different.)
 */
const KNOWN_ENTRIES = 1 << 14;

/** Moves share `part` of `parts` of the fingerprints of `from` into `to` (a growth of the table, shared among the threads); returns those left for `placeRest`. */
export function rehashPart(from: SharedArrayBuffer, to: SharedArrayBuffer, part: number, parts: number): number[] {
  return new SharedFingerprintTable(from).moveShareInto(new SharedFingerprintTable(to), part, parts);
}
