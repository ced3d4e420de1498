// checker/fingerprint.ts
var Encoder = class {
  buf;
  view;
  /** A byte range not yet copied into `buf`: the whole encoding so far, when set. */
  src = void 0;
  srcStart = 0;
  /** Bytes written since the last `reset`. */
  length = 0;
  /** High 32 bits of the last fingerprint (unsigned). */
  hi = 0;
  /** Low 32 bits of the last fingerprint (unsigned). */
  lo = 0;
  constructor(initialBytes = 256) {
    const size = Math.max(16, initialBytes + 3 & ~3);
    this.buf = new Uint8Array(size);
    this.view = new Int32Array(this.buf.buffer);
  }
  reset() {
    this.length = 0;
    this.src = void 0;
  }
  /** The encoding written since the last reset (a view: copy it to keep it). */
  bytesView() {
    if (this.src !== void 0) this.materialize();
    return this.buf.subarray(0, this.length);
  }
  /** Copies the pending source range into the buffer. */
  materialize() {
    const src = this.src;
    const start = this.srcStart;
    const n = this.length;
    this.src = void 0;
    this.length = 0;
    if (n + 4 > this.buf.length) this.grow(n);
    this.buf.set(src.subarray(start, start + n), 0);
    this.length = n;
  }
  grow(extra) {
    let size = this.buf.length * 2;
    while (size < this.length + extra + 4) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new Int32Array(next.buffer);
  }
  u8(value) {
    if (this.src !== void 0) this.materialize();
    if (this.length + 1 > this.buf.length - 4) this.grow(1);
    this.buf[this.length++] = value;
  }
  u16(value) {
    if (this.src !== void 0) this.materialize();
    if (this.length + 2 > this.buf.length - 4) this.grow(2);
    const b2 = this.buf;
    const p = this.length;
    b2[p] = value;
    b2[p + 1] = value >>> 8;
    this.length = p + 2;
  }
  u32(value) {
    if (this.src !== void 0) this.materialize();
    if (this.length + 4 > this.buf.length - 4) this.grow(4);
    const p = this.length;
    if ((p & 3) === 0) {
      this.view[p >>> 2] = value;
    } else {
      const b2 = this.buf;
      b2[p] = value;
      b2[p + 1] = value >>> 8;
      b2[p + 2] = value >>> 16;
      b2[p + 3] = value >>> 24;
    }
    this.length = p + 4;
  }
  i32(value) {
    this.u32(value >>> 0);
  }
  bool(value) {
    this.u8(value ? 1 : 0);
  }
  bytes(values, start = 0, end = values.length) {
    const n = end - start;
    if (this.length === 0 && this.src === void 0) {
      this.src = values;
      this.srcStart = start;
      this.length = n;
      return;
    }
    if (this.src !== void 0) this.materialize();
    if (this.length + n > this.buf.length - 4) this.grow(n);
    const b2 = this.buf;
    let p = this.length;
    if (n <= 64) {
      for (let i = start; i < end; i++) b2[p++] = values[i];
    } else {
      b2.set(start === 0 && end === values.length ? values : values.subarray(start, end), p);
      p += n;
    }
    this.length = p;
  }
  words(values, start = 0, end = values.length) {
    if (this.src !== void 0) this.materialize();
    const n = end - start;
    if (this.length + 4 * n > this.buf.length - 4) this.grow(4 * n);
    const p = this.length;
    if ((p & 3) === 0) {
      const view = this.view;
      let w2 = p >>> 2;
      for (let i = start; i < end; i++) view[w2++] = values[i];
      this.length = p + 4 * n;
    } else {
      for (let i = start; i < end; i++) this.u32(values[i] >>> 0);
    }
  }
  str(value) {
    this.u32(value.length);
    for (let i = 0; i < value.length; i++) this.u16(value.charCodeAt(i));
  }
  /**
   * Whether the encoding written since the last reset is exactly `other`'s bytes
   * (compared a word at a time where `other` is word-aligned).
   */
  sameAs(other) {
    const n = this.length;
    if (other.length !== n) return false;
    if (this.src !== void 0) this.materialize();
    const b2 = this.buf;
    let i = 0;
    if ((other.byteOffset & 3) === 0) {
      const words = n >>> 2;
      const mine = this.view;
      const theirs = new Int32Array(other.buffer, other.byteOffset, words);
      for (; i < words; i++) if (mine[i] !== theirs[i]) return false;
      i = words << 2;
    }
    for (; i < n; i++) if (b2[i] !== other[i]) return false;
    return true;
  }
  /** Hashes the encoding into `hi` and `lo`. The result is never 0:0 (the seen-set's empty mark). */
  fingerprint() {
    if (this.src !== void 0) {
      this.fingerprintBytes(this.src, this.srcStart, this.length);
      return;
    }
    const len = this.length;
    const b2 = this.buf;
    b2[len] = 0;
    b2[len + 1] = 0;
    b2[len + 2] = 0;
    this.fingerprintWords(this.view, 0, len + 3 >>> 2, len);
  }
  /**
   * Hashes an encoding of `byteLength` bytes held as the 32-bit words
   * `words[start .. start + count)` (little-endian, the last one zero-padded)
   * into `hi` and `lo`: the same fingerprint as writing those bytes and
   * calling `fingerprint`, without copying them. For engines that keep
   * fixed-size byte states in word-aligned memory.
   */
  fingerprintWords(words, start, count, byteLength) {
    let a2 = 2654435769 | 0;
    let b2 = 2246822507 | 0;
    let c = 3266489909 | 0;
    let d = 668265263 | 0;
    let e = 374761393 | 0;
    let f = 3550635116 | 0;
    const end = start + count;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const k = words[i] | 0;
      const m = words[i + 1] | 0;
      const q = words[i + 2] | 0;
      a2 = Math.imul(a2 ^ k, 2654435761);
      a2 ^= a2 >>> 15;
      b2 = Math.imul(b2 ^ (k << 16 | k >>> 16), 3432918353);
      b2 ^= b2 >>> 13;
      c = Math.imul(c ^ m, 2246822519);
      c ^= c >>> 15;
      d = Math.imul(d ^ (m << 16 | m >>> 16), 3266489917);
      d ^= d >>> 13;
      e = Math.imul(e ^ q, 668265263);
      e ^= e >>> 15;
      f = Math.imul(f ^ (q << 16 | q >>> 16), 374761393);
      f ^= f >>> 13;
    }
    if (i < end) {
      const k = words[i] | 0;
      a2 = Math.imul(a2 ^ k, 2654435761);
      a2 ^= a2 >>> 15;
      b2 = Math.imul(b2 ^ (k << 16 | k >>> 16), 3432918353);
      b2 ^= b2 >>> 13;
      if (i + 1 < end) {
        const m = words[i + 1] | 0;
        c = Math.imul(c ^ m, 2246822519);
        c ^= c >>> 15;
        d = Math.imul(d ^ (m << 16 | m >>> 16), 3266489917);
        d ^= d >>> 13;
      }
    }
    this.finish(a2, b2, c, d, e, f, byteLength);
  }
  /** The same hash as `fingerprintWords`, read straight from `byteLength` bytes of `v` at `start` (little-endian words, zero-padded). */
  fingerprintBytes(v, start, byteLength) {
    let a2 = 2654435769 | 0;
    let b2 = 2246822507 | 0;
    let c = 3266489909 | 0;
    let d = 668265263 | 0;
    let e = 374761393 | 0;
    let f = 3550635116 | 0;
    const end = start + byteLength;
    let i = start;
    for (; i + 12 <= end; i += 12) {
      const k = v[i] | v[i + 1] << 8 | v[i + 2] << 16 | v[i + 3] << 24;
      const m = v[i + 4] | v[i + 5] << 8 | v[i + 6] << 16 | v[i + 7] << 24;
      const q = v[i + 8] | v[i + 9] << 8 | v[i + 10] << 16 | v[i + 11] << 24;
      a2 = Math.imul(a2 ^ k, 2654435761);
      a2 ^= a2 >>> 15;
      b2 = Math.imul(b2 ^ (k << 16 | k >>> 16), 3432918353);
      b2 ^= b2 >>> 13;
      c = Math.imul(c ^ m, 2246822519);
      c ^= c >>> 15;
      d = Math.imul(d ^ (m << 16 | m >>> 16), 3266489917);
      d ^= d >>> 13;
      e = Math.imul(e ^ q, 668265263);
      e ^= e >>> 15;
      f = Math.imul(f ^ (q << 16 | q >>> 16), 374761393);
      f ^= f >>> 13;
    }
    if (i < end) {
      const k = wordAt(v, i, end);
      const m = wordAt(v, i + 4, end);
      a2 = Math.imul(a2 ^ k, 2654435761);
      a2 ^= a2 >>> 15;
      b2 = Math.imul(b2 ^ (k << 16 | k >>> 16), 3432918353);
      b2 ^= b2 >>> 13;
      if (i + 4 < end) {
        c = Math.imul(c ^ m, 2246822519);
        c ^= c >>> 15;
        d = Math.imul(d ^ (m << 16 | m >>> 16), 3266489917);
        d ^= d >>> 13;
      }
      if (i + 8 < end) {
        const q = wordAt(v, i + 8, end);
        e = Math.imul(e ^ q, 668265263);
        e ^= e >>> 15;
        f = Math.imul(f ^ (q << 16 | q >>> 16), 374761393);
        f ^= f >>> 13;
      }
    }
    this.finish(a2, b2, c, d, e, f, byteLength);
  }
  /** Folds the six lanes and the length into 64 bits and mixes them into `hi` and `lo`. */
  finish(a2, b2, c, d, e, f, byteLength) {
    let h1 = (a2 ^ byteLength) + (c << 16 | c >>> 16) + (e << 8 | e >>> 24) | 0;
    let h2 = (b2 ^ byteLength) + (d << 16 | d >>> 16) + (f << 8 | f >>> 24) | 0;
    h1 = h1 + h2 | 0;
    h2 = h2 + h1 | 0;
    h1 = fmix32(h1);
    h2 = fmix32(h2);
    h1 = h1 + h2 | 0;
    h2 = h2 + h1 | 0;
    this.hi = h1 >>> 0;
    this.lo = (h1 | h2) === 0 ? 1 : h2 >>> 0;
  }
};
function wordAt(v, i, end) {
  let k = 0;
  for (let shift = 0; i < end && shift < 32; i++, shift += 8) k |= v[i] << shift;
  return k;
}
function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h;
}

// checker/frontier.ts
var ColumnFrontier = class {
  states;
  /** Per entry: trace id, depth, fingerprint hi, fingerprint lo. */
  meta;
  head = 0;
  mask;
  size = 0;
  state = void 0;
  id = 0;
  depth = 0;
  hi = 0;
  lo = 0;
  constructor(initialCapacity = 1 << 10) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.states = new Array(cap).fill(void 0);
    this.meta = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }
  push(state, id, depth, hi, lo) {
    if (this.size > this.mask) this.grow();
    const at = this.head + this.size & this.mask;
    this.states[at] = state;
    const m = at << 2;
    const meta = this.meta;
    meta[m] = id;
    meta[m + 1] = depth;
    meta[m + 2] = hi;
    meta[m + 3] = lo;
    this.size++;
  }
  /** Moves entry `at` into the public fields and clears its state slot. */
  take(at) {
    this.state = this.states[at];
    this.states[at] = void 0;
    const m = at << 2;
    const meta = this.meta;
    this.id = meta[m];
    this.depth = meta[m + 1];
    this.hi = meta[m + 2] >>> 0;
    this.lo = meta[m + 3] >>> 0;
    this.size--;
  }
  grow() {
    const cap = (this.mask + 1) * 2;
    const states = new Array(cap).fill(void 0);
    const meta = new Int32Array(cap * 4);
    for (let i = 0; i < this.size; i++) {
      const from = this.head + i & this.mask;
      states[i] = this.states[from];
      for (let f = 0; f < 4; f++) meta[(i << 2) + f] = this.meta[(from << 2) + f];
    }
    this.states = states;
    this.meta = meta;
    this.head = 0;
    this.mask = cap - 1;
  }
};
var QueueFrontier = class extends ColumnFrontier {
  pop() {
    if (this.size === 0) return false;
    const at = this.head;
    this.head = at + 1 & this.mask;
    this.take(at);
    return true;
  }
};
var StackFrontier = class extends ColumnFrontier {
  pop() {
    if (this.size === 0) return false;
    this.take(this.head + this.size - 1 & this.mask);
    return true;
  }
};
var PackedFrontier = class {
  constructor(packer, current, lifo = false, initialCapacity = 1 << 12) {
    this.packer = packer;
    this.lifo = lifo;
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.width = packer.packedBytes;
    this.bytes = new Uint8Array(cap * this.width);
    this.meta = new Int32Array(cap * 4);
    this.mask = cap - 1;
    this.current = current;
  }
  packer;
  lifo;
  bytes;
  meta;
  head = 0;
  mask;
  width;
  current;
  size = 0;
  state = void 0;
  id = 0;
  depth = 0;
  hi = 0;
  lo = 0;
  push(state, id, depth, hi, lo) {
    if (this.size > this.mask) this.grow();
    const at = this.head + this.size & this.mask;
    this.packer.pack(state, this.bytes, at * this.width);
    const m = at << 2;
    const meta = this.meta;
    meta[m] = id;
    meta[m + 1] = depth;
    meta[m + 2] = hi;
    meta[m + 3] = lo;
    this.size++;
  }
  pop() {
    if (this.size === 0) return false;
    let at;
    if (this.lifo) {
      at = this.head + this.size - 1 & this.mask;
    } else {
      at = this.head;
      this.head = at + 1 & this.mask;
    }
    this.packer.unpack(this.bytes, at * this.width, this.current);
    this.state = this.current;
    const m = at << 2;
    const meta = this.meta;
    this.id = meta[m];
    this.depth = meta[m + 1];
    this.hi = meta[m + 2] >>> 0;
    this.lo = meta[m + 3] >>> 0;
    this.size--;
    return true;
  }
  grow() {
    const cap = (this.mask + 1) * 2;
    const w2 = this.width;
    const bytes = new Uint8Array(cap * w2);
    const meta = new Int32Array(cap * 4);
    const first = this.mask + 1 - this.head;
    const n1 = Math.min(first, this.size);
    bytes.set(this.bytes.subarray(this.head * w2, (this.head + n1) * w2), 0);
    meta.set(this.meta.subarray(this.head * 4, (this.head + n1) * 4), 0);
    if (this.size > n1) {
      bytes.set(this.bytes.subarray(0, (this.size - n1) * w2), n1 * w2);
      meta.set(this.meta.subarray(0, (this.size - n1) * 4), n1 * 4);
    }
    this.bytes = bytes;
    this.meta = meta;
    this.head = 0;
    this.mask = cap - 1;
  }
};
var WordFrontier = class {
  constructor(bytes, lifo = false, initialCapacity = 1 << 12) {
    this.bytes = bytes;
    this.lifo = lifo;
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.words = bytes + 3 >>> 2;
    this.stride = this.words + 4;
    this.ring = new Int32Array(cap * this.stride);
    this.mask = cap - 1;
    this.current = new Int32Array(this.words);
    this.state = new Uint8Array(this.current.buffer, 0, bytes);
  }
  bytes;
  lifo;
  ring;
  head = 0;
  mask;
  /** Words per state (the bytes rounded up), then 4 words of id, depth, hi, lo. */
  words;
  stride;
  /** The words of the popped state (the memory `state` views). */
  current;
  size = 0;
  /** The popped state: a view of the frontier's own word-aligned buffer. */
  state = void 0;
  id = 0;
  depth = 0;
  hi = 0;
  lo = 0;
  /** Pushes a state given as a byte array (the slow path, for initial states). */
  push(state, id, depth, hi, lo) {
    const at = this.reserve();
    const ring2 = new Uint8Array(this.ring.buffer, at * 4, this.words * 4);
    ring2.fill(0);
    ring2.set(state.subarray(0, this.bytes));
    this.finishPush(at, id, depth, hi, lo);
  }
  /** Pushes the state held in `src[from .. from + words)` (zero-padded words, as `WordArena` keeps them). */
  pushWords(src, from, id, depth, hi, lo) {
    const at = this.reserve();
    const ring2 = this.ring;
    const n = this.words;
    for (let i = 0; i < n; i++) ring2[at + i] = src[from + i];
    this.finishPush(at, id, depth, hi, lo);
  }
  /** The ring offset of the next entry, growing the ring when full. */
  reserve() {
    if (this.size > this.mask) this.grow();
    return (this.head + this.size & this.mask) * this.stride;
  }
  finishPush(at, id, depth, hi, lo) {
    const ring2 = this.ring;
    const m = at + this.words;
    ring2[m] = id;
    ring2[m + 1] = depth;
    ring2[m + 2] = hi;
    ring2[m + 3] = lo;
    this.size++;
  }
  pop() {
    if (this.size === 0) return false;
    let entry2;
    if (this.lifo) {
      entry2 = this.head + this.size - 1 & this.mask;
    } else {
      entry2 = this.head;
      this.head = entry2 + 1 & this.mask;
    }
    const ring2 = this.ring;
    const at = entry2 * this.stride;
    const n = this.words;
    const current = this.current;
    for (let i = 0; i < n; i++) current[i] = ring2[at + i];
    const m = at + n;
    this.id = ring2[m];
    this.depth = ring2[m + 1];
    this.hi = ring2[m + 2] >>> 0;
    this.lo = ring2[m + 3] >>> 0;
    this.size--;
    return true;
  }
  grow() {
    const cap = (this.mask + 1) * 2;
    const s = this.stride;
    const ring2 = new Int32Array(cap * s);
    const n1 = Math.min(this.mask + 1 - this.head, this.size);
    ring2.set(this.ring.subarray(this.head * s, (this.head + n1) * s), 0);
    if (this.size > n1) ring2.set(this.ring.subarray(0, (this.size - n1) * s), n1 * s);
    this.ring = ring2;
    this.head = 0;
    this.mask = cap - 1;
  }
};
var WordArena = class {
  constructor(bytes, capacity) {
    this.bytes = bytes;
    this.stride = bytes + 3 >>> 2;
    this.words = new Int32Array(0);
    this.resize(capacity);
  }
  bytes;
  words;
  views = [];
  stride;
  /** Makes room for `capacity` slots, keeping the contents of the existing ones (and invalidating their views). */
  resize(capacity) {
    const words = new Int32Array(capacity * this.stride);
    words.set(this.words.subarray(0, Math.min(this.words.length, words.length)));
    this.words = words;
    this.views = [];
    for (let j = 0; j < capacity; j++) this.views.push(new Uint8Array(words.buffer, j * this.stride * 4, this.bytes));
  }
};

// checker/model-capabilities.ts
function packerOf(model2) {
  const packed = model2.packed;
  if (packed === void 0) return void 0;
  if (!Number.isInteger(packed.bytes) || packed.bytes <= 0) throw new Error(`model ${model2.name}: packed.bytes must be a positive integer, got ${packed.bytes}`);
  return { packedBytes: packed.bytes, pack: packed.pack.bind(packed), unpack: packed.unpack.bind(packed) };
}
var LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function byteStateOf(model2, inits) {
  const n = model2.fast?.stateBytes;
  if (n === void 0) return void 0;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`model ${model2.name}: stateBytes must be a positive integer, got ${n}`);
  if (!LITTLE_ENDIAN) return void 0;
  const encoder = new Encoder();
  for (const s of inits) {
    const ok = s instanceof Uint8Array && s.length === n;
    if (ok) {
      encoder.reset();
      model2.encode(s, encoder);
    }
    if (!ok || Buffer.compare(encoder.bytesView(), s) !== 0) {
      throw new Error(`model ${model2.name} declares stateBytes ${n}, but its initial states are not ${n}-byte arrays encoded as their bytes`);
    }
  }
  return n;
}

// checker/explore-storage.ts
var BATCH = 64;
function storageOf(model2, inits, strategy) {
  const fast = model2.fast;
  const byteState = byteStateOf(model2, inits);
  const arena = byteState === void 0 ? void 0 : new WordArena(byteState, BATCH * 2);
  const words = byteState === void 0 ? void 0 : new WordFrontier(byteState, strategy === "dfs");
  let mode = 0 /* Next */;
  let single;
  if (words !== void 0) {
    mode = 1 /* Recycle */;
  } else if (fast !== void 0) {
    single = fast.scratch();
    mode = fast.scratch() === single ? 2 /* Copy */ : 1 /* Recycle */;
  }
  const packer = words === void 0 ? packerOf(model2) : void 0;
  const packed = words !== void 0 || packer !== void 0 && mode !== 0 /* Next */;
  const frontier = words !== void 0 ? words : packer !== void 0 && packed ? new PackedFrontier(packer, fast.copy(fast.scratch()), strategy === "dfs") : strategy === "bfs" ? new QueueFrontier() : new StackFrontier();
  return { mode, single, byteState, arena, words, packed, frontier };
}
function checkWaiting(frontier, tracker, trace, stopOnViolation) {
  let id = -1;
  const pathOf = () => trace.pathTo(id);
  while (tracker.stateProps.length > 0 && !(tracker.violated && stopOnViolation) && frontier.pop()) {
    id = frontier.id;
    try {
      tracker.checkState(frontier.state, pathOf);
    } catch (error) {
      tracker.exception(error, pathOf());
    }
  }
}
function grown(array, capacity) {
  const next = new array.constructor(capacity);
  next.set(array);
  return next;
}

// checker/model.ts
function isTransitionProperty(p) {
  return p.transition !== void 0;
}
function always(name2, condition, description) {
  return description === void 0 ? { name: name2, expectation: "always", condition } : { name: name2, expectation: "always", condition, description };
}
function sometimes(name2, condition, description) {
  return description === void 0 ? { name: name2, expectation: "sometimes", condition } : { name: name2, expectation: "sometimes", condition, description };
}

// checker/properties.ts
var EXCEPTION_PROPERTY = "step raised an exception";
var PropertyTracker = class {
  all;
  /** State properties not yet decided, in declaration order. */
  stateProps = [];
  /** Transition properties not yet decided, in declaration order. */
  transitionProps = [];
  discoveries = [];
  decided = /* @__PURE__ */ new Set();
  violated = false;
  constructor(model2) {
    this.all = model2.properties();
    const names = /* @__PURE__ */ new Set();
    for (const p of this.all) {
      if (names.has(p.name)) throw new Error(`model ${model2.name} declares property "${p.name}" twice`);
      names.add(p.name);
    }
    this.refresh();
  }
  refresh() {
    this.stateProps = [];
    this.transitionProps = [];
    for (const p of this.all) {
      if (this.decided.has(p.name)) continue;
      if (isTransitionProperty(p)) this.transitionProps.push(p);
      else this.stateProps.push(p);
    }
  }
  /** True when every property has been decided (all invariants violated, all witnesses found). */
  get allDecided() {
    return this.stateProps.length === 0 && this.transitionProps.length === 0;
  }
  /** Records that `property` is decided by `path`. */
  decide(property, path) {
    const kind = property.expectation === "always" ? "counterexample" : "witness";
    this.decided.add(property.name);
    this.discoveries.push({ property: property.name, expectation: property.expectation, kind, path });
    if (kind === "counterexample") this.violated = true;
    this.refresh();
  }
  /** Records an exception thrown inside a step (or a property) as a counterexample at that step. */
  exception(error, path) {
    if (this.discoveries.some((d) => d.kind === "exception")) return;
    const message = error instanceof Error ? error.message : String(error);
    this.discoveries.push({ property: EXCEPTION_PROPERTY, expectation: "always", kind: "exception", path, message });
    this.violated = true;
  }
  /** Checks the undecided state properties on `state`; `pathOf` is called only on a discovery. */
  checkState(state, pathOf) {
    const props = this.stateProps;
    for (let i = 0; i < props.length; i++) {
      const p = props[i];
      const holds = p.condition(state);
      if (p.expectation === "always" ? !holds : holds) {
        this.decide(p, pathOf());
        this.checkState(state, pathOf);
        return;
      }
    }
  }
  /** Checks the undecided transition properties on one transition. */
  checkTransition(from, action, to, pathOf) {
    const props = this.transitionProps;
    for (let i = 0; i < props.length; i++) {
      const p = props[i];
      const holds = p.transition(from, action, to);
      if (p.expectation === "always" ? !holds : holds) {
        this.decide(p, pathOf());
        this.checkTransition(from, action, to, pathOf);
        return;
      }
    }
  }
  /** Witnesses never reached. */
  unreached() {
    return this.all.filter((p) => p.expectation === "sometimes" && !this.decided.has(p.name)).map((p) => p.name);
  }
  /** Invariants never violated. */
  held() {
    return this.all.filter((p) => p.expectation === "always" && !this.decided.has(p.name)).map((p) => p.name);
  }
};

// checker/seen-set.ts
var MAX_LOAD = 0.75;
var GROWTH = 1.5;
var TWO_POW_32 = 4294967296;
var OpenAddressingSet = class {
  constructor(initialCapacity = 1 << 12, shared = false) {
    this.shared = shared;
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.table = this.allocate(this.capacity);
    this.scale = this.capacity / TWO_POW_32;
    this.limit = Math.floor(this.capacity * MAX_LOAD);
    this.recent = recentCache(this.capacity);
    this.recentMask = (this.recent.length >>> 1) - 1;
  }
  shared;
  table;
  capacity;
  scale;
  limit;
  size = 0;
  collisions = 0;
  /** The words `prefetch` read, folded together (meaningless; it keeps the loads alive). */
  touched = 0;
  /** The recent-lookup cache: (`hi`, `lo`) pairs, 0:0 when empty. */
  recent;
  recentMask;
  /** Scratch for `prefetch`: the table offsets to read. */
  slots = new Int32Array(256);
  get bytes() {
    return this.table.byteLength + this.recent.byteLength;
  }
  /** True when the table's memory is a SharedArrayBuffer. */
  get isShared() {
    return this.table.buffer instanceof SharedArrayBuffer;
  }
  allocate(capacity) {
    const bytes = capacity * 8;
    return new Uint32Array(this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }
  add(encoder) {
    return this.insert(encoder.hi, encoder.lo);
  }
  /**
   * True when the recent-lookup cache holds the fingerprint: it is then
   * certainly stored (a false answer says nothing). A read from the core's
   * own cache, so the explorer can drop most duplicates as it makes them,
   * before they cost anything more.
   */
  recentlyHas(hi, lo) {
    const recent = this.recent;
    const r = (lo & this.recentMask) << 1;
    return recent[r] === hi && recent[r + 1] === lo;
  }
  /** Adds a fingerprint given as two unsigned 32-bit halves; true when it was not there before. */
  insert(hi, lo) {
    const recent = this.recent;
    const r = (lo & this.recentMask) << 1;
    if (recent[r] === hi && recent[r + 1] === lo) return false;
    recent[r] = hi;
    recent[r + 1] = lo;
    const table = this.table;
    const capacity = this.capacity;
    let slot2 = hi * this.scale | 0;
    for (; ; ) {
      const i = slot2 << 1;
      const h = table[i];
      const l = table[i + 1];
      if (h === hi && l === lo) return false;
      if (h === 0 && l === 0) {
        table[i] = hi;
        table[i + 1] = lo;
        if (++this.size > this.limit) this.grow();
        return true;
      }
      if (++slot2 === capacity) slot2 = 0;
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
  prefetch(his, from, to) {
    if (this.slots.length < to - from) this.slots = new Int32Array(Math.max(to - from, this.slots.length * 2));
    const slots = this.slots;
    const scale = this.scale;
    const n = to - from;
    for (let j = 0; j < n; j++) slots[j] = (his[from + j] * scale | 0) << 1;
    const table = this.table;
    let folded = this.touched;
    for (let j = 0; j < n; j++) folded ^= table[slots[j]];
    this.touched = folded;
  }
  /** True when the fingerprint is stored. */
  has(hi, lo) {
    const table = this.table;
    let slot2 = hi * this.scale | 0;
    for (; ; ) {
      const i = slot2 << 1;
      const h = table[i];
      const l = table[i + 1];
      if (h === hi && l === lo) return true;
      if (h === 0 && l === 0) return false;
      if (++slot2 === this.capacity) slot2 = 0;
    }
  }
  /**
   * Moves every fingerprint into a table 1.5 times larger. Slots are chosen
   * by multiply-shift on `hi`, which preserves order, so reading the old
   * table in order writes the new one almost in order too: the rehash
   * streams through memory instead of missing the cache on every entry.
   */
  grow() {
    const old = this.table;
    const capacity = Math.ceil(this.capacity * GROWTH);
    const table = this.allocate(capacity);
    const scale = capacity / TWO_POW_32;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i];
      const l = old[i + 1];
      if (h === 0 && l === 0) continue;
      let slot2 = h * scale | 0;
      for (; ; ) {
        const j = slot2 << 1;
        if (table[j] === 0 && table[j + 1] === 0) {
          table[j] = h;
          table[j + 1] = l;
          break;
        }
        if (++slot2 === capacity) slot2 = 0;
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
};
var RECENT_MAX = 1 << 14;
function recentCache(capacity) {
  let entries = 16;
  while (entries * 2 <= Math.min(RECENT_MAX, capacity / 16)) entries *= 2;
  return new Uint32Array(entries * 2);
}
var CollisionCheckingSet = class {
  encodings = /* @__PURE__ */ new Map();
  full = /* @__PURE__ */ new Set();
  collisions = 0;
  get size() {
    return this.full.size;
  }
  get bytes() {
    let total = 0;
    for (const e of this.full) total += e.length * 2;
    return total;
  }
  add(encoder) {
    const key = `${encoder.hi}:${encoder.lo}`;
    const encoding = Buffer.from(encoder.bytesView()).toString("latin1");
    if (this.full.has(encoding)) return false;
    const previous = this.encodings.get(key);
    if (previous !== void 0 && previous !== encoding) this.collisions++;
    else this.encodings.set(key, encoding);
    this.full.add(encoding);
    return true;
  }
};
function collisionProbability(distinct, generated) {
  return distinct * Math.max(0, generated - distinct) / 2 ** 64;
}

// checker/result.ts
function statsOf(run) {
  const d = run.seen.size;
  return {
    distinct: d,
    generated: run.generated,
    depth: run.depth,
    seconds: run.seconds,
    seenSetBytesPerState: d === 0 ? 0 : run.seen.bytes / d,
    traceBytesPerState: d === 0 ? 0 : run.traceBytes / d,
    collisionProbability: collisionProbability(d, run.generated),
    collisions: run.seen.collisions,
    coverage: run.kinds.map((kind, i) => ({ kind, evaluated: run.evaluated[i], fresh: run.fresh[i] }))
  };
}
var CUTS = ["depth-bound", "state-bound", "time-bound", "violation", "walks-done", "interrupt"];
function isExhaustive(stoppedBy) {
  for (const r of stoppedBy) if (CUTS.includes(r)) return false;
  return true;
}
function verdictOf(violated, stoppedBy, unreached) {
  if (violated) return "violated";
  if (!isExhaustive(stoppedBy)) return "incomplete";
  return unreached > 0 ? "unreached" : "ok";
}

// checker/stop-flag.ts
var STOP = { none: 0, interrupt: 1 };
function stopRequested(flag) {
  return flag !== void 0 && Atomics.load(flag, 0) !== STOP.none;
}

// checker/trace.ts
var TraceLog = class {
  parents;
  steps;
  size = 0;
  constructor(initialCapacity = 1 << 12) {
    this.parents = new Int32Array(initialCapacity);
    this.steps = new Int32Array(initialCapacity);
  }
  get bytes() {
    return this.parents.byteLength + this.steps.byteLength;
  }
  /** Appends a record and returns its id. */
  add(parent, step) {
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
  pathTo(id) {
    const actions = [];
    let cur = id;
    while (this.parents[cur] >= 0) {
      actions.push(this.steps[cur]);
      cur = this.parents[cur];
    }
    actions.reverse();
    return { init: this.steps[cur], actions };
  }
};

// checker/explore.ts
function explore(model2, options = {}) {
  const strategy = options.strategy ?? "bfs";
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const deadline = options.timeLimitSeconds === void 0 ? Number.POSITIVE_INFINITY : options.timeLimitSeconds * 1e3;
  const stopOnViolation = options.stopOnViolation ?? true;
  const progressInterval = options.progressIntervalMs ?? 2e3;
  const started = performance.now();
  const seen = options.checkCollisions ? new CollisionCheckingSet() : new OpenAddressingSet(Math.max(1 << 12, Math.ceil((options.expectedStates ?? 0) / 0.7)), options.sharedSeenSet ?? false);
  const table = seen instanceof OpenAddressingSet ? seen : void 0;
  const trace = new TraceLog();
  const tracker = new PropertyTracker(model2);
  const encoder = new Encoder();
  const hasBounds = model2.withinBounds !== void 0;
  const coverage = model2.coverage;
  const kinds = coverage?.kinds ?? [];
  const evaluated = new Float64Array(kinds.length);
  const fresh = new Float64Array(kinds.length);
  const stoppedBy = /* @__PURE__ */ new Set();
  let generated = 0;
  let depthReached = 0;
  let parentId = -1;
  let step = -1;
  const pathOfState = () => trace.pathTo(parentId);
  const pathOfStep = () => {
    const p = trace.pathTo(parentId);
    return { init: p.init, actions: [...p.actions, step] };
  };
  const fast = model2.fast;
  const inits = model2.initStates();
  const { mode, single, byteState, arena, words, packed, frontier } = storageOf(model2, inits, strategy);
  const stride = arena === void 0 ? 0 : arena.stride;
  const pool = [];
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    if (seen.size >= maxStates) {
      stoppedBy.add("state-bound");
      break;
    }
    if (hasBounds && !model2.withinBounds(s)) continue;
    generated++;
    encoder.reset();
    model2.encode(s, encoder);
    encoder.fingerprint();
    if (seen.add(encoder)) frontier.push(mode === 1 /* Recycle */ && !packed ? fast.copy(s) : s, trace.add(-1, i), 0, encoder.hi, encoder.lo);
  }
  const batch = arena === void 0 ? [] : arena.views.slice();
  let batchHi = new Uint32Array(BATCH * 2);
  let batchLo = new Uint32Array(BATCH * 2);
  let batchStep = new Int32Array(BATCH * 2);
  let batchKind = new Int32Array(BATCH * 2);
  let batchParent = new Int32Array(BATCH * 2);
  let batchDepth = new Int32Array(BATCH * 2);
  let count = 0;
  let settled = 0;
  const fifo = strategy === "bfs";
  const settle = (to) => {
    if (table !== void 0 && to - settled > 1) table.prefetch(batchHi, settled, to);
    while (settled < to) {
      const j = settled++;
      let isNew;
      if (table !== void 0) {
        isNew = table.insert(batchHi[j], batchLo[j]);
      } else {
        encoder.reset();
        model2.encode(batch[j], encoder);
        encoder.fingerprint();
        isNew = seen.add(encoder);
      }
      if (!isNew) continue;
      const kind = batchKind[j];
      if (kind >= 0) fresh[kind]++;
      let t3 = batch[j];
      if (packed) {
      } else if (mode === 1 /* Recycle */) batch[j] = pool.length > 0 ? pool.pop() : fast.scratch();
      else if (mode === 2 /* Copy */) t3 = fast.copy(t3);
      const depth = batchDepth[j] + 1;
      const id = trace.add(batchParent[j], batchStep[j]);
      if (words !== void 0) words.pushWords(arena.words, j * stride, id, depth, batchHi[j], batchLo[j]);
      else frontier.push(t3, id, depth, batchHi[j], batchLo[j]);
      if (depth > depthReached) depthReached = depth;
      if (seen.size >= maxStates) {
        stoppedBy.add("state-bound");
        return true;
      }
    }
    return false;
  };
  const flush = () => {
    if (settle(count)) return true;
    if (mode === 0 /* Next */) batch.fill(void 0, 0, count);
    count = 0;
    settled = 0;
    return false;
  };
  const actions = [];
  let pops = 0;
  let nextProgress = started + progressInterval;
  const shouldStop2 = () => tracker.violated && stopOnViolation || tracker.allDecided;
  const boundAtInit = seen.size >= maxStates && frontier.size > 0;
  if (boundAtInit) stoppedBy.add("state-bound");
  for (; ; ) {
    if (boundAtInit) break;
    if (frontier.size === 0 && count > 0 && flush()) break;
    if (!frontier.pop()) break;
    const s = frontier.state;
    const selfHi = frontier.hi;
    const selfLo = frontier.lo;
    const parentDepth = frontier.depth;
    parentId = frontier.id;
    step = -1;
    let halted = false;
    let bounded = false;
    let failed = false;
    let failure;
    try {
      if (tracker.stateProps.length > 0) {
        tracker.checkState(s, pathOfState);
        if (shouldStop2()) break;
      }
      while (actions.length > 0) actions.pop();
      model2.actions(s, actions);
      const n = actions.length;
      if (parentDepth >= maxDepth) {
        if (n > 0) stoppedBy.add("depth-bound");
        if (mode === 1 /* Recycle */ && !packed) pool.push(s);
        continue;
      }
      if (count + n > batchHi.length) {
        const cap = Math.max(count + n, batchHi.length * 2);
        batchHi = grown(batchHi, cap);
        batchLo = grown(batchLo, cap);
        batchStep = grown(batchStep, cap);
        batchKind = grown(batchKind, cap);
        batchParent = grown(batchParent, cap);
        batchDepth = grown(batchDepth, cap);
        if (arena !== void 0) {
          arena.resize(cap);
          for (let j = 0; j < cap; j++) batch[j] = arena.views[j];
        }
      }
      const eager = mode === 2 /* Copy */ || seen.size + count + n >= maxStates;
      for (let k = 0; k < n; k++) {
        step = k;
        const a2 = actions[k];
        let t3;
        if (mode === 1 /* Recycle */) {
          t3 = batch[count];
          if (t3 === void 0) batch[count] = t3 = pool.length > 0 ? pool.pop() : fast.scratch();
          if (!fast.nextInto(s, a2, t3)) continue;
        } else if (mode === 2 /* Copy */) {
          t3 = single;
          if (!fast.nextInto(s, a2, t3)) continue;
        } else {
          t3 = model2.next(s, a2);
          if (t3 === void 0) continue;
        }
        if (hasBounds && !model2.withinBounds(t3)) continue;
        generated++;
        const kind = coverage !== void 0 ? coverage.kindOf(a2) : -1;
        if (kind >= 0) evaluated[kind]++;
        if (tracker.transitionProps.length > 0) {
          tracker.checkTransition(s, a2, t3, pathOfStep);
          if (shouldStop2()) {
            halted = true;
            break;
          }
        }
        if (arena !== void 0) {
          encoder.fingerprintWords(arena.words, count * stride, stride, byteState);
        } else {
          encoder.reset();
          model2.encode(t3, encoder);
          encoder.fingerprint();
        }
        const hi = encoder.hi;
        const lo = encoder.lo;
        if (hi === selfHi && lo === selfLo) continue;
        if (table !== void 0 && table.recentlyHas(hi, lo)) continue;
        if (mode !== 1 /* Recycle */) batch[count] = t3;
        batchHi[count] = hi;
        batchLo[count] = lo;
        batchStep[count] = k;
        batchKind[count] = kind;
        batchParent[count] = parentId;
        batchDepth[count] = parentDepth;
        count++;
        if (eager && flush()) {
          bounded = true;
          break;
        }
      }
    } catch (error) {
      failed = true;
      failure = error;
    }
    const hold = fifo && !failed && !halted && count < BATCH && seen.size + count < maxStates;
    if (bounded || !hold && flush()) break;
    if (failed) {
      tracker.exception(failure, step < 0 ? pathOfState() : pathOfStep());
      if (stopOnViolation) break;
    } else if (halted) {
      break;
    }
    if (mode === 1 /* Recycle */ && !packed) pool.push(s);
    if ((++pops & 1023) === 0) {
      if (stopRequested(options.stop)) {
        stoppedBy.add("interrupt");
        break;
      }
      const now = performance.now();
      if (now - started >= deadline) {
        stoppedBy.add("time-bound");
        break;
      }
      if (options.onProgress !== void 0 && now >= nextProgress) {
        nextProgress = now + progressInterval;
        options.onProgress({ depth: depthReached, distinct: seen.size, generated, queued: frontier.size + count, seconds: (now - started) / 1e3 });
      }
    }
  }
  if (count > settled && !stoppedBy.has("state-bound")) flush();
  if ((stoppedBy.has("state-bound") || stoppedBy.has("time-bound")) && !shouldStop2()) checkWaiting(frontier, tracker, trace, stopOnViolation);
  if (tracker.violated && stopOnViolation) stoppedBy.add("violation");
  else if (tracker.allDecided && frontier.size > 0) stoppedBy.add("all-properties-decided");
  const seconds = (performance.now() - started) / 1e3;
  const unreached = tracker.unreached();
  return {
    model: model2.name,
    strategy,
    verdict: verdictOf(tracker.violated, stoppedBy, unreached.length),
    stoppedBy: [...stoppedBy],
    discoveries: tracker.discoveries,
    unreached,
    held: tracker.held(),
    stats: statsOf({ seen, traceBytes: trace.bytes, generated, depth: depthReached, seconds, kinds, evaluated, fresh })
  };
}

// checker/parallel/layout.ts
var CTL = {
  /** Bumped by the coordinator to start a phase; helpers wait on it. */
  generation: 0,
  /** Helpers that finished the current phase; the coordinator waits on it. */
  done: 1,
  /** The next chunk of the frontier to claim (`Atomics.add`). */
  cursor: 2,
  /** Raised when a thread met a property decision or an exception: the level is redone on one thread, in order. */
  event: 3,
  /** Raised when the run must stop (interrupt, time): threads claim no further chunk. */
  abort: 4
};
var CONTROL_WORDS = 8;
function newControl() {
  return new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
}
var REC = { parent: 0, step: 1, kind: 2, hi: 3, lo: 4, fresh: 5 };
var REC_EXTRA = 6;
var RecordBuffer = class {
  constructor(stride, capacity = 1024) {
    this.stride = stride;
    this.words = new Int32Array(new SharedArrayBuffer(capacity * stride * 4));
  }
  stride;
  words;
  size = 0;
  /** The word offset of a new record at the end (growing the buffer when full). */
  append() {
    if ((this.size + 1) * this.stride > this.words.length) {
      const words = new Int32Array(new SharedArrayBuffer(this.words.byteLength * 2));
      words.set(this.words.subarray(0, this.size * this.stride));
      this.words = words;
    }
    return this.size++ * this.stride;
  }
  clear() {
    this.size = 0;
  }
};
function orderedSegments(all) {
  const triples = [];
  all.forEach((e, thread) => {
    for (let i = 0; i < e.segments.length; i += 3) triples.push([e.segments[i], thread, e.segments[i + 1], e.segments[i + 2]]);
  });
  triples.sort((a2, b2) => a2[0] - b2[0]);
  const out = new Int32Array(triples.length * 3);
  triples.forEach((t3, i) => out.set([t3[1], t3[2], t3[3]], i * 3));
  return out;
}

// checker/parallel/shared-table.ts
var SharedFingerprintTable = class _SharedFingerprintTable {
  /** A table over `buffer` (made by `allocate`, possibly in another thread). */
  constructor(buffer) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
    this.capacity = this.words.length >>> 1;
    this.scale = this.capacity / TWO_POW_322;
  }
  buffer;
  words;
  capacity;
  scale;
  /** An empty table of `capacity` slots (8 bytes each). */
  static allocate(capacity) {
    return new _SharedFingerprintTable(new SharedArrayBuffer(Math.max(16, Math.ceil(capacity)) * 8));
  }
  get bytes() {
    return this.words.byteLength;
  }
  /** Adds the fingerprint (`hi`, `lo`, unsigned or signed halves); true when no thread had added it before. Safe from any number of threads at once. */
  insert(hi, lo) {
    const t3 = this.words;
    const key = keyOf(hi);
    const low = lo | 0;
    const capacity = this.capacity;
    let slot2 = (key >>> 0) * this.scale | 0;
    for (; ; ) {
      const i = slot2 << 1;
      let w2 = Atomics.load(t3, i);
      if (w2 === EMPTY) {
        w2 = Atomics.compareExchange(t3, i, EMPTY, BUSY);
        if (w2 === EMPTY) {
          Atomics.store(t3, i + 1, low);
          Atomics.store(t3, i, key);
          return true;
        }
      }
      while (w2 === BUSY) w2 = Atomics.load(t3, i);
      if (w2 === key && Atomics.load(t3, i + 1) === low) return false;
      if (++slot2 === capacity) slot2 = 0;
    }
  }
  /** True when the fingerprint is stored. Exact while no thread inserts (between phases); during inserts, a fingerprint being added may be missed. */
  has(hi, lo) {
    const t3 = this.words;
    const key = keyOf(hi);
    const low = lo | 0;
    const capacity = this.capacity;
    let slot2 = (key >>> 0) * this.scale | 0;
    for (; ; ) {
      const i = slot2 << 1;
      const w2 = t3[i];
      if (w2 === EMPTY) return false;
      if (w2 === key && t3[i + 1] === low) return true;
      if (++slot2 === capacity) slot2 = 0;
    }
  }
  /** Number of fingerprints stored (a scan: for tests and checkpoints, not the hot path). */
  count() {
    let n = 0;
    for (let i = 0; i < this.words.length; i += 2) if (this.words[i] !== EMPTY) n++;
    return n;
  }
  /** A table of `capacity` slots holding the same fingerprints. Call it on one thread, while no other uses the table. */
  grownTo(capacity) {
    const next = _SharedFingerprintTable.allocate(capacity);
    const from = this.words;
    const to = next.words;
    const scale = next.scale;
    for (let i = 0; i < from.length; i += 2) {
      const key = from[i];
      if (key === EMPTY) continue;
      let slot2 = (key >>> 0) * scale | 0;
      while (to[slot2 << 1] !== EMPTY) if (++slot2 === next.capacity) slot2 = 0;
      to[slot2 << 1] = key;
      to[(slot2 << 1) + 1] = from[i + 1];
    }
    return next;
  }
};
var TWO_POW_322 = 4294967296;
var EMPTY = 0;
var BUSY = -1;
function keyOf(hi) {
  const h = hi | 0;
  return h === EMPTY ? 1 : h === BUSY ? BUSY - 1 : h;
}

// checker/parallel/expand.ts
var LevelWorker = class {
  constructor(model2, poll) {
    this.model = model2;
    this.poll = poll;
    if (model2.fast?.stateBytes === void 0) throw new Error(`model ${model2.name} has no byte-vector states (fast.stateBytes)`);
    this.bytes = model2.fast.stateBytes;
    this.words = this.bytes + 3 >>> 2;
    this.parentWords = new Int32Array(this.words);
    this.parent = new Uint8Array(this.parentWords.buffer, 0, this.bytes);
    this.scratchWords = new Int32Array(this.words);
    this.scratch = new Uint8Array(this.scratchWords.buffer, 0, this.bytes);
    this.out = new RecordBuffer(this.words + REC_EXTRA);
  }
  model;
  poll;
  encoder = new Encoder();
  bytes;
  words;
  parentWords;
  parent;
  scratchWords;
  scratch;
  actions = [];
  out;
  stateProps = [];
  transitionProps = [];
  /**
   * Claims chunks of `job` through the control block's cursor and expands
   * them, until none is left or the event or abort word is raised. Raises
   * the event word itself when a watched property would be decided or a
   * step throws: the level is then redone on one thread.
   */
  expand(job, ctl) {
    this.watch(job.decided);
    const model2 = this.model;
    const fast = model2.fast;
    const hasBounds = model2.withinBounds !== void 0;
    const coverage = model2.coverage;
    const evaluated = new Array(coverage?.kinds.length ?? 0).fill(0);
    const segments = [];
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
      for (; ; ) {
        const c = Atomics.add(ctl, CTL.cursor, 1);
        if (c >= nChunks || Atomics.load(ctl, CTL.event) !== 0 || Atomics.load(ctl, CTL.abort) !== 0) break;
        const first = out.size;
        const end = Math.min(job.count, (c + 1) * job.chunk);
        for (let p = c * job.chunk; p < end; p++) {
          const at = p * stride;
          for (let w2 = 0; w2 < words; w2++) this.parentWords[w2] = frontier[at + w2];
          if (this.stateDecides(this.parent)) return this.raise(ctl, segments, generated, evaluated);
          actions.length = 0;
          model2.actions(this.parent, actions);
          for (let k = 0; k < actions.length; k++) {
            const a2 = actions[k];
            if (!fast.nextInto(this.parent, a2, this.scratch)) continue;
            if (hasBounds && !model2.withinBounds(this.scratch)) continue;
            generated++;
            const kind = coverage !== void 0 ? coverage.kindOf(a2) : -1;
            if (kind >= 0) evaluated[kind]++;
            if (this.transitionDecides(a2)) return this.raise(ctl, segments, generated, evaluated);
            encoder.fingerprintWords(this.scratchWords, 0, words, this.bytes);
            const hi = encoder.hi;
            const lo = encoder.lo;
            if (job.table.has(hi, lo)) continue;
            const r = out.append();
            const rec = out.words;
            for (let w2 = 0; w2 < words; w2++) rec[r + w2] = this.scratchWords[w2];
            rec[r + words + REC.parent] = p;
            rec[r + words + REC.step] = k;
            rec[r + words + REC.kind] = kind;
            rec[r + words + REC.hi] = hi;
            rec[r + words + REC.lo] = lo;
            rec[r + words + REC.fresh] = 0;
          }
        }
        segments.push(c, first, out.size - first);
        if (this.poll !== void 0 && this.poll()) Atomics.store(ctl, CTL.abort, 1);
      }
    } catch {
      return this.raise(ctl, segments, generated, evaluated);
    }
    return { records: out.words, segments, generated, evaluated };
  }
  raise(ctl, segments, generated, evaluated) {
    Atomics.store(ctl, CTL.event, 1);
    return { records: this.out.words, segments, generated, evaluated };
  }
  watch(decided) {
    const open = this.model.properties().filter((p) => !decided.includes(p.name));
    this.stateProps = open.filter((p) => !isTransitionProperty(p));
    this.transitionProps = open.filter((p) => isTransitionProperty(p));
  }
  stateDecides(s) {
    for (const p of this.stateProps) if (p.condition(s) !== (p.expectation === "always")) return true;
    return false;
  }
  transitionDecides(a2) {
    for (const p of this.transitionProps) if (p.transition(this.parent, a2, this.scratch) !== (p.expectation === "always")) return true;
    return false;
  }
};
function commitPartition(table, records, segments, stride, part, parts) {
  const base = stride - REC_EXTRA;
  for (let s = 0; s < segments.length; s += 3) {
    const rec = records[segments[s]];
    const end = (segments[s + 1] + segments[s + 2]) * stride;
    for (let r = segments[s + 1] * stride; r < end; r += stride) {
      const lo = rec[r + base + REC.lo];
      if ((lo >>> 0) % parts !== part) continue;
      rec[r + base + REC.fresh] = table.insert(rec[r + base + REC.hi], lo) ? 1 : 0;
    }
  }
}

// checker/parallel/helpers.ts
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
var START_TIMEOUT_S = 120;
var Helpers = class {
  constructor(script, ref2, ctl, count) {
    this.ctl = ctl;
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { ref: ref2, port: port2, ctl }, transferList: [port2] });
      worker.unref();
      this.ports.push(port1);
      this.workers.push(worker);
    }
    this.wait(START_TIMEOUT_S * 1e3);
    for (const reply of this.replies()) {
      if (reply.type !== "ready") throw new Error(`a helper thread could not start: ${String(reply.message)}`);
    }
  }
  ctl;
  ports = [];
  workers = [];
  get count() {
    return this.ports.length;
  }
  /** Posts `orders(i)` to each helper `i` and starts the phase. */
  start(orders) {
    Atomics.store(this.ctl, CTL.done, 0);
    this.ports.forEach((port, i) => port.postMessage(orders(i)));
    Atomics.add(this.ctl, CTL.generation, 1);
    Atomics.notify(this.ctl, CTL.generation);
  }
  /** Waits until every helper finished the phase and returns their replies, in helper order. */
  finish() {
    this.wait(Number.POSITIVE_INFINITY);
    return this.replies();
  }
  /** Tells the helpers to exit (they are unreferenced: nothing waits for them). */
  close() {
    this.start(() => ({ type: "exit" }));
    for (const port of this.ports) port.close();
  }
  wait(timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (; ; ) {
      const done2 = Atomics.load(this.ctl, CTL.done);
      if (done2 >= this.ports.length) return;
      if (performance.now() > deadline) throw new Error(`the helper threads did not start within ${START_TIMEOUT_S} s`);
      Atomics.wait(this.ctl, CTL.done, done2, 1e3);
    }
  }
  replies() {
    return this.ports.map((port) => {
      const reply = receiveMessageOnPort(port);
      if (reply === void 0) throw new Error("a helper thread finished a phase without replying");
      return reply.message;
    });
  }
};

// checker/parallel/run-state.ts
function shouldStop(run) {
  return run.tracker.violated && run.stopOnViolation || run.tracker.allDecided;
}
function serialLevel(run, frontier, count, level2, next) {
  const { model: model2, tracker, trace, words } = run;
  const fast = model2.fast;
  const bytes = fast.stateBytes;
  const encoder = new Encoder();
  const parentWords = new Int32Array(words);
  const parent = new Uint8Array(parentWords.buffer, 0, bytes);
  const scratchWords = new Int32Array(words);
  const scratch = new Uint8Array(scratchWords.buffer, 0, bytes);
  const actions = [];
  const stride = words + 1;
  let parentId = -1;
  let step = -1;
  const pathOfState = () => trace.pathTo(parentId);
  const pathOfStep = () => {
    const p = trace.pathTo(parentId);
    return { init: p.init, actions: [...p.actions, step] };
  };
  for (let p = 0; p < count; p++) {
    if ((p & 1023) === 1023 && run.poll()) return p;
    const at = p * stride;
    for (let w2 = 0; w2 < words; w2++) parentWords[w2] = frontier[at + w2];
    parentId = frontier[at + words];
    step = -1;
    try {
      if (tracker.stateProps.length > 0) {
        tracker.checkState(parent, pathOfState);
        if (shouldStop(run)) return p + 1;
      }
      actions.length = 0;
      model2.actions(parent, actions);
      if (level2 >= run.maxDepth) {
        if (actions.length > 0) run.stoppedBy.add("depth-bound");
        continue;
      }
      for (let k = 0; k < actions.length; k++) {
        step = k;
        const a2 = actions[k];
        if (!fast.nextInto(parent, a2, scratch)) continue;
        if (model2.withinBounds !== void 0 && !model2.withinBounds(scratch)) continue;
        run.generated++;
        const kind = model2.coverage !== void 0 ? model2.coverage.kindOf(a2) : -1;
        if (kind >= 0) run.evaluated[kind]++;
        if (tracker.transitionProps.length > 0) {
          tracker.checkTransition(parent, a2, scratch, pathOfStep);
          if (shouldStop(run)) return p + 1;
        }
        encoder.fingerprintWords(scratchWords, 0, words, bytes);
        if (!run.table.insert(encoder.hi, encoder.lo)) continue;
        run.distinct++;
        if (kind >= 0) run.fresh[kind]++;
        pushEntry(next, scratchWords, words, trace.add(parentId, k));
        run.depthReached = Math.max(run.depthReached, level2 + 1);
        if (run.distinct >= run.maxStates) {
          run.stoppedBy.add("state-bound");
          return p + 1;
        }
      }
    } catch (error) {
      tracker.exception(error, step < 0 ? pathOfState() : pathOfStep());
      if (run.stopOnViolation) return p + 1;
    }
  }
  return void 0;
}
function pushEntry(next, src, words, id, from = 0) {
  const at = next.append();
  const to = next.words;
  for (let w2 = 0; w2 < words; w2++) to[at + w2] = src[from + w2];
  to[at + words] = id;
}
function checkWaiting2(run, waiting) {
  const { tracker, trace, words } = run;
  const stateWords = new Int32Array(words);
  const state = new Uint8Array(stateWords.buffer, 0, run.model.fast.stateBytes);
  let id = -1;
  const pathOf = () => trace.pathTo(id);
  for (const { frontier, from, count } of waiting) {
    for (let p = from; p < count; p++) {
      if (tracker.stateProps.length === 0 || tracker.violated && run.stopOnViolation) return;
      const at = p * (words + 1);
      for (let w2 = 0; w2 < words; w2++) stateWords[w2] = frontier[at + w2];
      id = frontier[at + words];
      try {
        tracker.checkState(state, pathOf);
      } catch (error) {
        tracker.exception(error, pathOf());
      }
    }
  }
}

// checker/parallel/explore-parallel.ts
var MAX_LOAD2 = 0.7;
function canExploreInParallel(model2) {
  return model2.fast?.stateBytes !== void 0;
}
function exploreParallel(model2, ref2, options) {
  if (!canExploreInParallel(model2)) throw new Error(`model ${model2.name} cannot be explored in parallel: its states are not byte vectors`);
  const started = performance.now();
  const deadline = options.timeLimitSeconds === void 0 ? Number.POSITIVE_INFINITY : started + options.timeLimitSeconds * 1e3;
  const words = model2.fast.stateBytes + 3 >>> 2;
  const kinds = model2.coverage?.kinds ?? [];
  const progressInterval = options.progressIntervalMs ?? 2e3;
  let nextProgress = started + progressInterval;
  const run = {
    model: model2,
    tracker: new PropertyTracker(model2),
    trace: new TraceLog(),
    table: SharedFingerprintTable.allocate(Math.max(1 << 16, Math.ceil((options.expectedStates ?? 0) / MAX_LOAD2))),
    distinct: 0,
    generated: 0,
    depthReached: 0,
    evaluated: new Float64Array(kinds.length),
    fresh: new Float64Array(kinds.length),
    stoppedBy: /* @__PURE__ */ new Set(),
    maxDepth: options.maxDepth ?? Number.POSITIVE_INFINITY,
    maxStates: options.maxStates ?? Number.POSITIVE_INFINITY,
    stopOnViolation: options.stopOnViolation ?? true,
    words,
    poll: () => {
      if (stopRequested(options.stop)) run.stoppedBy.add("interrupt");
      else if (performance.now() >= deadline) run.stoppedBy.add("time-bound");
      else return false;
      return true;
    }
  };
  const stride = words + 1;
  let frontier = new RecordBuffer(stride);
  initialLevel(run, frontier);
  let level2 = 0;
  let rest;
  const ctl = newControl();
  const helpers = new Helpers(options.script, ref2, ctl, options.workers - 1);
  const own = new LevelWorker(model2, run.poll);
  try {
    while (rest === void 0 && frontier.size > 0 && !(run.distinct >= run.maxStates)) {
      const next = new RecordBuffer(stride, Math.max(1024, frontier.size));
      const whole = level2 < run.maxDepth && parallelLevel(run, helpers, own, frontier, level2, next);
      if (whole === "aborted") {
        rest = 0;
        break;
      }
      if (whole !== true) rest = serialLevel(run, frontier.words, frontier.size, level2, next);
      if (rest === void 0) {
        frontier = next;
        level2++;
      } else {
        frontier = concat(frontier, rest, next, stride);
      }
      const now = performance.now();
      if (options.onProgress !== void 0 && now >= nextProgress) {
        nextProgress = now + progressInterval;
        options.onProgress({ depth: run.depthReached, distinct: run.distinct, generated: run.generated, queued: frontier.size, seconds: (now - started) / 1e3 });
      }
      if (rest === void 0 && run.poll()) rest = 0;
    }
  } finally {
    helpers.close();
  }
  const waiting = rest === void 0 ? 0 : frontier.size;
  if (run.distinct >= run.maxStates && frontier.size > 0) run.stoppedBy.add("state-bound");
  if ((run.stoppedBy.has("state-bound") || run.stoppedBy.has("time-bound")) && !shouldStop(run)) checkWaiting2(run, [{ frontier: frontier.words, from: 0, count: frontier.size }]);
  if (run.tracker.violated && run.stopOnViolation) run.stoppedBy.add("violation");
  else if (run.tracker.allDecided && waiting > 0) run.stoppedBy.add("all-properties-decided");
  const unreached = run.tracker.unreached();
  const seen = { size: run.distinct, bytes: run.table.bytes, collisions: 0, add: () => false };
  return {
    model: model2.name,
    strategy: "bfs",
    verdict: verdictOf(run.tracker.violated, run.stoppedBy, unreached.length),
    stoppedBy: [...run.stoppedBy],
    discoveries: run.tracker.discoveries,
    unreached,
    held: run.tracker.held(),
    stats: statsOf({ seen, traceBytes: run.trace.bytes, generated: run.generated, depth: run.depthReached, seconds: (performance.now() - started) / 1e3, kinds, evaluated: run.evaluated, fresh: run.fresh })
  };
}
function initialLevel(run, frontier) {
  const { model: model2 } = run;
  const encoder = new Encoder();
  const inits = model2.initStates();
  for (let i = 0; i < inits.length; i++) {
    if (run.distinct >= run.maxStates) {
      run.stoppedBy.add("state-bound");
      break;
    }
    const s = inits[i];
    if (model2.withinBounds !== void 0 && !model2.withinBounds(s)) continue;
    run.generated++;
    encoder.reset();
    model2.encode(s, encoder);
    encoder.fingerprint();
    if (!run.table.insert(encoder.hi, encoder.lo)) continue;
    run.distinct++;
    const padded = new Int32Array(run.words);
    new Uint8Array(padded.buffer).set(s);
    pushEntry(frontier, padded, run.words, run.trace.add(-1, i));
  }
}
function parallelLevel(run, helpers, own, frontier, level2, next) {
  const threads = helpers.count + 1;
  const ctl = helpers.ctl;
  const chunk = Math.max(4, Math.min(512, Math.ceil(frontier.size / (threads * 8))));
  Atomics.store(ctl, CTL.cursor, 0);
  Atomics.store(ctl, CTL.event, 0);
  Atomics.store(ctl, CTL.abort, 0);
  const decided = run.tracker.discoveries.map((d) => d.property);
  const job = { frontier: frontier.words, count: frontier.size, chunk, table: run.table, decided };
  helpers.start(() => ({ type: "expand", frontier: job.frontier, count: job.count, chunk, table: run.table.buffer, decided }));
  const mine = own.expand(job, ctl);
  const all = [mine, ...helpers.finish()];
  if (Atomics.load(ctl, CTL.abort) !== 0) return "aborted";
  if (Atomics.load(ctl, CTL.event) !== 0) return false;
  const stride = run.words + 6;
  const candidates = all.reduce((n, e) => n + e.segments.reduce((m, _, i) => i % 3 === 2 ? m + e.segments[i] : m, 0), 0);
  if (run.distinct + candidates >= run.maxStates) return false;
  const needed = Math.ceil((run.distinct + candidates) / MAX_LOAD2);
  if (needed > run.table.capacity) run.table = run.table.grownTo(Math.max(needed, run.table.capacity * 2));
  const segments = orderedSegments(all);
  const records = all.map((e) => e.records);
  helpers.start((i) => ({ type: "commit", table: run.table.buffer, records, segments, stride, part: i + 1, parts: threads }));
  commitPartition(run.table, records, segments, stride, 0, threads);
  helpers.finish();
  for (const e of all) {
    run.generated += e.generated;
    e.evaluated.forEach((n, k) => run.evaluated[k] += n);
  }
  appendFresh(run, frontier, records, segments, next);
  if (next.size > 0) run.depthReached = Math.max(run.depthReached, level2 + 1);
  return true;
}
function appendFresh(run, frontier, records, segments, next) {
  const words = run.words;
  const stride = words + 6;
  const parents = frontier.words;
  for (let s = 0; s < segments.length; s += 3) {
    const rec = records[segments[s]];
    const end = (segments[s + 1] + segments[s + 2]) * stride;
    for (let r = segments[s + 1] * stride; r < end; r += stride) {
      if (rec[r + words + 5] !== 1) continue;
      const parentId = parents[rec[r + words] * (words + 1) + words];
      const kind = rec[r + words + 2];
      if (kind >= 0) run.fresh[kind]++;
      run.distinct++;
      pushEntry(next, rec, words, run.trace.add(parentId, rec[r + words + 1]), r);
    }
  }
}
function concat(frontier, from, next, stride) {
  const out = new RecordBuffer(stride, Math.max(1, frontier.size - from + next.size));
  out.words.set(frontier.words.subarray(from * stride, frontier.size * stride), 0);
  out.words.set(next.words.subarray(0, next.size * stride), (frontier.size - from) * stride);
  out.size = frontier.size - from + next.size;
  return out;
}

// checker/subsystem.ts
var UsageError = class extends Error {
  name = "UsageError";
};
function erase(model2) {
  return model2;
}

// checker/diff.ts
function sideBySide(leftTitle, left, rightTitle, right) {
  const l = left.split("\n");
  const r = right.split("\n");
  const width = Math.max(leftTitle.length, ...l.map((x) => x.length));
  const rows = [`  ${leftTitle.padEnd(width)} \u2502 ${rightTitle}`];
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    const a2 = l[i] ?? "";
    const b2 = r[i] ?? "";
    rows.push(`${a2 === b2 ? " " : "\u2260"} ${a2.padEnd(width)} \u2502 ${b2}`);
  }
  return rows.join("\n");
}

// checker/refinement-memo.ts
var MAX_ACTOR = 1023;
var SpecMemo = class {
  constructor(spec) {
    this.spec = spec;
  }
  spec;
  scratch = new Encoder();
  /** Interned entries by the 32-bit hash of their encoding (a bucket holds the rare states whose hashes collide). */
  interned = /* @__PURE__ */ new Map();
  /**
   * Interned state object → its entry. Strong maps, not WeakMaps: interned states live as long as the
   * memo anyway, and hundreds of thousands of WeakMap entries cost the garbage collector far more than
   * the lookups (ephemeron tables are re-scanned on every marking).
   */
  entries = /* @__PURE__ */ new Map();
  /** A small number per call object (calls are few and reused by the impl: the map stays small). */
  callIds = /* @__PURE__ */ new Map();
  /** The entry of `s` if `s` is an interned state. */
  entryOf = (s) => isObject(s) ? this.entries.get(s) : void 0;
  /** The entry of the interned state equal to `s` (made on first sight); undefined for a non-object state. */
  intern = (s) => {
    if (!isObject(s)) return void 0;
    const seen = this.entries.get(s);
    if (seen !== void 0) return seen;
    const enc = this.scratch;
    enc.reset();
    enc.u32(1);
    this.spec.encode(s, enc);
    enc.fingerprint();
    const hash = enc.lo;
    const bucket = this.interned.get(hash);
    if (bucket !== void 0) {
      if (!Array.isArray(bucket)) {
        if (enc.sameAs(bucket.single)) return bucket;
      } else {
        for (const known of bucket) if (enc.sameAs(known.single)) return known;
      }
    }
    const single = enc.bytesView().slice();
    const entry2 = { list: Object.freeze([s]), single, memo: void 0, invariants: [], id: -1, hash };
    this.interned.set(hash, bucket === void 0 ? entry2 : Array.isArray(bucket) ? [...bucket, entry2] : [bucket, entry2]);
    this.entries.set(s, entry2);
    return entry2;
  };
  /** `spec.apply` on an interned state, memoized per (actor, call object), each successor interned. */
  memoApply = (entry2, actor, call) => {
    let id = this.callIds.get(call);
    if (id === void 0) this.callIds.set(call, id = this.callIds.size);
    if (actor < -1 || actor >= MAX_ACTOR) throw new Error(`refinement memo: actor ${actor} out of range [-1, ${MAX_ACTOR})`);
    const key = id * (MAX_ACTOR + 1) + actor + 1;
    const memo = entry2.memo ??= /* @__PURE__ */ new Map();
    let alts = memo.get(key);
    if (alts === void 0) {
      alts = this.spec.apply(entry2.list[0], actor, call).map((alt) => {
        const e = this.intern(alt.state);
        return { state: e === void 0 ? alt.state : e.list[0], outcome: alt.outcome, entry: e };
      });
      memo.set(key, alts);
    }
    return alts;
  };
  /** `spec.apply`, through the memo when `s` is interned and `call` an object. */
  apply = (s, actor, call) => {
    const entry2 = this.entryOf(s);
    return entry2 === void 0 || !isObject(call) ? this.spec.apply(s, actor, call) : this.memoApply(entry2, actor, call);
  };
  /** Sorted, duplicate-free candidate list: a canonical form, so equal products encode equally. */
  canonical = (specs) => {
    if (specs.length <= 1) return specs;
    const byKey = /* @__PURE__ */ new Map();
    for (const s of specs) byKey.set(this.keyOf(s), s);
    return [...byKey.keys()].sort().map((k) => byKey.get(k));
  };
  /** The encoding of a candidate list (count, then each state), as the product's `encode` writes it. */
  specsKey = (specs) => {
    if (specs.length === 1) {
      const entry2 = this.entryOf(specs[0]);
      if (entry2 !== void 0) return entry2.single;
    }
    const enc = this.scratch;
    enc.reset();
    enc.u32(specs.length);
    for (const s of specs) this.spec.encode(s, enc);
    return enc.bytesView().slice();
  };
  keyOf(s) {
    const enc = this.scratch;
    enc.reset();
    this.spec.encode(s, enc);
    return Buffer.from(enc.bytesView()).toString("latin1");
  }
};
var ProductNode = class {
  constructor(impl, specs, windows, divergence, key = void 0, entry2 = void 0) {
    this.impl = impl;
    this.specs = specs;
    this.windows = windows;
    this.divergence = divergence;
    this.key = key;
    this.entry = entry2;
  }
  impl;
  specs;
  windows;
  divergence;
  key;
  entry;
  /**
   * Whether every candidate is known to equal `abstract(impl)`: true for
   * the harness's own nodes outside windows without a divergence (it
   * compared them); false for a state wrapped by `nodeOf`.
   */
  compared = false;
  /** Overwrites everything but `impl` (the harness's own steps: outside windows, the candidates were compared). */
  set(specs, windows, entry2, divergence, key) {
    this.compared = windows === 0 && divergence === void 0;
    this.specs = specs;
    this.windows = windows;
    this.entry = entry2;
    this.divergence = divergence;
    this.key = key;
  }
};
function nodeOf(state) {
  return state instanceof ProductNode ? state : new ProductNode(state.impl, state.specs, state.windows, state.divergence);
}
function isObject(x) {
  return typeof x === "object" && x !== null || typeof x === "function";
}
function sameElements(a2, b2) {
  if (a2.length !== b2.length) return false;
  for (let i = 0; i < a2.length; i++) if (a2[i] !== b2[i]) return false;
  return true;
}
function putU32(into, at, v) {
  into[at] = v;
  into[at + 1] = v >>> 8;
  into[at + 2] = v >>> 16;
  into[at + 3] = v >>> 24;
}
function getU32(from, at) {
  return (from[at] | from[at + 1] << 8 | from[at + 2] << 16 | from[at + 3] << 24) >>> 0;
}

// checker/refinement-fast.ts
function fastProduct(steps, implModelFast, report, advance2) {
  return {
    nextInto(state, action, into) {
      report.reset();
      const out = into;
      if (!steps.stepInto(state.impl, action, out.impl, report)) return false;
      advance2(nodeOf(state), out, action);
      return true;
    },
    scratch: () => new ProductNode(steps.scratch(), [], 0, void 0),
    copy(state) {
      const node = nodeOf(state);
      const twin = new ProductNode(implModelFast.copy(node.impl), node.specs, node.windows, node.divergence, node.key, node.entry);
      twin.compared = node.compared;
      return twin;
    }
  };
}
function packedProduct(implPacked) {
  const lists = [];
  const at = implPacked.bytes;
  return {
    bytes: at + 8,
    pack(state, into, offset) {
      const node = nodeOf(state);
      implPacked.pack(node.impl, into, offset);
      let id;
      const entry2 = node.entry;
      if (entry2 !== void 0 && node.divergence === void 0) {
        if (entry2.id < 0) {
          entry2.id = lists.length;
          lists.push({ specs: entry2.list, entry: entry2, key: entry2.single, divergence: void 0 });
        }
        id = entry2.id;
      } else {
        id = lists.length;
        lists.push({ specs: node.specs, entry: entry2, key: node.key, divergence: node.divergence });
      }
      putU32(into, offset + at, node.windows);
      putU32(into, offset + at + 4, id);
    },
    unpack(from, offset, into) {
      const node = into;
      implPacked.unpack(from, offset, node.impl);
      const l = lists[getU32(from, offset + at + 4)];
      node.set(l.specs, getU32(from, offset + at), l.entry, l.divergence, l.key);
    }
  };
}

// checker/refinement-types.ts
var StepReport = class {
  /** The actor that took the step. */
  actor = -1;
  /** The spec operation that takes effect at this step, if this is a linearization step. */
  lin = void 0;
  /** The impl's observable outcome of `lin` (return value, flags, signals...). */
  outcome = void 0;
  /**
   * True when, after this step, the actor's operation is between its
   * linearization step and completion and may leave the impl state ahead of
   * or behind the spec: `abstract(impl)` is not compared until it clears.
   */
  window = false;
  /**
   * Set by the impl only when this step wrote nothing that `abstract` reads
   * (e.g. only its own frame): `abstract(next) = abstract(state)`. The
   * harness then knows the comparison's result when the candidates did not
   * change either and the parent's were compared (see `refinementModel`).
   */
  abstractUnchanged = false;
  reset() {
    this.actor = -1;
    this.lin = void 0;
    this.outcome = void 0;
    this.window = false;
    this.abstractUnchanged = false;
  }
};
var REFINES = "impl refines spec";

// checker/refinement.ts
function refinementModel(spec, impl, name2 = `${impl.model.name} \u2297 spec`, options = {}) {
  const period = options.shortcutCheckPeriod ?? 256;
  if (!Number.isInteger(period) || period < 1) throw new Error(`${name2}: shortcutCheckPeriod must be a positive integer, got ${period}`);
  const implCoverage = impl.model.coverage;
  const sampled = (entry2, actor, action) => {
    if (period === 1 || entry2 === void 0) return true;
    let h = entry2.hash ^ Math.imul(actor + 1, 2654435761) ^ Math.imul((implCoverage === void 0 ? 0 : implCoverage.kindOf(action)) + 1, 2246822507);
    h = Math.imul(h ^ h >>> 16, 2146121005);
    h ^= h >>> 15;
    return (h >>> 0) % period === 0;
  };
  const report = new StepReport();
  const memo = new SpecMemo(spec);
  const { entryOf, intern, memoApply } = memo;
  const implMatches = impl.matches?.bind(impl);
  const stateMismatch = (candidates, abstracted, actor) => ({
    kind: "state",
    actor,
    summary: "abstract(impl) differs from the spec state",
    detail: sideBySide("spec", spec.format(candidates[0]), "abstract(impl)", spec.format(abstracted))
  });
  const same3 = (equal) => equal ? "equal" : "different";
  const shortcutLie = (candidate, abstracted, said, actor) => ({
    kind: "shortcut",
    actor,
    summary: `harness shortcut lied: matches() said ${same3(said)} but abstract() comparison says ${same3(!said)}`,
    detail: sideBySide("spec", spec.format(candidate), "abstract(impl)", spec.format(abstracted))
  });
  const advance2 = (from, out, action) => {
    const nextImpl = out.impl;
    const actor = report.actor;
    const check = sampled(from.entry, actor, action);
    if (check && report.abstractUnchanged) {
      const before = impl.abstract(from.impl);
      const after = impl.abstract(nextImpl);
      if (!spec.equals(before, after)) {
        out.set(
          from.specs,
          from.windows,
          from.entry,
          {
            kind: "shortcut",
            actor,
            summary: "harness shortcut lied: step flagged abstractUnchanged but abstract(impl) changed",
            detail: sideBySide("abstract(impl) before", spec.format(before), "abstract(impl) after", spec.format(after))
          },
          from.key
        );
        return;
      }
    }
    let specs = from.specs;
    let key = from.key;
    let entry2 = from.entry;
    const call = report.lin;
    const implOutcome = report.outcome;
    const only = call !== void 0 && entry2 !== void 0 && isObject(call) ? memoApply(entry2, actor, call) : void 0;
    if (only !== void 0 && only.length === 1 && spec.outcomeEquals(only[0].outcome, implOutcome)) {
      const next = only[0].entry;
      if (next !== entry2) {
        entry2 = next;
        specs = next === void 0 ? [only[0].state] : next.list;
        key = next?.single;
      }
    } else if (call !== void 0) {
      const survivors = [];
      let refused;
      for (const s of from.specs) {
        for (const alt of memo.apply(s, actor, call)) {
          if (spec.outcomeEquals(alt.outcome, implOutcome)) survivors.push(alt.state);
          else (refused ??= []).push(alt.outcome);
        }
      }
      if (survivors.length === 0) {
        const allowed = (refused ?? []).map((o) => spec.formatOutcome(o));
        out.set(
          from.specs,
          from.windows,
          from.entry,
          {
            kind: "outcome",
            actor,
            summary: `${spec.formatCall(call)}: impl outcome ${spec.formatOutcome(implOutcome)} is not allowed by the spec`,
            detail: `impl: ${spec.formatOutcome(implOutcome)}
spec allows: ${[...new Set(allowed)].join(" | ")}`
          },
          from.key
        );
        return;
      }
      if (!sameElements(survivors, from.specs)) {
        specs = memo.canonical(survivors);
        key = void 0;
        entry2 = specs.length === 1 ? entryOf(specs[0]) : void 0;
        if (entry2 !== void 0) {
          specs = entry2.list;
          key = entry2.single;
        }
      }
    }
    let windows = from.windows;
    if (actor >= 0) windows = report.window ? windows | 1 << actor : windows & ~(1 << actor);
    const implied = report.abstractUnchanged && from.compared && (specs === from.specs || specs.length === 1 && from.specs.length === 1 && spec.equals(specs[0], from.specs[0]));
    if (windows === 0 && !implied) {
      let abstracted;
      let matching;
      for (let k = 0; k < specs.length; k++) {
        const s = specs[k];
        let equal;
        if (implMatches === void 0) {
          equal = spec.equals(s, abstracted ??= impl.abstract(nextImpl));
        } else {
          equal = implMatches(nextImpl, s);
          if (check) {
            const truth = spec.equals(s, abstracted ??= impl.abstract(nextImpl));
            if (truth !== equal) {
              out.set(specs, windows, entry2, shortcutLie(s, abstracted, equal, actor), key);
              return;
            }
          }
        }
        if (equal) {
          if (matching !== void 0) matching.push(s);
        } else if (matching === void 0) {
          matching = specs.slice(0, k);
        }
      }
      if (matching !== void 0) {
        if (matching.length === 0) {
          out.set(specs, windows, entry2, stateMismatch(specs, abstracted ?? impl.abstract(nextImpl), actor), key);
          return;
        }
        specs = matching;
        key = void 0;
        entry2 = specs.length === 1 ? entryOf(specs[0]) : void 0;
      }
    }
    out.set(specs, windows, entry2, void 0, key);
  };
  const implFast = impl.fast;
  const implModelFast = impl.model.fast;
  const fast = implFast === void 0 || implModelFast === void 0 ? void 0 : fastProduct(implFast, implModelFast, report, advance2);
  const packed = fast === void 0 || impl.model.packed === void 0 ? void 0 : packedProduct(impl.model.packed);
  const within = impl.model.withinBounds?.bind(impl.model);
  const product = {
    name: name2,
    initStates() {
      const implInits = impl.model.initStates();
      const specInits = spec.initStates();
      if (implInits.length !== specInits.length) {
        throw new Error(`${name2}: ${implInits.length} impl initial states but ${specInits.length} spec initial states`);
      }
      return implInits.map((i, k) => {
        const entry2 = intern(specInits[k]);
        const s = entry2 === void 0 ? specInits[k] : entry2.list[0];
        const a2 = impl.abstract(i);
        const divergence = spec.equals(s, a2) ? void 0 : stateMismatch([s], a2, -1);
        const node = new ProductNode(i, [s], 0, divergence, entry2?.single, entry2);
        node.compared = divergence === void 0;
        return node;
      });
    },
    actions(state, out) {
      if (state.divergence === void 0) impl.model.actions(state.impl, out);
    },
    next(state, action) {
      report.reset();
      const nextImpl = impl.step(state.impl, action, report);
      if (nextImpl === void 0) return void 0;
      const out = new ProductNode(nextImpl, [], 0, void 0);
      advance2(nodeOf(state), out, action);
      return out;
    },
    properties: () => liftProperties(spec, impl, memo),
    encode(state, sink) {
      impl.model.encode(state.impl, sink);
      sink.u32(state.windows);
      const node = nodeOf(state);
      node.key ??= memo.specsKey(node.specs);
      sink.bytes(node.key);
      sink.bool(state.divergence !== void 0);
    },
    formatAction: (a2) => impl.model.formatAction(a2),
    ...impl.model.formatStep === void 0 ? {} : { formatStep: (s, a2) => impl.model.formatStep(s.impl, a2) },
    explainStep(from, action) {
      report.reset();
      impl.step(from.impl, action, report);
      if (report.lin === void 0) return void 0;
      return `linearizes ${spec.formatCall(report.lin)}: impl outcome ${spec.formatOutcome(report.outcome)}`;
    },
    formatState(state) {
      const parts = [impl.model.formatState(state.impl)];
      const shown = spec.format(impl.abstract(state.impl));
      for (const s of state.specs) {
        const text = spec.format(s);
        if (text !== shown) parts.push(`spec: ${text.split("\n").join("\n      ")}`);
      }
      if (state.specs.length > 1) parts.push(`(${state.specs.length} spec states remain possible)`);
      if (state.divergence !== void 0) parts.push(`DIVERGENCE: ${state.divergence.summary}
${state.divergence.detail}`);
      return parts.join("\n");
    },
    ...implCoverage === void 0 ? {} : { coverage: implCoverage },
    ...fast === void 0 ? {} : { fast },
    ...packed === void 0 ? {} : { packed },
    ...within === void 0 ? {} : { withinBounds: (s) => within(s.impl) }
  };
  return product;
}
function liftProperties(spec, impl, memo) {
  const lifted = [];
  spec.invariants.forEach((inv, i) => {
    const holds = (x) => {
      const entry2 = memo.entryOf(x);
      if (entry2 === void 0) return inv.condition(x);
      const known = entry2.invariants[i];
      if (known !== void 0) return known;
      return entry2.invariants[i] = inv.condition(x);
    };
    lifted.push({
      name: `spec: ${inv.name}`,
      expectation: inv.expectation,
      condition: inv.expectation === "always" ? (s) => s.specs.every(holds) : (s) => s.specs.some(holds),
      ...inv.description === void 0 ? {} : { description: inv.description }
    });
  });
  for (const p of impl.model.properties()) {
    if (isTransitionProperty(p)) {
      lifted.push({ ...p, transition: (from, a2, to) => p.transition(from.impl, a2, to.impl) });
    } else {
      lifted.push({ ...p, condition: (s) => p.condition(s.impl) });
    }
  }
  lifted.push({
    name: REFINES,
    expectation: "always",
    condition: (s) => s.divergence === void 0,
    description: "every impl outcome is allowed by the spec and abstract(impl) equals the spec state outside linearization windows"
  });
  return lifted;
}

// impl/argo/quirks.ts
var CORRECT = Object.freeze({
  emptyRingSpaceHeaderOnly: false,
  spaceFromRawRx: false,
  sendvQueueOverwritesEagain: false,
  pendingByDomidOnly: false
});

// model/argo/properties-names.ts
var P = {
  txAligned: "tx aligned and below len",
  intact: "unread messages intact and in order",
  fullAsEmpty: "never full-as-empty",
  space: "payload space rules",
  sufficient: "SUFFICIENT(x \u2265 1) means sendv(x) succeeds and no pending entry is left",
  sendv: "sendv succeeds iff exactly one message is appended",
  pick: "the owner's pick takes exactly the waiters with len \u2264 S",
  signal: "a signal reaches only the domain instance that asked",
  completeness: "notify completeness",
  exactRing: "an exact-partner ring is used only by the instance it was registered for",
  wraps: "ring wraps",
  empty: "ring reported EMPTY",
  granted: "SUFFICIENT granted",
  woken: "a waiter woken",
  dropped: "a signal dropped for a cookie mismatch",
  corner: "ABI corner: SUFFICIENT(0) while no message fits",
  junk: "a bogus rx leaves junk before the messages",
  fallback: "a re-created partner falls back to the wildcard ring",
  reregistered: "a live ring registered again",
  maxEntries: "all 256 entries of a notify answered",
  writeFault: "a write-back fault after the pending list changed",
  ownerGone: "a ring owner destroyed while others wait on its ring",
  threeHeld: "three messages unread in one ring",
  manyWoken: "one pick wakes two waiters"
};

// spec/argo/types.ts
var SLOT = 16;
var MSG_HEADER = 16;
var RESERVED = 32;
var MIN_RING_LEN = 48;
var MAX_NOTIFY_COUNT = 256;
var DOMID_ANY = 32756;
var NO_COOKIE = -1;
var F_EMPTY = 1 << 0;
var F_EXISTS = 1 << 1;
var F_PENDING = 1 << 2;
var F_SUFFICIENT = 1 << 3;
var ENOENT = 2;
var ESRCH = 3;
var EAGAIN = 11;
var EACCES = 13;
var EFAULT = 14;
var EEXIST = 17;
var ENODEV = 19;
var EINVAL = 22;
var EMSGSIZE = 90;
var ECONNREFUSED = 111;
function notifyNent(args) {
  return args.handle === "tooMany" ? MAX_NOTIFY_COUNT + 1 : args.entries.length;
}
var OUT = {
  RC: 0,
  SENDV: 1,
  MSG: 2,
  SPACE: 3,
  WOKEN: 4,
  SIGNALS: 5,
  ENTRY: 6,
  NOTIFY: 7,
  NONE: 8,
  /** A notify step the spec's progress does not expect here: never what an impl reports. */
  PHASE: 9
};
var RC_VALUE = 1;
var SENDV_RC = 1;
var SENDV_DOM = 2;
var SENDV_COOKIE = 3;
var MSG_SRC = 1;
var MSG_LEN = 2;
var MSG_STAMP = 3;
var SPACE_RING = 1;
var SPACE_VALUE = 2;
var WOKEN_RING = 1;
var WOKEN_PAIRS = 2;
var SIGNALS_TRIPLES = 1;
var ENTRY_INDEX = 1;
var ENTRY_RC = 2;
var ENTRY_FLAGS = 3;
var ENTRY_MMS = 4;
var NOTIFY_RC = 1;
var NOTIFY_SIGNALLED = 2;
var NOTIFY_DROPPED = 3;
var NOTIFY_ENTRIES = 4;
var PHASE_EXPECTED = 1;
var NOTIFY_PHASES = ["space", "pick", "signal", "header", "entry"];

// model/argo/config.ts
var RX_RESYNC = -1;
var GUEST_MMS = 57005;
var entry = (dst, port, spaceRequired, fault = "none") => ({
  dst,
  port,
  spaceRequired,
  maxMessageSize: GUEST_MMS,
  fault
});
var notify = (handle, entries = [], unusedNonZero = false) => ({
  op: "notify",
  args: { handle, entries, unusedNonZero }
});
var sendv = (dst, port, len, badNiov = false) => ({ op: "sendv", dst, port, len, badNiov });
var register = (ring2, len, failExist = false) => ({ op: "register", ring: ring2, len, failExist });
var unregister = (ring2) => ({ op: "unregister", ring: ring2 });
var RX_NEAR_2_31 = [2147483633, 2147483648];
var MAX_ENTRIES = Array.from({ length: MAX_NOTIFY_COUNT }, (_, k) => entry(k === 0 ? 0 : 2, 1, 16));
var small = {
  name: "small",
  description: "2 domains; d0 owns a 64-byte wildcard ring and a 48-byte ring for d1 on port 1, notifies, unregisters and re-registers the exact ring; d1 sends 0/16/32 bytes and asks notify about both lengths; d1 re-created once (its predecessor's exact ring out of reach); rx := tx, 49, 0xfffffff1",
  domainArgo: [true, true],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, capacity: 64, len: 64 },
    { owner: 0, port: 1, partner: 1, capacity: 48, len: 48 }
  ],
  menus: [
    [notify("null"), unregister(1), register(1, 48)],
    [sendv(0, 1, 0), sendv(0, 1, 16), sendv(0, 1, 32), notify("entries", [entry(0, 1, 0), entry(0, 1, 32)])]
  ],
  ops: [2, 2],
  rxWrites: [1, 0],
  bogusRx: [RX_RESYNC, 49, 4294967281],
  recreations: [0, 1],
  witnesses: [P.wraps, P.empty, P.granted, P.woken, P.dropped, P.corner, P.junk, P.fallback, P.reregistered]
};
var errors = {
  name: "errors",
  description: "3 domains (d2 without Argo); d0 registers with lengths 32 (below 48), 56 (not a multiple of 16, on the 64-byte slot), 64 (beyond the 48-byte slot), another length, FAIL_EXIST, for d2 and for a destroyed d1, unregisters; d1 notifies with an unreadable entry before a valid one, an entry naming a missing port before a read-only one, an empty entry list, bad magic and a faulting header; d2 registers and unregisters a ring of its own, calls sendv with too many iovs, sendv, notify with nonzero unused arguments and notify; rx := 0x80000000; d0 and d1 destroyed and re-created once",
  domainArgo: [true, true, false],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, capacity: 64, len: 64 },
    { owner: 0, port: 1, partner: 1, capacity: 48, len: 48 },
    { owner: 0, port: 2, partner: 2, capacity: 48, len: 0 },
    { owner: 2, port: 1, partner: DOMID_ANY, capacity: 48, len: 0 }
  ],
  menus: [
    [unregister(1), register(1, 48), register(1, 48, true), register(0, 48), register(1, 32), register(0, 56), register(1, 64), register(2, 48)],
    [
      notify("entries", [entry(0, 1, 0, "read"), entry(0, 1, 16)]),
      notify("entries", [entry(0, 9, 0), entry(0, 1, 64, "write")]),
      notify("entries", []),
      notify("badMagic"),
      notify("fault"),
      sendv(0, 1, 16)
    ],
    [register(3, 48), unregister(3), sendv(0, 1, 16, true), sendv(0, 1, 16), notify("null", [], true), notify("null")]
  ],
  ops: [2, 2, 1],
  rxWrites: [1, 0, 0],
  bogusRx: [RX_NEAR_2_31[1]],
  recreations: [1, 1, 0],
  witnesses: [P.writeFault, P.ownerGone, P.reregistered]
};
var waiters = {
  name: "waiters",
  description: "2 domains, one 48-byte wildcard ring of d0; d0 sends 16 bytes twice (the second waits) and notifies; d1 sends 16 bytes (waits) and asks for 32 (requeue raises the wait); d1 re-created once; the receiver consumes",
  domainArgo: [true, true],
  rings: [{ owner: 0, port: 1, partner: DOMID_ANY, capacity: 48, len: 48 }],
  menus: [
    [sendv(0, 1, 16), notify("null")],
    [sendv(0, 1, 16), notify("entries", [entry(0, 1, 32)])]
  ],
  ops: [3, 2],
  rxWrites: [0, 0],
  bogusRx: [RX_RESYNC],
  recreations: [0, 1],
  witnesses: [P.woken, P.manyWoken, P.dropped, P.empty]
};
var limits = {
  name: "limits",
  description: "2 domains: d1 notifies with exactly 256 entries (the first naming d0's ring) and with 257; d0 sends and notifies meanwhile; rx := 0x7ffffff1 or 0x80000000",
  domainArgo: [true, true],
  rings: [{ owner: 0, port: 1, partner: DOMID_ANY, capacity: 48, len: 48 }],
  menus: [
    [sendv(0, 1, 16), notify("null")],
    [notify("entries", MAX_ENTRIES), notify("tooMany")]
  ],
  ops: [1, 1],
  rxWrites: [1, 0],
  bogusRx: [...RX_NEAR_2_31],
  recreations: [0, 0],
  witnesses: [P.maxEntries, P.junk, P.empty, P.granted]
};
var EDGE_LENGTHS = [0, 1, 15, 16, 17, 32, 33];
var defaultConfig = {
  name: "default",
  description: "3 domains (d2 without Argo); d0 owns a 48-byte wildcard ring and a 64-byte ring for d1 on the same port (d1 reaches the wildcard one while the exact one is unregistered or registered for its predecessor; d0 unregisters and re-registers the exact one); d1 sends 0/1/15/16/17/32/33 bytes; rx := tx, 17 (unaligned), 64 (\u2265 len), 0xfffffff1 (huge); entries naming a missing ring and a domain without Argo; every notify error; d1 re-created once",
  domainArgo: [true, true, false],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, capacity: 48, len: 48 },
    { owner: 0, port: 1, partner: 1, capacity: 64, len: 64 }
  ],
  menus: [
    [notify("null"), unregister(1), register(1, 64)],
    [
      ...EDGE_LENGTHS.map((len) => sendv(0, 1, len)),
      notify("entries", [entry(0, 1, 17), entry(2, 1, 1), entry(0, 2, 1), entry(0, 1, 0, "read")]),
      notify("entries", [entry(0, 1, 0)]),
      notify("badMagic"),
      notify("tooMany"),
      notify("fault"),
      notify("null", [], true)
    ],
    [notify("null")]
  ],
  ops: [3, 3, 1],
  rxWrites: [1, 0, 0],
  bogusRx: [RX_RESYNC, 17, 64, 4294967281],
  recreations: [0, 1, 0],
  // 256 entries, read-only entries and the owner's destruction are covered by `limits` and `small`.
  witnesses: Object.values(P).filter((name2) => name2 !== P.maxEntries && name2 !== P.writeFault && name2 !== P.ownerGone && name2 !== P.manyWoken)
};
var deep = {
  ...defaultConfig,
  name: "deep",
  description: "the default configuration with d0 also sending 16/17 bytes to its own wildcard ring (both rings busy at once, the owner waiting on its own ring) and a second rx write for d0's receiver (two bogus values, or a bogus value then rx := tx to resynchronise past the junk)",
  // 16 and 17 are len − 32 and len − 31 of the 48-byte wildcard ring.
  menus: [[...defaultConfig.menus[0], sendv(0, 1, 16), sendv(0, 1, 17)], ...defaultConfig.menus.slice(1)],
  rxWrites: [2, 0, 0]
};
var ARGO_CONFIGS = [small, errors, waiters, limits, defaultConfig, deep];

// checker/step-machine.ts
var DONE = /* @__PURE__ */ Symbol("done");
function beginOp(ops, op, args) {
  const def = ops[op];
  if (def === void 0) throw new RangeError(`no operation ${op}`);
  return { op, pc: 0, locals: def.begin(args) };
}
function stepOp(ops, frame3, world, report) {
  const def = ops[frame3.op];
  const step = def.steps[frame3.pc];
  if (step === void 0) throw new RangeError(`operation ${def.name} has no step ${frame3.pc}`);
  const result = step.run(world, frame3.locals, report);
  if (result === DONE) return void 0;
  if (!Number.isInteger(result.pc) || result.pc < 0 || result.pc >= def.steps.length) {
    throw new RangeError(`operation ${def.name} jumped to step ${result.pc}`);
  }
  return { op: frame3.op, pc: result.pc, locals: result.locals };
}
function describeFrame(ops, frame3) {
  const def = ops[frame3.op];
  return `${def.name} @ ${def.steps[frame3.pc]?.name ?? `step ${frame3.pc}`}`;
}

// spec/argo/state.ts
import { freeze } from "immer";
import { match } from "ts-pattern";
function initialState(domainArgo, rings) {
  return freeze(
    {
      domains: domainArgo.map((argo) => ({ exists: true, cookie: 0, argo })),
      rings: rings.map((r) => ({
        owner: r.owner,
        port: r.port,
        partner: r.partner,
        capacity: r.capacity,
        registered: r.len > 0,
        len: r.len,
        partnerCookie: r.len > 0 && r.partner !== DOMID_ANY ? 0 : NO_COOKIE,
        tx: 0,
        rx: 0,
        junk: 0,
        msgs: [],
        pending: []
      })),
      notify: domainArgo.map(() => null)
    },
    true
  );
}
var ARGS_DIGEST = /* @__PURE__ */ new WeakMap();
function argsDigest(a2) {
  let d = ARGS_DIGEST.get(a2);
  if (d === void 0) {
    const text = JSON.stringify([a2.handle, a2.unusedNonZero, a2.entries.map((e) => [e.dst, e.port, e.spaceRequired, e.maxMessageSize, e.fault])]);
    let h1 = 2166136261;
    let h2 = 16777619 ^ text.length;
    for (let i = 0; i < text.length; i++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
      h2 = Math.imul(h2 ^ text.charCodeAt(i), 1540483477) >>> 0;
    }
    ARGS_DIGEST.set(a2, d = [h1, h2]);
  }
  return d;
}
function encodeNotify(n, sink) {
  if (n === null) {
    sink.u8(255);
    return;
  }
  sink.u8(NOTIFY_PHASES.indexOf(n.phase));
  const [h1, h2] = argsDigest(n.args);
  sink.u32(h1);
  sink.u32(h2);
  sink.u32(n.args.entries.length);
  sink.u32(n.rings.length);
  for (const r of n.rings) sink.u32(r);
  sink.u32(n.space);
  sink.u32(n.toNotify.length);
  for (const x of n.toNotify) sink.i32(x);
  sink.u32(n.entry);
}
function encodeState(s, sink) {
  for (const d of s.domains) {
    sink.bool(d.exists);
    sink.u32(d.cookie);
  }
  for (const r of s.rings) {
    sink.bool(r.registered);
    sink.u32(r.len);
    sink.i32(r.partnerCookie);
    sink.u32(r.tx);
    sink.u32(r.rx >>> 0);
    sink.u32(r.junk);
    sink.u32(r.msgs.length);
    for (const m of r.msgs) {
      sink.i32(m.src);
      sink.i32(m.len);
      sink.i32(m.stamp);
    }
    sink.u32(r.pending.length);
    for (const p of r.pending) {
      sink.u32(p.dom);
      sink.u32(p.cookie);
      sink.u32(p.len);
    }
  }
  for (const n of s.notify) encodeNotify(n, sink);
}
function ringEquals(a2, b2) {
  if (a2.registered !== b2.registered || a2.len !== b2.len || a2.partnerCookie !== b2.partnerCookie) return false;
  if (a2.tx !== b2.tx || a2.rx !== b2.rx || a2.junk !== b2.junk) return false;
  if (a2.msgs.length !== b2.msgs.length || a2.pending.length !== b2.pending.length) return false;
  for (let i = 0; i < a2.msgs.length; i++) {
    const x = a2.msgs[i];
    const y = b2.msgs[i];
    if (x.src !== y.src || x.len !== y.len || x.stamp !== y.stamp) return false;
  }
  for (let i = 0; i < a2.pending.length; i++) {
    const x = a2.pending[i];
    const y = b2.pending[i];
    if (x.dom !== y.dom || x.cookie !== y.cookie || x.len !== y.len) return false;
  }
  return true;
}
function stateEquals(a2, b2) {
  if (a2 === b2 || a2.domains === b2.domains && a2.rings === b2.rings) return true;
  for (let i = 0; i < a2.domains.length; i++) {
    const x = a2.domains[i];
    const y = b2.domains[i];
    if (x.exists !== y.exists || x.cookie !== y.cookie) return false;
  }
  for (let i = 0; i < a2.rings.length; i++) if (!ringEquals(a2.rings[i], b2.rings[i])) return false;
  return true;
}
var partnerName = (p) => p === DOMID_ANY ? "ANY" : `d${p}`;
function formatState(s) {
  const lines = [];
  s.domains.forEach((d, i) => lines.push(`d${i}: ${d.exists ? `alive cookie=${d.cookie}` : `destroyed (last cookie ${d.cookie})`}${d.argo ? "" : " no-argo"}`));
  s.rings.forEach((r, i) => {
    const head = `ring${i} (d${r.owner}:${r.port} partner ${partnerName(r.partner)}, ${r.capacity} bytes)`;
    if (!r.registered) {
      lines.push(`${head}: unregistered`);
      return;
    }
    const msgs = r.msgs.map((m) => `d${m.src}/${m.len}#${m.stamp}`).join(" ");
    const pend = r.pending.map((p) => `d${p.dom}.c${p.cookie}\u2265${p.len}`).join(" ");
    const forWhom = r.partnerCookie === NO_COOKIE ? "" : ` for d${r.partner}.c${r.partnerCookie}`;
    lines.push(`${head}: len ${r.len}${forWhom} tx=${r.tx} rx=0x${(r.rx >>> 0).toString(16)} junk=${r.junk} msgs=[${msgs}] pending=[${pend}]`);
  });
  s.notify.forEach((n, d) => {
    if (n === null) return;
    lines.push(`spec: d${d} notify at ${n.phase} (rings [${n.rings.join(",")}], S=${n.space}, to-notify [${pairs(n.toNotify)}], entry ${n.entry})`);
  });
  return lines.join("\n");
}
function formatEntry(e) {
  const fault = e.fault === "none" ? "" : ` (${e.fault} fault)`;
  return `d${e.dst}:${e.port} need ${e.spaceRequired}${fault}`;
}
function formatNotifyArgs(a2) {
  const unused = a2.unusedNonZero ? " arg2..4\u22600" : "";
  if (a2.handle !== "entries") return `${a2.handle}${unused}`;
  if (a2.entries.length > 6) return `[${a2.entries.length} entries: ${formatEntry(a2.entries[0])}, \u2026, ${formatEntry(a2.entries[a2.entries.length - 1])}]${unused}`;
  return `[${a2.entries.map(formatEntry).join(", ")}]${unused}`;
}
function formatCall(c) {
  return match(c).with({ kind: "register" }, (x) => `d${x.caller} register ring${x.ring} len ${x.len}${x.failExist ? " FAIL_EXIST" : ""}`).with({ kind: "unregister" }, (x) => `d${x.caller} unregister ring${x.ring}`).with({ kind: "sendv" }, (x) => `d${x.caller} sendv ${x.len}B to d${x.dst}:${x.port}${x.badNiov ? " niov>MAXIOV" : ""}`).with({ kind: "consume" }, (x) => `consume ring${x.ring}`).with({ kind: "writeRx" }, (x) => `ring${x.ring} rx := 0x${(x.value >>> 0).toString(16)}`).with({ kind: "destroy" }, (x) => `destroy d${x.dom}`).with({ kind: "create" }, (x) => `create d${x.dom}`).with({ kind: "notify" }, (x) => `d${x.caller} notify ${formatNotifyArgs(x.args)}`).with({ kind: "notifyBegin" }, (x) => `d${x.caller} notify args ${formatNotifyArgs(x.args)}`).with({ kind: "notifySpace" }, (x) => `d${x.caller} notify: payload space of the next own ring`).with({ kind: "notifyPick" }, (x) => `d${x.caller} notify: pick waiters`).with({ kind: "notifySignal" }, (x) => `d${x.caller} notify: signal the picked`).with({ kind: "notifyHeader" }, (x) => `d${x.caller} notify: ring-data header`).with({ kind: "notifyEntry" }, (x) => `d${x.caller} notify: next ring-data entry`).exhaustive();
}
function pairs(list) {
  const out = [];
  for (let k = 0; k + 1 < list.length; k += 2) out.push(`d${list[k]}.c${list[k + 1]}`);
  return out.join(" ");
}
function formatOutcome(o) {
  switch (o[0]) {
    case OUT.RC:
      return `rc ${o[RC_VALUE]}`;
    case OUT.SENDV:
      return o[SENDV_DOM] >= 0 ? `rc ${o[SENDV_RC]}, signal d${o[SENDV_DOM]}.c${o[SENDV_COOKIE]}` : `rc ${o[SENDV_RC]}, no signal`;
    case OUT.MSG:
      return o.length > 1 ? `message d${o[MSG_SRC]}/${o[MSG_LEN]}#${o[MSG_STAMP]}` : "nothing readable";
    case OUT.SPACE:
      return `ring${o[SPACE_RING]} payload space ${o[SPACE_VALUE]}`;
    case OUT.WOKEN:
      return `ring${o[WOKEN_RING]} woken [${pairs(o.slice(WOKEN_PAIRS))}]`;
    case OUT.SIGNALS: {
      const parts = [];
      for (let k = SIGNALS_TRIPLES; k + 2 < o.length; k += 3) parts.push(`d${o[k]}.c${o[k + 1]} ${o[k + 2] ? "signalled" : "dropped"}`);
      return `signals [${parts.join(", ")}]`;
    }
    case OUT.ENTRY:
      return `entry ${o[ENTRY_INDEX]}: rc ${o[ENTRY_RC]}, flags 0x${o[ENTRY_FLAGS].toString(16)}, max_message_size ${o[ENTRY_MMS]}`;
    case OUT.NOTIFY:
      return `rc ${o[NOTIFY_RC]}, ${o[NOTIFY_SIGNALLED]} signalled, ${o[NOTIFY_DROPPED]} dropped, entries [${o.slice(NOTIFY_ENTRIES).join(" ")}]`;
    case OUT.PHASE: {
      const p = o[PHASE_EXPECTED];
      return p < 0 ? "no notify step expected (none in flight)" : `the spec expected the ${NOTIFY_PHASES[p]} step`;
    }
    default:
      return "no outcome";
  }
}
function outcomeEquals(a2, b2) {
  if (a2.length !== b2.length) return false;
  for (let i = 0; i < a2.length; i++) if (a2[i] !== b2[i]) return false;
  return true;
}

// impl/argo/layout.ts
var D_EXISTS = 0;
var D_COOKIE = 1;
var D_ARGO = 2;
var DS = 3;
var R_REG = 0;
var R_LEN = 1;
var R_PCOOKIE = 2;
var R_TX = 3;
var R_RX = 4;
var R_JUNK = 5;
var R_NMSG = 6;
var R_NPEND = 7;
var R_PEND = 8;
var F_OP = 0;
var F_PC = 1;
var F_CUR = 2;
var F_SPACE = 3;
var F_ENT = 4;
var F_NTO = 5;
var F_TO = 6;
function makeLayout(shape) {
  const nDom = shape.domainArgo.length;
  const nRing = shape.rings.length;
  const ringBase = nDom * DS;
  const ringStride = R_PEND + 3 * shape.maxPending;
  const frameBase = ringBase + nRing * ringStride;
  const frameAt = [];
  const frameLen = [];
  const toNotifyCap = [];
  let at = frameBase;
  for (let d = 0; d < nDom; d++) {
    const own = shape.rings.filter((r) => r.owner === d).length;
    toNotifyCap.push(Math.min(shape.maxToNotify, own * shape.maxPending));
    frameAt.push(at);
    frameLen.push(F_TO + 2 * toNotifyCap[d]);
    at += frameLen[d];
  }
  const envBase = at;
  const memBase = [];
  let memBytes = 0;
  for (const r of shape.rings) {
    memBase.push(memBytes);
    memBytes += r.capacity;
  }
  return { shape, nDom, nRing, ringBase, ringStride, frameBase, frameAt, frameLen, toNotifyCap, envBase, words: envBase + shape.envWords, memBase, memBytes };
}
var AUDIT_WORDS = 2;
function noteWords(L) {
  return Math.max(8, 2 + 4 * L.shape.maxToNotify) + AUDIT_WORDS;
}
function stateBytes(L) {
  return 4 * L.words + L.memBytes;
}
function implOver(bytes, words, noteLen) {
  return {
    bytes,
    w: new Int32Array(bytes.buffer, bytes.byteOffset, words),
    mem: bytes.subarray(4 * words),
    note: new Int32Array(noteLen)
  };
}
function blankImpl(L) {
  return implOver(new Uint8Array(stateBytes(L)), L.words, noteWords(L));
}
var dom = (_L, d, f) => d * DS + f;
var ring = (L, r, f) => L.ringBase + r * L.ringStride + f;
var frame = (L, d, f) => L.frameAt[d] + f;
var ringLen = (s, L, r) => s.w[ring(L, r, R_LEN)];
function initialImpl(L) {
  const s = blankImpl(L);
  const w2 = s.w;
  L.shape.domainArgo.forEach((argo, d) => {
    w2[dom(L, d, D_EXISTS)] = 1;
    w2[dom(L, d, D_ARGO)] = argo ? 1 : 0;
  });
  L.shape.rings.forEach((r, i) => {
    w2[ring(L, i, R_REG)] = r.len > 0 ? 1 : 0;
    w2[ring(L, i, R_LEN)] = r.len;
    w2[ring(L, i, R_PCOOKIE)] = r.len > 0 && r.partner !== DOMID_ANY ? 0 : -1;
  });
  for (let d = 0; d < L.nDom; d++) w2[frame(L, d, F_OP)] = -1;
  return s;
}
function cloneImpl(s) {
  return implOver(s.bytes.slice(), s.w.length, s.note.length);
}
function copyImpl(from, into) {
  into.bytes.set(from.bytes);
  into.note[0] = 0;
  into.note[into.note.length - AUDIT_WORDS] = 0;
}

// spec/argo/ring.ts
function roundUp(a2) {
  return Math.ceil(a2 / SLOT) * SLOT;
}
function msgSize(len) {
  return MSG_HEADER + roundUp(len);
}
function sanitiseRx(rx, len) {
  const r = (rx + SLOT - 1) % 2 ** 32;
  const up = r - r % SLOT;
  return up >= len ? 0 : up;
}
function unread(ring2) {
  const rxs = sanitiseRx(ring2.rx, ring2.len);
  return ((ring2.tx - rxs) % ring2.len + ring2.len) % ring2.len;
}
function freeBytes(ring2) {
  return ring2.len - unread(ring2);
}
function acceptsLen(ring2, len) {
  return len <= ring2.len - RESERVED && roundUp(len) + MSG_HEADER < freeBytes(ring2);
}
function payloadSpace(ring2) {
  return Math.max(freeBytes(ring2) - RESERVED, 0);
}
function msgsBytes(msgs) {
  let n = 0;
  for (const m of msgs) n += msgSize(m.len);
  return n;
}
function fittingSuffix(msgs, bytes) {
  let total = 0;
  let k = msgs.length;
  while (k > 0 && total + msgSize(msgs[k - 1].len) <= bytes) {
    total += msgSize(msgs[k - 1].len);
    k--;
  }
  return k === 0 ? msgs : msgs.slice(k);
}
function payloadByte(src, stamp, i) {
  return stamp * 37 + src * 101 + i * 11 + 5 & 255;
}

// impl/argo/ringbuf.ts
var HDR = 16;
function roundUp32(a2) {
  return (a2 + 15 & ~15) >>> 0;
}
function sanitizeRx(rx, len) {
  const r = roundUp32(rx >>> 0);
  return r >= len ? 0 : r;
}
function argoRingbufGetRxPtr(s, L, r) {
  return s.w[ring(L, r, R_RX)] >>> 0;
}
function ringRxSanitised(s, L, r) {
  return sanitizeRx(argoRingbufGetRxPtr(s, L, r), ringLen(s, L, r));
}
function argoRingbufPayloadSpace(s, L, r, q) {
  const len = ringLen(s, L, r);
  const tx = s.w[ring(L, r, R_TX)] >>> 0;
  const rx = q.spaceFromRawRx ? argoRingbufGetRxPtr(s, L, r) : ringRxSanitised(s, L, r);
  if (rx === tx) return q.emptyRingSpaceHeaderOnly ? len - HDR >>> 0 : len - HDR - 16 >>> 0;
  let ret = rx - tx | 0;
  if (ret < 0) ret = ret + len | 0;
  ret = ret - HDR - 16 | 0;
  return ret < 0 ? 0 : ret >>> 0;
}
function ringFreeBytes(s, L, r) {
  const len = ringLen(s, L, r);
  const tx = s.w[ring(L, r, R_TX)] >>> 0;
  const rx = ringRxSanitised(s, L, r);
  if (rx === tx) return len;
  let sp = rx - tx | 0;
  if (sp < 0) sp = sp + len | 0;
  return sp;
}
function ringPutByte(s, L, r, off, value) {
  if (!Number.isInteger(off) || off < 0 || off >= ringLen(s, L, r)) throw new RangeError(`write outside ring ${r} at offset ${off}`);
  s.mem[L.memBase[r] + off] = value;
}
function putU322(s, L, r, off, v) {
  for (let i = 0; i < 4; i++) ringPutByte(s, L, r, off + i, v >>> 8 * i & 255);
}
function argoRingbufInsert(s, L, r, src, payloadLen) {
  const len = ringLen(s, L, r);
  if (payloadLen > len - 32) return -EMSGSIZE;
  if (roundUp32(payloadLen) + HDR >= ringFreeBytes(s, L, r)) return -EAGAIN;
  const tx = s.w[ring(L, r, R_TX)] >>> 0;
  const stamp = tx >>> 4;
  putU322(s, L, r, tx, HDR + payloadLen);
  putU322(s, L, r, tx + 4, 0);
  putU322(s, L, r, tx + 8, src);
  putU322(s, L, r, tx + 12, stamp);
  let p = (tx + HDR) % len;
  for (let i = 0; i < payloadLen; i++) {
    ringPutByte(s, L, r, p, payloadByte(src, stamp, i));
    p = p + 1 === len ? 0 : p + 1;
  }
  let next = tx + HDR + roundUp32(payloadLen) >>> 0;
  if (next >= len) next = next - len >>> 0;
  s.w[ring(L, r, R_TX)] = next;
  s.w[ring(L, r, R_NMSG)]++;
  return payloadLen;
}
var DEC_SRC = 0;
var DEC_LEN = 1;
var DEC_STAMP = 2;
var DEC_SIZE = 3;
var DEC_OK = 4;
var DECODED = new Float64Array(5);
function peekU32(s, at) {
  const m = s.mem;
  return (m[at] | m[at + 1] << 8 | m[at + 2] << 16 | m[at + 3] << 24) >>> 0;
}
function decodeAt(s, L, r, off) {
  const cap = ringLen(s, L, r);
  const out = DECODED;
  if (off % 16 !== 0 || off < 0 || off >= cap) {
    out[DEC_SRC] = -1;
    out[DEC_LEN] = -1;
    out[DEC_STAMP] = -1;
    out[DEC_SIZE] = 16;
    out[DEC_OK] = 0;
    return false;
  }
  const base = L.memBase[r];
  const at = base + off;
  const total = peekU32(s, at);
  const src = peekU32(s, at + 8);
  const stamp = peekU32(s, at + 12);
  const len = total - HDR;
  out[DEC_SRC] = src;
  out[DEC_LEN] = len;
  out[DEC_STAMP] = stamp;
  if (total < HDR || len > cap - 32 || peekU32(s, at + 4) !== 0) {
    out[DEC_SIZE] = 16;
    out[DEC_OK] = 0;
    return false;
  }
  out[DEC_SIZE] = HDR + roundUp32(len);
  const mem = s.mem;
  let ok = true;
  let p = (off + HDR) % cap;
  for (let i = 0; i < len; i++) {
    if (mem[base + p] !== payloadByte(src, stamp, i)) {
      ok = false;
      break;
    }
    p = p + 1 === cap ? 0 : p + 1;
  }
  out[DEC_OK] = ok ? 1 : 0;
  return ok;
}
function decodeMessage(s, L, r, off) {
  const ok = decodeAt(s, L, r, off);
  const d = DECODED;
  return { src: d[DEC_SRC], len: d[DEC_LEN], stamp: d[DEC_STAMP], size: d[DEC_SIZE], ok };
}
function firstMessageOffset(s, L, r) {
  return (ringRxSanitised(s, L, r) + s.w[ring(L, r, R_JUNK)]) % ringLen(s, L, r);
}
function unreadIntact(s, L, r) {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)];
  let off = firstMessageOffset(s, L, r);
  for (let k = 0; k < n; k++) {
    if (!decodeAt(s, L, r, off)) return false;
    off = (off + DECODED[DEC_SIZE]) % len;
  }
  return off === s.w[ring(L, r, R_TX)] >>> 0;
}
function unreadMessages(s, L, r) {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)];
  let off = firstMessageOffset(s, L, r);
  const msgs = [];
  let intact = true;
  for (let k = 0; k < n; k++) {
    const m = decodeMessage(s, L, r, off);
    msgs.push(m);
    if (!m.ok) {
      intact = false;
      break;
    }
    off = (off + m.size) % len;
  }
  if (intact && off !== s.w[ring(L, r, R_TX)] >>> 0) intact = false;
  return { msgs, intact };
}
function ringUnreadBytes(s, L, r) {
  return ringLen(s, L, r) - ringFreeBytes(s, L, r);
}

// impl/argo/abstract.ts
function abstractArgo(s, L) {
  const domains = L.shape.domainArgo.map((_, d) => ({
    exists: s.w[dom(L, d, D_EXISTS)] === 1,
    cookie: s.w[dom(L, d, D_COOKIE)],
    argo: s.w[dom(L, d, D_ARGO)] === 1
  }));
  const rings = L.shape.rings.map((decl, r) => {
    const base = { owner: decl.owner, port: decl.port, partner: decl.partner, capacity: decl.capacity, len: s.w[ring(L, r, R_LEN)], partnerCookie: s.w[ring(L, r, R_PCOOKIE)] };
    if (s.w[ring(L, r, R_REG)] !== 1) return { ...base, registered: false, tx: 0, rx: 0, junk: 0, msgs: [], pending: [] };
    const { msgs: decoded, intact } = unreadMessages(s, L, r);
    const msgs = decoded.map((m) => ({ src: m.ok ? m.src : -1, len: m.len, stamp: m.stamp }));
    if (!intact && msgs.every((m) => m.src >= 0)) msgs.push({ src: -1, len: -1, stamp: -1 });
    const pending = [];
    for (let k = 0; k < s.w[ring(L, r, R_NPEND)]; k++) {
      const at = ring(L, r, R_PEND + 3 * k);
      pending.push({ dom: s.w[at], cookie: s.w[at + 1], len: s.w[at + 2] >>> 0 });
    }
    return {
      ...base,
      registered: true,
      tx: s.w[ring(L, r, R_TX)] >>> 0,
      rx: s.w[ring(L, r, R_RX)] >>> 0,
      junk: s.w[ring(L, r, R_JUNK)],
      msgs,
      pending
    };
  });
  return { domains, rings, notify: domains.map(() => null) };
}
function matchesArgo(s, L, spec) {
  const w2 = s.w;
  for (let d = 0; d < L.nDom; d++) {
    const x = spec.domains[d];
    if (x.exists !== (w2[dom(L, d, D_EXISTS)] === 1) || x.cookie !== w2[dom(L, d, D_COOKIE)]) return false;
  }
  for (let r = 0; r < L.nRing; r++) {
    const x = spec.rings[r];
    const registered = w2[ring(L, r, R_REG)] === 1;
    if (x.registered !== registered || x.len !== w2[ring(L, r, R_LEN)] || x.partnerCookie !== w2[ring(L, r, R_PCOOKIE)]) return false;
    if (!registered) {
      if (x.tx !== 0 || x.rx !== 0 || x.junk !== 0 || x.msgs.length !== 0 || x.pending.length !== 0) return false;
      continue;
    }
    const tx = w2[ring(L, r, R_TX)] >>> 0;
    if (x.tx !== tx || x.rx !== w2[ring(L, r, R_RX)] >>> 0 || x.junk !== w2[ring(L, r, R_JUNK)]) return false;
    if (!messagesMatch(s, L, r, tx, x.msgs)) return false;
    const n = w2[ring(L, r, R_NPEND)];
    if (x.pending.length !== n) return false;
    for (let k = 0; k < n; k++) {
      const at = ring(L, r, R_PEND + 3 * k);
      const p = x.pending[k];
      if (p.dom !== w2[at] || p.cookie !== w2[at + 1] || p.len !== w2[at + 2] >>> 0) return false;
    }
  }
  return true;
}
function messagesMatch(s, L, r, tx, msgs) {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)];
  let off = firstMessageOffset(s, L, r);
  for (let k = 0; k < n; k++) {
    const ok = decodeAt(s, L, r, off);
    const m = msgs[k];
    if (m === void 0 || m.src !== (ok ? DECODED[DEC_SRC] : -1) || m.len !== DECODED[DEC_LEN] || m.stamp !== DECODED[DEC_STAMP]) return false;
    if (!ok) return msgs.length === k + 1;
    off = (off + DECODED[DEC_SIZE]) % len;
  }
  if (off === tx) return msgs.length === n;
  const marker = msgs[n];
  return msgs.length === n + 1 && marker.src === -1 && marker.len === -1 && marker.stamp === -1;
}

// impl/argo/guest.ts
function guestCanConsume(s, L, r) {
  return s.w[ring(L, r, R_REG)] === 1 && s.w[ring(L, r, R_JUNK)] === 0 && s.w[ring(L, r, R_NMSG)] > 0;
}
function guestConsume(s, L, r) {
  if (!guestCanConsume(s, L, r)) return [OUT.MSG];
  const len = ringLen(s, L, r);
  const off = ringRxSanitised(s, L, r);
  decodeAt(s, L, r, off);
  s.w[ring(L, r, R_RX)] = (off + DECODED[DEC_SIZE]) % len;
  s.w[ring(L, r, R_NMSG)]--;
  return [OUT.MSG, DECODED[DEC_SRC], DECODED[DEC_LEN], DECODED[DEC_STAMP]];
}
function guestWriteRx(s, L, r, value) {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)];
  const sizes = SIZES.length >= n ? SIZES : SIZES = new Int32Array(n);
  let count = 0;
  let off = firstMessageOffset(s, L, r);
  for (let k2 = 0; k2 < n; k2++) {
    const ok = decodeAt(s, L, r, off);
    sizes[count++] = DECODED[DEC_SIZE];
    if (!ok) break;
    off = (off + DECODED[DEC_SIZE]) % len;
  }
  s.w[ring(L, r, R_RX)] = value | 0;
  const u = ringUnreadBytes(s, L, r);
  let total = 0;
  let k = count;
  while (k > 0 && total + sizes[k - 1] <= u) {
    total += sizes[k - 1];
    k--;
  }
  s.w[ring(L, r, R_NMSG)] = count - k;
  s.w[ring(L, r, R_JUNK)] = u - total;
  return NONE;
}
var SIZES = new Int32Array(16);
var NONE = Object.freeze([OUT.NONE]);

// impl/argo/pending.ts
function find(s, L, r, domid, cookie, q) {
  const n = s.w[ring(L, r, R_NPEND)];
  for (let k = 0; k < n; k++) {
    const at = ring(L, r, R_PEND + 3 * k);
    if (s.w[at] === domid && (q.pendingByDomidOnly || s.w[at + 1] === cookie)) return k;
  }
  return -1;
}
function removeAt(s, L, r, k) {
  const n = s.w[ring(L, r, R_NPEND)];
  const base = ring(L, r, R_PEND);
  s.w.copyWithin(base + 3 * k, base + 3 * (k + 1), base + 3 * n);
  s.w.fill(0, base + 3 * (n - 1), base + 3 * n);
  s.w[ring(L, r, R_NPEND)] = n - 1;
}
function argoPendingQueue(s, L, r, domid, cookie, len) {
  const n = s.w[ring(L, r, R_NPEND)];
  if (n >= L.shape.maxPending) throw new RangeError(`pending list of ring ${r} overflows its ${L.shape.maxPending} entries`);
  const base = ring(L, r, R_PEND);
  let k = n;
  while (k > 0 && (s.w[base + 3 * (k - 1)] > domid || s.w[base + 3 * (k - 1)] === domid && s.w[base + 3 * (k - 1) + 1] > cookie)) k--;
  s.w.copyWithin(base + 3 * (k + 1), base + 3 * k, base + 3 * n);
  s.w[base + 3 * k] = domid;
  s.w[base + 3 * k + 1] = cookie;
  s.w[base + 3 * k + 2] = len;
  s.w[ring(L, r, R_NPEND)] = n + 1;
  return 0;
}
function argoPendingRequeue(s, L, r, domid, cookie, len, q) {
  const k = find(s, L, r, domid, cookie, q);
  if (k < 0) return argoPendingQueue(s, L, r, domid, cookie, len);
  const at = ring(L, r, R_PEND + 3 * k + 2);
  if (s.w[at] >>> 0 < len) s.w[at] = len;
  return 0;
}
function argoPendingCancel(s, L, r, domid, cookie, q) {
  for (let k = find(s, L, r, domid, cookie, q); k >= 0; k = find(s, L, r, domid, cookie, q)) removeAt(s, L, r, k);
}
function argoPendingRemoveAll(s, L, r) {
  s.w.fill(0, ring(L, r, R_NPEND), ring(L, r, R_PEND + 3 * L.shape.maxPending));
}
function argoPendingFind(s, L, r, space, caller) {
  let moved = 0;
  let k = 0;
  while (k < s.w[ring(L, r, R_NPEND)]) {
    const at = ring(L, r, R_PEND + 3 * k);
    if (s.w[at + 2] >>> 0 <= space) {
      const nto = s.w[frame(L, caller, F_NTO)];
      if (nto >= L.toNotifyCap[caller]) throw new RangeError(`to-notify list of d${caller} overflows`);
      s.w[frame(L, caller, F_TO + 2 * nto)] = s.w[at];
      s.w[frame(L, caller, F_TO + 2 * nto + 1)] = s.w[at + 1];
      s.w[frame(L, caller, F_NTO)] = nto + 1;
      removeAt(s, L, r, k);
      moved++;
    } else {
      k++;
    }
  }
  return moved;
}
function argoSignalDomid(s, L, domid, cookie, q) {
  if (s.w[dom(L, domid, D_EXISTS)] !== 1 || s.w[dom(L, domid, D_ARGO)] !== 1) return false;
  return q.pendingByDomidOnly || s.w[dom(L, domid, D_COOKIE)] === cookie;
}

// impl/argo/ops.ts
var NOTE = {
  SENDV: 1,
  ENTRY: 2,
  PICK: 3,
  SIGNALS: 4,
  SPACE: 5
};
var NOTE_SENDV = { ring: 1, rc: 2, signalled: 3, wrapped: 4 };
var NOTE_ENTRY = { ring: 1, caller: 2, cookie: 3, need: 4, flags: 5, rc: 6 };
var NOTE_PICK = { ring: 1, space: 2, moved: 3 };
var NOTE_SPACE = { ring: 1, space: 2 };
var NOTE_SIGNALS = { count: 1, first: 2, stride: 4, dom: 0, asked: 1, recipient: 2, delivered: 3 };
function setNote(s, tag, a2, b2, c, d = 0, e = 0, f = 0) {
  const n = s.note;
  n[0] = tag;
  n[1] = a2;
  n[2] = b2;
  n[3] = c;
  n[4] = d;
  n[5] = e;
  n[6] = f;
}
var hasArgo = (s, L, d) => s.w[dom(L, d, D_EXISTS)] === 1 && s.w[dom(L, d, D_ARGO)] === 1;
function argoRingFindInfoByMatch(s, L, dst, port, partner) {
  if (dst < 0 || dst >= L.nDom || !hasArgo(s, L, dst)) return -1;
  const cookie = s.w[dom(L, partner, D_COOKIE)];
  let wildcard = -1;
  for (let i = 0; i < L.nRing; i++) {
    const decl = L.shape.rings[i];
    if (s.w[ring(L, i, R_REG)] !== 1 || decl.owner !== dst || decl.port !== port) continue;
    if (decl.partner === partner && s.w[ring(L, i, R_PCOOKIE)] === cookie) return i;
    if (decl.partner === DOMID_ANY && wildcard < 0) wildcard = i;
  }
  return wildcard;
}
function resetRing(s, L, r, len, partnerCookie) {
  argoPendingRemoveAll(s, L, r);
  s.w[ring(L, r, R_REG)] = len > 0 ? 1 : 0;
  s.w[ring(L, r, R_LEN)] = len;
  s.w[ring(L, r, R_PCOOKIE)] = partnerCookie;
  s.w[ring(L, r, R_TX)] = 0;
  s.w[ring(L, r, R_RX)] = 0;
  s.w[ring(L, r, R_JUNK)] = 0;
  s.w[ring(L, r, R_NMSG)] = 0;
  s.mem.fill(0, L.memBase[r], L.memBase[r] + L.shape.rings[r].capacity);
}
function argoRegisterRing(s, L, caller, r, len, failExist) {
  const decl = L.shape.rings[r];
  if (len < 48 || (len & 15) !== 0 || len > decl.capacity) return [OUT.RC, -EINVAL];
  const exact = decl.partner !== DOMID_ANY;
  if (exact && s.w[dom(L, decl.partner, D_EXISTS)] !== 1) return [OUT.RC, -ESRCH];
  if (!hasArgo(s, L, caller)) return [OUT.RC, -ENODEV];
  if (exact && s.w[dom(L, decl.partner, D_ARGO)] !== 1) return [OUT.RC, -ECONNREFUSED];
  const cookie = exact ? s.w[dom(L, decl.partner, D_COOKIE)] : -1;
  if (s.w[ring(L, r, R_REG)] === 1) {
    if (failExist || s.w[ring(L, r, R_LEN)] !== len) return [OUT.RC, -EEXIST];
    s.w[ring(L, r, R_PCOOKIE)] = cookie;
    return [OUT.RC, 0];
  }
  resetRing(s, L, r, len, cookie);
  return [OUT.RC, 0];
}
function argoUnregisterRing(s, L, caller, r) {
  if (!hasArgo(s, L, caller)) return [OUT.RC, -ENODEV];
  if (s.w[ring(L, r, R_REG)] !== 1) return [OUT.RC, -ENOENT];
  resetRing(s, L, r, 0, -1);
  return [OUT.RC, 0];
}
function argoSendv(s, L, caller, dst, port, len, badNiov, q) {
  let err = 0;
  if (badNiov) err = EINVAL;
  else if (s.w[dom(L, dst, D_EXISTS)] !== 1) err = ESRCH;
  else if (!hasArgo(s, L, caller)) err = ENODEV;
  const r = err === 0 ? argoRingFindInfoByMatch(s, L, dst, port, caller) : -1;
  if (err === 0 && r < 0) err = ECONNREFUSED;
  if (err !== 0) {
    setNote(s, NOTE.SENDV, -1, -err, 0, 0);
    return [OUT.SENDV, -err, -1, -1];
  }
  const txBefore = s.w[ring(L, r, R_TX)];
  let ret = argoRingbufInsert(s, L, r, caller, len);
  if (ret === -EAGAIN) {
    const queued = argoPendingRequeue(s, L, r, caller, s.w[dom(L, caller, D_COOKIE)], len, q);
    if (q.sendvQueueOverwritesEagain) ret = queued;
  }
  if (ret >= 0) {
    const wrapped = s.w[ring(L, r, R_TX)] <= txBefore ? 1 : 0;
    const owner = L.shape.rings[r].owner;
    setNote(s, NOTE.SENDV, r, ret, 1, wrapped);
    return [OUT.SENDV, ret, owner, s.w[dom(L, owner, D_COOKIE)]];
  }
  setNote(s, NOTE.SENDV, r, ret, 0, 0);
  return [OUT.SENDV, ret, -1, -1];
}
function argoFillRingData(s, L, caller, k, e, q) {
  if (e.fault === "read") {
    setNote(s, NOTE.ENTRY, -1, caller, 0, e.spaceRequired, 0, -EFAULT);
    return [OUT.ENTRY, k, -EFAULT, 0, 0];
  }
  const cookie = s.w[dom(L, caller, D_COOKIE)];
  const r = argoRingFindInfoByMatch(s, L, e.dst, e.port, caller);
  let flags2 = 0;
  let maxMessageSize = e.maxMessageSize;
  if (r >= 0) {
    flags2 = F_EXISTS;
    maxMessageSize = s.w[ring(L, r, R_LEN)] - 16 - 16 >>> 0;
    const spaceAvail = argoRingbufPayloadSpace(s, L, r, q);
    if (spaceAvail >= e.spaceRequired) {
      argoPendingCancel(s, L, r, caller, cookie, q);
      flags2 |= F_SUFFICIENT;
    } else {
      argoPendingRequeue(s, L, r, caller, cookie, e.spaceRequired, q);
      flags2 |= F_PENDING;
    }
    if (spaceAvail === maxMessageSize) flags2 |= F_EMPTY;
  }
  const rc2 = e.fault === "write" ? -EFAULT : 0;
  setNote(s, NOTE.ENTRY, r, caller, cookie, e.spaceRequired, flags2, rc2);
  return rc2 === 0 ? [OUT.ENTRY, k, 0, flags2, maxMessageSize] : [OUT.ENTRY, k, rc2, 0, 0];
}
function domainDestroy(s, L, d) {
  s.w[dom(L, d, D_EXISTS)] = 0;
  for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r].owner === d) resetRing(s, L, r, 0, -1);
  return [OUT.NONE];
}
function domainCreate(s, L, d) {
  s.w[dom(L, d, D_EXISTS)] = 1;
  s.w[dom(L, d, D_COOKIE)]++;
  return [OUT.NONE];
}

// impl/argo/notify.ts
function notifyWorld(s, L, caller, args, q) {
  const calls = {
    begin: { kind: "notifyBegin", caller, args },
    space: { kind: "notifySpace", caller },
    pick: { kind: "notifyPick", caller },
    signal: { kind: "notifySignal", caller },
    header: { kind: "notifyHeader", caller },
    entry: { kind: "notifyEntry", caller }
  };
  return { s, L, caller, args, q, calls };
}
var NotifyPc = {
  begin: 0,
  space: 1,
  pick: 2,
  signal: 3,
  header: 4,
  entry: 5
};
var GOTO = Object.values(NotifyPc).map((pc) => ({ pc, locals: 0 }));
var goto = (pc) => GOTO[pc];
function lin(report, call, outcome) {
  report.lin = call;
  report.outcome = outcome;
}
function nextOwnRing(w2, after) {
  for (let r = after + 1; r < w2.L.nRing; r++) {
    if (w2.L.shape.rings[r].owner === w2.caller && w2.s.w[ring(w2.L, r, R_REG)] === 1) return r;
  }
  return -1;
}
function advance(w2) {
  const next = nextOwnRing(w2, w2.s.w[frame(w2.L, w2.caller, F_CUR)]);
  w2.s.w[frame(w2.L, w2.caller, F_CUR)] = next;
  return goto(next >= 0 ? NotifyPc.space : NotifyPc.signal);
}
var argoNotifyOp = {
  name: "notify",
  begin: () => 0,
  steps: [
    {
      name: "check arguments",
      linearizes: true,
      run(w2, _l, report) {
        let rc2 = 0;
        if (w2.args.unusedNonZero) rc2 = -EINVAL;
        else if (w2.s.w[dom(w2.L, w2.caller, D_ARGO)] !== 1 || w2.s.w[dom(w2.L, w2.caller, D_EXISTS)] !== 1) rc2 = -ENODEV;
        lin(report, w2.calls.begin, [OUT.RC, rc2]);
        report.abstractUnchanged = true;
        if (rc2 !== 0) return DONE;
        w2.s.w[frame(w2.L, w2.caller, F_CUR)] = -1;
        return advance(w2);
      }
    },
    {
      name: "payload space (ring lock)",
      linearizes: true,
      run(w2, _l, report) {
        const r = w2.s.w[frame(w2.L, w2.caller, F_CUR)];
        const space = argoRingbufPayloadSpace(w2.s, w2.L, r, w2.q);
        lin(report, w2.calls.space, [OUT.SPACE, r, space]);
        setNote(w2.s, NOTE.SPACE, r, space, 0);
        report.abstractUnchanged = true;
        if (space === 0) return advance(w2);
        w2.s.w[frame(w2.L, w2.caller, F_SPACE)] = space;
        return goto(NotifyPc.pick);
      }
    },
    {
      name: "pick waiters (ring lock again)",
      linearizes: true,
      run(w2, _l, report) {
        const r = w2.s.w[frame(w2.L, w2.caller, F_CUR)];
        const space = w2.s.w[frame(w2.L, w2.caller, F_SPACE)] >>> 0;
        const before = w2.s.w[frame(w2.L, w2.caller, F_NTO)];
        const moved = argoPendingFind(w2.s, w2.L, r, space, w2.caller);
        const out = [OUT.WOKEN, r];
        for (let k = before; k < before + moved; k++) out.push(w2.s.w[frame(w2.L, w2.caller, F_TO + 2 * k)], w2.s.w[frame(w2.L, w2.caller, F_TO + 2 * k + 1)]);
        lin(report, w2.calls.pick, out);
        report.abstractUnchanged = moved === 0;
        setNote(w2.s, NOTE.PICK, r, space, moved);
        w2.s.w[frame(w2.L, w2.caller, F_SPACE)] = 0;
        return advance(w2);
      }
    },
    {
      name: "signal the woken (argo_pending_notify)",
      linearizes: true,
      run(w2, _l, report) {
        const n = w2.s.w[frame(w2.L, w2.caller, F_NTO)];
        const out = [OUT.SIGNALS];
        const note = w2.s.note;
        note[0] = NOTE.SIGNALS;
        note[NOTE_SIGNALS.count] = n;
        for (let k = 0; k < n; k++) {
          const d = w2.s.w[frame(w2.L, w2.caller, F_TO + 2 * k)];
          const c = w2.s.w[frame(w2.L, w2.caller, F_TO + 2 * k + 1)];
          const delivered = argoSignalDomid(w2.s, w2.L, d, c, w2.q);
          out.push(d, c, delivered ? 1 : 0);
          const at = NOTE_SIGNALS.first + NOTE_SIGNALS.stride * k;
          note[at + NOTE_SIGNALS.dom] = d;
          note[at + NOTE_SIGNALS.asked] = c;
          note[at + NOTE_SIGNALS.recipient] = w2.s.w[dom(w2.L, d, D_EXISTS)] === 1 ? w2.s.w[dom(w2.L, d, D_COOKIE)] : -1;
          note[at + NOTE_SIGNALS.delivered] = delivered ? 1 : 0;
        }
        w2.s.w.fill(0, frame(w2.L, w2.caller, F_NTO), frame(w2.L, w2.caller, F_TO + 2 * w2.L.toNotifyCap[w2.caller]));
        lin(report, w2.calls.signal, out);
        report.abstractUnchanged = true;
        return w2.args.handle === "null" ? DONE : goto(NotifyPc.header);
      }
    },
    {
      name: "read ring-data header",
      linearizes: true,
      run(w2, _l, report) {
        let rc2 = 0;
        if (w2.args.handle === "fault") rc2 = -EFAULT;
        else if (w2.args.handle === "badMagic") rc2 = -EINVAL;
        else if (notifyNent(w2.args) > 256) rc2 = -EACCES;
        lin(report, w2.calls.header, [OUT.RC, rc2]);
        report.abstractUnchanged = true;
        if (rc2 !== 0 || w2.args.entries.length === 0) return DONE;
        w2.s.w[frame(w2.L, w2.caller, F_ENT)] = 0;
        return goto(NotifyPc.entry);
      }
    },
    {
      name: "fill ring-data entry (destination ring lock)",
      linearizes: true,
      run(w2, _l, report) {
        const k = w2.s.w[frame(w2.L, w2.caller, F_ENT)];
        const entry2 = w2.args.entries[k];
        const out = argoFillRingData(w2.s, w2.L, w2.caller, k, entry2, w2.q);
        lin(report, w2.calls.entry, out);
        report.abstractUnchanged = entry2.fault === "read" || w2.s.note[NOTE_ENTRY.ring] < 0;
        if (out[ENTRY_RC] !== 0 || k + 1 >= w2.args.entries.length) return DONE;
        w2.s.w[frame(w2.L, w2.caller, F_ENT)] = k + 1;
        return goto(NotifyPc.entry);
      }
    }
  ]
};

// model/argo/env.ts
var ActionKind = {
  start: 0,
  step: 1,
  consume: 2,
  writeRx: 3,
  destroy: 4,
  create: 5
};
var ACTION_KIND_NAMES = ["start hypercall", "next step", "receiver consumes", "receiver writes rx", "destroy domain", "create domain"];
var Budget = {
  ops: 0,
  rxWrites: 1,
  recreations: 2
};
var BUDGET_WORDS = 3;
function allActions(cfg) {
  const out = [];
  const n = cfg.domainArgo.length;
  for (let d = 0; d < n; d++) {
    cfg.menus[d].forEach((_, i) => out.push({ kind: ActionKind.start, dom: d, arg: i, value: 0 }));
    out.push({ kind: ActionKind.step, dom: d, arg: 0, value: 0 });
  }
  for (let d = 0; d < n; d++) {
    cfg.rings.forEach((r, i) => {
      if (r.owner !== d) return;
      out.push({ kind: ActionKind.consume, dom: d, arg: i, value: 0 });
      cfg.bogusRx.forEach((_, v) => out.push({ kind: ActionKind.writeRx, dom: d, arg: i, value: v }));
    });
  }
  for (let d = 0; d < n; d++) {
    out.push({ kind: ActionKind.destroy, dom: d, arg: 0, value: 0 });
    out.push({ kind: ActionKind.create, dom: d, arg: 0, value: 0 });
  }
  return out;
}
function environment(cfg, view) {
  const every = allActions(cfg);
  const n = cfg.domainArgo.length;
  const startsOf = cfg.domainArgo.map((_, d) => every.filter((a2) => a2.kind === ActionKind.start && a2.dom === d));
  const stepOf = cfg.domainArgo.map((_, d) => every.find((a2) => a2.kind === ActionKind.step && a2.dom === d));
  const receivers = every.filter((a2) => a2.kind === ActionKind.consume || a2.kind === ActionKind.writeRx);
  const destroyOf = cfg.domainArgo.map((_, d) => every.find((a2) => a2.kind === ActionKind.destroy && a2.dom === d));
  const createOf = cfg.domainArgo.map((_, d) => every.find((a2) => a2.kind === ActionKind.create && a2.dom === d));
  const anyBusy = (s) => {
    for (let d = 0; d < n; d++) if (view.busy(s, d)) return true;
    return false;
  };
  const enabled = (s, a2) => {
    switch (a2.kind) {
      case ActionKind.start:
        return view.alive(s, a2.dom) && !view.busy(s, a2.dom) && view.budget(s, a2.dom, Budget.ops) > 0;
      case ActionKind.step:
        return view.busy(s, a2.dom);
      case ActionKind.consume:
        return view.canConsume(s, a2.arg);
      case ActionKind.writeRx:
        return view.registered(s, a2.arg) && view.budget(s, a2.dom, Budget.rxWrites) > 0;
      case ActionKind.destroy:
        return view.alive(s, a2.dom) && view.budget(s, a2.dom, Budget.recreations) > 0 && !anyBusy(s);
      case ActionKind.create:
        return !view.alive(s, a2.dom) && !anyBusy(s);
      default:
        return assertNever(a2.kind);
    }
  };
  const actions = (s, out) => {
    for (let d = 0; d < n; d++) {
      if (view.busy(s, d)) out.push(stepOf[d]);
      else if (view.alive(s, d) && view.budget(s, d, Budget.ops) > 0) for (const a2 of startsOf[d]) out.push(a2);
    }
    for (const a2 of receivers) if (enabled(s, a2)) out.push(a2);
    if (anyBusy(s)) return;
    for (let d = 0; d < n; d++) {
      if (view.alive(s, d)) {
        if (view.budget(s, d, Budget.recreations) > 0) out.push(destroyOf[d]);
      } else {
        out.push(createOf[d]);
      }
    }
  };
  return { every, enabled, actions };
}
function initialBudgets(cfg, into, base) {
  for (let d = 0; d < cfg.domainArgo.length; d++) {
    into[base + BUDGET_WORDS * d + Budget.ops] = cfg.ops[d];
    into[base + BUDGET_WORDS * d + Budget.rxWrites] = cfg.rxWrites[d];
    into[base + BUDGET_WORDS * d + Budget.recreations] = cfg.recreations[d];
  }
}
function spendBudget(a2, w2, base) {
  const at = base + BUDGET_WORDS * a2.dom;
  switch (a2.kind) {
    case ActionKind.start:
      w2[at + Budget.ops]--;
      break;
    case ActionKind.writeRx:
      w2[at + Budget.rxWrites]--;
      break;
    case ActionKind.destroy:
      w2[at + Budget.recreations]--;
      break;
    case ActionKind.step:
    case ActionKind.consume:
    case ActionKind.create:
      break;
    default:
      assertNever(a2.kind);
  }
}
function rxValue(cfg, a2, tx) {
  const v = cfg.bogusRx[a2.value];
  return v === RX_RESYNC ? tx >>> 0 : v >>> 0;
}
function callOf(d, op) {
  switch (op.op) {
    case "register":
      return { kind: "register", caller: d, ring: op.ring, len: op.len, failExist: op.failExist };
    case "unregister":
      return { kind: "unregister", caller: d, ring: op.ring };
    case "sendv":
      return { kind: "sendv", caller: d, dst: op.dst, port: op.port, len: op.len, badNiov: op.badNiov };
    case "notify":
      return { kind: "notify", caller: d, args: op.args };
    default:
      return assertNever(op);
  }
}
function assertNever(x) {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

// model/argo/audit.ts
var Audit = {
  /** Bit per ring: snapshots taken. */
  visited: 0,
  /** Bit per ring: measured with S > 0 and not picked yet. */
  needPick: 1,
  /** The payload space of the current ring at its snapshot, by the spec's formula. */
  space: 2,
  /** Bit per sender instance (`instanceBit`): picked and not yet signalled or dropped. */
  owed: 3,
  /** Ring-data entries answered. */
  entries: 4
};
var AUDIT_PER_DOMAIN = 5;
var Incomplete = {
  none: 0,
  ringNotVisited: 1,
  ringNotPicked: 2,
  waiterNotSignalled: 3,
  entriesNotAnswered: 4
};
var INCOMPLETE_REASONS = {
  [Incomplete.ringNotVisited]: "an own ring was never measured",
  [Incomplete.ringNotPicked]: "a ring measured with space > 0 had no pick",
  [Incomplete.waiterNotSignalled]: "a picked waiter was neither signalled nor dropped",
  [Incomplete.entriesNotAnswered]: "not every entry up to the first fault was answered"
};
function envLayout(nDom, nRing) {
  const audit = BUDGET_WORDS * nDom;
  const registeredFor = audit + AUDIT_PER_DOMAIN * nDom;
  return { budgets: 0, audit, registeredFor, words: registeredFor + nRing };
}
var auditAt = (L, E2, d, f) => L.envBase + E2.audit + AUDIT_PER_DOMAIN * d + f;
var registeredForAt = (L, E2, r) => L.envBase + E2.registeredFor + r;
function instanceBit(d, cookie) {
  if (cookie > 7 || d > 3) throw new RangeError(`instance d${d}.c${cookie} is beyond the audit's 32 bits`);
  return 1 << 8 * d + cookie;
}
function specSpaceOf(s, L, r) {
  return payloadSpace({ len: s.w[ring(L, r, R_LEN)], tx: s.w[ring(L, r, R_TX)] >>> 0, rx: s.w[ring(L, r, R_RX)] >>> 0 });
}
function pendingHas(s, L, r, d, cookie) {
  for (let k = 0; k < s.w[ring(L, r, R_NPEND)]; k++) {
    const at = ring(L, r, R_PEND + 3 * k);
    if (s.w[at] === d && s.w[at + 1] === cookie) return true;
  }
  return false;
}
function expectedEntries(args) {
  if (args.handle !== "entries") return 0;
  const k = args.entries.findIndex((e) => e.fault !== "none");
  return k < 0 ? args.entries.length : k + 1;
}
function auditNotifyStep(L, E2, from, to, d, args) {
  const at = (f) => auditAt(L, E2, d, f);
  const w2 = to.w;
  const note = to.note;
  switch (note[0]) {
    case NOTE.SPACE: {
      const r = note[NOTE_SPACE.ring];
      const space = specSpaceOf(to, L, r);
      w2[at(Audit.visited)] |= 1 << r;
      w2[at(Audit.space)] = space;
      if (space > 0) w2[at(Audit.needPick)] |= 1 << r;
      break;
    }
    case NOTE.PICK: {
      const r = note[NOTE_PICK.ring];
      for (let k = 0; k < from.w[ring(L, r, R_NPEND)]; k++) {
        const p = ring(L, r, R_PEND + 3 * k);
        if (!pendingHas(to, L, r, from.w[p], from.w[p + 1])) w2[at(Audit.owed)] |= instanceBit(from.w[p], from.w[p + 1]);
      }
      w2[at(Audit.needPick)] &= ~(1 << r);
      w2[at(Audit.space)] = 0;
      break;
    }
    case NOTE.SIGNALS:
      for (let k = 0; k < note[NOTE_SIGNALS.count]; k++) {
        const base = NOTE_SIGNALS.first + NOTE_SIGNALS.stride * k;
        w2[at(Audit.owed)] &= ~instanceBit(note[base + NOTE_SIGNALS.dom], note[base + NOTE_SIGNALS.asked]);
      }
      break;
    case NOTE.ENTRY:
      w2[at(Audit.entries)]++;
      break;
    default:
      break;
  }
  if (w2[frame(L, d, F_OP)] >= 0) return;
  note[note.length - AUDIT_WORDS] = 1;
  note[note.length - AUDIT_WORDS + 1] = judge(L, E2, to, d, args);
  for (let f = 0; f < AUDIT_PER_DOMAIN; f++) w2[at(f)] = 0;
}
function judge(L, E2, s, d, args) {
  const at = (f) => auditAt(L, E2, d, f);
  const began = !args.unusedNonZero && s.w[dom(L, d, D_ARGO)] === 1 && s.w[dom(L, d, D_EXISTS)] === 1;
  let own = 0;
  if (began) {
    for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r].owner === d && s.w[ring(L, r, R_REG)] === 1) own |= 1 << r;
  }
  if ((own & ~s.w[at(Audit.visited)]) !== 0) return Incomplete.ringNotVisited;
  if (s.w[at(Audit.needPick)] !== 0) return Incomplete.ringNotPicked;
  if (s.w[at(Audit.owed)] !== 0) return Incomplete.waiterNotSignalled;
  if (s.w[at(Audit.entries)] !== (began ? expectedEntries(args) : 0)) return Incomplete.entriesNotAnswered;
  return Incomplete.none;
}
function noteRegistered(L, E2, s, r) {
  const partner = L.shape.rings[r].partner;
  s.w[registeredForAt(L, E2, r)] = partner === DOMID_ANY ? -1 : s.w[dom(L, partner, D_COOKIE)];
}
function forgetUnregistered(L, E2, s) {
  for (let r = 0; r < L.nRing; r++) if (s.w[ring(L, r, R_REG)] !== 1) s.w[registeredForAt(L, E2, r)] = -1;
}
function initialRegisteredFor(L, E2, s) {
  for (let r = 0; r < L.nRing; r++) {
    const decl = L.shape.rings[r];
    s.w[registeredForAt(L, E2, r)] = decl.len > 0 && decl.partner !== DOMID_ANY ? 0 : -1;
  }
}
function formatAccount(s, L, E2) {
  const parts = [];
  for (let d = 0; d < L.nDom; d++) {
    const at = (f) => s.w[auditAt(L, E2, d, f)];
    if (at(Audit.visited) === 0 && at(Audit.needPick) === 0 && at(Audit.space) === 0 && at(Audit.owed) === 0 && at(Audit.entries) === 0) continue;
    parts.push(
      `d${d} notify: measured 0x${at(Audit.visited).toString(16)}, to pick 0x${at(Audit.needPick).toString(16)}, S ${at(Audit.space)}, owed 0x${(at(Audit.owed) >>> 0).toString(16)}, entries ${at(Audit.entries)}`
    );
  }
  for (let r = 0; r < L.nRing; r++) {
    const c = s.w[registeredForAt(L, E2, r)];
    if (c >= 0) parts.push(`ring${r} for d${L.shape.rings[r].partner}.c${c}`);
  }
  return `environment account: ${parts.length === 0 ? "nothing in flight" : parts.join("; ")}`;
}

// model/argo/format.ts
function formatOp(op) {
  switch (op.op) {
    case "register":
      return `register ring${op.ring} len ${op.len}${op.failExist ? " FAIL_EXIST" : ""}`;
    case "unregister":
      return `unregister ring${op.ring}`;
    case "sendv":
      return `sendv ${op.len}B to d${op.dst}:${op.port}${op.badNiov ? " with niov > XEN_ARGO_MAXIOV" : ""}`;
    case "notify":
      return `notify ${formatNotifyArgs(op.args)}`;
    default:
      return assertNever(op);
  }
}
function formatAction(cfg, a2) {
  switch (a2.kind) {
    case ActionKind.start:
      return `d${a2.dom} vCPU: ${formatOp(cfg.menus[a2.dom][a2.arg])}`;
    case ActionKind.step:
      return `d${a2.dom} vCPU: next step`;
    case ActionKind.consume:
      return `d${a2.dom} receiver: consume from ring${a2.arg}`;
    case ActionKind.writeRx: {
      const v = cfg.bogusRx[a2.value];
      return `d${a2.dom} receiver: ring${a2.arg} rx := ${v === RX_RESYNC ? "tx" : `0x${(v >>> 0).toString(16)}`}`;
    }
    case ActionKind.destroy:
      return `destroy d${a2.dom}`;
    case ActionKind.create:
      return `re-create d${a2.dom} (new cookie)`;
    default:
      return assertNever(a2.kind);
  }
}
function formatBudgets(env, base, domains) {
  const parts = [];
  for (let d = 0; d < domains; d++) {
    const at = base + BUDGET_WORDS * d;
    parts.push(`d${d} ops ${env[at + Budget.ops]}, rx writes ${env[at + Budget.rxWrites]}, re-creations ${env[at + Budget.recreations]}`);
  }
  return `budgets left: ${parts.join("; ")}`;
}

// model/argo/properties.ts
var transition = (name2, expectation, test, description) => ({
  name: name2,
  expectation,
  description,
  transition: test
});
function implProperties(cfg, L, E2, q) {
  const w2 = (s, r, f) => s.w[ring(L, r, f)];
  const registered = (s, r) => w2(s, r, R_REG) === 1;
  const pointers = (s, r) => ({ len: w2(s, r, R_LEN), tx: w2(s, r, R_TX) >>> 0, rx: w2(s, r, R_RX) >>> 0 });
  const everyRing = (s, test) => {
    for (let r = 0; r < L.nRing; r++) if (registered(s, r) && !test(r)) return false;
    return true;
  };
  const ringUntouched = (a2, b2, r) => {
    for (const f of [R_REG, R_LEN, R_TX, R_JUNK, R_NMSG]) if (w2(a2, r, f) !== w2(b2, r, f)) return false;
    const base = L.memBase[r];
    for (let i = 0; i < L.shape.rings[r].capacity; i++) if (a2.mem[base + i] !== b2.mem[base + i]) return false;
    return true;
  };
  const opOf = (s, a2) => {
    const menu = cfg.menus[a2.dom];
    return a2.kind === ActionKind.start ? menu[a2.arg] : a2.kind === ActionKind.step ? menu[s.w[frame(L, a2.dom, F_OP)]] : void 0;
  };
  const expectedRing = (s, dst, port, src) => {
    if (s.w[dom(L, dst, D_EXISTS)] !== 1 || !cfg.domainArgo[dst]) return -1;
    let wildcard = -1;
    for (let r = 0; r < L.nRing; r++) {
      const decl = L.shape.rings[r];
      if (!registered(s, r) || decl.owner !== dst || decl.port !== port) continue;
      if (decl.partner === src && s.w[registeredForAt(L, E2, r)] === s.w[dom(L, src, D_COOKIE)]) return r;
      if (decl.partner === DOMID_ANY && wildcard < 0) wildcard = r;
    }
    return wildcard;
  };
  const entryOf = (from, a2) => {
    const op = opOf(from, a2);
    if (op === void 0 || op.op !== "notify") return void 0;
    return op.args.entries[from.w[frame(L, a2.dom, F_ENT)]];
  };
  const all = [
    always(
      P.txAligned,
      (s) => everyRing(s, (r) => w2(s, r, R_TX) % 16 === 0 && w2(s, r, R_TX) >>> 0 < w2(s, r, R_LEN)),
      "invariant 1: Xen's tx is 16-aligned and inside the ring"
    ),
    always(
      P.fullAsEmpty,
      (s) => everyRing(s, (r) => sanitiseRx(w2(s, r, R_RX) >>> 0, w2(s, r, R_LEN)) === w2(s, r, R_TX) >>> 0 === (w2(s, r, R_NMSG) === 0 && w2(s, r, R_JUNK) === 0)),
      "invariant 2: sanitised rx == tx iff nothing is unread"
    ),
    always(P.intact, (s) => everyRing(s, (r) => unreadIntact(s, L, r)), "invariant 1: the unread messages decode, bytes intact, ending exactly at tx"),
    always(
      P.space,
      (s) => everyRing(s, (r) => {
        const ps = argoRingbufPayloadSpace(s, L, r, q);
        const p = pointers(s, r);
        const largest = freeBytes(p) >= 32 ? freeBytes(p) - 32 : -1;
        const agrees = largest >= 0 ? ps === largest && acceptsLen(p, largest) && !acceptsLen(p, largest + 1) : ps === 0 && !acceptsLen(p, 0);
        return agrees && ps <= p.len - 32 && ps % 16 === 0 && ps === p.len - 32 === (freeBytes(p) === p.len);
      }),
      "invariant 3: payload space \u2264 len \u2212 32, 16-aligned, the largest length sendv accepts (0 when none), and len \u2212 32 iff empty"
    ),
    transition(
      P.sufficient,
      "always",
      (from, a2, to) => {
        const n = to.note;
        if (n[0] !== NOTE.ENTRY || n[NOTE_ENTRY.rc] !== 0 || (n[NOTE_ENTRY.flags] & F_SUFFICIENT) === 0) return true;
        const e = entryOf(from, a2);
        if (e === void 0 || e.spaceRequired < 1) return true;
        const r = expectedRing(to, e.dst, e.port, a2.dom);
        return r >= 0 && acceptsLen(pointers(to, r), e.spaceRequired) && !pendingHas(to, L, r, a2.dom, to.w[dom(L, a2.dom, D_COOKIE)]);
      },
      "invariant 4, for space_required \u2265 1 (see the ABI corner)"
    ),
    transition(
      P.sendv,
      "always",
      (from, _a, to) => {
        const n = to.note;
        if (n[0] !== NOTE.SENDV) return true;
        let grew = 0;
        let changed = 0;
        for (let r = 0; r < L.nRing; r++) {
          if (!ringUntouched(from, to, r)) changed++;
          if (w2(to, r, R_NMSG) === w2(from, r, R_NMSG) + 1 && unreadIntact(to, L, r)) grew++;
        }
        if (n[NOTE_SENDV.rc] >= 0) return grew === 1 && changed === 1 && n[NOTE_SENDV.signalled] === 1;
        return changed === 0 && n[NOTE_SENDV.signalled] === 0;
      },
      "invariant 5: success appends exactly one message and signals; failure leaves every ring unchanged and signals nobody"
    ),
    transition(
      P.pick,
      "always",
      (from, a2, to) => {
        const n = to.note;
        if (n[0] !== NOTE.PICK) return true;
        const r = n[NOTE_PICK.ring];
        const space = from.w[auditAt(L, E2, a2.dom, Audit.space)];
        for (let k = 0; k < w2(from, r, R_NPEND); k++) {
          const at = ring(L, r, R_PEND + 3 * k);
          const picked = !pendingHas(to, L, r, from.w[at], from.w[at + 1]);
          if (picked !== from.w[at + 2] >>> 0 <= space) return false;
        }
        return true;
      },
      "invariant 6: at the pick, waiters with len \u2264 S (the payload space at the snapshot, by the spec's formula) are taken and no other"
    ),
    transition(
      P.signal,
      "always",
      (_f, _a, to) => !anySignal(to.note, deliveredToAnother),
      "invariant 7: a delivered signal's recipient has the cookie of the instance that queued"
    ),
    transition(
      P.completeness,
      "always",
      (_f, _a, to) => {
        const n = to.note;
        return n[n.length - AUDIT_WORDS] !== 1 || n[n.length - AUDIT_WORDS + 1] === Incomplete.none;
      },
      "invariant 9: when a notify completes, every own ring was measured, each with S > 0 picked, every picked waiter signalled or dropped, every entry up to the first fault answered"
    ),
    transition(
      P.exactRing,
      "always",
      (from, a2, to) => {
        for (let r = 0; r < L.nRing; r++) {
          const partner = L.shape.rings[r].partner;
          if (partner === DOMID_ANY || !registered(to, r)) continue;
          const forCookie = from.w[registeredForAt(L, E2, r)];
          const sender = a2.dom === partner && from.w[dom(L, a2.dom, D_COOKIE)] === forCookie;
          if (w2(to, r, R_NMSG) > w2(from, r, R_NMSG) && !sender) return false;
          if (w2(to, r, R_NPEND) <= w2(from, r, R_NPEND)) continue;
          for (let k = 0; k < w2(to, r, R_NPEND); k++) {
            const d = w2(to, r, R_PEND + 3 * k);
            const c = w2(to, r, R_PEND + 3 * k + 1);
            if (!pendingHas(from, L, r, d, c) && !(d === partner && c === forCookie)) return false;
          }
        }
        return true;
      },
      "invariant 8: messages and waits land on an exact-partner ring only from the partner instance it was registered for"
    ),
    transition(P.wraps, "sometimes", (_f, _a, to) => to.note[0] === NOTE.SENDV && to.note[NOTE_SENDV.wrapped] === 1, "a sendv moved tx past the ring end"),
    transition(P.empty, "sometimes", (_f, _a, to) => to.note[0] === NOTE.ENTRY && (to.note[NOTE_ENTRY.flags] & F_EMPTY) !== 0, "notify wrote EMPTY"),
    transition(
      P.granted,
      "sometimes",
      (_f, _a, to) => to.note[0] === NOTE.ENTRY && (to.note[NOTE_ENTRY.flags] & F_SUFFICIENT) !== 0 && to.note[NOTE_ENTRY.need] >= 1,
      "notify wrote SUFFICIENT for space_required \u2265 1"
    ),
    transition(
      P.manyWoken,
      "sometimes",
      (_f, _a, to) => to.note[0] === NOTE.PICK && to.note[NOTE_PICK.moved] >= 2,
      "a single pick moved two or more waiters (sorted pending lists, several signals)"
    ),
    transition(P.woken, "sometimes", (_f, _a, to) => to.note[0] === NOTE.PICK && to.note[NOTE_PICK.moved] > 0, "a pick moved a waiter to the to-notify list"),
    transition(P.dropped, "sometimes", (_f, _a, to) => anySignal(to.note, droppedForNewInstance), "a woken entry named an instance since replaced by a re-created domain"),
    transition(
      P.corner,
      "sometimes",
      (from, a2, to) => {
        const n = to.note;
        if (n[0] !== NOTE.ENTRY || n[NOTE_ENTRY.ring] < 0 || (n[NOTE_ENTRY.flags] & F_SUFFICIENT) === 0 || n[NOTE_ENTRY.need] !== 0) return false;
        const e = entryOf(from, a2);
        const r = e === void 0 ? -1 : expectedRing(to, e.dst, e.port, a2.dom);
        return r >= 0 && !acceptsLen(pointers(to, r), 0);
      },
      "with 16 bytes free, payload space is 0: SUFFICIENT for 0 bytes, yet sendv(0) gets -EAGAIN (as upstream)"
    ),
    sometimes(P.junk, (s) => !everyRing(s, (r) => w2(s, r, R_JUNK) === 0)),
    sometimes(P.threeHeld, (s) => !everyRing(s, (r) => w2(s, r, R_NMSG) < 3), "a ring held three or more small messages at once"),
    transition(
      P.fallback,
      "sometimes",
      (from, a2, to) => {
        const op = opOf(from, a2);
        if (a2.kind !== ActionKind.start || op === void 0 || op.op !== "sendv") return false;
        let stale2 = false;
        for (let r = 0; r < L.nRing; r++) {
          const decl = L.shape.rings[r];
          if (decl.partner === a2.dom && decl.owner === op.dst && decl.port === op.port && registered(from, r) && from.w[registeredForAt(L, E2, r)] !== from.w[dom(L, a2.dom, D_COOKIE)])
            stale2 = true;
        }
        if (!stale2) return false;
        for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r].partner === DOMID_ANY && w2(to, r, R_NMSG) > w2(from, r, R_NMSG)) return true;
        return false;
      },
      "a re-created partner's sendv lands in the wildcard ring, not in the exact ring registered for its predecessor"
    ),
    transition(
      P.reregistered,
      "sometimes",
      (from, a2, to) => {
        const op = opOf(from, a2);
        if (a2.kind !== ActionKind.start || op === void 0 || op.op !== "register" || op.failExist || !registered(from, op.ring)) return false;
        return op.len === w2(from, op.ring, R_LEN) && registered(to, op.ring) && w2(to, op.ring, R_NMSG) + w2(to, op.ring, R_NPEND) > 0;
      },
      "a register call with the same length on a live ring with messages or waiters (which it keeps)"
    ),
    transition(
      P.maxEntries,
      "sometimes",
      (from, a2, to) => {
        const n = to.note;
        if (n[0] !== NOTE.ENTRY || n[NOTE_ENTRY.rc] !== 0) return false;
        const op = opOf(from, a2);
        return op !== void 0 && op.op === "notify" && op.args.entries.length === MAX_NOTIFY_COUNT && expectedEntries(op.args) === MAX_NOTIFY_COUNT && from.w[frame(L, a2.dom, F_ENT)] === MAX_NOTIFY_COUNT - 1;
      },
      "nent = 256 is accepted and its last entry answered"
    ),
    transition(
      P.writeFault,
      "sometimes",
      (_f, _a, to) => {
        const n = to.note;
        return n[0] === NOTE.ENTRY && n[NOTE_ENTRY.rc] === -EFAULT && n[NOTE_ENTRY.ring] >= 0;
      },
      "a read-only ring-data entry faulted on the write-back after its ring's pending list was updated"
    ),
    transition(
      P.ownerGone,
      "sometimes",
      (from, a2, _to) => {
        if (a2.kind !== ActionKind.destroy) return false;
        for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r].owner === a2.dom && w2(from, r, R_NPEND) > 0) return true;
        return false;
      },
      "a domain was destroyed while other domains had pending entries on its rings"
    )
  ];
  return all.filter((p) => p.expectation === "always" || cfg.witnesses === "all" || cfg.witnesses.includes(p.name));
}
var deliveredToAnother = (delivered, recipient, asked) => delivered && recipient !== asked;
var droppedForNewInstance = (delivered, recipient, asked) => !delivered && recipient >= 0 && recipient !== asked;
function anySignal(n, test) {
  if (n[0] !== NOTE.SIGNALS) return false;
  for (let k = 0; k < n[NOTE_SIGNALS.count]; k++) {
    const at = NOTE_SIGNALS.first + NOTE_SIGNALS.stride * k;
    if (test(n[at + NOTE_SIGNALS.delivered] === 1, n[at + NOTE_SIGNALS.recipient], n[at + NOTE_SIGNALS.asked])) return true;
  }
  return false;
}

// model/argo/impl-model.ts
var OPS = [argoNotifyOp];
function layoutOf(cfg) {
  const n = cfg.domainArgo.length;
  let instances = 0;
  for (let d = 0; d < n; d++) if (cfg.domainArgo[d]) instances += 1 + cfg.recreations[d];
  const maxPending = Math.max(1, instances);
  const E2 = envLayout(n, cfg.rings.length);
  const L = makeLayout({ domainArgo: cfg.domainArgo, rings: cfg.rings, maxPending, maxToNotify: cfg.rings.length * maxPending, envWords: E2.words });
  return { L, E: E2 };
}
function initialArgoImpl(cfg, L, E2) {
  const s = initialImpl(L);
  initialBudgets(cfg, s.w, L.envBase + E2.budgets);
  initialRegisteredFor(L, E2, s);
  return s;
}
function implView(L, E2) {
  return {
    alive: (s, d) => s.w[dom(L, d, D_EXISTS)] === 1,
    busy: (s, d) => s.w[frame(L, d, F_OP)] >= 0,
    registered: (s, r) => s.w[ring(L, r, R_REG)] === 1,
    canConsume: (s, r) => guestCanConsume(s, L, r),
    budget: (s, d, b2) => s.w[L.envBase + E2.budgets + BUDGET_WORDS * d + b2]
  };
}
function callTable(cfg) {
  const rxCalls = cfg.rings.map(() => /* @__PURE__ */ new Map());
  return {
    start: cfg.menus.map((menu, d) => menu.map((op) => callOf(d, op))),
    consume: cfg.rings.map((_, r) => ({ kind: "consume", ring: r })),
    writeRx(r, value) {
      let c = rxCalls[r].get(value);
      if (c === void 0) rxCalls[r].set(value, c = { kind: "writeRx", ring: r, value });
      return c;
    },
    destroy: cfg.domainArgo.map((_, d) => ({ kind: "destroy", dom: d })),
    create: cfg.domainArgo.map((_, d) => ({ kind: "create", dom: d }))
  };
}
var ARGO_IMPL = Object.freeze({
  register: argoRegisterRing,
  unregister: argoUnregisterRing,
  sendv: argoSendv,
  consume: guestConsume,
  notify: argoNotifyOp
});
function argoImplSide(cfg, quirks, fns = ARGO_IMPL) {
  const { L, E: E2 } = layoutOf(cfg);
  const env = environment(cfg, implView(L, E2));
  const apply = stepper(cfg, L, E2, quirks, fns);
  const run = (s, a2, report) => {
    if (!env.enabled(s, a2)) return void 0;
    const t3 = cloneImpl(s);
    apply(s, t3, a2, report);
    return t3;
  };
  const runInto = (s, a2, into, report) => {
    if (!env.enabled(s, a2)) return false;
    copyImpl(s, into);
    apply(s, into, a2, report);
    return true;
  };
  const scratchReport = new StepReport();
  const size = stateBytes(L);
  const model2 = {
    name: `argo/${cfg.name}`,
    initStates: () => [initialArgoImpl(cfg, L, E2)],
    actions: env.actions,
    next(s, a2) {
      scratchReport.reset();
      return run(s, a2, scratchReport);
    },
    fast: {
      nextInto(s, a2, into) {
        scratchReport.reset();
        return runInto(s, a2, into, scratchReport);
      },
      scratch: () => blankImpl(L),
      copy: (s) => cloneImpl(s)
    },
    packed: {
      bytes: size,
      pack(s, into, offset) {
        into.set(s.bytes, offset);
      },
      unpack(from, offset, into) {
        into.bytes.set(from.subarray(offset, offset + size));
        into.note[0] = 0;
        into.note[into.note.length - AUDIT_WORDS] = 0;
      }
    },
    properties: () => implProperties(cfg, L, E2, quirks),
    encode(s, sink) {
      encodeImpl(s, L, sink);
    },
    formatAction: (a2) => formatAction(cfg, a2),
    formatStep: (s, a2) => a2.kind === ActionKind.step ? formatNextStep(s, L, a2.dom) : formatAction(cfg, a2),
    formatState: (s) => formatImplState(cfg, s, L, E2),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a2) => a2.kind }
  };
  return {
    model: model2,
    layout: L,
    env: E2,
    run,
    step: (s, a2, report) => run(s, a2, report),
    fast: {
      stepInto: (s, a2, into, report) => runInto(s, a2, into, report),
      scratch: () => blankImpl(L)
    },
    abstract: (s) => abstractArgo(s, L),
    matches: (s, spec) => matchesArgo(s, L, spec)
  };
}
function encodeImpl(s, L, sink) {
  sink.bytes(s.bytes, 0, 4 * L.words);
  for (let r = 0; r < L.nRing; r++) {
    if (s.w[ring(L, r, R_REG)] !== 1) continue;
    const len = ringLen(s, L, r);
    const junk = s.w[ring(L, r, R_JUNK)];
    const live = ringUnreadBytes(s, L, r) - junk;
    const start = (ringRxSanitised(s, L, r) + junk) % len;
    const base = L.memBase[r];
    const first = Math.min(live, len - start);
    sink.bytes(s.mem, base + start, base + start + first);
    if (live > first) sink.bytes(s.mem, base, base + live - first);
  }
}
function stepper(cfg, L, E2, quirks, fns) {
  const calls = callTable(cfg);
  const worlds = cfg.menus.map((menu, d) => menu.map((op) => op.op === "notify" ? notifyWorld(initialImpl(L), L, d, op.args, quirks) : void 0));
  const runNotifyStep = (from, t3, d, pc, report) => {
    const world = worlds[d][t3.w[frame(L, d, F_OP)]];
    if (world === void 0) throw new Error(`d${d} has a frame for a hypercall that is not notify`);
    world.s = t3;
    const step = fns.notify.steps[pc];
    if (step === void 0) throw new RangeError(`notify has no step ${pc}`);
    const next = step.run(world, 0, report);
    if (next === DONE) {
      t3.w.fill(0, frame(L, d, 0), frame(L, d, L.frameLen[d]));
      t3.w[frame(L, d, F_OP)] = -1;
    } else {
      t3.w[frame(L, d, F_PC)] = next.pc;
    }
    auditNotifyStep(L, E2, from, t3, d, world.args);
  };
  return (from, t3, a2, report) => {
    const d = a2.dom;
    spendBudget(a2, t3.w, L.envBase + E2.budgets);
    switch (a2.kind) {
      case ActionKind.start: {
        report.actor = d;
        const op = cfg.menus[d][a2.arg];
        switch (op.op) {
          case "register":
            report.lin = calls.start[d][a2.arg];
            report.outcome = fns.register(t3, L, d, op.ring, op.len, op.failExist);
            if (report.outcome[RC_VALUE] === 0) noteRegistered(L, E2, t3, op.ring);
            break;
          case "unregister":
            report.lin = calls.start[d][a2.arg];
            report.outcome = fns.unregister(t3, L, d, op.ring);
            forgetUnregistered(L, E2, t3);
            break;
          case "sendv":
            report.lin = calls.start[d][a2.arg];
            report.outcome = fns.sendv(t3, L, d, op.dst, op.port, op.len, op.badNiov, quirks);
            break;
          case "notify":
            t3.w[frame(L, d, F_OP)] = a2.arg;
            runNotifyStep(from, t3, d, 0, report);
            break;
          default:
            assertNever(op);
        }
        break;
      }
      case ActionKind.step:
        report.actor = d;
        runNotifyStep(from, t3, d, t3.w[frame(L, d, F_PC)], report);
        break;
      case ActionKind.consume:
        report.actor = L.nDom + d;
        report.lin = calls.consume[a2.arg];
        report.outcome = fns.consume(t3, L, a2.arg);
        break;
      case ActionKind.writeRx: {
        report.actor = L.nDom + d;
        const value = rxValue(cfg, a2, t3.w[ring(L, a2.arg, R_TX)]);
        report.lin = calls.writeRx(a2.arg, value);
        report.outcome = guestWriteRx(t3, L, a2.arg, value);
        break;
      }
      case ActionKind.destroy:
        report.actor = 2 * L.nDom;
        report.lin = calls.destroy[d];
        report.outcome = domainDestroy(t3, L, d);
        forgetUnregistered(L, E2, t3);
        break;
      case ActionKind.create:
        report.actor = 2 * L.nDom;
        report.lin = calls.create[d];
        report.outcome = domainCreate(t3, L, d);
        break;
      default:
        assertNever(a2.kind);
    }
  };
}
function formatNextStep(s, L, d) {
  const pc = s.w[frame(L, d, F_PC)];
  const name2 = (argoNotifyOp.steps[pc]?.name ?? `step ${pc}`).replace(/ \(.*\)$/, "");
  const on = pc === NotifyPc.space || pc === NotifyPc.pick ? ` on ring${s.w[frame(L, d, F_CUR)]}` : pc === NotifyPc.entry ? ` ${s.w[frame(L, d, F_ENT)]}` : "";
  return `d${d} ${argoNotifyOp.name}: ${name2}${on}`;
}
function formatImplState(cfg, s, L, E2) {
  const lines = [formatState(abstractArgo(s, L))];
  for (let d = 0; d < L.nDom; d++) {
    const op = s.w[frame(L, d, F_OP)];
    if (op < 0) continue;
    const to = Array.from(s.w.subarray(frame(L, d, F_TO), frame(L, d, F_TO) + 2 * s.w[frame(L, d, F_NTO)]));
    lines.push(
      `d${d} vCPU in ${formatOp(cfg.menus[d][op])}: ${describeFrame(OPS, { op: 0, pc: s.w[frame(L, d, F_PC)], locals: 0 })} (ring ${s.w[frame(L, d, F_CUR)]}, S=${s.w[frame(L, d, F_SPACE)]}, entry ${s.w[frame(L, d, F_ENT)]}, to-notify [${to.join(",")}])`
    );
  }
  lines.push(formatBudgets(s.w, L.envBase + E2.budgets, L.nDom));
  lines.push(formatAccount(s, L, E2));
  return lines.join("\n");
}

// spec/argo/invariants.ts
var specInvariants = [
  always(
    "tx aligned and below len",
    (s) => s.rings.every((r) => !r.registered || r.tx % 16 === 0 && r.tx >= 0 && r.tx < r.len),
    "invariant 1: Xen's tx is 16-aligned and inside the ring"
  ),
  always(
    "unread region is junk plus the queued messages",
    (s) => s.rings.every((r) => !r.registered || r.junk >= 0 && r.junk + msgsBytes(r.msgs) === unread(r)),
    "invariants 1\u20132: unread messages are exactly those sent and not consumed, and a ring with messages is never seen as empty"
  ),
  always(
    "one pending entry per sender instance per ring",
    (s) => s.rings.every((r) => r.pending.every((p, i) => r.pending.findIndex((q) => q.dom === p.dom && q.cookie === p.cookie) === i))
  )
];

// spec/argo/ops.ts
import { castDraft, produce } from "immer";

// spec/argo/notify.ts
import { freeze as freeze3 } from "immer";

// spec/argo/primitives.ts
import { freeze as freeze2 } from "immer";
function findRing(s, dst, port, src) {
  const d = s.domains[dst];
  if (d === void 0 || !d.exists || !d.argo) return -1;
  const me = s.domains[src];
  let wildcard = -1;
  for (let i = 0; i < s.rings.length; i++) {
    const r = s.rings[i];
    if (!r.registered || r.owner !== dst || r.port !== port) continue;
    if (r.partner === src && me !== void 0 && me.exists && r.partnerCookie === me.cookie) return i;
    if (r.partner === DOMID_ANY && wildcard < 0) wildcard = i;
  }
  return wildcard;
}
function emptyRing(r, len, partnerCookie) {
  return { ...r, registered: len > 0, len, partnerCookie, tx: 0, rx: 0, junk: 0, msgs: [], pending: [] };
}
var byInstance = (a2, b2) => a2.dom - b2.dom || a2.cookie - b2.cookie;
function requeue(pending, dom2, cookie, len) {
  const old = pending.find((p) => p.dom === dom2 && p.cookie === cookie);
  const rest = pending.filter((p) => p !== old);
  rest.push({ dom: dom2, cookie, len: old === void 0 ? len : Math.max(old.len, len) });
  return rest.sort(byInstance);
}
function samePending(a2, b2) {
  if (a2.length !== b2.length) return false;
  for (let k = 0; k < a2.length; k++) if (a2[k].dom !== b2[k].dom || a2[k].cookie !== b2[k].cookie || a2[k].len !== b2[k].len) return false;
  return true;
}
var rc = (value) => [OUT.RC, value];
var same = (s, outcome) => ({ state: s, outcome });
var setRing = (s, i, ring2) => {
  const rings = s.rings.slice();
  rings[i] = freeze2(ring2, true);
  return freeze2({ domains: s.domains, rings, notify: s.notify });
};

// spec/argo/notify.ts
var PHASE_OF = {
  notifySpace: "space",
  notifyPick: "pick",
  notifySignal: "signal",
  notifyHeader: "header",
  notifyEntry: "entry"
};
function withProgress(s, caller, n) {
  const notify3 = s.notify.slice();
  notify3[caller] = n === null ? null : freeze3(n, true);
  return freeze3({ domains: s.domains, rings: s.rings, notify: notify3 });
}
function notifyBeginRc(s, caller, args) {
  if (args.unusedNonZero) return -EINVAL;
  if (!s.domains[caller].argo) return -ENODEV;
  return 0;
}
function notifyHeaderRc(args) {
  switch (args.handle) {
    case "null":
    case "entries":
      return 0;
    case "fault":
      return -EFAULT;
    case "badMagic":
      return -EINVAL;
    case "tooMany":
      return -EACCES;
  }
}
function ownRings(s, caller) {
  const out = [];
  s.rings.forEach((r, i) => {
    if (r.registered && r.owner === caller) out.push(i);
  });
  return out;
}
function nextRing(n) {
  const rings = n.rings.slice(1);
  return { ...n, rings, space: 0, phase: rings.length > 0 ? "space" : "signal" };
}
function afterEntry(n, entryRc) {
  return entryRc !== 0 || n.entry + 1 >= n.args.entries.length ? null : { ...n, entry: n.entry + 1 };
}
function notifyStep(s, call) {
  const caller = call.caller;
  if (call.kind === "notifyBegin") {
    const begin = notifyBeginRc(s, caller, call.args);
    if (begin !== 0) return same(s.notify[caller] === null ? s : withProgress(s, caller, null), rc(begin));
    const rings = ownRings(s, caller);
    const n2 = { args: call.args, phase: rings.length > 0 ? "space" : "signal", rings, space: 0, toNotify: [], entry: 0 };
    return same(withProgress(s, caller, n2), rc(0));
  }
  const n = s.notify[caller] ?? null;
  if (n === null || n.phase !== PHASE_OF[call.kind]) return same(s, [OUT.PHASE, n === null ? -1 : NOTIFY_PHASES.indexOf(n.phase)]);
  switch (n.phase) {
    case "space": {
      const r = n.rings[0];
      const space = payloadSpace(s.rings[r]);
      const next = space === 0 ? nextRing(n) : { ...n, phase: "pick", space };
      return same(withProgress(s, caller, next), [OUT.SPACE, r, space]);
    }
    case "pick": {
      const r = n.rings[0];
      const ring2 = s.rings[r];
      const out = [OUT.WOKEN, r];
      const kept = [];
      for (const p of ring2.pending) {
        if (p.len <= n.space) out.push(p.dom, p.cookie);
        else kept.push(p);
      }
      const next = nextRing({ ...n, toNotify: [...n.toNotify, ...out.slice(WOKEN_PAIRS)] });
      const picked = kept.length === ring2.pending.length ? s : setRing(s, r, { ...ring2, pending: kept });
      return same(withProgress(picked, caller, next), out);
    }
    case "signal": {
      const out = deliverSignals(s, n.toNotify);
      return same(withProgress(s, caller, n.args.handle === "null" ? null : { ...n, toNotify: [], phase: "header" }), out);
    }
    case "header": {
      const header = notifyHeaderRc(n.args);
      const done2 = header !== 0 || n.args.entries.length === 0;
      return same(withProgress(s, caller, done2 ? null : { ...n, phase: "entry", entry: 0 }), rc(header));
    }
    case "entry": {
      const r = ringDataEntry(s, caller, n.entry, n.args);
      return same(withProgress(r.state, caller, afterEntry(n, r.outcome[ENTRY_RC])), r.outcome);
    }
  }
}
function deliverSignals(s, list) {
  const out = [OUT.SIGNALS];
  for (let k = 0; k + 1 < list.length; k += 2) {
    const d = s.domains[list[k]];
    const ok = d !== void 0 && d.exists && d.argo && d.cookie === list[k + 1];
    out.push(list[k], list[k + 1], ok ? 1 : 0);
  }
  return out;
}
function ringDataEntry(s, caller, k, args) {
  const e = args.entries[k];
  if (e.fault === "read") return same(s, [OUT.ENTRY, k, -EFAULT, 0, 0]);
  const i = findRing(s, e.dst, e.port, caller);
  let flags2 = 0;
  let mms = e.maxMessageSize;
  let next = s;
  if (i >= 0) {
    const r = s.rings[i];
    const cookie = s.domains[caller].cookie;
    mms = r.len - RESERVED;
    const space = payloadSpace(r);
    flags2 = F_EXISTS | (space === mms ? F_EMPTY : 0);
    let pending;
    if (space >= e.spaceRequired) {
      flags2 |= F_SUFFICIENT;
      pending = r.pending.filter((p) => !(p.dom === caller && p.cookie === cookie));
    } else {
      flags2 |= F_PENDING;
      pending = requeue(r.pending, caller, cookie, e.spaceRequired);
    }
    if (!samePending(pending, r.pending)) next = setRing(s, i, { ...r, pending });
  }
  if (e.fault === "write") return same(next, [OUT.ENTRY, k, -EFAULT, 0, 0]);
  return same(next, [OUT.ENTRY, k, 0, flags2, mms]);
}
function notifyAtomic(s0, caller, args) {
  const out = [OUT.NOTIFY, 0, 0, 0];
  let r = notifyStep(s0, { kind: "notifyBegin", caller, args });
  out[1] = r.outcome[RC_VALUE];
  let s = r.state;
  for (let n = s.notify[caller]; n !== null && n !== void 0; n = s.notify[caller]) {
    r = notifyStep(s, { kind: STEP_OF[n.phase], caller });
    s = r.state;
    const o = r.outcome;
    switch (o[0]) {
      case OUT.SIGNALS:
        for (let k = SIGNALS_TRIPLES + 2; k < o.length; k += 3) out[o[k] === 1 ? 2 : 3]++;
        break;
      case OUT.RC:
        out[1] = o[RC_VALUE];
        break;
      case OUT.ENTRY:
        if (o[ENTRY_RC] !== 0) out[1] = o[ENTRY_RC];
        else out.push(o[ENTRY_FLAGS], o[ENTRY_MMS]);
        break;
      default:
        break;
    }
  }
  return same(s, out);
}
var STEP_OF = {
  space: "notifySpace",
  pick: "notifyPick",
  signal: "notifySignal",
  header: "notifyHeader",
  entry: "notifyEntry"
};

// spec/argo/ops.ts
function applyCall(s, call) {
  switch (call.kind) {
    case "register":
      return register2(s, call.caller, call.ring, call.len, call.failExist);
    case "unregister": {
      const r = s.rings[call.ring];
      if (!s.domains[call.caller].argo) return same(s, rc(-ENODEV));
      if (!r.registered) return same(s, rc(-ENOENT));
      return same(setRing(s, call.ring, emptyRing(r, 0, NO_COOKIE)), rc(0));
    }
    case "sendv":
      return sendv2(s, call.caller, call.dst, call.port, call.len, call.badNiov);
    case "consume": {
      const r = s.rings[call.ring];
      const head = r.msgs[0];
      if (!r.registered || r.junk !== 0 || head === void 0) return same(s, [OUT.MSG]);
      const rx = (sanitiseRx(r.rx, r.len) + msgSize(head.len)) % r.len;
      return same(setRing(s, call.ring, { ...r, rx, msgs: r.msgs.slice(1) }), [OUT.MSG, head.src, head.len, head.stamp]);
    }
    case "writeRx": {
      const r = s.rings[call.ring];
      const moved = { ...r, rx: call.value >>> 0 };
      const u = unread(moved);
      const msgs = fittingSuffix(r.msgs, u);
      return same(setRing(s, call.ring, { ...moved, msgs, junk: u - msgsBytes(msgs) }), [OUT.NONE]);
    }
    case "destroy":
      return same(
        produce(s, (d) => {
          d.domains[call.dom].exists = false;
          for (let i = 0; i < d.rings.length; i++) if (d.rings[i].owner === call.dom) d.rings[i] = castDraft(emptyRing(s.rings[i], 0, NO_COOKIE));
        }),
        [OUT.NONE]
      );
    case "create":
      return same(
        produce(s, (d) => {
          const dom2 = d.domains[call.dom];
          dom2.exists = true;
          dom2.cookie += 1;
        }),
        [OUT.NONE]
      );
    case "notify":
      return notifyAtomic(s, call.caller, call.args);
    case "notifyBegin":
    case "notifySpace":
    case "notifyPick":
    case "notifySignal":
    case "notifyHeader":
    case "notifyEntry":
      return notifyStep(s, call);
    default:
      return unreachable(call);
  }
}
function unreachable(call) {
  throw new Error(`unknown Argo call ${JSON.stringify(call)}`);
}
function register2(s, caller, i, len, failExist) {
  const r = s.rings[i];
  if (len < MIN_RING_LEN || len % SLOT !== 0 || len > r.capacity) return same(s, rc(-EINVAL));
  const exact = r.partner !== DOMID_ANY;
  const partner = exact ? s.domains[r.partner] : void 0;
  if (exact && (partner === void 0 || !partner.exists)) return same(s, rc(-ESRCH));
  if (!s.domains[caller].argo) return same(s, rc(-ENODEV));
  if (partner !== void 0 && !partner.argo) return same(s, rc(-ECONNREFUSED));
  const cookie = partner === void 0 ? NO_COOKIE : partner.cookie;
  if (r.registered) {
    if (failExist || r.len !== len) return same(s, rc(-EEXIST));
    return r.partnerCookie === cookie ? same(s, rc(0)) : same(setRing(s, i, { ...r, partnerCookie: cookie }), rc(0));
  }
  return same(setRing(s, i, emptyRing(r, len, cookie)), rc(0));
}
function sendv2(s, caller, dst, port, len, badNiov) {
  const fail = (err) => same(s, [OUT.SENDV, -err, -1, -1]);
  if (badNiov) return fail(EINVAL);
  const to = s.domains[dst];
  if (to === void 0 || !to.exists) return fail(ESRCH);
  const me = s.domains[caller];
  if (!me.argo) return fail(ENODEV);
  const i = findRing(s, dst, port, caller);
  if (i < 0) return fail(ECONNREFUSED);
  const r = s.rings[i];
  if (len > r.len - RESERVED) return fail(EMSGSIZE);
  if (!acceptsLen(r, len)) {
    const pending = requeue(r.pending, caller, me.cookie, len);
    const out = [OUT.SENDV, -EAGAIN, -1, -1];
    return samePending(pending, r.pending) ? same(s, out) : same(setRing(s, i, { ...r, pending }), out);
  }
  const msgs = [...r.msgs, { src: caller, len, stamp: r.tx / SLOT }];
  const owner = s.domains[r.owner];
  return same(setRing(s, i, { ...r, msgs, tx: (r.tx + msgSize(len)) % r.len }), [OUT.SENDV, len, r.owner, owner.cookie]);
}

// model/argo/spec-model.ts
function argoSpecSide(cfg) {
  return {
    initStates: () => [initialState(cfg.domainArgo, cfg.rings)],
    apply: (s, _actor, call) => [applyCall(s, call)],
    equals: stateEquals,
    encode: encodeState,
    format: formatState,
    formatCall,
    formatOutcome,
    outcomeEquals,
    invariants: specInvariants
  };
}
var onCall = (name2, kind, test) => ({
  name: name2,
  expectation: "sometimes",
  transition: (from, _a, to) => to.note !== void 0 && to.note.call.kind === kind && test(to.note.call, to.note.outcome, from.argo, to.argo)
});
function entryFlags(call, o) {
  if (call.kind !== "notify") return [];
  const out = [];
  for (let k = NOTIFY_ENTRIES, i = 0; k + 1 < o.length; k += 2, i++) {
    const e = call.args.entries[i];
    out.push({ dst: e.dst, port: e.port, need: e.spaceRequired, flags: o[k] });
  }
  return out;
}
var specView = {
  alive: (s, d) => s.argo.domains[d].exists,
  busy: () => false,
  registered: (s, r) => s.argo.rings[r].registered,
  canConsume: (s, r) => {
    const ring2 = s.argo.rings[r];
    return ring2.registered && ring2.junk === 0 && ring2.msgs.length > 0;
  },
  budget: (s, d, b2) => s.env[BUDGET_WORDS * d + b2]
};
function argoSpecModel(cfg) {
  const env = environment(cfg, specView);
  const n = cfg.domainArgo.length;
  const all = [
    ...specInvariants.map((p) => ({ ...p, condition: (s) => p.condition(s.argo) })),
    onCall(P.wraps, "sendv", (_c, o, from, to) => o[SENDV_RC] >= 0 && to.rings.some((r, i) => r.tx < from.rings[i].tx)),
    onCall(P.empty, "notify", (c, o) => entryFlags(c, o).some((e) => (e.flags & F_EMPTY) !== 0)),
    onCall(P.granted, "notify", (c, o) => entryFlags(c, o).some((e) => (e.flags & F_SUFFICIENT) !== 0 && e.need >= 1)),
    onCall(P.woken, "notify", (_c, o) => o[NOTIFY_SIGNALLED] + o[NOTIFY_DROPPED] > 0),
    onCall(P.dropped, "notify", (_c, o, from) => o[NOTIFY_DROPPED] > 0 && from.domains.some((d) => d.exists && d.cookie > 0)),
    onCall(
      P.corner,
      "notify",
      (c, o, from) => entryFlags(c, o).some((e) => {
        const r = c.kind === "notify" ? findRing(from, e.dst, e.port, c.caller) : -1;
        return r >= 0 && e.need === 0 && (e.flags & F_SUFFICIENT) !== 0 && !acceptsLen(from.rings[r], 0);
      })
    )
  ];
  const properties = all.filter((p) => p.expectation === "always" || cfg.witnesses === "all" || cfg.witnesses.includes(p.name));
  return {
    name: `argo/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(BUDGET_WORDS * n);
      initialBudgets(cfg, e, 0);
      return [{ argo: initialState(cfg.domainArgo, cfg.rings), env: e }];
    },
    actions: env.actions,
    next(s, a2) {
      if (!env.enabled(s, a2)) return void 0;
      const e = s.env.slice();
      spendBudget(a2, e, 0);
      let call;
      switch (a2.kind) {
        case ActionKind.start:
          call = callOf(a2.dom, cfg.menus[a2.dom][a2.arg]);
          break;
        case ActionKind.consume:
          call = { kind: "consume", ring: a2.arg };
          break;
        case ActionKind.writeRx:
          call = { kind: "writeRx", ring: a2.arg, value: rxValue(cfg, a2, s.argo.rings[a2.arg].tx) };
          break;
        case ActionKind.destroy:
          call = { kind: "destroy", dom: a2.dom };
          break;
        case ActionKind.create:
          call = { kind: "create", dom: a2.dom };
          break;
        case ActionKind.step:
          return void 0;
      }
      const r = applyCall(s.argo, call);
      return { argo: r.state, env: e, note: { call, outcome: r.outcome } };
    },
    properties: () => properties,
    encode(s, sink) {
      sink.words(s.env);
      encodeState(s.argo, sink);
    },
    formatAction: (a2) => formatAction(cfg, a2),
    formatState: (s) => `${formatState(s.argo)}
${formatBudgets(s.env, 0, cfg.domainArgo.length)}`,
    explainStep: (_from, _a, to) => to.note === void 0 ? void 0 : `${formatCall(to.note.call)} \u2192 ${formatOutcome(to.note.outcome)}`,
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a2) => a2.kind }
  };
}

// impl/argo/variants/seed-unsanitised-rx.ts
var seedUnsanitisedRx = { ...CORRECT, spaceFromRawRx: true };

// impl/argo/variants/sendv-full-ring-success.ts
var sendvFullRingSuccess = { ...CORRECT, sendvQueueOverwritesEagain: true };

// impl/argo/variants/v1-empty-ring-space.ts
var v1EmptyRingSpace = { ...CORRECT, emptyRingSpaceHeaderOnly: true };

// impl/argo/variants/v1-signal-by-domid.ts
var v1SignalByDomid = { ...CORRECT, pendingByDomidOnly: true };

// model/argo/zoo.ts
var ARGO_ZOO = [
  {
    id: "argo/v1-empty-ring-space",
    description: "v1 payload space of an empty ring is len \u2212 16: EMPTY never reported, SUFFICIENT for sizes sendv rejects",
    expectedProperty: P.space,
    config: "small",
    override: v1EmptyRingSpace
  },
  {
    id: "argo/seed-unsanitised-rx",
    description: "the seed computes payload space from the raw guest rx_ptr: unaligned or larger than the ring",
    expectedProperty: P.space,
    config: "small",
    override: seedUnsanitisedRx
  },
  {
    id: "argo/sendv-full-ring-success",
    description: `sendv on a full ring returns the requeue's 0 and signals the receiver; no message written (upstream fix "warn sendv() caller when ring is full")`,
    expectedProperty: P.sendv,
    config: "small",
    override: sendvFullRingSuccess
  },
  {
    id: "argo/v1-signal-by-domid",
    description: "pending entries and signals by domid only: a re-created domain gets its predecessor's signal",
    expectedProperty: P.signal,
    config: "small",
    override: v1SignalByDomid
  }
];

// model/argo/index.ts
var ARGO_VARIANTS = ARGO_ZOO;
function argoConfig(name2) {
  const cfg = ARGO_CONFIGS.find((c) => c.name === name2);
  if (cfg === void 0) throw new UsageError(`argo has no config "${name2}" (known: ${ARGO_CONFIGS.map((c) => c.name).join(", ")})`);
  return cfg;
}
function argoQuirks(id) {
  if (id === void 0) return CORRECT;
  const entry2 = ARGO_ZOO.find((v) => v.id === id);
  if (entry2 === void 0) throw new UsageError(`argo has no variant "${id}" (known: ${ARGO_ZOO.map((v) => v.id).join(", ")})`);
  return entry2.override;
}
function buildArgo(config2, options) {
  const cfg = argoConfig(config2);
  switch (options.side) {
    case "both": {
      const impl = argoImplSide(cfg, argoQuirks(options.variant));
      return erase(refinementModel(argoSpecSide(cfg), impl, `argo/${cfg.name}${options.variant === void 0 ? "" : `+${options.variant}`}`));
    }
    case "impl":
      return erase(argoImplSide(cfg, argoQuirks(options.variant)).model);
    case "spec":
      if (options.variant !== void 0) throw new UsageError("argo variants change the impl; use --only impl or both with --variant");
      return erase(argoSpecModel(cfg));
    default:
      throw new UsageError(`argo has no side "${String(options.side)}"`);
  }
}
var argoSubsystem = {
  name: "argo",
  kind: "subsystem",
  description: "Argo inter-domain rings: register, sendv, notify (payload space, pending waiters, ring-data flags, error paths), bogus rx, domain re-creation",
  configs: ARGO_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: "default",
  variants: ARGO_VARIANTS.map(({ id, description, expectedProperty, config: config2 }) => ({ id, description, expectedProperty, config: config2 })),
  sides: ["both", "spec", "impl"],
  build: buildArgo
};

// model/fixtures/binary-clock.ts
function binaryClockModel() {
  return {
    name: "fixture/binary-clock",
    initStates: () => [0, 1],
    actions(s, out) {
      out.push(s === 0 ? "GoHigh" : "GoLow");
    },
    next: (_s, action) => action === "GoHigh" ? 1 : 0,
    properties: () => [always("the clock is 0 or 1", (s) => s === 0 || s === 1)],
    encode(s, sink) {
      sink.u8(s);
    },
    formatAction: (action) => action,
    formatState: (s) => `clock=${s}`,
    coverage: { kinds: ["GoLow", "GoHigh"], kindOf: (action) => action === "GoLow" ? 0 : 1 }
  };
}

// model/fixtures/counter.ts
var atomicIncrement = {
  name: "increment",
  begin: () => ({ read: 0 }),
  steps: [
    {
      name: "x = x + 1",
      linearizes: true,
      run(world) {
        world.x += 1;
        return DONE;
      }
    }
  ]
};
var splitIncrement = {
  name: "increment",
  begin: () => ({ read: 0 }),
  steps: [
    { name: "read x", run: (world) => ({ pc: 1, locals: { read: world.x } }) },
    {
      name: "write x = read + 1",
      linearizes: true,
      run(world, locals) {
        world.x = locals.read + 1;
        return DONE;
      }
    }
  ]
};
function counterModel(split, actors = 2, incrementsEach = 1) {
  const ops = [split ? splitIncrement : atomicIncrement];
  return {
    name: `fixture/counter${split ? " (split increment)" : ""}`,
    initStates: () => [{ x: 0, frames: new Array(actors).fill(void 0), started: new Array(actors).fill(0) }],
    actions(s, out) {
      for (let actor = 0; actor < actors; actor++) {
        if (s.frames[actor] !== void 0) out.push({ kind: "step", actor });
        else if (s.started[actor] < incrementsEach) out.push({ kind: "start", actor });
      }
    },
    next(s, action) {
      const frames = [...s.frames];
      if (action.kind === "start") {
        const started = [...s.started];
        started[action.actor]++;
        frames[action.actor] = beginOp(ops, 0, void 0);
        return { x: s.x, frames, started };
      }
      const world = { x: s.x };
      frames[action.actor] = stepOp(ops, s.frames[action.actor], world, void 0);
      return { x: world.x, frames, started: s.started };
    },
    properties: () => [
      always(
        "no lost update",
        (s) => s.frames.some((f) => f !== void 0) || s.started.some((n) => n < incrementsEach) || s.x === actors * incrementsEach,
        "once every increment has finished, the counter equals their number"
      )
    ],
    encode(s, sink) {
      sink.u32(s.x);
      for (let actor = 0; actor < actors; actor++) {
        const f = s.frames[actor];
        sink.u8(s.started[actor]);
        if (f === void 0) sink.u8(255);
        else {
          sink.u8(f.pc);
          sink.u32(f.locals.read);
        }
      }
    },
    formatAction: (a2) => `${a2.kind} ${String.fromCharCode(65 + a2.actor)}`,
    formatState(s) {
      const frames = s.frames.map(
        (f, i) => `${String.fromCharCode(65 + i)}: ${f === void 0 ? "idle" : `${describeFrame(ops, f)} read=${f.locals.read}`} (started ${s.started[i]})`
      );
      return `x=${s.x}; ${frames.join("; ")}`;
    },
    coverage: { kinds: ["start", "step"], kindOf: (a2) => a2.kind === "start" ? 0 : 1 }
  };
}

// model/fixtures/faulty.ts
var FAULTS = ["throw-in-step", "throw-in-actions", "throw-in-property", "throw-in-transition", "long-message", "long-path", "huge-trace"];
var LONG_MESSAGE = `boom \x1B[31m<red>\0 & "quoted"
${"x".repeat(2e4)}\x07 end`;
function faultyModel(fault) {
  const end = fault === "long-path" ? 500 : fault === "huge-trace" ? 7e4 : 3;
  const at = (where, x) => {
    throw new Error(`${where} threw at x=${x}`);
  };
  const properties = [
    always(`x < ${end}`, (x) => {
      if (fault === "throw-in-property" && x === 2) at("the invariant", x);
      return x < end;
    })
  ];
  if (fault === "throw-in-transition") {
    properties.push({
      name: "x grows by one",
      expectation: "always",
      transition: (from, _a, to) => to === 2 ? at("the transition property", to) : to === from + 1
    });
  }
  return {
    name: `fixture/faulty (${fault})`,
    initStates: () => [0],
    actions(x, out) {
      if (fault === "throw-in-actions" && x === 2) at("actions()", x);
      if (x < end) out.push(1);
    },
    next(x, a2) {
      if (fault === "throw-in-step" && x === 1) at("the step", x);
      if (fault === "long-message" && x === 1) throw new Error(LONG_MESSAGE);
      return x + a2;
    },
    properties: () => properties,
    encode(x, sink) {
      sink.u32(x);
    },
    formatAction: () => "inc",
    formatStep: (x) => fault === "huge-trace" ? `inc ${x} ${"=".repeat(990)}` : `inc ${x} \u2192 ${x + 1}`,
    formatState: (x) => `x=${x}`
  };
}

// model/fixtures/linear-equation.ts
function linearEquationModel(a2, b2, c) {
  return {
    name: `fixture/linear-equation ${a2}x+${b2}y=${c}`,
    initStates: () => [{ x: 0, y: 0 }],
    actions(_s, out) {
      out.push("IncX", "IncY");
    },
    next(s, action) {
      return action === "IncX" ? { x: s.x + 1 & 255, y: s.y } : { x: s.x, y: s.y + 1 & 255 };
    },
    properties: () => [sometimes("solvable", (s) => (a2 * s.x + b2 * s.y & 255) === (c & 255))],
    encode(s, sink) {
      sink.u8(s.x);
      sink.u8(s.y);
    },
    formatAction: (action) => action,
    formatState: (s) => `x=${s.x} y=${s.y}`,
    coverage: { kinds: ["IncX", "IncY"], kindOf: (action) => action === "IncX" ? 0 : 1 }
  };
}

// model/fixtures/slow.ts
function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function slowModel(stepMs, bound = 1e6) {
  return {
    name: "fixture/slow",
    initStates: () => [0],
    actions(n, out) {
      if (n < bound) out.push("inc");
    },
    next(n) {
      pause(stepMs);
      return n + 1;
    },
    properties: () => [always("within the bound", (n) => n <= bound, "the counter never passes its bound")],
    encode(n, sink) {
      sink.u32(n);
    },
    formatAction: () => "inc",
    formatState: (n) => `n=${n}`
  };
}

// model/fixtures/toy-queue.ts
var TOY_QUEUE_CAPACITY = 2;
var PUSHES = 3;
var POPS = 3;
var queueSpec = {
  initStates: () => [{ items: [] }],
  apply(state, _actor, call) {
    if (call.op === "push") {
      if (state.items.length >= TOY_QUEUE_CAPACITY) return [{ state, outcome: "full" }];
      return [{ state: { items: [...state.items, call.value] }, outcome: "ok" }];
    }
    if (state.items.length === 0) return [{ state, outcome: "empty" }];
    return [{ state: { items: state.items.slice(1) }, outcome: state.items[0] }];
  },
  equals: (a2, b2) => a2.items.length === b2.items.length && a2.items.every((v, i) => v === b2.items[i]),
  encode(s, sink) {
    sink.u8(s.items.length);
    for (const v of s.items) sink.i32(v);
  },
  format: (s) => `items: [${s.items.join(", ")}]`,
  formatCall: (c) => c.op === "push" ? `push(${c.value})` : "pop()",
  formatOutcome: (o) => String(o),
  outcomeEquals: (a2, b2) => a2 === b2,
  invariants: [always("at most capacity items", (s) => s.items.length <= TOY_QUEUE_CAPACITY)]
};
var HEAD = 0;
var COUNT = 1;
var BUF = 2;
var P_PC = 4;
var P_STARTED = 5;
var C_STARTED = 6;
var WORDS = 7;
var ACTION_NAMES = ["producer: start push", "producer: step push", "consumer: pop"];
function queueImpl(offByOne) {
  const isFull = (s) => offByOne ? s[COUNT] > TOY_QUEUE_CAPACITY : s[COUNT] >= TOY_QUEUE_CAPACITY;
  const step = (state, action, report) => {
    const s = state.slice();
    switch (action) {
      case 0:
        s[P_PC] = 0;
        s[P_STARTED]++;
        break;
      case 1: {
        const value = s[P_STARTED];
        if (report !== void 0) report.actor = 0;
        if (s[P_PC] === 0) {
          if (isFull(s)) {
            s[P_PC] = -1;
            if (report !== void 0) {
              report.lin = { op: "push", value };
              report.outcome = "full";
            }
          } else {
            s[BUF + (s[HEAD] + s[COUNT]) % TOY_QUEUE_CAPACITY] = value;
            s[P_PC] = 1;
          }
        } else {
          s[COUNT]++;
          s[P_PC] = -1;
          if (report !== void 0) {
            report.lin = { op: "push", value };
            report.outcome = "ok";
          }
        }
        break;
      }
      case 2: {
        s[C_STARTED]++;
        if (report !== void 0) {
          report.actor = 1;
          report.lin = { op: "pop" };
        }
        if (s[COUNT] === 0) {
          if (report !== void 0) report.outcome = "empty";
        } else {
          const value = s[BUF + s[HEAD]];
          s[HEAD] = (s[HEAD] + 1) % TOY_QUEUE_CAPACITY;
          s[COUNT]--;
          if (report !== void 0) report.outcome = value;
        }
        break;
      }
    }
    return s;
  };
  const model2 = {
    name: `fixture/toy-queue${offByOne ? " (off-by-one full check)" : ""}`,
    initStates() {
      const s = new Int32Array(WORDS);
      s[P_PC] = -1;
      return [s];
    },
    actions(s, out) {
      if (s[P_PC] === -1) {
        if (s[P_STARTED] < PUSHES) out.push(0);
      } else out.push(1);
      if (s[C_STARTED] < POPS) out.push(2);
    },
    next: (s, a2) => step(s, a2, void 0),
    properties: () => [always("count within capacity + 1", (s) => s[COUNT] <= TOY_QUEUE_CAPACITY + 1)],
    encode(s, sink) {
      sink.words(s);
    },
    formatAction: (a2) => ACTION_NAMES[a2],
    formatState: (s) => `head=${s[HEAD]} count=${s[COUNT]} buf=[${s[BUF]}, ${s[BUF + 1]}] producer=${s[P_PC] === -1 ? "idle" : s[P_PC] === 0 ? "push @ write slot" : "push @ publish"} pushes=${s[P_STARTED]} pops=${s[C_STARTED]}`,
    coverage: { kinds: ACTION_NAMES, kindOf: (a2) => a2 }
  };
  return {
    model: model2,
    step: (s, a2, report) => step(s, a2, report),
    abstract(s) {
      const items = [];
      for (let i = 0; i < s[COUNT]; i++) items.push(s[BUF + (s[HEAD] + i) % TOY_QUEUE_CAPACITY]);
      return { items };
    }
  };
}
function toyQueueModel(offByOne) {
  return refinementModel(queueSpec, queueImpl(offByOne), `fixture/toy-queue${offByOne ? " (off-by-one full check)" : ""} \u2297 spec`);
}

// model/fixtures/uart-toy.ts
var UART_TOY_ACTIONS = [
  "guest read DR",
  "guest write DR",
  "guest toggle RXI mask",
  "guest toggle TXI mask",
  "guest clear RXI",
  "guest clear TXI",
  "guest clear irq",
  "backend deliver IN",
  "backend drain OUT"
];
var copyBytes = Uint8Array.prototype.set;
function uartToyModel(size) {
  if (!Number.isInteger(size) || size < 1 || size > 60) throw new RangeError(`uart-toy size must be an integer in [1, 60], got ${size}`);
  const wrap = 2 * size;
  const outbuf = 9 /* INBUF */ + size;
  const bytes = outbuf + size;
  const queued = (p, c) => p >= c ? p - c : p + wrap - c;
  const bump = (i) => i + 1 === wrap ? 0 : i + 1;
  const slot2 = (i) => i >= size ? i - size : i;
  const raiseIrq = (s) => {
    if ((s[5 /* RIS */] & s[6 /* IMSC */]) !== 0) s[8 /* IRQ */] = 1;
  };
  const dataAvail = (s) => {
    const qin = queued(s[0 /* IN_PROD */], s[1 /* IN_CONS */]);
    const qout = queued(s[2 /* OUT_PROD */], s[3 /* OUT_CONS */]);
    if (qin !== 0) {
      s[4 /* FR */] = s[4 /* FR */] & ~16 /* RXFE */;
      s[5 /* RIS */] = s[5 /* RIS */] | 16 /* RXI */;
    }
    if (qin === size) s[4 /* FR */] = s[4 /* FR */] | 64 /* RXFF */;
    if (qout !== size) {
      s[4 /* FR */] = s[4 /* FR */] & ~32 /* TXFF */;
      s[5 /* RIS */] = s[5 /* RIS */] | 32 /* TXI */;
    }
    if (qout === 0) s[4 /* FR */] = s[4 /* FR */] & ~8 /* BUSY */ | 128 /* TXFE */;
    raiseIrq(s);
  };
  const step = (from, action, s) => {
    copyBytes.call(s, from);
    switch (action) {
      case 0: {
        if (queued(s[0 /* IN_PROD */], s[1 /* IN_CONS */]) > 0) s[1 /* IN_CONS */] = bump(s[1 /* IN_CONS */]);
        if (queued(s[0 /* IN_PROD */], s[1 /* IN_CONS */]) === 0) {
          s[4 /* FR */] = s[4 /* FR */] | 16 /* RXFE */;
          s[5 /* RIS */] = s[5 /* RIS */] & ~16 /* RXI */;
        }
        s[4 /* FR */] = s[4 /* FR */] & ~64 /* RXFF */;
        break;
      }
      case 1: {
        if (queued(s[2 /* OUT_PROD */], s[3 /* OUT_CONS */]) !== size) {
          s[outbuf + slot2(s[2 /* OUT_PROD */])] = 1;
          s[2 /* OUT_PROD */] = bump(s[2 /* OUT_PROD */]);
        }
        if (queued(s[2 /* OUT_PROD */], s[3 /* OUT_CONS */]) === size) {
          s[4 /* FR */] = s[4 /* FR */] | 32 /* TXFF */;
          s[5 /* RIS */] = s[5 /* RIS */] & ~32 /* TXI */;
        }
        s[4 /* FR */] = (s[4 /* FR */] | 8 /* BUSY */) & ~128 /* TXFE */;
        break;
      }
      case 2:
        s[6 /* IMSC */] = s[6 /* IMSC */] ^ 16 /* RXI */;
        raiseIrq(s);
        break;
      case 3:
        s[6 /* IMSC */] = s[6 /* IMSC */] ^ 32 /* TXI */;
        raiseIrq(s);
        break;
      case 4:
        s[5 /* RIS */] = s[5 /* RIS */] & ~16 /* RXI */;
        raiseIrq(s);
        break;
      case 5:
        s[5 /* RIS */] = s[5 /* RIS */] & ~32 /* TXI */;
        raiseIrq(s);
        break;
      case 6:
        s[8 /* IRQ */] = 0;
        break;
      case 7: {
        s[9 /* INBUF */ + slot2(s[0 /* IN_PROD */])] = s[7 /* NEXT_IN */];
        s[7 /* NEXT_IN */] = s[7 /* NEXT_IN */] + 1 & 3;
        s[0 /* IN_PROD */] = bump(s[0 /* IN_PROD */]);
        dataAvail(s);
        break;
      }
      case 8: {
        s[outbuf + slot2(s[3 /* OUT_CONS */])] = 0;
        s[3 /* OUT_CONS */] = bump(s[3 /* OUT_CONS */]);
        dataAvail(s);
        break;
      }
      default:
        throw new RangeError(`uart-toy has no action ${action}`);
    }
  };
  return {
    name: `fixture/uart-toy-${size}`,
    initStates() {
      const s = new Uint8Array(bytes);
      s[4 /* FR */] = 16 /* RXFE */ | 128 /* TXFE */;
      return [s];
    },
    actions(s, out) {
      for (let a2 = 0; a2 < 7; a2++) out.push(a2);
      if (queued(s[0 /* IN_PROD */], s[1 /* IN_CONS */]) < size) out.push(7);
      if (queued(s[2 /* OUT_PROD */], s[3 /* OUT_CONS */]) > 0) out.push(8);
    },
    next(state, action) {
      const s = new Uint8Array(bytes);
      step(state, action, s);
      return s;
    },
    fast: {
      nextInto(state, action, into) {
        step(state, action, into);
        return true;
      },
      scratch() {
        return new Uint8Array(bytes);
      },
      copy(s) {
        return s.slice();
      },
      // The state is a plain byte vector, encoded as itself: the explorer keeps, hashes and copies it a word at a time.
      stateBytes: bytes
    },
    packed: {
      bytes,
      pack(s, into, offset) {
        into.set(s, offset);
      },
      unpack(from, offset, into) {
        for (let i = 0; i < bytes; i++) into[i] = from[offset + i];
      }
    },
    properties() {
      return [
        always(
          "rings hold at most SIZE entries",
          (s) => queued(s[0 /* IN_PROD */], s[1 /* IN_CONS */]) <= size && queued(s[2 /* OUT_PROD */], s[3 /* OUT_CONS */]) <= size,
          "the .pml assertion in data_avail, checked on every state"
        )
      ];
    },
    encode(s, sink) {
      sink.bytes(s);
    },
    formatAction(a2) {
      return UART_TOY_ACTIONS[a2] ?? `action ${a2}`;
    },
    formatState(s) {
      const list = (from) => Array.from(s.subarray(from, from + size)).join(",");
      return `in_prod=${s[0 /* IN_PROD */]} in_cons=${s[1 /* IN_CONS */]} out_prod=${s[2 /* OUT_PROD */]} out_cons=${s[3 /* OUT_CONS */]} fr=${s[4 /* FR */]} ris=${s[5 /* RIS */]} imsc=${s[6 /* IMSC */]} next_in=${s[7 /* NEXT_IN */]} irq=${s[8 /* IRQ */]} inbuf=[${list(9 /* INBUF */)}] outbuf=[${list(outbuf)}]`;
    },
    coverage: {
      kinds: UART_TOY_ACTIONS,
      kindOf(a2) {
        return a2;
      }
    }
  };
}

// model/fixtures/index.ts
function unknownConfig(fixture, config2, known) {
  throw new UsageError(`unknown config "${config2}" for ${fixture} (known: ${known.map((c) => c.name).join(", ")})`);
}
function noVariants(fixture, variant) {
  if (variant !== void 0) throw new UsageError(`unknown variant "${variant}" for ${fixture} (it has none)`);
}
function checkVariant(fixture, variant, known) {
  if (variant !== void 0 && !known.some((v) => v.id === variant)) {
    throw new UsageError(`unknown variant "${variant}" for ${fixture} (known: ${known.map((v) => v.id).join(", ")})`);
  }
}
function onlyBoth(fixture, side2) {
  if (side2 !== "both") throw new UsageError(`${fixture} has no separate spec and impl: --only ${side2} does not apply`);
}
var linearConfigs = [
  { name: "solvable", description: "2x + 10y \u2261 14 (mod 256): solved by [IncX, IncX, IncY]" },
  { name: "unsolvable", description: "2x + 4y \u2261 7 (mod 256): no solution in 65,536 states" }
];
var linearEquationFixture = {
  name: "linear-equation",
  kind: "fixture",
  description: "Stateright's linear equation over u8 (a `sometimes` property)",
  configs: linearConfigs,
  defaultConfig: "solvable",
  variants: [],
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    noVariants("linear-equation", variant);
    onlyBoth("linear-equation", side2);
    if (config2 === "solvable") return erase(linearEquationModel(2, 10, 14));
    if (config2 === "unsolvable") return erase(linearEquationModel(2, 4, 7));
    return unknownConfig("linear-equation", config2, linearConfigs);
  }
};
var clockConfigs = [{ name: "default", description: "two states" }];
var binaryClockFixture = {
  name: "binary-clock",
  kind: "fixture",
  description: "Stateright's binary clock",
  configs: clockConfigs,
  defaultConfig: "default",
  variants: [],
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    noVariants("binary-clock", variant);
    onlyBoth("binary-clock", side2);
    if (config2 !== "default") return unknownConfig("binary-clock", config2, clockConfigs);
    return erase(binaryClockModel());
  }
};
var counterConfigs = [
  { name: "default", description: "two actors, one increment each" },
  { name: "three", description: "three actors, two increments each" }
];
var counterVariants = [
  {
    id: "counter/split-increment",
    description: "the increment reads and writes in two steps: the lost update",
    expectedProperty: "no lost update",
    config: "default"
  }
];
var counterFixture = {
  name: "counter",
  kind: "fixture",
  description: "two actors incrementing a shared counter (step machines)",
  configs: counterConfigs,
  defaultConfig: "default",
  variants: counterVariants,
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    checkVariant("counter", variant, counterVariants);
    onlyBoth("counter", side2);
    const split = variant === "counter/split-increment";
    if (config2 === "default") return erase(counterModel(split, 2, 1));
    if (config2 === "three") return erase(counterModel(split, 3, 2));
    return unknownConfig("counter", config2, counterConfigs);
  }
};
var queueConfigs = [{ name: "default", description: "one producer (3 pushes), one consumer (3 pops), capacity 2" }];
var queueVariants = [
  {
    id: "toy-queue/off-by-one-full",
    description: "the full check is `count > capacity`: a push overwrites the oldest unread value",
    expectedProperty: "impl refines spec",
    config: "default"
  }
];
var toyQueueFixture = {
  name: "toy-queue",
  kind: "fixture",
  description: "a bounded queue spec and a two-step ring-buffer impl, through the refinement harness",
  configs: queueConfigs,
  defaultConfig: "default",
  variants: queueVariants,
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    checkVariant("toy-queue", variant, queueVariants);
    onlyBoth("toy-queue", side2);
    if (config2 !== "default") return unknownConfig("toy-queue", config2, queueConfigs);
    return erase(toyQueueModel(variant === "toy-queue/off-by-one-full"));
  }
};
var uartConfigs = [1, 2, 4, 8, 12].map((size) => ({ name: `size-${size}`, description: `rings of ${size} slots (SIZE ${size})` }));
var uartToyFixture = {
  name: "uart-toy",
  kind: "fixture",
  description: "exact port of shared/bench/uart-toy.pml (SPIN/TLC calibration)",
  configs: uartConfigs,
  defaultConfig: "size-4",
  variants: [],
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    noVariants("uart-toy", variant);
    onlyBoth("uart-toy", side2);
    const match4 = /^size-(\d+)$/.exec(config2);
    if (match4 === null || !uartConfigs.some((c) => c.name === config2)) return unknownConfig("uart-toy", config2, uartConfigs);
    return erase(uartToyModel(Number(match4[1])));
  }
};
var faultyConfigs = FAULTS.map((name2) => ({ name: name2, description: `goes wrong: ${name2.replace(/-/g, " ")}` }));
var faultyFixture = {
  name: "faulty",
  kind: "fixture",
  description: "the CLI's own test fixture: a counter that throws (in a step, actions(), a property) or fails after a long path",
  configs: faultyConfigs,
  defaultConfig: "throw-in-step",
  variants: [],
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    noVariants("faulty", variant);
    onlyBoth("faulty", side2);
    const fault = FAULTS.find((f) => f === config2);
    if (fault === void 0) return unknownConfig("faulty", config2, faultyConfigs);
    return erase(faultyModel(fault));
  }
};
var slowConfigs = [{ name: "default", description: "a counter to 1,000,000, each step taking 20 ms" }];
var slowFixture = {
  name: "slow",
  kind: "fixture",
  description: "a counter whose steps are slow (tests of interrupts)",
  configs: slowConfigs,
  defaultConfig: "default",
  variants: [],
  sides: ["both"],
  build(config2, { variant, side: side2 }) {
    noVariants("slow", variant);
    onlyBoth("slow", side2);
    if (config2 === "default") return erase(slowModel(20));
    return unknownConfig("slow", config2, slowConfigs);
  }
};
var fixtures = [linearEquationFixture, binaryClockFixture, counterFixture, toyQueueFixture, uartToyFixture, faultyFixture, slowFixture];

// impl/pcid/quirks.ts
var CORRECT2 = Object.freeze({ switchAlgorithm: "corrected", earlyCr4OnlyForPge: false });

// model/pcid/properties-names.ts
var P2 = {
  noFault: "no architectural fault",
  pgePcide: "never PGE and PCIDE together",
  ownTranslation: "a guest access sees only its own domain\u2019s translations, and none of Xen\u2019s on the XPTI root",
  flushed: "after flush_area_local(va) no stale entry for va remains in a PCID a PV context can load",
  switchClean: "after a context switch every usable TLB entry translates as the new context\u2019s tables do",
  toggleClean: "after a kernel/user toggle no non-global entry of the current PCID is more permissive than the tables now loaded",
  noflushKept: "a NOFLUSH CR3 load keeps a useful entry",
  globalReuse: "a global entry reused across a kernel/user toggle",
  samePcid: "two domains use the same PCID one after the other",
  fillIrqOff: "a TLB fill inside an interrupt-off window",
  staleSeen: "a guest sees its old translation before flushing",
  optionRejected: "a pcid= value rejected"
};

// model/pcid/config.ts
var Va = { user: 0, kernel: 1, xen: 2, nonCanonical: 3 };
var IDLE = 2;
var N_DOM = 2;
var FRAMES = {
  user: [
    [1, 2],
    [3, 4]
  ],
  kernel: [5, 6],
  xen: [8, 9, 7]
};
var XPTI = [true, false];
var VTSC = [false, true];
var BOOT = { cpuHasPcid: true, useInvpcid: true, xptiAnyClass: true };
var ALL_WITNESSES = [P2.noflushKept, P2.globalReuse, P2.samePcid, P2.fillIrqOff, P2.staleSeen, P2.optionRejected];
var small2 = {
  name: "small",
  description: "1 CPU; d0 (XPTI) and d1 (no XPTI, vTSC) created after at most one pcid= write (true, or the rejected noxpti); 2 switches, a toggle, a remap and a flush of the user page; accesses and fills of the user and Xen pages",
  nCpu: 1,
  boot: BOOT,
  options: ["true", "noxpti"],
  optionWrites: 1,
  switches: 2,
  toggles: 1,
  remaps: 1,
  flushes: 1,
  ipis: 0,
  shadow: [false, false],
  rootChanges: 0,
  syncs: 0,
  flushVas: [Va.user],
  flushAll: false,
  accessVas: [Va.user, Va.xen],
  witnesses: ALL_WITNESSES
};
var mixed = {
  ...small2,
  name: "mixed",
  description: "as small, but the one pcid= write offered is no-xpti (PCID for d1 only, d0 keeps XPTI without PCID)",
  options: ["no-xpti"],
  witnesses: [P2.noflushKept, P2.globalReuse, P2.fillIrqOff, P2.staleSeen]
};
var nested = {
  ...small2,
  name: "nested",
  description: "1 CPU; d0 and d1 created after at most one pcid= write (true); 3 switches (a domain, idle lazily, the other), a toggle, a lazy-state sync IPI at any interrupt-enabled point; accesses and fills of the user and Xen pages",
  options: ["true"],
  switches: 3,
  remaps: 0,
  flushes: 0,
  syncs: 1,
  witnesses: [P2.noflushKept, P2.globalReuse, P2.samePcid, P2.fillIrqOff]
};
var shadow = {
  ...small2,
  name: "shadow",
  description: "1 CPU; d1 in shadow mode; at most one pcid= write (true); 2 switches, 2 toggles, a replacement of d1\u2019s inactive-mode shadow top level (user page write-protected); accesses and fills of the user and Xen pages",
  options: ["true"],
  toggles: 2,
  remaps: 0,
  flushes: 0,
  shadow: [false, true],
  rootChanges: 1,
  witnesses: [P2.noflushKept, P2.globalReuse, P2.samePcid, P2.fillIrqOff]
};
var defaultCfg = {
  name: "default",
  description: "1 CPU; one pcid= write while a domain is still to be created (xpti=off, 1, no-xpti, or the rejected noxpti); 3 switches, a toggle, a remap, a flush (user page, non-canonical address, or everything), a flush IPI and a lazy-state sync; user and Xen pages",
  nCpu: 1,
  boot: BOOT,
  options: ["xpti=off", "1", "no-xpti", "noxpti"],
  optionWrites: 1,
  switches: 3,
  toggles: 1,
  remaps: 1,
  flushes: 1,
  ipis: 1,
  shadow: [false, false],
  rootChanges: 0,
  syncs: 1,
  flushVas: [Va.user, Va.nonCanonical],
  flushAll: true,
  accessVas: [Va.user, Va.xen],
  witnesses: ALL_WITNESSES
};
var deep2 = {
  ...defaultCfg,
  name: "deep",
  description: "default on 2 CPUs: vCPUs move between CPUs, a CPU idles lazily on a vCPU\u2019s tables while the other runs",
  nCpu: 2
};
var PCID_CONFIGS = [small2, mixed, nested, shadow, defaultCfg, deep2];

// impl/pcid/layout.ts
var Va2 = {
  /** A guest user page: in both the kernel and user tables, PTE global (Xen marks PV user mappings global). */
  user: 0,
  /** A guest kernel page: in the kernel tables only. */
  kernel: 1,
  /** One of Xen's private mappings: in Xen's tables, absent from the XPTI per-CPU root. */
  xen: 2,
  /** A non-canonical address (a flush request may name one). */
  nonCanonical: 3
};
var N_VA = 3;
var IDLE2 = 2;
var N_DOM2 = 2;
var ROOT_IDLE = 0;
var fullRoot = (d, user) => 1 + 2 * d + (user ? 1 : 0);
var xptiRoot = (cpu) => 1 + 2 * N_DOM2 + cpu;
var isXptiRoot = (root) => root >= 1 + 2 * N_DOM2;
var CONTENTS_IDLE = 0;
var contentsRestricted = (d, user) => 1 + 2 * N_DOM2 + 2 * d + (user ? 1 : 0);
var CONTENTS_EMPTY = 1 + 4 * N_DOM2;
var contentsLogDirty = (d, user) => 2 + 4 * N_DOM2 + 2 * d + (user ? 1 : 0);
var PCID_PV_PRIV = 0;
var PCID_PV_USER = 1;
var PCID_PV_XPTI = 2;
var OptPcid = {
  off: 0,
  all: 1,
  xpti: 2,
  noXpti: 3
};
var G = {
  optPcid: 0
};
var G_WORDS = 1;
var D = {
  created: 0,
  xpti: 1,
  /** `d->arch.pv_domain.pcid`, decided once at creation. */
  pcid: 2,
  vtsc: 3,
  /** The guest's PTE for `Va.user`: which of its frames (guest memory, written by mmu_update). */
  userFrame: 4,
  /** TF_kernel_mode. */
  kernel: 5,
  /** v->arch.cr3: root, CR3[11:0] and the NOFLUSH request (bit 63 kept apart). */
  cr3Root: 6,
  cr3Pcid: 7,
  cr3Noflush: 8,
  /** shadow_mode_enabled(d): the domain runs on shadow page tables (here: log-dirty, for live migration). */
  shadow: 9,
  /**
   * Which top-level shadow is installed per mode (bit 0 kernel, bit 1 user): the shadow code may replace the
   * top level of a mode between two toggles; generation 1 write-protects the user page (log-dirty).
   */
  shadowGen: 10
};
var D_WORDS = 11;
var C = {
  /** `current`: the vCPU scheduled here (a domain, or IDLE). */
  current: 0,
  /** `curr_vcpu`: whose state (page tables) is loaded; differs from current while lazily idle. */
  loaded: 1,
  /** 1 while the guest runs (not in Xen). */
  inGuest: 2,
  /** The software copy `read_cr4` returns. */
  cr4: 3,
  /** cpu_info->pv_cr3 (XPTI guest CR3) and root_pgt_changed. */
  pvCr3Root: 4,
  pvCr3Pcid: 5,
  pvCr3Noflush: 6,
  rootPgtChanged: 7,
  /** The contents of this CPU's XPTI root page (shared by every XPTI vCPU running here). */
  xptiContents: 8,
  /** The operation in flight (`Op`) and its program counter. */
  op: 9,
  pc: 10,
  /** Locals of the operation in flight. */
  target: 11,
  newRoot: 12,
  newPcid: 13,
  newNoflush: 14,
  newCr4: 15,
  flags: 16,
  oldPcid: 17,
  arg: 18
};
var C_WORDS = 19;
var C_LOCALS = [C.target, C_WORDS];
var Op = {
  none: 0,
  /** A context switch: write_ptbase → switch_cr3_cr4, then the scheduler's bookkeeping. */
  contextSwitch: 1,
  /** flush_area_local for one address (a guest's INVLPG request). */
  flushOne: 2,
  /** A full local flush (a guest's TLB flush request). */
  flushAll: 3
};
function makeLayout2(nCpu, hwWords, envWords2) {
  const xenBase = hwWords;
  const envBase = xenBase + G_WORDS + N_DOM2 * D_WORDS + nCpu * C_WORDS;
  return { nCpu, xenBase, envBase, words: envBase + envWords2 };
}
var gw = (L, off) => L.xenBase + off;
var dw = (L, d, off) => L.xenBase + G_WORDS + D_WORDS * d + off;
var cw = (L, cpu, off) => L.xenBase + G_WORDS + N_DOM2 * D_WORDS + C_WORDS * cpu + off;

// impl/pcid/abstract.ts
var POLICY = { [OptPcid.off]: 0, [OptPcid.all]: 1, [OptPcid.xpti]: 2, [OptPcid.noXpti]: 3 };
function abstractPcid(w2, L) {
  const domains = [];
  for (let d = 0; d < N_DOM2; d++) {
    domains.push({
      created: w2[dw(L, d, D.created)] === 1,
      pcid: w2[dw(L, d, D.pcid)] === 1,
      kernel: w2[dw(L, d, D.kernel)] === 1,
      userFrame: w2[dw(L, d, D.userFrame)],
      stale: 0
    });
  }
  const cpus = [];
  for (let c = 0; c < L.nCpu; c++) cpus.push({ running: w2[cw(L, c, C.current)], inGuest: w2[cw(L, c, C.inGuest)] === 1 });
  return { option: POLICY[w2[gw(L, G.optPcid)]], domains, cpus };
}

// impl/pcid/hw.ts
var X86_CR4 = {
  TSD: 1 << 2,
  PGE: 1 << 7,
  PCIDE: 1 << 17
};
var INVPCID_TYPE = {
  indivAddr: 0,
  singleCtxt: 1,
  allInclGlobal: 2,
  allNonGlobal: 3
};

// impl/pcid/option.ts
function parseBool(s) {
  switch (s) {
    case "1":
    case "on":
    case "yes":
    case "true":
    case "enable":
      return 1;
    case "0":
    case "no":
    case "off":
    case "false":
    case "disable":
      return 0;
    default:
      return -1;
  }
}
function parseBoolean(name2, s) {
  const negated = s.startsWith("no-");
  const rest = negated ? s.slice(3) : s;
  if (!rest.startsWith(name2)) return -1;
  if (rest.length === name2.length) return negated ? 0 : 1;
  if (negated) return -1;
  if (rest[name2.length] !== "=") return -1;
  const b2 = parseBool(rest.slice(name2.length + 1));
  return b2 >= 0 ? b2 : -2;
}
var EINVAL2 = -22;
function parsePcid(s) {
  switch (parseBool(s)) {
    case 0:
      return { ok: true, value: OptPcid.off };
    case 1:
      return { ok: true, value: OptPcid.all };
    default:
      switch (parseBoolean("xpti", s)) {
        case 0:
          return { ok: true, value: OptPcid.noXpti };
        case 1:
          return { ok: true, value: OptPcid.xpti };
        default:
          return {
            ok: false,
            rc: EINVAL2,
            error: `pcid=${s}: expected a boolean (0/1, no/yes, off/on, false/true, disable/enable), xpti, no-xpti or xpti=<boolean>`
          };
      }
  }
}
function setPcidOption(w2, L, s) {
  const r = parsePcid(s);
  if (!r.ok) return r.rc;
  w2[gw(L, 0)] = r.value;
  return 0;
}
function pcidDomainInit(w2, L, d, f) {
  w2[dw(L, d, D.pcid)] = 0;
  if (!f.useInvpcid || !f.cpuHasPcid) return;
  const opt = w2[gw(L, 0)];
  const xpti = w2[dw(L, d, D.xpti)] === 1;
  let use;
  switch (opt) {
    case OptPcid.off:
      use = false;
      break;
    case OptPcid.all:
      use = true;
      break;
    case OptPcid.xpti:
      use = xpti;
      break;
    case OptPcid.noXpti:
      use = !xpti;
      break;
    default:
      throw new Error(`opt_pcid holds ${String(opt)}`);
  }
  w2[dw(L, d, D.pcid)] = use ? 1 : 0;
}

// impl/pcid/mm.ts
function getPcidBits(x, d, isXpti) {
  const kernel = x.w[dw(x.L, d, D.kernel)] === 1;
  return (isXpti ? PCID_PV_XPTI : 0) | (kernel ? PCID_PV_PRIV : PCID_PV_USER);
}
function makeCr3(x, d) {
  const { w: w2, L } = x;
  const pcid = w2[dw(L, d, D.pcid)] === 1;
  w2[dw(L, d, D.cr3Root)] = fullRoot(d, w2[dw(L, d, D.kernel)] !== 1);
  w2[dw(L, d, D.cr3Pcid)] = pcid ? getPcidBits(x, d, false) : 0;
  w2[dw(L, d, D.cr3Noflush)] = pcid ? 1 : 0;
}
function setPvCr3(x, d, shadowToggle = false) {
  const { w: w2, L, cpu } = x;
  const pcid = w2[dw(L, d, D.pcid)] === 1;
  w2[cw(L, cpu, C.pvCr3Root)] = xptiRoot(cpu);
  w2[cw(L, cpu, C.pvCr3Pcid)] = pcid ? getPcidBits(x, d, true) : 0;
  w2[cw(L, cpu, C.pvCr3Noflush)] = pcid && !(shadowToggle && w2[dw(L, d, D.shadow)] === 1) ? 1 : 0;
}
function pvGuestCr4ToRealCr4(x, d) {
  const { w: w2, L } = x;
  const pcid = w2[dw(L, d, D.pcid)] === 1;
  const xpti = w2[dw(L, d, D.xpti)] === 1;
  let cr4 = 0;
  if (!xpti && !pcid) cr4 |= X86_CR4.PGE;
  if (pcid) cr4 |= X86_CR4.PCIDE;
  if (w2[dw(L, d, D.vtsc)] === 1) cr4 |= X86_CR4.TSD;
  return cr4;
}
function writeCr4(x, value) {
  x.w[cw(x.L, x.cpu, C.cr4)] = value;
  x.hw.movCr4(x.w, x.cpu, value);
}
function readCr4(x) {
  return x.w[cw(x.L, x.cpu, C.cr4)];
}
function writePtbaseValues(x, target) {
  const { w: w2, L, cpu } = x;
  let cr32;
  let cr4;
  if (target === IDLE2) {
    cr32 = { root: ROOT_IDLE, pcid: 0, noflush: false };
    cr4 = readCr4(x) & ~(X86_CR4.PCIDE | X86_CR4.TSD) | X86_CR4.PGE;
  } else {
    cr32 = { root: w2[dw(L, target, D.cr3Root)], pcid: w2[dw(L, target, D.cr3Pcid)], noflush: w2[dw(L, target, D.cr3Noflush)] === 1 };
    cr4 = pvGuestCr4ToRealCr4(x, target);
    if (w2[dw(L, target, D.xpti)] === 1) {
      w2[cw(L, cpu, C.rootPgtChanged)] = 1;
      setPvCr3(x, target);
    }
  }
  w2[cw(L, cpu, C.target)] = target;
  w2[cw(L, cpu, C.newRoot)] = cr32.root;
  w2[cw(L, cpu, C.newPcid)] = cr32.pcid;
  w2[cw(L, cpu, C.newNoflush)] = cr32.noflush ? 1 : 0;
  w2[cw(L, cpu, C.newCr4)] = cr4;
}
function toggleGuestPt(x) {
  const { w: w2, L, cpu } = x;
  const d = w2[cw(L, cpu, C.current)];
  const shadow2 = w2[dw(L, d, D.shadow)] === 1;
  w2[dw(L, d, D.kernel)] = w2[dw(L, d, D.kernel)] ^ 1;
  makeCr3(x, d);
  if (w2[dw(L, d, D.xpti)] === 1) {
    w2[cw(L, cpu, C.rootPgtChanged)] = 1;
    setPvCr3(x, d, true);
  }
  x.hw.movCr3(w2, cpu, w2[dw(L, d, D.cr3Root)], w2[dw(L, d, D.cr3Pcid)], w2[dw(L, d, D.cr3Noflush)] === 1 && !shadow2);
}
function shadowReplaceInactiveRoot(w2, L, d) {
  const inactiveUser = w2[dw(L, d, D.kernel)] === 1;
  w2[dw(L, d, D.shadowGen)] = w2[dw(L, d, D.shadowGen)] ^ (inactiveUser ? 2 : 1);
}
function xptiExitToGuest(x) {
  const { w: w2, L, cpu } = x;
  const d = w2[cw(L, cpu, C.current)];
  if (w2[dw(L, d, D.xpti)] === 1) {
    if (w2[cw(L, cpu, C.rootPgtChanged)] === 1) {
      w2[cw(L, cpu, C.xptiContents)] = contentsRestricted(d, w2[dw(L, d, D.kernel)] !== 1);
      w2[cw(L, cpu, C.rootPgtChanged)] = 0;
    }
    x.hw.movCr3(w2, cpu, w2[cw(L, cpu, C.pvCr3Root)], w2[cw(L, cpu, C.pvCr3Pcid)], w2[cw(L, cpu, C.pvCr3Noflush)] === 1);
  }
  w2[cw(L, cpu, C.inGuest)] = 1;
}
function xptiEnterXen(x) {
  const { w: w2, L, cpu } = x;
  const d = w2[cw(L, cpu, C.current)];
  if (w2[dw(L, d, D.xpti)] === 1) x.hw.movCr3(w2, cpu, w2[dw(L, d, D.cr3Root)], w2[dw(L, d, D.cr3Pcid)], w2[dw(L, d, D.cr3Noflush)] === 1);
  w2[cw(L, cpu, C.inGuest)] = 0;
}
function domainCreate2(x, d) {
  const { w: w2, L } = x;
  w2[dw(L, d, D.created)] = 1;
  pcidDomainInit(w2, L, d, x.boot);
  w2[dw(L, d, D.kernel)] = 1;
  makeCr3(x, d);
  return w2[dw(L, d, D.pcid)];
}
function mmuUpdateUserPte(x, frame3) {
  const d = x.w[cw(x.L, x.cpu, C.current)];
  x.w[dw(x.L, d, D.userFrame)] = frame3;
}
function isCanonical(va) {
  return va !== Va2.nonCanonical;
}

// impl/pcid/flushtlb.ts
var go = (pc) => ({ pc, locals: 0 });
var local = (x, off) => x.w[cw(x.L, x.cpu, off)];
var setLocal = (x, off, v) => {
  x.w[cw(x.L, x.cpu, off)] = v;
};
var SwitchPc = {
  enter: 0,
  earlyCr4: 1,
  cr3: 2,
  lateCr4: 3,
  flushAllNonGlobal: 4,
  leave: 5
};
function afterCr3(x, pcs) {
  const cr4 = local(x, C.newCr4);
  if (readCr4(x) !== cr4) return go(pcs.lateCr4);
  return go(cr4 & X86_CR4.PCIDE ? pcs.flush : pcs.leave);
}
var loadNewCr3 = (x) => x.hw.movCr3(x.w, x.cpu, local(x, C.newRoot), local(x, C.newPcid), local(x, C.newNoflush) === 1);
var leave = {
  name: "restore interrupts",
  linearizes: true,
  run(x) {
    if (local(x, C.flags) === 1) x.hw.sti(x.w, x.cpu);
    return DONE;
  }
};
var switchCr3Cr4 = {
  name: "switch_cr3_cr4",
  begin: () => 0,
  steps: [
    {
      name: "disable interrupts, read CR4",
      run(x) {
        setLocal(x, C.flags, x.hw.interruptsOn(x.w, x.cpu) ? 1 : 0);
        x.hw.cli(x.w, x.cpu);
        const old = readCr4(x);
        const cr4 = local(x, C.newCr4);
        const enablingPcide = (old & X86_CR4.PCIDE) === 0 && (cr4 & X86_CR4.PCIDE) !== 0;
        const pgeBoth = (old & X86_CR4.PGE) !== 0 && (cr4 & X86_CR4.PGE) !== 0;
        if ((old & X86_CR4.PCIDE) !== 0 && (cr4 & X86_CR4.PCIDE) === 0) setLocal(x, C.newNoflush, 1);
        const early = x.quirks.earlyCr4OnlyForPge ? (old & X86_CR4.PGE) !== 0 : enablingPcide || pgeBoth;
        return go(early ? SwitchPc.earlyCr4 : SwitchPc.cr3);
      }
    },
    {
      name: "write CR4 early (PGE cleared)",
      run(x) {
        writeCr4(x, local(x, C.newCr4) & ~X86_CR4.PGE);
        return go(SwitchPc.cr3);
      }
    },
    {
      name: "write CR3",
      run(x) {
        loadNewCr3(x);
        return afterCr3(x, { lateCr4: SwitchPc.lateCr4, flush: SwitchPc.flushAllNonGlobal, leave: SwitchPc.leave });
      }
    },
    {
      name: "write CR4",
      run(x) {
        writeCr4(x, local(x, C.newCr4));
        return go(local(x, C.newCr4) & X86_CR4.PCIDE ? SwitchPc.flushAllNonGlobal : SwitchPc.leave);
      }
    },
    {
      name: "INVPCID all non-global",
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.allNonGlobal, 0, 0);
        return go(SwitchPc.leave);
      }
    },
    leave
  ]
};
var SeedPc = {
  readOldPcid: 0,
  enter: 1,
  earlyCr4: 2,
  flushBefore: 3,
  cr3: 4,
  lateCr4: 5,
  flushOldPcid: 6,
  leave: 7,
  lateCr4ThenFlushOld: 8
};
var writeCr3Cr4Seed = {
  name: "write_cr3_cr4 (seed)",
  begin: () => 0,
  steps: [
    {
      name: "read the old PCID (interrupts on)",
      run(x) {
        setLocal(x, C.oldPcid, x.hw.cr3Low(x.w, x.cpu) & 4095);
        return go(SeedPc.enter);
      }
    },
    {
      name: "disable interrupts, read CR4",
      run(x) {
        setLocal(x, C.flags, x.hw.interruptsOn(x.w, x.cpu) ? 1 : 0);
        x.hw.cli(x.w, x.cpu);
        if (readCr4(x) & X86_CR4.PGE) return go(SeedPc.earlyCr4);
        return go(x.boot.useInvpcid ? SeedPc.flushBefore : SeedPc.cr3);
      }
    },
    {
      name: "write CR4 early (PGE cleared)",
      run(x) {
        writeCr4(x, local(x, C.newCr4) & ~X86_CR4.PGE);
        return go(SeedPc.cr3);
      }
    },
    {
      name: "INVPCID all non-global (before the CR3 load)",
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.allNonGlobal, 0, 0);
        return go(SeedPc.cr3);
      }
    },
    {
      name: "write CR3",
      run(x) {
        const changed = local(x, C.oldPcid) !== local(x, C.newPcid);
        if (x.quirks.switchAlgorithm === "seed-v5-stale-read") {
          if (!changed) setLocal(x, C.newNoflush, 0);
          const oldCr4 = readCr4(x);
          const cr4 = local(x, C.newCr4);
          loadNewCr3(x);
          const flushOld = changed && (cr4 & X86_CR4.PGE) === 0 && (oldCr4 & X86_CR4.PCIDE) <= (cr4 & X86_CR4.PCIDE);
          if (oldCr4 !== cr4) return go(flushOld ? SeedPc.lateCr4ThenFlushOld : SeedPc.lateCr4);
          return go(flushOld ? SeedPc.flushOldPcid : SeedPc.leave);
        }
        loadNewCr3(x);
        if (readCr4(x) !== local(x, C.newCr4)) return go(SeedPc.lateCr4);
        return go(x.quirks.switchAlgorithm === "seed-v5" && changed ? SeedPc.flushOldPcid : SeedPc.leave);
      }
    },
    {
      name: "write CR4",
      run(x) {
        writeCr4(x, local(x, C.newCr4));
        return go(SeedPc.leave);
      }
    },
    {
      name: "INVPCID the old PCID",
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.singleCtxt, local(x, C.oldPcid), 0);
        return go(SeedPc.leave);
      }
    },
    leave,
    {
      name: "write CR4 (then flush the old PCID)",
      run(x) {
        writeCr4(x, local(x, C.newCr4));
        return go(SeedPc.flushOldPcid);
      }
    }
  ]
};
var FlushOnePc = {
  readCr4: 0,
  priv: 1,
  user: 2,
  xptiPriv: 3,
  xptiUser: 4,
  invlpg: 5
};
var invpcidOne = (pcid, next) => (x) => {
  x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.indivAddr, pcid, local(x, C.arg));
  return next(x);
};
var flushAreaLocal = {
  name: "flush_area_local",
  begin: () => 0,
  steps: [
    { name: "read CR4", run: (x) => go(readCr4(x) & X86_CR4.PCIDE ? FlushOnePc.priv : FlushOnePc.invlpg) },
    { name: "INVPCID va in PCID 0", run: invpcidOne(PCID_PV_PRIV, () => go(FlushOnePc.user)) },
    { name: "INVPCID va in PCID 1", linearizes: true, run: invpcidOne(PCID_PV_USER, (x) => x.boot.xptiAnyClass ? go(FlushOnePc.xptiPriv) : DONE) },
    { name: "INVPCID va in PCID 2", run: invpcidOne(PCID_PV_PRIV | PCID_PV_XPTI, () => go(FlushOnePc.xptiUser)) },
    { name: "INVPCID va in PCID 3", linearizes: true, run: invpcidOne(PCID_PV_USER | PCID_PV_XPTI, () => DONE) },
    {
      name: "INVLPG va",
      linearizes: true,
      run(x) {
        x.hw.invlpg(x.w, x.cpu, local(x, C.arg));
        return DONE;
      }
    }
  ]
};
var FlushAllPc = {
  choose: 0,
  invpcidAll: 1,
  pgeOff: 2,
  pgeOn: 3,
  reloadCr3: 4
};
var flushTlbLocal = {
  name: "flush_tlb_local",
  begin: () => 0,
  steps: [
    {
      name: "choose the flush",
      run(x) {
        if (x.boot.useInvpcid) return go(FlushAllPc.invpcidAll);
        return go(readCr4(x) & X86_CR4.PGE ? FlushAllPc.pgeOff : FlushAllPc.reloadCr3);
      }
    },
    {
      name: "INVPCID everything",
      linearizes: true,
      run(x) {
        x.hw.invpcid(x.w, x.cpu, INVPCID_TYPE.allInclGlobal, 0, 0);
        return DONE;
      }
    },
    {
      name: "write CR4 without PGE",
      run(x) {
        writeCr4(x, readCr4(x) & ~X86_CR4.PGE);
        return go(FlushAllPc.pgeOn);
      }
    },
    {
      name: "write CR4 with PGE",
      linearizes: true,
      run(x) {
        writeCr4(x, readCr4(x) | X86_CR4.PGE);
        return DONE;
      }
    },
    {
      name: "reload CR3",
      linearizes: true,
      run(x) {
        x.hw.movCr3(x.w, x.cpu, x.hw.cr3Root(x.w, x.cpu), x.hw.cr3Low(x.w, x.cpu), false);
        return DONE;
      }
    }
  ]
};
function flushTlbLocalAtomic(x) {
  let pc = 0;
  for (; ; ) {
    const r = flushTlbLocal.steps[pc].run(x, 0, void 0);
    if (r === DONE) return;
    pc = r.pc;
  }
}

// model/x86/cpu.ts
var Cr4 = {
  /** Time-stamp disable: a bit whose change flushes nothing. */
  TSD: 1 << 2,
  /** Global pages. */
  PGE: 1 << 7,
  /** Process-context identifiers. */
  PCIDE: 1 << 17
};
var Fault = {
  none: 0,
  /** MOV to CR3 with bit 63 (NOFLUSH) set while CR4.PCIDE = 0. */
  cr3NoflushWithoutPcide: 1,
  /** MOV to CR4 setting PCIDE while CR3[11:0] ≠ 0. */
  pcideWithNonzeroCr3Pcid: 2,
  /** INVPCID type 0 with a non-canonical address. */
  invpcidNonCanonical: 3,
  /** INVPCID type 0 or 1 naming a PCID ≠ 0 while CR4.PCIDE = 0. */
  invpcidPcidWithoutPcide: 4,
  /** INVPCID type > 3. */
  invpcidBadType: 5
};
var FAULT_NAMES = {
  [Fault.none]: "none",
  [Fault.cr3NoflushWithoutPcide]: "#GP: MOV CR3 with NOFLUSH while PCIDE=0",
  [Fault.pcideWithNonzeroCr3Pcid]: "#GP: MOV CR4 sets PCIDE while CR3[11:0]\u22600",
  [Fault.invpcidNonCanonical]: "#GP: INVPCID type 0 with a non-canonical address",
  [Fault.invpcidPcidWithoutPcide]: "#GP: INVPCID type 0/1 with PCID\u22600 while PCIDE=0",
  [Fault.invpcidBadType]: "#GP: INVPCID type > 3"
};
var Invpcid = {
  /** One address in one PCID, globals excluded. */
  individual: 0,
  /** One PCID, globals excluded. */
  singleContext: 1,
  /** Everything, globals included. */
  allIncludingGlobal: 2,
  /** Everything but globals. */
  allNonGlobal: 3
};
var CpuWord = {
  cr3Root: 0,
  /** CR3[11:0]: the PCID while PCIDE = 1; PWT/PCD and ignored bits otherwise. Bit 63 is never stored. */
  cr3Low: 1,
  cr4: 2,
  /** EFLAGS.IF: 1 = interrupts enabled. */
  interrupts: 3,
  fault: 4,
  /** First TLB slot; slot (pcid, va) is at `tlb + pcid * nVa + va`. */
  tlb: 5
};
var N_PCID = 4;
var Pte = {
  frameMask: 255,
  writable: 1 << 8,
  global: 1 << 9,
  tagShift: 12,
  tagMask: 255 << 12,
  present: 1 << 24
};
var pteFrame = (e) => e & Pte.frameMask;
var entryTag = (e) => (e & Pte.tagMask) >>> Pte.tagShift;
var isGlobal = (e) => (e & Pte.global) !== 0;
var cpuWords = (nVa) => CpuWord.tlb + N_PCID * nVa;
var X86 = class {
  constructor(shape) {
    this.shape = shape;
    this.words = cpuWords(shape.nVa) * shape.nCpu;
  }
  shape;
  words;
  /** Word index of `cpu`'s field `off`. */
  at(cpu, off) {
    return this.shape.base + cpuWords(this.shape.nVa) * cpu + off;
  }
  slot(cpu, pcid, va) {
    if (pcid < 0 || pcid >= N_PCID) throw new RangeError(`PCID ${pcid} is outside the modelled 0..${N_PCID - 1}`);
    return this.at(cpu, CpuWord.tlb + pcid * this.shape.nVa + va);
  }
  canonical(va) {
    return va >= 0 && va < this.shape.nVa;
  }
  /** Power-on state: CR3 = `root` with PCID 0, CR4 = `cr4` (PCIDE off), interrupts on, empty TLB. */
  reset(w2, cpu, root, cr4) {
    if (cr4 & Cr4.PCIDE) throw new Error("reset with PCIDE set");
    w2.fill(0, this.at(cpu, 0), this.at(cpu, cpuWords(this.shape.nVa)));
    w2[this.at(cpu, CpuWord.cr3Root)] = root;
    w2[this.at(cpu, CpuWord.cr4)] = cr4;
    w2[this.at(cpu, CpuWord.interrupts)] = 1;
  }
  faulted(w2, cpu) {
    return w2[this.at(cpu, CpuWord.fault)] !== Fault.none;
  }
  cr4(w2, cpu) {
    return w2[this.at(cpu, CpuWord.cr4)];
  }
  cr3Root(w2, cpu) {
    return w2[this.at(cpu, CpuWord.cr3Root)];
  }
  /** CR3[11:0] as MOV from CR3 returns it. */
  cr3Low(w2, cpu) {
    return w2[this.at(cpu, CpuWord.cr3Low)];
  }
  /** The current PCID: CR3[11:0] with PCIDE on, else 0. */
  pcid(w2, cpu) {
    return (this.cr4(w2, cpu) & Cr4.PCIDE) !== 0 ? this.cr3Low(w2, cpu) : 0;
  }
  interruptsOn(w2, cpu) {
    return w2[this.at(cpu, CpuWord.interrupts)] === 1;
  }
  cli(w2, cpu) {
    w2[this.at(cpu, CpuWord.interrupts)] = 0;
  }
  sti(w2, cpu) {
    w2[this.at(cpu, CpuWord.interrupts)] = 1;
  }
  fault(w2, cpu, f) {
    w2[this.at(cpu, CpuWord.fault)] = f;
  }
  /** Drops entries of `pcid` (every PCID when -1) for `va` (every va when -1), globals too when `globals`. */
  drop(w2, cpu, pcid, va, globals) {
    for (let p = 0; p < N_PCID; p++) {
      if (pcid >= 0 && p !== pcid) continue;
      for (let v = 0; v < this.shape.nVa; v++) {
        if (va >= 0 && v !== va) continue;
        const i = this.slot(cpu, p, v);
        if (w2[i] !== 0 && (globals || !isGlobal(w2[i]))) w2[i] = 0;
      }
    }
  }
  /** Drops global entries for `va` (every va when -1) in every PCID. */
  dropGlobals(w2, cpu, va) {
    for (let p = 0; p < N_PCID; p++) {
      for (let v = 0; v < this.shape.nVa; v++) {
        if (va >= 0 && v !== va) continue;
        const i = this.slot(cpu, p, v);
        if (isGlobal(w2[i])) w2[i] = 0;
      }
    }
  }
  /**
   * MOV to CR3 of (`root`, `low`), bit 63 = `noflush`. PCIDE off: #GP if
   * NOFLUSH, else the non-global entries of PCID 0 go. PCIDE on: NOFLUSH
   * keeps everything, else the non-global entries of the new PCID go.
   */
  movCr3(w2, cpu, root, low, noflush) {
    const pcide = (this.cr4(w2, cpu) & Cr4.PCIDE) !== 0;
    if (noflush && !pcide) return this.fault(w2, cpu, Fault.cr3NoflushWithoutPcide);
    w2[this.at(cpu, CpuWord.cr3Root)] = root;
    w2[this.at(cpu, CpuWord.cr3Low)] = low & 4095;
    if (!pcide) this.drop(w2, cpu, 0, -1, false);
    else if (!noflush) this.drop(w2, cpu, low & 4095, -1, false);
  }
  /**
   * MOV to CR4. Setting PCIDE with CR3[11:0] ≠ 0 is #GP. A PGE change (either
   * way) or PCIDE 1→0 drops everything, globals too; PCIDE 0→1 and other
   * bits drop nothing.
   */
  movCr4(w2, cpu, value) {
    const old = this.cr4(w2, cpu);
    const setsPcide = (value & Cr4.PCIDE) !== 0 && (old & Cr4.PCIDE) === 0;
    if (setsPcide && this.cr3Low(w2, cpu) !== 0) return this.fault(w2, cpu, Fault.pcideWithNonzeroCr3Pcid);
    w2[this.at(cpu, CpuWord.cr4)] = value;
    const pgeChanged = ((old ^ value) & Cr4.PGE) !== 0;
    const pcideCleared = (old & Cr4.PCIDE) !== 0 && (value & Cr4.PCIDE) === 0;
    if (pgeChanged || pcideCleared) this.drop(w2, cpu, -1, -1, true);
  }
  /** INVLPG `va`: its entry in the current PCID and its global entries; a no-op for a non-canonical address. */
  invlpg(w2, cpu, va) {
    if (!this.canonical(va)) return;
    this.drop(w2, cpu, this.pcid(w2, cpu), va, true);
    this.dropGlobals(w2, cpu, va);
  }
  /** INVPCID of `type` with descriptor (`pcid`, `va`). */
  invpcid(w2, cpu, type, pcid, va) {
    if (type < 0 || type > Invpcid.allNonGlobal) return this.fault(w2, cpu, Fault.invpcidBadType);
    const pcide = (this.cr4(w2, cpu) & Cr4.PCIDE) !== 0;
    if (type === Invpcid.individual && !this.canonical(va)) return this.fault(w2, cpu, Fault.invpcidNonCanonical);
    if ((type === Invpcid.individual || type === Invpcid.singleContext) && pcid !== 0 && !pcide) return this.fault(w2, cpu, Fault.invpcidPcidWithoutPcide);
    switch (type) {
      case Invpcid.individual:
        return this.drop(w2, cpu, pcid, va, false);
      case Invpcid.singleContext:
        return this.drop(w2, cpu, pcid, -1, false);
      case Invpcid.allIncludingGlobal:
        return this.drop(w2, cpu, -1, -1, true);
      default:
        return this.drop(w2, cpu, -1, -1, false);
    }
  }
  /**
   * The entry a fill of `va` would create from the current CR3 (global only
   * while PGE is on), or 0 when `va` is not mapped there.
   */
  fillEntry(w2, cpu, va) {
    if (!this.canonical(va)) return 0;
    const root = this.cr3Root(w2, cpu);
    const pte2 = this.shape.tables.walk(w2, root, va);
    if (pte2 === 0) return 0;
    const global = (this.cr4(w2, cpu) & Cr4.PGE) !== 0 ? pte2 & Pte.global : 0;
    return Pte.present | pte2 & (Pte.frameMask | Pte.writable) | global | this.shape.tables.contents(w2, root) << Pte.tagShift & Pte.tagMask;
  }
  /** A speculative (or demand) fill of `va` under the current PCID; false when nothing changed. */
  fill(w2, cpu, va) {
    const e = this.fillEntry(w2, cpu, va);
    if (e === 0) return false;
    const i = this.slot(cpu, this.pcid(w2, cpu), va);
    if (w2[i] === e) return false;
    w2[i] = e;
    return true;
  }
  /**
   * The entries an access to `va` may use: the current PCID's and every
   * global one (the CPU may pick any of them). Appended to `out`.
   */
  usable(w2, cpu, va, out) {
    const cur = this.pcid(w2, cpu);
    for (let p = 0; p < N_PCID; p++) {
      const e = w2[this.slot(cpu, p, va)];
      if (e !== 0 && (p === cur || isGlobal(e))) out.push(e);
    }
  }
};

// model/pcid/env.ts
var ActionKind2 = {
  setOption: 0,
  create: 1,
  schedule: 2,
  exitToGuest: 3,
  enterXen: 4,
  toggle: 5,
  remap: 6,
  flushVa: 7,
  flushAll: 8,
  access: 9,
  step: 10,
  fill: 11,
  ipiFlush: 12,
  ipiSync: 13,
  rootChange: 14
};
var ACTION_KIND_NAMES2 = [
  "write pcid=",
  "create domain",
  "schedule",
  "return to guest",
  "enter Xen",
  "toggle kernel/user",
  "remap user page",
  "flush one page",
  "flush everything",
  "guest access",
  "next instruction",
  "TLB fill",
  "flush IPI",
  "lazy-state sync IPI",
  "shadow root change"
];
var Budget2 = {
  optionWrites: 0,
  switches: 1,
  toggles: 2,
  remaps: 3,
  flushes: 4,
  ipis: 5,
  syncs: 6,
  rootChanges: 7
};
var BUDGET_WORDS2 = 8;
function allActions2(cfg) {
  const out = [];
  cfg.options.forEach((_, i) => out.push({ kind: ActionKind2.setOption, cpu: -1, arg: i }));
  for (let d = 0; d < N_DOM; d++) out.push({ kind: ActionKind2.create, cpu: -1, arg: d });
  for (let d = 0; d < N_DOM; d++) if (cfg.shadow[d] === true && cfg.rootChanges > 0) out.push({ kind: ActionKind2.rootChange, cpu: -1, arg: d });
  for (let c = 0; c < cfg.nCpu; c++) {
    out.push({ kind: ActionKind2.step, cpu: c, arg: 0 });
    for (let t3 = 0; t3 <= N_DOM; t3++) out.push({ kind: ActionKind2.schedule, cpu: c, arg: t3 });
    out.push({ kind: ActionKind2.exitToGuest, cpu: c, arg: 0 });
    out.push({ kind: ActionKind2.enterXen, cpu: c, arg: 0 });
    out.push({ kind: ActionKind2.toggle, cpu: c, arg: 0 });
    out.push({ kind: ActionKind2.remap, cpu: c, arg: 0 });
    for (const va of cfg.flushVas) out.push({ kind: ActionKind2.flushVa, cpu: c, arg: va });
    if (cfg.flushAll) out.push({ kind: ActionKind2.flushAll, cpu: c, arg: 0 });
    for (const va of cfg.accessVas) out.push({ kind: ActionKind2.access, cpu: c, arg: va });
    for (const va of cfg.accessVas) out.push({ kind: ActionKind2.fill, cpu: c, arg: va });
    out.push({ kind: ActionKind2.ipiFlush, cpu: c, arg: 0 });
    out.push({ kind: ActionKind2.ipiSync, cpu: c, arg: 0 });
  }
  return out;
}
function environment2(cfg, view) {
  const every = allActions2(cfg);
  const hw = view.hw;
  const heldElsewhere = (s, cpu, v) => {
    for (let c = 0; c < cfg.nCpu; c++) if (c !== cpu && (view.current(s, c) === v || view.loaded(s, c) === v || view.switchingTo(s, c) === v)) return true;
    return false;
  };
  const allCreated = (s) => {
    for (let d = 0; d < N_DOM; d++) if (!view.created(s, d)) return false;
    return true;
  };
  const inXen = (s, cpu) => !view.busy(s, cpu) && view.current(s, cpu) !== IDLE && !view.inGuest(s, cpu);
  const enabled = (s, a2) => {
    if (view.crashed(s)) return false;
    const c = a2.cpu;
    switch (a2.kind) {
      case ActionKind2.setOption:
        return view.budget(s, Budget2.optionWrites) > 0 && !allCreated(s);
      case ActionKind2.create:
        return !view.created(s, a2.arg);
      case ActionKind2.rootChange:
        return view.created(s, a2.arg) && view.budget(s, Budget2.rootChanges) > 0;
      case ActionKind2.schedule: {
        if (view.busy(s, c) || view.inGuest(s, c) || view.current(s, c) === a2.arg || view.budget(s, Budget2.switches) <= 0) return false;
        return a2.arg === IDLE || view.created(s, a2.arg) && !heldElsewhere(s, c, a2.arg);
      }
      case ActionKind2.exitToGuest:
        return inXen(s, c);
      case ActionKind2.enterXen:
        return !view.busy(s, c) && view.inGuest(s, c);
      case ActionKind2.toggle:
        return inXen(s, c) && view.budget(s, Budget2.toggles) > 0;
      case ActionKind2.remap:
        return inXen(s, c) && view.budget(s, Budget2.remaps) > 0;
      case ActionKind2.flushVa:
      case ActionKind2.flushAll:
        return inXen(s, c) && view.budget(s, Budget2.flushes) > 0;
      case ActionKind2.access:
        return !view.busy(s, c) && view.inGuest(s, c);
      case ActionKind2.step:
        return view.busy(s, c);
      case ActionKind2.fill:
        return hw !== void 0 && hw.fillChanges(s, c, a2.arg);
      case ActionKind2.ipiFlush:
        return hw !== void 0 && hw.interruptsOn(s, c) && view.budget(s, Budget2.ipis) > 0;
      case ActionKind2.ipiSync:
        return hw !== void 0 && hw.interruptsOn(s, c) && view.current(s, c) === IDLE && view.loaded(s, c) !== IDLE && view.budget(s, Budget2.syncs) > 0;
      default:
        return assertNever2(a2.kind);
    }
  };
  const actions = (s, out) => {
    if (view.crashed(s)) return;
    for (const a2 of every) if (enabled(s, a2)) out.push(a2);
  };
  return { every, enabled, actions };
}
function spendBudget2(a2, w2, base) {
  const b2 = budgetOf(a2.kind);
  if (b2 !== void 0) w2[base + b2]--;
}
function budgetOf(kind) {
  switch (kind) {
    case ActionKind2.setOption:
      return Budget2.optionWrites;
    case ActionKind2.schedule:
      return Budget2.switches;
    case ActionKind2.toggle:
      return Budget2.toggles;
    case ActionKind2.remap:
      return Budget2.remaps;
    case ActionKind2.flushVa:
    case ActionKind2.flushAll:
      return Budget2.flushes;
    case ActionKind2.ipiFlush:
      return Budget2.ipis;
    case ActionKind2.ipiSync:
      return Budget2.syncs;
    case ActionKind2.rootChange:
      return Budget2.rootChanges;
    case ActionKind2.create:
    case ActionKind2.exitToGuest:
    case ActionKind2.enterXen:
    case ActionKind2.access:
    case ActionKind2.step:
    case ActionKind2.fill:
      return void 0;
    default:
      return assertNever2(kind);
  }
}
function initialBudgets2(cfg, w2, base) {
  w2[base + Budget2.optionWrites] = cfg.optionWrites;
  w2[base + Budget2.switches] = cfg.switches;
  w2[base + Budget2.toggles] = cfg.toggles;
  w2[base + Budget2.remaps] = cfg.remaps;
  w2[base + Budget2.flushes] = cfg.flushes;
  w2[base + Budget2.ipis] = cfg.ipis;
  w2[base + Budget2.syncs] = cfg.syncs;
  w2[base + Budget2.rootChanges] = cfg.rootChanges;
}
function formatBudgets2(w2, base) {
  const names = ["pcid= writes", "switches", "toggles", "remaps", "flushes", "flush IPIs", "sync IPIs", "shadow root changes"];
  return `budgets left: ${names.map((n, i) => `${n} ${w2[base + i]}`).join(", ")}`;
}
var VA_NAME = { [Va.user]: "user page", [Va.kernel]: "kernel page", [Va.xen]: "Xen page", [Va.nonCanonical]: "non-canonical address" };
var vaName = (va) => VA_NAME[va];
var vcpuName = (v) => v === IDLE ? "idle" : `d${v}`;
function formatAction2(cfg, a2) {
  const cpu = `CPU${a2.cpu}`;
  switch (a2.kind) {
    case ActionKind2.setOption:
      return `admin writes pcid=${cfg.options[a2.arg]}`;
    case ActionKind2.create:
      return `admin creates d${a2.arg}`;
    case ActionKind2.schedule:
      return `${cpu} schedules ${vcpuName(a2.arg)}`;
    case ActionKind2.exitToGuest:
      return `${cpu} returns to the guest`;
    case ActionKind2.enterXen:
      return `${cpu} guest enters Xen`;
    case ActionKind2.toggle:
      return `${cpu} toggles kernel/user`;
    case ActionKind2.remap:
      return `${cpu} guest remaps its user page`;
    case ActionKind2.flushVa:
      return `${cpu} guest asks to flush the ${vaName(a2.arg)}`;
    case ActionKind2.flushAll:
      return `${cpu} guest asks for a full TLB flush`;
    case ActionKind2.access:
      return `${cpu} guest accesses the ${vaName(a2.arg)}`;
    case ActionKind2.step:
      return `${cpu} next instruction`;
    case ActionKind2.fill:
      return `${cpu} TLB fill of the ${vaName(a2.arg)}`;
    case ActionKind2.ipiFlush:
      return `${cpu} flush IPI`;
    case ActionKind2.ipiSync:
      return `${cpu} lazy-state sync IPI`;
    case ActionKind2.rootChange:
      return `shadow code replaces d${a2.arg}\u2019s inactive-mode top level (log-dirty)`;
    default:
      return assertNever2(a2.kind);
  }
}
function assertNever2(x) {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

// spec/pcid/state.ts
import { freeze as freeze4, produce as produce2 } from "immer";
import { match as match2 } from "ts-pattern";

// spec/pcid/types.ts
var SPEC_IDLE = 2;
var SpecVa = { user: 0, kernel: 1, xen: 2, nonCanonical: 3 };
var PcidPolicy = { never: 0, all: 1, xptiOnly: 2, nonXptiOnly: 3 };
var SPEC_EINVAL = -22;
var NO_TRANSLATION = 1;

// spec/pcid/option.ts
var FALSE_WORDS = ["0", "no", "off", "false", "disable"];
var TRUE_WORDS = ["1", "yes", "on", "true", "enable"];
var TABLE = new Map([
  ...FALSE_WORDS.map((w2) => [w2, PcidPolicy.never]),
  ...TRUE_WORDS.map((w2) => [w2, PcidPolicy.all]),
  ["xpti", PcidPolicy.xptiOnly],
  ["no-xpti", PcidPolicy.nonXptiOnly],
  ...FALSE_WORDS.map((w2) => [`xpti=${w2}`, PcidPolicy.nonXptiOnly]),
  ...TRUE_WORDS.map((w2) => [`xpti=${w2}`, PcidPolicy.xptiOnly])
]);
var ACCEPTED_SPELLINGS = [...TABLE.keys()];
function pcidPolicyOf(text) {
  return TABLE.get(text);
}
function usesPcid(policy, xpti) {
  switch (policy) {
    case PcidPolicy.never:
      return false;
    case PcidPolicy.all:
      return true;
    case PcidPolicy.xptiOnly:
      return xpti;
    case PcidPolicy.nonXptiOnly:
      return !xpti;
  }
}

// spec/pcid/state.ts
function initialState2(f) {
  return freeze4(
    {
      option: PcidPolicy.xptiOnly,
      domains: f.xpti.map((_, d) => ({ created: false, pcid: false, kernel: true, userFrame: f.userFrames[d][0], stale: 0 })),
      cpus: Array.from({ length: f.nCpu }, () => ({ running: SPEC_IDLE, inGuest: false }))
    },
    true
  );
}
var bit = (frame3) => 1 << frame3;
function guestOn(s, cpu) {
  const c = s.cpus[cpu];
  if (c.running === SPEC_IDLE || !c.inGuest) throw new Error(`spec: no guest runs on CPU ${cpu}`);
  return c.running;
}
function inXenFor(s, cpu) {
  const c = s.cpus[cpu];
  if (c.running === SPEC_IDLE || c.inGuest) throw new Error(`spec: no vCPU is in Xen on CPU ${cpu}`);
  return c.running;
}
function allowedTranslations(f, s, cpu, va) {
  const d = guestOn(s, cpu);
  const dom2 = s.domains[d];
  switch (va) {
    case SpecVa.user:
      return bit(dom2.userFrame) | dom2.stale;
    case SpecVa.kernel:
      return dom2.kernel ? bit(f.kernelFrame[d]) : NO_TRANSLATION;
    case SpecVa.xen:
      return f.xpti[d] ? NO_TRANSLATION : bit(f.xenFrame[d]);
    case SpecVa.nonCanonical:
      return NO_TRANSLATION;
  }
}
function subsets(mask) {
  const out = [];
  for (let sub = mask; sub > 0; sub = sub - 1 & mask) out.push(sub);
  return out.sort((a2, b2) => a2 - b2);
}
function applyCall2(f, s, call) {
  return match2(call).with({ kind: "setOption" }, (c) => {
    const policy = pcidPolicyOf(c.text);
    if (policy === void 0) return [{ state: s, outcome: SPEC_EINVAL }];
    return [{ state: produce2(s, (t3) => void (t3.option = policy)), outcome: 0 }];
  }).with({ kind: "create" }, (c) => {
    if (s.domains[c.dom].created) throw new Error(`spec: d${c.dom} created twice`);
    const pcid = f.pcidCapable && usesPcid(s.option, f.xpti[c.dom]);
    return [
      {
        state: produce2(s, (t3) => {
          const d = t3.domains[c.dom];
          d.created = true;
          d.pcid = pcid;
          d.kernel = true;
        }),
        outcome: pcid ? 1 : 0
      }
    ];
  }).with({ kind: "schedule" }, (c) => [{ state: produce2(s, (t3) => void (t3.cpus[c.cpu] = { running: c.target, inGuest: false })), outcome: 0 }]).with({ kind: "exitToGuest" }, (c) => {
    inXenFor(s, c.cpu);
    return [{ state: produce2(s, (t3) => void (t3.cpus[c.cpu].inGuest = true)), outcome: 0 }];
  }).with({ kind: "enterXen" }, (c) => {
    guestOn(s, c.cpu);
    return [{ state: produce2(s, (t3) => void (t3.cpus[c.cpu].inGuest = false)), outcome: 0 }];
  }).with({ kind: "toggle" }, (c) => {
    const d = inXenFor(s, c.cpu);
    return [{ state: produce2(s, (t3) => void (t3.domains[d].kernel = !t3.domains[d].kernel)), outcome: 0 }];
  }).with({ kind: "remap" }, (c) => {
    const d = inXenFor(s, c.cpu);
    const [a2, b2] = f.userFrames[d];
    return [
      {
        state: produce2(s, (t3) => {
          const dom2 = t3.domains[d];
          const next = dom2.userFrame === a2 ? b2 : a2;
          dom2.stale = (dom2.stale | bit(dom2.userFrame)) & ~bit(next);
          dom2.userFrame = next;
        }),
        outcome: 0
      }
    ];
  }).with({ kind: "flush" }, (c) => {
    const d = inXenFor(s, c.cpu);
    if (c.va !== "all" && c.va !== SpecVa.user) return [{ state: s, outcome: 0 }];
    return [{ state: produce2(s, (t3) => void (t3.domains[d].stale = 0)), outcome: 0 }];
  }).with({ kind: "access" }, (c) => subsets(allowedTranslations(f, s, c.cpu, c.va)).map((outcome) => ({ state: s, outcome }))).exhaustive();
}
function stateEquals2(a2, b2) {
  if (a2 === b2) return true;
  if (a2.option !== b2.option) return false;
  for (let d = 0; d < a2.domains.length; d++) {
    const x = a2.domains[d];
    const y = b2.domains[d];
    if (x.created !== y.created || x.pcid !== y.pcid || x.kernel !== y.kernel || x.userFrame !== y.userFrame) return false;
  }
  for (let c = 0; c < a2.cpus.length; c++) {
    if (a2.cpus[c].running !== b2.cpus[c].running || a2.cpus[c].inGuest !== b2.cpus[c].inGuest) return false;
  }
  return true;
}
function encodeState2(s, sink) {
  sink.u8(s.option);
  for (const d of s.domains) {
    sink.u8((d.created ? 1 : 0) | (d.pcid ? 2 : 0) | (d.kernel ? 4 : 0));
    sink.u8(d.userFrame);
    sink.u16(d.stale);
  }
  for (const c of s.cpus) {
    sink.u8(c.running);
    sink.bool(c.inGuest);
  }
}
var POLICY_NAMES = { [PcidPolicy.never]: "never", [PcidPolicy.all]: "all", [PcidPolicy.xptiOnly]: "xpti", [PcidPolicy.nonXptiOnly]: "no-xpti" };
var VA_NAMES = { [SpecVa.user]: "user page", [SpecVa.kernel]: "kernel page", [SpecVa.xen]: "Xen page", [SpecVa.nonCanonical]: "non-canonical" };
var formatVa = (va) => va === "all" ? "everything" : VA_NAMES[va];
var vcpuName2 = (v) => v === SPEC_IDLE ? "idle" : `d${v}`;
function formatFrames(mask) {
  const out = [];
  for (let f = 0; f < 16; f++) if (mask & 1 << f) out.push(f === 0 ? "none" : `f${f}`);
  return `{${out.join(",")}}`;
}
function formatState2(s) {
  const doms = s.domains.map(
    (d, i) => `d${i}: ${d.created ? `${d.pcid ? "PCID" : "no PCID"}, ${d.kernel ? "kernel" : "user"} mode, user page \u2192 f${d.userFrame}${d.stale ? `, unflushed ${formatFrames(d.stale)}` : ""}` : "not created"}`
  );
  const cpus = s.cpus.map((c, i) => `CPU${i}: ${vcpuName2(c.running)}${c.running === SPEC_IDLE ? "" : c.inGuest ? " in guest" : " in Xen"}`);
  return [`pcid=${POLICY_NAMES[s.option]}`, ...doms, ...cpus].join("\n");
}
function formatCall2(c) {
  return match2(c).with({ kind: "setOption" }, (x) => `set pcid=${x.text}`).with({ kind: "create" }, (x) => `create d${x.dom}`).with({ kind: "schedule" }, (x) => `CPU${x.cpu} schedules ${vcpuName2(x.target)}`).with({ kind: "exitToGuest" }, (x) => `CPU${x.cpu} returns to the guest`).with({ kind: "enterXen" }, (x) => `CPU${x.cpu} enters Xen`).with({ kind: "toggle" }, (x) => `CPU${x.cpu} toggles kernel/user`).with({ kind: "remap" }, (x) => `CPU${x.cpu} guest remaps its user page`).with({ kind: "flush" }, (x) => `CPU${x.cpu} guest flushes ${formatVa(x.va)}`).with({ kind: "access" }, (x) => `CPU${x.cpu} guest accesses the ${formatVa(x.va)}`).exhaustive();
}
var formatOutcome2 = (o) => `${o} ${o > 0 ? formatFrames(o) : ""}`.trim();
var specInvariants2 = [
  {
    name: "an unflushed old translation is never the current one",
    expectation: "always",
    condition: (s) => s.domains.every((d) => (d.stale & 1 << d.userFrame) === 0)
  }
];

// model/pcid/memory.ts
function contentsInfo(tag) {
  if (tag === CONTENTS_IDLE) return { kind: "idle", dom: -1, user: false };
  if (tag === CONTENTS_EMPTY) return { kind: "empty", dom: -1, user: false };
  if (tag > CONTENTS_EMPTY) {
    const j2 = tag - contentsLogDirty(0, false);
    return { kind: "full", dom: j2 >> 1, user: (j2 & 1) === 1, logDirty: true };
  }
  const k = tag - 1;
  const restricted = k >= 2 * N_DOM2;
  const j = restricted ? k - 2 * N_DOM2 : k;
  return { kind: restricted ? "restricted" : "full", dom: j >> 1, user: (j & 1) === 1 };
}
function formatContents(tag) {
  const c = contentsInfo(tag);
  switch (c.kind) {
    case "idle":
      return "idle tables";
    case "empty":
      return "empty XPTI root";
    case "full":
      return `d${c.dom} ${c.user ? "user" : "kernel"} ${c.logDirty === true ? "shadow (log-dirty) " : ""}tables`;
    case "restricted":
      return `XPTI root holding d${c.dom} ${c.user ? "user" : "kernel"}`;
  }
}
function walkContents(L, w2, tag, va, frames = FRAMES) {
  const c = contentsInfo(tag);
  if (c.kind === "empty") return 0;
  const xen = Pte.present | frames.xen[c.kind === "idle" ? IDLE2 : c.dom] | Pte.global;
  if (c.kind === "idle") return va === Va2.xen ? xen : 0;
  switch (va) {
    case Va2.user:
      return Pte.present | w2[dw(L, c.dom, D.userFrame)] | (c.logDirty === true ? 0 : Pte.writable) | Pte.global;
    case Va2.kernel:
      return c.user ? 0 : Pte.present | frames.kernel[c.dom] | Pte.writable;
    case Va2.xen:
      return c.kind === "full" ? xen : 0;
    default:
      return 0;
  }
}
function rootContents(L, w2, root) {
  if (root === ROOT_IDLE) return CONTENTS_IDLE;
  if (isXptiRoot(root)) return w2[cw(L, root - (1 + 2 * N_DOM2), C.xptiContents)];
  const d = root - 1 >> 1;
  const user = (root - 1 & 1) === 1;
  return (w2[dw(L, d, D.shadowGen)] & (user ? 2 : 1)) !== 0 ? contentsLogDirty(d, user) : root;
}
function pageTables(L, frames = FRAMES) {
  return {
    walk: (w2, root, va) => walkContents(L, w2, rootContents(L, w2, root), va, frames),
    contents: (w2, root) => rootContents(L, w2, root)
  };
}

// model/pcid/state.ts
var EnvCpu = {
  /** The vCPU whose tables were loaded before the switch. */
  prevLoaded: 0,
  /** The PCID current before the switch, or −1 when PCIDE was off. */
  prevPcid: 1
};
var ENV_CPU_WORDS = 2;
var N = {
  /** CPU of a guest access (−1: none this step), the frames it may have used (bit per frame, bit 0 = none), whether it used a global entry filled in the other mode. */
  accessCpu: 0,
  accessSeen: 1,
  accessGlobalOtherMode: 2,
  /** CPU whose flush request completed (−1: none), the address (−2 = everything), the requesting domain. */
  flushCpu: 3,
  flushVa: 4,
  flushDom: 5,
  /** CPU whose context switch completed (−1: none). */
  switchCpu: 6,
  /** A NOFLUSH CR3 load kept an entry of the new PCID matching the new root. */
  noflushKept: 7,
  /** A fill changed the TLB while interrupts were off. */
  fillIrqOff: 8,
  /** A pcid= write was refused. */
  rejected: 9,
  /** The access saw a frame other than the PTE's current one. */
  accessStale: 10,
  /** A lazy-state sync IPI ran inside an operation (the seed's switch prologue). */
  nestedSync: 11,
  /** CPU whose kernel/user toggle completed (−1: none). */
  toggleCpu: 12
};
var NOTE_WORDS = 13;
function clearNote(note) {
  note.fill(0);
  note[N.accessCpu] = -1;
  note[N.flushCpu] = -1;
  note[N.switchCpu] = -1;
  note[N.toggleCpu] = -1;
}
function shapeOf(cfg) {
  const hwWords = cpuWords(N_VA) * cfg.nCpu;
  const L = makeLayout2(cfg.nCpu, hwWords, BUDGET_WORDS2 + ENV_CPU_WORDS * cfg.nCpu);
  const shape = { base: 0, nCpu: cfg.nCpu, nVa: N_VA, tables: pageTables(L) };
  return { L, x86: new X86(shape), envBase: L.envBase };
}
var envCpu = (S, cpu, off) => S.envBase + BUDGET_WORDS2 + ENV_CPU_WORDS * cpu + off;

// model/pcid/format.ts
function formatCr4(v) {
  const bits = [v & Cr4.PGE ? "PGE" : "", v & Cr4.PCIDE ? "PCIDE" : "", v & Cr4.TSD ? "TSD" : ""].filter((b2) => b2 !== "");
  return bits.length === 0 ? "0" : bits.join("|");
}
function formatRoot(L, w2, root) {
  if (root === ROOT_IDLE) return "idle tables";
  const contents = formatContents(rootContents(L, w2, root));
  return root > 2 * N_DOM2 ? `XPTI root (${contents})` : contents;
}
function formatEntry2(e) {
  return `f${pteFrame(e)}${e & Pte.writable ? " W" : ""}${isGlobal(e) ? " G" : ""} (filled from ${formatContents(entryTag(e))})`;
}
function formatPrev(loaded, pcid) {
  if (loaded < 0) return "none";
  return `tables of ${vcpuName(loaded)} loaded, ${pcid < 0 ? "PCIDE off" : `PCID ${pcid}`}`;
}
function opName(op, pc, switchName) {
  const def = op === Op.contextSwitch ? switchName === switchCr3Cr4.name ? switchCr3Cr4 : writeCr3Cr4Seed : op === Op.flushOne ? flushAreaLocal : flushTlbLocal;
  return `${def.name} @ ${def.steps[pc]?.name ?? `step ${pc}`}`;
}
function formatImpl(cfg, S, s, switchName = switchCr3Cr4.name) {
  const { L, x86 } = S;
  const w2 = s.w;
  const lines = [formatState2(abstractPcid(w2, L))];
  for (let d = 0; d < N_DOM2; d++) {
    if (w2[dw(L, d, D.created)] !== 1) continue;
    lines.push(
      `d${d}: ${w2[dw(L, d, D.xpti)] ? "XPTI" : "no XPTI"}; arch.cr3 = ${formatRoot(L, w2, w2[dw(L, d, D.cr3Root)])}, PCID ${w2[dw(L, d, D.cr3Pcid)]}${w2[dw(L, d, D.cr3Noflush)] ? " + NOFLUSH" : ""}`
    );
  }
  for (let c = 0; c < cfg.nCpu; c++) {
    const fault = w2[x86.at(c, CpuWord.fault)];
    const op = w2[cw(L, c, C.op)];
    lines.push(
      `CPU${c}: current ${vcpuName(w2[cw(L, c, C.current)])}, tables of ${vcpuName(w2[cw(L, c, C.loaded)])} loaded; CR3 = ${formatRoot(L, w2, x86.cr3Root(w2, c))} [11:0]=${x86.cr3Low(w2, c)}; CR4 = ${formatCr4(x86.cr4(w2, c))} (Xen's copy ${formatCr4(w2[cw(L, c, C.cr4)])}); IF=${x86.interruptsOn(w2, c) ? 1 : 0}${fault !== 0 ? `; FAULT ${FAULT_NAMES[fault]}` : ""}` + (op !== Op.none ? `; in ${opName(op, w2[cw(L, c, C.pc)], switchName)}` : "")
    );
    const locals = Array.from(w2.subarray(cw(L, c, C_LOCALS[0]), cw(L, c, C_LOCALS[1])));
    lines.push(
      `  Xen: pv_cr3 = ${formatRoot(L, w2, w2[cw(L, c, C.pvCr3Root)])}, PCID ${w2[cw(L, c, C.pvCr3Pcid)]}${w2[cw(L, c, C.pvCr3Noflush)] ? " + NOFLUSH" : ""}; root_pgt_changed=${w2[cw(L, c, C.rootPgtChanged)]}; XPTI root holds ${formatContents(w2[cw(L, c, C.xptiContents)])}` + (op !== Op.none ? `; locals [${locals.join(",")}]` : "") + `; before the last switch: ${formatPrev(w2[envCpu(S, c, EnvCpu.prevLoaded)], w2[envCpu(S, c, EnvCpu.prevPcid)])}`
    );
    const entries = [];
    for (let p = 0; p < N_PCID; p++) {
      for (let va = 0; va < x86.shape.nVa; va++) {
        const e = w2[x86.slot(c, p, va)];
        if (e !== 0) entries.push(`PCID ${p} ${vaName(va)} \u2192 ${formatEntry2(e)}`);
      }
    }
    lines.push(`  TLB: ${entries.length === 0 ? "empty" : entries.join("; ")}`);
  }
  lines.push(formatBudgets2(w2, S.envBase));
  return lines.join("\n");
}

// model/pcid/properties.ts
function usablePcids(S, w2, c, v) {
  if ((S.x86.cr4(w2, c) & Cr4.PCIDE) === 0) return [0];
  return v !== IDLE2 && w2[dw(S.L, v, D.xpti)] === 1 ? [0, 1, 2, 3] : [0, 1];
}
var onNote = (name2, expectation, test) => ({
  name: name2,
  expectation,
  transition: (_from, _a, to) => test(to)
});
function implProperties2(cfg, S) {
  const { L, x86 } = S;
  const nVa = x86.shape.nVa;
  const switchClean = (s) => {
    const c = s.note[N.switchCpu];
    if (c < 0) return true;
    const w2 = s.w;
    const v = w2[cw(L, c, C.current)];
    const pcids = usablePcids(S, w2, c, v);
    const pcide = (x86.cr4(w2, c) & Cr4.PCIDE) !== 0;
    const loaded = rootContents(L, w2, x86.cr3Root(w2, c));
    for (let p = 0; p < N_PCID; p++) {
      for (let va = 0; va < nVa; va++) {
        const e = w2[x86.slot(c, p, va)];
        if (e === 0 || !(pcids.includes(p) || isGlobal(e))) continue;
        let assoc = loaded;
        if (v === IDLE2) assoc = CONTENTS_IDLE;
        else if (pcide && !isGlobal(e)) assoc = (p & 2) !== 0 ? contentsRestricted(v, (p & 1) !== 0) : rootContents(L, w2, fullRoot(v, (p & 1) !== 0));
        if (entryTag(e) === assoc) continue;
        const now = walkContents(L, w2, assoc, va);
        if (now === 0 || pteFrame(now) !== pteFrame(e)) return false;
      }
    }
    return true;
  };
  const flushed = (s) => {
    const c = s.note[N.flushCpu];
    if (c < 0) return true;
    const w2 = s.w;
    const d = s.note[N.flushDom];
    const target = s.note[N.flushVa];
    for (let p = 0; p < N_PCID; p++) {
      for (let va = 0; va < nVa; va++) {
        if (target !== -2 && va !== target) continue;
        const e = w2[x86.slot(c, p, va)];
        if (e === 0) continue;
        const tag = entryTag(e);
        if (contentsInfo(tag).dom !== d) continue;
        if (pteFrame(e) !== pteFrame(walkContents(L, w2, tag, va))) return false;
      }
    }
    return true;
  };
  const ownTranslation = (s) => {
    const c = s.note[N.accessCpu];
    if (c < 0) return true;
    const w2 = s.w;
    const d = w2[cw(L, c, C.current)];
    let allowed = 1 | 1 << FRAMES.user[d][0] | 1 << FRAMES.user[d][1] | 1 << FRAMES.kernel[d];
    if (!isXptiRoot(x86.cr3Root(w2, c))) allowed |= 1 << FRAMES.xen[d];
    return (s.note[N.accessSeen] & ~allowed) === 0;
  };
  const toggleClean = (s) => {
    const c = s.note[N.toggleCpu];
    if (c < 0) return true;
    const w2 = s.w;
    const contents = rootContents(L, w2, x86.cr3Root(w2, c));
    const pcid = x86.pcid(w2, c);
    for (let va = 0; va < nVa; va++) {
      const e = w2[x86.slot(c, pcid, va)];
      if (e === 0 || isGlobal(e) || (e & Pte.writable) === 0) continue;
      if ((walkContents(L, w2, contents, va) & Pte.writable) === 0) return false;
    }
    return true;
  };
  const samePcid = (s) => {
    const c = s.note[N.switchCpu];
    if (c < 0) return false;
    const w2 = s.w;
    const prev = w2[envCpu(S, c, EnvCpu.prevLoaded)];
    const v = w2[cw(L, c, C.current)];
    const prevPcid = w2[envCpu(S, c, EnvCpu.prevPcid)];
    return prev !== IDLE2 && v !== IDLE2 && prev !== v && prevPcid >= 0 && (x86.cr4(w2, c) & Cr4.PCIDE) !== 0 && x86.pcid(w2, c) === prevPcid;
  };
  const props = [
    always(P2.noFault, (s) => {
      for (let c = 0; c < L.nCpu; c++) if (x86.faulted(s.w, c)) return false;
      return true;
    }),
    always(P2.pgePcide, (s) => {
      for (let c = 0; c < L.nCpu; c++) if ((x86.cr4(s.w, c) & (Cr4.PGE | Cr4.PCIDE)) === (Cr4.PGE | Cr4.PCIDE)) return false;
      return true;
    }),
    onNote(P2.ownTranslation, "always", ownTranslation),
    onNote(P2.flushed, "always", flushed),
    onNote(P2.switchClean, "always", switchClean),
    onNote(P2.toggleClean, "always", toggleClean)
  ];
  const witnesses = [
    onNote(P2.noflushKept, "sometimes", (s) => s.note[N.noflushKept] === 1),
    onNote(P2.globalReuse, "sometimes", (s) => s.note[N.accessGlobalOtherMode] === 1),
    onNote(P2.samePcid, "sometimes", samePcid),
    onNote(P2.fillIrqOff, "sometimes", (s) => s.note[N.fillIrqOff] === 1),
    onNote(P2.staleSeen, "sometimes", (s) => s.note[N.accessStale] === 1),
    onNote(P2.optionRejected, "sometimes", (s) => s.note[N.rejected] === 1)
  ];
  return [...props, ...witnesses.filter((p) => cfg.witnesses.includes(p.name))];
}

// model/pcid/impl-model.ts
var PCID_IMPL = Object.freeze({
  switchOp: (q) => q.switchAlgorithm === "corrected" ? switchCr3Cr4 : writeCr3Cr4Seed,
  flushOne: flushAreaLocal,
  flushAll: flushTlbLocal,
  toggle: toggleGuestPt,
  exitToGuest: xptiExitToGuest,
  enterXen: xptiEnterXen,
  create: domainCreate2,
  setOption: setPcidOption
});
function initialPcidImpl(cfg, S) {
  const { L, x86 } = S;
  const w2 = new Int32Array(L.words);
  w2[gw(L, G.optPcid)] = OptPcid.xpti;
  for (let d = 0; d < N_DOM2; d++) {
    w2[dw(L, d, D.xpti)] = XPTI[d] ? 1 : 0;
    w2[dw(L, d, D.vtsc)] = VTSC[d] ? 1 : 0;
    w2[dw(L, d, D.userFrame)] = FRAMES.user[d][0];
    w2[dw(L, d, D.kernel)] = 1;
    w2[dw(L, d, D.shadow)] = cfg.shadow[d] === true ? 1 : 0;
  }
  for (let c = 0; c < cfg.nCpu; c++) {
    x86.reset(w2, c, ROOT_IDLE, Cr4.PGE);
    w2[cw(L, c, C.current)] = IDLE2;
    w2[cw(L, c, C.loaded)] = IDLE2;
    w2[cw(L, c, C.cr4)] = Cr4.PGE;
    w2[cw(L, c, C.xptiContents)] = CONTENTS_EMPTY;
    w2[envCpu(S, c, EnvCpu.prevLoaded)] = -1;
    w2[envCpu(S, c, EnvCpu.prevPcid)] = -1;
  }
  initialBudgets2(cfg, w2, S.envBase);
  const note = new Int32Array(NOTE_WORDS);
  clearNote(note);
  return { w: w2, note };
}
function implView2(S) {
  const { L, x86 } = S;
  return {
    crashed: (s) => {
      for (let c = 0; c < L.nCpu; c++) if (x86.faulted(s.w, c)) return true;
      return false;
    },
    budget: (s, b2) => s.w[S.envBase + b2],
    created: (s, d) => s.w[dw(L, d, D.created)] === 1,
    current: (s, c) => s.w[cw(L, c, C.current)],
    loaded: (s, c) => s.w[cw(L, c, C.loaded)],
    inGuest: (s, c) => s.w[cw(L, c, C.inGuest)] === 1,
    busy: (s, c) => s.w[cw(L, c, C.op)] !== Op.none,
    switchingTo: (s, c) => s.w[cw(L, c, C.op)] === Op.contextSwitch ? s.w[cw(L, c, C.target)] : -1,
    hw: {
      interruptsOn: (s, c) => x86.interruptsOn(s.w, c),
      fillChanges: (s, c, va) => {
        const e = x86.fillEntry(s.w, c, va);
        return e !== 0 && s.w[x86.slot(c, x86.pcid(s.w, c), va)] !== e;
      }
    }
  };
}
function callTable2(cfg) {
  const cpus = Array.from({ length: cfg.nCpu }, (_, cpu) => cpu);
  const vas = [0, 1, 2, 3];
  return {
    setOption: cfg.options.map((text) => ({ kind: "setOption", text })),
    create: Array.from({ length: N_DOM2 }, (_, dom2) => ({ kind: "create", dom: dom2 })),
    schedule: cpus.map((cpu) => Array.from({ length: N_DOM2 + 1 }, (_, target) => ({ kind: "schedule", cpu, target }))),
    exitToGuest: cpus.map((cpu) => ({ kind: "exitToGuest", cpu })),
    enterXen: cpus.map((cpu) => ({ kind: "enterXen", cpu })),
    toggle: cpus.map((cpu) => ({ kind: "toggle", cpu })),
    remap: cpus.map((cpu) => ({ kind: "remap", cpu })),
    flush: cpus.map((cpu) => vas.map((va) => ({ kind: "flush", cpu, va }))),
    flushAll: cpus.map((cpu) => ({ kind: "flush", cpu, va: "all" })),
    access: cpus.map((cpu) => vas.map((va) => ({ kind: "access", cpu, va })))
  };
}
function portOf(x86, L, noteOf) {
  return {
    movCr3(w2, cpu, root, low, noflush) {
      x86.movCr3(w2, cpu, root, low, noflush);
      if (!noflush || x86.faulted(w2, cpu)) return;
      const pcid = x86.pcid(w2, cpu);
      const contents = rootContents(L, w2, root);
      for (let va = 0; va < x86.shape.nVa; va++) {
        const e = w2[x86.slot(cpu, pcid, va)];
        if (e !== 0 && entryTag(e) === contents && pteFrame(e) === pteFrame(walkContents(L, w2, contents, va))) noteOf()[N.noflushKept] = 1;
      }
    },
    movCr4: (w2, cpu, v) => x86.movCr4(w2, cpu, v),
    invlpg: (w2, cpu, va) => x86.invlpg(w2, cpu, va),
    invpcid: (w2, cpu, type, pcid, va) => x86.invpcid(w2, cpu, type, pcid, va),
    cr3Root: (w2, cpu) => x86.cr3Root(w2, cpu),
    cr3Low: (w2, cpu) => x86.cr3Low(w2, cpu),
    interruptsOn: (w2, cpu) => x86.interruptsOn(w2, cpu),
    cli: (w2, cpu) => x86.cli(w2, cpu),
    sti: (w2, cpu) => x86.sti(w2, cpu)
  };
}
function pcidImplSide(cfg, quirks, fns = PCID_IMPL) {
  const S = shapeOf(cfg);
  const { L, x86 } = S;
  const env = environment2(cfg, implView2(S));
  const calls = callTable2(cfg);
  let note = new Int32Array(NOTE_WORDS);
  const world = { w: new Int32Array(0), cpu: 0, L, hw: portOf(x86, L, () => note), boot: cfg.boot, quirks };
  const ops = { [Op.none]: void 0, [Op.contextSwitch]: fns.switchOp(quirks), [Op.flushOne]: fns.flushOne, [Op.flushAll]: fns.flushAll };
  const finish = (w2, c, op, report) => {
    const target = w2[cw(L, c, C.target)];
    const arg = w2[cw(L, c, C.arg)];
    w2.fill(0, cw(L, c, C_LOCALS[0]), cw(L, c, C_LOCALS[1]));
    w2[cw(L, c, C.op)] = Op.none;
    w2[cw(L, c, C.pc)] = 0;
    const d = w2[cw(L, c, C.current)];
    switch (op) {
      case Op.contextSwitch: {
        const wasIdle = d === IDLE2;
        w2[cw(L, c, C.current)] = target;
        w2[cw(L, c, C.loaded)] = target;
        note[N.switchCpu] = c;
        if (!(wasIdle && target === IDLE2)) report.lin = calls.schedule[c][target];
        break;
      }
      case Op.flushOne:
        note[N.flushCpu] = c;
        note[N.flushVa] = arg;
        note[N.flushDom] = d;
        report.lin = calls.flush[c][arg];
        break;
      case Op.flushAll:
        note[N.flushCpu] = c;
        note[N.flushVa] = -2;
        note[N.flushDom] = d;
        report.lin = calls.flushAll[c];
        break;
      case Op.none:
        throw new Error("finishing no operation");
      default:
        assertNever2(op);
    }
    if (report.lin !== void 0) report.outcome = 0;
  };
  const stepCpu = (w2, c, report) => {
    const op = w2[cw(L, c, C.op)];
    const def = ops[op];
    if (def === void 0) throw new Error(`CPU${c} has no operation in flight`);
    const pc = w2[cw(L, c, C.pc)];
    const step = def.steps[pc];
    if (step === void 0) throw new RangeError(`${def.name} has no step ${pc}`);
    world.w = w2;
    world.cpu = c;
    const r = step.run(world, 0, void 0);
    if (r === DONE) finish(w2, c, op, report);
    else w2[cw(L, c, C.pc)] = r.pc;
  };
  const start = (w2, c, op, report) => {
    w2[cw(L, c, C.op)] = op;
    w2[cw(L, c, C.pc)] = 0;
    stepCpu(w2, c, report);
  };
  const startSwitch = (w2, c, target, report) => {
    const pcide = (x86.cr4(w2, c) & Cr4.PCIDE) !== 0;
    w2[envCpu(S, c, EnvCpu.prevLoaded)] = w2[cw(L, c, C.loaded)];
    w2[envCpu(S, c, EnvCpu.prevPcid)] = pcide ? x86.pcid(w2, c) : -1;
    world.w = w2;
    world.cpu = c;
    writePtbaseValues(world, target);
    start(w2, c, Op.contextSwitch, report);
  };
  const nestedSync = (w2, c, report) => {
    const from = cw(L, c, C.op);
    const to = cw(L, c, C_LOCALS[1]);
    const saved = w2.slice(from, to);
    w2.fill(0, from, to);
    x86.cli(w2, c);
    startSwitch(w2, c, IDLE2, report);
    while (w2[cw(L, c, C.op)] !== Op.none) stepCpu(w2, c, report);
    w2.set(saved, from);
    w2[envCpu(S, c, EnvCpu.prevLoaded)] = IDLE2;
    w2[envCpu(S, c, EnvCpu.prevPcid)] = -1;
    x86.sti(w2, c);
    note[N.nestedSync] = 1;
  };
  const access2 = (w2, c, va) => {
    const seen = [];
    x86.usable(w2, c, va, seen);
    if (seen.length === 0) {
      const e = x86.fillEntry(w2, c, va);
      if (e === 0) return 1;
      x86.fill(w2, c, va);
      seen.push(e);
    }
    const d = w2[cw(L, c, C.current)];
    const user = w2[dw(L, d, D.kernel)] !== 1;
    const current = pteFrame(walkContents(L, w2, rootContents(L, w2, x86.cr3Root(w2, c)), va));
    let mask = 0;
    for (const e of seen) {
      mask |= 1 << pteFrame(e);
      const info = contentsInfo(entryTag(e));
      if (isGlobal(e) && info.kind !== "idle" && info.user !== user) note[N.accessGlobalOtherMode] = 1;
      if (pteFrame(e) !== current) note[N.accessStale] = 1;
    }
    return mask;
  };
  const apply = (t3, a2, report) => {
    const w2 = t3.w;
    note = t3.note;
    clearNote(note);
    spendBudget2(a2, w2, S.envBase);
    const c = a2.cpu;
    world.w = w2;
    world.cpu = Math.max(c, 0);
    report.actor = c < 0 ? cfg.nCpu : c;
    switch (a2.kind) {
      case ActionKind2.setOption: {
        report.lin = calls.setOption[a2.arg];
        report.outcome = fns.setOption(w2, L, cfg.options[a2.arg]);
        if (report.outcome !== 0) note[N.rejected] = 1;
        break;
      }
      case ActionKind2.create:
        report.lin = calls.create[a2.arg];
        report.outcome = fns.create(world, a2.arg);
        break;
      case ActionKind2.schedule: {
        const target = a2.arg;
        if (target === IDLE2 || target === w2[cw(L, c, C.loaded)]) {
          w2[cw(L, c, C.current)] = target;
          report.lin = calls.schedule[c][target];
          report.outcome = 0;
        } else {
          startSwitch(w2, c, target, report);
        }
        break;
      }
      case ActionKind2.exitToGuest:
        fns.exitToGuest(world);
        report.lin = calls.exitToGuest[c];
        report.outcome = 0;
        break;
      case ActionKind2.enterXen:
        fns.enterXen(world);
        report.lin = calls.enterXen[c];
        report.outcome = 0;
        break;
      case ActionKind2.toggle:
        fns.toggle(world);
        note[N.toggleCpu] = c;
        report.lin = calls.toggle[c];
        report.outcome = 0;
        break;
      case ActionKind2.remap: {
        const d = w2[cw(L, c, C.current)];
        const [f0, f1] = FRAMES.user[d];
        mmuUpdateUserPte(world, w2[dw(L, d, D.userFrame)] === f0 ? f1 : f0);
        report.lin = calls.remap[c];
        report.outcome = 0;
        break;
      }
      case ActionKind2.flushVa:
        if (!isCanonical(a2.arg)) {
          report.lin = calls.flush[c][a2.arg];
          report.outcome = 0;
        } else {
          w2[cw(L, c, C.arg)] = a2.arg;
          start(w2, c, Op.flushOne, report);
        }
        break;
      case ActionKind2.flushAll:
        start(w2, c, Op.flushAll, report);
        break;
      case ActionKind2.access:
        report.lin = calls.access[c][a2.arg];
        report.outcome = access2(w2, c, a2.arg);
        note[N.accessCpu] = c;
        note[N.accessSeen] = report.outcome;
        break;
      case ActionKind2.step:
        stepCpu(w2, c, report);
        break;
      case ActionKind2.fill:
        if (x86.fill(w2, c, a2.arg) && !x86.interruptsOn(w2, c)) note[N.fillIrqOff] = 1;
        break;
      case ActionKind2.ipiFlush:
        flushTlbLocalAtomic(world);
        break;
      case ActionKind2.rootChange:
        shadowReplaceInactiveRoot(w2, L, a2.arg);
        break;
      case ActionKind2.ipiSync:
        if (w2[cw(L, c, C.op)] === Op.none) startSwitch(w2, c, IDLE2, report);
        else nestedSync(w2, c, report);
        break;
      default:
        assertNever2(a2.kind);
    }
  };
  const run = (s, a2, report) => {
    if (!env.enabled(s, a2)) return void 0;
    const t3 = { w: s.w.slice(), note: new Int32Array(NOTE_WORDS) };
    apply(t3, a2, report);
    return t3;
  };
  const scratchReport = new StepReport();
  const model2 = {
    name: `pcid/${cfg.name}`,
    initStates: () => [initialPcidImpl(cfg, S)],
    actions: env.actions,
    next(s, a2) {
      scratchReport.reset();
      return run(s, a2, scratchReport);
    },
    properties: () => implProperties2(cfg, S),
    encode: (s, sink) => sink.words(s.w),
    formatAction: (a2) => formatAction2(cfg, a2),
    formatState: (s) => formatImpl(cfg, S, s, ops[Op.contextSwitch].name),
    coverage: { kinds: ACTION_KIND_NAMES2, kindOf: (a2) => a2.kind }
  };
  return { model: model2, shape: S, run, step: run, abstract: (s) => abstractPcid(s.w, L) };
}

// model/pcid/spec-model.ts
function pcidFacts(cfg) {
  return {
    nCpu: cfg.nCpu,
    xpti: [...XPTI],
    userFrames: FRAMES.user,
    kernelFrame: FRAMES.kernel,
    xenFrame: FRAMES.xen.slice(0, XPTI.length),
    pcidCapable: cfg.boot.cpuHasPcid && cfg.boot.useInvpcid
  };
}
function pcidSpecSide(cfg) {
  const facts = pcidFacts(cfg);
  return {
    initStates: () => [initialState2(facts)],
    apply: (s, _actor, call) => applyCall2(facts, s, call),
    equals: stateEquals2,
    encode: encodeState2,
    format: formatState2,
    formatCall: formatCall2,
    formatOutcome: formatOutcome2,
    outcomeEquals: (a2, b2) => a2 === b2,
    invariants: specInvariants2
  };
}
var specView2 = {
  crashed: () => false,
  budget: (s, b2) => s.env[b2],
  created: (s, d) => s.pcid.domains[d].created,
  current: (s, c) => s.pcid.cpus[c].running,
  loaded: (s, c) => s.pcid.cpus[c].running,
  inGuest: (s, c) => s.pcid.cpus[c].inGuest,
  busy: () => false,
  switchingTo: () => -1
};
function callOf2(cfg, a2) {
  const cpu = a2.cpu;
  switch (a2.kind) {
    case ActionKind2.setOption:
      return { kind: "setOption", text: cfg.options[a2.arg] };
    case ActionKind2.create:
      return { kind: "create", dom: a2.arg };
    case ActionKind2.schedule:
      return { kind: "schedule", cpu, target: a2.arg };
    case ActionKind2.exitToGuest:
      return { kind: "exitToGuest", cpu };
    case ActionKind2.enterXen:
      return { kind: "enterXen", cpu };
    case ActionKind2.toggle:
      return { kind: "toggle", cpu };
    case ActionKind2.remap:
      return { kind: "remap", cpu };
    case ActionKind2.flushVa:
      return { kind: "flush", cpu, va: a2.arg };
    case ActionKind2.flushAll:
      return { kind: "flush", cpu, va: "all" };
    case ActionKind2.access:
      return { kind: "access", cpu, va: a2.arg };
    case ActionKind2.step:
    case ActionKind2.fill:
    case ActionKind2.ipiFlush:
    case ActionKind2.ipiSync:
    case ActionKind2.rootChange:
      return void 0;
  }
}
function pcidSpecModel(cfg) {
  const facts = pcidFacts(cfg);
  const env = environment2(cfg, specView2);
  const props = specInvariants2.map((p) => ({ ...p, condition: (s) => p.condition(s.pcid) }));
  return {
    name: `pcid/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(BUDGET_WORDS2);
      initialBudgets2(cfg, e, 0);
      return [{ pcid: initialState2(facts), env: e }];
    },
    actions: env.actions,
    next(s, a2) {
      if (!env.enabled(s, a2)) return void 0;
      const call = callOf2(cfg, a2);
      if (call === void 0) return void 0;
      const e = s.env.slice();
      spendBudget2(a2, e, 0);
      const r = applyCall2(facts, s.pcid, call)[0];
      return { pcid: r.state, env: e, note: `${formatCall2(call)} \u2192 ${formatOutcome2(r.outcome)}` };
    },
    properties: () => props,
    encode(s, sink) {
      sink.words(s.env);
      encodeState2(s.pcid, sink);
    },
    formatAction: (a2) => formatAction2(cfg, a2),
    formatState: (s) => `${formatState2(s.pcid)}
${formatBudgets2(s.env, 0)}`,
    explainStep: (_from, _a, to) => to.note,
    coverage: { kinds: ACTION_KIND_NAMES2, kindOf: (a2) => a2.kind }
  };
}

// impl/pcid/variants/cr3-before-pcide.ts
var cr3BeforePcide = { ...CORRECT2, earlyCr4OnlyForPge: true };

// impl/pcid/variants/seed-v4-no-old-pcid-flush.ts
var seedV4NoOldPcidFlush = { ...CORRECT2, switchAlgorithm: "seed-v4" };

// impl/pcid/variants/seed-v5.ts
var seedV5 = { ...CORRECT2, switchAlgorithm: "seed-v5" };

// model/pcid/zoo.ts
var PCID_ZOO = [
  {
    id: "pcid/seed-v4-no-old-pcid-flush",
    description: "v4: INVPCID before the CR3 load and none after: entries filled from the old root in between survive into the next domain",
    expectedProperty: P2.switchClean,
    config: "small",
    override: seedV4NoOldPcidFlush
  },
  {
    id: "pcid/seed-v5",
    description: "v5 as posted (XSA-292): with equal old and new PCID no flush follows the NOFLUSH CR3 load; old PCID read with interrupts on",
    expectedProperty: P2.switchClean,
    config: "small",
    override: seedV5
  },
  {
    id: "pcid/cr3-before-pcide",
    description: "merged code: CR4 written early only when PGE was set, so a PCID domain\u2019s CR3 (NOFLUSH) is loaded while PCIDE is still 0: #GP",
    expectedProperty: P2.noFault,
    config: "mixed",
    override: cr3BeforePcide
  }
];

// model/pcid/index.ts
var PCID_VARIANTS = PCID_ZOO;
function pcidConfig(name2) {
  const cfg = PCID_CONFIGS.find((c) => c.name === name2);
  if (cfg === void 0) throw new UsageError(`pcid has no config "${name2}" (known: ${PCID_CONFIGS.map((c) => c.name).join(", ")})`);
  return cfg;
}
function pcidQuirks(id) {
  if (id === void 0) return CORRECT2;
  const entry2 = PCID_ZOO.find((v) => v.id === id);
  if (entry2 === void 0) throw new UsageError(`pcid has no variant "${id}" (known: ${PCID_ZOO.map((v) => v.id).join(", ")})`);
  return entry2.override;
}
function buildPcid(config2, options) {
  const cfg = pcidConfig(config2);
  switch (options.side) {
    case "both": {
      const impl = pcidImplSide(cfg, pcidQuirks(options.variant));
      return erase(refinementModel(pcidSpecSide(cfg), impl, `pcid/${cfg.name}${options.variant === void 0 ? "" : `+${options.variant}`}`));
    }
    case "impl":
      return erase(pcidImplSide(cfg, pcidQuirks(options.variant)).model);
    case "spec":
      if (options.variant !== void 0) throw new UsageError("pcid variants change the impl; use --only impl or both with --variant");
      return erase(pcidSpecModel(cfg));
    default:
      throw new UsageError(`pcid has no side "${String(options.side)}"`);
  }
}
var pcidSubsystem = {
  name: "pcid",
  kind: "subsystem",
  description: "PCID for 64-bit PV guests with/without XPTI: switch_cr3_cr4, flush_area_local, kernel/user toggles, XPTI entry/exit, lazy idle, pcid= policy, on an SDM-minimal TLB with fills at every step",
  configs: PCID_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: "default",
  variants: PCID_VARIANTS.map(({ id, description, expectedProperty, config: config2 }) => ({ id, description, expectedProperty, config: config2 })),
  sides: ["both", "spec", "impl"],
  build: buildPcid
};

// impl/shadow-oos/quirks.ts
var CORRECT3 = Object.freeze({ flushOnlyIfRemoved: false, preallocAfterWriteRemoval: false });

// model/shadow-oos/properties-names.ts
var P3 = {
  hash: "OOS hash well-formed: out_of_sync \u21D4 exactly one slot at home or home + 1 holds the page; may_write \u21D2 out_of_sync",
  writeProtect: "a shadowed page table that is not may_write has no writable shadow mapping and no writable TLB entry",
  fixupSound: "every writable shadow mapping of a may_write page is recorded in its fixup array",
  coherent: "an in-sync page\u2019s shadow entries map what its guest entries map, with no more permission",
  cr3Sync: "after a guest CR3 write on vCPU v, none of v\u2019s pages is out of sync",
  fixupEvict: "a fixup eviction (write access removed without a flush)",
  hashEvict: "a hash eviction by full resync",
  swap: "an occupant punted into home + 1",
  repropagate: "a full resync re-propagates a changed entry",
  demote: "memory pressure demotes an OOS page"
};
var ALL_WITNESSES2 = [P3.fixupEvict, P3.hashEvict, P3.swap, P3.repropagate, P3.demote];

// model/shadow-oos/config.ts
var RW = (frame3) => ({ frame: frame3, rw: true });
var RO = (frame3) => ({ frame: frame3, rw: false });
var GMFNS = [3, 6, 4];
var INIT = [
  [RW(3), RW(3)],
  [RW(3), RW(4)],
  [RW(6), RO(1)]
];
var ALT = [
  [RW(1), RW(2)],
  [RW(1), null],
  [RW(1), RW(2)]
];
var small3 = {
  name: "small",
  description: "1 vCPU; L1 tables 3, 6 (same home slot) and 4, self-mapped (table 3 writable through three entries); reads and writes of every address, 1 CR3 write, 2 INVLPGs, 1 memory-pressure event",
  nVcpu: 1,
  entries: 2,
  gmfns: GMFNS,
  init: INIT,
  alt: ALT,
  cr3Writes: 1,
  invlpgs: 1,
  pressures: 1,
  ptWrites: 1,
  faults: 4,
  reads: [2],
  writes: [0, 1, 2, 3, 4, 5],
  witnesses: ALL_WITNESSES2
};
var evict = {
  ...small3,
  name: "evict",
  description: "1 vCPU; writes of va 0, 1, 2, 3, 4 and a read of va 2 only; 6 faults, 2 INVLPGs, no CR3 write, no memory pressure, no page-table store",
  cr3Writes: 0,
  invlpgs: 2,
  pressures: 0,
  ptWrites: 0,
  faults: 6,
  writes: [0, 1, 2, 3, 4],
  witnesses: [P3.fixupEvict, P3.hashEvict, P3.swap]
};
var defaultCfg2 = {
  ...small3,
  name: "default",
  description: "2 vCPUs (own CPUs): faults walk without the lock while the other vCPU acts; 3 faults, 1 page-table store, 1 CR3 write, 1 memory-pressure event, no INVLPG",
  nVcpu: 2,
  faults: 3,
  ptWrites: 1,
  cr3Writes: 1,
  invlpgs: 0,
  pressures: 1
};
var deep3 = {
  ...small3,
  name: "deep",
  description: "small on 2 vCPUs with 2 INVLPGs and 2 CR3 writes (4 faults, 1 page-table store, 1 memory-pressure event)",
  nVcpu: 2,
  invlpgs: 2,
  cr3Writes: 2
};
var SHADOW_CONFIGS = [small3, evict, defaultCfg2, deep3];

// spec/shadow-oos/types.ts
var SpecPte = {
  present: 1,
  rw: 2,
  frameShift: 2
};
var specPte = (frame3, rw) => SpecPte.present | (rw ? SpecPte.rw : 0) | frame3 << SpecPte.frameShift;
var spteFrame = (e) => e >>> SpecPte.frameShift;
var sptePresent = (e) => (e & SpecPte.present) !== 0;
var spteWritable = (e) => (e & (SpecPte.present | SpecPte.rw)) === (SpecPte.present | SpecPte.rw);
var Outcome = {
  /** The access completed without a trap. */
  ok: 0,
  /** The access trapped: the page-fault handler runs (its guest walk done). */
  fault: 1,
  /** The walked entry changed before the lock: the guest re-executes. */
  retry: 2,
  /** The guest's own tables forbid the access: the fault is the guest's. */
  guestFault: 3,
  /** The shadow was fixed: the guest re-executes. */
  fixed: 4
};
var OUTCOME_NAMES = ["ok", "fault", "retry", "guest fault", "fixed"];

// impl/shadow-oos/layout.ts
var SHADOW_OOS_PAGES = 3;
var SHADOW_OOS_FIXUPS = 2;
var INVALID_MFN = -1;
var SMFN_BASE = 64;
var PAGE_SHIFT = 12;
var PAGE = {
  present: 1 << 0,
  rw: 1 << 1
};
var l1eFrame = (e) => e >>> PAGE_SHIFT;
var l1eFlags = (e) => e & (1 << PAGE_SHIFT) - 1;
var l1e = (frame3, flags2) => (frame3 << PAGE_SHIFT | flags2) >>> 0;
var SHF = {
  L1: 1 << 0,
  oosMayWrite: 1 << 29,
  outOfSync: 1 << 30
};
var PageWord = { flags: 0, guest: 1 };
var pageWords = (entries) => 1 + 2 * entries;
var FixupWord = { next: 0, smfn: 1, off: 1 + SHADOW_OOS_FIXUPS };
var FIXUP_WORDS = 1 + 2 * SHADOW_OOS_FIXUPS;
var FrameWord = { op: 0, va: 1, write: 2, walked: 3 };
var FRAME_WORDS = 4;
var Op2 = { none: 0, pageFault: 1 };
var GlobalWord = {
  /** The guest page index the next `shadow_prealloc` must free (memory pressure), or −1. */
  pressure: 0
};
var GLOBAL_WORDS = 1;
function makeLayout3(nVcpu, entries, gmfns, hwWords, envWords2) {
  const pageBase = GLOBAL_WORDS;
  const vcpuBase = pageBase + gmfns.length * pageWords(entries);
  const oos = 0;
  const snapshot = oos + SHADOW_OOS_PAGES;
  const fixup = snapshot + SHADOW_OOS_PAGES * entries;
  const frame3 = fixup + SHADOW_OOS_PAGES * FIXUP_WORDS;
  const vcpuWords = frame3 + FRAME_WORDS;
  const hwBase = vcpuBase + nVcpu * vcpuWords;
  const envBase = hwBase + hwWords;
  return { nVcpu, entries, gmfns, pageBase, vcpuBase, vcpuWords, oos, snapshot, fixup, frame: frame3, hwBase, envBase, words: envBase + envWords2 };
}
var pw = (L, p, off) => L.pageBase + p * pageWords(L.entries) + off;
var gl1 = (L, p, k) => pw(L, p, PageWord.guest + k);
var sl1 = (L, p, k) => pw(L, p, PageWord.guest + L.entries + k);
var oosW = (L, v, idx) => L.vcpuBase + v * L.vcpuWords + L.oos + idx;
var snpW = (L, v, idx, k) => L.vcpuBase + v * L.vcpuWords + L.snapshot + idx * L.entries + k;
var fixW = (L, v, idx, off) => L.vcpuBase + v * L.vcpuWords + L.fixup + idx * FIXUP_WORDS + off;
var frameW = (L, v, off) => L.vcpuBase + v * L.vcpuWords + L.frame + off;
var pageOf = (L, gmfn) => L.gmfns.indexOf(gmfn);

// impl/shadow-oos/abstract.ts
var toSpecPte = (e) => (e & PAGE.present) === 0 ? 0 : specPte(l1eFrame(e), (e & PAGE.rw) !== 0);
function abstractShadow(w2, L, tlb) {
  const nPages = L.gmfns.length;
  const guest = [];
  const pages = [];
  for (let p = 0; p < nPages; p++) {
    const row = [];
    const shadow2 = [];
    for (let k = 0; k < L.entries; k++) {
      row.push(toSpecPte(w2[gl1(L, p, k)]));
      shadow2.push(toSpecPte(w2[sl1(L, p, k)]));
    }
    guest.push(row);
    let owner = -1;
    let snapshot = null;
    for (let v = 0; v < L.nVcpu && owner < 0; v++) {
      for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
        if (w2[oosW(L, v, idx)] !== L.gmfns[p]) continue;
        owner = v;
        snapshot = [];
        for (let k = 0; k < L.entries; k++) snapshot.push(toSpecPte(w2[snpW(L, v, idx, k)]));
        break;
      }
    }
    const flags2 = w2[pw(L, p, PageWord.flags)];
    pages.push({ shadowed: (flags2 & SHF.L1) !== 0, owner, mayWrite: (flags2 & SHF.oosMayWrite) !== 0, snapshot, shadow: shadow2 });
  }
  const tlbs = [];
  const walk = [];
  for (let v = 0; v < L.nVcpu; v++) {
    const row = [];
    for (let va = 0; va < nPages * L.entries; va++) row.push(tlb(w2, v, va));
    tlbs.push(row);
    walk.push(
      w2[frameW(L, v, FrameWord.op)] === Op2.pageFault ? { va: w2[frameW(L, v, FrameWord.va)], write: w2[frameW(L, v, FrameWord.write)] === 1, value: toSpecPte(w2[frameW(L, v, FrameWord.walked)]) } : null
    );
  }
  return { guest, pages, tlb: tlbs, walk, pressure: w2[GlobalWord.pressure] };
}

// impl/shadow-oos/oos.ts
var Perfc = {
  /** `shadow_oos_fixup_evict`. */
  fixupEvict: 0,
  /** `shadow_unsync_evict`: an occupant crushed by a full resync. */
  unsyncEvict: 1,
  /** An occupant punted into home + 1. */
  unsyncSwap: 2,
  /** A full resync re-propagated a changed entry. */
  resyncRepropagate: 3,
  /** `shadow_prealloc` demoted an OOS page. */
  demoteOos: 4,
  /** A guest CR3 write completed on vCPU (value + 1). */
  cr3Done: 5
};
var PERFC_WORDS = 6;
var flags = (x, p) => x.w[pw(x.L, p, PageWord.flags)];
var setFlags = (x, p, f) => void (x.w[pw(x.L, p, PageWord.flags)] = f);
function shMfnIsAPageTable(x, gmfn) {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.L1) !== 0;
}
function mfnIsOutOfSync(x, gmfn) {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.outOfSync) !== 0;
}
function mfnOosMayWrite(x, gmfn) {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.oosMayWrite) !== 0;
}
function shPropagateL1(x, gl1e, demandWrite) {
  if ((gl1e & PAGE.present) === 0) return 0;
  const target = l1eFrame(gl1e);
  if (shMfnIsAPageTable(x, target) && !(mfnOosMayWrite(x, target) && demandWrite)) return (gl1e & ~PAGE.rw) >>> 0;
  return gl1e >>> 0;
}
function shRmWriteAccessFromSl1p(x, gmfn, smfn, off) {
  const p = smfn - SMFN_BASE;
  if (p < 0 || p >= x.L.gmfns.length || (flags(x, p) & SHF.L1) === 0) return 0;
  const i = sl1(x.L, p, off);
  const e = x.w[i];
  if ((e & (PAGE.present | PAGE.rw)) !== (PAGE.present | PAGE.rw) || l1eFrame(e) !== gmfn) return 0;
  x.w[i] = (e & ~PAGE.rw) >>> 0;
  return 1;
}
function oosFixupAdd(x, gmfn, smfn, off) {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = gmfn % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) {
      const next = x.w[fixW(L, v, idx, FixupWord.next)];
      const old = x.w[fixW(L, v, idx, FixupWord.smfn + next)];
      if (old !== INVALID_MFN) {
        shRmWriteAccessFromSl1p(x, gmfn, old, x.w[fixW(L, v, idx, FixupWord.off + next)]);
        x.perfc[Perfc.fixupEvict]++;
      }
      x.w[fixW(L, v, idx, FixupWord.smfn + next)] = smfn;
      x.w[fixW(L, v, idx, FixupWord.off + next)] = off;
      x.w[fixW(L, v, idx, FixupWord.next)] = (next + 1) % SHADOW_OOS_FIXUPS;
      return;
    }
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}
function shadowSetL1e(x, p, off, sl1e) {
  const target = l1eFrame(sl1e);
  if ((sl1e & (PAGE.present | PAGE.rw)) === (PAGE.present | PAGE.rw) && mfnOosMayWrite(x, target)) oosFixupAdd(x, target, SMFN_BASE + p, off);
  x.w[sl1(x.L, p, off)] = sl1e >>> 0;
}
function shRemoveWriteAccess(x, gmfn) {
  if (shMfnIsAPageTable(x, gmfn) && !mfnOosMayWrite(x, gmfn)) return 0;
  let removed = 0;
  for (let p = 0; p < x.L.gmfns.length; p++) {
    if ((flags(x, p) & SHF.L1) === 0) continue;
    for (let k = 0; k < x.L.entries; k++) removed |= shRmWriteAccessFromSl1p(x, gmfn, SMFN_BASE + p, k);
  }
  return removed;
}
function oosFixupFlushGmfn(x, gmfn, v, idx) {
  const L = x.L;
  let removed = 0;
  for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) {
    const smfn = x.w[fixW(L, v, idx, FixupWord.smfn + i)];
    if (smfn !== INVALID_MFN) {
      removed |= shRmWriteAccessFromSl1p(x, gmfn, smfn, x.w[fixW(L, v, idx, FixupWord.off + i)]);
      x.w[fixW(L, v, idx, FixupWord.smfn + i)] = INVALID_MFN;
    }
  }
  return x.quirks.flushOnlyIfRemoved ? removed : 1;
}
function oosRemoveWriteAccess(x, gmfn, v, idx) {
  let ftlb = oosFixupFlushGmfn(x, gmfn, v, idx);
  if (shRemoveWriteAccess(x, gmfn) === 1) ftlb |= 1;
  if (ftlb !== 0) x.hw.flushTlbMask(x.w);
}
function shResyncL1(x, gmfn, v, idx, full) {
  const L = x.L;
  const p = pageOf(L, gmfn);
  for (let k = 0; k < L.entries; k++) {
    if ((x.w[sl1(L, p, k)] & PAGE.present) === 0) continue;
    const g = x.w[gl1(L, p, k)];
    if (g === x.w[snpW(L, v, idx, k)]) continue;
    shadowSetL1e(x, p, k, shPropagateL1(x, g, false));
    x.w[snpW(L, v, idx, k)] = g;
    if (full) x.perfc[Perfc.resyncRepropagate]++;
  }
}
function shResyncOne(x, gmfn, v, idx) {
  const p = pageOf(x.L, gmfn);
  oosRemoveWriteAccess(x, gmfn, v, idx);
  setFlags(x, p, flags(x, p) & ~SHF.oosMayWrite);
  shResyncL1(x, gmfn, v, idx, true);
  setFlags(x, p, flags(x, p) & ~SHF.outOfSync);
}
function oosHashAdd(x, v, gmfnIn) {
  const L = x.L;
  let gmfn = gmfnIn;
  let fixup = freshFixup();
  let idx = gmfn % SHADOW_OOS_PAGES;
  const oidx = idx;
  let swap = false;
  const occupant = x.w[oosW(L, v, idx)];
  if (occupant !== INVALID_MFN && occupant % SHADOW_OOS_PAGES === idx) {
    x.w[oosW(L, v, idx)] = gmfn;
    gmfn = occupant;
    const held = readFixup(x, v, idx);
    writeFixup(x, v, idx, fixup);
    fixup = held;
    swap = true;
    x.perfc[Perfc.unsyncSwap]++;
    idx = (idx + 1) % SHADOW_OOS_PAGES;
  }
  const victim = x.w[oosW(L, v, idx)];
  if (victim !== INVALID_MFN) {
    shResyncOne(x, victim, v, idx);
    x.perfc[Perfc.unsyncEvict]++;
  }
  x.w[oosW(L, v, idx)] = gmfn;
  writeFixup(x, v, idx, fixup);
  if (swap) {
    for (let k = 0; k < L.entries; k++) {
      const t3 = x.w[snpW(L, v, idx, k)];
      x.w[snpW(L, v, idx, k)] = x.w[snpW(L, v, oidx, k)];
      x.w[snpW(L, v, oidx, k)] = t3;
    }
  }
  const p = pageOf(L, gmfnIn);
  for (let k = 0; k < L.entries; k++) x.w[snpW(L, v, oidx, k)] = x.w[gl1(L, p, k)];
}
function freshFixup() {
  const f = new Array(FIXUP_WORDS).fill(0);
  for (let j = 0; j < SHADOW_OOS_FIXUPS; j++) f[FixupWord.smfn + j] = INVALID_MFN;
  return f;
}
function readFixup(x, v, idx) {
  const out = [];
  for (let i = 0; i < FIXUP_WORDS; i++) out.push(x.w[fixW(x.L, v, idx, i)]);
  return out;
}
function writeFixup(x, v, idx, f) {
  f.forEach((word, i) => void (x.w[fixW(x.L, v, idx, i)] = word));
}
function oosHashRemove(x, gmfn) {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = gmfn % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) {
      x.w[oosW(L, v, idx)] = INVALID_MFN;
      return;
    }
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}
function oosSnapshotLookup(x, gmfn) {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = gmfn % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) return [v, idx];
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}
function shUnsync(x, v, gmfn) {
  const p = pageOf(x.L, gmfn);
  if (p < 0) return 0;
  const f = flags(x, p);
  if ((f & SHF.outOfSync) !== 0 || (f & SHF.L1) === 0) return 0;
  setFlags(x, p, f | SHF.outOfSync | SHF.oosMayWrite);
  oosHashAdd(x, v, gmfn);
  return 1;
}
function shResyncAll(x, v, skip, doThis, doOthers) {
  const L = x.L;
  if (doThis) {
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
      const gmfn = x.w[oosW(L, v, idx)];
      if (gmfn === INVALID_MFN) continue;
      shResyncOne(x, gmfn, v, idx);
      x.w[oosW(L, v, idx)] = INVALID_MFN;
    }
  }
  if (!doOthers) return;
  for (let o = 0; o < L.nVcpu; o++) {
    if (o === v) continue;
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
      const gmfn = x.w[oosW(L, o, idx)];
      if (gmfn === INVALID_MFN) continue;
      if (skip) {
        shResyncL1(x, gmfn, o, idx, false);
      } else {
        shResyncOne(x, gmfn, o, idx);
        x.w[oosW(L, o, idx)] = INVALID_MFN;
      }
    }
  }
}
function shRemoveShadows(x, p) {
  const f = flags(x, p);
  if ((f & SHF.L1) === 0) return;
  if ((f & SHF.outOfSync) !== 0) {
    oosHashRemove(x, x.L.gmfns[p]);
    x.perfc[Perfc.demoteOos]++;
  }
  for (let k = 0; k < x.L.entries; k++) x.w[sl1(x.L, p, k)] = 0;
  setFlags(x, p, 0);
}
function shadowPrealloc(x) {
  const q = x.w[GlobalWord.pressure];
  if (q < 0) return;
  x.w[GlobalWord.pressure] = -1;
  if ((flags(x, q) & SHF.L1) === 0) return;
  shRemoveShadows(x, q);
  x.hw.flushTlbMask(x.w);
}
var FaultResult = { retry: 0, guestFault: 1, fixed: 2 };
function shPageFaultWalk(x, v, va, write2) {
  const L = x.L;
  x.w[frameW(L, v, FrameWord.op)] = Op2.pageFault;
  x.w[frameW(L, v, FrameWord.va)] = va;
  x.w[frameW(L, v, FrameWord.write)] = write2 ? 1 : 0;
  x.w[frameW(L, v, FrameWord.walked)] = x.w[gl1(L, Math.floor(va / L.entries), va % L.entries)];
}
function shPageFaultLocked(x, v) {
  const L = x.L;
  const va = x.w[frameW(L, v, FrameWord.va)];
  const write2 = x.w[frameW(L, v, FrameWord.write)] === 1;
  const gl1e = x.w[frameW(L, v, FrameWord.walked)];
  for (let i = 0; i < FRAME_WORDS; i++) x.w[frameW(L, v, i)] = 0;
  const p = Math.floor(va / L.entries);
  const k = va % L.entries;
  const gl1mfn = L.gmfns[p];
  if (x.w[gl1(L, p, k)] !== gl1e) return FaultResult.retry;
  if ((gl1e & PAGE.present) === 0 || write2 && (l1eFlags(gl1e) & PAGE.rw) === 0) return FaultResult.guestFault;
  if (!x.quirks.preallocAfterWriteRemoval) shadowPrealloc(x);
  if (!mfnIsOutOfSync(x, gl1mfn) && shRemoveWriteAccess(x, gl1mfn) === 1) x.hw.flushTlbMask(x.w);
  if (x.quirks.preallocAfterWriteRemoval) shadowPrealloc(x);
  if ((flags(x, p) & SHF.L1) === 0) setFlags(x, p, SHF.L1);
  const target = l1eFrame(gl1e);
  if (write2 && shMfnIsAPageTable(x, target)) shUnsync(x, v, target);
  shadowSetL1e(x, p, k, shPropagateL1(x, gl1e, write2));
  if (mfnIsOutOfSync(x, gl1mfn)) {
    const [o, idx] = oosSnapshotLookup(x, gl1mfn);
    x.w[snpW(L, o, idx, k)] = gl1e;
  }
  return FaultResult.fixed;
}
function shInvlpg(x, v, va) {
  const L = x.L;
  const p = Math.floor(va / L.entries);
  if (mfnIsOutOfSync(x, L.gmfns[p])) shadowSetL1e(x, p, va % L.entries, 0);
  x.hw.invlpg(x.w, v, va);
}
function shUpdateCr3(x, v) {
  shResyncAll(x, v, false, true, false);
  x.hw.loadCr3(x.w, v);
  shResyncAll(x, v, true, false, true);
  x.perfc[Perfc.cr3Done] = v + 1;
}
function shadowInit(x) {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    for (let i = 0; i < SHADOW_OOS_PAGES; i++) {
      x.w[oosW(L, v, i)] = INVALID_MFN;
      for (let j = 0; j < SHADOW_OOS_FIXUPS; j++) x.w[fixW(L, v, i, FixupWord.smfn + j)] = INVALID_MFN;
    }
  }
  for (let p = 0; p < L.gmfns.length; p++) setFlags(x, p, SHF.L1);
  x.w[GlobalWord.pressure] = -1;
}

// model/shadow-oos/env.ts
var ActionKind3 = { access: 0, step: 1, cr3: 2, invlpg: 3, pressure: 4 };
var ACTION_KIND_NAMES3 = ["guest access", "fault handler under the lock", "guest CR3 write", "guest INVLPG", "memory pressure"];
var Budget3 = { cr3Writes: 0, invlpgs: 1, pressures: 2, ptWrites: 3, faults: 4 };
var BUDGET_WORDS3 = 5;
function allActions3(cfg) {
  const out = [];
  const nVa = cfg.gmfns.length * cfg.entries;
  for (let v = 0; v < cfg.nVcpu; v++) {
    out.push({ kind: ActionKind3.step, v, arg: 0 });
    for (let va = 0; va < nVa; va++) {
      if (cfg.reads.includes(va)) out.push({ kind: ActionKind3.access, v, arg: va * 2 });
      if (cfg.writes.includes(va)) out.push({ kind: ActionKind3.access, v, arg: va * 2 + 1 });
    }
    out.push({ kind: ActionKind3.cr3, v, arg: 0 });
    for (let va = 0; va < nVa; va++) out.push({ kind: ActionKind3.invlpg, v, arg: va });
  }
  for (let p = 0; p < cfg.gmfns.length; p++) out.push({ kind: ActionKind3.pressure, v: -1, arg: p });
  return out;
}
function budgetOf2(kind) {
  switch (kind) {
    case ActionKind3.cr3:
      return Budget3.cr3Writes;
    case ActionKind3.invlpg:
      return Budget3.invlpgs;
    case ActionKind3.pressure:
      return Budget3.pressures;
    case ActionKind3.access:
    case ActionKind3.step:
      return void 0;
    default:
      return assertNever3(kind);
  }
}
function initialBudgets3(cfg, w2, base) {
  w2[base + Budget3.cr3Writes] = cfg.cr3Writes;
  w2[base + Budget3.invlpgs] = cfg.invlpgs;
  w2[base + Budget3.pressures] = cfg.pressures;
  w2[base + Budget3.ptWrites] = cfg.ptWrites;
  w2[base + Budget3.faults] = cfg.faults;
}
function formatAction3(a2) {
  switch (a2.kind) {
    case ActionKind3.access:
      return `vCPU${a2.v} guest ${a2.arg & 1 ? "writes" : "reads"} va ${a2.arg >> 1}`;
    case ActionKind3.step:
      return `vCPU${a2.v} page-fault handler under the paging lock`;
    case ActionKind3.cr3:
      return `vCPU${a2.v} guest writes CR3`;
    case ActionKind3.invlpg:
      return `vCPU${a2.v} guest INVLPG va ${a2.arg}`;
    case ActionKind3.pressure:
      return `shadow memory pressure: the next prealloc frees L1 page ${a2.arg}'s shadow`;
    default:
      return assertNever3(a2.kind);
  }
}
function assertNever3(x) {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

// model/shadow-oos/properties.ts
var onPerfc = (name2, expectation, test) => ({
  name: name2,
  expectation,
  transition: (_from, _a, to) => test(to)
});
var writable = (e) => (e & (PAGE.present | PAGE.rw)) === (PAGE.present | PAGE.rw);
function implProperties3(cfg, S) {
  const { L, x86, nVa } = S;
  const nPages = L.gmfns.length;
  const flags2 = (w2, p) => w2[pw(L, p, PageWord.flags)];
  const writableMappings2 = (w2, q) => {
    const out = [];
    for (let p = 0; p < nPages; p++) {
      if ((flags2(w2, p) & SHF.L1) === 0) continue;
      for (let k = 0; k < L.entries; k++) {
        const e = w2[sl1(L, p, k)];
        if (writable(e) && l1eFrame(e) === L.gmfns[q]) out.push([p, k]);
      }
    }
    return out;
  };
  const hashWellFormed = (s) => {
    const w2 = s.w;
    for (let q = 0; q < nPages; q++) {
      const gmfn = L.gmfns[q];
      const home = gmfn % SHADOW_OOS_PAGES;
      let held = 0;
      let misplaced = false;
      for (let v = 0; v < L.nVcpu; v++) {
        for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
          if (w2[oosW(L, v, idx)] !== gmfn) continue;
          held++;
          if (idx !== home && idx !== (home + 1) % SHADOW_OOS_PAGES) misplaced = true;
        }
      }
      const f = flags2(w2, q);
      const oos = (f & SHF.outOfSync) !== 0;
      if (misplaced || held !== (oos ? 1 : 0)) return false;
      if ((f & SHF.oosMayWrite) !== 0 && !oos) return false;
    }
    for (let v = 0; v < L.nVcpu; v++) {
      for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
        const g = w2[oosW(L, v, idx)];
        if (g !== INVALID_MFN && !L.gmfns.includes(g)) return false;
      }
    }
    return true;
  };
  const writeProtected = (s) => {
    const w2 = s.w;
    for (let q = 0; q < nPages; q++) {
      const f = flags2(w2, q);
      if ((f & SHF.L1) === 0 || (f & SHF.oosMayWrite) !== 0) continue;
      if (writableMappings2(w2, q).length > 0) return false;
      for (let c = 0; c < L.nVcpu; c++) {
        for (let va = 0; va < nVa; va++) {
          const e = w2[x86.slot(c, 0, va)];
          if (e !== 0 && (e & Pte.writable) !== 0 && pteFrame(e) === L.gmfns[q]) return false;
        }
      }
    }
    return true;
  };
  const recordOf = (w2, q) => {
    for (let v = 0; v < L.nVcpu; v++) for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) if (w2[oosW(L, v, idx)] === L.gmfns[q]) return [v, idx];
    return void 0;
  };
  const fixupSound = (s) => {
    const w2 = s.w;
    for (let q = 0; q < nPages; q++) {
      if ((flags2(w2, q) & SHF.oosMayWrite) === 0) continue;
      const rec = recordOf(w2, q);
      if (rec === void 0) return false;
      const [v, idx] = rec;
      for (const [p, k] of writableMappings2(w2, q)) {
        let found = false;
        for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) {
          if (w2[fixW(L, v, idx, FixupWord.smfn + i)] === SMFN_BASE + p && w2[fixW(L, v, idx, FixupWord.off + i)] === k) found = true;
        }
        if (!found) return false;
      }
    }
    return true;
  };
  const coherent = (s) => {
    const w2 = s.w;
    for (let p = 0; p < nPages; p++) {
      const f = flags2(w2, p);
      if ((f & SHF.L1) === 0 || (f & SHF.outOfSync) !== 0) continue;
      for (let k = 0; k < L.entries; k++) {
        const sh = w2[sl1(L, p, k)];
        if ((sh & PAGE.present) === 0) continue;
        const g = w2[gl1(L, p, k)];
        if ((g & PAGE.present) === 0 || l1eFrame(g) !== l1eFrame(sh)) return false;
        if ((sh & PAGE.rw) !== 0 && (g & PAGE.rw) === 0) return false;
      }
    }
    return true;
  };
  const cr3Synced = (s) => {
    const v = s.perfc[Perfc.cr3Done] - 1;
    if (v < 0) return true;
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) if (s.w[oosW(L, v, idx)] !== INVALID_MFN) return false;
    return true;
  };
  const props = [
    always(P3.hash, hashWellFormed),
    always(P3.writeProtect, writeProtected),
    always(P3.fixupSound, fixupSound),
    always(P3.coherent, coherent),
    onPerfc(P3.cr3Sync, "always", cr3Synced)
  ];
  const witnesses = [
    onPerfc(P3.fixupEvict, "sometimes", (s) => s.perfc[Perfc.fixupEvict] > 0),
    onPerfc(P3.hashEvict, "sometimes", (s) => s.perfc[Perfc.unsyncEvict] > 0),
    onPerfc(P3.swap, "sometimes", (s) => s.perfc[Perfc.unsyncSwap] > 0),
    onPerfc(P3.repropagate, "sometimes", (s) => s.perfc[Perfc.resyncRepropagate] > 0),
    onPerfc(P3.demote, "sometimes", (s) => s.perfc[Perfc.demoteOos] > 0)
  ];
  return [...props, ...witnesses.filter((p) => cfg.witnesses.includes(p.name))];
}

// model/shadow-oos/state.ts
var ROOT = 1;
function shapeOf2(cfg) {
  const nVa = cfg.gmfns.length * cfg.entries;
  const L = makeLayout3(cfg.nVcpu, cfg.entries, cfg.gmfns, cpuWords(nVa) * cfg.nVcpu, BUDGET_WORDS3);
  const x86 = new X86({
    base: L.hwBase,
    nCpu: cfg.nVcpu,
    nVa,
    tables: {
      // The hardware walks the shadow: address va through entry va % entries of page va / entries's shadow L1.
      walk(w2, _root, va) {
        const p = Math.floor(va / L.entries);
        if ((w2[pw(L, p, PageWord.flags)] & SHF.L1) === 0) return 0;
        const e = w2[sl1(L, p, va % L.entries)];
        if ((e & PAGE.present) === 0) return 0;
        return Pte.present | l1eFrame(e) | ((e & PAGE.rw) !== 0 ? Pte.writable : 0);
      },
      contents: () => 0
    }
  });
  return { L, x86, nVa };
}

// model/shadow-oos/impl-model.ts
var SHADOW_IMPL = Object.freeze({ faultWalk: shPageFaultWalk, faultLocked: shPageFaultLocked, invlpg: shInvlpg, cr3: shUpdateCr3 });
var toXen = (e) => e === null ? 0 : l1e(e.frame, PAGE.present | (e.rw ? PAGE.rw : 0));
function tlbAsSpec(x86, w2, cpu, va) {
  const e = w2[x86.slot(cpu, x86.pcid(w2, cpu), va)];
  return e === 0 ? 0 : specPte(pteFrame(e), (e & Pte.writable) !== 0);
}
function initialShadowImpl(cfg, S, quirks) {
  const { L, x86 } = S;
  const w2 = new Int32Array(L.words);
  const perfc = new Int32Array(PERFC_WORDS);
  shadowInit({ w: w2, L, hw: NO_HW, quirks, perfc });
  for (let p = 0; p < L.gmfns.length; p++) for (let k = 0; k < L.entries; k++) w2[gl1(L, p, k)] = toXen(cfg.init[p][k]);
  for (let c = 0; c < cfg.nVcpu; c++) x86.reset(w2, c, ROOT, 0);
  initialBudgets3(cfg, w2, L.envBase);
  return { w: w2, perfc };
}
var NO_HW = {
  flushTlbMask: () => void 0,
  loadCr3: () => void 0,
  invlpg: () => void 0
};
var OUTCOME_OF = { [FaultResult.retry]: Outcome.retry, [FaultResult.guestFault]: Outcome.guestFault, [FaultResult.fixed]: Outcome.fixed };
function shadowImplSide(cfg, quirks, fns = SHADOW_IMPL) {
  const S = shapeOf2(cfg);
  const { L, x86, nVa } = S;
  const hw = {
    flushTlbMask(w2) {
      for (let c = 0; c < L.nVcpu; c++) x86.invpcid(w2, c, Invpcid.allIncludingGlobal, 0, 0);
    },
    loadCr3: (w2, v) => x86.movCr3(w2, v, ROOT, 0, false),
    invlpg: (w2, v, va) => x86.invlpg(w2, v, va)
  };
  const world = { w: new Int32Array(0), L, hw, quirks, perfc: new Int32Array(PERFC_WORDS) };
  const every = allActions3(cfg);
  const calls = {
    access: Array.from({ length: cfg.nVcpu }, (_, v) => Array.from({ length: nVa * 2 }, (_2, arg) => ({ kind: "access", v, va: arg >> 1, write: (arg & 1) === 1 }))),
    faultLocked: Array.from({ length: cfg.nVcpu }, (_, v) => ({ kind: "faultLocked", v })),
    cr3: Array.from({ length: cfg.nVcpu }, (_, v) => ({ kind: "cr3", v })),
    invlpg: Array.from({ length: cfg.nVcpu }, (_, v) => Array.from({ length: nVa }, (_2, va) => ({ kind: "invlpg", v, va }))),
    pressure: cfg.gmfns.map((_, page) => ({ kind: "pressure", page }))
  };
  const busy = (w2, v) => w2[frameW(L, v, FrameWord.op)] !== Op2.none;
  const budget = (w2, b2) => w2[L.envBase + b2];
  const enabled = (s, a2) => {
    const w2 = s.w;
    switch (a2.kind) {
      case ActionKind3.access:
        return !busy(w2, a2.v);
      case ActionKind3.step:
        return busy(w2, a2.v);
      case ActionKind3.cr3:
        return !busy(w2, a2.v) && budget(w2, Budget3.cr3Writes) > 0;
      case ActionKind3.invlpg:
        return !busy(w2, a2.v) && budget(w2, Budget3.invlpgs) > 0;
      case ActionKind3.pressure:
        if (budget(w2, Budget3.pressures) <= 0 || w2[GlobalWord.pressure] !== -1) return false;
        for (let v = 0; v < cfg.nVcpu; v++) if (busy(w2, v)) return true;
        return false;
      default:
        return assertNever3(a2.kind);
    }
  };
  const guestStore = (w2, frame3, va) => {
    const q = pageOf(L, frame3);
    if (q < 0) return true;
    if (budget(w2, Budget3.ptWrites) <= 0) return false;
    w2[L.envBase + Budget3.ptWrites]--;
    const k = va % L.entries;
    const i = gl1(L, q, k);
    const init = toXen(cfg.init[q][k]);
    w2[i] = w2[i] === init ? toXen(cfg.alt[q][k]) : init;
    return true;
  };
  const access2 = (w2, v, va, write2) => {
    const slot2 = x86.slot(v, x86.pcid(w2, v), va);
    const cached = w2[slot2];
    const entry2 = cached !== 0 ? cached : x86.fillEntry(w2, v, va);
    if (entry2 !== 0 && (!write2 || (entry2 & Pte.writable) !== 0)) {
      if (write2 && !guestStore(w2, pteFrame(entry2), va)) return void 0;
      if (cached === 0) x86.fill(w2, v, va);
      return Outcome.ok;
    }
    if (budget(w2, Budget3.faults) <= 0) return void 0;
    w2[L.envBase + Budget3.faults]--;
    x86.invlpg(w2, v, va);
    fns.faultWalk(world, v, va, write2);
    return Outcome.fault;
  };
  const apply = (t3, a2, report) => {
    const w2 = t3.w;
    const b2 = budgetOf2(a2.kind);
    if (b2 !== void 0) w2[L.envBase + b2]--;
    world.w = w2;
    world.perfc = t3.perfc;
    report.actor = a2.v < 0 ? cfg.nVcpu : a2.v;
    switch (a2.kind) {
      case ActionKind3.access:
        report.lin = calls.access[a2.v][a2.arg];
        report.outcome = access2(w2, a2.v, a2.arg >> 1, (a2.arg & 1) === 1);
        if (report.outcome === void 0) return false;
        break;
      case ActionKind3.step:
        report.lin = calls.faultLocked[a2.v];
        report.outcome = OUTCOME_OF[fns.faultLocked(world, a2.v)];
        break;
      case ActionKind3.cr3:
        fns.cr3(world, a2.v);
        report.lin = calls.cr3[a2.v];
        report.outcome = Outcome.ok;
        break;
      case ActionKind3.invlpg:
        fns.invlpg(world, a2.v, a2.arg);
        report.lin = calls.invlpg[a2.v][a2.arg];
        report.outcome = Outcome.ok;
        break;
      case ActionKind3.pressure:
        w2[GlobalWord.pressure] = a2.arg;
        report.lin = calls.pressure[a2.arg];
        report.outcome = Outcome.ok;
        break;
      default:
        assertNever3(a2.kind);
    }
    return true;
  };
  const run = (s, a2, report) => {
    if (!enabled(s, a2)) return void 0;
    const t3 = { w: s.w.slice(), perfc: new Int32Array(PERFC_WORDS) };
    return apply(t3, a2, report) ? t3 : void 0;
  };
  const scratch = new StepReport();
  const dead = new Int32Array(L.words);
  const model2 = {
    name: `shadow-oos/${cfg.name}`,
    initStates: () => [initialShadowImpl(cfg, S, quirks)],
    actions(s, out) {
      for (const a2 of every) if (enabled(s, a2)) out.push(a2);
    },
    next(s, a2) {
      scratch.reset();
      return run(s, a2, scratch);
    },
    properties: () => implProperties3(cfg, S),
    encode(s, sink) {
      dead.set(s.w);
      for (let v = 0; v < L.nVcpu; v++) {
        for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
          if (dead[oosW(L, v, idx)] !== INVALID_MFN) continue;
          dead.fill(0, snpW(L, v, idx, 0), snpW(L, v, idx, L.entries));
          dead.fill(0, fixW(L, v, idx, 0), fixW(L, v, idx, FIXUP_WORDS));
        }
      }
      sink.words(dead);
    },
    formatAction: formatAction3,
    formatState: (s) => formatImpl2(S, s),
    coverage: { kinds: ACTION_KIND_NAMES3, kindOf: (a2) => a2.kind }
  };
  return { model: model2, shape: S, run, step: run, abstract: (s) => abstractShadow(s.w, L, (w2, c, va) => tlbAsSpec(x86, w2, c, va)) };
}
var pte = (e) => (e & PAGE.present) === 0 ? "\u2014" : `f${l1eFrame(e)}${(e & PAGE.rw) !== 0 ? " W" : " R"}`;
function formatImpl2(S, s) {
  const { L, x86 } = S;
  const w2 = s.w;
  const lines = [];
  for (let p = 0; p < L.gmfns.length; p++) {
    const f = w2[pw(L, p, PageWord.flags)];
    const fl = [(f & SHF.L1) !== 0 ? "L1" : "unshadowed", (f & SHF.outOfSync) !== 0 ? "out_of_sync" : "", (f & SHF.oosMayWrite) !== 0 ? "may_write" : ""].filter((x) => x !== "");
    const guest = Array.from({ length: L.entries }, (_, k) => pte(w2[gl1(L, p, k)])).join(", ");
    const shadow2 = Array.from({ length: L.entries }, (_, k) => pte(w2[sl1(L, p, k)])).join(", ");
    lines.push(`gmfn ${L.gmfns[p]} (page ${p}): ${fl.join(" ")}; guest [${guest}] shadow [${shadow2}]`);
  }
  for (let v = 0; v < L.nVcpu; v++) {
    const live = [];
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
      const g = w2[oosW(L, v, idx)];
      if (g === INVALID_MFN) continue;
      const snap = Array.from({ length: L.entries }, (_, k) => pte(w2[snpW(L, v, idx, k)])).join(", ");
      const fix = Array.from({ length: SHADOW_OOS_FIXUPS }, (_, i) => {
        const smfn = w2[fixW(L, v, idx, FixupWord.smfn + i)];
        return smfn === INVALID_MFN ? "\u2014" : `smfn ${smfn.toString(16)}+${w2[fixW(L, v, idx, FixupWord.off + i)]}`;
      }).join(", ");
      live.push(`[${idx}] gmfn ${g} snapshot [${snap}] fixups [${fix}] next ${w2[fixW(L, v, idx, FixupWord.next)]}`);
    }
    lines.push(`vCPU${v} oos: ${live.length === 0 ? "empty" : live.join("; ")}`);
    const f = w2[frameW(L, v, FrameWord.op)] === Op2.pageFault;
    if (f)
      lines.push(
        `vCPU${v} in the fault handler: va ${w2[frameW(L, v, FrameWord.va)]} ${w2[frameW(L, v, FrameWord.write)] === 1 ? "write" : "read"}, walked ${pte(w2[frameW(L, v, FrameWord.walked)])}`
      );
    lines.push(`CPU${v} TLB [${Array.from({ length: S.nVa }, (_, va) => pte(specToXen(tlbAsSpec(x86, w2, v, va)))).join(", ")}]`);
  }
  if (w2[GlobalWord.pressure] >= 0) lines.push(`memory pressure armed on page ${w2[GlobalWord.pressure]}`);
  lines.push(
    `budgets: CR3 ${w2[L.envBase + Budget3.cr3Writes]}, INVLPG ${w2[L.envBase + Budget3.invlpgs]}, pressure ${w2[L.envBase + Budget3.pressures]}, page-table stores ${w2[L.envBase + Budget3.ptWrites]}, faults ${w2[L.envBase + Budget3.faults]}`
  );
  return lines.join("\n");
}
var specToXen = (e) => e === 0 ? 0 : l1e(spteFrame(e), PAGE.present | (spteWritable(e) ? PAGE.rw : 0));

// spec/shadow-oos/state.ts
import { freeze as freeze5, produce as produce3 } from "immer";
import { match as match3 } from "ts-pattern";
function initialState3(f) {
  const zeros = () => new Array(f.entries).fill(0);
  return freeze5(
    {
      guest: f.init.map((row) => [...row]),
      pages: f.gmfns.map(() => ({ shadowed: true, owner: -1, mayWrite: false, snapshot: null, shadow: zeros() })),
      tlb: Array.from({ length: f.nVcpu }, () => new Array(f.gmfns.length * f.entries).fill(0)),
      walk: new Array(f.nVcpu).fill(null),
      pressure: -1
    },
    true
  );
}
var pageOfFrame = (f, frame3) => f.gmfns.indexOf(frame3);
function writableMappings(f, s, q) {
  const out = [];
  s.pages.forEach((pg, p) => {
    if (!pg.shadowed) return;
    pg.shadow.forEach((e, k) => {
      if (spteWritable(e) && spteFrame(e) === f.gmfns[q]) out.push([p, k]);
    });
  });
  return out;
}
function propagate(f, d, g, demandWrite) {
  if (!sptePresent(g)) return 0;
  const q = pageOfFrame(f, spteFrame(g));
  if (q >= 0 && d.pages[q].shadowed && !(d.pages[q].mayWrite && demandWrite)) return g & ~SpecPte.rw;
  return g;
}
function flushAll(d) {
  for (const t3 of d.tlb) t3.fill(0);
}
function repropagate(f, d, q) {
  const pg = d.pages[q];
  let any = false;
  for (let k = 0; k < f.entries; k++) {
    const g = d.guest[q][k];
    if (sptePresent(pg.shadow[k]) && g !== pg.snapshot[k]) {
      pg.shadow[k] = propagate(f, d, g, false);
      pg.snapshot[k] = g;
      any = true;
    }
  }
  return any;
}
function fullResync(f, d, q) {
  for (const [p, k] of writableMappings(f, d, q)) d.pages[p].shadow[k] = d.pages[p].shadow[k] & ~SpecPte.rw;
  flushAll(d);
  d.pages[q].mayWrite = false;
  repropagate(f, d, q);
  d.pages[q].owner = -1;
  d.pages[q].snapshot = null;
}
function demote(f, d, q) {
  const pg = d.pages[q];
  pg.shadowed = false;
  pg.shadow = new Array(f.entries).fill(0);
  pg.owner = -1;
  pg.mayWrite = false;
  pg.snapshot = null;
  flushAll(d);
}
function guestWrite(f, d, frame3, va) {
  const q = pageOfFrame(f, frame3);
  if (q < 0) return;
  const k = va % f.entries;
  const row = d.guest[q];
  row[k] = row[k] === f.init[q][k] ? f.alt[q][k] : f.init[q][k];
}
function access(f, s, v, va, write2) {
  const p = Math.floor(va / f.entries);
  const k = va % f.entries;
  const cached = s.tlb[v][va];
  const shadow2 = s.pages[p].shadowed ? s.pages[p].shadow[k] : 0;
  const entry2 = cached !== 0 ? cached : shadow2;
  if (sptePresent(entry2) && (!write2 || spteWritable(entry2))) {
    const state2 = produce3(s, (d) => {
      if (cached === 0) d.tlb[v][va] = entry2;
      if (write2) guestWrite(f, d, spteFrame(entry2), va);
    });
    return { state: state2, outcome: Outcome.ok };
  }
  const state = produce3(s, (d) => {
    d.tlb[v][va] = 0;
    d.walk[v] = { va, write: write2, value: s.guest[p][k] };
  });
  return { state, outcome: Outcome.fault };
}
function faultLocked(f, s, v) {
  const walk = s.walk[v];
  if (walk === null || walk === void 0) throw new Error(`spec: vCPU${v} has no fault in flight`);
  const p = Math.floor(walk.va / f.entries);
  const k = walk.va % f.entries;
  const cleared = produce3(s, (d) => void (d.walk[v] = null));
  if (s.guest[p][k] !== walk.value) return [{ state: cleared, outcome: Outcome.retry }];
  if (!sptePresent(walk.value) || walk.write && !spteWritable(walk.value)) return [{ state: cleared, outcome: Outcome.guestFault }];
  const prepared = produce3(cleared, (d) => {
    if (d.pressure >= 0) {
      const q = d.pressure;
      d.pressure = -1;
      if (d.pages[q].shadowed) demote(f, d, q);
    }
    if (d.pages[p].owner < 0) {
      const rw = writableMappings(f, d, p);
      for (const [x, y] of rw) d.pages[x].shadow[y] = d.pages[x].shadow[y] & ~SpecPte.rw;
      if (rw.length > 0) flushAll(d);
    }
    d.pages[p].shadowed = true;
  });
  const t3 = pageOfFrame(f, spteFrame(walk.value));
  let unsynced = [prepared];
  if (walk.write && t3 >= 0 && prepared.pages[t3].shadowed && prepared.pages[t3].owner < 0) {
    const mine = prepared.pages.flatMap((pg, q) => pg.owner === v ? [q] : []);
    const evictions = mine.length >= f.oosPerVcpu ? mine : [-1, ...mine];
    unsynced = evictions.map(
      (u) => produce3(prepared, (d) => {
        if (u >= 0) fullResync(f, d, u);
        const pg = d.pages[t3];
        pg.owner = v;
        pg.mayWrite = true;
        pg.snapshot = [...d.guest[t3]];
      })
    );
  }
  const out = [];
  for (const base of unsynced) {
    const entry2 = propagate(f, base, walk.value, walk.write);
    const target = pageOfFrame(f, spteFrame(entry2));
    const others = spteWritable(entry2) && target >= 0 ? writableMappings(f, base, target).filter(([x, y]) => x !== p || y !== k) : [];
    for (const evicted of [void 0, ...others]) {
      const state = produce3(base, (d) => {
        if (evicted !== void 0) d.pages[evicted[0]].shadow[evicted[1]] = d.pages[evicted[0]].shadow[evicted[1]] & ~SpecPte.rw;
        d.pages[p].shadow[k] = entry2;
        if (d.pages[p].owner >= 0) d.pages[p].snapshot[k] = walk.value;
      });
      out.push({ state, outcome: Outcome.fixed });
    }
  }
  return out;
}
function cr3(f, s, v) {
  return produce3(s, (d) => {
    d.pages.forEach((pg, q) => {
      if (pg.owner === v) fullResync(f, d, q);
    });
    d.tlb[v].fill(0);
    d.pages.forEach((pg, q) => {
      if (pg.owner >= 0 && pg.owner !== v) repropagate(f, d, q);
    });
  });
}
function applyCall3(f, s, call) {
  return match3(call).with({ kind: "access" }, (c) => [access(f, s, c.v, c.va, c.write)]).with({ kind: "faultLocked" }, (c) => faultLocked(f, s, c.v)).with({ kind: "cr3" }, (c) => [{ state: cr3(f, s, c.v), outcome: Outcome.ok }]).with({ kind: "invlpg" }, (c) => [
    {
      state: produce3(s, (d) => {
        const p = Math.floor(c.va / f.entries);
        if (d.pages[p].owner >= 0) d.pages[p].shadow[c.va % f.entries] = 0;
        d.tlb[c.v][c.va] = 0;
      }),
      outcome: Outcome.ok
    }
  ]).with({ kind: "pressure" }, (c) => [{ state: produce3(s, (d) => void (d.pressure = c.page)), outcome: Outcome.ok }]).exhaustive();
}
function encodeState3(s, sink) {
  for (const row of s.guest) for (const e of row) sink.u32(e);
  for (const pg of s.pages) {
    sink.bool(pg.shadowed);
    sink.i32(pg.owner);
    sink.bool(pg.mayWrite);
    sink.bool(pg.snapshot !== null);
    if (pg.snapshot !== null) for (const e of pg.snapshot) sink.u32(e);
    for (const e of pg.shadow) sink.u32(e);
  }
  for (const t3 of s.tlb) for (const e of t3) sink.u32(e);
  for (const w2 of s.walk) {
    sink.bool(w2 !== null);
    if (w2 !== null) {
      sink.u32(w2.va);
      sink.bool(w2.write);
      sink.u32(w2.value);
    }
  }
  sink.i32(s.pressure);
}
var sameArray = (a2, b2) => {
  if (a2 === null || b2 === null) return a2 === b2;
  return a2.length === b2.length && a2.every((x, i) => x === b2[i]);
};
function stateEquals3(a2, b2) {
  if (a2 === b2) return true;
  if (a2.pressure !== b2.pressure) return false;
  if (!a2.guest.every((r, i) => sameArray(r, b2.guest[i]))) return false;
  if (!a2.tlb.every((r, i) => sameArray(r, b2.tlb[i]))) return false;
  if (!a2.walk.every((w2, i) => w2 === null ? b2.walk[i] === null : b2.walk[i] !== null && w2.va === b2.walk[i].va && w2.write === b2.walk[i].write && w2.value === b2.walk[i].value)) {
    return false;
  }
  return a2.pages.every((p, i) => {
    const q = b2.pages[i];
    return p.shadowed === q.shadowed && p.owner === q.owner && p.mayWrite === q.mayWrite && sameArray(p.snapshot, q.snapshot) && sameArray(p.shadow, q.shadow);
  });
}
var formatPte = (e) => sptePresent(e) ? `f${spteFrame(e)}${spteWritable(e) ? " W" : " R"}` : "\u2014";
function formatState3(s) {
  const lines = s.pages.map((pg, p) => {
    const status = !pg.shadowed ? "unshadowed" : pg.owner < 0 ? "in sync" : `OOS on vCPU${pg.owner}${pg.mayWrite ? " may_write" : ""}`;
    const snap = pg.snapshot === null ? "" : ` snapshot [${pg.snapshot.map(formatPte).join(", ")}]`;
    return `L1 page ${p}: guest [${s.guest[p].map(formatPte).join(", ")}] shadow [${pg.shadow.map(formatPte).join(", ")}] ${status}${snap}`;
  });
  s.tlb.forEach((t3, c) => lines.push(`CPU${c} TLB [${t3.map(formatPte).join(", ")}]`));
  s.walk.forEach((w2, v) => {
    if (w2 !== null) lines.push(`vCPU${v} walked va ${w2.va} (${w2.write ? "write" : "read"}): ${formatPte(w2.value)}`);
  });
  if (s.pressure >= 0) lines.push(`memory pressure armed on L1 page ${s.pressure}`);
  return lines.join("\n");
}
function formatCall3(c) {
  return match3(c).with({ kind: "access" }, (x) => `vCPU${x.v} ${x.write ? "writes" : "reads"} va ${x.va}`).with({ kind: "faultLocked" }, (x) => `vCPU${x.v} page fault under the lock`).with({ kind: "cr3" }, (x) => `vCPU${x.v} writes CR3`).with({ kind: "invlpg" }, (x) => `vCPU${x.v} INVLPG va ${x.va}`).with({ kind: "pressure" }, (x) => `memory pressure on L1 page ${x.page}`).exhaustive();
}
var formatOutcome3 = (o) => OUTCOME_NAMES[o];
var SPEC_INVARIANT = {
  oosBound: "at most SHADOW_OOS_PAGES OOS pages per vCPU, and may_write only while OOS",
  writeProtected: "an in-sync page table has no writable shadow mapping and no writable TLB entry"
};
function specInvariants3(f) {
  return [
    {
      name: SPEC_INVARIANT.oosBound,
      expectation: "always",
      condition: (s) => {
        for (let v = 0; v < f.nVcpu; v++) if (s.pages.filter((pg) => pg.owner === v).length > f.oosPerVcpu) return false;
        return s.pages.every((pg) => !pg.mayWrite || pg.owner >= 0);
      }
    },
    {
      name: SPEC_INVARIANT.writeProtected,
      expectation: "always",
      condition: (s) => s.pages.every((pg, q) => {
        if (!pg.shadowed || pg.mayWrite) return true;
        if (writableMappings(f, s, q).length > 0) return false;
        return s.tlb.every((t3) => t3.every((e) => !(spteWritable(e) && spteFrame(e) === f.gmfns[q])));
      })
    }
  ];
}

// model/shadow-oos/spec-model.ts
var toSpec = (e) => e === null ? 0 : specPte(e.frame, e.rw);
function shadowFacts(cfg) {
  return {
    nVcpu: cfg.nVcpu,
    entries: cfg.entries,
    gmfns: cfg.gmfns,
    init: cfg.init.map((row) => row.map(toSpec)),
    alt: cfg.alt.map((row) => row.map(toSpec)),
    oosPerVcpu: 3
  };
}
function shadowSpecSide(cfg) {
  const facts = shadowFacts(cfg);
  return {
    initStates: () => [initialState3(facts)],
    apply: (s, _actor, call) => applyCall3(facts, s, call),
    equals: stateEquals3,
    encode: encodeState3,
    format: formatState3,
    formatCall: formatCall3,
    formatOutcome: formatOutcome3,
    outcomeEquals: (a2, b2) => a2 === b2,
    invariants: specInvariants3(facts)
  };
}

// model/shadow-oos/spec-only.ts
function shadowSpecOnlyModel(cfg) {
  const facts = shadowFacts(cfg);
  const every = allActions3(cfg).filter((a2) => a2.kind !== ActionKind3.step);
  const nVa = cfg.gmfns.length * cfg.entries;
  let cacheState;
  const cacheResults = [];
  const handlerResults = (s, v) => {
    if (cacheState !== s) {
      cacheState = s;
      cacheResults.fill(void 0);
    }
    return cacheResults[v] ??= applyCall3(facts, s, { kind: "faultLocked", v });
  };
  const busy = (s, v) => s.walk[v] !== null;
  const call = (a2) => {
    switch (a2.kind) {
      case ActionKind3.access:
        return { kind: "access", v: a2.v, va: a2.arg >> 1, write: (a2.arg & 1) === 1 };
      case ActionKind3.step:
        return { kind: "faultLocked", v: a2.v };
      case ActionKind3.cr3:
        return { kind: "cr3", v: a2.v };
      case ActionKind3.invlpg:
        return { kind: "invlpg", v: a2.v, va: a2.arg };
      case ActionKind3.pressure:
        return { kind: "pressure", page: a2.arg };
      default:
        return assertNever3(a2.kind);
    }
  };
  const enabled = (x, a2) => {
    const { s, budgets } = x;
    switch (a2.kind) {
      case ActionKind3.access:
        return !busy(s, a2.v);
      case ActionKind3.cr3:
        return !busy(s, a2.v) && budgets[Budget3.cr3Writes] > 0;
      case ActionKind3.invlpg:
        return !busy(s, a2.v) && budgets[Budget3.invlpgs] > 0;
      case ActionKind3.pressure:
        return budgets[Budget3.pressures] > 0 && s.pressure === -1 && s.walk.some((w2) => w2 !== null);
      case ActionKind3.step:
        return busy(s, a2.v);
      default:
        return assertNever3(a2.kind);
    }
  };
  const budgets0 = new Int32Array(BUDGET_WORDS3);
  budgets0[Budget3.cr3Writes] = cfg.cr3Writes;
  budgets0[Budget3.invlpgs] = cfg.invlpgs;
  budgets0[Budget3.pressures] = cfg.pressures;
  budgets0[Budget3.ptWrites] = cfg.ptWrites;
  budgets0[Budget3.faults] = cfg.faults;
  return {
    name: `shadow-oos/${cfg.name} (spec only)`,
    initStates: () => [{ s: initialState3(facts), budgets: budgets0 }],
    actions(x, out) {
      for (let v = 0; v < cfg.nVcpu; v++) {
        if (!busy(x.s, v)) continue;
        const n = handlerResults(x.s, v).length;
        for (let i = 0; i < n; i++) out.push({ kind: ActionKind3.step, v, arg: i });
      }
      for (const a2 of every) if (enabled(x, a2)) out.push(a2);
    },
    next(x, a2) {
      if (!enabled(x, a2)) return void 0;
      const budgets = x.budgets.slice();
      const b2 = budgetOf2(a2.kind);
      if (b2 !== void 0) budgets[b2]--;
      if (a2.kind === ActionKind3.step) {
        const r2 = handlerResults(x.s, a2.v)[a2.arg];
        return r2 === void 0 ? void 0 : { s: r2.state, budgets };
      }
      const [r] = applyCall3(facts, x.s, call(a2));
      if (r === void 0) return void 0;
      if (a2.kind === ActionKind3.access) {
        if (r.outcome === Outcome.fault) {
          if (budgets[Budget3.faults] <= 0) return void 0;
          budgets[Budget3.faults]--;
        } else if (r.state.guest.some((row, p) => row.some((e, k) => e !== x.s.guest[p][k]))) {
          if (budgets[Budget3.ptWrites] <= 0) return void 0;
          budgets[Budget3.ptWrites]--;
        }
      }
      return { s: r.state, budgets };
    },
    properties: () => specInvariants3(facts).map((p) => ({ ...p, condition: (x) => p.condition(x.s) })),
    encode(x, sink) {
      encodeState3(x.s, sink);
      sink.words(x.budgets);
    },
    formatAction: (a2) => a2.kind === ActionKind3.step ? `${formatAction3(a2)} (outcome ${a2.arg})` : formatAction3(a2),
    formatState: (x) => `${formatState3(x.s)}
budgets: CR3 ${x.budgets[Budget3.cr3Writes]}, INVLPG ${x.budgets[Budget3.invlpgs]}, pressure ${x.budgets[Budget3.pressures]}, page-table stores ${x.budgets[Budget3.ptWrites]}, faults ${x.budgets[Budget3.faults]} (${nVa} addresses)`,
    coverage: { kinds: ACTION_KIND_NAMES3, kindOf: (a2) => a2.kind }
  };
}

// impl/shadow-oos/variants/flush-only-if-removed.ts
var flushOnlyIfRemoved = { ...CORRECT3, flushOnlyIfRemoved: true };

// impl/shadow-oos/variants/prealloc-after-write-removal.ts
var preallocAfterWriteRemoval = { ...CORRECT3, preallocAfterWriteRemoval: true };

// model/shadow-oos/zoo.ts
var SHADOW_ZOO = [
  {
    id: "shadow-oos/flush-only-if-removed",
    description: "fixup eviction without a flush plus a resync that flushes only when it removed a mapping: an evicted writable TLB entry survives the resync",
    // The reference always flushes on resync: the first sign is the TLB differing from it (a read-only or writable
    // entry the resync left); the writable entry of an in-sync page follows on longer paths.
    expectedProperty: REFINES,
    config: "evict",
    override: flushOnlyIfRemoved
  },
  {
    id: "shadow-oos/prealloc-after-write-removal",
    description: "the seed\u2019s fault-handler order: write access removed (OOS L1 skipped), then shadow_prealloc demotes that L1, re-promoted in sync while writable",
    // On the shortest path the fault is a write to the demoted page itself, which unsyncs it again: its surviving
    // writable mapping is then missing from the fresh fixup array.
    expectedProperty: P3.fixupSound,
    config: "small",
    override: preallocAfterWriteRemoval
  }
];

// model/shadow-oos/index.ts
function shadowConfig(name2) {
  const cfg = SHADOW_CONFIGS.find((c) => c.name === name2);
  if (cfg === void 0) throw new UsageError(`shadow-oos has no config "${name2}" (known: ${SHADOW_CONFIGS.map((c) => c.name).join(", ")})`);
  return cfg;
}
function shadowQuirks(id) {
  if (id === void 0) return CORRECT3;
  const entry2 = SHADOW_ZOO.find((v) => v.id === id || v.id === `shadow-oos/${id}`);
  if (entry2 === void 0) throw new UsageError(`shadow-oos has no variant "${id}" (known: ${SHADOW_ZOO.map((v) => v.id).join(", ")})`);
  return entry2.override;
}
function buildShadow(config2, options) {
  const cfg = shadowConfig(config2);
  switch (options.side) {
    case "both":
      return erase(
        refinementModel(
          shadowSpecSide(cfg),
          shadowImplSide(cfg, shadowQuirks(options.variant)),
          `shadow-oos/${cfg.name}${options.variant === void 0 ? "" : `+${options.variant}`}`
        )
      );
    case "impl":
      return erase(shadowImplSide(cfg, shadowQuirks(options.variant)).model);
    case "spec":
      if (options.variant !== void 0) throw new UsageError("shadow-oos: a zoo variant changes the impl; --only spec explores the reference alone");
      return erase(shadowSpecOnlyModel(cfg));
    default:
      throw new UsageError(`shadow-oos has no side "${String(options.side)}"`);
  }
}
var shadowOosSubsystem = {
  name: "shadow-oos",
  kind: "subsystem",
  description: "shadow out-of-sync L1 page tables with fixup arrays: oos_hash_add, oos_fixup_add, sh_resync(_all), sh_unsync, the page-fault handler, INVLPG, memory pressure, on x86 TLBs",
  configs: SHADOW_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: "default",
  variants: SHADOW_ZOO.map(({ id, description, expectedProperty, config: config2 }) => ({ id, description, expectedProperty, config: config2 })),
  sides: ["both", "spec", "impl"],
  build: buildShadow
};

// impl/vpl011/quirks.ts
var CORRECT4 = Object.freeze({ indicesBeforeLock: false, noNotifyOnRead: false, frResetZero: false });

// spec/vpl011/types.ts
var REG_NAMES = {
  [0 /* DR */]: "DR",
  [4 /* RSR */]: "RSR",
  [24 /* FR */]: "FR",
  [56 /* IMSC */]: "IMSC",
  [60 /* RIS */]: "RIS",
  [64 /* MIS */]: "MIS",
  [68 /* ICR */]: "ICR"
};
var FR_RESET = 128 /* TXFE */ | 16 /* RXFE */;
function widthMask(width) {
  switch (width) {
    case 8:
      return 255;
    case 16:
      return 65535;
    case 32:
    case 64:
      return 4294967295;
  }
}
var OUT2 = {
  /** `[READ, value, injections]`. */
  READ: 0,
  /** `[WRITE, injections]`. */
  WRITE: 1,
  /** `[ABORT]`: a data abort to the guest, nothing changed. */
  ABORT: 2,
  /** `[KICK]`: the event to the backend sent. */
  KICK: 3,
  /** `[NO_KICK]`: a kick with no DR access owing one (never what a correct impl reports). */
  NO_KICK: 4,
  /** `[PRODUCED, n]`. */
  PRODUCED: 5,
  /** `[DRAINED, byte, byte, ...]`. */
  DRAINED: 6,
  /** `[NOTIFIED, injections]`. */
  NOTIFIED: 7,
  /** `[NONE]`. */
  NONE: 8
};
var READ_VALUE = 1;
var READ_INJECTIONS = 2;
var WRITE_INJECTIONS = 1;
var PRODUCED_COUNT = 1;
var DRAINED_BYTES = 1;
var NOTIFIED_INJECTIONS = 1;

// model/vpl011/properties-names.ts
var P4 = {
  inStream: "IN stream: each input byte read once, in order, and 0 only from an empty IN",
  outStream: "OUT stream: the backend gets exactly the accepted DR writes, in order; a write is dropped only when OUT is full",
  bounded: "ring indices never imply more than size queued",
  flags: "flag coherence",
  mis: "MIS = RIS & IMSC and the interrupt controller follows it",
  backendKick: "every DR access leaves the backend an event",
  backendWake: "no lost wake-up of the backend",
  guestWake: "no lost wake-up of the guest",
  inFull: "IN full",
  outFull: "OUT full",
  inWrap: "IN index wraps",
  outWrap: "OUT index wraps",
  rxiRaised: "RXI raised",
  rxiCleared: "RXI cleared",
  txiRaised: "TXI raised",
  txiCleared: "TXI cleared",
  rtiRaised: "RTI raised",
  rtiCleared: "RTI cleared",
  asleep: "backend asleep",
  woken: "backend woken",
  delivered: "guest takes an injected interrupt",
  lineHigh: "interrupt line high"
};

// model/vpl011/config.ts
var rd = (offset, width) => ({ dir: "read", offset, width, value: 0 });
var wr = (offset, width, value = 0) => ({ dir: "write", offset, width, value });
var ALL_IRQS = 112;
var NEAR_WRAP = { inIdx: 4294967294, outIdx: 4294967295 };
var PROBES = [
  ...[8, 16, 32, 64].flatMap((w2) => [rd(24 /* FR */, w2), rd(60 /* RIS */, w2), rd(64 /* MIS */, w2), rd(56 /* IMSC */, w2), rd(4 /* RSR */, w2), rd(68 /* ICR */, w2)]),
  rd(0 /* DR */, 64),
  wr(0 /* DR */, 64, 65),
  wr(56 /* IMSC */, 64, ALL_IRQS),
  wr(68 /* ICR */, 64, ALL_IRQS),
  ...[8, 16, 32, 64].map((w2) => wr(4 /* RSR */, w2, 255)),
  ...[8, 16, 32, 64].flatMap((w2) => [wr(24 /* FR */, w2, 255), wr(60 /* RIS */, w2, ALL_IRQS), wr(64 /* MIS */, w2, ALL_IRQS)]),
  rd(8, 32),
  wr(8, 32, 255),
  rd(24 /* FR */ + 1, 8),
  rd(64 /* MIS */ + 2, 16),
  rd(56 /* IMSC */ + 3, 8),
  wr(56 /* IMSC */ + 1, 8, 255),
  wr(68 /* ICR */ + 2, 16, 255)
];
var CORE = [P4.inFull, P4.outFull, P4.inWrap, P4.outWrap, P4.rxiRaised, P4.rxiCleared, P4.txiRaised, P4.txiCleared, P4.rtiRaised, P4.rtiCleared, P4.asleep, P4.woken];
var edge = (p) => ({ ...p, irqMode: "edge" });
var small4 = {
  name: "small",
  description: "2 vCPUs; IN 4, OUT 2, L = 2; indices 2 (IN) and 1 (OUT) below 2^32; v0 reads DR (32-bit), writes DR (8-bit), writes ICR := 0x70; v1 reads DR (8-bit), writes IMSC := 0x70 (16-bit); budgets 3 and 2; the backend produces 5 bytes, one or as many as fit per publish",
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 2 }),
  initial: NEAR_WRAP,
  prefill: 0,
  menus: [
    [rd(0 /* DR */, 32), wr(0 /* DR */, 8), wr(68 /* ICR */, 32, ALL_IRQS)],
    [rd(0 /* DR */, 8), wr(56 /* IMSC */, 16, ALL_IRQS)]
  ],
  ops: [3, 2],
  inputBytes: 5,
  produceAll: true,
  witnesses: [...CORE, P4.delivered]
};
var race = {
  name: "race",
  description: "2 vCPUs reading DR at once (8-bit and 32-bit) with 2 bytes already in IN (of 4, L = 2) and one more to come; v0 also writes DR; OUT of 2",
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 2 }),
  initial: NEAR_WRAP,
  prefill: 2,
  menus: [[rd(0 /* DR */, 8), wr(0 /* DR */, 32, 2779096320)], [rd(0 /* DR */, 32)]],
  ops: [2, 2],
  inputBytes: 3,
  produceAll: false,
  witnesses: [P4.inWrap, P4.rxiCleared, P4.rtiCleared, P4.rtiRaised, P4.outWrap]
};
var stale = {
  name: "stale",
  description: "1 vCPU reading DR (8-bit), IMSC := RXI | RTI before the run; 1 byte already in IN (of 4, L = 2) and 2 more to come, one per publish; OUT of 2 (unused); budget 3",
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 1 }),
  initial: NEAR_WRAP,
  prefill: 1,
  unmasked: 80,
  menus: [[rd(0 /* DR */, 8)]],
  ops: [3],
  inputBytes: 3,
  produceAll: false,
  witnesses: [P4.inWrap, P4.rxiRaised, P4.rxiCleared, P4.rtiRaised, P4.rtiCleared, P4.delivered]
};
var probes = {
  name: "probes",
  description: "1 vCPU: default's probes (every register at every width, bad widths, unknown offsets, ICR reads; free), IMSC := 0xffffff70 (32-bit), then low byte := 0 (8-bit) or low half := 0x30 (16-bit), ICR := RTI (8-bit) and TXI (16-bit), DR read and write (16-bit); budget 3; IN 4, OUT 2, L = 2; 3 bytes of input, one per publish",
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 1 }),
  initial: NEAR_WRAP,
  prefill: 0,
  menus: [
    [...PROBES, wr(56 /* IMSC */, 32, 4294967152), wr(56 /* IMSC */, 8, 0), wr(56 /* IMSC */, 16, 48), wr(68 /* ICR */, 8, 64), wr(68 /* ICR */, 16, 32), rd(0 /* DR */, 16), wr(0 /* DR */, 16, 48640)]
  ],
  ops: [3],
  inputBytes: 3,
  produceAll: false,
  witnesses: [P4.rtiRaised, P4.rtiCleared, P4.txiRaised, P4.txiCleared, P4.delivered]
};
var defaultConfig2 = {
  name: "default",
  description: "2 vCPUs; IN 4, OUT 4, L = 2 (RXI from 2 queued, TXI up to 2 queued); indices near 2^32; v0 reads DR (32-bit), writes DR (8- and 16-bit), writes ICR (8-bit RTI, 32-bit all), masks through IMSC (8-bit); v1 reads DR (8- and 16-bit), writes DR (32-bit), unmasks through IMSC (32-bit: all, 16-bit: RXI and TXI), clears TXI through ICR (16-bit); v0 probes every register at every width, a bad width, unknown offsets and ICR; budgets 4 and 2; 6 bytes of input",
  params: edge({ inSize: 4, outSize: 4, level: 2, vcpus: 2 }),
  initial: NEAR_WRAP,
  prefill: 0,
  menus: [
    [rd(0 /* DR */, 32), wr(0 /* DR */, 8), wr(0 /* DR */, 16, 48640), wr(68 /* ICR */, 8, 64), wr(68 /* ICR */, 32, ALL_IRQS), wr(56 /* IMSC */, 8, 0), ...PROBES],
    [rd(0 /* DR */, 8), rd(0 /* DR */, 16), wr(0 /* DR */, 32, 2779096320), wr(56 /* IMSC */, 32, 4294967152), wr(56 /* IMSC */, 16, 48), wr(68 /* ICR */, 16, 32)]
  ],
  ops: [4, 2],
  inputBytes: 6,
  produceAll: true,
  witnesses: [...CORE, P4.delivered]
};
var deep4 = {
  ...defaultConfig2,
  name: "deep",
  description: "the default configuration with budgets 5 and 3 and 8 bytes of input (IN filled twice over)",
  ops: [5, 3],
  inputBytes: 8
};
function level(cfg) {
  const irqMode = "level";
  const witnesses = cfg.witnesses === "all" ? cfg.witnesses : cfg.witnesses.map((w2) => w2 === P4.delivered ? P4.lineHigh : w2);
  return { ...cfg, name: `${cfg.name}-level`, description: `${cfg.description}; level-triggered interrupt (new vGIC)`, params: { ...cfg.params, irqMode }, witnesses };
}
var VPL011_CONFIGS = [
  small4,
  level(small4),
  race,
  level(race),
  stale,
  level(stale),
  probes,
  level(probes),
  defaultConfig2,
  level(defaultConfig2),
  deep4,
  level(deep4)
];

// impl/vpl011/layout.ts
function makeLayout4(p, envWords2) {
  const envBase = 10 /* FRAMES */ + 4 /* SIZE */ * p.vcpus;
  return { p, envBase, words: envBase + envWords2, inBase: 0, outBase: p.inSize, memBytes: p.inSize + p.outSize };
}
var frame2 = (v, f) => 10 /* FRAMES */ + 4 /* SIZE */ * v + f;
var stateBytes2 = (L) => 4 * L.words + L.memBytes;
function implOver2(bytes, L) {
  return { bytes, w: new Int32Array(bytes.buffer, bytes.byteOffset, L.words), mem: bytes.subarray(4 * L.words), note: new Int32Array(3 /* SIZE */) };
}
var blankImpl2 = (L) => implOver2(new Uint8Array(stateBytes2(L)), L);
var cloneImpl2 = (s, L) => implOver2(s.bytes.slice(), L);
function copyImpl2(from, into) {
  into.bytes.set(from.bytes);
  into.note.fill(0);
}
function setNote2(s, tag, value) {
  s.note[1 /* TAG */] = tag;
  s.note[2 /* VALUE */] = value;
}

// impl/vpl011/abstract.ts
var slot = (idx, size) => idx & size - 1;
function ringOf(s, base, size, consAt, prodAt) {
  const cons = s.w[consAt] >>> 0;
  const prod = s.w[prodAt] >>> 0;
  const n = Math.min(prod - cons >>> 0, size);
  const bytes = [];
  for (let k = 0; k < n; k++) bytes.push(s.mem[base + slot(cons + k >>> 0, size)]);
  return { prod, cons, bytes };
}
function abstractVpl011(s, L, kickOwed2, produced) {
  return {
    fr: s.w[0 /* FR */] >>> 0,
    ris: s.w[1 /* RIS */] >>> 0,
    imsc: s.w[2 /* IMSC */] >>> 0,
    shadowMis: s.w[3 /* SHADOW */] >>> 0,
    irq: s.w[4 /* IRQ */] === 1,
    inRing: ringOf(s, L.inBase, L.p.inSize, 5 /* IN_CONS */, 6 /* IN_PROD */),
    outRing: ringOf(s, L.outBase, L.p.outSize, 7 /* OUT_CONS */, 8 /* OUT_PROD */),
    backendEvent: s.w[9 /* EVTCHN */] === 1,
    produced,
    kickOwed: kickOwed2
  };
}
function ringMatches(s, base, size, consAt, prodAt, r) {
  const cons = s.w[consAt] >>> 0;
  const prod = s.w[prodAt] >>> 0;
  if (r.cons !== cons || r.prod !== prod) return false;
  const n = Math.min(prod - cons >>> 0, size);
  if (r.bytes.length !== n) return false;
  for (let k = 0; k < n; k++) if (r.bytes[k] !== s.mem[base + slot(cons + k >>> 0, size)]) return false;
  return true;
}
function matchesVpl011(s, L, spec, kickOwed2, produced) {
  const w2 = s.w;
  if (spec.fr !== w2[0 /* FR */] >>> 0 || spec.ris !== w2[1 /* RIS */] >>> 0 || spec.imsc !== w2[2 /* IMSC */] >>> 0 || spec.shadowMis !== w2[3 /* SHADOW */] >>> 0) return false;
  if (spec.irq !== (w2[4 /* IRQ */] === 1) || spec.backendEvent !== (w2[9 /* EVTCHN */] === 1) || spec.produced !== produced) return false;
  for (let v = 0; v < spec.kickOwed.length; v++) if (spec.kickOwed[v] !== kickOwed2(v)) return false;
  return ringMatches(s, L.inBase, L.p.inSize, 5 /* IN_CONS */, 6 /* IN_PROD */, spec.inRing) && ringMatches(s, L.outBase, L.p.outSize, 7 /* OUT_CONS */, 8 /* OUT_PROD */, spec.outRing);
}

// impl/vpl011/access.ts
var ONE = [1 /* LOCKED */];
var DR = [1 /* LOCKED */, 2 /* KICK */];
var DR_SEED = [0 /* SNAPSHOT */, 1 /* LOCKED */, 2 /* KICK */];
var DR_NO_KICK = [1 /* LOCKED */];
var DR_SEED_NO_KICK = [0 /* SNAPSHOT */, 1 /* LOCKED */];
function accessSteps(q, a2) {
  if (a2.offset !== 0 /* DR */ || a2.width === 64) return ONE;
  const kick = !(a2.dir === "read" && q.noNotifyOnRead);
  if (q.indicesBeforeLock) return kick ? DR_SEED : DR_SEED_NO_KICK;
  return kick ? DR : DR_NO_KICK;
}
function nextStep(s, v, steps) {
  const step = steps[s.w[frame2(v, 1 /* PC */)]];
  if (step === void 0) throw new RangeError(`v${v}: access has no step ${s.w[frame2(v, 1 /* PC */)]}`);
  return step;
}
function kickOwed(s, v, steps) {
  return steps !== void 0 && s.w[frame2(v, 0 /* OP */)] >= 0 && steps[s.w[frame2(v, 1 /* PC */)]] === 2 /* KICK */;
}
function endAccess(s, v) {
  s.w[frame2(v, 0 /* OP */)] = -1;
  s.w[frame2(v, 1 /* PC */)] = 0;
  s.w[frame2(v, 2 /* CONS */)] = 0;
  s.w[frame2(v, 3 /* PROD */)] = 0;
}

// impl/vpl011/xencons.ts
function xenconsMask(idx, size) {
  return idx & size - 1;
}
function xenconsQueued(prod, cons, size) {
  if (prod >>> 0 === cons >>> 0) return 0;
  const p = xenconsMask(prod, size);
  const c = xenconsMask(cons, size);
  if (p === c) return size;
  return p > c ? p - c : size - (c - p);
}

// impl/vpl011/vpl011.ts
var ABORTED = -1;
function vpl011Init(s, q) {
  s.w[0 /* FR */] = q.frResetZero ? 0 : FR_RESET;
  s.w[1 /* RIS */] = 0;
  s.w[2 /* IMSC */] = 0;
  s.w[3 /* SHADOW */] = 0;
  s.w[4 /* IRQ */] = 0;
}
function vgicInjectIrq(s, L, level2) {
  if (L.p.irqMode === "edge") {
    s.note[0 /* INJECTIONS */]++;
    s.w[4 /* IRQ */] = 1;
  } else {
    s.w[4 /* IRQ */] = level2 ? 1 : 0;
  }
}
function vpl011UpdateInterruptStatus(s, L) {
  const uartmis = s.w[1 /* RIS */] & s.w[2 /* IMSC */];
  if (L.p.irqMode === "edge") {
    if ((uartmis & ~s.w[3 /* SHADOW */]) !== 0) vgicInjectIrq(s, L, true);
    s.w[3 /* SHADOW */] = uartmis;
  } else {
    vgicInjectIrq(s, L, uartmis !== 0);
  }
}
function vgicAck(s, L) {
  if (L.p.irqMode === "edge") s.w[4 /* IRQ */] = 0;
}
function notifyViaXenEventChannel(s) {
  s.w[9 /* EVTCHN */] = 1;
}
function indices(s, v, q, consAt, prodAt) {
  if (q.indicesBeforeLock) return [s.w[frame2(v, 2 /* CONS */)] >>> 0, s.w[frame2(v, 3 /* PROD */)] >>> 0];
  return [s.w[consAt] >>> 0, s.w[prodAt] >>> 0];
}
function vpl011SnapshotIndices(s, v, dir) {
  s.w[frame2(v, 2 /* CONS */)] = s.w[dir === "read" ? 5 /* IN_CONS */ : 7 /* OUT_CONS */];
  s.w[frame2(v, 3 /* PROD */)] = s.w[dir === "read" ? 6 /* IN_PROD */ : 8 /* OUT_PROD */];
}
function vpl011ReadData(s, L, q, v) {
  const size = L.p.inSize;
  const [inCons, inProd] = indices(s, v, q, 5 /* IN_CONS */, 6 /* IN_PROD */);
  let data = 0;
  if (xenconsQueued(inProd, inCons, size) > 0) {
    data = s.mem[L.inBase + xenconsMask(inCons, size)];
    const cons = inCons + 1 >>> 0;
    s.w[5 /* IN_CONS */] = cons;
    const fifoLevel = xenconsQueued(inProd, cons, size);
    if (fifoLevel === 0) {
      s.w[0 /* FR */] |= 16 /* RXFE */;
      s.w[1 /* RIS */] &= ~64 /* RTI */;
    }
    if (fifoLevel < size - L.p.level >>> 0) s.w[1 /* RIS */] &= ~16 /* RXI */;
    vpl011UpdateInterruptStatus(s, L);
  }
  s.w[0 /* FR */] &= ~64 /* RXFF */;
  return data;
}
function vpl011UpdateTxFifoStatus(s, L, fifoLevel) {
  if (fifoLevel <= L.p.outSize - L.p.level >>> 0) s.w[1 /* RIS */] |= 32 /* TXI */;
  else s.w[1 /* RIS */] &= ~32 /* TXI */;
}
function vpl011WriteData(s, L, q, v, data) {
  const size = L.p.outSize;
  const [outCons, outProd] = indices(s, v, q, 7 /* OUT_CONS */, 8 /* OUT_PROD */);
  if (xenconsQueued(outProd, outCons, size) !== size) {
    s.mem[L.outBase + xenconsMask(outProd, size)] = data;
    const prod = outProd + 1 >>> 0;
    s.w[8 /* OUT_PROD */] = prod;
    const fifoLevel = xenconsQueued(prod, outCons, size);
    if (fifoLevel === size) s.w[0 /* FR */] |= 32 /* TXFF */ | 8 /* BUSY */;
    vpl011UpdateTxFifoStatus(s, L, fifoLevel);
    vpl011UpdateInterruptStatus(s, L);
  }
  s.w[0 /* FR */] &= ~128 /* TXFE */;
}
var extract = (reg, width) => (reg & widthMask(width)) >>> 0;
function vpl011MmioRead(s, L, q, v, offset, width) {
  const ok = width !== 64;
  switch (offset) {
    case 0 /* DR */:
      return ok ? extract(vpl011ReadData(s, L, q, v), width) : ABORTED;
    case 4 /* RSR */:
      return ok ? 0 : ABORTED;
    case 24 /* FR */:
      return ok ? extract(s.w[0 /* FR */], width) : ABORTED;
    case 60 /* RIS */:
      return ok ? extract(s.w[1 /* RIS */], width) : ABORTED;
    case 64 /* MIS */:
      return ok ? extract(s.w[1 /* RIS */] & s.w[2 /* IMSC */], width) : ABORTED;
    case 56 /* IMSC */:
      return ok ? extract(s.w[2 /* IMSC */], width) : ABORTED;
    case 68 /* ICR */:
      return ABORTED;
    default:
      return 0;
  }
}
var update = (reg, value, width) => (reg & ~widthMask(width) | value & widthMask(width)) >>> 0;
function vpl011MmioWrite(s, L, q, v, offset, width, value) {
  const ok = width !== 64;
  switch (offset) {
    case 0 /* DR */:
      if (!ok) return false;
      vpl011WriteData(s, L, q, v, update(0, value, width) & 255);
      return true;
    case 4 /* RSR */:
      return ok;
    case 24 /* FR */:
    case 60 /* RIS */:
    case 64 /* MIS */:
      return true;
    case 56 /* IMSC */:
      if (!ok) return false;
      s.w[2 /* IMSC */] = update(s.w[2 /* IMSC */] >>> 0, value, width);
      vpl011UpdateInterruptStatus(s, L);
      return true;
    case 68 /* ICR */:
      if (!ok) return false;
      s.w[1 /* RIS */] = (s.w[1 /* RIS */] & ~(value & widthMask(width))) >>> 0;
      vpl011UpdateInterruptStatus(s, L);
      return true;
    default:
      return true;
  }
}
function vpl011DataAvail(s, L, inFifoLevel, inSize, outFifoLevel, outSize) {
  if (inFifoLevel > 0) s.w[0 /* FR */] &= ~16 /* RXFE */;
  if (inFifoLevel === inSize) s.w[0 /* FR */] |= 64 /* RXFF */;
  if (inFifoLevel >= inSize - L.p.level >>> 0) s.w[1 /* RIS */] |= 16 /* RXI */;
  if (inFifoLevel > 0) s.w[1 /* RIS */] |= 64 /* RTI */;
  if (outFifoLevel !== outSize) {
    s.w[0 /* FR */] &= ~(32 /* TXFF */ | 8 /* BUSY */);
    vpl011UpdateTxFifoStatus(s, L, outFifoLevel);
  }
  vpl011UpdateInterruptStatus(s, L);
  if (outFifoLevel === 0) s.w[0 /* FR */] |= 128 /* TXFE */;
}
function vpl011Notification(s, L) {
  const inLevel = xenconsQueued(s.w[6 /* IN_PROD */], s.w[5 /* IN_CONS */], L.p.inSize);
  const outLevel = xenconsQueued(s.w[8 /* OUT_PROD */], s.w[7 /* OUT_CONS */], L.p.outSize);
  vpl011DataAvail(s, L, inLevel, L.p.inSize, outLevel, L.p.outSize);
}

// spec/vpl011/state.ts
import { freeze as freeze6 } from "immer";
function initialState4(p, idx) {
  return freeze6(
    {
      fr: FR_RESET,
      ris: 0,
      imsc: 0,
      shadowMis: 0,
      irq: false,
      inRing: { prod: idx.inIdx >>> 0, cons: idx.inIdx >>> 0, bytes: [] },
      outRing: { prod: idx.outIdx >>> 0, cons: idx.outIdx >>> 0, bytes: [] },
      backendEvent: false,
      produced: 0,
      kickOwed: Array.from({ length: p.vcpus }, () => false)
    },
    true
  );
}
function encodeRing(r, sink) {
  sink.u32(r.prod);
  sink.u32(r.cons);
  sink.u32(r.bytes.length);
  for (const b2 of r.bytes) sink.u32(b2);
}
function encodeState4(s, sink) {
  sink.u32(s.fr);
  sink.u32(s.ris);
  sink.u32(s.imsc);
  sink.u32(s.shadowMis);
  sink.bool(s.irq);
  encodeRing(s.inRing, sink);
  encodeRing(s.outRing, sink);
  sink.bool(s.backendEvent);
  sink.u32(s.produced);
  for (const k of s.kickOwed) sink.bool(k);
}
function ringEquals2(a2, b2) {
  if (a2.prod !== b2.prod || a2.cons !== b2.cons || a2.bytes.length !== b2.bytes.length) return false;
  for (let i = 0; i < a2.bytes.length; i++) if (a2.bytes[i] !== b2.bytes[i]) return false;
  return true;
}
function stateEquals4(a2, b2) {
  if (a2 === b2) return true;
  if (a2.fr !== b2.fr || a2.ris !== b2.ris || a2.imsc !== b2.imsc || a2.shadowMis !== b2.shadowMis || a2.irq !== b2.irq) return false;
  if (a2.backendEvent !== b2.backendEvent || a2.produced !== b2.produced) return false;
  for (let i = 0; i < a2.kickOwed.length; i++) if (a2.kickOwed[i] !== b2.kickOwed[i]) return false;
  return ringEquals2(a2.inRing, b2.inRing) && ringEquals2(a2.outRing, b2.outRing);
}
var hex = (v) => `0x${(v >>> 0).toString(16)}`;
var ringLine = (name2, r) => `${name2}: prod=${hex(r.prod)} cons=${hex(r.cons)} bytes=[${r.bytes.join(" ")}]`;
function formatState4(s) {
  const kicks = s.kickOwed.flatMap((k, v) => k ? [`v${v}`] : []);
  return [
    `FR=${hex(s.fr)} RIS=${hex(s.ris)} IMSC=${hex(s.imsc)} shadowMIS=${hex(s.shadowMis)} irq=${s.irq ? 1 : 0}`,
    ringLine("IN", s.inRing),
    ringLine("OUT", s.outRing),
    `backend event ${s.backendEvent ? "pending" : "clear"}; produced ${s.produced}; kicks owed [${kicks.join(" ")}]`
  ].join("\n");
}
function formatOffset(offset) {
  const name2 = REG_NAMES[offset];
  return name2 ?? `offset ${hex(offset)}`;
}
function formatCall4(c) {
  switch (c.kind) {
    case "read":
      return `read ${formatOffset(c.offset)} (${c.width}-bit)`;
    case "write":
      return `write ${formatOffset(c.offset)} := ${hex(c.value)} (${c.width}-bit)`;
    case "kick":
      return "event to the backend";
    case "ack":
      return "guest takes the interrupt";
    case "produce":
      return `backend produces up to ${c.max} byte(s)`;
    case "drain":
      return "backend drains OUT";
    case "notify":
      return "backend event: notification handler";
    case "wake":
      return "backend consumes its event";
  }
}
function formatOutcome4(o) {
  switch (o[0]) {
    case OUT2.READ:
      return `read ${hex(o[READ_VALUE])}${o[READ_INJECTIONS] ? `, ${o[READ_INJECTIONS]} injection(s)` : ""}`;
    case OUT2.WRITE:
      return `written${o[WRITE_INJECTIONS] ? `, ${o[WRITE_INJECTIONS]} injection(s)` : ""}`;
    case OUT2.ABORT:
      return "data abort";
    case OUT2.KICK:
      return "backend event sent";
    case OUT2.NO_KICK:
      return "no DR access owed an event";
    case OUT2.PRODUCED:
      return `${o[PRODUCED_COUNT]} byte(s) produced`;
    case OUT2.DRAINED:
      return `drained [${o.slice(DRAINED_BYTES).join(" ")}]`;
    case OUT2.NOTIFIED:
      return `notified${o[NOTIFIED_INJECTIONS] ? `, ${o[NOTIFIED_INJECTIONS]} injection(s)` : ""}`;
    case OUT2.NONE:
      return "done";
    default:
      return `outcome [${o.join(", ")}]`;
  }
}
function outcomeEquals2(a2, b2) {
  if (a2.length !== b2.length) return false;
  for (let i = 0; i < a2.length; i++) if (a2[i] !== b2[i]) return false;
  return true;
}

// model/vpl011/env.ts
var ACTION_KIND_NAMES4 = [
  "vCPU starts an access",
  "vCPU next step",
  "guest takes the interrupt",
  "backend produces a byte",
  "backend fills IN",
  "backend sleeps",
  "backend takes its event",
  "backend drains OUT",
  "backend event (notification)"
];
var envWords = (vcpus) => 4 /* BUDGET */ + vcpus;
function spends(a2) {
  if (a2.width === 64) return false;
  return a2.offset === 0 /* DR */ || a2.dir === "write" && (a2.offset === 56 /* IMSC */ || a2.offset === 68 /* ICR */);
}
var dataValue = (a2, seq) => (a2.value & ~255 | seq & 255) >>> 0;
function allActions4(cfg) {
  const out = [];
  cfg.menus.forEach((menu, v) => {
    menu.forEach((_, i) => out.push({ kind: 0 /* START */, vcpu: v, arg: i }));
    out.push({ kind: 1 /* STEP */, vcpu: v, arg: 0 });
  });
  for (const kind of [2 /* ACK */, 3 /* PRODUCE_ONE */, 4 /* PRODUCE_ALL */, 5 /* SLEEP */, 6 /* WAKE */, 7 /* DRAIN */, 8 /* NOTIFY */])
    out.push({ kind, vcpu: 0, arg: 0 });
  return out;
}
function environment3(cfg, view) {
  const every = allActions4(cfg);
  const base = view.base;
  const spending = cfg.menus.map((menu) => menu.map(spends));
  const edge2 = cfg.params.irqMode === "edge";
  const enabled = (s, a2) => {
    const w2 = view.words(s);
    const owed = w2[base + 2 /* OWED */] === 1;
    const awake = w2[base + 1 /* ASLEEP */] === 0 && !owed;
    const inputLeft = cfg.inputBytes - w2[base + 0 /* PRODUCED */];
    switch (a2.kind) {
      case 0 /* START */:
        return !view.busy(s, a2.vcpu) && (!spending[a2.vcpu][a2.arg] || w2[base + 4 /* BUDGET */ + a2.vcpu] > 0);
      case 1 /* STEP */:
        return view.busy(s, a2.vcpu);
      case 2 /* ACK */:
        return edge2 && view.irqPending(s);
      case 3 /* PRODUCE_ONE */:
        return awake && inputLeft > 0 && view.inFree(s) > 0;
      case 4 /* PRODUCE_ALL */:
        return cfg.produceAll && awake && Math.min(inputLeft, view.inFree(s)) > 1;
      case 5 /* SLEEP */:
        return awake && inputLeft > 0 && view.inFree(s) <= 0;
      case 6 /* WAKE */:
        return !owed && view.backendEvent(s);
      case 7 /* DRAIN */:
        return awake && view.outQueued(s) > 0;
      case 8 /* NOTIFY */:
        return owed;
      default:
        return assertNever4(a2.kind);
    }
  };
  const actions = (s, out) => {
    for (const a2 of every) if (enabled(s, a2)) out.push(a2);
  };
  return { every, enabled, actions };
}
function initialEnv(cfg, into, base) {
  into[base + 0 /* PRODUCED */] = cfg.prefill;
  into[base + 1 /* ASLEEP */] = 0;
  into[base + 2 /* OWED */] = 0;
  into[base + 3 /* ISSUED */] = 0;
  cfg.ops.forEach((n, v) => into[base + 4 /* BUDGET */ + v] = n);
}
function assertNever4(x) {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

// model/vpl011/account.ts
var accountAt = (vcpus, f) => envWords(vcpus) + f;
var modelWords = (vcpus) => envWords(vcpus) + 3 /* SIZE */;
function nextAccepted(drained, dropped, count, into) {
  into.length = 0;
  let seq = drained;
  while (into.length < count && seq < 31) {
    seq++;
    if ((dropped & 1 << seq) === 0) into.push(seq);
  }
  return seq;
}

// model/vpl011/slot.ts
var slotOf = (idx, size) => idx & size - 1;

// model/vpl011/backend.ts
function backendProduce(s, L, max, firstSeq) {
  const size = L.p.inSize;
  const cons = s.w[5 /* IN_CONS */] >>> 0;
  const prod = s.w[6 /* IN_PROD */] >>> 0;
  const queued = prod - cons >>> 0;
  if (queued > size) return 0;
  const n = Math.min(max, size - queued);
  for (let k = 0; k < n; k++) s.mem[L.inBase + slotOf(prod + k >>> 0, size)] = firstSeq + k & 255;
  s.w[6 /* IN_PROD */] = prod + n >>> 0;
  return n;
}
function backendOutQueued(s, L) {
  const queued = s.w[8 /* OUT_PROD */] - s.w[7 /* OUT_CONS */] >>> 0;
  return queued > L.p.outSize ? -1 : queued;
}
function backendInFree(s, L) {
  const queued = s.w[6 /* IN_PROD */] - s.w[5 /* IN_CONS */] >>> 0;
  return queued > L.p.inSize ? 0 : L.p.inSize - queued;
}
function backendDrain(s, L, into) {
  into.length = 0;
  const n = backendOutQueued(s, L);
  if (n <= 0) return;
  const size = L.p.outSize;
  const cons = s.w[7 /* OUT_CONS */] >>> 0;
  for (let k = 0; k < n; k++) into.push(s.mem[L.outBase + slotOf(cons + k >>> 0, size)]);
  s.w[7 /* OUT_CONS */] = cons + n >>> 0;
}

// model/vpl011/format.ts
var hex2 = (v) => `0x${(v >>> 0).toString(16)}`;
function formatAccess(a2) {
  return a2.dir === "read" ? `read ${formatOffset(a2.offset)} (${a2.width}-bit)` : `write ${formatOffset(a2.offset)} := ${hex2(a2.value)} (${a2.width}-bit)`;
}
function formatAction4(cfg, a2) {
  switch (a2.kind) {
    case 0 /* START */:
      return `v${a2.vcpu}: ${formatAccess(cfg.menus[a2.vcpu][a2.arg])}`;
    case 1 /* STEP */:
      return `v${a2.vcpu}: next step`;
    case 2 /* ACK */:
      return "guest takes the interrupt";
    case 3 /* PRODUCE_ONE */:
      return "backend: produce 1 byte, publish in_prod";
    case 4 /* PRODUCE_ALL */:
      return "backend: produce as much as fits, publish in_prod";
    case 5 /* SLEEP */:
      return "backend: IN full, sleep until an event";
    case 6 /* WAKE */:
      return "backend: take the pending event";
    case 7 /* DRAIN */:
      return "backend: drain OUT, publish out_cons";
    case 8 /* NOTIFY */:
      return "backend: send the event (Xen runs the notification handler)";
    default:
      return assertNever4(a2.kind);
  }
}

// model/vpl011/impl-format.ts
var hex3 = (v) => `0x${(v >>> 0).toString(16)}`;
function formatEnv(cfg, s, L) {
  const w2 = s.w;
  const b2 = L.envBase;
  const nv = cfg.params.vcpus;
  const lines = [];
  for (let v = 0; v < nv; v++) {
    const op = w2[frame2(v, 0 /* OP */)];
    if (op >= 0)
      lines.push(
        `v${v} in ${formatAccess(cfg.menus[v][op])} at step ${w2[frame2(v, 1 /* PC */)]} (indices read before the lock: cons ${hex3(w2[frame2(v, 2 /* CONS */)])}, prod ${hex3(w2[frame2(v, 3 /* PROD */)])})`
      );
  }
  const budgets = cfg.menus.map((_, v) => `v${v} ${w2[b2 + 4 /* BUDGET */ + v]}`).join(", ");
  lines.push(
    `backend: ${w2[b2 + 1 /* ASLEEP */] ? "asleep" : "awake"}${w2[b2 + 2 /* OWED */] ? ", owes the event for its publish" : ""}; produced ${w2[b2 + 0 /* PRODUCED */]}/${cfg.inputBytes}; DR writes ${w2[b2 + 3 /* ISSUED */]}; budgets ${budgets}`
  );
  lines.push(
    `account: input bytes owed to reads ${w2[b2 + accountAt(nv, 0 /* IN_READ */)]}, dropped writes mask ${hex3(w2[b2 + accountAt(nv, 1 /* DROPPED */)])}, last write drained ${w2[b2 + accountAt(nv, 2 /* DRAINED */)]}`
  );
  return lines.join("\n");
}

// model/vpl011/properties.ts
var transition2 = (name2, expectation, test, description) => description === void 0 ? { name: name2, expectation, transition: test } : { name: name2, expectation, transition: test, description };
function implProperties4(cfg, L) {
  const p = cfg.params;
  const nv = p.vcpus;
  const env = (s, e) => s.w[L.envBase + e];
  const account = (s, f) => s.w[L.envBase + accountAt(nv, f)];
  const queued = (s, prodAt, consAt) => s.w[prodAt] - s.w[consAt] >>> 0;
  const inQ = (s) => queued(s, 6 /* IN_PROD */, 5 /* IN_CONS */);
  const outQ = (s) => queued(s, 8 /* OUT_PROD */, 7 /* OUT_CONS */);
  const misOf = (s) => (s.w[1 /* RIS */] & s.w[2 /* IMSC */]) >>> 0;
  const has = (s, at, bit2) => (s.w[at] & bit2) !== 0;
  const wrapped = (from, to, at) => to.w[at] >>> 0 < from.w[at] >>> 0;
  const accessOf = (s, a2) => {
    if (a2.kind === 0 /* START */) return cfg.menus[a2.vcpu][a2.arg];
    if (a2.kind === 1 /* STEP */) return cfg.menus[a2.vcpu][s.w[frame2(a2.vcpu, 0 /* OP */)]];
    return void 0;
  };
  const drInFlight = (s) => {
    for (let v = 0; v < nv; v++) {
      const op = s.w[frame2(v, 0 /* OP */)];
      const access2 = op >= 0 ? cfg.menus[v][op] : void 0;
      if (access2 !== void 0 && access2.offset === 0 /* DR */ && access2.width !== 64) return true;
    }
    return false;
  };
  const expected = [];
  const rising = (bit2) => (from, _a, to) => !has(from, 1 /* RIS */, bit2) && has(to, 1 /* RIS */, bit2);
  const falling = (bit2) => (from, _a, to) => has(from, 1 /* RIS */, bit2) && !has(to, 1 /* RIS */, bit2);
  const all = [
    transition2(
      P4.inStream,
      "always",
      (from, _a, to) => {
        if (to.note[1 /* TAG */] !== 1 /* DR_READ */) return true;
        const value = to.note[2 /* VALUE */];
        return inQ(from) !== 0 ? value === (account(from, 0 /* IN_READ */) + 1 & 255) : value === 0;
      },
      "invariant 1 (IN): a DR read that finds IN non-empty (raw indices at the lock) returns the next input byte by sequence number \u2014 no duplicate, no gap, no reorder over all vCPUs; one that finds it empty returns 0"
    ),
    transition2(
      P4.outStream,
      "always",
      (from, a2, to) => {
        if (to.note[1 /* TAG */] === 2 /* DR_WRITE */) {
          const prod = from.w[8 /* OUT_PROD */] >>> 0;
          if (outQ(from) >= p.outSize) return to.w[8 /* OUT_PROD */] >>> 0 === prod;
          return to.w[8 /* OUT_PROD */] >>> 0 === prod + 1 >>> 0 && to.mem[L.outBase + slotOf(prod, p.outSize)] === to.note[2 /* VALUE */];
        }
        if (a2.kind !== 7 /* DRAIN */) return true;
        const n = Math.min(outQ(from), p.outSize);
        const last = nextAccepted(account(from, 2 /* DRAINED */), account(from, 1 /* DROPPED */), n, expected);
        if (expected.length !== n || last > env(from, 3 /* ISSUED */)) return false;
        const cons = from.w[7 /* OUT_CONS */] >>> 0;
        for (let k = 0; k < n; k++) if (from.mem[L.outBase + slotOf(cons + k >>> 0, p.outSize)] !== (expected[k] & 255)) return false;
        return true;
      },
      "invariant 1 (OUT): a DR write is appended exactly when OUT is not full at the lock (raw indices) and dropped otherwise; the backend drains exactly the accepted writes, in order"
    ),
    always(P4.bounded, (s) => inQ(s) <= p.inSize && outQ(s) <= p.outSize, "invariant 2: the raw u32 difference prod \u2212 cons of each ring never exceeds its size"),
    always(
      P4.flags,
      (s) => {
        const fr = s.w[0 /* FR */];
        const rxfe = (fr & 16 /* RXFE */) !== 0;
        const txff = (fr & 32 /* TXFF */) !== 0;
        const safe = (inQ(s) !== 0 || rxfe) && ((fr & 64 /* RXFF */) === 0 || inQ(s) === p.inSize) && (outQ(s) !== p.outSize || txff) && ((fr & 128 /* TXFE */) === 0 || outQ(s) === 0) && (fr & 8 /* BUSY */) !== 0 === txff;
        if (env(s, 2 /* OWED */) === 1) return safe;
        return safe && (!rxfe || inQ(s) === 0) && (!txff || outQ(s) === p.outSize);
      },
      "invariant 3: RXFE \u21D4 IN empty, RXFF \u21D2 IN full, TXFF \u21D4 OUT full, TXFE \u21D2 OUT empty, BUSY \u21D4 TXFF; while a publish awaits its event only the safe halves"
    ),
    ...p.irqMode === "edge" ? [
      transition2(
        P4.mis,
        "always",
        (from, a2, to) => {
          if (to.note[1 /* TAG */] === 3 /* MIS_READ */ && to.note[2 /* VALUE */] !== (misOf(from) & widthMask(accessOf(from, a2).width)) >>> 0) return false;
          const rose = (misOf(to) & ~misOf(from)) !== 0;
          return to.note[0 /* INJECTIONS */] === (rose ? 1 : 0) && (!rose || to.w[4 /* IRQ */] === 1);
        },
        "invariant 4 (edge): a MIS read returns RIS & IMSC; a step injects the SPI once exactly when MIS gains a bit"
      )
    ] : [
      transition2(
        P4.mis,
        "always",
        (from, a2, to) => (to.note[1 /* TAG */] !== 3 /* MIS_READ */ || to.note[2 /* VALUE */] === (misOf(from) & widthMask(accessOf(from, a2).width)) >>> 0) && to.w[4 /* IRQ */] === 1 === (misOf(to) !== 0),
        "invariant 4 (level): a MIS read returns RIS & IMSC; the line is high exactly while MIS \u2260 0"
      )
    ],
    transition2(
      P4.backendKick,
      "always",
      (from, a2, to) => {
        const access2 = accessOf(from, a2);
        const drDone = access2 !== void 0 && access2.offset === 0 /* DR */ && access2.width !== 64 && to.w[frame2(a2.vcpu, 0 /* OP */)] < 0;
        return !drDone || to.w[9 /* EVTCHN */] === 1;
      },
      "invariant 5 (backend), upstream's guarantee: when a DR read or write completes (empty-IN reads and full-OUT writes included), the backend has an event pending"
    ),
    always(
      P4.backendWake,
      (s) => env(s, 1 /* ASLEEP */) === 0 || inQ(s) >= p.inSize || s.w[9 /* EVTCHN */] === 1 || drInFlight(s),
      "invariant 5 (backend), its consequence: the backend never sleeps on a non-full IN unless its event is pending or a DR access (which sends one) is in flight"
    ),
    transition2(
      P4.guestWake,
      "always",
      (from, _a, to) => {
        if (to.note[1 /* TAG */] !== 4 /* NOTIFICATION */ || inQ(to) === 0) return true;
        if (!has(to, 1 /* RIS */, 64 /* RTI */)) return false;
        if (!has(to, 2 /* IMSC */, 64 /* RTI */)) return true;
        return to.w[4 /* IRQ */] === 1 || p.irqMode === "edge" && (misOf(from) & 64 /* RTI */) !== 0;
      },
      "invariant 5 (guest): after the notification for input, RTI is raised and, when unmasked, the interrupt is pending (or, edge, was signalled when RTI rose)"
    ),
    sometimes(P4.inFull, (s) => inQ(s) === p.inSize),
    sometimes(P4.outFull, (s) => outQ(s) === p.outSize),
    transition2(P4.inWrap, "sometimes", (from, _a, to) => wrapped(from, to, 6 /* IN_PROD */) || wrapped(from, to, 5 /* IN_CONS */), "in_prod or in_cons went past 2^32"),
    transition2(P4.outWrap, "sometimes", (from, _a, to) => wrapped(from, to, 8 /* OUT_PROD */) || wrapped(from, to, 7 /* OUT_CONS */), "out_prod or out_cons went past 2^32"),
    transition2(P4.rxiRaised, "sometimes", rising(16 /* RXI */)),
    transition2(P4.rxiCleared, "sometimes", falling(16 /* RXI */)),
    transition2(P4.txiRaised, "sometimes", rising(32 /* TXI */)),
    transition2(P4.txiCleared, "sometimes", falling(32 /* TXI */)),
    transition2(P4.rtiRaised, "sometimes", rising(64 /* RTI */)),
    transition2(P4.rtiCleared, "sometimes", falling(64 /* RTI */)),
    sometimes(P4.asleep, (s) => env(s, 1 /* ASLEEP */) === 1, "the backend stopped reading input because IN was full"),
    transition2(P4.woken, "sometimes", (from, _a, to) => env(from, 1 /* ASLEEP */) === 1 && env(to, 1 /* ASLEEP */) === 0, "an event woke the sleeping backend"),
    ...p.irqMode === "edge" ? [transition2(P4.delivered, "sometimes", (from, a2) => a2.kind === 2 /* ACK */ && from.w[4 /* IRQ */] === 1)] : [sometimes(P4.lineHigh, (s) => s.w[4 /* IRQ */] === 1)]
  ];
  return all.filter((x) => x.expectation === "always" || cfg.witnesses === "all" || cfg.witnesses.includes(x.name));
}

// model/vpl011/impl-model.ts
var VPL011_IMPL = Object.freeze({
  init: vpl011Init,
  mmioRead: vpl011MmioRead,
  mmioWrite: vpl011MmioWrite,
  notification: vpl011Notification,
  kick: notifyViaXenEventChannel
});
var layoutOf2 = (cfg) => makeLayout4(cfg.params, modelWords(cfg.params.vcpus));
var CallTable = class {
  writes = /* @__PURE__ */ new Map();
  kick = { kind: "kick" };
  ack = { kind: "ack" };
  drain = { kind: "drain" };
  notify = { kind: "notify" };
  wake = { kind: "wake" };
  produces = [];
  access;
  constructor(cfg) {
    this.access = cfg.menus.map(
      (menu) => menu.map(
        (a2) => a2.dir === "read" ? { kind: "read", offset: a2.offset, width: a2.width } : { kind: "write", offset: a2.offset, width: a2.width, value: a2.value >>> 0 }
      )
    );
  }
  write(a2, value) {
    const key = ((a2.width * 256 + a2.offset) * 4294967296 + value) % Number.MAX_SAFE_INTEGER;
    let c = this.writes.get(key);
    if (c === void 0) this.writes.set(key, c = { kind: "write", offset: a2.offset, width: a2.width, value });
    return c;
  }
  produce(max) {
    return this.produces[max] ??= { kind: "produce", max };
  }
};
function vpl011ImplSide(cfg, quirks, fns = VPL011_IMPL) {
  const L = layoutOf2(cfg);
  const base = L.envBase;
  const nv = cfg.params.vcpus;
  const steps = cfg.menus.map((menu) => menu.map((a2) => accessSteps(quirks, a2)));
  const spending = cfg.menus.map((menu) => menu.map(spends));
  const view = {
    words: (s) => s.w,
    base,
    busy: (s, v) => s.w[frame2(v, 0 /* OP */)] >= 0,
    inFree: (s) => backendInFree(s, L),
    outQueued: (s) => backendOutQueued(s, L),
    backendEvent: (s) => s.w[9 /* EVTCHN */] === 1,
    irqPending: (s) => s.w[4 /* IRQ */] === 1
  };
  const env = environment3(cfg, view);
  const calls = new CallTable(cfg);
  const drained = [];
  const expected = [];
  const runAccessStep = (from, t3, v, report) => {
    const op = t3.w[frame2(v, 0 /* OP */)];
    const access2 = cfg.menus[v][op];
    const list = steps[v][op];
    const step = nextStep(t3, v, list);
    report.actor = v;
    if (!spending[v][op] && list.length === 1) report.abstractUnchanged = true;
    switch (step) {
      case 0 /* SNAPSHOT */:
        vpl011SnapshotIndices(t3, v, access2.dir);
        report.abstractUnchanged = true;
        break;
      case 1 /* LOCKED */:
        if (access2.dir === "read") {
          const value = fns.mmioRead(t3, L, quirks, v, access2.offset, access2.width);
          report.lin = calls.access[v][op];
          report.outcome = value === ABORTED ? [OUT2.ABORT] : [OUT2.READ, value, t3.note[0 /* INJECTIONS */]];
          if (value !== ABORTED && access2.offset === 0 /* DR */) setNote2(t3, 1 /* DR_READ */, value);
          if (value !== ABORTED && access2.offset === 64 /* MIS */) setNote2(t3, 3 /* MIS_READ */, value);
          if (access2.offset === 0 /* DR */ && value !== ABORTED && from.w[6 /* IN_PROD */] - from.w[5 /* IN_CONS */] >>> 0 !== 0) t3.w[base + accountAt(nv, 0 /* IN_READ */)]++;
        } else {
          const dr = access2.offset === 0 /* DR */ && access2.width !== 64;
          const seq = t3.w[base + 3 /* ISSUED */] + 1;
          const value = dr ? dataValue(access2, seq) : access2.value >>> 0;
          const ok = fns.mmioWrite(t3, L, quirks, v, access2.offset, access2.width, value);
          report.lin = dr ? calls.write(access2, value) : calls.access[v][op];
          report.outcome = ok ? [OUT2.WRITE, t3.note[0 /* INJECTIONS */]] : [OUT2.ABORT];
          if (dr) {
            setNote2(t3, 2 /* DR_WRITE */, value & 255);
            t3.w[base + 3 /* ISSUED */] = seq;
            if (from.w[8 /* OUT_PROD */] - from.w[7 /* OUT_CONS */] >>> 0 >= L.p.outSize) t3.w[base + accountAt(nv, 1 /* DROPPED */)] |= 1 << seq;
          }
        }
        break;
      case 2 /* KICK */:
        fns.kick(t3);
        report.lin = calls.kick;
        report.outcome = [OUT2.KICK];
        break;
      default:
        assertNever4(step);
    }
    const pc = t3.w[frame2(v, 1 /* PC */)] + 1;
    if (pc >= list.length) endAccess(t3, v);
    else t3.w[frame2(v, 1 /* PC */)] = pc;
  };
  const apply = (from, t3, a2, report) => {
    const w2 = t3.w;
    switch (a2.kind) {
      case 0 /* START */: {
        w2[frame2(a2.vcpu, 0 /* OP */)] = a2.arg;
        w2[frame2(a2.vcpu, 1 /* PC */)] = 0;
        if (spends(cfg.menus[a2.vcpu][a2.arg])) w2[base + 4 /* BUDGET */ + a2.vcpu]--;
        runAccessStep(from, t3, a2.vcpu, report);
        break;
      }
      case 1 /* STEP */:
        runAccessStep(from, t3, a2.vcpu, report);
        break;
      case 2 /* ACK */:
        report.actor = 0;
        vgicAck(t3, L);
        report.lin = calls.ack;
        report.outcome = [OUT2.NONE];
        break;
      case 3 /* PRODUCE_ONE */:
      case 4 /* PRODUCE_ALL */: {
        report.actor = nv;
        const max = Math.min(a2.kind === 3 /* PRODUCE_ONE */ ? 1 : L.p.inSize, cfg.inputBytes - w2[base + 0 /* PRODUCED */]);
        const n = backendProduce(t3, L, max, w2[base + 0 /* PRODUCED */] + 1);
        w2[base + 0 /* PRODUCED */] += n;
        w2[base + 2 /* OWED */] = 1;
        report.lin = calls.produce(max);
        report.outcome = [OUT2.PRODUCED, n];
        break;
      }
      case 5 /* SLEEP */:
        report.actor = nv;
        w2[base + 1 /* ASLEEP */] = 1;
        report.abstractUnchanged = true;
        break;
      case 6 /* WAKE */:
        report.actor = nv;
        w2[9 /* EVTCHN */] = 0;
        w2[base + 1 /* ASLEEP */] = 0;
        report.lin = calls.wake;
        report.outcome = [OUT2.NONE];
        break;
      case 7 /* DRAIN */: {
        report.actor = nv;
        backendDrain(t3, L, drained);
        const at = base + accountAt(nv, 2 /* DRAINED */);
        w2[at] = nextAccepted(w2[at], w2[base + accountAt(nv, 1 /* DROPPED */)], drained.length, expected);
        w2[base + 2 /* OWED */] = 1;
        report.lin = calls.drain;
        report.outcome = [OUT2.DRAINED, ...drained];
        break;
      }
      case 8 /* NOTIFY */:
        report.actor = nv;
        fns.notification(t3, L);
        setNote2(t3, 4 /* NOTIFICATION */, 0);
        w2[base + 2 /* OWED */] = 0;
        report.lin = calls.notify;
        report.outcome = [OUT2.NOTIFIED, t3.note[0 /* INJECTIONS */]];
        break;
      default:
        assertNever4(a2.kind);
    }
  };
  const run = (s, a2, report) => {
    if (!env.enabled(s, a2)) return void 0;
    const t3 = cloneImpl2(s, L);
    apply(s, t3, a2, report);
    return t3;
  };
  const runInto = (s, a2, into, report) => {
    if (!env.enabled(s, a2)) return false;
    copyImpl2(s, into);
    apply(s, into, a2, report);
    return true;
  };
  const kicksOf = (s) => cfg.menus.map((_, v) => kickOwed(s, v, steps[v][s.w[frame2(v, 0 /* OP */)]]));
  const initial = () => {
    const s = blankImpl2(L);
    for (let v = 0; v < nv; v++) endAccess(s, v);
    fns.init(s, quirks);
    s.w[5 /* IN_CONS */] = s.w[6 /* IN_PROD */] = cfg.initial.inIdx;
    s.w[7 /* OUT_CONS */] = s.w[8 /* OUT_PROD */] = cfg.initial.outIdx;
    initialEnv(cfg, s.w, base);
    if ((cfg.unmasked ?? 0) !== 0) fns.mmioWrite(s, L, quirks, 0, 56 /* IMSC */, 32, cfg.unmasked >>> 0);
    if (cfg.prefill > 0) {
      backendProduce(s, L, cfg.prefill, 1);
      fns.notification(s, L);
      s.w[base + accountAt(nv, 0 /* IN_READ */)] = 0;
    }
    s.note.fill(0);
    return s;
  };
  const scratchReport = new StepReport();
  const size = stateBytes2(L);
  const model2 = {
    name: `vpl011/${cfg.name}`,
    initStates: () => [initial()],
    actions: env.actions,
    next(s, a2) {
      scratchReport.reset();
      return run(s, a2, scratchReport);
    },
    fast: {
      nextInto(s, a2, into) {
        scratchReport.reset();
        return runInto(s, a2, into, scratchReport);
      },
      scratch: () => blankImpl2(L),
      copy: (s) => cloneImpl2(s, L)
    },
    packed: {
      bytes: size,
      pack(s, into, offset) {
        into.set(s.bytes, offset);
      },
      unpack(from, offset, into) {
        into.bytes.set(from.subarray(offset, offset + size));
        into.note.fill(0);
      }
    },
    properties: () => implProperties4(cfg, L),
    encode: (s, sink) => encodeImpl2(s, L, sink),
    formatAction: (a2) => formatAction4(cfg, a2),
    formatState: (s) => `${formatState4(abstractVpl011(s, L, kicksOf(s), s.w[base + 0 /* PRODUCED */]))}
${formatEnv(cfg, s, L)}`,
    coverage: { kinds: ACTION_KIND_NAMES4, kindOf: (a2) => a2.kind }
  };
  return {
    model: model2,
    layout: L,
    run,
    step: (s, a2, report) => run(s, a2, report),
    fast: { stepInto: (s, a2, into, report) => runInto(s, a2, into, report), scratch: () => blankImpl2(L) },
    abstract: (s) => abstractVpl011(s, L, kicksOf(s), s.w[base + 0 /* PRODUCED */]),
    matches: (s, spec) => matchesVpl011(s, L, spec, (v) => kickOwed(s, v, steps[v][s.w[frame2(v, 0 /* OP */)]]), s.w[base + 0 /* PRODUCED */])
  };
}
function encodeRing2(s, base, size, consAt, prodAt, sink) {
  const cons = s.w[consAt] >>> 0;
  const n = Math.min(s.w[prodAt] - cons >>> 0, size);
  const start = slotOf(cons, size);
  const first = Math.min(n, size - start);
  sink.bytes(s.mem, base + start, base + start + first);
  if (n > first) sink.bytes(s.mem, base, base + n - first);
}
function encodeImpl2(s, L, sink) {
  sink.bytes(s.bytes, 0, 4 * L.words);
  encodeRing2(s, L.inBase, L.p.inSize, 5 /* IN_CONS */, 6 /* IN_PROD */, sink);
  encodeRing2(s, L.outBase, L.p.outSize, 7 /* OUT_CONS */, 8 /* OUT_PROD */, sink);
}

// spec/vpl011/uart.ts
import { freeze as freeze7 } from "immer";
var draftOf = (s) => ({ ...s, injections: 0 });
function done(d, outcome) {
  const { injections: _i, ...state } = d;
  return { state: freeze7(state, true), outcome };
}
var same2 = (s, outcome) => ({ state: s, outcome });
var mis = (s) => (s.ris & s.imsc) >>> 0;
function evaluate(d, p) {
  const m = mis(d);
  if (p.irqMode === "edge") {
    if ((m & ~d.shadowMis) !== 0) {
      d.injections++;
      d.irq = true;
    }
    d.shadowMis = m;
  } else {
    d.irq = m !== 0;
  }
}
var markKick = (d, actor) => {
  const k = d.kickOwed.slice();
  k[actor] = true;
  d.kickOwed = k;
};
function readData(d, p, actor) {
  const ring2 = d.inRing;
  let data = 0;
  if (ring2.bytes.length > 0) {
    data = ring2.bytes[0];
    d.inRing = { prod: ring2.prod, cons: ring2.cons + 1 >>> 0, bytes: ring2.bytes.slice(1) };
    const level2 = ring2.bytes.length - 1;
    if (level2 === 0) {
      d.fr |= 16 /* RXFE */;
      d.ris &= ~64 /* RTI */;
    }
    if (level2 < p.inSize - p.level) d.ris &= ~16 /* RXI */;
    evaluate(d, p);
  }
  d.fr &= ~64 /* RXFF */;
  markKick(d, actor);
  return data;
}
function txFifoStatus(d, p, level2) {
  if (level2 <= p.outSize - p.level) d.ris |= 32 /* TXI */;
  else d.ris &= ~32 /* TXI */;
}
function writeData(d, p, actor, data) {
  const ring2 = d.outRing;
  if (ring2.bytes.length !== p.outSize) {
    d.outRing = { prod: ring2.prod + 1 >>> 0, cons: ring2.cons, bytes: [...ring2.bytes, data] };
    const level2 = ring2.bytes.length + 1;
    if (level2 === p.outSize) d.fr |= 32 /* TXFF */ | 8 /* BUSY */;
    txFifoStatus(d, p, level2);
    evaluate(d, p);
  }
  d.fr &= ~128 /* TXFE */;
  markKick(d, actor);
}
var extract2 = (value, width) => (value & widthMask(width)) >>> 0;
function read(s, p, actor, offset, width) {
  const ok = width !== 64;
  const abort = [OUT2.ABORT];
  const value = (v) => same2(s, [OUT2.READ, extract2(v, width), 0]);
  switch (offset) {
    case 0 /* DR */: {
      if (!ok) return same2(s, abort);
      const d = draftOf(s);
      const data = readData(d, p, actor);
      return done(d, [OUT2.READ, extract2(data, width), d.injections]);
    }
    case 4 /* RSR */:
      return ok ? value(0) : same2(s, abort);
    case 24 /* FR */:
      return ok ? value(s.fr) : same2(s, abort);
    case 60 /* RIS */:
      return ok ? value(s.ris) : same2(s, abort);
    case 64 /* MIS */:
      return ok ? value(mis(s)) : same2(s, abort);
    case 56 /* IMSC */:
      return ok ? value(s.imsc) : same2(s, abort);
    case 68 /* ICR */:
      return same2(s, abort);
    default:
      return value(0);
  }
}
function write(s, p, actor, offset, width, value) {
  const ok = width !== 64;
  const bits = extract2(value, width);
  switch (offset) {
    case 0 /* DR */: {
      if (!ok) return same2(s, [OUT2.ABORT]);
      const d = draftOf(s);
      writeData(d, p, actor, bits & 255);
      return done(d, [OUT2.WRITE, d.injections]);
    }
    case 4 /* RSR */:
      return same2(s, ok ? [OUT2.WRITE, 0] : [OUT2.ABORT]);
    case 56 /* IMSC */: {
      if (!ok) return same2(s, [OUT2.ABORT]);
      const d = draftOf(s);
      d.imsc = (s.imsc & ~widthMask(width) | bits) >>> 0;
      evaluate(d, p);
      return done(d, [OUT2.WRITE, d.injections]);
    }
    case 68 /* ICR */: {
      if (!ok) return same2(s, [OUT2.ABORT]);
      const d = draftOf(s);
      d.ris = (s.ris & ~bits) >>> 0;
      evaluate(d, p);
      return done(d, [OUT2.WRITE, d.injections]);
    }
    default:
      return same2(s, [OUT2.WRITE, 0]);
  }
}
function notify2(s, p) {
  const d = draftOf(s);
  const inLevel = s.inRing.bytes.length;
  const outLevel = s.outRing.bytes.length;
  if (inLevel > 0) d.fr &= ~16 /* RXFE */;
  if (inLevel === p.inSize) d.fr |= 64 /* RXFF */;
  if (inLevel >= p.inSize - p.level) d.ris |= 16 /* RXI */;
  if (inLevel > 0) d.ris |= 64 /* RTI */;
  if (outLevel !== p.outSize) {
    d.fr &= ~(32 /* TXFF */ | 8 /* BUSY */);
    txFifoStatus(d, p, outLevel);
  }
  evaluate(d, p);
  if (outLevel === 0) d.fr |= 128 /* TXFE */;
  return done(d, [OUT2.NOTIFIED, d.injections]);
}
function applyCall4(s, p, actor, call) {
  switch (call.kind) {
    case "read":
      return read(s, p, actor, call.offset, call.width);
    case "write":
      return write(s, p, actor, call.offset, call.width, call.value);
    case "kick": {
      if (s.kickOwed[actor] !== true) return same2(s, [OUT2.NO_KICK]);
      const d = draftOf(s);
      const k = s.kickOwed.slice();
      k[actor] = false;
      d.kickOwed = k;
      d.backendEvent = true;
      return done(d, [OUT2.KICK]);
    }
    case "ack": {
      if (p.irqMode === "level" || !s.irq) return same2(s, [OUT2.NONE]);
      return done({ ...draftOf(s), irq: false }, [OUT2.NONE]);
    }
    case "produce": {
      const ring2 = s.inRing;
      const n = Math.max(0, Math.min(call.max, p.inSize - ring2.bytes.length));
      if (n === 0) return same2(s, [OUT2.PRODUCED, 0]);
      const bytes = [...ring2.bytes];
      for (let k = 1; k <= n; k++) bytes.push(s.produced + k);
      return done({ ...draftOf(s), produced: s.produced + n, inRing: { prod: ring2.prod + n >>> 0, cons: ring2.cons, bytes } }, [OUT2.PRODUCED, n]);
    }
    case "drain": {
      const ring2 = s.outRing;
      return done({ ...draftOf(s), outRing: { prod: ring2.prod, cons: ring2.prod, bytes: [] } }, [OUT2.DRAINED, ...ring2.bytes]);
    }
    case "notify":
      return notify2(s, p);
    case "wake":
      return s.backendEvent ? done({ ...draftOf(s), backendEvent: false }, [OUT2.NONE]) : same2(s, [OUT2.NONE]);
    default:
      return assertNever5(call);
  }
}
function assertNever5(x) {
  throw new Error(`unexpected call ${JSON.stringify(x)}`);
}

// spec/vpl011/invariants.ts
var listMatches = (r) => r.prod - r.cons >>> 0 === r.bytes.length;
function specInvariants4(mode) {
  return [
    always("ring lists match their indices", (s) => listMatches(s.inRing) && listMatches(s.outRing), "(prod \u2212 cons) mod 2^32 is the number of queued bytes"),
    always("BUSY iff TXFF", (s) => (s.fr & 8 /* BUSY */) !== 0 === ((s.fr & 32 /* TXFF */) !== 0)),
    always(
      "interrupt controller follows MIS",
      mode === "edge" ? (s) => s.shadowMis === mis(s) : (s) => s.irq === (mis(s) !== 0),
      "edge: the shadow is the MIS of the last evaluation, which every change of RIS or IMSC makes; level: line = MIS \u2260 0"
    )
  ];
}

// model/vpl011/spec-model.ts
function initialSpec(cfg) {
  let s = initialState4(cfg.params, cfg.initial);
  if ((cfg.unmasked ?? 0) !== 0) s = applyCall4(s, cfg.params, 0, { kind: "write", offset: 56 /* IMSC */, width: 32, value: cfg.unmasked >>> 0 }).state;
  if (cfg.prefill > 0) {
    s = applyCall4(s, cfg.params, cfg.params.vcpus, { kind: "produce", max: cfg.prefill }).state;
    s = applyCall4(s, cfg.params, cfg.params.vcpus, { kind: "notify" }).state;
  }
  return s;
}
function vpl011SpecSide(cfg) {
  return {
    initStates: () => [initialSpec(cfg)],
    apply: (s, actor, call) => [applyCall4(s, cfg.params, actor, call)],
    equals: stateEquals4,
    encode: encodeState4,
    format: formatState4,
    formatCall: formatCall4,
    formatOutcome: formatOutcome4,
    outcomeEquals: outcomeEquals2,
    invariants: specInvariants4(cfg.params.irqMode)
  };
}
function vpl011SpecModel(cfg) {
  const p = cfg.params;
  const nv = p.vcpus;
  const view = {
    words: (s) => s.env,
    base: 0,
    busy: () => false,
    inFree: (s) => p.inSize - s.uart.inRing.bytes.length,
    outQueued: (s) => s.uart.outRing.bytes.length,
    backendEvent: (s) => s.uart.backendEvent,
    irqPending: (s) => p.irqMode === "edge" && s.uart.irq
  };
  const env = environment3(cfg, view);
  const bit2 = (s, b2) => (s.uart.ris & b2) !== 0;
  const edgeOf = (name2, b2, rise) => ({
    name: name2,
    expectation: "sometimes",
    transition: (from, _a, to) => bit2(from, b2) !== rise && bit2(to, b2) === rise
  });
  const wraps = (name2, ring2) => ({
    name: name2,
    expectation: "sometimes",
    transition: (from, _a, to) => to.uart[ring2].prod < from.uart[ring2].prod || to.uart[ring2].cons < from.uart[ring2].cons
  });
  const all = [
    ...specInvariants4(p.irqMode).map((inv) => always(inv.name, (s) => inv.condition(s.uart), inv.description)),
    sometimes(P4.inFull, (s) => s.uart.inRing.bytes.length === p.inSize),
    sometimes(P4.outFull, (s) => s.uart.outRing.bytes.length === p.outSize),
    wraps(P4.inWrap, "inRing"),
    wraps(P4.outWrap, "outRing"),
    edgeOf(P4.rxiRaised, 16 /* RXI */, true),
    edgeOf(P4.rxiCleared, 16 /* RXI */, false),
    edgeOf(P4.txiRaised, 32 /* TXI */, true),
    edgeOf(P4.txiCleared, 32 /* TXI */, false),
    edgeOf(P4.rtiRaised, 64 /* RTI */, true),
    edgeOf(P4.rtiCleared, 64 /* RTI */, false),
    sometimes(P4.asleep, (s) => s.env[1 /* ASLEEP */] === 1),
    { name: P4.woken, expectation: "sometimes", transition: (from, _a, to) => from.env[1 /* ASLEEP */] === 1 && to.env[1 /* ASLEEP */] === 0 },
    p.irqMode === "edge" ? { name: P4.delivered, expectation: "sometimes", transition: (from, a2) => a2.kind === 2 /* ACK */ && from.uart.irq } : sometimes(P4.lineHigh, (s) => s.uart.irq)
  ];
  const properties = all.filter((x) => x.expectation === "always" || cfg.witnesses === "all" || cfg.witnesses.includes(x.name));
  const backend = nv;
  return {
    name: `vpl011/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(envWords(nv));
      initialEnv(cfg, e, 0);
      return [{ uart: initialSpec(cfg), env: e }];
    },
    actions: env.actions,
    next(s, a2) {
      if (!env.enabled(s, a2)) return void 0;
      const e = s.env.slice();
      let uart = s.uart;
      const notes = [];
      const call = (actor, c) => {
        const r = applyCall4(uart, p, actor, c);
        uart = r.state;
        notes.push(`${formatCall4(c)} \u2192 ${formatOutcome4(r.outcome)}`);
        return r.outcome;
      };
      switch (a2.kind) {
        case 0 /* START */: {
          const access2 = cfg.menus[a2.vcpu][a2.arg];
          if (spends(access2)) e[4 /* BUDGET */ + a2.vcpu]--;
          const dr = access2.offset === 0 /* DR */ && access2.width !== 64;
          if (access2.dir === "read") {
            call(a2.vcpu, { kind: "read", offset: access2.offset, width: access2.width });
          } else {
            const value = dr ? dataValue(access2, e[3 /* ISSUED */] + 1) : access2.value >>> 0;
            if (dr) e[3 /* ISSUED */]++;
            call(a2.vcpu, { kind: "write", offset: access2.offset, width: access2.width, value });
          }
          if (dr) call(a2.vcpu, { kind: "kick" });
          break;
        }
        case 1 /* STEP */:
          return void 0;
        case 2 /* ACK */:
          call(0, { kind: "ack" });
          break;
        case 3 /* PRODUCE_ONE */:
        case 4 /* PRODUCE_ALL */:
          call(backend, { kind: "produce", max: Math.min(a2.kind === 3 /* PRODUCE_ONE */ ? 1 : p.inSize, cfg.inputBytes - e[0 /* PRODUCED */]) });
          e[0 /* PRODUCED */] = uart.produced;
          e[2 /* OWED */] = 1;
          break;
        case 5 /* SLEEP */:
          e[1 /* ASLEEP */] = 1;
          break;
        case 6 /* WAKE */:
          call(backend, { kind: "wake" });
          e[1 /* ASLEEP */] = 0;
          break;
        case 7 /* DRAIN */:
          call(backend, { kind: "drain" });
          e[2 /* OWED */] = 1;
          break;
        case 8 /* NOTIFY */:
          call(backend, { kind: "notify" });
          e[2 /* OWED */] = 0;
          break;
      }
      return { uart, env: e, note: notes.join("; ") };
    },
    properties: () => properties,
    encode(s, sink) {
      sink.words(s.env);
      encodeState4(s.uart, sink);
    },
    formatAction: (a2) => formatAction4(cfg, a2),
    formatState: (s) => `${formatState4(s.uart)}
backend ${s.env[1 /* ASLEEP */] ? "asleep" : "awake"}${s.env[2 /* OWED */] ? ", owes an event" : ""}; DR writes ${s.env[3 /* ISSUED */]}; budgets ${Array.from(s.env.subarray(4 /* BUDGET */)).join("/")}`,
    explainStep: (_from, _a, to) => to.note === void 0 || to.note === "" ? void 0 : to.note,
    coverage: { kinds: ACTION_KIND_NAMES4, kindOf: (a2) => a2.kind }
  };
}

// impl/vpl011/variants/fr-reset-zero.ts
var frResetZero = { ...CORRECT4, frResetZero: true };

// impl/vpl011/variants/seed-indices-before-lock.ts
var seedIndicesBeforeLock = { ...CORRECT4, indicesBeforeLock: true };

// impl/vpl011/variants/seed-no-notify-on-read.ts
var seedNoNotifyOnRead = { ...CORRECT4, noNotifyOnRead: true };

// model/vpl011/zoo.ts
var VPL011_ZOO = [
  {
    id: "vpl011/seed-indices-before-lock",
    description: "the seed reads the ring indices before taking the lock: two vCPUs reading DR at once both return the same input byte",
    expectedProperty: P4.inStream,
    config: "race",
    override: seedIndicesBeforeLock,
    also: {
      config: "stale",
      side: "impl",
      expectedProperty: P4.flags,
      traceLength: 4,
      shows: "the lost interrupt: one vCPU copies the indices, the backend publishes a byte and its notification runs, then the read works from the stale in_prod: it sets RXFE and clears RXI and RTI while the new byte waits (level: the line drops), until the backend next publishes"
    }
  },
  {
    id: "vpl011/seed-no-notify-on-read",
    description: "the seed sends no event after a DR read: the backend, asleep on a full IN, never learns the guest made room",
    expectedProperty: P4.backendKick,
    config: "small",
    override: seedNoNotifyOnRead
  },
  {
    id: "vpl011/fr-reset-zero",
    description: "FR starts at 0 (upstream until 2019): RXFE clear with IN empty, so a polling guest reads 0 bytes that were never sent",
    expectedProperty: P4.flags,
    config: "small",
    override: frResetZero
  }
];

// model/vpl011/index.ts
function vpl011Config(name2) {
  const cfg = VPL011_CONFIGS.find((c) => c.name === name2);
  if (cfg === void 0) throw new UsageError(`vpl011 has no config "${name2}" (known: ${VPL011_CONFIGS.map((c) => c.name).join(", ")})`);
  return cfg;
}
function vpl011Quirks(id) {
  if (id === void 0) return CORRECT4;
  const entry2 = VPL011_ZOO.find((v) => v.id === id);
  if (entry2 === void 0) throw new UsageError(`vpl011 has no variant "${id}" (known: ${VPL011_ZOO.map((v) => v.id).join(", ")})`);
  return entry2.override;
}
function buildVpl011(config2, options) {
  const cfg = vpl011Config(config2);
  switch (options.side) {
    case "both": {
      const impl = vpl011ImplSide(cfg, vpl011Quirks(options.variant));
      return erase(refinementModel(vpl011SpecSide(cfg), impl, `vpl011/${cfg.name}${options.variant === void 0 ? "" : `+${options.variant}`}`));
    }
    case "impl":
      return erase(vpl011ImplSide(cfg, vpl011Quirks(options.variant)).model);
    case "spec":
      if (options.variant !== void 0) throw new UsageError("vpl011 variants change the impl; use --only impl or both with --variant");
      return erase(vpl011SpecModel(cfg));
    default:
      throw new UsageError(`vpl011 has no side "${String(options.side)}"`);
  }
}
var vpl011Subsystem = {
  name: "vpl011",
  kind: "subsystem",
  description: "emulated PL011 UART: MMIO registers at every width, xencons IN/OUT rings shared with the console backend, edge or level interrupts",
  configs: VPL011_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: "default",
  variants: VPL011_ZOO.map(({ id, description, expectedProperty, config: config2 }) => ({ id, description, expectedProperty, config: config2 })),
  sides: ["both", "spec", "impl"],
  build: buildVpl011
};

// model/registry.ts
var subsystems = [argoSubsystem, vpl011Subsystem, pcidSubsystem, shadowOosSubsystem, ...fixtures];

// checker/cli/options.ts
function findSubsystem(name2) {
  const found = subsystems.find((s) => s.name === name2);
  if (found === void 0) throw new UsageError(`unknown subsystem "${name2}" (known: ${subsystems.map((s) => s.name).join(", ")}; see \`xenspec list\`)`);
  return found;
}

// ../../tmp/ptest.ts
import { pathToFileURL } from "node:url";
var [name, config, side, w] = process.argv.slice(2);
var ref = { subsystem: name, config, variant: void 0, side };
var model = findSubsystem(name).build(config, { side });
var strip = (r) => JSON.stringify({ ...r, stats: { ...r.stats, seconds: 0, seenSetBytesPerState: 0 } });
var t = performance.now();
var a = explore(model, {});
var t1 = performance.now() - t;
t = performance.now();
var b = exploreParallel(findSubsystem(name).build(config, { side }), ref, { workers: Number(w), script: pathToFileURL("/work/wt-par/dist/explore-worker.mjs") });
var t2 = performance.now() - t;
console.log(a.stats.distinct, a.stats.generated, a.stats.depth, t1.toFixed(0), b.stats.distinct, b.stats.generated, b.stats.depth, t2.toFixed(0), strip(a) === strip(b) ? "SAME" : "DIFF");
if (strip(a) !== strip(b)) {
  console.log(strip(a));
  console.log(strip(b));
}
process.exit(0);
