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
  const helpers = new Helpers(script, ref, ctl, threads - 1);
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
      const share = Math.ceil((to - from) / threads);
      const bounds = (i: number): [number, number] => [Math.min(to, from + i * share), Math.min(to, from + (i + 1) * share)];
      helpers.start((h) => {
        const [a, b] = bounds(h + 1);
        return { type: 'walks', from: a, to: b, watched, seed, walkLength };
      });
      const [a, b] = bounds(0);
      const out: WalkRecord[] = local.walk(a, b, watched, seed, walkLength);
      for (const reply of helpers.finish()) {
        if (reply.type !== 'walked') throw new Error(`a helper thread could not walk: ${String(reply.message)}`);
        out.push(...(reply.records as WalkRecord[]));
      }
      return out;
    },
    close: () => helpers.close(),
  };
}
