import type { Model } from '../model.ts';
import { localWalker, type Walker } from '../simulate.ts';
import type { WalkRecord } from '../walks.ts';
import { Helpers, type ModelRef } from './helpers.ts';
import { CTL, newControl } from './layout.ts';

/** Walks each thread records per batch: big enough that a batch costs far more than its messages, small enough that a time limit or an interrupt lands within a fraction of a second. */
export const WALKS_PER_THREAD = 64;

/**
 * Random walks recorded on `threads` threads (this one and `threads − 1`
 * helpers, each with its own model built by name through the registry): a
 * batch of consecutive walks is cut into one contiguous share per thread,
 * and the records come back in walk order, so `simulate` reads exactly the
 * walks one thread would have walked, whatever the timing. Until the helpers
 * have built their models this thread walks whole batches alone. Any model
 * can walk in parallel: nothing but records crosses between threads.
 */
/** Walks a thread claims at a time. */
const CLAIM = 4;

/** Claims runs of `chunk` walks from the cursor until it passes `to`, recording each with `record`. */
export function claimWalks(ctl: Int32Array, to: number, chunk: number, record: (walk: number) => WalkRecord): { walk: number; record: WalkRecord }[] {
  const out: { walk: number; record: WalkRecord }[] = [];
  for (;;) {
    const first = Atomics.add(ctl, CTL.cursor, chunk);
    if (first >= to) return out;
    for (let w = first; w < Math.min(to, first + chunk); w++) out.push({ walk: w, record: record(w) });
  }
}

export function parallelWalker(
  model: Model<unknown, unknown>,
  ref: ModelRef,
  script: URL,
  threads: number,
  /** Tests: walks per thread per batch, and whether to wait for the helpers before the first batch (so that they do walk). */
  tuning: { readonly perThread?: number; readonly waitForHelpers?: boolean } = {},
): Walker {
  const inits = model.initStates().filter((s) => model.withinBounds?.(s) ?? true);
  const local = localWalker(model, inits, model.properties());
  const ctl = newControl();
  const helpers = Helpers.spawn(script, ref, ctl, threads - 1);
  if (tuning.waitForHelpers === true) while (!helpers.ready()) Atomics.wait(ctl, CTL.done, Atomics.load(ctl, CTL.done), 50);
  let helped = 0;
  return {
    batch: threads * (tuning.perThread ?? WALKS_PER_THREAD),
    get helped() {
      return helped;
    },
    walk(from, to, watched, seed, walkLength) {
      if (!helpers.ready()) return local.walk(from, to, watched, seed, walkLength);
      helped++;
      // Threads claim small runs of walks through the cursor, so a thread slowed by the machine's load takes fewer.
      Atomics.store(ctl, CTL.cursor, from);
      helpers.start(() => ({ type: 'walks', to, chunk: CLAIM, watched, seed, walkLength }));
      const out: (WalkRecord | undefined)[] = new Array<WalkRecord | undefined>(to - from);
      for (const { walk, record } of claimWalks(ctl, to, CLAIM, (w) => local.walk(w, w + 1, watched, seed, walkLength)[0]!)) out[walk - from] = record;
      for (const reply of helpers.finish()) {
        if (reply.type !== 'walked') throw new Error(`a helper thread could not walk: ${String(reply.message)}`);
        for (const { walk, record } of reply.records as { walk: number; record: WalkRecord }[]) out[walk - from] = record;
      }
      return out as WalkRecord[];
    },
    close: () => helpers.close(),
  };
}
