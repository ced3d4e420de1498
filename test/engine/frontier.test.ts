import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedFrontier, type Packer } from '../../checker/frontier.ts';

/** A state of three u32s, packed into 12 bytes. */
interface Triple {
  a: number;
  b: number;
  c: number;
}

const packer: Packer<Triple> = {
  packedBytes: 12,
  pack(s, into, offset) {
    const v = new DataView(into.buffer, into.byteOffset);
    v.setUint32(offset, s.a, true);
    v.setUint32(offset + 4, s.b, true);
    v.setUint32(offset + 8, s.c, true);
  },
  unpack(from, offset, into) {
    const v = new DataView(from.buffer, from.byteOffset);
    into.a = v.getUint32(offset, true);
    into.b = v.getUint32(offset + 4, true);
    into.c = v.getUint32(offset + 8, true);
  },
};

type Entry = readonly [a: number, b: number, c: number, id: number, depth: number, hi: number, lo: number];

/** Runs `ops` (a number: push an entry made from it; null: pop) on a frontier and on a plain array, comparing every pop. */
function run(lifo: boolean, blockBytes: number, ops: readonly (number | null)[]): { peak: number; frontier: PackedFrontier<Triple> } {
  const f = new PackedFrontier<Triple>(packer, { a: 0, b: 0, c: 0 }, lifo, blockBytes);
  const model: Entry[] = [];
  let peak = 0;
  for (const op of ops) {
    if (op === null) {
      const expected = lifo ? model.pop() : model.shift();
      expect(f.pop()).toBe(expected !== undefined);
      if (expected !== undefined) {
        const s = f.state!;
        expect([s.a, s.b, s.c, f.id, f.depth, f.hi, f.lo]).toEqual(expected);
      }
    } else {
      const e: Entry = [op >>> 0, (op * 7) >>> 0, (op ^ 0xffffffff) >>> 0, op & 0x7fffffff, op % 1000, (op * 13) >>> 0, (op + 0x80000000) >>> 0];
      f.push({ a: e[0], b: e[1], c: e[2] }, e[3], e[4], e[5], e[6]);
      model.push(e);
    }
    expect(f.size).toBe(model.length);
    peak = Math.max(peak, model.length);
  }
  return { peak, frontier: f };
}

const ops = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constant(null), fc.constant(null)), { maxLength: 600 });

describe('PackedFrontier: blocks of packed states', () => {
  it.each([false, true])('lifo=%s: every pop returns what a plain queue/stack would, across block boundaries (16-entry blocks)', (lifo) => {
    fc.assert(
      fc.property(ops, (o) => {
        run(lifo, 16 * 12, o);
      }),
      { numRuns: 200 },
    );
  });

  it('reuses emptied blocks: a long FIFO run with a bounded size never holds more blocks than its peak needs plus two', () => {
    // 10,000 pushes and pops with at most 40 entries waiting: 16-entry blocks, so at most 3 + 2 blocks ever.
    const o: (number | null)[] = [];
    for (let i = 0; i < 10_000; i++) o.push(i, i % 3 === 0 ? null : i + 1, null);
    const { peak, frontier } = run(false, 16 * 12, o);
    expect(frontier.blockEntries).toBe(16);
    expect(frontier.blocksAllocated).toBeLessThanOrEqual(Math.ceil(peak / 16) + 2);
  });

  it('reuses emptied blocks on a stack that rises and falls', () => {
    const o: (number | null)[] = [];
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 100; i++) o.push(round * 1000 + i);
      for (let i = 0; i < 100; i++) o.push(null);
    }
    const { frontier } = run(true, 16 * 12, o);
    expect(frontier.blocksAllocated).toBeLessThanOrEqual(Math.ceil(100 / 16) + 2);
  });

  it('sizes blocks to the largest power of two of entries that fits the byte budget (at least 16)', () => {
    expect(new PackedFrontier<Triple>(packer, { a: 0, b: 0, c: 0 }, false, 1 << 20).blockEntries).toBe(65536);
    expect(new PackedFrontier<Triple>(packer, { a: 0, b: 0, c: 0 }, false, 100).blockEntries).toBe(16);
  });
});
