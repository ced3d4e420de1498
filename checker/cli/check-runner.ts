import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Progress } from '../explore.ts';
import type { CheckResult } from '../result.ts';
import { UsageError } from '../subsystem.ts';
import type { WorkerMessage } from './check-worker.ts';
import type { Output } from './output.ts';
import { runRequest, threadsOf, type RunRequest } from './run-request.ts';
import { findSubsystem } from './options.ts';
import { spawnHelperThreads, type HelperHandoff } from '../parallel/helpers.ts';
import { newControl } from '../parallel/layout.ts';
import { requestStop } from '../stop-flag.ts';
import { StopSignals, type StopSignal } from './signals.ts';

/** Runs the checks of one `xenspec check` command, on this thread or in a worker thread. */
export interface CheckRunner {
  /** Threads a breadth-first check uses when `--workers` is not given. */
  readonly defaultWorkers: number;
  /** URL of the helper threads' script, when there is one. */
  readonly helperScript: string | undefined;
  run(request: RunRequest, onProgress?: (p: Progress) => void): Promise<CheckResult>;
  /** The signal that interrupted the command, if one did: no further check should start. */
  readonly interrupted: StopSignal | undefined;
  /** Releases what the runner holds (signal handlers). */
  close(): void;
  /** True when `run` returns at once and checks in its own thread: several may run at the same time. */
  readonly concurrent: boolean;
  /** Asks every check still running to stop at its next batch (after another one failed). */
  stopAll(): void;
}

/**
 * Runs each check synchronously on this thread: signals keep Node's default
 * (used by in-process callers such as the tests). One thread unless
 * `--workers` asks for more; helper threads then run the bundled script in
 * dist/ (built by `npm run build`, and before the tests).
 */
export function inThreadRunner(): CheckRunner {
  const script = new URL('../../dist/explore-worker.mjs', import.meta.url);
  return {
    defaultWorkers: 1,
    helperScript: existsSync(fileURLToPath(script)) ? script.href : undefined,
    run: (request, onProgress) => Promise.resolve(runRequest(request, undefined, onProgress)),
    interrupted: undefined,
    close: () => undefined,
    concurrent: false,
    stopAll: () => undefined,
  };
}

/**
 * The worker script beside the running bundle (dist/check-worker.mjs), or
 * undefined when the CLI runs from its TypeScript sources (tests), where no
 * bundled worker is known to match the sources.
 */
export function bundledWorkerScript(moduleUrl: string): URL | undefined {
  if (!moduleUrl.endsWith('.mjs')) return undefined;
  const script = new URL('./check-worker.mjs', moduleUrl);
  return existsSync(fileURLToPath(script)) ? script : undefined;
}

/**
 * Runs each check in a worker thread (`script`), so the main thread stays
 * free to receive SIGINT and SIGTERM: the first raises the worker's stop
 * flag, and the check returns its partial result (see `StopSignals`).
 */
export function workerRunner(script: URL, io: Output): CheckRunner {
  const signals = new StopSignals(io);
  const helpers = new URL('./explore-worker.mjs', script);
  return {
    defaultWorkers: availableParallelism(),
    helperScript: existsSync(fileURLToPath(helpers)) ? helpers.href : undefined,
    run: (request, onProgress) => runInWorker(script, request, signals, onProgress),
    get interrupted() {
      return signals.received;
    },
    close: () => signals.dispose(),
    concurrent: true,
    stopAll: () => requestStop(signals.flag),
  };
}

function runInWorker(script: URL, request: RunRequest, signals: StopSignals, onProgress?: (p: Progress) => void): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    const early = startHelpersEarly(request);
    const worker = new Worker(script, {
      workerData: { request, stop: signals.flag, progress: onProgress !== undefined, ...(early === undefined ? {} : { helpers: early.handoff }) },
      transferList: early?.handoff.ports ?? [],
    });
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      for (const helper of early?.workers ?? []) void helper.terminate();
      action();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.result as CheckResult));
      else settle(() => reject(rebuiltError(message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the check's worker thread exited with code ${code} before its result`))));
  });
}

/**
 * For a breadth-first check that will run on several threads: its helper
 * threads, started now, beside the check's own thread rather than by it,
 * so that they load their script and build their model while the check's
 * thread loads its own (they then join the exploration ~0.13 s sooner).
 * Undefined for any other check.
 */
function startHelpersEarly(request: RunRequest): { readonly handoff: HelperHandoff; readonly workers: readonly Worker[] } | undefined {
  if (request.strategy !== 'bfs' || request.workers <= 1 || request.helperScript === undefined) return undefined;
  const model = findSubsystem(request.subsystem).build(request.config, { variant: request.variant, side: request.side });
  const { threads } = threadsOf(request, model);
  if (threads <= 1) return undefined;
  const ctl = newControl();
  const { ports, workers } = spawnHelperThreads(new URL(request.helperScript), request, ctl, threads - 1);
  return { handoff: { script: request.helperScript, ctl, ports }, workers };
}

/** The error a worker reported, as the class the CLI turns into an exit code. */
function rebuiltError(message: Extract<WorkerMessage, { type: 'error' }>): Error {
  const error = message.name === 'UsageError' ? new UsageError(message.message) : new Error(message.message);
  if (message.stack !== undefined) error.stack = message.stack;
  return error;
}
