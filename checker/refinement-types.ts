import type { EncodeSink, Model, StateProperty } from './model.ts';

/*
 * The refinement harness's vocabulary (see `refinement.ts`): what a spec
 * side and an impl side provide, what a step reports, and the product states
 * and divergences the harness makes. Kept apart so that the harness's own
 * pieces can share it without importing one another in a circle.
 */

/**
 * What one impl step did, as the refinement harness needs to know it. The
 * harness resets it before every step; the impl fills it in.
 */
export class StepReport<C, O> {
  /** The actor that took the step. */
  actor = -1;
  /** The spec operation that takes effect at this step, if this is a linearization step. */
  lin: C | undefined = undefined;
  /** The impl's observable outcome of `lin` (return value, flags, signals...). */
  outcome: O | undefined = undefined;
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

  reset(): void {
    this.actor = -1;
    this.lin = undefined;
    this.outcome = undefined;
    this.window = false;
    this.abstractUnchanged = false;
  }
}

/** One outcome the spec allows for a call, with the spec state it leads to. */
export interface SpecAlternative<SS, O> {
  readonly state: SS;
  readonly outcome: O;
}

/** The reference side: atomic operations over immutable states. */
export interface SpecSide<SS, C, O> {
  /** Initial spec states, paired by index with the impl model's initial states. */
  initStates(): readonly SS[];
  /**
   * Every outcome the spec allows for `call` by `actor` in `state`, each with
   * its successor state (most calls have exactly one). A pure function of the
   * state's value (what `encode` writes), the actor and the call: the harness
   * reuses a result for an equal state, the same actor and the same call object.
   */
  apply(state: SS, actor: number, call: C): readonly SpecAlternative<SS, O>[];
  /**
   * Whether two spec states agree on everything `abstract(impl)` can stand
   * for: an equivalence relation (the harness relies on its transitivity).
   * A spec may keep bookkeeping of its own (an operation's progress) that
   * this ignores; it is then checked through outcomes instead.
   */
  equals(a: SS, b: SS): boolean;
  encode(state: SS, sink: EncodeSink): void;
  /** Multi-line rendering; diffs compare these line by line. */
  format(state: SS): string;
  formatCall(call: C): string;
  formatOutcome(outcome: O): string;
  outcomeEquals(a: O, b: O): boolean;
  /** Invariants of spec states. */
  readonly invariants: readonly StateProperty<SS>[];
}

/** The implementation side: a model of its own (explored alone by `--only impl`) plus what refinement needs. */
export interface ImplSide<I, A, C, O, SS> {
  readonly model: Model<I, A>;
  /** Same successor as `model.next`, also filling `report`. */
  step(state: I, action: A, report: StepReport<C, O>): I | undefined;
  /** The refinement mapping: the spec state this impl state stands for. */
  abstract(state: I): SS;
  /**
   * Optional allocation-free steps (`FastSteps`). The product model offers
   * `fast` (and `packed`, when the impl model does) when the impl model
   * offers `fast` too.
   */
  readonly fast?: FastSteps<I, A, C, O>;
  /**
   * Optional fast form of `spec.equals(spec, abstract(state))`, read straight
   * from the impl state without building the abstraction. Must agree with it
   * exactly (a law test should compare the two; the harness also checks it on
   * a sample of steps, see `RefinementOptions`); the harness still builds
   * `abstract(state)` to report a mismatch.
   */
  matches?(state: I, spec: SS): boolean;
}

/** An impl's allocation-free steps (`ImplSide.fast`). */
export interface FastSteps<I, A, C, O> {
  /**
   * Writes the successor of `state` into `into` (a state made by `scratch`)
   * and fills `report`; false when the action is disabled. Must agree with
   * `ImplSide.step`.
   */
  stepInto(state: I, action: A, into: I, report: StepReport<C, O>): boolean;
  /** A blank impl state for `stepInto` to write into. */
  scratch(): I;
}

/**
 * The first point where the impl left what the spec allows: an outcome the
 * spec does not allow, an abstract state that differs, or a shortcut of the
 * harness (`matches`, `abstractUnchanged`) caught lying on a sampled step.
 */
export interface Divergence {
  readonly kind: 'outcome' | 'state' | 'shortcut';
  readonly actor: number;
  /** One line: what went wrong. */
  readonly summary: string;
  /** Side-by-side spec vs abstract(impl), or the outcomes compared. */
  readonly detail: string;
}

/** A state of spec ⊗ impl explored in lockstep. */
export interface ProductState<I, SS> {
  readonly impl: I;
  /** Spec states consistent with everything observed so far (usually one; more when the spec allowed several outcomes). */
  readonly specs: readonly SS[];
  /** Bit per actor: inside a linearization window. */
  readonly windows: number;
  readonly divergence: Divergence | undefined;
}

/** Name of the refinement property in reports. */
export const REFINES = 'impl refines spec';

/** Options of `refinementModel`. */
export interface RefinementOptions {
  /**
   * The harness trusts two shortcuts of the impl: `matches` (for
   * `spec.equals(s, abstract(impl))`) and `StepReport.abstractUnchanged`
   * (which lets it skip the comparison). About one step in this many, it
   * checks both against `abstract` itself: when `matches` is used it also
   * compares with `spec.equals`, and when a step is flagged
   * `abstractUnchanged` it compares `abstract(parent)` with
   * `abstract(child)`. A lie is a divergence (`impl refines spec` fails).
   * Default 256 (on Argo `default` in lockstep, the best of several runs
   * cost about 2% at 256 and 6% at 64: `abstract` builds a whole spec
   * state); 1 checks every step.
   *
   * The sample is a function of the step (the parent's spec state, the
   * actor and the action kind), not of the order steps are taken in, so
   * that replaying a path makes the same checks as exploring it: a step
   * is checked for every impl state standing for a sampled spec state, and
   * for none of the others. Steps from several candidate spec states, or
   * from spec states that are not objects, are always checked.
   */
  readonly shortcutCheckPeriod?: number;
}
