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
