import { workerData, type MessagePort } from 'node:worker_threads';
import { receivePatiently } from './helpers.ts';
import { findSubsystem } from '../cli/options.ts';
import { explore } from '../explore.ts';
import type { Model } from '../model.ts';
import { localWalker, type Walker } from '../simulate.ts';
import { hasCodec } from './codec.ts';
import { LevelWorker, rehashPart, type AppendJob, type CommitJob, type ExpandJob } from './expand.ts';
import { claimWalks } from './walkers.ts';
import type { ModelRef } from './helpers.ts';
import { CTL } from './layout.ts';

/*
 * Entry point of a helper thread of parallel exploration (bundled as
 * dist/explore-worker.mjs): builds its own model instance by name, then
 * serves phases (expand, commit and append a level's states; move a share
 * of the fingerprint table when it grows) until told to exit. See
 * `Helpers` and `LevelWorker`.
 */

const { ref, port, ctl } = workerData as { ref: ModelRef; port: MessagePort; ctl: Int32Array };

function done(reply: unknown): void {
  port.postMessage(reply);
  Atomics.add(ctl, CTL.done, 1);
  Atomics.notify(ctl, CTL.done);
}

let model: Model<unknown, unknown> | undefined;
let worker: LevelWorker<unknown, unknown> | undefined;
/** This thread's walker for random walks, made at the first batch and kept. */
let walker: Walker | undefined;
let generation = Atomics.load(ctl, CTL.generation);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
try {
  model = findSubsystem(ref.subsystem).build(ref.config, { variant: ref.variant, side: ref.side });
  // Breadth-first levels need the states in shared memory; random walks need only the model.
  if (hasCodec(model)) worker = new LevelWorker(model);
  done({ type: 'ready' });
} catch (error) {
  done({ type: 'failed', message: messageOf(error) });
}
// Whatever a phase throws is reported as the phase's reply, so the coordinator, waiting for every helper, never waits for one that died.
// (The thread then ends by itself: nothing is left to run, and its port keeps no event loop alive.)
process.on('uncaughtException', (error) => done({ type: 'failed', message: messageOf(error) }));
while (model !== undefined) {
  Atomics.wait(ctl, CTL.generation, generation);
  generation = Atomics.load(ctl, CTL.generation);
  const orders = receivePatiently(port)?.message as Record<string, unknown> | undefined;
  if (orders?.type === 'exit') break;
  try {
    done(serve(orders));
  } catch (error) {
    done({ type: 'failed', message: messageOf(error) });
  }
}

/** Carries out one phase's orders; returns the reply. */
function serve(orders: Record<string, unknown> | undefined): Record<string, unknown> {
  if (orders === undefined) throw new Error(`woken for phase ${generation} without its orders`);
  if (orders.type === 'rest') {
    worker = undefined;
    walker = undefined;
    return { type: 'resting' };
  }
  if (orders.type === 'rebuild') {
    // Kept for another run (`Helpers.obtain`): a new model instance, caches and buffers, as a new thread would have.
    const next = orders.ref as ModelRef;
    model = findSubsystem(next.subsystem).build(next.config, { variant: next.variant, side: next.side });
    worker = hasCodec(model) ? new LevelWorker(model) : undefined;
    walker = undefined;
    return { type: 'rebuilt' };
  }
  if (orders.type === 'walks') {
    const m = model!;
    const own = (walker ??= localWalker(
      m,
      m.initStates().filter((s) => m.withinBounds?.(s) ?? true),
      m.properties(),
    ));
    const { watched, seed, walkLength } = orders as { watched: number[]; seed: number; walkLength: number };
    const records = claimWalks(ctl, orders.to as number, orders.chunk as number, (w) => own.walk(w, w + 1, watched, seed, walkLength)[0]!);
    return { type: 'walked', records };
  }
  if (orders.type === 'solo') {
    // `xenspec bench`: the sequential explorer on this thread's own model, at the same time as the other threads (the machine's own scaling).
    const result = explore(model!, { strategy: 'bfs' });
    return { type: 'solo', seconds: result.stats.seconds, distinct: result.stats.distinct, generated: result.stats.generated };
  }
  if (worker === undefined) throw new Error(`phase ${String(orders.type)} asked of a helper whose model has no shared form`);
  if (orders.type === 'expand') return { type: 'expanded', expanded: worker.expand(orders.job as ExpandJob, ctl) };
  if (orders.type === 'commit') return { type: 'committed', remapped: worker.commit(orders.job as CommitJob, ctl) };
  if (orders.type === 'append') return { type: 'appended', appended: worker.append(orders.job as AppendJob) };
  if (orders.type === 'rehash') {
    return { type: 'rehashed', rest: rehashPart(orders.from as SharedArrayBuffer, orders.to as SharedArrayBuffer, orders.part as number, orders.parts as number) };
  }
  throw new Error(`unknown phase ${String(orders.type)}`);
}
