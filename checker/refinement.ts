import { sideBySide } from './diff.ts';
import { Encoder } from './fingerprint.ts';
import { isTransitionProperty, type EncodeSink, type Model, type Property, type StateProperty } from './model.ts';

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

  reset(): void {
    this.actor = -1;
    this.lin = undefined;
    this.outcome = undefined;
    this.window = false;
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
   * its successor state (most calls have exactly one).
   */
  apply(state: SS, actor: number, call: C): readonly SpecAlternative<SS, O>[];
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
}

/** The first point where the impl left what the spec allows. */
export interface Divergence {
  readonly kind: 'outcome' | 'state';
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

/**
 * Composes a spec and an impl into one model explored in lockstep. On every
 * impl step: a linearization step applies the spec call to every candidate
 * spec state and keeps the alternatives whose outcome equals the impl's;
 * whenever no actor is inside a window, candidates must equal
 * `abstract(impl)`. The first step where no candidate survives is a
 * divergence: the state records it (and has no successors), and the
 * `impl refines spec` invariant fails there, with both outcomes or a
 * side-by-side diff. Spec invariants must hold on every candidate; the impl
 * model's own properties are checked on the impl state.
 */
export function refinementModel<I, A, C, O, SS>(
  spec: SpecSide<SS, C, O>,
  impl: ImplSide<I, A, C, O, SS>,
  name = `${impl.model.name} ⊗ spec`,
): Model<ProductState<I, SS>, A> {
  const report = new StepReport<C, O>();
  const scratch = new Encoder();
  const keyOf = (s: SS): string => {
    scratch.reset();
    spec.encode(s, scratch);
    return Buffer.from(scratch.bytesView()).toString('latin1');
  };
  /** Sorted, duplicate-free candidate list: a canonical form, so equal products encode equally. */
  const canonical = (specs: SS[]): SS[] => {
    if (specs.length <= 1) return specs;
    const byKey = new Map<string, SS>();
    for (const s of specs) byKey.set(keyOf(s), s);
    return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
  };

  const stateMismatch = (candidates: readonly SS[], abstracted: SS, actor: number): Divergence => ({
    kind: 'state',
    actor,
    summary: 'abstract(impl) differs from the spec state',
    detail: sideBySide('spec', spec.format(candidates[0]!), 'abstract(impl)', spec.format(abstracted)),
  });

  const product: Model<ProductState<I, SS>, A> = {
    name,
    initStates() {
      const implInits = impl.model.initStates();
      const specInits = spec.initStates();
      if (implInits.length !== specInits.length) {
        throw new Error(`${name}: ${implInits.length} impl initial states but ${specInits.length} spec initial states`);
      }
      return implInits.map((i, k) => {
        const s = specInits[k]!;
        const a = impl.abstract(i);
        const divergence = spec.equals(s, a) ? undefined : stateMismatch([s], a, -1);
        return { impl: i, specs: [s], windows: 0, divergence };
      });
    },
    actions(state, out) {
      if (state.divergence === undefined) impl.model.actions(state.impl, out);
    },
    next(state, action) {
      report.reset();
      const nextImpl = impl.step(state.impl, action, report);
      if (nextImpl === undefined) return undefined;
      const actor = report.actor;
      let specs: SS[] = state.specs as SS[];
      if (report.lin !== undefined) {
        const call = report.lin;
        const implOutcome = report.outcome as O;
        const survivors: SS[] = [];
        const allowed: string[] = [];
        for (const s of state.specs) {
          for (const alt of spec.apply(s, actor, call)) {
            if (spec.outcomeEquals(alt.outcome, implOutcome)) survivors.push(alt.state);
            else allowed.push(spec.formatOutcome(alt.outcome));
          }
        }
        if (survivors.length === 0) {
          const divergence: Divergence = {
            kind: 'outcome',
            actor,
            summary: `${spec.formatCall(call)}: impl outcome ${spec.formatOutcome(implOutcome)} is not allowed by the spec`,
            detail: `impl: ${spec.formatOutcome(implOutcome)}\nspec allows: ${[...new Set(allowed)].join(' | ')}`,
          };
          return { impl: nextImpl, specs: state.specs, windows: state.windows, divergence };
        }
        specs = canonical(survivors);
      }
      let windows = state.windows;
      if (actor >= 0) windows = report.window ? windows | (1 << actor) : windows & ~(1 << actor);
      if (windows === 0) {
        const abstracted = impl.abstract(nextImpl);
        const matching = specs.filter((s) => spec.equals(s, abstracted));
        if (matching.length === 0) {
          return { impl: nextImpl, specs, windows, divergence: stateMismatch(specs, abstracted, actor) };
        }
        specs = matching;
      }
      return { impl: nextImpl, specs, windows, divergence: undefined };
    },
    properties() {
      const lifted: Property<ProductState<I, SS>, A>[] = [
        {
          name: REFINES,
          expectation: 'always',
          condition: (s) => s.divergence === undefined,
          description: 'every impl outcome is allowed by the spec and abstract(impl) equals the spec state outside linearization windows',
        },
      ];
      for (const inv of spec.invariants) {
        lifted.push({
          name: `spec: ${inv.name}`,
          expectation: inv.expectation,
          condition:
            inv.expectation === 'always'
              ? (s) => s.specs.every((x) => inv.condition(x))
              : (s) => s.specs.some((x) => inv.condition(x)),
          ...(inv.description === undefined ? {} : { description: inv.description }),
        });
      }
      for (const p of impl.model.properties()) {
        if (isTransitionProperty(p)) {
          lifted.push({ ...p, transition: (from, a, to) => p.transition(from.impl, a, to.impl) });
        } else {
          lifted.push({ ...p, condition: (s) => p.condition(s.impl) });
        }
      }
      return lifted;
    },
    encode(state, sink) {
      impl.model.encode(state.impl, sink);
      sink.u32(state.windows);
      sink.u32(state.specs.length);
      for (const s of state.specs) spec.encode(s, sink);
      sink.bool(state.divergence !== undefined);
    },
    formatAction: (a) => impl.model.formatAction(a),
    explainStep(from, action) {
      report.reset();
      impl.step(from.impl, action, report);
      if (report.lin === undefined) return undefined;
      return `linearizes ${spec.formatCall(report.lin)}: impl outcome ${spec.formatOutcome(report.outcome as O)}`;
    },
    formatState(state) {
      const parts = [impl.model.formatState(state.impl)];
      if (state.specs.length > 1) parts.push(`(${state.specs.length} spec states remain possible)`);
      if (state.divergence !== undefined) parts.push(`DIVERGENCE: ${state.divergence.summary}\n${state.divergence.detail}`);
      return parts.join('\n');
    },
    ...(impl.model.actionKinds === undefined || impl.model.actionKind === undefined
      ? {}
      : { actionKinds: impl.model.actionKinds, actionKind: impl.model.actionKind.bind(impl.model) }),
  };
  if (impl.model.withinBounds !== undefined) {
    const within = impl.model.withinBounds.bind(impl.model);
    product.withinBounds = (s) => within(s.impl);
  }
  return product;
}
