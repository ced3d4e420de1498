import { parentPort, workerData } from 'node:worker_threads';
import type { Progress } from '../explore.ts';
import type { StopFlag } from '../stop-flag.ts';
import { runRequest, type RunRequest } from './run-request.ts';
import { Helpers, type HelperHandoff } from '../parallel/helpers.ts';

/*
 * Entry point of the worker thread a CLI check runs in (bundled as
 * dist/check-worker.mjs). It runs one request and posts its progress and
 * result; the main thread stays free to receive signals and raises the
 * shared stop flag. What the worker posts is plain data.
 */

/** A message from the check worker to the main thread. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'result'; readonly result: unknown }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack?: string | undefined };

const port = parentPort;
if (port !== null) {
  const { request, stop, progress, helpers } = workerData as { request: RunRequest; stop: StopFlag; progress: boolean; helpers?: HelperHandoff };
  const post = (message: WorkerMessage): void => port.postMessage(message);
  try {
    // Helper threads the main thread started for this check (see `startHelpersEarly`).
    if (helpers !== undefined) Helpers.adopt(new URL(helpers.script), request, helpers.ctl, helpers.ports);
    const result = runRequest(request, stop, progress ? (p) => post({ type: 'progress', progress: p }) : undefined);
    post({ type: 'result', result });
  } catch (error) {
    post(error instanceof Error ? { type: 'error', name: error.name, message: error.message, stack: error.stack } : { type: 'error', name: 'Error', message: String(error) });
  }
}
