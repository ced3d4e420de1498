import pc from 'picocolors';
import { CounterexampleFileError, readCounterexample } from '../counterexample.ts';
import { isTransitionProperty } from '../model.ts';
import { replay } from '../replay.ts';
import { UsageError } from '../subsystem.ts';
import type { Output } from './check.ts';
import { findSubsystem, resolveConfig, resolveSide, resolveVariant } from './options.ts';

/**
 * `xenspec replay FILE`: validates the file, rebuilds its model, replays the
 * path step by step (state, and what each step did), and confirms that the
 * recorded property is still decided at the end. Returns 1 when a
 * counterexample is reproduced, 0 for a reproduced witness; a file that is
 * missing, malformed, modified or stale is a CounterexampleFileError (exit 2).
 */
export function runReplay(filePath: string, io: Output): number {
  const file = readCounterexample(filePath);
  const stale = (why: string): CounterexampleFileError => new CounterexampleFileError(`counterexample file ${filePath} is stale: ${why}`);
  let subsystem;
  let config: string;
  let variant: string | undefined;
  try {
    subsystem = findSubsystem(file.subsystem);
    config = resolveConfig(subsystem, file.config);
    variant = resolveVariant(subsystem, file.variant ?? undefined);
    resolveSide(subsystem, file.side);
  } catch (error) {
    if (error instanceof UsageError) throw stale(error.message);
    throw error;
  }
  const model = subsystem.build(config, { variant, side: file.side });
  const result = replay(model, file.parsedPath, { actions: file.actions.slice(0, file.actions.length - (file.kind === 'exception' ? 1 : 0)), fingerprints: file.fingerprints });
  if (result.error !== undefined) throw stale(result.error.message);

  io.out(pc.bold(`replay ${file.subsystem}/${file.config}${file.variant === null ? '' : ` [${file.variant}]`} side=${file.side}: ${file.kind} for "${file.property}"`));
  for (const step of result.steps) {
    io.out(pc.cyan(`── step ${step.index}: ${step.label}`));
    if (step.explanation !== undefined) io.out(`   ${step.explanation.split('\n').join('\n   ')}`);
    io.out(`   ${model.formatState(step.state).split('\n').join('\n   ')}`);
  }
  if (file.kind === 'exception') {
    if (result.thrown === undefined) throw stale('the recorded step no longer throws');
    io.out(pc.red(`── step ${result.thrown.step}: ${result.thrown.label} threw: ${result.thrown.message}`));
    return 1;
  }
  if (result.thrown !== undefined) throw stale(`step ${result.thrown.step} now throws: ${result.thrown.message}`);
  const property = model.properties().find((p) => p.name === file.property);
  if (property === undefined) throw stale(`the model no longer has a property "${file.property}"`);
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
  if (property.expectation === 'always') {
    io.out(pc.red(`reproduced: "${file.property}" is violated after ${result.steps.length - 1} steps`));
    return 1;
  }
  io.out(pc.green(`reproduced: witness "${file.property}" reached after ${result.steps.length - 1} steps`));
  return 0;
}
