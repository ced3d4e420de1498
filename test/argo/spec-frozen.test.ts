import { describe, expect, it } from 'vitest';
import type { Model } from '../../checker/model.ts';
import type { ProductState } from '../../checker/refinement.ts';
import type { ArgoState } from '../../spec/argo/types.ts';
import { argoConfig, buildArgo } from '../../model/argo/index.ts';
import { argoSpecModel, type ArgoSpecModelState } from '../../model/argo/spec-model.ts';

/** The first object or array in `x` (depth first) that is not frozen, as a path; undefined when all are. */
function unfrozen(x: unknown, path = 'state'): string | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  if (!Object.isFrozen(x)) return path;
  for (const [k, v] of Object.entries(x)) {
    const found = unfrozen(v, `${path}.${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Breadth-first over `model` up to `limit` states (no deduplication needed: the walk is cut by count), calling `visit` on each. */
function walk<S, A>(model: Model<S, A>, limit: number, visit: (s: S) => void): number {
  const queue: S[] = [...model.initStates()];
  const actions: A[] = [];
  let seen = 0;
  while (queue.length > 0 && seen < limit) {
    const s = queue.shift()!;
    visit(s);
    seen++;
    actions.length = 0;
    model.actions(s, actions);
    for (const a of actions) {
      const t = model.next(s, a);
      if (t !== undefined) queue.push(t);
    }
  }
  return seen;
}

describe('Argo spec states are deeply frozen, as immer leaves them (the hand-written freezing on the hot path included)', () => {
  it('every state of the spec explored alone (atomic notify)', () => {
    const seen = walk(argoSpecModel(argoConfig('small')), 5_000, (s: ArgoSpecModelState) => expect(unfrozen(s.argo)).toBeUndefined());
    expect(seen).toBe(5_000);
  });

  it('every candidate spec state of the lockstep product (notify progress in flight included)', () => {
    let inFlight = 0;
    const model = buildArgo('small', { side: 'both' }) as Model<ProductState<unknown, ArgoState>, unknown>;
    const seen = walk(model, 5_000, (s) => {
      for (const spec of s.specs) {
        expect(unfrozen(spec)).toBeUndefined();
        if (spec.notify.some((n) => n !== null)) inFlight++;
      }
    });
    expect(seen).toBe(5_000);
    expect(inFlight).toBeGreaterThan(200);
  });
});
