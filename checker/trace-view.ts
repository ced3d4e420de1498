import type { ActorFrame, RefinementView, StepView } from './inspect.ts';
import type { Model } from './model.ts';
import type { ReplayOutcome } from './replay.ts';
import { lineDiff, type DiffLine } from './state-diff.ts';

/**
 * One step of a replayed path as every trace reader shows it — the text of
 * `xenspec replay` and the HTML viewer alike: its label, what the model says
 * it did, the state it reached and what changed since the previous state.
 */
export interface TraceStep {
  /** 0 for the initial state. */
  readonly index: number;
  readonly label: string;
  /** Actor, operation and step, when the model tells them (`Model.inspect.step`). */
  readonly view?: StepView;
  /** The spec call linearized and the outcomes compared (`Model.explainStep`). */
  readonly explanation?: string;
  /** The state reached, one line per element of `Model.formatState`. */
  readonly lines: readonly string[];
  /** What changed since the previous state: `-` lines of the previous rendering, `+` lines of this one (empty for the initial state). */
  readonly diff: readonly DiffLine[];
  /** Each actor's in-flight operation in this state (`Model.inspect.frames`). */
  readonly frames?: readonly ActorFrame[];
  /** The spec beside `abstract(impl)` in this state (`Model.inspect.refinement`). */
  readonly refinement?: RefinementView;
}

/** The steps of a replayed path, with everything a reader of the trace is shown. */
export function traceSteps<S, A>(model: Model<S, A>, outcome: ReplayOutcome<S, A>): TraceStep[] {
  const inspect = model.inspect;
  const out: TraceStep[] = [];
  let previous: string[] | undefined;
  outcome.steps.forEach((step, i) => {
    const lines = model.formatState(step.state).split('\n');
    const from = i === 0 ? undefined : outcome.steps[i - 1]!.state;
    const view = from === undefined || step.action === undefined ? undefined : inspect?.step?.(from, step.action);
    const frames = inspect?.frames?.(step.state);
    const refinement = inspect?.refinement?.(step.state);
    out.push({
      index: step.index,
      label: step.label,
      lines,
      diff: previous === undefined ? [] : lineDiff(previous, lines),
      ...(view === undefined ? {} : { view }),
      ...(step.explanation === undefined ? {} : { explanation: step.explanation }),
      ...(frames === undefined ? {} : { frames }),
      ...(refinement === undefined ? {} : { refinement }),
    });
    previous = lines;
  });
  return out;
}
