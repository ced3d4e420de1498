import { clipLabel } from '../counterexample-limits.ts';
import { explore } from '../explore.ts';
import { formatPath } from '../path.ts';
import { isTransitionProperty, type Model } from '../model.ts';
import { labelsOf, replay, stepLabel } from '../replay.ts';
import type { CheckResult } from '../result.ts';
import type { Side } from '../subsystem.ts';
import { findSubsystem, resolveConfig, resolveSide, resolveVariant } from './options.ts';

/*
 * Assertions for users' own vitest (or any) suites, by subsystem and variant
 * name as the CLI takes them. Each throws an Error that says what failed and
 * where (the property, the path, the step) and returns nothing when the
 * expectation holds; none depends on a test framework. `replay --emit-test`
 * writes tests that call `expectHoldsAlong`.
 */

/** Options of `expectNoViolation`. */
export interface NoViolationOptions {
  /** A zoo variant to check instead of the unmodified impl. */
  readonly variant?: string;
  /** `both` (spec ⊗ impl in lockstep, the default), `spec` or `impl`. */
  readonly side?: Side;
}

function buildModel(subsystem: string, config: string, variant: string | null | undefined, side: Side): Model<unknown, unknown> {
  const s = findSubsystem(subsystem);
  return s.build(resolveConfig(s, config), { variant: resolveVariant(s, variant ?? undefined), side: resolveSide(s, side) });
}

function firstFailure(model: Model<unknown, unknown>, result: CheckResult): string {
  const d = result.discoveries.find((x) => x.kind !== 'witness');
  if (d === undefined) return `verdict ${result.verdict}${result.unreached.length === 0 ? '' : `: witnesses never reached: ${result.unreached.join('; ')}`}`;
  const labels = labelsOf(replay(model, d.path, { probeEnd: d.kind === 'exception' }));
  const message = d.message === undefined ? '' : ` (${d.message})`;
  return `"${d.property}" ${d.kind === 'exception' ? 'threw' : 'is violated'}${message} after ${d.path.actions.length} steps, path ${formatPath(d.path)}:\n  ${labels.join('\n  ')}`;
}

/**
 * Explores `subsystem` at `config` exhaustively (BFS; lockstep unless
 * `side` says otherwise) and throws unless the verdict is `ok`: no
 * violation, no exception, every witness reached — exactly when `xenspec
 * check SUBSYSTEM --config CONFIG` exits 0 with verdict ok. Takes as long as
 * that check: use small configurations in unit suites.
 */
export function expectNoViolation(subsystem: string, config: string, options: NoViolationOptions = {}): CheckResult {
  const model = buildModel(subsystem, config, options.variant, options.side ?? 'both');
  const result = explore(model, { strategy: 'bfs' });
  if (result.verdict !== 'ok') throw new Error(`${model.name}: ${firstFailure(model, result)}`);
  return result;
}

/**
 * Checks zoo variant `variant` (`argo/v1-empty-ring-space`) on its
 * configuration (BFS, lockstep), as `xenspec zoo` does, and throws unless
 * the first property violated is the one the variant is expected to break
 * (or `property`, when given): the bug must still be caught.
 */
export function expectCaught(variant: string, property?: string): CheckResult {
  const slash = variant.indexOf('/');
  if (slash < 0) throw new Error(`expectCaught: "${variant}" is not a variant id (subsystem/name; see \`xenspec list\`)`);
  const subsystem = findSubsystem(variant.slice(0, slash));
  const id = resolveVariant(subsystem, variant)!;
  const info = subsystem.variants.find((v) => v.id === id)!;
  const expected = property ?? info.expectedProperty;
  const model = subsystem.build(info.config, { variant: id, side: 'both' });
  const result = explore(model, { strategy: 'bfs' });
  const found = result.discoveries.find((d) => d.kind !== 'witness');
  if (found?.property !== expected) {
    throw new Error(
      `${id} on ${info.config}: expected "${expected}" to be violated, ${found === undefined ? `but nothing was (verdict ${result.verdict})` : `but "${found.property}" was first`}`,
    );
  }
  return result;
}

/** A path to follow and what must hold along it: the content of an emitted regression test. */
export interface PathCase {
  readonly subsystem: string;
  readonly config: string;
  /** The impl to follow the path on: a zoo variant id, or null for the unmodified impl. */
  readonly variant: string | null;
  readonly side: Side;
  /** `counterexample`: `property` must hold on every state (every step, for a transition property). `exception`: no step, property or `actions()` may throw. */
  readonly kind: 'counterexample' | 'exception';
  readonly property: string;
  /** The path as recorded (`0/3/1/…`): the initial state, and the index of each action where its label still matches. */
  readonly path: string;
  /** The label of each step's action (the recorded `actions` without `init #k`): the path is followed by these. */
  readonly actions: readonly string[];
}

/**
 * Follows a recorded path on the chosen impl and throws when the property
 * fails (or something throws) on any state along it. The path is followed
 * by its action labels: at each step the recorded action index is taken
 * when its label is the recorded one, else the one enabled action with that
 * label; when there is none, the path no longer applies to this impl and
 * that is an error too (regenerate the test from a new counterexample), so
 * the test can never pass by not looking.
 */
export function expectHoldsAlong(c: PathCase): void {
  const model = buildModel(c.subsystem, c.config, c.variant, c.side);
  const where = `${model.name}${c.variant === null ? ' (unmodified impl)' : ''}`;
  const indices = c.path.split('/').map(Number);
  const properties = model.properties();
  const property = properties.find((p) => p.name === c.property);
  if (c.kind === 'counterexample' && (property === undefined || property.expectation !== 'always')) {
    throw new Error(`${where} has no invariant "${c.property}"`);
  }
  const init = model.initStates()[indices[0]!];
  if (init === undefined) throw new Error(`${where} has no initial state #${indices[0]}`);
  let state = init;
  let label = `init #${indices[0]}`;
  const fail = (i: number, what: string, shown: unknown): never => {
    throw new Error(`${where}: ${what} at step ${i} ("${label}") of ${c.actions.length}\n${model.formatState(shown)}`);
  };
  const guard = <T>(i: number, what: string, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      return fail(i, `${what} threw: ${error instanceof Error ? error.message : String(error)}`, state);
    }
  };
  const judgeState = (i: number): void => {
    if (c.kind === 'exception') {
      for (const p of properties) if (!isTransitionProperty(p)) guard(i, `property "${p.name}"`, () => p.condition(state));
      guard(i, 'actions()', () => model.actions(state, []));
    } else if (property !== undefined && !isTransitionProperty(property) && !property.condition(state)) {
      fail(i, `"${c.property}" is violated`, state);
    }
  };
  judgeState(0);
  const enabled: unknown[] = [];
  c.actions.forEach((wanted, k) => {
    const i = k + 1;
    enabled.length = 0;
    guard(k, 'actions()', () => model.actions(state, enabled));
    const recorded = enabled[indices[i]!];
    const labelled = (a: unknown): boolean => clipLabel(stepLabel(model, state, a)) === wanted;
    const action = recorded !== undefined && labelled(recorded) ? recorded : enabled.find(labelled);
    label = wanted;
    if (action === undefined) fail(i, `the path no longer applies: "${wanted}" is not enabled`, state);
    const next = guard(i, 'the step', () => {
      const to = model.next(state, action);
      if (to !== undefined) model.withinBounds?.(to);
      return to;
    });
    if (next === undefined) return fail(i, `the path no longer applies: "${wanted}" has no successor`, state);
    if (c.kind === 'exception') {
      for (const p of properties) if (isTransitionProperty(p)) guard(i, `transition property "${p.name}"`, () => p.transition(state, action, next));
    } else if (property !== undefined && isTransitionProperty(property) && !property.transition(state, action, next)) {
      fail(i, `"${c.property}" is violated`, next);
    }
    state = next;
    judgeState(i);
  });
}
