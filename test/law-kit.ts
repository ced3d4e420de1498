import { expect, it } from 'vitest';
import { explore } from '../checker/explore.ts';
import { fingerprintOf } from '../checker/fingerprint.ts';
import type { Model } from '../checker/model.ts';
import type { Path } from '../checker/path.ts';
import { replay } from '../checker/replay.ts';
import { simulate } from '../checker/simulate.ts';

/** Bounds of the law kit's own breadth-first sample and walks. */
export interface LawKitOptions {
  /** States sampled breadth-first (default 2,000). */
  readonly sample?: number;
  /** Depth of the "no violation" BFS (default 6). */
  readonly depth?: number;
  /** Random walks (default 200) of `walkLength` steps (default 60), seeded. */
  readonly walks?: number;
  readonly walkLength?: number;
  readonly seed?: number;
  /** Whether the model is expected to be free of violations (false for zoo variants). */
  readonly clean?: boolean;
}

interface Sampled<S> {
  readonly state: S;
  readonly path: Path;
}

function sample<S, A>(model: Model<S, A>, limit: number): Sampled<S>[] {
  const seen = new Set<string>();
  const queue: Sampled<S>[] = [];
  const out: Sampled<S>[] = [];
  model.initStates().forEach((state, init) => queue.push({ state, path: { init, actions: [] } }));
  const actions: A[] = [];
  while (queue.length > 0 && out.length < limit) {
    const item = queue.shift()!;
    const fp = fingerprintOf(model.encode.bind(model), item.state);
    if (seen.has(fp)) continue;
    seen.add(fp);
    out.push(item);
    actions.length = 0;
    model.actions(item.state, actions);
    actions.forEach((a, k) => {
      const next = model.next(item.state, a);
      if (next !== undefined) queue.push({ state: next, path: { init: item.path.init, actions: [...item.path.actions, k] } });
    });
  }
  return out;
}

/**
 * The laws every model in xenspec obeys (fast-check's ArbitraryAssertions,
 * for models): registers one vitest test per law for the model `build`
 * returns. Apply it to every subsystem and fixture.
 */
export function lawKit<S, A>(label: string, build: () => Model<S, A>, options: LawKitOptions = {}): void {
  const limit = options.sample ?? 2000;
  const clean = options.clean ?? true;
  let cached: { model: Model<S, A>; states: Sampled<S>[] } | undefined;
  const get = (): { model: Model<S, A>; states: Sampled<S>[] } => {
    if (cached === undefined) {
      const model = build();
      cached = { model, states: sample(model, limit) };
    }
    return cached;
  };
  const fp = (model: Model<S, A>, s: S): string => fingerprintOf(model.encode.bind(model), s);

  it(`${label}: lists actions in the same order every time`, () => {
    const { model, states } = get();
    for (const { state } of states) {
      const a: A[] = [];
      const b: A[] = [];
      model.actions(state, a);
      model.actions(state, b);
      expect(b.map((x) => model.formatAction(x))).toEqual(a.map((x) => model.formatAction(x)));
    }
  });

  it(`${label}: a step never mutates the state it starts from`, () => {
    const { model, states } = get();
    const actions: A[] = [];
    for (const { state } of states) {
      const before = fp(model, state);
      actions.length = 0;
      model.actions(state, actions);
      for (const a of actions) {
        model.next(state, a);
        expect(fp(model, state)).toBe(before);
      }
    }
  });

  it(`${label}: states that encode equally render equally, and back (equal states along different histories encode identically)`, () => {
    const { model, states } = get();
    const byFp = new Map<string, string>();
    const byText = new Map<string, string>();
    const actions: A[] = [];
    for (const { state } of states) {
      actions.length = 0;
      model.actions(state, actions);
      for (const a of actions) {
        const next = model.next(state, a);
        if (next === undefined) continue;
        const f = fp(model, next);
        const text = model.formatState(next);
        if (byFp.has(f)) expect(byFp.get(f)).toBe(text);
        else byFp.set(f, text);
        if (byText.has(text)) expect(byText.get(text)).toBe(f);
        else byText.set(text, f);
      }
    }
    expect(byFp.size).toBeGreaterThan(0);
  });

  it(`${label}: every sampled state's path replays to the same state`, () => {
    const { model, states } = get();
    for (const { state, path } of states.filter((_, i) => i % 7 === 0)) {
      const r = replay(model, path);
      expect(r.error).toBeUndefined();
      expect(r.steps.at(-1)!.fingerprint).toBe(fp(model, state));
    }
  });

  it(`${label}: the allocation-free nextInto agrees with next`, () => {
    const { model, states } = get();
    const fast = model.fast;
    if (fast === undefined) return;
    const scratch = fast.scratch();
    const actions: A[] = [];
    for (const { state } of states) {
      actions.length = 0;
      model.actions(state, actions);
      for (const a of actions) {
        const next = model.next(state, a);
        const ok = fast.nextInto(state, a, scratch);
        expect(ok).toBe(next !== undefined);
        if (next !== undefined) expect(fp(model, scratch)).toBe(fp(model, next));
      }
    }
  });

  if (clean) {
    it(`${label}: has no violation breadth-first to depth ${options.depth ?? 6} nor on seeded random walks`, () => {
      const model = build();
      const bfs = explore(model, { maxDepth: options.depth ?? 6 });
      expect(bfs.discoveries.filter((d) => d.kind !== 'witness')).toEqual([]);
      const walks = simulate(model, { seed: options.seed ?? 1, walks: options.walks ?? 200, maxDepth: options.walkLength ?? 60 });
      expect(walks.discoveries.filter((d) => d.kind !== 'witness')).toEqual([]);
    });
  }
}
