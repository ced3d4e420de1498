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
  /** Targets started and not ended, and the first not started. */
  private active = 0;
  private next = 0;

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

  /** Target `i`'s result; it is started now if it was not, and targets after it start as running ones end, `width` at a time (none after an interrupt). */
  result(i: number): Promise<CheckResult> {
    this.head = i;
    if (this.running[i] === undefined) this.start(i);
    this.fill();
    return this.running[i]!;
  }

  /** Starts the next targets while fewer than `width` run. */
  private fill(): void {
    // One at a time: nothing starts before the command asks for its result (an in-thread runner runs a check as it starts it).
    if (this.width === 1) return;
    while (this.active < this.width && this.next < this.requests.length && this.runner.interrupted === undefined) this.start(this.next);
  }

  private start(j: number): void {
    const progress = this.progress;
    const run = this.runner.run(
      this.requests[j]!,
      progress === undefined
        ? undefined
        : (p) => {
            if (this.head === j) progress(p);
          },
    );
    this.running[j] = run;
    this.active++;
    this.next = Math.max(this.next, j + 1);
    // Read in order later; until then a failure must not count as unhandled. When one ends, the next starts.
    run.then(
      () => this.ended(),
      () => this.ended(),
    );
  }

  private ended(): void {
    this.active--;
    this.fill();
  }
}
