import { Encoder } from './fingerprint.ts';
import type { Divergence, ProductState, SpecAlternative, SpecSide } from './refinement-types.ts';

/**
 * The lockstep harness's bookkeeping (see `refinement.ts`): spec states
 * interned by encoding, `apply` memoized per (interned state, actor, call
 * object), and the mutable product nodes `nextInto` reuses.
 *
 * Why the memo is exact: `SpecSide.apply` is a pure function of the state's
 * value (what `encode` writes), the actor and the call, and the harness
 * already treats equally-encoded spec states as one (candidate lists are
 * deduplicated by encoding, product states fingerprinted by it). A spec state
 * is shared by the many impl states that stand for it, so most steps reuse an
 * earlier result; calls must be the same object to hit (impls reuse them).
 */

/** What the harness keeps per interned spec state. */
export interface SpecEntry<SS, O> {
  /** `[state]`: the interned state, as a candidate list nodes share. */
  readonly list: readonly SS[];
  /** The encoding of `list`, as the product's `encode` writes a candidate list. */
  readonly single: Uint8Array;
  /**
   * `apply`'s memo: keys (see `SpecMemo.memoApply`) and, at the same index, the alternatives. A state meets
   * a few distinct (call, actor) pairs, so two short arrays scanned linearly cost the collector far less
   * than a Map per interned state; past `MEMO_SCAN` keys the rest go to `more`.
   */
  memoKeys: number[] | undefined;
  memoAlts: (readonly MemoAlternative<SS, O>[])[] | undefined;
  more: Map<number, readonly MemoAlternative<SS, O>[]> | undefined;
  /** Per spec invariant, once evaluated: whether it holds. */
  readonly invariants: boolean[];
  /** Its candidate list's id in a packed product (−1 until first packed). */
  id: number;
  /** The low 32 bits of the encoding's fingerprint: the interning key, and the harness samples steps by it (deterministic, not by order of visit). */
  readonly hash: number;
}

/** A memoized alternative: its successor interned (`entry`), when it is an object. */
export interface MemoAlternative<SS, O> extends SpecAlternative<SS, O> {
  readonly entry: SpecEntry<SS, O> | undefined;
}

/** Actors a memo key makes room for (ids −1 … MAX_ACTOR − 1). */
const MAX_ACTOR = 1023;

/** Memo keys per interned state kept in its linear arrays before a Map takes the rest. */
export const MEMO_SCAN = 24;

/** Bytes of one chunk of the arena interned encodings are copied into. */
const ARENA_CHUNK = 1 << 20;

/**
 * Copies of encodings, as views into shared 1 MiB chunks: one ArrayBuffer per
 * interned state (hundreds of thousands of them) would cost an external
 * allocation each and a sweep of every one on each garbage collection.
 */
class EncodingArena {
  private chunk = new Uint8Array(ARENA_CHUNK);
  private used = 0;

  /** A copy of `bytes` that lives as long as the returned view. */
  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    if (n > ARENA_CHUNK >>> 4) return bytes.slice();
    if (this.used + n > ARENA_CHUNK) {
      this.chunk = new Uint8Array(ARENA_CHUNK);
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + n);
    view.set(bytes);
    // Keep views word-aligned, so comparisons may read them a word at a time.
    this.used += (n + 7) & ~7;
    return view;
  }
}

/** Interning and memoized `apply` over one spec side. Methods are bound: they may be taken off the object. */
export class SpecMemo<SS, C, O> {
  private readonly scratch = new Encoder();
  private readonly arena = new EncodingArena();
  /** Interned entries by the 32-bit hash of their encoding (a bucket holds the rare states whose hashes collide). */
  private readonly interned = new Map<number, SpecEntry<SS, O> | SpecEntry<SS, O>[]>();
  /**
   * Interned state object → its entry. Strong maps, not WeakMaps: interned states live as long as the
   * memo anyway, and hundreds of thousands of WeakMap entries cost the garbage collector far more than
   * the lookups (ephemeron tables are re-scanned on every marking).
   */
  private readonly entries = new Map<object, SpecEntry<SS, O>>();
  /** A small number per call object (calls are few and reused by the impl: the map stays small). */
  private readonly callIds = new Map<object, number>();

  constructor(private readonly spec: SpecSide<SS, C, O>) {}

  /** The entry of `s` if `s` is an interned state. */
  readonly entryOf = (s: SS): SpecEntry<SS, O> | undefined => (isObject(s) ? this.entries.get(s) : undefined);

  /** The entry of the interned state equal to `s` (made on first sight); undefined for a non-object state. */
  readonly intern = (s: SS): SpecEntry<SS, O> | undefined => {
    if (!isObject(s)) return undefined;
    const seen = this.entries.get(s);
    if (seen !== undefined) return seen;
    const enc = this.scratch;
    enc.reset();
    enc.u32(1);
    this.spec.encode(s, enc);
    enc.fingerprint();
    const hash = enc.lo;
    const bucket = this.interned.get(hash);
    if (bucket !== undefined) {
      if (!Array.isArray(bucket)) {
        if (enc.sameAs(bucket.single)) return bucket;
      } else {
        for (const known of bucket) if (enc.sameAs(known.single)) return known;
      }
    }
    const single = this.arena.copy(enc.bytesView());
    const entry: SpecEntry<SS, O> = { list: Object.freeze([s]), single, memoKeys: undefined, memoAlts: undefined, more: undefined, invariants: [], id: -1, hash };
    this.interned.set(hash, bucket === undefined ? entry : Array.isArray(bucket) ? [...bucket, entry] : [bucket, entry]);
    this.entries.set(s, entry);
    return entry;
  };

  /** `spec.apply` on an interned state, memoized per (actor, call object), each successor interned. */
  readonly memoApply = (entry: SpecEntry<SS, O>, actor: number, call: C & object): readonly MemoAlternative<SS, O>[] => {
    let id = this.callIds.get(call);
    if (id === undefined) this.callIds.set(call, (id = this.callIds.size));
    if (actor < -1 || actor >= MAX_ACTOR) throw new Error(`refinement memo: actor ${actor} out of range [-1, ${MAX_ACTOR})`);
    const key = id * (MAX_ACTOR + 1) + actor + 1;
    const keys = (entry.memoKeys ??= []);
    const i = keys.indexOf(key);
    if (i >= 0) return entry.memoAlts![i]!;
    let alts = entry.more?.get(key);
    if (alts === undefined) {
      alts = this.spec.apply(entry.list[0]!, actor, call).map((alt) => {
        const e = this.intern(alt.state);
        return { state: e === undefined ? alt.state : e.list[0]!, outcome: alt.outcome, entry: e };
      });
      if (keys.length < MEMO_SCAN) {
        keys.push(key);
        (entry.memoAlts ??= []).push(alts);
      } else (entry.more ??= new Map()).set(key, alts);
    }
    return alts;
  };

  /** `spec.apply`, through the memo when `s` is interned and `call` an object. */
  readonly apply = (s: SS, actor: number, call: C): readonly SpecAlternative<SS, O>[] => {
    const entry = this.entryOf(s);
    return entry === undefined || !isObject(call) ? this.spec.apply(s, actor, call) : this.memoApply(entry, actor, call);
  };

  /** Sorted, duplicate-free candidate list: a canonical form, so equal products encode equally. */
  readonly canonical = (specs: SS[]): SS[] => {
    if (specs.length <= 1) return specs;
    const byKey = new Map<string, SS>();
    for (const s of specs) byKey.set(this.keyOf(s), s);
    return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
  };

  /** The encoding of a candidate list (count, then each state), as the product's `encode` writes it. */
  readonly specsKey = (specs: readonly SS[]): Uint8Array => {
    if (specs.length === 1) {
      const entry = this.entryOf(specs[0]!);
      if (entry !== undefined) return entry.single;
    }
    const enc = this.scratch;
    enc.reset();
    enc.u32(specs.length);
    for (const s of specs) this.spec.encode(s, enc);
    return enc.bytesView().slice();
  };

  private keyOf(s: SS): string {
    const enc = this.scratch;
    enc.reset();
    this.spec.encode(s, enc);
    return Buffer.from(enc.bytesView()).toString('latin1');
  }
}

/**
 * A product state as the harness makes it: mutable, so that `nextInto` can
 * overwrite one, with the encoding of its candidate list cached (`key`).
 * Invariant: when `entry` is set, `specs` is the one-state list of its state.
 */
export class ProductNode<I, SS, O> implements ProductState<I, SS> {
  constructor(
    public impl: I,
    public specs: readonly SS[],
    public windows: number,
    public divergence: Divergence | undefined,
    /** `specs.length` and each candidate's encoding, once computed; shared while `specs` is. */
    public key: Uint8Array | undefined = undefined,
    /** The interned entry of the single candidate, when `specs` is an interned one-state list. */
    public entry: SpecEntry<SS, O> | undefined = undefined,
  ) {}

  /**
   * Whether every candidate is known to equal `abstract(impl)`: true for
   * the harness's own nodes outside windows without a divergence (it
   * compared them); false for a state wrapped by `nodeOf`.
   */
  compared = false;

  /** Overwrites everything but `impl` (the harness's own steps: outside windows, the candidates were compared). */
  set(specs: readonly SS[], windows: number, entry: SpecEntry<SS, O> | undefined, divergence: Divergence | undefined, key: Uint8Array | undefined): void {
    this.compared = windows === 0 && divergence === undefined;
    this.specs = specs;
    this.windows = windows;
    this.entry = entry;
    this.divergence = divergence;
    this.key = key;
  }
}

/** The harness's own node for a product state (one built elsewhere, e.g. by a test, is wrapped). */
export function nodeOf<I, SS, O>(state: ProductState<I, SS>): ProductNode<I, SS, O> {
  return state instanceof ProductNode ? (state as ProductNode<I, SS, O>) : new ProductNode<I, SS, O>(state.impl, state.specs, state.windows, state.divergence);
}

/** Whether `x` can key a WeakMap. */
export function isObject(x: unknown): x is object {
  return (typeof x === 'object' && x !== null) || typeof x === 'function';
}

/** Whether `a` and `b` hold the same objects in the same order. */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Writes `v` as a little-endian u32 at `at`. */
export function putU32(into: Uint8Array, at: number, v: number): void {
  into[at] = v;
  into[at + 1] = v >>> 8;
  into[at + 2] = v >>> 16;
  into[at + 3] = v >>> 24;
}

/** Reads a little-endian u32 at `at`. */
export function getU32(from: Uint8Array, at: number): number {
  return (from[at]! | (from[at + 1]! << 8) | (from[at + 2]! << 16) | (from[at + 3]! << 24)) >>> 0;
}
