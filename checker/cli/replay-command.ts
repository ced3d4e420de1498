import { writeFileSync } from 'node:fs';
import { colorsFor } from './colors.ts';
import { renderTraceHtml } from '../report/html.ts';
import { emitRegressionTest } from './emit-test.ts';
import type { Output } from './output.ts';
import { checkOutputFile, describeFsError } from './output-files.ts';
import { findSubsystem, resolveVariant } from './options.ts';
import { loadReplay, replayTitle, traceDocument, type ReplayedFile } from './replay-load.ts';
import { UsageError } from '../subsystem.ts';
import { escapeControls, oneLine } from './text.ts';

/** Options of `xenspec replay`. */
export interface ReplayOptions {
  /** Print every state in full, not what changed since the previous step. */
  readonly full: boolean;
  /** Write the trace as a self-contained HTML page here instead of printing it. */
  readonly html?: string | undefined;
  /** Write a vitest regression test for the path here instead of printing the trace. */
  readonly emitTest?: string | undefined;
  /** With `emitTest`: the impl the test follows the path on (a variant id, or `none` for the unmodified impl); default the file's own. */
  readonly against?: string | undefined;
}

/**
 * `xenspec replay FILE`: validates the file, rebuilds its model, replays the
 * path, and decides whether the recorded discovery is reproduced (the
 * property still violated or reached at the end, or the same exception
 * thrown at the same place) before printing anything of the trace: a stale
 * or forged file is one line. Then prints the path step by step: what each
 * step did, and what changed in the state since the previous step (every
 * state in full with `--full`). With `--html OUT` or `--emit-test PATH` it
 * writes the page or the test instead of printing the trace (the output
 * paths are checked before the replay). Returns 1 when a counterexample or
 * an exception is reproduced, 0 for a reproduced witness; a file that is
 * missing, malformed, modified or stale is a CounterexampleFileError (exit 2).
 */
export function runReplay(filePath: string, io: Output, options: ReplayOptions = { full: false }): number {
  if (options.html !== undefined) checkOutputFile('--html', options.html);
  if (options.emitTest !== undefined) checkOutputFile('--emit-test', options.emitTest);
  if (options.against !== undefined && options.emitTest === undefined) throw new UsageError('--against applies only with --emit-test');
  const replayed = loadReplay(filePath);
  const against = options.against === undefined ? replayed.file.variant : againstVariant(replayed.file.subsystem, options.against);
  if (options.html === undefined && options.emitTest === undefined) {
    printTrace(replayed, io, options.full);
    return replayed.code;
  }
  const pc = colorsFor(io);
  io.out(pc.bold(replayTitle(replayed.file)));
  io.out(oneLine(replayed.conclusion, 20_000));
  if (options.html !== undefined) {
    writeOutput('--html', options.html, renderTraceHtml(traceDocument(replayed)));
    io.out(`trace written to ${oneLine(options.html)}`);
  }
  if (options.emitTest !== undefined) {
    writeOutput('--emit-test', options.emitTest, emitRegressionTest(replayed.file, filePath, options.emitTest, against));
    io.out(`regression test written to ${oneLine(options.emitTest)}`);
  }
  return replayed.code;
}

/** `--against`: `none` for the unmodified impl, or a variant of the file's subsystem (with or without its prefix). */
function againstVariant(subsystem: string, against: string): string | null {
  if (against === 'none') return null;
  return resolveVariant(findSubsystem(subsystem), against)!;
}

/** Writes an output file checked before the run; a failure now (a full disk) is one line, exit 2. */
function writeOutput(flag: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${flag} ${path}: ${describeFsError(error)}`);
  }
}

/** The text trace: each step's label and explanation, the initial state in full, then what changed (or every state with `full`). */
function printTrace(replayed: ReplayedFile, io: Output, full: boolean): void {
  const pc = colorsFor(io);
  const { file, steps, conclusion, code } = replayed;
  io.out(pc.bold(replayTitle(file)));
  if (!full) io.out('(each step shows what changed since the previous state: - before, + after; --full prints every state)');
  for (const step of steps) {
    io.out(pc.cyan(`── step ${step.index}: ${escapeControls(step.label)}`));
    if (step.explanation !== undefined) io.out(indent(step.explanation));
    if (full || step.index === 0) io.out(indent(step.lines.map(escapeControls).join('\n')));
    else if (step.diff.length === 0) io.out('   (state unchanged)');
    else io.out(step.diff.map((d) => `   ${d.op === '-' ? pc.red(`- ${escapeControls(d.line)}`) : pc.green(`+ ${escapeControls(d.line)}`)}`).join('\n'));
  }
  if (file.kind === 'exception') {
    io.out(pc.red(`── ${oneLine(conclusion, 20_000)}`));
    io.out(pc.red(`reproduced: the exception is thrown again after ${file.parsedPath.actions.length} steps`));
  } else {
    io.out(code === 1 ? pc.red(conclusion) : pc.green(conclusion));
  }
}

function indent(text: string): string {
  return `   ${text.split('\n').join('\n   ')}`;
}
