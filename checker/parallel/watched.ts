import { isTransitionProperty, type Model, type StateProperty, type TransitionProperty } from '../model.ts';
import type { Codec } from './codec.ts';

/**
 * The properties one thread of a parallel level checks (those not decided
 * before the level) and the witnesses it reached in the level: an invariant
 * violated makes the level be redone on one thread, in order; a witness
 * reached is noted — this thread's first parent (and step) reaching it, in
 * its order of chunks — and no longer checked by this thread. The
 * coordinator decides it at the first over all threads (`decideWitnesses`).
 */
export class Watched<S, A> {
  stateProps: StateProperty<S>[] = [];
  transitionProps: TransitionProperty<S, A>[] = [];
  /** Each watched property's index in `model.properties()`. */
  private stateIndex: number[] = [];
  private transitionIndex: number[] = [];
  /** The witnesses reached in this level: (property index, parent, step) triples, each property's first in this thread's order. */
  witnesses: number[] = [];

  constructor(
    private readonly model: Model<S, A>,
    private readonly codec: Codec<S>,
  ) {}

  /** The properties not yet decided. Plain loops: a closure made anew at each call would be a new call target each level for the JIT, which inlines this into `expand`. */
  watch(decided: readonly string[]): void {
    const stateProps: StateProperty<S>[] = [];
    const transitionProps: TransitionProperty<S, A>[] = [];
    const stateIndex: number[] = [];
    const transitionIndex: number[] = [];
    const all = this.model.properties();
    for (let i = 0; i < all.length; i++) {
      const p = all[i]!;
      if (decided.includes(p.name)) continue;
      if (isTransitionProperty(p)) {
        transitionProps.push(p);
        transitionIndex.push(i);
      } else {
        stateProps.push(p);
        stateIndex.push(i);
      }
    }
    this.stateProps = stateProps;
    this.transitionProps = transitionProps;
    this.stateIndex = stateIndex;
    this.transitionIndex = transitionIndex;
    this.witnesses = [];
  }

  /** True when state `s` (the frontier's `parent`-th) violates a watched invariant; a watched witness it reaches is noted (see `expand`). */
  stateDecides(s: S, parent: number): boolean {
    const props = this.stateProps;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.condition(s) === (p.expectation === 'always')) continue;
      if (p.expectation === 'always') return true;
      this.witnesses.push(this.stateIndex[i]!, parent, -1);
      this.stateProps = props.filter((_, j) => j !== i);
      this.stateIndex = this.stateIndex.filter((_, j) => j !== i);
      // As the tracker does: the properties after it are checked on the same state too.
      return this.stateDecides(s, parent);
    }
    return false;
  }

  /** True when the transition by `a` (the `step`-th action of the frontier's `parent`-th state) violates a watched invariant; a watched witness is noted. */
  transitionDecides(a: A, parent: number, step: number): boolean {
    const props = this.transitionProps;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.transition(this.codec.parent, a, this.codec.child) === (p.expectation === 'always')) continue;
      if (p.expectation === 'always') return true;
      this.witnesses.push(this.transitionIndex[i]!, parent, step);
      this.transitionProps = props.filter((_, j) => j !== i);
      this.transitionIndex = this.transitionIndex.filter((_, j) => j !== i);
      return this.transitionDecides(a, parent, step);
    }
    return false;
  }
}
