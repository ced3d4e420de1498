import { Encoder, fingerprintHex } from './fingerprint.ts';
import type { Model } from './model.ts';
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

/** The result of a replay: the steps rebuilt, and an error if it stopped early. A thrown exception ends the replay as the last step's `thrown`. */
export interface ReplayOutcome<S, A> {
  readonly steps: ReplayStep<S, A>[];
  readonly error?: ReplayError;
  /** The exception thrown by the step after the last one, when the path ends in one. */
  readonly thrown?: { readonly step: number; readonly label: string; readonly message: string };
}

/** What a saved counterexample recorded, to compare against while replaying. */
export interface ReplayExpectation {
  readonly actions?: readonly string[];
  readonly fingerprints?: readonly string[];
}

const CAUSES = 'the model changed since the path was recorded, or it is nondeterministic ' + '(Map/Set insertion order, hidden mutable state, randomness)';

/**
 * Rebuilds the states along `path` from the model. When `expect` carries the
 * readable actions and fingerprints recorded with the path, every step is
 * compared with them and the first difference is a typed error.
 */
export function replay<S, A>(model: Model<S, A>, path: Path, expect: ReplayExpectation = {}): ReplayOutcome<S, A> {
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
  const check = (index: number, label: string, state: S): ReplayError | undefined => {
    const f = fp(state);
    const wantLabel = expect.actions?.[index];
    if (wantLabel !== undefined && wantLabel !== label) {
      return { code: 'action-mismatch', step: index, message: `step ${index}: the file says "${wantLabel}" but the model now takes "${label}": ${CAUSES}` };
    }
    const wantFp = expect.fingerprints?.[index];
    if (wantFp !== undefined && wantFp !== f) {
      return { code: 'fingerprint-mismatch', step: index, message: `step ${index} ("${label}"): state fingerprint ${f} differs from the recorded ${wantFp}: ${CAUSES}` };
    }
    steps.push({ index, label, state, fingerprint: f });
    return undefined;
  };
  if (expect.actions !== undefined && expect.actions.length !== path.actions.length + 1) {
    return { steps, error: { code: 'length-mismatch', step: 0, message: `the path has ${path.actions.length + 1} states but ${expect.actions.length} recorded actions` } };
  }
  const initError = check(0, `init #${path.init}`, init);
  if (initError !== undefined) return { steps, error: initError };

  let state = init;
  const actions: A[] = [];
  for (let i = 0; i < path.actions.length; i++) {
    const index = i + 1;
    actions.length = 0;
    let action: A | undefined;
    let label = '?';
    try {
      model.actions(state, actions);
      action = actions[path.actions[i]!];
      if (action === undefined) {
        return {
          steps,
          error: { code: 'bad-action-index', step: index, message: `step ${index}: ${actions.length} actions are enabled, the path takes #${path.actions[i]}: ${CAUSES}` },
        };
      }
      label = model.formatAction(action);
      const next = model.next(state, action);
      if (next === undefined) {
        return { steps, error: { code: 'action-disabled', step: index, message: `step ${index}: "${label}" has no successor now: ${CAUSES}` } };
      }
      const error = check(index, label, next);
      if (error !== undefined) return { steps, error };
      const explanation = model.explainStep?.(state, action, next);
      if (explanation !== undefined) steps[steps.length - 1] = { ...steps[steps.length - 1]!, action, explanation };
      else steps[steps.length - 1] = { ...steps[steps.length - 1]!, action };
      state = next;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { steps, thrown: { step: index, label, message } };
    }
  }
  return { steps };
}

/**
 * Replays `path` twice and reports the first step where the two runs differ
 * (enabled actions or state fingerprint): evidence of a nondeterministic model.
 */
export function checkDeterminism<S, A>(model: Model<S, A>, path: Path): ReplayError | undefined {
  const first = replay(model, path);
  if (first.error !== undefined) return first.error;
  const fingerprints = first.steps.map((s) => s.fingerprint);
  const second = replay(model, path, first.thrown === undefined ? { actions: first.steps.map((s) => s.label), fingerprints } : { fingerprints });
  if (second.error !== undefined) return second.error;
  if ((first.thrown === undefined) !== (second.thrown === undefined)) {
    return { code: 'fingerprint-mismatch', step: path.actions.length, message: `the last step threw in one replay and not in the other: ${CAUSES}` };
  }
  return undefined;
}
