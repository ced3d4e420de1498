import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { Encoder } from '../../checker/fingerprint.ts';
import { always, type Model } from '../../checker/model.ts';
import { checkDeterminism, replay } from '../../checker/replay.ts';
import { CollisionCheckingSet, OpenAddressingSet } from '../../checker/seen-set.ts';
import { simulate } from '../../checker/simulate.ts';
import { counterModel } from '../../model/fixtures/counter.ts';
import { uartToyModel } from '../../model/fixtures/uart-toy.ts';

describe('determinism', () => {
  it('gives the same counts and the same first counterexample on repeated runs', () => {
    const a = explore(counterModel(true, 3, 2));
    const b = explore(counterModel(true, 3, 2));
    expect(a.stats.distinct).toBe(b.stats.distinct);
    expect(a.stats.generated).toBe(b.stats.generated);
    expect(a.discoveries).toEqual(b.discoveries);
  });

  it('gives the same random walks for the same seed and different ones for another seed', () => {
    const a = simulate(uartToyModel(2), { seed: 42, walks: 50, maxDepth: 40 });
    const b = simulate(uartToyModel(2), { seed: 42, walks: 50, maxDepth: 40 });
    const c = simulate(uartToyModel(2), { seed: 43, walks: 50, maxDepth: 40 });
    expect(a.stats.distinct).toBe(b.stats.distinct);
    expect(a.stats.generated).toBe(b.stats.generated);
    expect(a.verdict).toBe('incomplete');
    expect(c.stats.distinct).not.toBe(a.stats.distinct);
  });

  it('detects a nondeterministic model on replay and names the usual causes', () => {
    let hidden = 0;
    const flaky: Model<number, number> = {
      name: 'flaky',
      initStates: () => [0],
      actions: (_s, out) => {
        out.push(1);
      },
      next: (s) => s + 1 + (hidden++ % 2),
      properties: () => [always<number>('small', (s) => s < 5)],
      encode: (s, sink) => sink.u32(s),
      formatAction: () => 'tick',
      formatState: (s) => String(s),
    };
    const error = checkDeterminism(flaky, { init: 0, actions: [0, 0, 0] });
    expect(error?.code).toBe('fingerprint-mismatch');
    expect(error?.message).toMatch(/hidden mutable state/);
  });

  it('replays a path to the same states and refuses an action index that is not enabled', () => {
    const model = counterModel(false);
    const ok = replay(model, { init: 0, actions: [0, 0, 0, 0] });
    expect(ok.error).toBeUndefined();
    expect(ok.steps).toHaveLength(5);
    const bad = replay(model, { init: 0, actions: [5] });
    expect(bad.error?.code).toBe('bad-action-index');
  });
});

describe('fingerprints and the seen-set', () => {
  it('finds no collision on uart-toy SIZE 4 when every full encoding is kept, with the same counts', () => {
    const checked = explore(uartToyModel(4), { checkCollisions: true });
    expect(checked.stats.collisions).toBe(0);
    expect(checked.stats.distinct).toBe(50_688);
    expect(checked.stats.generated).toBe(435_713);
  });

  it('the checking set counts a collision when two different encodings share a fingerprint', () => {
    const set = new CollisionCheckingSet();
    const e = new Encoder();
    e.u32(1);
    e.hi = 5;
    e.lo = 6;
    expect(set.add(e)).toBe(true);
    e.reset();
    e.u32(2);
    e.hi = 5;
    e.lo = 6;
    expect(set.add(e)).toBe(true);
    expect(set.collisions).toBe(1);
    expect(set.add(e)).toBe(false);
  });

  it('gives equal encodings equal fingerprints and different encodings different ones', () => {
    const fp = (write: (e: Encoder) => void): string => {
      const e = new Encoder();
      write(e);
      e.fingerprint();
      return `${e.hi}:${e.lo}`;
    };
    expect(fp((e) => e.u32(7))).toBe(fp((e) => e.u32(7)));
    expect(fp((e) => e.u32(7))).not.toBe(fp((e) => e.u32(8)));
    // Trailing zero bytes count: the length is part of the hash.
    expect(fp((e) => e.u8(1))).not.toBe(fp((e) => (e.u8(1), e.u8(0))));
  });

  it('grows and keeps at most 16 bytes per state, and can live in a SharedArrayBuffer', () => {
    const set = new OpenAddressingSet(16, true);
    for (let i = 1; i <= 200_000; i++) expect(set.insert(Math.imul(i, 0x9e3779b1) >>> 0, i)).toBe(true);
    for (let i = 1; i <= 200_000; i += 997) expect(set.insert(Math.imul(i, 0x9e3779b1) >>> 0, i)).toBe(false);
    expect(set.size).toBe(200_000);
    expect(set.bytes / set.size).toBeLessThanOrEqual(16);
    expect(set.isShared).toBe(true);
  });
});
