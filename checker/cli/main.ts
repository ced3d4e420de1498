import { Command, CommanderError, Option } from 'commander';
import { CounterexampleFileError } from '../counterexample.ts';
import { OutputClosedError, writeAll } from './console.ts';
import { oneLine } from './text.ts';
import { wantsColor } from './colors.ts';
import { UsageError } from '../subsystem.ts';
import { NondeterminismError, runCheck, type CheckOptions } from './check.ts';
import { bundledWorkerScript, inThreadRunner, workerRunner, type CheckRunner } from './check-runner.ts';
import { withCoverage } from './coverage.ts';
import { checkOutputDir } from './output-files.ts';
import type { Output } from './output.ts';
import { DEFAULT_CHECKPOINT_MINUTES, defaultTargets, findSubsystem, parseCount, parseMinutes, parseSeconds, parseSide, parseSize, parseStrategy, parseWalks } from './options.ts';
import { runDiff } from './diff-command.ts';
import { runReplay } from './replay-command.ts';
import { runZooCommand } from './zoo-command.ts';
import { subsystems } from '../../model/registry.ts';

/** Exit codes of the `xenspec` command. */
export const EXIT = { ok: 0, violation: 1, usage: 2, internal: 3 } as const;

/** Most threads `--workers` accepts. */
const MAX_WORKERS = 256;
/** `bench --repeat`, at most. */
const MAX_REPEAT = 100;

export { VERSION } from '../version.ts';
import { VERSION } from '../version.ts';

function consoleOutput(): Output {
  const tty = process.stderr.isTTY === true && process.env.CI === undefined;
  // Once the reader of stdout has gone (`xenspec check … | head -1`), the command goes on without printing: its files are still written and its exit code is still the verdict's.
  let stdoutClosed = false;
  return {
    color: wantsColor(process.env, process.stdout.isTTY === true),
    out: (line) => {
      if (stdoutClosed) return;
      try {
        writeAll(1, line + '\n');
      } catch (error) {
        if (!(error instanceof OutputClosedError)) throw error;
        stdoutClosed = true;
      }
    },
    err: (line) => writeAll(2, line + '\n'),
    ...(tty ? { progress: (line: string) => writeAll(2, `\r\x1b[K${line}`), columns: () => process.stderr.columns } : {}),
  };
}

/**
 * Where `check` runs its explorations: in a worker thread when the CLI runs
 * from its bundle (the command line), so that SIGINT and SIGTERM stop a run
 * cleanly; on this thread when it runs from the TypeScript sources (tests
 * calling `main` in-process), where signals keep Node's default.
 */
function checkRunner(io: Output): CheckRunner {
  const script = bundledWorkerScript(import.meta.url);
  return script === undefined ? inThreadRunner() : workerRunner(script, io);
}

/** Commander's own message (`error: unknown command 'x'\n(Did you mean y?)`) as one line. */
function commanderMessage(error: CommanderError): string {
  return error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit
 * code. The only place that turns errors into exit codes: usage and input
 * errors are one line and exit 2, never a stack trace; anything unexpected
 * is exit 3.
 */
export async function main(argv: readonly string[], io: Output = consoleOutput()): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('xenspec')
    .description('Model checker for Xen hypervisor subsystems: spec ⊗ impl refinement, invariants, bug zoo.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => undefined })
    .showSuggestionAfterError(true);

  program
    .command('check')
    .description('explore subsystems exhaustively (default: every subsystem, at its default config or --config)')
    .argument('[subsystem...]', 'subsystems or fixtures to check (see `xenspec list`)')
    .option('--config <name>', 'bound configuration (default: the subsystem default)')
    .option('--variant <id>', 'check a bug-zoo variant instead of the unmodified impl')
    .addOption(new Option('--strategy <s>', 'bfs (shortest counterexamples), dfs, or random walks').default('bfs'))
    .option('--max-depth <n>', 'do not expand states at this depth (random: walk length)')
    .option('--max-states <n>', 'stop after this many distinct states')
    .option('--time-limit <s>', 'stop after this many seconds (random default: 10, none with --walks)')
    .option('--seed <n>', 'seed for --strategy random', '1')
    .option('--walks <n>', 'with --strategy random: do exactly this many walks (the same result on every machine)')
    .option('--only <side>', 'explore only the spec or only the impl (default: both in lockstep)')
    .option('--json <file>', 'write the results as JSON')
    .option('--junit <file>', 'write the results as JUnit XML')
    .option('--out-dir <dir>', 'where counterexample files go', 'counterexamples')
    .option('--html <dir>', 'also write an HTML trace page per counterexample file into this folder')
    .option('--workers <n>', 'threads for breadth-first search and random walks (default: every available core; 1: one thread)')
    .option('--memory <size>', 'stop cleanly once the seen-set, frontier and trace hold this much (e.g. 512M, 4G)')
    .option('--checkpoint <dir>', 'save the run in this folder now and then and when it stops, to go on later with --resume')
    .option('--checkpoint-every <minutes>', 'minutes between checkpoints (default 10; decimals allowed)')
    .option('--resume <dir>', 'go on from the checkpoints in this folder (a run with no checkpoint there starts afresh)')
    .option('--no-progress', 'no progress line on a terminal')
    .option('--coverage', 'report which lines and branches of impl/<subsystem>/ the run executed (runs on the main thread, one worker)')
    .option('--coverage-report <dir>', 'also write lcov.info and an HTML coverage report into this folder (implies --coverage)')
    .action(async (names: string[], opts: Record<string, string | boolean | undefined>) => {
      const str = (k: string): string | undefined => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
      const maxDepth = str('maxDepth');
      const maxStates = str('maxStates');
      const timeLimit = str('timeLimit');
      const workers = str('workers');
      const memory = str('memory');
      const every = str('checkpointEvery');
      if (every !== undefined && str('checkpoint') === undefined) throw new UsageError('--checkpoint-every needs --checkpoint DIR');
      const walks = str('walks');
      const strategy = parseStrategy(str('strategy') ?? 'bfs');
      const options: CheckOptions = {
        config: str('config'),
        variant: str('variant'),
        strategy,
        maxDepth: maxDepth === undefined ? undefined : parseCount('--max-depth', maxDepth, 1_000_000),
        maxStates: maxStates === undefined ? undefined : parseCount('--max-states', maxStates, Number.MAX_SAFE_INTEGER, 1),
        timeLimit: timeLimit === undefined ? undefined : parseSeconds('--time-limit', timeLimit),
        seed: parseCount('--seed', str('seed') ?? '1', 0xffffffff),
        walks: walks === undefined ? undefined : parseWalks(walks, strategy),
        side: parseSide(str('only')),
        json: str('json'),
        junit: str('junit'),
        counterexampleDir: str('outDir') ?? 'counterexamples',
        html: str('html'),
        progress: opts.progress !== false,
        workers: workers === undefined ? undefined : parseCount('--workers', workers, MAX_WORKERS, 1),
        memory: memory === undefined ? undefined : parseSize('--memory', memory),
        checkpoint: str('checkpoint'),
        checkpointEveryMinutes: every === undefined ? DEFAULT_CHECKPOINT_MINUTES : parseMinutes('--checkpoint-every', every),
        resume: str('resume'),
      };
      if ((options.checkpoint !== undefined || options.resume !== undefined) && options.strategy === 'random') {
        throw new UsageError('--checkpoint and --resume apply to breadth-first and depth-first search, not to random walks');
      }
      const reportDir = str('coverageReport');
      const coverage = opts.coverage === true || reportDir !== undefined;
      if (reportDir !== undefined) checkOutputDir('--coverage-report', reportDir);
      // V8 coverage records the thread it is started on: a covered run explores on the main thread.
      const runner = coverage ? inThreadRunner() : checkRunner(io);
      try {
        if (!coverage) {
          code = await runCheck(names, options, io, runner);
          return;
        }
        const checked = (names.length === 0 ? defaultTargets() : names.map(findSubsystem)).filter((s) => s.kind === 'subsystem').map((s) => s.name);
        code = await withCoverage(checked, reportDir, io, () => runCheck(names, { ...options, workers: 1 }, io, runner));
      } finally {
        runner.close();
      }
    });

  program
    .command('diff')
    .description('find the first behavioural difference between two revisions of an impl (B defaults to the unmodified impl)')
    .argument('<subsystem>', 'the subsystem whose revisions to compare')
    .option('--variant <id>', 'revision A, then (given again) revision B', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--config <name>', 'bound configuration (default: the subsystem default)')
    .option('--max-depth <n>', 'do not expand states at this depth')
    .option('--max-states <n>', 'stop after this many distinct states')
    .option('--time-limit <s>', 'stop after this many seconds')
    .option('--out-dir <dir>', 'where the difference file goes', 'counterexamples')
    .option('--no-progress', 'no progress line on a terminal')
    .action((name: string, opts: Record<string, string | string[] | boolean | undefined>) => {
      const str = (k: string): string | undefined => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
      const maxDepth = str('maxDepth');
      const maxStates = str('maxStates');
      const timeLimit = str('timeLimit');
      code = runDiff(
        name,
        {
          config: str('config'),
          variants: Array.isArray(opts.variant) ? opts.variant : [],
          maxDepth: maxDepth === undefined ? undefined : parseCount('--max-depth', maxDepth, 1_000_000),
          maxStates: maxStates === undefined ? undefined : parseCount('--max-states', maxStates, Number.MAX_SAFE_INTEGER, 1),
          timeLimit: timeLimit === undefined ? undefined : parseSeconds('--time-limit', timeLimit),
          counterexampleDir: str('outDir') ?? 'counterexamples',
          progress: opts.progress !== false,
        },
        io,
      );
    });

  program
    .command('list')
    .description('list subsystems and fixtures, their configs and zoo variants')
    .action(() => {
      for (const s of subsystems) {
        io.out(`${s.name} (${s.kind}) — ${s.description}`);
        for (const c of s.configs) io.out(`  config ${c.name}${c.name === s.defaultConfig ? ' (default)' : ''}: ${c.description}`);
        for (const v of s.variants) io.out(`  variant ${v.id} [breaks "${v.expectedProperty}" on ${v.config}]: ${v.description}`);
        io.out(`  sides: ${s.sides.join(', ')}`);
      }
    });

  program
    .command('zoo')
    .description('check every bug-zoo variant is caught and the unmodified impl is clean')
    .argument('[subsystem...]', 'restrict to these subsystems')
    .option('--json <file>', 'write the table as JSON')
    .option('--junit <file>', 'write the table as JUnit XML')
    .option('--no-progress', 'no progress line on a terminal')
    .action((names: string[], opts: { json?: string; junit?: string; progress?: boolean }) => {
      code = runZooCommand(names, io, { json: opts.json, junit: opts.junit, progress: opts.progress !== false });
    });

  program
    .command('replay')
    .description('replay a counterexample file step by step')
    .argument('<file>', 'a file written by `xenspec check`')
    .option('--full', 'print every state in full (default: what changed since the previous step)')
    .option('--html <out>', 'write the trace as a self-contained HTML page instead of printing it')
    .option('--emit-test <path>', 'write a vitest regression test that follows the path and asserts the property along it')
    .option('--against <variant>', "with --emit-test: the impl the test checks (a zoo variant, or none for the unmodified impl; default: the file's)")
    .action((file: string, opts: { full?: boolean; html?: string; emitTest?: string; against?: string }) => {
      code = runReplay(file, io, { full: opts.full === true, html: opts.html, emitTest: opts.emitTest, against: opts.against });
    });

  program
    .command('bench')
    .description('measure states/s and bytes/state (uart-toy SIZE 12 and each subsystem default)')
    .argument('[subsystem...]', 'only these subsystems (uart-toy included only when named)')
    .option('--quick', 'smaller workloads')
    .option('--workers <n>', 'threads of the parallel measurement (default 2)')
    .option('--repeat <n>', 'runs of each measurement, one thread and several alternating; the best is shown (default 3 for uart-toy, 1 for the subsystems)')
    .action(async (names: string[], opts: { quick?: boolean; workers?: string; repeat?: string }) => {
      const { runBench } = await import('./bench.ts');
      const workers = opts.workers === undefined ? 2 : parseCount('--workers', opts.workers, MAX_WORKERS, 1);
      const script = bundledWorkerScript(import.meta.url);
      const helperScript = script === undefined ? undefined : new URL('./explore-worker.mjs', script);
      const repeat = opts.repeat === undefined ? undefined : parseCount('--repeat', opts.repeat, MAX_REPEAT, 1);
      await runBench((line: string) => io.out(line), { quick: opts.quick === true, only: names, workers, helperScript, repeat });
    });

  try {
    if (argv.length === 0) {
      io.out(program.helpInformation().trimEnd());
      return EXIT.ok;
    }
    // `help NAME` for a command that does not exist is a mistyped command, not a request for the general help.
    if (argv[0] === 'help' && argv.length > 1 && !program.commands.some((c) => c.name() === argv[1])) {
      throw new UsageError(`unknown command '${argv[1]}' for help (commands: ${program.commands.map((c) => c.name()).join(', ')})`);
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return failure(error, io);
  }
}

/** The exit code for `error`, after printing it: one line for anything the user can fix. */
function failure(error: unknown, io: Output): number {
  try {
    if (error instanceof OutputClosedError) return EXIT.ok;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      io.err(`xenspec: ${oneLine(commanderMessage(error))} (see \`xenspec --help\`)`);
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof CounterexampleFileError) {
      io.err(`xenspec: ${oneLine(error.message)}`);
      return EXIT.usage;
    }
    if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      io.err(
        'xenspec: the check ran out of JavaScript heap and was stopped; give it a --memory budget (it then stops cleanly with a partial summary), bound the run (--max-states, a smaller --config) or raise the heap (NODE_OPTIONS=--max-old-space-size=MB)',
      );
      return EXIT.internal;
    }
    if (error instanceof NondeterminismError) {
      io.err(`xenspec: ${oneLine(error.message)}`);
      return EXIT.internal;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`xenspec: internal error: ${oneLine(message)}`);
    if (process.env.XENSPEC_DEBUG !== undefined && error instanceof Error && error.stack !== undefined) io.err(error.stack);
    else io.err('xenspec: (set XENSPEC_DEBUG=1 to print the stack; please report this)');
    return EXIT.internal;
  } catch (printing) {
    if (printing instanceof OutputClosedError) return error instanceof OutputClosedError ? EXIT.ok : EXIT.internal;
    throw printing;
  }
}
