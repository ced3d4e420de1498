import { colorsFor } from './colors.ts';
import { clipMessage } from '../counterexample-limits.ts';
import { CounterexampleFileError, readCounterexample } from '../counterexample.ts';
import { isTransitionProperty } from '../model.ts';
import { replay, type Thrown } from '../replay.ts';
import { UsageError } from '../subsystem.ts';
import type { Output } from './output.ts';
import { pairModel, resolvePair } from './diff-command.ts';
import { findSubsystem, resolveConfig, resolveSide, resolveVariant } from './options.ts';
import { lineDiff } from './state-diff.ts';
import { escapeControls, oneLine } from './text.ts';

/** Options of `xenspec replay`. */
export interface ReplayOptions {
  /** Print every state in full, not what changed since the previous step. */
  readonly full: boolean;
}

function describeThrown(t: Thrown): string {
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
 * `xenspec replay FILE`: validates the file, rebuilds its model, replays the
 * path, and decides whether the recorded discovery is reproduced (the
 * property still violated or reached at the end, or the same exception
 * thrown at the same place) before printing anything of the trace: a stale
 * or forged file is one line. Then prints the path step by step: what each
 * step did, and what changed in the state since the previous step (every
 * state in full with `--full`). Returns 1 when a counterexample or an
 * exception is reproduced, 0 for a reproduced witness; a file that is
 * missing, malformed, modified or stale is a CounterexampleFileError (exit 2).
 */
export function runReplay(filePath: string, io: Output, options: ReplayOptions = { full: false }): number {
  const pc = colorsFor(io);
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

  // Decide before printing anything.
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

  io.out(
    pc.bold(
      file.against === undefined
        ? `replay ${file.subsystem}/${file.config}${file.variant === null ? '' : ` [${file.variant}]`} side=${file.side}: ${file.kind} for "${escapeControls(file.property)}"`
        : `replay ${file.subsystem}/${file.config}: ${file.kind} between ${file.variant ?? 'unmodified'} and ${file.against ?? 'unmodified'} (lines marked ≠ differ)`,
    ),
  );
  if (!options.full) io.out('(each step shows what changed since the previous state: - before, + after; --full prints every state)');
  let previous: string[] | undefined;
  for (const step of result.steps) {
    io.out(pc.cyan(`── step ${step.index}: ${escapeControls(step.label)}`));
    if (step.explanation !== undefined) io.out(indent(step.explanation));
    const lines = model.formatState(step.state).split('\n').map(escapeControls);
    if (options.full || previous === undefined) io.out(indent(lines.join('\n')));
    else {
      const diff = lineDiff(previous, lines);
      io.out(diff.length === 0 ? '   (state unchanged)' : diff.map((d) => `   ${d.op === '-' ? pc.red(`- ${d.line}`) : pc.green(`+ ${d.line}`)}`).join('\n'));
    }
    previous = lines;
  }
  if (file.kind === 'exception') {
    io.out(pc.red(`── ${oneLine(conclusion, 20_000)}`));
    io.out(pc.red(`reproduced: the exception is thrown again after ${steps} steps`));
  } else {
    io.out(code === 1 ? pc.red(conclusion) : pc.green(conclusion));
  }
  return code;
}

function indent(text: string): string {
  return `   ${text.split('\n').join('\n   ')}`;
}
