import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { checkpointFile } from '../checkpoint.ts';
import { makeFolders } from '../folders.ts';
import { basename, join } from 'node:path';
import { colorsFor, type Colors } from './colors.ts';
import { sealCounterexample, counterexampleBody, CounterexampleFileError, writeCounterexample } from '../counterexample.ts';
import { formatPath } from '../path.ts';
import { checkResultsJson } from '../report/json.ts';
import { formatJunit, type DiscoveryTrace, type LabelledResult } from '../report/junit.ts';
import { formatSummary } from '../report/summary.ts';
import { checkDeterminism, labelsOf, replay } from '../replay.ts';
import { isFailure, type CheckResult, type Discovery } from '../result.ts';
import type { Model } from '../model.ts';
import type { Side, Subsystem } from '../subsystem.ts';
import { inThreadRunner, type CheckRunner } from './check-runner.ts';
import { DEFAULT_CHECKPOINT_MINUTES, defaultTargets, findSubsystem, resolveConfig, resolveSide, resolveVariant } from './options.ts';
import { checkOutputDir, checkOutputFile, describeFsError, writeReport } from './output-files.ts';
import type { Output } from './output.ts';
import { progressTo } from './progress.ts';
import { loadReplay, traceDocument } from './replay-load.ts';
import { count } from '../report/format.ts';
import { renderTraceHtml } from '../report/html.ts';
import { identityOf, RANDOM_WALK_LENGTH, randomTimeLimit, resumePoint, threadsOf, type RunRequest } from './run-request.ts';
import { UsageError } from '../subsystem.ts';
import { exitCodeOf } from './signals.ts';
import { ConcurrentChecks } from './check-concurrent.ts';
import { escapeControls, oneLine } from './text.ts';

/** Options of `xenspec check`, already validated. */
export interface CheckOptions {
  readonly config?: string | undefined;
  readonly variant?: string | undefined;
  readonly strategy: 'bfs' | 'dfs' | 'random';
  readonly maxDepth?: number | undefined;
  readonly maxStates?: number | undefined;
  readonly timeLimit?: number | undefined;
  readonly seed: number;
  /** Random walks to do (`--walks`); without it a random run walks until its time limit. */
  readonly walks?: number | undefined;
  readonly side: Side;
  readonly json?: string | undefined;
  readonly junit?: string | undefined;
  readonly counterexampleDir: string;
  /** Where to write an HTML trace page per counterexample file written (`--html DIR`). */
  readonly html?: string | undefined;
  readonly progress: boolean;
  /** Threads for breadth-first search and random walks (default: the runner's, every core on the command line). */
  readonly workers?: number | undefined;
  /** Budget in bytes for the seen-set, frontier and trace (`--memory`). */
  readonly memory?: number | undefined;
  /** `--checkpoint DIR`: save each run there (see checkpoint.ts). */
  readonly checkpoint?: string | undefined;
  /** `--checkpoint-every` (default 10). */
  readonly checkpointEveryMinutes?: number | undefined;
  /** `--resume DIR`: go on from the checkpoints there. */
  readonly resume?: string | undefined;
}

/** A model whose counterexample could not be replayed deterministically: exit code 3. */
export class NondeterminismError extends Error {
  override readonly name = 'NondeterminismError';
}

interface Target {
  readonly subsystem: Subsystem;
  readonly config: string;
  readonly variant: string | undefined;
  readonly side: Side;
}

function header(t: Target, o: CheckOptions, request: RunRequest, pc: Colors): string {
  const { threads, why } = threadsOf(request, t.subsystem.build(t.config, { variant: t.variant, side: t.side }));
  const bound = (v: number | undefined, unit = ''): string => (v === undefined ? '∞' : `${v}${unit}`);
  return (
    `${pc.bold(`xenspec check ${t.subsystem.name}`)}  config=${t.config}  variant=${t.variant ?? 'none'}  side=${t.side}  ` +
    `strategy=${o.strategy}${o.strategy === 'random' ? ` seed=${o.seed}` : ''}  workers=${threads}${why === undefined ? '' : ` (${why})`}  ` +
    (o.strategy === 'random'
      ? `bounds: ${o.walks === undefined ? '' : `walks ${o.walks}, `}walk length ${o.maxDepth ?? RANDOM_WALK_LENGTH}, states ${bound(o.maxStates)}, time ${bound(randomTimeLimit(o.timeLimit, o.walks), 's')}`
      : `bounds: depth ${bound(o.maxDepth)}, states ${bound(o.maxStates)}, time ${bound(o.timeLimit, 's')}`)
  );
}

/**
 * What a breadth- or depth-first run will need per state, as far as the model tells:
 * the seen-set (8 bytes a slot, at a load of 0.5–0.75) and the trace (8) per
 * state stored, and per state waiting its packed or word form plus 16 bytes
 * of id, depth and fingerprint; states kept as objects are not estimated.
 * With `--memory`, how many states the budget holds when few wait.
 */
export function memoryLine(model: Model<unknown, unknown>, memory: number | undefined): string {
  const stored = 8 / 0.625 + 8;
  const bytes = model.fast?.stateBytes !== undefined ? (model.fast.stateBytes + 3) & ~3 : model.packed !== undefined && model.fast !== undefined ? model.packed.bytes : undefined;
  const waiting = bytes === undefined ? 'states waiting are objects on the JavaScript heap (not estimated)' : `${bytes + 16} bytes per state waiting`;
  const heap = model.packed?.instanceLocal === true ? '; the lockstep memo of spec states lives on the JavaScript heap' : '';
  const budget =
    memory === undefined ? '' : `; --memory ${(memory / 2 ** 20).toFixed(0)} MiB holds about ${(memory / stored / 1e6).toPrecision(3)} million states stored while few wait`;
  return `memory: about ${stored.toFixed(0)} bytes per state stored (seen-set, trace), ${waiting}${heap}${budget}`;
}

/** Why a run stopped for memory, in words. */
function memoryWhy(result: CheckResult, memory: number | undefined): string {
  if (result.memoryStop === 'heap') return 'with the JavaScript heap nearly full (the lockstep memo and object states live there)';
  if (result.memoryStop !== 'allocation' && memory !== undefined) return `at the --memory budget of ${(memory / 2 ** 20).toFixed(0)} MiB`;
  return 'because an allocation failed';
}

function requestOf(t: Target, o: CheckOptions, runner: CheckRunner): RunRequest {
  return {
    subsystem: t.subsystem.name,
    config: t.config,
    variant: t.variant,
    side: t.side,
    strategy: o.strategy,
    maxDepth: o.maxDepth,
    maxStates: o.maxStates,
    timeLimit: o.timeLimit,
    seed: o.seed,
    walks: o.walks,
    workers: o.workers ?? runner.defaultWorkers,
    helperScript: runner.helperScript,
    memory: o.memory,
    checkpoint: o.checkpoint === undefined ? undefined : { dir: o.checkpoint, everyMs: (o.checkpointEveryMinutes ?? DEFAULT_CHECKPOINT_MINUTES) * 60_000 },
    resume: o.resume,
  };
}

/**
 * Before anything is explored: `--checkpoint DIR` must be a folder that can
 * be made, and every checkpoint in `--resume DIR` must be whole and of one of
 * the runs asked for (read and matched as the run will). Returns, per
 * target, the checkpoint it resumes from (or undefined: it starts afresh).
 */
function checkCheckpoints(targets: readonly Target[], o: CheckOptions, runner: CheckRunner): (string | undefined)[] {
  if (o.checkpoint !== undefined) checkOutputDir('--checkpoint', o.checkpoint);
  if (o.resume === undefined) return targets.map(() => undefined);
  const dir = o.resume;
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--resume ${oneLine(dir)}: not a folder`);
    names = readdirSync(dir).filter((n) => n.endsWith('.xsckpt'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--resume ${oneLine(dir)}: ${describeFsError(error)}`);
  }
  const found = targets.map((t) => {
    const request = requestOf(t, o, runner);
    const model = t.subsystem.build(t.config, { variant: t.variant, side: t.side });
    return resumePoint(request, model)?.file;
  });
  const used = new Set(found.filter((f) => f !== undefined).map((f) => basename(f)));
  const foreign = names.find((n) => !used.has(n));
  if (foreign !== undefined)
    throw new UsageError(`--resume ${oneLine(dir)}: checkpoint ${oneLine(foreign)} is not of a run this command asks for (${targets.map(labelOf).join(', ')})`);
  if (used.size === 0) throw new UsageError(`--resume ${oneLine(dir)}: no checkpoint there`);
  return found;
}

/** `argo/default [variant] (only impl)`: how a target is named in summaries and reports. */
function labelOf(t: Target): string {
  return `${t.subsystem.name}/${t.config}${t.variant === undefined ? '' : ` [${t.variant}]`}${t.side === 'both' ? '' : ` (only ${t.side})`}`;
}

/** The command that goes on from the checkpoints of this command's runs. */
function resumeCommand(names: readonly string[], o: CheckOptions, dir: string): string {
  const q = (s: string): string => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ['npx xenspec check', ...names.map(q)];
  if (o.config !== undefined) parts.push('--config', q(o.config));
  if (o.variant !== undefined) parts.push('--variant', q(o.variant));
  if (o.side !== 'both') parts.push('--only', o.side);
  if (o.strategy !== 'bfs') parts.push('--strategy', o.strategy);
  if (o.maxDepth !== undefined) parts.push('--max-depth', String(o.maxDepth));
  parts.push('--resume', q(dir), '--checkpoint', q(dir));
  if (o.checkpointEveryMinutes !== undefined && o.checkpointEveryMinutes !== DEFAULT_CHECKPOINT_MINUTES) parts.push('--checkpoint-every', String(o.checkpointEveryMinutes));
  return parts.join(' ');
}

/** A discovery replayed: its labels, and the file written (or why none was). */
export interface Saved {
  readonly labels: readonly string[];
  readonly file?: string;
  /** Why no file was written: a limit of counterexample files (`limit`), or the file system (`io`). */
  readonly notWritten?: { readonly why: string; readonly cause: 'limit' | 'io' };
}

/** Replays a discovery, checks the model replays it identically twice, and writes the counterexample file. */
function saveDiscovery(t: Target, d: Discovery, dir: string): Saved {
  const model = t.subsystem.build(t.config, { variant: t.variant, side: t.side });
  const probeEnd = d.kind === 'exception';
  const nondeterministic = checkDeterminism(model, d.path, { probeEnd });
  if (nondeterministic !== undefined) throw new NondeterminismError(`replaying the counterexample for "${d.property}" failed: ${nondeterministic.message}`);
  const r = replay(model, d.path, { probeEnd });
  if (probeEnd && r.thrown === undefined) throw new NondeterminismError(`replaying the exception "${d.message ?? ''}" did not throw it again`);
  const labels = labelsOf(r);
  const body = counterexampleBody({
    subsystem: t.subsystem.name,
    config: t.config,
    variant: t.variant,
    side: t.side,
    property: d.property,
    kind: d.kind,
    path: d.path,
    actions: labels,
    fingerprints: r.steps.map((s) => s.fingerprint),
    message: d.message,
  });
  return writeSealed(dir, body, labels);
}

/** Seals and writes a counterexample body into `dir`; a size limit or a write failure is reported in `notWritten`, not thrown. */
export function writeSealed(dir: string, body: Parameters<typeof sealCounterexample>[0], labels: readonly string[]): Saved {
  try {
    return { labels, file: writeCounterexample(dir, sealCounterexample(body)) };
  } catch (error) {
    if (error instanceof CounterexampleFileError) return { labels, notWritten: { why: error.message, cause: 'limit' } };
    return { labels, notWritten: { why: describeFsError(error), cause: 'io' } };
  }
}

/**
 * Writes the HTML trace page of a counterexample file just written, into
 * `dir` under the file's own name (`.html` for `.json`), from the file as
 * `replay --html` reads it. A write that fails is one line; false then.
 */
function writeTracePage(file: string, dir: string, io: Output): boolean {
  const page = join(dir, `${basename(file, '.json')}.html`);
  try {
    makeFolders(dir);
    writeFileSync(page, renderTraceHtml(traceDocument(loadReplay(file))));
  } catch (error) {
    if (error instanceof CounterexampleFileError) throw new NondeterminismError(`the counterexample file just written does not replay: ${error.message}`);
    io.err(`xenspec: cannot write --html ${oneLine(page)}: ${describeFsError(error)}`);
    return false;
  }
  io.out(`  trace page written to ${page}`);
  return true;
}

/** Steps listed in full on the terminal; a longer path shows its first and last `SHOWN / 2` steps. */
const SHOWN = 40;
/** Characters of a path or an exception message shown on the terminal. */
const SHOWN_CHARS = 300;

/** Prints a violation: what failed, the path (shortened when long, pointing at the file), and where the file is. */
export function printDiscovery(d: Discovery, saved: Saved, io: Output): void {
  const pc = colorsFor(io);
  const where = saved.file === undefined ? 'the counterexample file (not written)' : saved.file;
  const message = d.message === undefined ? '' : ` — ${oneLine(d.message, SHOWN_CHARS)}${d.message.length > SHOWN_CHARS ? ` (the whole message is in ${where})` : ''}`;
  io.out(pc.red(`${d.kind === 'exception' ? 'exception' : 'violated'}: ${escapeControls(d.property)}${message}`));
  const path = formatPath(d.path);
  const shownPath = path.length <= SHOWN_CHARS || saved.file === undefined ? path : `${path.slice(0, SHOWN_CHARS)}…`;
  io.out(`  path ${shownPath} (${d.path.actions.length} steps):`);
  const line = (label: string, i: number): void => io.out(`    ${String(i).padStart(3)}  ${oneLine(label, SHOWN_CHARS)}`);
  if (saved.labels.length <= SHOWN) saved.labels.forEach(line);
  else {
    saved.labels.slice(0, SHOWN / 2).forEach(line);
    io.out(`    …  ${saved.labels.length - SHOWN} steps not shown${saved.file === undefined ? '' : `: the whole path is in ${saved.file}`}`);
    saved.labels.slice(-SHOWN / 2).forEach((label, i) => line(label, saved.labels.length - SHOWN / 2 + i));
  }
  if (saved.file !== undefined) {
    io.out(`  counterexample written to ${saved.file}`);
    io.out(`  replay it: npx xenspec replay ${saved.file}`);
  } else {
    io.out(pc.red(`  counterexample not written: ${oneLine(saved.notWritten?.why ?? 'unknown')}`));
  }
}

/**
 * `xenspec check`: explores each target and prints a header, progress and a
 * summary; writes a counterexample file per violation. Returns the exit code:
 * 1 when any target failed (a violation, or a witness never reached on an
 * exhaustive run: verdict `violated` or `unreached`), else 0 (`ok`, or
 * `incomplete` when a bound cut the run); 2 when an output file could not
 * be written after the run (the results are printed anyway). The output
 * paths are checked before anything is explored. Interrupted by SIGINT or
 * SIGTERM (through `runner`), the check in progress ends with its partial
 * result, which is printed and reported like any other; no further target
 * starts, and the exit code is 130 or 143.
 */
export async function runCheck(names: readonly string[], o: CheckOptions, io: Output, runner: CheckRunner = inThreadRunner()): Promise<number> {
  const subsystems = names.length === 0 ? defaultTargets() : names.map(findSubsystem);
  const targets: Target[] = subsystems.map((subsystem) => ({
    subsystem,
    config: resolveConfig(subsystem, o.config),
    variant: resolveVariant(subsystem, o.variant),
    side: resolveSide(subsystem, o.side),
  }));
  if (o.json !== undefined) checkOutputFile('--json', o.json);
  if (o.junit !== undefined) checkOutputFile('--junit', o.junit);
  checkOutputDir('--out-dir', o.counterexampleDir);
  if (o.html !== undefined) checkOutputDir('--html', o.html);
  const resumes = checkCheckpoints(targets, o, runner);
  const pc = colorsFor(io);
  const results: LabelledResult[] = [];
  let exit = 0;
  let writeFailed = false;
  const requests = targets.map((t) => requestOf(t, o, runner));
  const checks = new ConcurrentChecks(runner, requests, progressTo(io, o.progress), (i) =>
    targets[i]!.subsystem.build(targets[i]!.config, { variant: targets[i]!.variant, side: targets[i]!.side }),
  );
  if (checks.width > 1) io.out(pc.dim(`checking ${targets.length} targets, ${checks.width} at a time (each runs on one thread); results in order`));
  for (const [i, t] of targets.entries()) {
    if (runner.interrupted !== undefined && !checks.started(i)) {
      io.out(
        pc.yellow(
          `not checked (interrupted): ${targets
            .slice(i)
            .map((n) => n.subsystem.name)
            .join(', ')}`,
        ),
      );
      break;
    }
    const request = requests[i]!;
    io.out(header(t, o, request, pc));
    if (o.strategy !== 'random') io.out(pc.dim(memoryLine(t.subsystem.build(t.config, { variant: t.variant, side: t.side }), o.memory)));
    const resumeFile = resumes[i];
    if (resumeFile !== undefined) io.out(`resuming from ${resumeFile}`);
    else if (o.resume !== undefined) io.out(`no checkpoint of this run in ${o.resume}: starting from the initial states`);
    let result: CheckResult;
    try {
      result = await checks.result(i);
    } catch (error) {
      // Whatever else is running stops at its next batch, so the process can end.
      runner.stopAll();
      // The heap ran out in the worker (no summary is possible): point at the last periodic checkpoint, if one was written.
      if (o.checkpoint !== undefined && (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const model = t.subsystem.build(t.config, { variant: t.variant, side: t.side });
        const file = checkpointFile(o.checkpoint, identityOf(request, model));
        if (existsSync(file)) io.out(`  the last periodic checkpoint stays in ${file}; resume it with more memory: ${resumeCommand(names, o, o.checkpoint)}`);
      }
      throw error;
    }
    io.progress?.('');
    io.out(formatSummary(result, pc));
    const from = result.resumedFrom;
    if (from !== undefined) {
      io.out(
        `  resumed from a checkpoint of ${count(from.distinct)} states after ${from.seconds.toFixed(1)} s; its ${count(from.frontier)} waiting states rebuilt in ${from.rebuildSeconds.toFixed(1)} s (the counts and time include the earlier sessions)`,
      );
    }
    const threads = result.parallel;
    if (threads !== undefined && threads.threads > 1) {
      io.out(
        pc.dim(
          `  levels expanded on ${threads.threads} threads: ${threads.levelsShared}; on one: ${threads.levelsAlone} (before the helpers were ready, or where an invariant was violated, a step threw or a bound cut)`,
        ),
      );
    }
    if (result.checkpoint !== undefined) io.out(`  checkpoint written to ${result.checkpoint}`);
    if (result.checkpointError !== undefined) {
      io.err(`xenspec: cannot write the checkpoint in --checkpoint ${oneLine(o.checkpoint ?? '')}: ${oneLine(result.checkpointError)}`);
      writeFailed = true;
    }
    if (o.checkpoint !== undefined && result.checkpoint !== undefined && result.verdict === 'incomplete') io.out(`  resume it: ${resumeCommand(names, o, o.checkpoint)}`);
    if (result.stoppedBy.includes('memory')) {
      io.out(
        pc.yellow(
          `memory: stopped ${memoryWhy(result, o.memory)}; to go further ${result.memoryStop === 'heap' ? 'raise the heap (NODE_OPTIONS=--max-old-space-size=MB)' : 'give a larger --memory'}, bound the run (--max-states, --max-depth, a smaller --config) or use a machine with more memory${o.checkpoint === undefined ? '' : ', and resume from the checkpoint'}`,
        ),
      );
    }
    const traces: DiscoveryTrace[] = [];
    for (const d of result.discoveries) {
      if (d.kind === 'witness') continue;
      exit = 1;
      const saved = saveDiscovery(t, d, o.counterexampleDir);
      traces.push({ discovery: d, labels: saved.labels, file: saved.file, notWritten: saved.notWritten?.why });
      printDiscovery(d, saved, io);
      if (o.html !== undefined && saved.file !== undefined && !writeTracePage(saved.file, o.html, io)) writeFailed = true;
      if (saved.notWritten?.cause === 'io') {
        io.err(`xenspec: cannot write a counterexample file in --out-dir ${oneLine(o.counterexampleDir)}: ${saved.notWritten.why}`);
        writeFailed = true;
      }
    }
    if (result.verdict === 'unreached') {
      for (const w of result.unreached) io.out(pc.red(`unreached: ${w} — the run was exhaustive and never reached this witness`));
    }
    if (isFailure(result)) exit = 1;
    io.out('');
    const label = labelOf(t);
    results.push({ label, subsystem: t.subsystem.name, config: t.config, variant: t.variant, side: t.side, result, traces });
  }
  if (o.json !== undefined && !writeReport('--json', o.json, checkResultsJson(results, o, exit === 1), io)) writeFailed = true;
  if (o.junit !== undefined && !writeReport('--junit', o.junit, formatJunit(results), io)) writeFailed = true;
  if (writeFailed) return 2;
  return runner.interrupted === undefined ? exit : exitCodeOf(runner.interrupted);
}
