import { clipLabel } from './counterexample-limits.ts';
import { Encoder, fingerprintHex } from './fingerprint.ts';
import { isTransitionProperty, type Model } from './model.ts';
import type { Path } from './path.ts';

/** One state along a replayed path. */
export interface ReplayStep<S, A> {
  /** 0 for the initial state, then 1, 2, ... */
  readonly index: number;
  /** The action that led here (absent for the initial state). */
  readonly action?: A;
  /** Readable action, or `init #k`. */
  readonly label: string;
  readonly state: S;
  readonly fingerprint: string;
  /** What the model says happened on this transition (outcomes, spec calls). */
  readonly explanation?: string;
}

/** Why a path could not be replayed. Codes are stable; messages say what to do. */
export interface ReplayError {
  readonly code: 'bad-init' | 'bad-action-index' | 'action-mismatch' | 'action-disabled' | 'fingerprint-mismatch' | 'length-mismatch';
  /** Index of the step that failed. */
  readonly step: number;
  readonly message: string;
}

/** Where an exception was thrown: in a step (`next`, the bounds, the encoding), in a transition property on a step, in `actions()` or in a state property. */
export type ThrownWhere = 'step' | 'transition' | 'actions' | 'property';

/** An exception met while replaying. */
export interface Thrown {
  /** The step that threw (`step`, `transition`), or the index of the state whose `actions()` or state property threw. */
  readonly step: number;
  /** The action of that step, or the label of that state's incoming action. */
  readonly label: string;
  readonly message: string;
  readonly during: ThrownWhere;
  /** The property that threw (`transition`, `property`). */
  readonly property?: string;
}

/** The result of a replay: the steps rebuilt, and an error if it stopped early. A thrown exception ends the replay as `thrown`. */
export interface ReplayOutcome<S, A> {
  readonly steps: ReplayStep<S, A>[];
  readonly error?: ReplayError;
  /**
   * The exception that ended the replay. When it was thrown by a step
   * (`step`, or a `transition` property on the last step), the states
   * rebuilt stop before that step's successor.
   */
  readonly thrown?: Thrown;
}

/** What a saved counterexample recorded, to compare against while replaying. */
export interface ReplayExpectation {
  readonly actions?: readonly string[];
  readonly fingerprints?: readonly string[];
}

/** How to replay. */
export interface ReplayOptions extends ReplayExpectation {
  /**
   * Also run what the checker runs at the end of the path, where an
   * exception counterexample was recorded: every transition property on the
   * last step, then every state property and `actions()` on the last state.
   */
  readonly probeEnd?: boolean;
}

const CAUSES = 'the model changed since the path was recorded, or it is nondeterministic ' + '(Map/Set insertion order, hidden mutable state, randomness)';

/** How a step is labelled in traces and files: `formatStep` when the model has one (it sees the state), else `formatAction`. */
export function stepLabel<S, A>(model: Model<S, A>, state: S, action: A): string {
  return model.formatStep !== undefined ? model.formatStep(state, action) : model.formatAction(action);
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Rebuilds the states along `path` from the model. When `expect` carries the
 * readable actions and fingerprints recorded with the path, every step is
 * compared with them and the first difference is a typed error (a
 * fingerprint list shorter than the path is compared as far as it goes: the
 * caller checks its length).
 */
export function replay<S, A>(model: Model<S, A>, path: Path, expect: ReplayOptions = {}): ReplayOutcome<S, A> {
  const encoder = new Encoder();
  const fp = (s: S): string => {
    encoder.reset();
    model.encode(s, encoder);
    encoder.fingerprint();
    return fingerprintHex(encoder.hi, encoder.lo);
  };
  const steps: ReplayStep<S, A>[] = [];
  const inits = model.initStates();
  const init = inits[path.init];
  if (init === undefined) {
    return { steps, error: { code: 'bad-init', step: 0, message: `the model has ${inits.length} initial states, the path starts at #${path.init}: ${CAUSES}` } };
  }
  if (expect.actions !== undefined && expect.actions.length !== path.actions.length + 1) {
    return { steps, error: { code: 'length-mismatch', step: 0, message: `the path has ${path.actions.length + 1} states but ${expect.actions.length} recorded actions` } };
  }
  const checkLabel = (index: number, label: string): ReplayError | undefined => {
    const wantLabel = expect.actions?.[index];
    if (wantLabel !== undefined && wantLabel !== clipLabel(label)) {
      return { code: 'action-mismatch', step: index, message: `step ${index}: the file says "${wantLabel}" but the model now takes "${clipLabel(label)}": ${CAUSES}` };
    }
    return undefined;
  };
  const checkFingerprint = (index: number, label: string, f: string): ReplayError | undefined => {
    const wantFp = expect.fingerprints?.[index];
    if (wantFp !== undefined && wantFp !== f) {
      return { code: 'fingerprint-mismatch', step: index, message: `step ${index} ("${label}"): state fingerprint ${f} differs from the recorded ${wantFp}: ${CAUSES}` };
    }
    return undefined;
  };
  const probe = expect.probeEnd === true;
  const last = path.actions.length;
  const properties = probe ? model.properties() : [];

  let state = init;
  let label = `init #${path.init}`;
  const labelError = checkLabel(0, label);
  if (labelError !== undefined) return { steps, error: labelError };
  let thrownAt: Omit<Thrown, 'message'> = { step: 0, label, during: 'step' };
  try {
    const f = fp(init);
    const error = checkFingerprint(0, label, f);
    if (error !== undefined) return { steps, error };
    steps.push({ index: 0, label, state: init, fingerprint: f });
    const actions: A[] = [];
    for (let i = 0; i < path.actions.length; i++) {
      const index = i + 1;
      actions.length = 0;
      thrownAt = { step: index - 1, label, during: 'actions' };
      model.actions(state, actions);
      const action = actions[path.actions[i]!];
      if (action === undefined) {
        return {
          steps,
          error: { code: 'bad-action-index', step: index, message: `step ${index}: ${actions.length} actions are enabled, the path takes #${path.actions[i]}: ${CAUSES}` },
        };
      }
      thrownAt = { step: index, label: '?', during: 'step' };
      label = stepLabel(model, state, action);
      const mismatch = checkLabel(index, label);
      if (mismatch !== undefined) return { steps, error: mismatch };
      thrownAt = { step: index, label, during: 'step' };
      const next = model.next(state, action);
      if (next === undefined) {
        return { steps, error: { code: 'action-disabled', step: index, message: `step ${index}: "${label}" has no successor now: ${CAUSES}` } };
      }
      model.withinBounds?.(next);
      if (probe && index === last) {
        for (const p of properties) {
          if (!isTransitionProperty(p)) continue;
          thrownAt = { step: index, label, during: 'transition', property: p.name };
          p.transition(state, action, next);
        }
        thrownAt = { step: index, label, during: 'step' };
      }
      const f = fp(next);
      const error = checkFingerprint(index, label, f);
      if (error !== undefined) return { steps, error };
      const explanation = model.explainStep?.(state, action, next);
      steps.push({ index, label, state: next, fingerprint: f, action, ...(explanation === undefined ? {} : { explanation }) });
      state = next;
    }
    if (probe) {
      for (const p of properties) {
        if (isTransitionProperty(p)) continue;
        thrownAt = { step: last, label, during: 'property', property: p.name };
        p.condition(state);
      }
      thrownAt = { step: last, label, during: 'actions' };
      actions.length = 0;
      model.actions(state, actions);
    }
  } catch (error) {
    return { steps, thrown: { ...thrownAt, message: messageOf(error) } };
  }
  return { steps };
}

/**
 * Replays `path` twice and reports the first step where the two runs differ
 * (enabled actions or state fingerprint): evidence of a nondeterministic model.
 */
export function checkDeterminism<S, A>(model: Model<S, A>, path: Path, options: { readonly probeEnd?: boolean } = {}): ReplayError | undefined {
  const first = replay(model, path, options);
  if (first.error !== undefined) return first.error;
  const fingerprints = first.steps.map((s) => s.fingerprint);
  const second = replay(model, path, { ...options, actions: labelsOf(first), fingerprints });
  if (second.error !== undefined) return second.error;
  const a = first.thrown;
  const b = second.thrown;
  if ((a === undefined) !== (b === undefined) || (a !== undefined && b !== undefined && (a.step !== b.step || a.during !== b.during || a.property !== b.property))) {
    return { code: 'fingerprint-mismatch', step: path.actions.length, message: `the path ended in an exception in one replay and not (or elsewhere) in the other: ${CAUSES}` };
  }
  return undefined;
}

/**
 * The label of every state along a replayed path (`init #k`, then each
 * step's), including the step that threw when the replay ended in one: the
 * `actions` of a counterexample file, one per state of the path.
 */
export function labelsOf<S, A>(outcome: ReplayOutcome<S, A>): string[] {
  const labels = outcome.steps.map((s) => clipLabel(s.label));
  if (outcome.thrown?.during === 'step' || outcome.thrown?.during === 'transition') labels.push(clipLabel(outcome.thrown.label));
  return labels;
}
