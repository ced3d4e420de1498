import { sideBySide } from './diff.ts';
import { fastProduct, packedProduct } from './refinement-fast.ts';
import { isObject, nodeOf, ProductNode, sameElements, SpecMemo, type SpecEntry } from './refinement-memo.ts';
import { isTransitionProperty, type Model, type Property } from './model.ts';
import { REFINES, StepReport, type Divergence, type ImplSide, type ProductState, type RefinementOptions, type SpecSide } from './refinement-types.ts';

export {
  REFINES,
  StepReport,
  type Divergence,
  type FastSteps,
  type ImplSide,
  type ProductState,
  type RefinementOptions,
  type SpecAlternative,
  type SpecSide,
} from './refinement-types.ts';

/**
 * Composes a spec and an impl into one model explored in lockstep. On every
 * impl step: a linearization step applies the spec call to every candidate
 * spec state and keeps the alternatives whose outcome equals the impl's;
 * whenever no actor is inside a window, candidates must equal
 * `abstract(impl)`. The first step where no candidate survives is a
 * divergence: the state records it (and has no successors), and the
 * `impl refines spec` invariant fails there, with both outcomes or a
 * side-by-side diff. Spec invariants must hold on every candidate; the impl
 * model's own properties are checked on the impl state; the impl's shortcuts
 * are checked on a sample of steps (`RefinementOptions`).
 */
export function refinementModel<I, A, C, O, SS>(
  spec: SpecSide<SS, C, O>,
  impl: ImplSide<I, A, C, O, SS>,
  name = `${impl.model.name} ⊗ spec`,
  options: RefinementOptions = {},
): Model<ProductState<I, SS>, A> {
  const period = options.shortcutCheckPeriod ?? 256;
  if (!Number.isInteger(period) || period < 1) throw new Error(`${name}: shortcutCheckPeriod must be a positive integer, got ${period}`);
  const implCoverage = impl.model.coverage;
  /** Whether the shortcuts are cross-checked on this step (see `RefinementOptions`). */
  const sampled = (entry: SpecEntry<SS, O> | undefined, actor: number, action: A): boolean => {
    if (period === 1 || entry === undefined) return true;
    let h = entry.hash ^ Math.imul(actor + 1, 0x9e3779b1) ^ Math.imul((implCoverage === undefined ? 0 : implCoverage.kindOf(action)) + 1, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h ^= h >>> 15;
    return (h >>> 0) % period === 0;
  };
  const report = new StepReport<C, O>();
  const memo = new SpecMemo<SS, C, O>(spec);
  const { entryOf, intern, memoApply } = memo;
  const implMatches = impl.matches?.bind(impl);

  const stateMismatch = (candidates: readonly SS[], abstracted: SS, actor: number): Divergence => ({
    kind: 'state',
    actor,
    summary: 'abstract(impl) differs from the spec state',
    detail: sideBySide('spec', spec.format(candidates[0]!), 'abstract(impl)', spec.format(abstracted)),
  });
  const same = (equal: boolean): string => (equal ? 'equal' : 'different');
  const shortcutLie = (candidate: SS, abstracted: SS, said: boolean, actor: number): Divergence => ({
    kind: 'shortcut',
    actor,
    summary: `harness shortcut lied: matches() said ${same(said)} but abstract() comparison says ${same(!said)}`,
    detail: sideBySide('spec', spec.format(candidate), 'abstract(impl)', spec.format(abstracted)),
  });

  /**
   * Completes `out` (whose `impl` already holds the successor of `from.impl`,
   * `report` filled by that step): the candidate spec states, windows and
   * divergence. Candidate lists equal element for element to the parent's
   * are the parent's own array, so its cached encoding is reused.
   */
  const advance = (from: ProductNode<I, SS, O>, out: ProductNode<I, SS, O>, action: A): void => {
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
            kind: 'shortcut',
            actor,
            summary: 'harness shortcut lied: step flagged abstractUnchanged but abstract(impl) changed',
            detail: sideBySide('abstract(impl) before', spec.format(before), 'abstract(impl) after', spec.format(after)),
          },
          from.key,
        );
        return;
      }
    }
    let specs: readonly SS[] = from.specs;
    let key = from.key;
    let entry = from.entry;
    const call = report.lin;
    const implOutcome = report.outcome as O;
    // One candidate, one allowed outcome (the usual case): the memo's interned successor, no allocation.
    const only = call !== undefined && entry !== undefined && isObject(call) ? memoApply(entry, actor, call) : undefined;
    if (only !== undefined && only.length === 1 && spec.outcomeEquals(only[0]!.outcome, implOutcome)) {
      const next = only[0]!.entry;
      if (next !== entry) {
        entry = next;
        specs = next === undefined ? [only[0]!.state] : next.list;
        key = next?.single;
      }
    } else if (call !== undefined) {
      const survivors: SS[] = [];
      let refused: O[] | undefined;
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
            kind: 'outcome',
            actor,
            summary: `${spec.formatCall(call)}: impl outcome ${spec.formatOutcome(implOutcome)} is not allowed by the spec`,
            detail: `impl: ${spec.formatOutcome(implOutcome)}\nspec allows: ${[...new Set(allowed)].join(' | ')}`,
          },
          from.key,
        );
        return;
      }
      if (!sameElements(survivors, from.specs)) {
        specs = memo.canonical(survivors);
        key = undefined;
        entry = specs.length === 1 ? entryOf(specs[0]!) : undefined;
        if (entry !== undefined) {
          specs = entry.list;
          key = entry.single;
        }
      }
    }
    let windows = from.windows;
    if (actor >= 0) windows = report.window ? windows | (1 << actor) : windows & ~(1 << actor);
    // Skipped only when implied: the parent's candidates all equal abstract(parent) (it was compared and matched),
    // abstract(child) = abstract(parent) (`abstractUnchanged`), and the candidates are the parent's or, one for one,
    // `equals` to it (a spec whose state carries bookkeeping the abstraction leaves out moves on while staying equal).
    const implied =
      report.abstractUnchanged && from.compared && (specs === from.specs || (specs.length === 1 && from.specs.length === 1 && spec.equals(specs[0]!, from.specs[0]!)));
    if (windows === 0 && !implied) {
      let abstracted: SS | undefined;
      let matching: SS[] | undefined;
      for (let k = 0; k < specs.length; k++) {
        const s = specs[k]!;
        let equal: boolean;
        if (implMatches === undefined) {
          equal = spec.equals(s, (abstracted ??= impl.abstract(nextImpl)));
        } else {
          equal = implMatches(nextImpl, s);
          if (check) {
            const truth = spec.equals(s, (abstracted ??= impl.abstract(nextImpl)));
            if (truth !== equal) {
              out.set(specs, windows, entry, shortcutLie(s, abstracted, equal, actor), key);
              return;
            }
          }
        }
        if (equal) {
          if (matching !== undefined) matching.push(s);
        } else if (matching === undefined) {
          matching = specs.slice(0, k);
        }
      }
      if (matching !== undefined) {
        if (matching.length === 0) {
          out.set(specs, windows, entry, stateMismatch(specs, abstracted ?? impl.abstract(nextImpl), actor), key);
          return;
        }
        specs = matching;
        key = undefined;
        entry = specs.length === 1 ? entryOf(specs[0]!) : undefined;
      }
    }
    out.set(specs, windows, entry, undefined, key);
  };

  const implFast = impl.fast;
  const implModelFast = impl.model.fast;
  const fast = implFast === undefined || implModelFast === undefined ? undefined : fastProduct(implFast, implModelFast, report, advance);
  const packed = fast === undefined || impl.model.packed === undefined ? undefined : packedProduct(impl.model.packed);
  const within = impl.model.withinBounds?.bind(impl.model);
  const implInspect = impl.model.inspect;
  const product: Model<ProductState<I, SS>, A> = {
    name,
    initStates() {
      const implInits = impl.model.initStates();
      const specInits = spec.initStates();
      if (implInits.length !== specInits.length) {
        throw new Error(`${name}: ${implInits.length} impl initial states but ${specInits.length} spec initial states`);
      }
      return implInits.map((i, k) => {
        const entry = intern(specInits[k]!);
        const s = entry === undefined ? specInits[k]! : entry.list[0]!;
        const a = impl.abstract(i);
        const divergence = spec.equals(s, a) ? undefined : stateMismatch([s], a, -1);
        const node = new ProductNode<I, SS, O>(i, [s], 0, divergence, entry?.single, entry);
        node.compared = divergence === undefined;
        return node;
      });
    },
    actions(state, out) {
      if (state.divergence === undefined) impl.model.actions(state.impl, out);
    },
    next(state, action) {
      report.reset();
      const nextImpl = impl.step(state.impl, action, report);
      if (nextImpl === undefined) return undefined;
      const out = new ProductNode<I, SS, O>(nextImpl, [], 0, undefined);
      advance(nodeOf<I, SS, O>(state), out, action);
      return out;
    },
    properties: () => liftProperties(spec, impl, memo),
    encode(state, sink) {
      impl.model.encode(state.impl, sink);
      sink.u32(state.windows);
      const node = nodeOf<I, SS, O>(state);
      node.key ??= memo.specsKey(node.specs);
      sink.bytes(node.key);
      sink.bool(state.divergence !== undefined);
    },
    formatAction: (a) => impl.model.formatAction(a),
    ...(impl.model.formatStep === undefined ? {} : { formatStep: (s: ProductState<I, SS>, a: A) => impl.model.formatStep!(s.impl, a) }),
    explainStep(from, action) {
      report.reset();
      impl.step(from.impl, action, report);
      if (report.lin === undefined) return undefined;
      return `linearizes ${spec.formatCall(report.lin)}: impl outcome ${spec.formatOutcome(report.outcome as O)}`;
    },
    inspect: {
      ...(implInspect?.step === undefined ? {} : { step: (s: ProductState<I, SS>, a: A) => implInspect.step!(s.impl, a) }),
      ...(implInspect?.frames === undefined ? {} : { frames: (s: ProductState<I, SS>) => implInspect.frames!(s.impl) }),
      refinement: (state) => ({
        specs: state.specs.map((s) => spec.format(s)),
        abstract: spec.format(impl.abstract(state.impl)),
        inWindow: state.windows !== 0,
        ...(state.divergence === undefined ? {} : { divergence: { kind: state.divergence.kind, summary: state.divergence.summary, detail: state.divergence.detail } }),
      }),
    },
    formatState(state) {
      const parts = [impl.model.formatState(state.impl)];
      // A spec may keep bookkeeping abstract(impl) has no counterpart for (its states are still encoded): show it.
      const shown = spec.format(impl.abstract(state.impl));
      for (const s of state.specs) {
        const text = spec.format(s);
        if (text !== shown) parts.push(`spec: ${text.split('\n').join('\n      ')}`);
      }
      if (state.specs.length > 1) parts.push(`(${state.specs.length} spec states remain possible)`);
      if (state.divergence !== undefined) parts.push(`DIVERGENCE: ${state.divergence.summary}\n${state.divergence.detail}`);
      return parts.join('\n');
    },
    ...(implCoverage === undefined ? {} : { coverage: implCoverage }),
    ...(fast === undefined ? {} : { fast }),
    ...(packed === undefined ? {} : { packed }),
    ...(within === undefined ? {} : { withinBounds: (s: ProductState<I, SS>) => within(s.impl) }),
  };
  return product;
}

/**
 * The product's properties: `impl refines spec` (no divergence), each spec
 * invariant on every candidate spec state (a witness on some candidate),
 * and the impl model's own properties on the impl state.
 */
function liftProperties<I, A, C, O, SS>(spec: SpecSide<SS, C, O>, impl: ImplSide<I, A, C, O, SS>, memo: SpecMemo<SS, C, O>): Property<ProductState<I, SS>, A>[] {
  // The specific properties first and the catch-all refinement last: a step that breaks both is reported by the specific one.
  const lifted: Property<ProductState<I, SS>, A>[] = [];
  spec.invariants.forEach((inv, i) => {
    // Invariants are predicates on spec values: decided once per interned state.
    const holds = (x: SS): boolean => {
      const entry = memo.entryOf(x);
      if (entry === undefined) return inv.condition(x);
      const known = entry.invariants[i];
      if (known !== undefined) return known;
      return (entry.invariants[i] = inv.condition(x));
    };
    lifted.push({
      name: `spec: ${inv.name}`,
      expectation: inv.expectation,
      condition: inv.expectation === 'always' ? (s) => s.specs.every(holds) : (s) => s.specs.some(holds),
      ...(inv.description === undefined ? {} : { description: inv.description }),
    });
  });
  for (const p of impl.model.properties()) {
    if (isTransitionProperty(p)) {
      lifted.push({ ...p, transition: (from, a, to) => p.transition(from.impl, a, to.impl) });
    } else {
      lifted.push({ ...p, condition: (s) => p.condition(s.impl) });
    }
  }
  lifted.push({
    name: REFINES,
    expectation: 'always',
    condition: (s) => s.divergence === undefined,
    description: 'every impl outcome is allowed by the spec and abstract(impl) equals the spec state outside linearization windows',
  });
  return lifted;
}
