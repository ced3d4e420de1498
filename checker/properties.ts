import { isTransitionProperty, type Model, type Property, type StateProperty, type TransitionProperty } from './model.ts';
import type { Path } from './path.ts';
import type { Discovery, DiscoveryKind } from './result.ts';

/** The property name under which an exception thrown in a step, in `actions()` or in a property is recorded. */
export const EXCEPTION_PROPERTY = 'step raised an exception';

/**
 * Tracks which properties are still undecided during a run, and records the
 * first discovery of each (in BFS, the first is a shortest one). Shared by
 * exhaustive exploration and random simulation.
 */
export class PropertyTracker<S, A> {
  readonly all: readonly Property<S, A>[];
  /** State properties not yet decided, in declaration order. */
  stateProps: StateProperty<S>[] = [];
  /** Transition properties not yet decided, in declaration order. */
  transitionProps: TransitionProperty<S, A>[] = [];
  readonly discoveries: Discovery[] = [];
  private readonly decided = new Set<string>();
  violated = false;

  constructor(model: Model<S, A>) {
    this.all = model.properties();
    const names = new Set<string>();
    for (const p of this.all) {
      if (names.has(p.name)) throw new Error(`model ${model.name} declares property "${p.name}" twice`);
      names.add(p.name);
    }
    this.refresh();
  }

  private refresh(): void {
    this.stateProps = [];
    this.transitionProps = [];
    for (const p of this.all) {
      if (this.decided.has(p.name)) continue;
      if (isTransitionProperty(p)) this.transitionProps.push(p);
      else this.stateProps.push(p);
    }
  }

  /** True when every property has been decided (all invariants violated, all witnesses found). */
  get allDecided(): boolean {
    return this.stateProps.length === 0 && this.transitionProps.length === 0;
  }

  /** Records that `property` is decided by `path`. */
  decide(property: Property<S, A>, path: Path): void {
    const kind: DiscoveryKind = property.expectation === 'always' ? 'counterexample' : 'witness';
    this.decided.add(property.name);
    this.discoveries.push({ property: property.name, expectation: property.expectation, kind, path });
    if (kind === 'counterexample') this.violated = true;
    this.refresh();
  }

  /** Records an exception thrown inside a step (or a property) as a counterexample at that step. */
  exception(error: unknown, path: Path): void {
    if (this.discoveries.some((d) => d.kind === 'exception')) return;
    const message = error instanceof Error ? error.message : String(error);
    this.discoveries.push({ property: EXCEPTION_PROPERTY, expectation: 'always', kind: 'exception', path, message });
    this.violated = true;
  }

  /** Checks the undecided state properties on `state`; `pathOf` is called only on a discovery. */
  checkState(state: S, pathOf: () => Path): void {
    const props = this.stateProps;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      const holds = p.condition(state);
      if (p.expectation === 'always' ? !holds : holds) {
        this.decide(p, pathOf());
        // decide() rebuilt the list: restart on the new one, skipping nothing undecided.
        this.checkState(state, pathOf);
        return;
      }
    }
  }

  /** Checks the undecided transition properties on one transition. */
  checkTransition(from: S, action: A, to: S, pathOf: () => Path): void {
    const props = this.transitionProps;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      const holds = p.transition(from, action, to);
      if (p.expectation === 'always' ? !holds : holds) {
        this.decide(p, pathOf());
        this.checkTransition(from, action, to, pathOf);
        return;
      }
    }
  }

  /** Takes back the discoveries a checkpoint saved, as if they had just been made; throws when one names a property this model does not have. */
  restore(discoveries: readonly Discovery[]): void {
    for (const d of discoveries) {
      if (d.kind === 'exception') {
        this.discoveries.push(d);
        this.violated = true;
        continue;
      }
      const p = this.all.find((q) => q.name === d.property && q.expectation === d.expectation);
      if (p === undefined || this.decided.has(p.name)) throw new Error(`a discovery of "${d.property}" (${d.expectation}), which this model does not have or has twice`);
      this.decide(p, d.path);
    }
  }

  /** True while the property named `name` is neither violated nor reached. */
  isUndecided(name: string): boolean {
    return !this.decided.has(name);
  }

  /** Witnesses never reached. */
  unreached(): string[] {
    return this.all.filter((p) => p.expectation === 'sometimes' && !this.decided.has(p.name)).map((p) => p.name);
  }

  /** Invariants never violated. */
  held(): string[] {
    return this.all.filter((p) => p.expectation === 'always' && !this.decided.has(p.name)).map((p) => p.name);
  }
}
