import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CTL, newControl } from './layout.ts';

/** What a helper thread needs to rebuild the model by name (through the registry). */
export interface ModelRef {
  readonly subsystem: string;
  readonly config: string;
  readonly variant: string | undefined;
  readonly side: 'both' | 'spec' | 'impl';
}

/** How long `awaitReady` waits for every helper to have built its model. */
const READY_TIMEOUT_MS = 120_000;

/**
 * The helper threads of a parallel exploration, driven synchronously from
 * the coordinator's thread: a phase is started by posting each helper its
 * orders and bumping the generation word; the coordinator then does its own
 * share and waits until every helper has counted itself done, reading their
 * replies with `receiveMessageOnPort` (its event loop is not running).
 *
 * Helpers load their script and build their model while the coordinator
 * already explores alone (a few hundred milliseconds of work saved from
 * the wall-clock time): `ready` says when they can take part.
 */
export class Helpers {
  private started = false;
  /** A phase started and not finished (helpers then must not be handed on). */
  private busy = false;
  /** Set when a phase failed or the helpers were stopped: they are not handed on. */
  private broken = false;

  /**
   * Helper threads for a breadth-first run of `ref`: those a run of this
   * process left idle (same script and count), told to rebuild their model
   * for `ref`, or new ones. Kept threads have loaded their script and their
   * JIT has compiled the exploring code already: `xenspec bench` repeats its
   * measurements in one process, and without them each parallel run would
   * pay the threads' start (about 0.2 s here) and their compilations again
   * while a one-thread run reuses its warm thread.
   */
  static obtain(script: URL, ref: ModelRef, count: number): Helpers {
    const key = `${script.href}|${count}`;
    const early = prestarted.get(key);
    prestarted.delete(key);
    if (early !== undefined) {
      if (sameRef(early.ref, ref)) {
        early.helpers.key = key;
        return early.helpers;
      }
      early.helpers.close();
    }
    const kept = idle.get(key);
    idle.delete(key);
    if (kept !== undefined) {
      try {
        kept.start(() => ({ type: 'rebuild', ref }));
        kept.finish();
        return kept;
      } catch {
        kept.broken = true;
        kept.close();
      }
    }
    const fresh = Helpers.spawn(script, ref, newControl(), count);
    fresh.key = key;
    return fresh;
  }

  /**
   * Helper threads another thread started for this one's next `obtain` of
   * `ref` (the CLI's main thread starts them beside the check's own thread,
   * so they load their script and build their model while the check thread
   * loads its own): `obtain` takes them when the script, count and model
   * match, and otherwise tells them to exit. Their `Worker` objects stay
   * with the thread that started them, which ends them after the check.
   */
  static adopt(script: URL, ref: ModelRef, ctl: Int32Array, ports: MessagePort[]): void {
    const key = `${script.href}|${ports.length}`;
    prestarted.get(key)?.helpers.close();
    prestarted.set(key, { ref, helpers: new Helpers(ctl, ports, []) });
  }

  /** `count` new helper threads on `script` for `ref`, sharing the control block `ctl`. */
  static spawn(script: URL, ref: ModelRef, ctl: Int32Array, count: number): Helpers {
    const { ports, workers } = spawnHelperThreads(script, ref, ctl, count);
    return new Helpers(ctl, ports, workers);
  }

  /** Where `close` leaves these helpers for `obtain` ('' when made directly: they then exit). */
  private key = '';

  private constructor(
    readonly ctl: Int32Array,
    private readonly ports: MessagePort[],
    /** Empty for helpers another thread started (`adopt`): that thread ends them. */
    private readonly workers: Worker[],
  ) {}

  /** True once every helper has built its model (never blocks); throws when one could not. */
  ready(): boolean {
    if (this.started) return true;
    if (Atomics.load(this.ctl, CTL.done) < this.ports.length) return false;
    for (const reply of this.replies()) {
      if (reply.type !== 'ready') throw new Error(`a helper thread could not start: ${String(reply.message)}`);
    }
    this.started = true;
    return true;
  }

  /** Blocks until every helper has built its model (or one could not: throws). */
  awaitReady(): void {
    const until = performance.now() + READY_TIMEOUT_MS;
    while (Atomics.load(this.ctl, CTL.done) < this.ports.length) {
      if (performance.now() > until) throw new Error(`the helper threads did not start within ${READY_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.ctl, CTL.done, Atomics.load(this.ctl, CTL.done), 100);
    }
    this.ready();
  }

  get count(): number {
    return this.ports.length;
  }

  /** Posts `orders(i)` to each helper `i` and starts the phase. */
  start(orders: (helper: number) => unknown): void {
    this.busy = true;
    Atomics.store(this.ctl, CTL.done, 0);
    this.ports.forEach((port, i) => port.postMessage(orders(i)));
    Atomics.add(this.ctl, CTL.generation, 1);
    Atomics.notify(this.ctl, CTL.generation);
  }

  /** Waits until every helper finished the phase and returns their replies, in helper order; throws when one failed. */
  finish(): Record<string, unknown>[] {
    this.wait();
    const replies = this.replies();
    this.busy = false;
    const failed = replies.find((r) => r.type === 'failed');
    if (failed !== undefined) {
      this.broken = true;
      throw new Error(`a helper thread failed: ${String(failed.message)}`);
    }
    return replies;
  }

  /**
   * Leaves the helpers idle for the next `obtain` of this process when they
   * are between phases and none failed (one set per script and count; a
   * set already idle there is replaced); otherwise tells them to exit (they
   * are unreferenced: nothing waits for them) and stops those still starting.
   */
  close(): void {
    if (this.key !== '' && this.started && !this.busy && !this.broken) {
      // Idle, they let go of their buffers (a level's candidates: up to gigabytes in a large run) and keep their warm code.
      try {
        this.start(() => ({ type: 'rest' }));
        this.finish();
      } catch {
        this.broken = true;
        this.close();
        return;
      }
      const before = idle.get(this.key);
      idle.set(this.key, this);
      if (before !== undefined && before !== this) {
        before.key = '';
        before.close();
      }
      return;
    }
    if (this.started) this.start(() => ({ type: 'exit' }));
    else for (const worker of this.workers) void worker.terminate();
    for (const port of this.ports) port.close();
  }

  private wait(): void {
    for (;;) {
      const done = Atomics.load(this.ctl, CTL.done);
      if (done >= this.ports.length) return;
      Atomics.wait(this.ctl, CTL.done, done, 1000);
    }
  }

  private replies(): Record<string, unknown>[] {
    return this.ports.map((port) => {
      const reply = receivePatiently(port);
      if (reply === undefined) throw new Error('a helper thread finished a phase without replying');
      return reply.message as Record<string, unknown>;
    });
  }
}

/** Helpers left between runs, by script and count (see `Helpers.obtain`). */
const idle = new Map<string, Helpers>();

/** What a check's thread needs to use helper threads another thread started for it (`Helpers.adopt`). */
export interface HelperHandoff {
  readonly script: string;
  readonly ctl: Int32Array;
  readonly ports: MessagePort[];
}

/** Helpers started by another thread for this one, by script and count, with the model they build (see `Helpers.adopt`). */
const prestarted = new Map<string, { readonly ref: ModelRef; readonly helpers: Helpers }>();

function sameRef(a: ModelRef, b: ModelRef): boolean {
  return a.subsystem === b.subsystem && a.config === b.config && a.variant === b.variant && a.side === b.side;
}

/**
 * Starts `count` helper threads (dist/explore-worker.mjs) for `ref`, each
 * with one end of a message channel and the shared control block `ctl`;
 * returns their workers (unreferenced: they never keep the process alive)
 * and the other ends of the channels, for `Helpers`.
 */
export function spawnHelperThreads(script: URL, ref: ModelRef, ctl: Int32Array, count: number): { readonly ports: MessagePort[]; readonly workers: Worker[] } {
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const plain: ModelRef = { subsystem: ref.subsystem, config: ref.config, variant: ref.variant, side: ref.side };
  for (let i = 0; i < count; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { ref: plain, port: port2, ctl }, transferList: [port2] });
    worker.unref();
    ports.push(port1);
    workers.push(worker);
  }
  return { ports, workers };
}

const napCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * The next message on `port`, waiting up to about a second for it. A
 * message is posted before the word that announces it is bumped, yet a
 * helper woken by that word once found no message (a test run under load,
 * 2026-12-01): its delivery to the other thread is evidently not always
 * complete when `postMessage` returns, so the reader waits for it a little
 * rather than taking its absence for an answer.
 */
export function receivePatiently(port: MessagePort): { message: unknown } | undefined {
  let received = receiveMessageOnPort(port);
  for (let naps = 0; received === undefined && naps < 1000; naps++) {
    Atomics.wait(napCell, 0, 0, 1);
    received = receiveMessageOnPort(port);
  }
  return received;
}
