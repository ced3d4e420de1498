import type { Inspect } from './inspect.ts';

/**
 * The one interface every checker in xenspec explores (Stateright-shaped).
 *
 * A model is a deterministic transition system: its initial states, the
 * actions enabled in a state (always listed in the same order), the successor
 * of a state under an action, and the properties to check. The checker depends
 * on nothing else; `model/` produces Models from a subsystem's spec, impl and
 * environment.
 *
 * Determinism is a requirement, not a hope: `actions` and `next` must depend
 * only on the state passed in (no Map/Set insertion order leaking from outside
 * the state, no hidden mutable fields, no randomness). Replay checks it.
 */
export interface Model<S, A> {
  /** Short identifier, e.g. `argo/default` or `fixture/linear-equation`. */
  readonly name: string;
  /** Initial states; a path starts with the index of one of them. */
  initStates(): readonly S[];
  /**
   * Appends the actions enabled in `state` to `out` (which the caller has
   * emptied), in a deterministic order: a path stores indices into this list.
   */
  actions(state: S, out: A[]): void;
  /**
   * The successor of `state` under `action`, or `undefined` when the action
   * turns out to have no effect worth exploring (it is then not counted as
   * generated). Must not mutate `state`.
   */
  next(state: S, action: A): S | undefined;
  /**
   * Optional allocation-free successors for the hot loop (`FastSuccessors`):
   * `nextInto`, `scratch` and `copy`, all three or none (the compiler sees
   * to it); `next` must still be given and agree with `nextInto`.
   */
  readonly fast?: FastSuccessors<S, A>;
  /**
   * Optional, with `fast`: a fixed-size byte form of states (`Packing`). The
   * frontier then keeps waiting states packed in one flat buffer (as SPIN
   * keeps state vectors) rather than as objects: no allocation or garbage
   * collection per state, and memory read in order. Ignored without `fast`.
   */
  readonly packed?: Packing<S>;
  /** The properties to check; evaluated in this order. */
  properties(): readonly Property<S, A>[];
  /**
   * States for which this returns false are not stored or explored (and not
   * counted as generated): the model's own boundary, e.g. a counter limit.
   */
  withinBounds?(state: S): boolean;
  /**
   * Writes a canonical encoding of `state` (fixed field order, sorted
   * collections) to `sink`. Two states are the same state iff their
   * encodings are equal; the 64-bit fingerprint is a hash of this encoding.
   */
  encode(state: S, sink: EncodeSink): void;
  formatAction(action: A): string;
  /**
   * Optional, for traces: the label of `action` taken in `state`, when the
   * state says more than the action alone (which step of a multi-step
   * operation a "next step" runs, e.g. `d0 notify: pick waiters on ring0`).
   * Replay and counterexample files use it instead of `formatAction`. Not on
   * the hot path; a label is not part of the state.
   */
  formatStep?(state: S, action: A): string;
  formatState(state: S): string;
  /**
   * Optional, for replay: what happened on this transition beyond the new
   * state (outcomes compared, the spec call linearized...). Not on the hot path.
   */
  explainStep?(from: S, action: A, to: S): string | undefined;
  /**
   * Optional, for the trace viewer: the actor, operation and step of a
   * transition, each actor's in-flight frame, the spec beside
   * `abstract(impl)` (`Inspect`). Not on the hot path.
   */
  readonly inspect?: Inspect<S, A>;
  /** Optional: action kinds, for per-action coverage (`Coverage`). */
  readonly coverage?: Coverage<A>;
}

/**
 * A model's allocation-free successors (`Model.fast`). The explorer keeps a
 * copy (`copy`) of a successor only when it is a new state.
 */
export interface FastSuccessors<S, A> {
  /**
   * Writes the successor of `state` under `action` into `into` (a state made
   * by `scratch`, holding garbage) and returns false when the action is
   * disabled. Agrees with `Model.next`; must not mutate `state`.
   */
  nextInto(state: S, action: A, into: S): boolean;
  /** A blank state for `nextInto` to write into. */
  scratch(): S;
  /** An independent copy of `state`. */
  copy(state: S): S;
  /**
   * Optional: declares that a state is a fixed-size byte vector, as in SPIN:
   * `S` is `Uint8Array`, every state has exactly `stateBytes` bytes, and
   * `encode(s, sink)` is `sink.bytes(s)`. The explorer then keeps every state
   * it owns in word-aligned memory of its own, zero-padded to whole 32-bit
   * words: `nextInto` writes each successor into a view of one such buffer,
   * the frontier is a ring of words, and states are hashed and copied a word
   * at a time rather than a byte at a time (`scratch`, `copy` and `packed`
   * are then off the hot path). `nextInto` must write every byte of `into`
   * that it does not want to be garbage, exactly as without this
   * declaration. The explorer checks the declaration against the initial
   * states.
   */
  readonly stateBytes?: number;
}

/** A model's fixed-size byte form of states (`Model.packed`): `pack` then `unpack` gives back an equal state. */
export interface Packing<S> {
  /** Bytes per packed state (positive). */
  readonly bytes: number;
  /** Writes `state` as `bytes` bytes at `offset` of `into`. */
  pack(state: S, into: Uint8Array, offset: number): void;
  /** Overwrites `into` (a state made by `fast.scratch`) with the state packed at `offset` of `from`. */
  unpack(from: Uint8Array, offset: number, into: S): void;
  /**
   * The packed bytes mean something only to the model instance that packed them (they index its own
   * tables, as the lockstep product's candidate lists do): such states cannot move between threads.
   */
  readonly instanceLocal?: boolean;
}

/** A model's action kinds, for per-action coverage (`Model.coverage`). */
export interface Coverage<A> {
  /** Names of the action kinds. */
  readonly kinds: readonly string[];
  /** The kind of `action`: an index into `kinds`. */
  kindOf(action: A): number;
}

/** `always`: an invariant. `sometimes`: a witness the model must reach. */
export type Expectation = 'always' | 'sometimes';

/** A named predicate on states. */
export interface StateProperty<S> {
  readonly name: string;
  readonly expectation: Expectation;
  readonly condition: (state: S) => boolean;
  /** One sentence for reports. */
  readonly description?: string;
}

/**
 * A named predicate on transitions (from, action, to), evaluated for every
 * generated successor, including successors already seen: TLC's action
 * properties. Use it for events ("a waiter was woken") that are not visible
 * in the state itself. A transition property may read per-transition
 * annotations that a model leaves on the successor object outside its
 * encoding, because it runs right after `next`, before deduplication.
 */
export interface TransitionProperty<S, A> {
  readonly name: string;
  readonly expectation: Expectation;
  readonly transition: (from: S, action: A, to: S) => boolean;
  readonly description?: string;
}

export type Property<S, A> = StateProperty<S> | TransitionProperty<S, A>;

/** True when `p` is evaluated on transitions rather than on states. */
export function isTransitionProperty<S, A>(p: Property<S, A>): p is TransitionProperty<S, A> {
  return (p as TransitionProperty<S, A>).transition !== undefined;
}

/** Builds an invariant. */
export function always<S>(name: string, condition: (state: S) => boolean, description?: string): StateProperty<S> {
  return description === undefined ? { name, expectation: 'always', condition } : { name, expectation: 'always', condition, description };
}

/** Builds a witness: a state the model is expected to reach. */
export function sometimes<S>(name: string, condition: (state: S) => boolean, description?: string): StateProperty<S> {
  return description === undefined ? { name, expectation: 'sometimes', condition } : { name, expectation: 'sometimes', condition, description };
}

/**
 * Where a model writes the canonical encoding of a state. Values are
 * appended in order; the byte layout is little-endian and fixed, so equal
 * sequences of calls give equal encodings on every machine.
 */
export interface EncodeSink {
  u8(value: number): void;
  u16(value: number): void;
  u32(value: number): void;
  i32(value: number): void;
  bool(value: boolean): void;
  /** The bytes of `values` (all of it, or `[start, end)`). */
  bytes(values: Uint8Array, start?: number, end?: number): void;
  /** The 32-bit words of `values` (all of it, or `[start, end)`). */
  words(values: Int32Array | Uint32Array, start?: number, end?: number): void;
  /** A string, length-prefixed, as UTF-16 code units. */
  str(value: string): void;
}
