/**
 * The states waiting to be expanded. One exploration loop serves every
 * strategy; only the frontier changes: a FIFO queue gives breadth-first
 * search (shortest counterexamples), a stack depth-first search.
 *
 * Each entry carries its state's trace id, depth and 64-bit fingerprint
 * (`hi`, `lo`), so the explorer never re-hashes a state it takes out. `pop`
 * moves the next entry into the `state`, `id`, `depth`, `hi` and `lo` fields
 * rather than allocating a tuple per state.
 */
export interface Frontier<S> {
  push(state: S, id: number, depth: number, hi: number, lo: number): void;
  /** Takes the next entry into `state`, `id`, `depth`, `hi`, `lo`; false when empty. */
  pop(): boolean;
  readonly size: number;
  /** Bytes of the frontier's own buffers (not of the state objects it points to). */
  readonly bufferBytes: number;
  /** Calls `visit` with each entry's trace id, depth and fingerprint, oldest first (the order to push them back in); changes nothing. */
  entries(visit: (id: number, depth: number, hi: number, lo: number) => void): void;
  state: S | undefined;
  id: number;
  depth: number;
  /** High 32 bits of the popped state's fingerprint. */
  hi: number;
  /** Low 32 bits of the popped state's fingerprint. */
  lo: number;
}

/**
 * Parallel columns of (state, trace id, depth, fingerprint) in a power-of-two
 * ring; the two concrete frontiers differ only in which end `pop` takes from.
 */
abstract class ColumnFrontier<S> implements Frontier<S> {
  protected states: (S | undefined)[];
  /** Per entry: trace id, depth, fingerprint hi, fingerprint lo. */
  protected meta: Int32Array;
  protected head = 0;
  protected mask: number;
  size = 0;

  get bufferBytes(): number {
    return this.states.length * 8 + this.meta.byteLength;
  }
  state: S | undefined = undefined;
  id = 0;
  depth = 0;
  hi = 0;
  lo = 0;

  constructor(initialCapacity = 1 << 10) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.states = new Array<S | undefined>(cap).fill(undefined);
    this.meta = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  push(state: S, id: number, depth: number, hi: number, lo: number): void {
    if (this.size > this.mask) this.grow();
    const at = (this.head + this.size) & this.mask;
    this.states[at] = state;
    const m = at << 2;
    const meta = this.meta;
    meta[m] = id;
    meta[m + 1] = depth;
    meta[m + 2] = hi;
    meta[m + 3] = lo;
    this.size++;
  }

  abstract pop(): boolean;

  entries(visit: (id: number, depth: number, hi: number, lo: number) => void): void {
    for (let i = 0; i < this.size; i++) {
      const m = ((this.head + i) & this.mask) << 2;
      visit(this.meta[m]!, this.meta[m + 1]!, this.meta[m + 2]! >>> 0, this.meta[m + 3]! >>> 0);
    }
  }

  /** Moves entry `at` into the public fields and clears its state slot. */
  protected take(at: number): void {
    this.state = this.states[at];
    this.states[at] = undefined;
    const m = at << 2;
    const meta = this.meta;
    this.id = meta[m]!;
    this.depth = meta[m + 1]!;
    this.hi = meta[m + 2]! >>> 0;
    this.lo = meta[m + 3]! >>> 0;
    this.size--;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const states = new Array<S | undefined>(cap).fill(undefined);
    const meta = new Int32Array(cap * 4);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) & this.mask;
      states[i] = this.states[from];
      for (let f = 0; f < 4; f++) meta[(i << 2) + f] = this.meta[(from << 2) + f]!;
    }
    this.states = states;
    this.meta = meta;
    this.head = 0;
    this.mask = cap - 1;
  }
}

/** FIFO ring buffer of (state, trace id, depth, fingerprint): breadth-first order. */
export class QueueFrontier<S> extends ColumnFrontier<S> {
  pop(): boolean {
    if (this.size === 0) return false;
    const at = this.head;
    this.head = (at + 1) & this.mask;
    this.take(at);
    return true;
  }
}

/** LIFO stack of (state, trace id, depth, fingerprint): depth-first order. */
export class StackFrontier<S> extends ColumnFrontier<S> {
  pop(): boolean {
    if (this.size === 0) return false;
    this.take((this.head + this.size - 1) & this.mask);
    return true;
  }
}

/** How a `PackedFrontier` turns states into bytes and back (a model's `pack`/`unpack`). */
export interface Packer<S> {
  readonly packedBytes: number;
  pack(state: S, into: Uint8Array, offset: number): void;
  unpack(from: Uint8Array, offset: number, into: S): void;
}

/** Bytes a `PackedFrontier` block aims at: big enough that block changes are rare, small enough that a short run touches little memory. */
const PACKED_BLOCK_BYTES = 1 << 20;

/** One block of a `PackedFrontier`: `capacity` packed states and their (id, depth, hi, lo) words. */
interface PackedBlock {
  readonly bytes: Uint8Array;
  readonly meta: Int32Array;
}

/**
 * A frontier of fixed-size packed states (SPIN's way) in a queue of
 * fixed-size blocks: FIFO (breadth-first) or, with `lifo`, LIFO
 * (depth-first). A block the search has emptied goes to a pool and is
 * reused for new states, so the frontier's memory is touched once, up to
 * its peak size: no doubling, no copying, and no fresh pages (each a page
 * fault) for every level of a large breadth-first search. `pop` unpacks
 * into one state object owned by the frontier, so the popped `state` is
 * valid only until the next `pop`.
 */
export class PackedFrontier<S> implements Frontier<S> {
  /** The blocks holding entries `start` … `start + size − 1`, counted from the first block's first slot. */
  private readonly blocks: PackedBlock[] = [];
  /** Emptied blocks, reused before a new one is allocated. */
  private readonly pool: PackedBlock[] = [];
  private start = 0;
  /** log2 of the entries per block. */
  private readonly shift: number;
  private readonly slotMask: number;
  private readonly width: number;
  private readonly current: S;
  size = 0;
  state: S | undefined = undefined;
  id = 0;
  depth = 0;
  hi = 0;
  lo = 0;

  /** Bytes of the blocks allocated (in use and pooled). */
  get bufferBytes(): number {
    return this.blocksAllocated * (this.slotMask + 1) * (this.width + 16);
  }

  constructor(
    private readonly packer: Packer<S>,
    /** The object each `pop` overwrites. */
    current: S,
    private readonly lifo = false,
    blockBytes = PACKED_BLOCK_BYTES,
  ) {
    this.width = packer.packedBytes;
    let shift = 4;
    while ((2 << shift) * this.width <= blockBytes) shift++;
    this.shift = shift;
    this.slotMask = (1 << shift) - 1;
    this.current = current;
  }

  /** Entries a block holds. */
  get blockEntries(): number {
    return this.slotMask + 1;
  }

  /** Blocks allocated so far (in use and pooled): the frontier's memory is this many blocks. */
  get blocksAllocated(): number {
    return this.blocks.length + this.pool.length;
  }

  push(state: S, id: number, depth: number, hi: number, lo: number): void {
    const at = this.start + this.size;
    const b = at >>> this.shift;
    if (b === this.blocks.length) this.blocks.push(this.pool.pop() ?? this.newBlock());
    const block = this.blocks[b]!;
    const slot = at & this.slotMask;
    this.packer.pack(state, block.bytes, slot * this.width);
    const m = slot << 2;
    const meta = block.meta;
    meta[m] = id;
    meta[m + 1] = depth;
    meta[m + 2] = hi;
    meta[m + 3] = lo;
    this.size++;
  }

  pop(): boolean {
    if (this.size === 0) return false;
    const at = this.lifo ? this.start + this.size - 1 : this.start;
    const block = this.blocks[at >>> this.shift]!;
    const slot = at & this.slotMask;
    this.packer.unpack(block.bytes, slot * this.width, this.current);
    this.state = this.current;
    const m = slot << 2;
    const meta = block.meta;
    this.id = meta[m]!;
    this.depth = meta[m + 1]!;
    this.hi = meta[m + 2]! >>> 0;
    this.lo = meta[m + 3]! >>> 0;
    this.size--;
    if (!this.lifo) {
      this.start++;
      // The first block is used up: recycle it (the state just unpacked was copied out).
      if (this.start > this.slotMask) {
        this.pool.push(this.blocks.shift()!);
        this.start -= this.slotMask + 1;
      }
    } else if (this.blocks.length > ((this.start + this.size) >>> this.shift) + 2) {
      // Keep one spare block past the end, so a stack hovering at a block boundary does not shuttle blocks.
      this.pool.push(this.blocks.pop()!);
    }
    return true;
  }

  entries(visit: (id: number, depth: number, hi: number, lo: number) => void): void {
    for (let i = 0; i < this.size; i++) {
      const at = this.start + i;
      const meta = this.blocks[at >>> this.shift]!.meta;
      const m = (at & this.slotMask) << 2;
      visit(meta[m]!, meta[m + 1]!, meta[m + 2]! >>> 0, meta[m + 3]! >>> 0);
    }
  }

  private newBlock(): PackedBlock {
    const entries = this.slotMask + 1;
    return { bytes: new Uint8Array(entries * this.width), meta: new Int32Array(entries * 4) };
  }
}

/**
 * A frontier of fixed-size byte states (a model's `stateBytes`) kept as
 * 32-bit words in one flat ring: each entry is the state's bytes,
 * zero-padded to whole words, followed by its trace id, depth and
 * fingerprint, so a breadth-first run reads and writes it as one sequential
 * stream. FIFO (breadth-first) or, with `lifo`, LIFO (depth-first). `pop`
 * copies the entry into one word-aligned state owned by the frontier, so
 * the popped `state` is valid only until the next `pop`.
 */
export class WordFrontier implements Frontier<Uint8Array> {
  private ring: Int32Array;
  private head = 0;
  private mask: number;
  /** Words per state (the bytes rounded up), then 4 words of id, depth, hi, lo. */
  private readonly words: number;
  private readonly stride: number;
  /** The words of the popped state (the memory `state` views). */
  private readonly current: Int32Array;
  size = 0;

  get bufferBytes(): number {
    return this.ring.byteLength;
  }
  /** The popped state: a view of the frontier's own word-aligned buffer. */
  state: Uint8Array | undefined = undefined;
  id = 0;
  depth = 0;
  hi = 0;
  lo = 0;

  constructor(
    /** Bytes per state. */
    readonly bytes: number,
    private readonly lifo = false,
    initialCapacity = 1 << 12,
  ) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.words = (bytes + 3) >>> 2;
    this.stride = this.words + 4;
    this.ring = new Int32Array(cap * this.stride);
    this.mask = cap - 1;
    this.current = new Int32Array(this.words);
    this.state = new Uint8Array(this.current.buffer, 0, bytes);
  }

  /** Pushes a state given as a byte array (the slow path, for initial states). */
  push(state: Uint8Array, id: number, depth: number, hi: number, lo: number): void {
    const at = this.reserve();
    const ring = new Uint8Array(this.ring.buffer, at * 4, this.words * 4);
    ring.fill(0);
    ring.set(state.subarray(0, this.bytes));
    this.finishPush(at, id, depth, hi, lo);
  }

  /** Pushes the state held in `src[from .. from + words)` (zero-padded words, as `WordArena` keeps them). */
  pushWords(src: Int32Array, from: number, id: number, depth: number, hi: number, lo: number): void {
    const at = this.reserve();
    const ring = this.ring;
    const n = this.words;
    for (let i = 0; i < n; i++) ring[at + i] = src[from + i]!;
    this.finishPush(at, id, depth, hi, lo);
  }

  /** The ring offset of the next entry, growing the ring when full. */
  private reserve(): number {
    if (this.size > this.mask) this.grow();
    return ((this.head + this.size) & this.mask) * this.stride;
  }

  private finishPush(at: number, id: number, depth: number, hi: number, lo: number): void {
    const ring = this.ring;
    const m = at + this.words;
    ring[m] = id;
    ring[m + 1] = depth;
    ring[m + 2] = hi;
    ring[m + 3] = lo;
    this.size++;
  }

  pop(): boolean {
    if (this.size === 0) return false;
    let entry: number;
    if (this.lifo) {
      entry = (this.head + this.size - 1) & this.mask;
    } else {
      entry = this.head;
      this.head = (entry + 1) & this.mask;
    }
    const ring = this.ring;
    const at = entry * this.stride;
    const n = this.words;
    const current = this.current;
    for (let i = 0; i < n; i++) current[i] = ring[at + i]!;
    const m = at + n;
    this.id = ring[m]!;
    this.depth = ring[m + 1]!;
    this.hi = ring[m + 2]! >>> 0;
    this.lo = ring[m + 3]! >>> 0;
    this.size--;
    return true;
  }

  entries(visit: (id: number, depth: number, hi: number, lo: number) => void): void {
    const ring = this.ring;
    for (let i = 0; i < this.size; i++) {
      const m = ((this.head + i) & this.mask) * this.stride + this.words;
      visit(ring[m]!, ring[m + 1]!, ring[m + 2]! >>> 0, ring[m + 3]! >>> 0);
    }
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const s = this.stride;
    const ring = new Int32Array(cap * s);
    // Unroll the ring so the entries sit in order at the start of the new buffer.
    const n1 = Math.min(this.mask + 1 - this.head, this.size);
    ring.set(this.ring.subarray(this.head * s, (this.head + n1) * s), 0);
    if (this.size > n1) ring.set(this.ring.subarray(0, (this.size - n1) * s), n1 * s);
    this.ring = ring;
    this.head = 0;
    this.mask = cap - 1;
  }
}

/**
 * Scratch states for a model with `stateBytes`: `Uint8Array` views of one
 * word-aligned buffer, one per slot, each zero-padded to whole 32-bit words
 * (a view's bytes end where its padding starts, so a model never writes the
 * padding). `words` sees the same memory a word at a time: slot `j` is
 * `words[j * stride .. j * stride + stride)`.
 */
export class WordArena {
  words: Int32Array;
  views: Uint8Array[] = [];
  readonly stride: number;

  constructor(
    readonly bytes: number,
    capacity: number,
  ) {
    this.stride = (bytes + 3) >>> 2;
    this.words = new Int32Array(0);
    this.resize(capacity);
  }

  /** Makes room for `capacity` slots, keeping the contents of the existing ones (and invalidating their views). */
  resize(capacity: number): void {
    const words = new Int32Array(capacity * this.stride);
    words.set(this.words.subarray(0, Math.min(this.words.length, words.length)));
    this.words = words;
    this.views = [];
    for (let j = 0; j < capacity; j++) this.views.push(new Uint8Array(words.buffer, j * this.stride * 4, this.bytes));
  }
}
