import { colorsFor } from './colors.ts';
import { NondeterminismError, printDiscovery, writeSealed, type Saved } from './check.ts';
import { counterexampleBody } from '../counterexample.ts';
import { explore } from '../explore.ts';
import { count } from '../report/format.ts';
import { checkDeterminism, labelsOf, replay } from '../replay.ts';
import { isExhaustive, type Discovery } from '../result.ts';
import { differenceOf } from '../revision-diff.ts';
import { revisionName } from '../subsystem.ts';
import { pairModel, resolvePair, type RevisionPair } from './diff-pair.ts';
import { checkOutputDir } from './output-files.ts';
import type { Output } from './output.ts';
import { progressTo } from './progress.ts';
import { escapeControls } from './text.ts';

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
  return writeSealed(dir, body, labels);
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
