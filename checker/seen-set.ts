import type { Encoder } from './fingerprint.ts';

/**
 * The set of fingerprints of the states stored so far. Storage sits behind
 * this interface (TLC's FPSet) so the exploration loop does not change when
 * it moves to shared memory or disk.
 */
export interface FingerprintSet {
  /** Adds the fingerprint in `encoder` (`hi`, `lo`); true when it was not there before. */
  add(encoder: Encoder): boolean;
  /** Number of fingerprints stored. */
  readonly size: number;
  /** Bytes held by the table. */
  readonly bytes: number;
  /** Distinct states whose fingerprints collided with a different state (only the checking set detects them). */
  readonly collisions: number;
}

const MAX_LOAD = 0.75;
const GROWTH = 1.5;
const TWO_POW_32 = 4294967296;

/**
 * Open-addressing set of 64-bit fingerprints in one `Uint32Array`
 * (`hi`, `lo` interleaved; 0:0 marks an empty slot, which fingerprints never
 * are). Linear probing from a slot chosen by multiply-shift on `hi`, so the
 * capacity need not be a power of two: the table grows by 1.5x at load 0.75
 * and so holds 8 to 16 bytes per state. With `shared`, the table lives in a
 * `SharedArrayBuffer`, ready for workers that share it.
 *
 * In front of the table sits a small direct-mapped cache of the
 * fingerprints most recently looked up (at most 2^14 of them, 128 KiB,
 * and at most 1/16 of the table's slots; indexed by `lo`, always private
 * to this thread). Every fingerprint in it is in the table, so a hit is a
 * duplicate found without touching the table: exploration revisits recent
 * states far more often than old ones (two interleavings of the same two
 * steps, taken from sibling states a few expansions apart), and a hit
 * costs a read from the core's own cache where a table probe costs a DRAM
 * miss (on uart-toy SIZE 12 about half of all lookups hit). A miss just
 * falls through to the table, so answers are exactly those of the table
 * alone. Its bytes are counted in `bytes`. `recentlyHas` reads it alone,
 * so the explorer drops most such duplicates as it makes them (about
 * 9.5 of the 14 million hits on uart-toy SIZE 12), before they are
 * batched, prefetched and inserted.
 */
export class OpenAddressingSet implements FingerprintSet {
  private table: Uint32Array;
  private capacity: number;
  private scale: number;
  private limit: number;
  size = 0;
  readonly collisions = 0;
  /** The words `prefetch` read, folded together (meaningless; it keeps the loads alive). */
  touched = 0;
  /** The recent-lookup cache: (`hi`, `lo`) pairs, 0:0 when empty. */
  private recent: Uint32Array;
  private recentMask: number;
  /** Scratch for `prefetch`: the table offsets to read. */
  private slots = new Int32Array(256);

  constructor(
    initialCapacity = 1 << 12,
    private readonly shared = false,
  ) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.table = this.allocate(this.capacity);
    this.scale = this.capacity / TWO_POW_32;
    this.limit = Math.floor(this.capacity * MAX_LOAD);
    this.recent = recentCache(this.capacity);
    this.recentMask = (this.recent.length >>> 1) - 1;
  }

  get bytes(): number {
    return this.table.byteLength + this.recent.byteLength;
  }

  /** True when the table's memory is a SharedArrayBuffer. */
  get isShared(): boolean {
    return this.table.buffer instanceof SharedArrayBuffer;
  }

  private allocate(capacity: number): Uint32Array {
    const bytes = capacity * 8;
    return new Uint32Array(this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  add(encoder: Encoder): boolean {
    return this.insert(encoder.hi, encoder.lo);
  }

  /** The table itself ((hi, lo) per slot; a checkpoint saves it): valid until the next insertion. */
  get tableWords(): Uint32Array {
    return this.table;
  }

  /** A set holding `table` (as `slots` gave it) with `size` fingerprints: exactly the set that was saved, the recent-lookup cache empty. */
  static restore(table: Uint32Array, size: number): OpenAddressingSet {
    const set = new OpenAddressingSet(16);
    set.table = table;
    set.capacity = table.length >>> 1;
    set.scale = set.capacity / TWO_POW_32;
    set.limit = Math.floor(set.capacity * MAX_LOAD);
    set.size = size;
    set.recent = recentCache(set.capacity);
    set.recentMask = (set.recent.length >>> 1) - 1;
    return set;
  }

  /**
   * True when the recent-lookup cache holds the fingerprint: it is then
   * certainly stored (a false answer says nothing). A read from the core's
   * own cache, so the explorer can drop most duplicates as it makes them,
   * before they cost anything more.
   */
  recentlyHas(hi: number, lo: number): boolean {
    const recent = this.recent;
    const r = (lo & this.recentMask) << 1;
    return recent[r] === hi && recent[r + 1] === lo;
  }

  /** Adds a fingerprint given as two unsigned 32-bit halves; true when it was not there before. */
  insert(hi: number, lo: number): boolean {
    const recent = this.recent;
    const r = (lo & this.recentMask) << 1;
    if (recent[r] === hi && recent[r + 1] === lo) return false;
    // Whatever the table says, the fingerprint is in it after this call.
    recent[r] = hi;
    recent[r + 1] = lo;
    const table = this.table;
    const capacity = this.capacity;
    let slot = (hi * this.scale) | 0;
    for (;;) {
      const i = slot << 1;
      const h = table[i]!;
      const l = table[i + 1]!;
      if (h === hi && l === lo) return false;
      if (h === 0 && l === 0) {
        table[i] = hi;
        table[i + 1] = lo;
        if (++this.size > this.limit) this.grow();
        return true;
      }
      if (++slot === capacity) slot = 0;
    }
  }

  /**
   * Reads the first table slot of each fingerprint in `his[from..to)` (their
   * `hi` halves). The explorer has already dropped the successors the
   * recent-lookup cache answers (`recentlyHas`), so nearly every one of
   * these reads is a miss worth starting early. The explorer calls this for a batch of successors before
   * inserting any of them, so their cache and TLB misses overlap instead of
   * stalling one after another (JavaScript has no prefetch instruction;
   * independent loads issued together are the next best thing). The words
   * read are folded into `touched`, so the loads are not optimized away.
   */
  prefetch(his: Uint32Array, from: number, to: number): void {
    if (this.slots.length < to - from) this.slots = new Int32Array(Math.max(to - from, this.slots.length * 2));
    const slots = this.slots;
    const scale = this.scale;
    // First the word offsets, then the loads alone, so that as many misses as the core can track are in flight together.
    const n = to - from;
    for (let j = 0; j < n; j++) slots[j] = ((his[from + j]! * scale) | 0) << 1;
    const table = this.table;
    let folded = this.touched;
    for (let j = 0; j < n; j++) folded ^= table[slots[j]!]!;
    this.touched = folded;
  }

  /** True when the fingerprint is stored. */
  has(hi: number, lo: number): boolean {
    const table = this.table;
    let slot = (hi * this.scale) | 0;
    for (;;) {
      const i = slot << 1;
      const h = table[i]!;
      const l = table[i + 1]!;
      if (h === hi && l === lo) return true;
      if (h === 0 && l === 0) return false;
      if (++slot === this.capacity) slot = 0;
    }
  }

  /**
   * Moves every fingerprint into a table 1.5 times larger. Slots are chosen
   * by multiply-shift on `hi`, which preserves order, so reading the old
   * table in order writes the new one almost in order too: the rehash
   * streams through memory instead of missing the cache on every entry.
   */
  private grow(): void {
    const old = this.table;
    const capacity = Math.ceil(this.capacity * GROWTH);
    const table = this.allocate(capacity);
    const scale = capacity / TWO_POW_32;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i]!;
      const l = old[i + 1]!;
      if (h === 0 && l === 0) continue;
      let slot = (h * scale) | 0;
      for (;;) {
        const j = slot << 1;
        if (table[j] === 0 && table[j + 1] === 0) {
          table[j] = h;
          table[j + 1] = l;
          break;
        }
        if (++slot === capacity) slot = 0;
      }
    }
    this.table = table;
    this.capacity = capacity;
    this.scale = scale;
    this.limit = Math.floor(capacity * MAX_LOAD);
    if (this.recent.length < recentCache(capacity).length) {
      this.recent = recentCache(capacity);
      this.recentMask = (this.recent.length >>> 1) - 1;
    }
  }
}

/** Most entries in the recent-lookup cache (2^14: 128 KiB, well inside a core's L2 cache; larger measured no faster). */
const RECENT_MAX = 1 << 14;

/** An empty recent-lookup cache for a table of `capacity` slots: a power of two entries, at most 1/16 of the slots and `RECENT_MAX`. */
function recentCache(capacity: number): Uint32Array {
  let entries = 16;
  while (entries * 2 <= Math.min(RECENT_MAX, capacity / 16)) entries *= 2;
  return new Uint32Array(entries * 2);
}

/**
 * Test mode: keeps every state's full encoding beside its fingerprint and
 * counts a collision whenever two different encodings share a fingerprint
 * (the colliding state is then treated as new, so exploration stays
 * exact). Memory grows with the encodings; use it on small configurations.
 */
export class CollisionCheckingSet implements FingerprintSet {
  private readonly encodings = new Map<string, string>();
  private readonly full = new Set<string>();
  collisions = 0;

  get size(): number {
    return this.full.size;
  }

  get bytes(): number {
    let total = 0;
    for (const e of this.full) total += e.length * 2;
    return total;
  }

  add(encoder: Encoder): boolean {
    const key = `${encoder.hi}:${encoder.lo}`;
    const encoding = Buffer.from(encoder.bytesView()).toString('latin1');
    if (this.full.has(encoding)) return false;
    const previous = this.encodings.get(key);
    if (previous !== undefined && previous !== encoding) this.collisions++;
    else this.encodings.set(key, encoding);
    this.full.add(encoding);
    return true;
  }
}

/**
 * The probability that at least one fingerprint collision went undetected
 * (TLC's estimate): d·(g−d)/2^64 for d distinct and g generated states.
 */
export function collisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(0, generated - distinct)) / 2 ** 64;
}
