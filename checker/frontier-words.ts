import type { Frontier } from './frontier.ts';

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
