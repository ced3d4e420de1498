import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grownWords, RecordBuffer, SharedWords, sharedWords } from '../../checker/parallel/layout.ts';
import { roomFor, type RunState } from '../../checker/parallel/run-state.ts';

describe('shared word buffers grow in place (no old buffer left for the threads that saw it)', () => {
  it('grownWords keeps the buffer, the first `keep` words and a fixed-length view', () => {
    const a = sharedWords(4);
    a.set([1, 2, 3, 4]);
    const b = grownWords(a, 1000, 3);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(1000);
    expect([...b.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
    expect(b[999]).toBe(0);
    // A view of fixed length (one tracking the buffer's length would be slow): growing the buffer again leaves it as it is.
    grownWords(b, 5000, 0);
    expect(b.length).toBe(1000);
  });

  it('a buffer of fixed size (no address space reserved) is replaced by a copy of its first `keep` words', () => {
    const fixed = new Int32Array(new SharedArrayBuffer(16));
    fixed.set([5, 6, 7, 8]);
    const grown = grownWords(fixed, 64, 2);
    expect(grown.buffer).not.toBe(fixed.buffer);
    expect(grown.length).toBe(64);
    expect([...grown.subarray(0, 4)]).toEqual([5, 6, 0, 0]);
  });

  it('SharedWords and RecordBuffer grow in place, keeping what they hold', () => {
    const words = new SharedWords(16);
    const first = words.words.buffer;
    words.words[15] = 42;
    words.ensure(100_000, 16);
    expect(words.words.buffer).toBe(first);
    expect(words.words[15]).toBe(42);
    const records = new RecordBuffer(3, 1);
    const buffer = records.words.buffer;
    for (let i = 0; i < 1000; i++) {
      const at = records.append();
      records.words[at] = i;
    }
    expect(records.words.buffer).toBe(buffer);
    expect(records.size).toBe(1000);
    expect([0, 1, 999].map((i) => records.words[i * 3])).toEqual([0, 1, 999]);
    records.resize(50_000);
    expect(records.words.buffer).toBe(buffer);
    expect(records.words.length).toBeGreaterThanOrEqual(150_000);
  });
});

describe('roomFor: the table size before a commit', () => {
  const runWith = (distinct: number, newPerCandidate: number): RunState<unknown, unknown> => ({ distinct, newPerCandidate }) as unknown as RunState<unknown, unknown>;

  it('never leaves a table that every candidate could fill: at most 90 % full even if all were new', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.double({ min: 0, max: 1, noNaN: true }), (distinct, candidates, ratio) => {
        expect(distinct + candidates).toBeLessThanOrEqual(0.9 * roomFor(runWith(distinct, ratio), candidates) + 1e-6);
      }),
    );
  });

  it('sizes for the likely new states at 75 % load, not for every candidate', () => {
    // 10,000 stored, 3,000 candidates of which the last level's share (1 in 3) predicts 1,000 new, with a quarter more:
    // 11,250 at 75 % load is 15,000 slots (every candidate at 90 %: 14,445), where sizing for every candidate at 75 % took 17,334.
    expect(roomFor(runWith(10_000, 1 / 3), 3000)).toBeCloseTo(15_000);
    // Before any level committed on several threads (share 1): every candidate at 75 %.
    expect(roomFor(runWith(10_000, 1), 3000)).toBeCloseTo(13_000 / 0.75);
  });
});
