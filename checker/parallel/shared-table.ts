/**
 * A lock-free set of 64-bit fingerprints in a `SharedArrayBuffer`, shared by
 * the threads of a parallel exploration (TLC's FPSet, Stern and Dill's
 * shared hash table): two 32-bit words per slot, linear probing from a slot
 * chosen by multiply-shift on the high word, no BigInt.
 *
 * A slot's first word is its key word: 0 while the slot is empty, `BUSY`
 * while one thread is writing it, then the fingerprint's high word for
 * ever after (slots are never deleted). `insert` reads a slot before trying
 * to claim it, claims an empty one with `Atomics.compareExchange` (0 to
 * `BUSY`), writes the low word, then publishes the key word; a reader that
 * meets `BUSY` waits the two stores it takes to be published, so a
 * fingerprint is never stored twice and never lost. Since 0 and `BUSY` mark
 * the states of a slot, the high words 0 and `BUSY` are stored as 1 and
 * `BUSY - 1`: two pairs of fingerprints share a key, which adds 2^-32 to
 * the chance that any given pair collides (negligible beside the 64-bit
 * collision probability the summary reports). Grows only between phases of
 * the exploration (`moveShareInto`, `grownTo`).
 */
export class SharedFingerprintTable {
  readonly words: Int32Array;
  readonly capacity: number;
  private readonly scale: number;
  /** The words `prefetch` read, folded together (meaningless; it keeps the loads alive). */
  touched = 0;

  /** A table over `buffer` (made by `allocate`, possibly in another thread). */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
    this.capacity = this.words.length >>> 1;
    this.scale = this.capacity / TWO_POW_32;
  }

  /** An empty table of `capacity` slots (8 bytes each). */
  static allocate(capacity: number): SharedFingerprintTable {
    return new SharedFingerprintTable(new SharedArrayBuffer(Math.max(16, Math.ceil(capacity)) * 8));
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  /**
   * Adds the fingerprint (`hi`, `lo`, unsigned or signed halves); true when
   * no thread had added it before. Safe from any number of threads at once.
   * Throws when it has probed every slot: the table is full, which its
   * owner must never let happen (an error instead of probing forever).
   */
  insert(hi: number, lo: number): boolean {
    const t = this.words;
    const key = keyOf(hi);
    const low = lo | 0;
    const capacity = this.capacity;
    let slot = ((key >>> 0) * this.scale) | 0;
    for (let probes = 0; ; probes++) {
      if (probes === capacity) throw new TableFull(`the shared fingerprint table is full (${capacity} slots): it was not grown in time`);
      const i = slot << 1;
      let w = Atomics.load(t, i);
      if (w === EMPTY) {
        w = Atomics.compareExchange(t, i, EMPTY, BUSY);
        if (w === EMPTY) {
          Atomics.store(t, i + 1, low);
          Atomics.store(t, i, key);
          return true;
        }
      }
      while (w === BUSY) w = Atomics.load(t, i);
      if (w === key && Atomics.load(t, i + 1) === low) return false;
      if (++slot === capacity) slot = 0;
    }
  }

  /**
   * `insert` for a thread that owns the fingerprint: while it runs, no other
   * thread inserts this fingerprint (they may insert others, into the same
   * slots). The commit phase guarantees this (each fingerprint's partition
   * is read by one thread). A slot is then read with plain loads (an atomic
   * load costs V8 about 8 ns, and most probes find a duplicate): a key word
   * never changes once published, so a plain read that sees another key
   * rules the slot out, and a slot this thread, or a thread before the
   * phase began, wrote is read exactly. Only a slot another thread is
   * publishing meanwhile can show a stale low word, which is 0 (slots are
   * never reused), and that slot holds another fingerprint: so a plain
   * match is certain unless the low word sought is 0, and then, or when the
   * slot is empty or busy, the atomic protocol of `insert` decides. The low
   * word is written plainly before the key is published atomically, which
   * orders it for every thread that reads the key atomically.
   */
  insertOwned(hi: number, lo: number): boolean {
    const t = this.words;
    const key = keyOf(hi);
    const low = lo | 0;
    const capacity = this.capacity;
    let slot = ((key >>> 0) * this.scale) | 0;
    for (; ; slot = slot + 1 === capacity ? 0 : slot + 1) {
      const i = slot << 1;
      const seen = t[i]!;
      if (seen === key) {
        const v = t[i + 1]!;
        if (v !== low) continue;
        if (low !== 0) return false;
      } else if (seen !== EMPTY && seen !== BUSY) {
        continue;
      }
      let w = Atomics.load(t, i);
      if (w === EMPTY) {
        w = Atomics.compareExchange(t, i, EMPTY, BUSY);
        if (w === EMPTY) {
          t[i + 1] = low;
          Atomics.store(t, i, key);
          return true;
        }
      }
      while (w === BUSY) w = Atomics.load(t, i);
      if (w === key && Atomics.load(t, i + 1) === low) return false;
    }
  }

  /** True when the fingerprint is stored. Exact while no thread inserts (between phases); during inserts, a fingerprint being added may be missed. */
  has(hi: number, lo: number): boolean {
    const t = this.words;
    const key = keyOf(hi);
    const low = lo | 0;
    const capacity = this.capacity;
    let slot = ((key >>> 0) * this.scale) | 0;
    for (;;) {
      const i = slot << 1;
      const w = t[i]!;
      if (w === EMPTY) return false;
      if (w === key && t[i + 1] === low) return true;
      if (++slot === capacity) slot = 0;
    }
  }

  /**
   * Reads the first slot of each fingerprint of `pairs` (`hi`, `lo` pairs)
   * `from .. to` before they are inserted, so that their cache misses
   * overlap instead of stalling one after another (see
   * `OpenAddressingSet.prefetch`). `slots` is scratch space; returns it,
   * grown when it was too small.
   */
  prefetch(pairs: Int32Array, from: number, to: number, slots: Int32Array): Int32Array {
    const n = to - from;
    const offsets = slots.length >= n ? slots : new Int32Array(n);
    const scale = this.scale;
    for (let j = 0; j < n; j++) offsets[j] = (((keyOf(pairs[(from + j) << 1]!) >>> 0) * scale) | 0) << 1;
    const t = this.words;
    let folded = this.touched;
    for (let j = 0; j < n; j++) folded ^= t[offsets[j]!]!;
    this.touched = folded;
    return offsets;
  }

  /**
   * One thread's share of a growth into `to` (empty, and read by no thread
   * meanwhile): moves the fingerprints whose home slot in `to` lies in the
   * `part`-th of `parts` equal ranges of its slots. That range is this
   * thread's alone, so it is written with plain stores (no claim: an atomic
   * costs V8 about 10 ns a fingerprint). A fingerprint whose probe would run
   * past the range's end is returned instead (key, low pairs), for
   * `placeRest` once every share is done.
   *
   * Only the source slots that can hold such fingerprints are read: the
   * home slot is monotonic in the key in both tables, so they lie from the
   * range's first home in this table (less a rounding margin) to the first
   * empty slot after its last home, plus the cluster that wraps round to
   * slot 0 when that end is reached.
   */
  moveShareInto(to: SharedFingerprintTable, part: number, parts: number): number[] {
    const first = Math.floor((to.capacity * part) / parts);
    const end = Math.floor((to.capacity * (part + 1)) / parts);
    const rest: number[] = [];
    const from = this.words;
    const ratio = this.capacity / to.capacity;
    const scanFirst = Math.max(0, Math.floor(first * ratio) - 2);
    let scanEnd = Math.min(this.capacity, Math.ceil(end * ratio) + 2);
    while (scanEnd < this.capacity && from[scanEnd << 1] !== EMPTY) scanEnd++;
    this.moveRange(scanFirst, scanEnd, to, first, end, rest);
    if (scanEnd === this.capacity) {
      let wrapEnd = 0;
      while (wrapEnd < scanFirst && from[wrapEnd << 1] !== EMPTY) wrapEnd++;
      this.moveRange(0, wrapEnd, to, first, end, rest);
    }
    return rest;
  }

  /** Moves the fingerprints of source slots `scanFirst .. scanEnd` whose home in `to` is in `first .. end` (see `moveShareInto`). */
  private moveRange(scanFirst: number, scanEnd: number, to: SharedFingerprintTable, first: number, end: number, rest: number[]): void {
    const from = this.words;
    const t = to.words;
    const scale = to.scale;
    for (let i = scanFirst << 1; i < scanEnd << 1; i += 2) {
      const key = from[i]!;
      if (key === EMPTY) continue;
      let slot = ((key >>> 0) * scale) | 0;
      if (slot < first || slot >= end) continue;
      while (slot < end && t[slot << 1] !== EMPTY) slot++;
      if (slot === end) {
        rest.push(key, from[i + 1]!);
        continue;
      }
      t[slot << 1] = key;
      t[(slot << 1) + 1] = from[i + 1]!;
    }
  }

  /** Places the fingerprints `moveShareInto` returned (key, low pairs), after every share of the growth is done, on one thread. */
  placeRest(rest: readonly number[]): void {
    const t = this.words;
    for (let k = 0; k < rest.length; k += 2) {
      let slot = ((rest[k]! >>> 0) * this.scale) | 0;
      while (t[slot << 1] !== EMPTY) if (++slot === this.capacity) slot = 0;
      t[slot << 1] = rest[k]!;
      t[(slot << 1) + 1] = rest[k + 1]!;
    }
  }

  /** Number of fingerprints stored (a scan: for tests and checkpoints, not the hot path). */
  count(): number {
    let n = 0;
    for (let i = 0; i < this.words.length; i += 2) if (this.words[i] !== EMPTY) n++;
    return n;
  }

  /** A table of `capacity` slots holding the same fingerprints. Call it on one thread, while no other uses the table. */
  grownTo(capacity: number): SharedFingerprintTable {
    const next = SharedFingerprintTable.allocate(capacity);
    next.placeRest(this.moveShareInto(next, 0, 1));
    return next;
  }
}

const TWO_POW_32 = 4294967296;
const EMPTY = 0;
const BUSY = -1;

/** The key word stored for high word `hi`: never `EMPTY` nor `BUSY`. */
/** A lookup in a full table: a bug of the table's owner, never the model's. */
export class TableFull extends Error {
  override name = 'TableFull';
}

function keyOf(hi: number): number {
  const h = hi | 0;
  return h === EMPTY ? 1 : h === BUSY ? BUSY - 1 : h;
}
