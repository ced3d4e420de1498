import { Encoder } from './fingerprint.ts';
import { isTransitionProperty, type Model, type Property } from './model.ts';
import { Random } from './random.ts';

/*
 * Random walks as records (see `simulate`): a walk depends only on the
 * model, the seed and its index, so any thread may walk it; what it met is
 * recorded — each step's action, kind and successor fingerprint, the first
 * state or transition where each watched property is decided or throws, and
 * how the walk ended — and the run is decided by reading the records in
 * walk order (`simulate`'s merge), exactly as one thread walking them in
 * order would have decided it. Every watched property is evaluated on every
 * state of a walk (the walker cannot know what earlier walks decided), and
 * the merge ignores what the sequential run would not have evaluated.
 */

/** Where in a step an event happened: a state's properties, a transition's, or the model itself. */
export const enum Phase {
  /** The state properties of the state at this depth. */
  State = 0,
  /** The transition properties of the step from this depth. */
  Transition = 1,
}

/** How a walk ended. */
export const enum WalkEnd {
  /** It reached the walk length (or an exception of the model ended it: see `thrown`). */
  Length = 0,
  /** No action was enabled. */
  Stuck = 1,
  /** The chosen action was disabled, or led out of the model's bounds. */
  Disabled = 2,
  /** The model threw: in `actions` at the last depth, or in the last step (`next`, bounds, encoding). */
  Thrown = 3,
}

/** A watched property decided, or throwing, at one depth and phase of a walk (the first of each per walk). */
export interface WalkEvent {
  readonly depth: number;
  readonly phase: Phase;
  /** Index into the model's properties. */
  readonly property: number;
  /** The error's message when the property threw; absent when it decided. */
  readonly thrown?: string;
}

/** One walk, recorded. */
export interface WalkRecord {
  readonly init: number;
  readonly initHi: number;
  readonly initLo: number;
  /** Per step: action index, coverage kind (−1: none), successor fingerprint hi, lo. */
  readonly steps: Int32Array;
  readonly end: WalkEnd;
  /** With `Thrown`: where — `actions` at the depth after the last step, the last step (`next`, the bounds), or the successor's encoding — and the message. */
  readonly thrown?: { readonly at: 'actions' | 'step' | 'encode'; readonly message: string };
  /** In depth, then phase, then property order. */
  readonly events: readonly WalkEvent[];
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Walks `walk` (its stream `Random.stream(seed, walk)`) and records it,
 * evaluating the properties whose indexes `watched` lists. Throws what the
 * sequential run would throw (the initial state's encoding).
 */
export function recordWalk<S, A>(
  model: Model<S, A>,
  inits: readonly S[],
  properties: readonly Property<S, A>[],
  watched: readonly number[],
  seed: number,
  walk: number,
  walkLength: number,
  /** The encoder to fingerprint with (one per thread, reused walk after walk). */
  encoder: Encoder = new Encoder(),
): WalkRecord {
  const random = Random.stream(seed, walk);
  const init = random.below(inits.length);
  const fingerprint = (s: S): void => {
    encoder.reset();
    model.encode(s, encoder);
    encoder.fingerprint();
  };
  let s: S = inits[init]!;
  fingerprint(s);
  const initHi = encoder.hi;
  const initLo = encoder.lo;
  const steps: number[] = [];
  const events: WalkEvent[] = [];
  const decided = new Set<number>();
  const threw = new Set<number>();
  const stateProps = watched.filter((i) => !isTransitionProperty(properties[i]!));
  const transitionProps = watched.filter((i) => isTransitionProperty(properties[i]!));
  const note = (depth: number, phase: Phase, i: number, evaluate: () => boolean): void => {
    // After its first decision or exception in this walk, nothing more of a property can matter to the merge.
    if (decided.has(i) || threw.has(i)) return;
    try {
      const p = properties[i]!;
      const holds = evaluate();
      if (!decided.has(i) && (p.expectation === 'always' ? !holds : holds)) {
        decided.add(i);
        events.push({ depth, phase, property: i });
      }
    } catch (error) {
      if (!threw.has(i)) {
        threw.add(i);
        events.push({ depth, phase, property: i, thrown: messageOf(error) });
      }
    }
  };
  const actions: A[] = [];
  let end = WalkEnd.Length;
  let thrown: WalkRecord['thrown'];
  for (let depth = 0; ; depth++) {
    for (const i of stateProps) note(depth, Phase.State, i, () => (properties[i] as { condition: (s: S) => boolean }).condition(s));
    if (depth >= walkLength) break;
    actions.length = 0;
    try {
      model.actions(s, actions);
    } catch (error) {
      end = WalkEnd.Thrown;
      thrown = { at: 'actions', message: messageOf(error) };
      break;
    }
    if (actions.length === 0) {
      end = WalkEnd.Stuck;
      break;
    }
    const k = random.below(actions.length);
    const a = actions[k]!;
    let t: S | undefined;
    try {
      t = model.next(s, a);
      if (t !== undefined && !(model.withinBounds?.(t) ?? true)) t = undefined;
    } catch (error) {
      steps.push(k, -1, 0, 0);
      end = WalkEnd.Thrown;
      thrown = { at: 'step', message: messageOf(error) };
      break;
    }
    if (t === undefined) {
      steps.push(k, -1, 0, 0);
      end = WalkEnd.Disabled;
      break;
    }
    const kind = model.coverage?.kindOf(a) ?? -1;
    const from = s;
    const to = t;
    for (const i of transitionProps) note(depth, Phase.Transition, i, () => (properties[i] as { transition: (f: S, x: A, g: S) => boolean }).transition(from, a, to));
    try {
      fingerprint(t);
    } catch (error) {
      steps.push(k, kind, 0, 0);
      end = WalkEnd.Thrown;
      thrown = { at: 'encode', message: messageOf(error) };
      break;
    }
    steps.push(k, kind, encoder.hi | 0, encoder.lo | 0);
    s = t;
  }
  return { init, initHi, initLo, steps: Int32Array.from(steps), end, ...(thrown === undefined ? {} : { thrown }), events };
}
