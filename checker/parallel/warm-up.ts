import type { Encoder } from '../fingerprint.ts';
import type { Model } from '../model.ts';
import { Random } from '../random.ts';
import type { Codec } from './codec.ts';

/** Random walks of `warmUp`, and their length (about 8k steps: a few milliseconds). */
const WARM_WALKS = 32;
const WARM_STEPS = 256;
const WARM_SEED = 1;

/**
 * Walks `model` at random from its initial states (`WARM_WALKS` walks of
 * `WARM_STEPS` steps, a fixed seed; nothing is kept): the model's functions
 * then carry type feedback for the branches breadth-first search meets
 * only deep down (a ring index wrapping, a queue filling), so the JIT's
 * first optimized `expand` covers them. Otherwise each such branch, first
 * met levels later, throws that code away and `expand` is compiled again
 * (measured on uart-toy SIZE 12: 13-17 compilations of 25-100 ms in two
 * threads, 6 with the walks); on a machine whose every core runs a thread,
 * the compiler's threads take that time from the exploration.
 */
export function warmUp<S, A>(model: Model<S, A>, codec: Codec<S>, actions: A[], encoder: Encoder): void {
  const fast = model.fast!;
  const inits = model.initStates();
  const at = new Int32Array(codec.words);
  const random = new Random(WARM_SEED);
  for (let walk = 0; walk < WARM_WALKS && inits.length > 0; walk++) {
    codec.store(inits[walk % inits.length]!, at, 0);
    for (let step = 0; step < WARM_STEPS; step++) {
      codec.loadParent(at, 0);
      while (actions.length > 0) actions.pop();
      try {
        model.actions(codec.parent, actions);
        if (actions.length === 0) break;
        if (!fast.nextInto(codec.parent, actions[random.below(actions.length)]!, codec.child)) continue;
        if (model.withinBounds !== undefined && !model.withinBounds(codec.child)) continue;
        codec.fingerprintChild(encoder);
        codec.storeChild(at, 0);
      } catch {
        break;
      }
    }
  }
  while (actions.length > 0) actions.pop();
}
