/**
 * What a model can say about its states and steps beyond their text, for the
 * trace viewer (`replay --html`): who acts, in which operation, what each
 * actor has in flight, and — for spec ⊗ impl — the spec state beside
 * `abstract(impl)`. Never on the hot path; every member is optional and a
 * viewer falls back to the step's label and the state's text without it.
 */
export interface Inspect<S, A> {
  /** Who takes `action` in `from`, and which operation and step of it runs. */
  step?(from: S, action: A): StepView;
  /** Every actor of `state`, with the operation it has in flight (if any). */
  frames?(state: S): readonly ActorFrame[];
  /** The refinement view of a spec ⊗ impl state (`refinementModel` provides it). */
  refinement?(state: S): RefinementView;
}

/** The actor, operation and step of one transition (`d0 vCPU`, `notify`, `pick waiters`). */
export interface StepView {
  readonly actor: string;
  readonly operation: string;
  /** The step of a multi-step operation that runs; absent for an atomic operation. */
  readonly step?: string;
}

/** One actor and its in-flight operation frame. */
export interface ActorFrame {
  readonly actor: string;
  /** The operation in flight; absent when the actor is idle. */
  readonly operation?: string;
  /** The step the frame will run next. */
  readonly next?: string;
  /** The locals the frame holds, in words (`ring 1, S=32`). */
  readonly locals?: string;
}

/** The spec state(s) and `abstract(impl)` of one product state, and the divergence if the impl left the spec. */
export interface RefinementView {
  /** Each spec state still consistent with what was observed (usually one), rendered. */
  readonly specs: readonly string[];
  /** `abstract(impl)`, rendered the same way. */
  readonly abstract: string;
  /** True when some operation is inside its linearization window: the two are not compared in this state. */
  readonly inWindow: boolean;
  readonly divergence?: {
    readonly kind: 'outcome' | 'state' | 'shortcut';
    readonly summary: string;
    readonly detail: string;
  };
}
