import { colorsFor } from './colors.ts';
import { NondeterminismError, printDiscovery, type Saved } from './check.ts';
import { counterexampleBody, CounterexampleFileError, sealCounterexample, writeCounterexample } from '../counterexample.ts';
import { explore } from '../explore.ts';
import type { Model } from '../model.ts';
import { count } from '../report/format.ts';
import { checkDeterminism, labelsOf, replay } from '../replay.ts';
import { isExhaustive, type Discovery } from '../result.ts';
import { differenceOf } from '../revision-diff.ts';
import { revisionName, UsageError, type Subsystem } from '../subsystem.ts';
import { findSubsystem, resolveConfig } from './options.ts';
import { checkOutputDir, describeFsError } from './output-files.ts';
import type { Output } from './output.ts';
import { progressTo } from './progress.ts';
import { escapeControls } from './text.ts';
import { subsystems } from '../../model/registry.ts';

/** Options of `xenspec diff`, parsed but not yet resolved against the subsystem. */
export interface DiffOptions {
  readonly config?: string | undefined;
  /** One or two `--variant` values: revision A, and B (default: the unmodified impl). */
  readonly variants: readonly string[];
  readonly maxDepth?: number | undefined;
  readonly maxStates?: number | undefined;
  readonly timeLimit?: number | undefined;
  readonly counterexampleDir: string;
  readonly progress: boolean;
}

/** Two revisions of one subsystem, resolved: variant ids, undefined for the unmodified impl. */
export interface RevisionPair {
  readonly subsystem: Subsystem;
  readonly config: string;
  readonly a: string | undefined;
  readonly b: string | undefined;
}

/**
 * The variant id `text` names in `subsystem` (with or without its prefix),
 * or a UsageError: unknown, or a variant of another subsystem.
 */
function resolveRevision(subsystem: Subsystem, text: string): string {
  const id = text.includes('/') ? text : `${subsystem.name}/${text}`;
  if (subsystem.variants.some((v) => v.id === id)) return id;
  const owner = subsystems.find((s) => s !== subsystem && s.variants.some((v) => v.id === id));
  if (owner !== undefined) throw new UsageError(`variant "${text}" belongs to ${owner.name}, not ${subsystem.name}: diff compares two revisions of one subsystem`);
  const known = subsystem.variants.map((v) => v.id);
  throw new UsageError(`unknown variant "${text}" for ${subsystem.name} (${known.length === 0 ? 'it has none' : `known: ${known.join(', ')}`}; see \`xenspec list\`)`);
}

/** Resolves the subsystem, config and the two revisions, refusing what cannot be compared. */
export function resolvePair(name: string, config: string | undefined, variants: readonly string[]): RevisionPair {
  const subsystem = findSubsystem(name);
  if (subsystem.diff === undefined) throw new UsageError(`${subsystem.name} has no impl revisions to compare (diff needs a subsystem with a spec and an impl)`);
  if (variants.length === 0) throw new UsageError('diff needs --variant A (and optionally --variant B; B defaults to the unmodified impl)');
  if (variants.length > 2) throw new UsageError(`diff compares two revisions, got ${variants.length} --variant flags`);
  const a = resolveRevision(subsystem, variants[0]!);
  const b = variants.length === 2 ? resolveRevision(subsystem, variants[1]!) : undefined;
  if (a === b) throw new UsageError(`--variant ${a} given twice: diff compares two different revisions`);
  return { subsystem, config: resolveConfig(subsystem, config), a, b };
}

/** The product model of a pair (`Subsystem.diff`). */
export function pairModel(p: RevisionPair): Model<unknown, unknown> {
  return p.subsystem.diff!(p.config, p.a, p.b);
}

/** Replays the difference, checks the model replays it identically twice, and writes the file (kind `difference`, or `exception`). */
function saveDifference(p: RevisionPair, d: Discovery, dir: string): Saved {
  const model = pairModel(p);
  const probeEnd = d.kind === 'exception';
  const nondeterministic = checkDeterminism(model, d.path, { probeEnd });
  if (nondeterministic !== undefined) throw new NondeterminismError(`replaying the difference failed: ${nondeterministic.message}`);
  const r = replay(model, d.path, { probeEnd });
  const labels = labelsOf(r);
  const body = counterexampleBody({
    subsystem: p.subsystem.name,
    config: p.config,
    variant: p.a,
    against: { variant: p.b },
    side: 'impl',
    property: d.property,
    kind: d.kind === 'exception' ? 'exception' : 'difference',
    path: d.path,
    actions: labels,
    fingerprints: r.steps.map((s) => s.fingerprint),
    message: d.message,
  });
  try {
    return { labels, file: writeCounterexample(dir, sealCounterexample(body)) };
  } catch (error) {
    if (error instanceof CounterexampleFileError) return { labels, notWritten: { why: error.message, cause: 'limit' } };
    return { labels, notWritten: { why: describeFsError(error), cause: 'io' } };
  }
}

/**
 * `xenspec diff SUBSYSTEM --variant A [--variant B]`: explores the two
 * revisions against each other breadth-first and prints the shortest
 * sequence after which they differ, written as a counterexample file (exit
 * 1), or `equivalent within the bounds` with the counts (exit 0; a run cut
 * by a bound says so and is not called equivalent). Exit 2 when the file
 * cannot be written.
 */
export function runDiff(name: string, o: DiffOptions, io: Output): number {
  const pair = resolvePair(name, o.config, o.variants);
  checkOutputDir('--out-dir', o.counterexampleDir);
  const pc = colorsFor(io);
  const [nameA, nameB] = [revisionName(pair.a), revisionName(pair.b)];
  const bound = (v: number | undefined, unit = ''): string => (v === undefined ? '∞' : `${v}${unit}`);
  io.out(
    pc.bold(`xenspec diff ${pair.subsystem.name}`) +
      `  config=${pair.config}  A=${nameA}  B=${nameB}  bounds: depth ${bound(o.maxDepth)}, states ${bound(o.maxStates)}, time ${bound(o.timeLimit, 's')}`,
  );
  const onProgress = progressTo(io, o.progress);
  const result = explore(pairModel(pair), {
    ...(o.maxDepth === undefined ? {} : { maxDepth: o.maxDepth }),
    ...(o.maxStates === undefined ? {} : { maxStates: o.maxStates }),
    ...(o.timeLimit === undefined ? {} : { timeLimitSeconds: o.timeLimit }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  io.progress?.('');
  const s = result.stats;
  const counts = `${count(s.distinct)} distinct, ${count(s.generated)} generated, depth ${s.depth}, ${s.seconds.toFixed(1)} s`;
  const found = result.discoveries.find((d) => d.kind !== 'witness');
  if (found === undefined) {
    if (isExhaustive(result.stoppedBy)) io.out(pc.green(`equivalent within the bounds: ${counts}`));
    else io.out(pc.yellow(`no difference found before the stop (${result.stoppedBy.join(', ')}), not exhaustive: ${counts}`));
    return 0;
  }
  const saved = saveDifference(pair, found, o.counterexampleDir);
  io.out(pc.red(`DIFFERENT: ${nameA} and ${nameB} first differ after ${found.path.actions.length} steps (${counts})`));
  const difference = differenceOf(replay(pairModel(pair), found.path).steps.at(-1)?.state);
  if (difference !== undefined) {
    io.out(`  ${escapeControls(difference.summary)}`);
    for (const line of difference.detail.split('\n')) io.out(`    ${escapeControls(line)}`);
  }
  printDiscovery(found, saved, io);
  if (saved.notWritten?.cause === 'io') {
    io.err(`xenspec: cannot write a counterexample file in --out-dir ${escapeControls(o.counterexampleDir)}: ${saved.notWritten.why}`);
    return 2;
  }
  return 1;
}
