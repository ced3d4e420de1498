import { writeFileSync } from 'node:fs';
import pc from 'picocolors';
import { sealCounterexample, counterexampleBody, writeCounterexample } from '../counterexample.ts';
import { explore } from '../explore.ts';
import { formatPath } from '../path.ts';
import { compact, seconds } from '../report/format.ts';
import { formatJunit, type LabelledResult } from '../report/junit.ts';
import { formatSummary } from '../report/summary.ts';
import { checkDeterminism, replay } from '../replay.ts';
import { isFailure, type CheckResult, type Discovery } from '../result.ts';
import { simulate } from '../simulate.ts';
import type { Side, Subsystem } from '../subsystem.ts';
import { defaultTargets, findSubsystem, resolveConfig, resolveSide, resolveVariant } from './options.ts';

/** Options of `xenspec check`, already validated. */
export interface CheckOptions {
  readonly config?: string | undefined;
  readonly variant?: string | undefined;
  readonly strategy: 'bfs' | 'dfs' | 'random';
  readonly maxDepth?: number | undefined;
  readonly maxStates?: number | undefined;
  readonly timeLimit?: number | undefined;
  readonly seed: number;
  readonly side: Side;
  readonly json?: string | undefined;
  readonly junit?: string | undefined;
  readonly counterexampleDir: string;
  readonly progress: boolean;
}

/** Where the CLI writes. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current progress line (TTY only). */
  progress?(line: string): void;
  /** Width of the terminal the progress line is written to, when known. */
  columns?(): number | undefined;
}

/** A model whose counterexample could not be replayed deterministically: exit code 3. */
export class NondeterminismError extends Error {
  override readonly name = 'NondeterminismError';
}

/** Defaults of `--strategy random`: walk length and seconds. */
const RANDOM_WALK_LENGTH = 200;
const RANDOM_TIME_LIMIT = 10;

interface Target {
  readonly subsystem: Subsystem;
  readonly config: string;
  readonly variant: string | undefined;
  readonly side: Side;
}

function header(t: Target, o: CheckOptions): string {
  const bound = (v: number | undefined, unit = ''): string => (v === undefined ? '∞' : `${v}${unit}`);
  return (
    `${pc.bold(`xenspec check ${t.subsystem.name}`)}  config=${t.config}  variant=${t.variant ?? 'none'}  side=${t.side}  ` +
    `strategy=${o.strategy}${o.strategy === 'random' ? ` seed=${o.seed}` : ''}  ` +
    (o.strategy === 'random'
      ? `bounds: walk length ${o.maxDepth ?? RANDOM_WALK_LENGTH}, states ${bound(o.maxStates)}, time ${o.timeLimit ?? RANDOM_TIME_LIMIT}s`
      : `bounds: depth ${bound(o.maxDepth)}, states ${bound(o.maxStates)}, time ${bound(o.timeLimit, 's')}`)
  );
}

function runOne(t: Target, o: CheckOptions, io: Output): CheckResult {
  const model = t.subsystem.build(t.config, { variant: t.variant, side: t.side });
  const onProgress =
    o.progress && io.progress !== undefined
      ? (p: { depth: number; distinct: number; generated: number; queued: number; seconds: number }): void =>
          io.progress!(
            `depth ${p.depth} | distinct ${compact(p.distinct)} | generated ${compact(p.generated)} | ` +
              `${compact(p.distinct / p.seconds)}/s distinct, ${compact(p.generated / p.seconds)}/s generated | queue ${compact(p.queued)} | ${seconds(p.seconds)}`,
          )
      : undefined;
  if (o.strategy === 'random') {
    return simulate(model, {
      seed: o.seed,
      maxDepth: o.maxDepth ?? RANDOM_WALK_LENGTH,
      ...(o.maxStates === undefined ? {} : { maxStates: o.maxStates }),
      timeLimitSeconds: o.timeLimit ?? RANDOM_TIME_LIMIT,
      walks: Number.MAX_SAFE_INTEGER,
    });
  }
  return explore(model, {
    strategy: o.strategy,
    ...(o.maxDepth === undefined ? {} : { maxDepth: o.maxDepth }),
    ...(o.maxStates === undefined ? {} : { maxStates: o.maxStates }),
    ...(o.timeLimit === undefined ? {} : { timeLimitSeconds: o.timeLimit }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
}

/** Replays a discovery, checks the model replays it identically twice, and writes the counterexample file. */
function saveDiscovery(t: Target, d: Discovery, dir: string): { file: string; labels: string[] } {
  const model = t.subsystem.build(t.config, { variant: t.variant, side: t.side });
  const nondeterministic = checkDeterminism(model, d.path);
  if (nondeterministic !== undefined) throw new NondeterminismError(`replaying the counterexample for "${d.property}" failed: ${nondeterministic.message}`);
  const r = replay(model, d.path);
  const labels = r.steps.map((s) => s.label);
  if (r.thrown !== undefined) labels.push(r.thrown.label);
  const file = sealCounterexample(
    counterexampleBody({
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
    }),
  );
  return { file: writeCounterexample(dir, file), labels };
}

/**
 * `xenspec check`: explores each target and prints a header, progress and a
 * summary; writes a counterexample file per violation. Returns the exit code:
 * 1 when any target failed (a violation, or a witness never reached on an
 * exhaustive run: verdict `violated` or `unreached`), else 0 (`ok`, or
 * `incomplete` when a bound cut the run).
 */
export function runCheck(names: readonly string[], o: CheckOptions, io: Output): number {
  const subsystems = names.length === 0 ? defaultTargets() : names.map(findSubsystem);
  const targets: Target[] = subsystems.map((subsystem) => ({
    subsystem,
    config: resolveConfig(subsystem, names.length === 0 ? undefined : o.config),
    variant: resolveVariant(subsystem, o.variant),
    side: resolveSide(subsystem, o.side),
  }));
  const results: LabelledResult[] = [];
  let exit = 0;
  for (const t of targets) {
    io.out(header(t, o));
    const result = runOne(t, o, io);
    io.progress?.('');
    io.out(formatSummary(result));
    for (const d of result.discoveries) {
      if (d.kind === 'witness') continue;
      exit = 1;
      const { file, labels } = saveDiscovery(t, d, o.counterexampleDir);
      io.out(pc.red(`${d.kind === 'exception' ? 'exception' : 'violated'}: ${d.property}${d.message === undefined ? '' : ` — ${d.message}`}`));
      io.out(`  path ${formatPath(d.path)} (${d.path.actions.length} steps):`);
      labels.forEach((label, i) => io.out(`    ${String(i).padStart(3)}  ${label}`));
      io.out(`  counterexample written to ${file}`);
      io.out(`  replay it: npx xenspec replay ${file}`);
    }
    if (result.verdict === 'unreached') {
      for (const w of result.unreached) io.out(pc.red(`unreached: ${w} — the run was exhaustive and never reached this witness`));
    }
    if (isFailure(result)) exit = 1;
    io.out('');
    const label = `${t.subsystem.name}/${t.config}${t.variant === undefined ? '' : ` [${t.variant}]`}${t.side === 'both' ? '' : ` (only ${t.side})`}`;
    results.push({ label, result });
  }
  if (o.json !== undefined)
    writeFileSync(
      o.json,
      JSON.stringify(
        results.map((r) => ({ check: r.label, ...r.result })),
        null,
        2,
      ) + '\n',
    );
  if (o.junit !== undefined) writeFileSync(o.junit, formatJunit(results));
  return exit;
}
