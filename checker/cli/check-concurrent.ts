import type { Progress } from '../explore.ts';
import type { Model } from '../model.ts';
import type { CheckResult } from '../result.ts';
import type { CheckRunner } from './check-runner.ts';
import { threadsOf, type RunRequest } from './run-request.ts';

/**
 * The checks of one `xenspec check` command, several at a time where that
 * uses the cores better: when every target runs on one thread (lockstep
 * products, object states, depth-first search) and the runner checks in
 * worker threads, up to `--workers` targets (default: every core) run at
 * once, so `npm run check` takes about as long as its longest target rather
 * than the sum. Results are read in the targets' order; only the target
 * being waited for reports progress. A stop request (Ctrl-C) reaches every
 * running check; targets not started by then are not started.
 */
export class ConcurrentChecks {
  /** Targets run at once (1: one after the other). */
  readonly width: number;
  private readonly running: (Promise<CheckResult> | undefined)[] = [];
  /** The target whose result is being waited for: the one whose progress is shown. */
  private head = 0;

  constructor(
    private readonly runner: CheckRunner,
    private readonly requests: readonly RunRequest[],
    private readonly progress: ((p: Progress) => void) | undefined,
    model: (i: number) => Model<unknown, unknown>,
  ) {
    const oneThreadEach = requests.every((r, i) => threadsOf(r, model(i)).threads === 1);
    this.width = runner.concurrent && oneThreadEach && requests.length > 1 ? Math.max(1, Math.min(requests.length, requests[0]!.workers)) : 1;
  }

  /** True once target `i` has been started. */
  started(i: number): boolean {
    return this.running[i] !== undefined;
  }

  /** Target `i`'s result, starting it and the next ones up to the width first (unless the command was interrupted). */
  result(i: number): Promise<CheckResult> {
    this.head = i;
    for (let j = i; j < Math.min(this.requests.length, i + this.width); j++) {
      if (this.running[j] !== undefined || (j > i && this.runner.interrupted !== undefined)) continue;
      const progress = this.progress;
      const run = this.runner.run(
        this.requests[j]!,
        progress === undefined
          ? undefined
          : (p) => {
              if (this.head === j) progress(p);
            },
      );
      // Read in order later; until then a failure must not count as unhandled.
      run.catch(() => undefined);
      this.running[j] = run;
    }
    return this.running[i]!;
  }
}
