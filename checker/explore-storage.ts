import { PackedFrontier, QueueFrontier, StackFrontier, type Frontier } from './frontier.ts';
import { WordArena, WordFrontier } from './frontier-words.ts';
import { byteStateOf, packerOf } from './model-capabilities.ts';
import type { Model } from './model.ts';
import type { Path } from './path.ts';
import type { PropertyTracker } from './properties.ts';
import type { TraceLog } from './trace.ts';

/*
 * The explorer's (explore.ts) choices made once per run, off the hot loop:
 * how successors are made and kept, which frontier holds waiting states,
 * and the check of waiting states when a bound stops the run.
 */

/**
 * How the explorer makes and keeps successors. `Next`: `model.next` returns
 * fresh objects, kept as they are. `Recycle`: `fast.nextInto` writes into objects
 * the explorer owns (made by `fast.scratch`); a new successor's object moves into
 * the frontier and an expanded state's object is reused, so steady-state
 * exploration allocates nothing. `Copy`: `scratch` returns one shared object,
 * so each new successor is copied out of it.
 */
export const enum Mode {
  Next,
  Recycle,
  Copy,
}

/** Successors held back before their batch is stored (breadth-first). */
export const BATCH = 64;

/** Where one run keeps its states (see `storageOf`). */
export interface Storage<S> {
  readonly mode: Mode;
  /** The one object `nextInto` writes into, in `Copy` mode. */
  readonly single: S | undefined;
  /** Bytes per state of a byte-vector model (`fast.stateBytes`), checked. */
  readonly byteState: number | undefined;
  /** Word-aligned batch slots of a byte-vector model. */
  readonly arena: WordArena | undefined;
  /** The word ring of a byte-vector model (also `frontier`). */
  readonly words: WordFrontier | undefined;
  /** True when the frontier keeps copies (packed bytes or words), so batch objects never leave the batch. */
  readonly packed: boolean;
  readonly frontier: Frontier<S>;
}

/**
 * Picks how `model`'s successors are made (`Mode`) and where waiting states
 * live: byte-vector states (`stateBytes`) in the explorer's word-aligned
 * memory (batch slots in an arena, a word ring); fixed-size states with a
 * packing in a flat byte ring; other states as objects in a queue or stack.
 */
export function storageOf<S, A>(model: Model<S, A>, inits: readonly S[], strategy: 'bfs' | 'dfs'): Storage<S> {
  const fast = model.fast;
  const byteState = byteStateOf(model, inits);
  const arena = byteState === undefined ? undefined : new WordArena(byteState, BATCH * 2);
  const words = byteState === undefined ? undefined : new WordFrontier(byteState, strategy === 'dfs');
  let mode = Mode.Next;
  let single: S | undefined;
  if (words !== undefined) {
    mode = Mode.Recycle;
  } else if (fast !== undefined) {
    // `Recycle` needs `scratch` to hand out distinct objects.
    single = fast.scratch();
    mode = fast.scratch() === single ? Mode.Copy : Mode.Recycle;
  }
  // Fixed-size states opt into a packed frontier: the batch's objects then never leave it.
  const packer = words === undefined ? packerOf(model) : undefined;
  const packed = words !== undefined || (packer !== undefined && mode !== Mode.Next);
  const frontier: Frontier<S> =
    words !== undefined
      ? (words as unknown as Frontier<S>)
      : packer !== undefined && packed
        ? new PackedFrontier<S>(packer, fast!.copy(fast!.scratch()), strategy === 'dfs')
        : strategy === 'bfs'
          ? new QueueFrontier<S>()
          : new StackFrontier<S>();
  return { mode, single, byteState, arena, words, packed, frontier };
}

/**
 * Checks the undecided state properties of every state still waiting in
 * `frontier`, without expanding any: a state or time bound stops expansion,
 * not checking. Stops as the explorer would (at a violation, unless told
 * otherwise, or once every state property is decided).
 */
export function checkWaiting<S, A>(frontier: Frontier<S>, tracker: PropertyTracker<S, A>, trace: TraceLog, stopOnViolation: boolean): void {
  let id = -1;
  const pathOf = (): Path => trace.pathTo(id);
  while (tracker.stateProps.length > 0 && !(tracker.violated && stopOnViolation) && frontier.pop()) {
    id = frontier.id;
    try {
      tracker.checkState(frontier.state as S, pathOf);
    } catch (error) {
      tracker.exception(error, pathOf());
    }
  }
}

/** A copy of `array` with room for `capacity` entries. */
export function grown<T extends Uint32Array | Int32Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}
