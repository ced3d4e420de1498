import { clipMessage } from '../counterexample-limits.ts';
import { CounterexampleFileError, readCounterexample, type CounterexampleFile } from '../counterexample.ts';
import type { Path } from '../path.ts';
import { isTransitionProperty } from '../model.ts';
import { replay, type Thrown } from '../replay.ts';
import { UsageError } from '../subsystem.ts';
import type { TraceDocument } from '../report/html.ts';
import { traceSteps, type TraceStep } from '../trace-view.ts';
import { pairModel, resolvePair } from './diff-pair.ts';
import { findSubsystem, resolveConfig, resolveSide, resolveVariant } from './options.ts';
import { escapeControls } from './text.ts';

/** A counterexample file replayed and judged: what `replay` prints, `--html` shows and `--emit-test` pins. */
export interface ReplayedFile {
  readonly file: CounterexampleFile & { readonly parsedPath: Path };
  /** Every state along the path, with what each step did and changed. */
  readonly steps: readonly TraceStep[];
  /** What the end of the path shows: `reproduced: "…" is violated after N steps`, or where the exception was thrown and its message. */
  readonly conclusion: string;
  /** The exit code `replay` returns: 1 for a counterexample or an exception, 0 for a witness. */
  readonly code: number;
}

/** Where an exception was thrown, in words (`step 2: inc 1 → 2 threw`). */
export function describeThrown(t: Thrown): string {
  const label = escapeControls(t.label);
  switch (t.during) {
    case 'step':
      return `step ${t.step}: ${label} threw`;
    case 'transition':
      return `step ${t.step}: ${label}: transition property "${escapeControls(t.property ?? '?')}" threw`;
    case 'actions':
      return `state ${t.step}: actions() threw`;
    case 'property':
      return `state ${t.step}: property "${escapeControls(t.property ?? '?')}" threw`;
  }
}

/**
 * Validates a counterexample file, rebuilds its model, replays the path and
 * decides whether the recorded discovery is reproduced: the property still
 * violated (or the witness reached) at the end, or the same exception thrown
 * at the same place with the same message. A file that is missing,
 * malformed, modified, inconsistent or stale is a `CounterexampleFileError`
 * (one line, exit 2); nothing of the trace is returned then.
 */
export function loadReplay(filePath: string): ReplayedFile {
  const file = readCounterexample(filePath);
  const stale = (why: string): CounterexampleFileError => new CounterexampleFileError(`counterexample file ${filePath} is stale: ${why}`);
  const forged = (why: string): CounterexampleFileError => new CounterexampleFileError(`counterexample file ${filePath} is inconsistent: ${why}`);
  let model;
  try {
    if (file.against !== undefined) {
      model = pairModel(resolvePair(file.subsystem, file.config, [file.variant ?? 'unmodified', ...(file.against === null ? [] : [file.against])]));
    } else {
      const subsystem = findSubsystem(file.subsystem);
      const config = resolveConfig(subsystem, file.config);
      const variant = resolveVariant(subsystem, file.variant ?? undefined);
      resolveSide(subsystem, file.side);
      model = subsystem.build(config, { variant, side: file.side });
    }
  } catch (error) {
    if (error instanceof UsageError) throw stale(error.message);
    throw error;
  }
  const steps = file.parsedPath.actions.length;
  const result = replay(model, file.parsedPath, { actions: file.actions, fingerprints: file.fingerprints, probeEnd: file.kind === 'exception' });
  if (result.error !== undefined) throw stale(result.error.message);

  let conclusion: string;
  let code: number;
  if (file.kind === 'exception') {
    const thrown = result.thrown;
    if (thrown === undefined) throw stale('the recorded exception is no longer thrown at the end of the path');
    if (thrown.step !== steps) throw stale(`${describeThrown(thrown)} before the end of the path: ${thrown.message}`);
    if (clipMessage(thrown.message) !== file.message) throw stale(`the exception's message is now "${clipMessage(thrown.message)}"`);
    conclusion = `${describeThrown(thrown)}: ${thrown.message}`;
    code = 1;
  } else {
    if (result.thrown !== undefined) throw stale(`${describeThrown(result.thrown)}: ${result.thrown.message}`);
    const property = model.properties().find((p) => p.name === file.property);
    if (property === undefined) throw stale(`the model no longer has a property "${file.property}"`);
    const expected = file.kind === 'witness' ? 'sometimes' : 'always';
    if (property.expectation !== expected)
      throw forged(`it records a ${file.kind} for "${file.property}", which is ${property.expectation === 'always' ? 'an invariant' : 'a witness'}`);
    const last = result.steps[result.steps.length - 1]!;
    let holds: boolean;
    if (isTransitionProperty(property)) {
      const prev = result.steps[result.steps.length - 2];
      if (prev === undefined || last.action === undefined) throw stale('a transition property needs at least one step');
      holds = property.transition(prev.state, last.action, model.next(prev.state, last.action)!);
    } else {
      holds = property.condition(last.state);
    }
    const decided = property.expectation === 'always' ? !holds : holds;
    if (!decided) throw stale(`"${file.property}" is no longer ${property.expectation === 'always' ? 'violated' : 'reached'} at the end of the path`);
    conclusion =
      file.kind === 'difference'
        ? `reproduced: ${file.variant ?? 'unmodified'} and ${file.against ?? 'unmodified'} differ after ${steps} steps`
        : property.expectation === 'always'
          ? `reproduced: "${file.property}" is violated after ${steps} steps`
          : `reproduced: witness "${file.property}" reached after ${steps} steps`;
    code = property.expectation === 'always' ? 1 : 0;
  }
  if (file.fingerprints.length !== result.steps.length) throw forged(`${file.fingerprints.length} fingerprints for the ${result.steps.length} states the path reaches`);
  return { file, steps: traceSteps(model, result), conclusion, code };
}

/** The heading of a replay: `replay argo/small [argo/v1-…] side=both: counterexample for "…"`. */
export function replayTitle(file: CounterexampleFile): string {
  if (file.against !== undefined)
    return `replay ${file.subsystem}/${file.config}: ${file.kind} between ${file.variant ?? 'unmodified'} and ${file.against ?? 'unmodified'} (lines marked ≠ differ)`;
  return `replay ${file.subsystem}/${file.config}${file.variant === null ? '' : ` [${file.variant}]`} side=${file.side}: ${file.kind} for "${escapeControls(file.property)}"`;
}

/** What the HTML trace page of a replayed file shows. */
export function traceDocument(replayed: ReplayedFile): TraceDocument {
  const { file } = replayed;
  return {
    title: replayTitle(file),
    subsystem: file.subsystem,
    config: file.config,
    variant: file.variant,
    side: file.side,
    property: file.property,
    kind: file.kind,
    path: file.path,
    conclusion: replayed.conclusion,
    steps: replayed.steps,
  };
}
