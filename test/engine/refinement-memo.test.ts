import { describe, expect, it } from 'vitest';
import { MEMO_SCAN, SpecMemo } from '../../checker/refinement-memo.ts';
import type { SpecSide } from '../../checker/refinement-types.ts';

/** A counter spec: state `{ n }`, call `{ add }` returns `{ n: n + add }` with outcome n + add; counts its applies. */
function counterSpec(): { spec: SpecSide<{ n: number }, { add: number }, number>; applies: () => number } {
  let applies = 0;
  const spec: SpecSide<{ n: number }, { add: number }, number> = {
    initStates: () => [{ n: 0 }],
    apply: (s, actor, call) => {
      applies++;
      return [{ state: { n: s.n + call.add + actor * 1000 }, outcome: s.n + call.add + actor * 1000 }];
    },
    equals: (a, b) => a.n === b.n,
    encode: (s, sink) => sink.u32(s.n),
    format: (s) => String(s.n),
    formatCall: (c) => `add ${c.add}`,
    formatOutcome: (o) => String(o),
    outcomeEquals: (a, b) => a === b,
    invariants: [],
  };
  return { spec, applies: () => applies };
}

describe('SpecMemo: interning and the memoized apply', () => {
  it('interns equal states to one entry whose encoding copy survives later interning', () => {
    const { spec } = counterSpec();
    const memo = new SpecMemo(spec);
    const entries = Array.from({ length: 50_000 }, (_, n) => memo.intern({ n })!);
    // Equal values, different objects: the same entry.
    for (const n of [0, 1, 4095, 49_999]) expect(memo.intern({ n })).toBe(entries[n]);
    // Each copy still holds its own encoding after the arena moved on to later chunks.
    for (const n of [0, 1, 4095, 49_999]) expect(Array.from(entries[n]!.single)).toEqual(Array.from(new Uint8Array(new Uint32Array([1, n]).buffer)));
  });

  it(`answers from the memo for the same (state, actor, call object), past ${MEMO_SCAN} distinct keys too, and never mixes keys up`, () => {
    const { spec, applies } = counterSpec();
    const memo = new SpecMemo(spec);
    const root = memo.intern({ n: 0 })!;
    const calls = Array.from({ length: MEMO_SCAN * 2 }, (_, add) => ({ add }));
    for (let round = 0; round < 3; round++) {
      for (const actor of [-1, 0, 1]) {
        for (const call of calls) {
          const [alt] = memo.memoApply(root, actor, call);
          expect(alt!.outcome).toBe(call.add + actor * 1000);
          expect(alt!.entry).toBe(memo.intern({ n: call.add + actor * 1000 }));
        }
      }
    }
    // Each (actor, call) pair applied once; rounds two and three all from the memo (linear keys and the Map alike).
    expect(applies()).toBe(3 * calls.length);
    // A different call object with the same content is a different key (calls are matched by identity).
    memo.memoApply(root, 0, { add: 1 });
    expect(applies()).toBe(3 * calls.length + 1);
  });
});
