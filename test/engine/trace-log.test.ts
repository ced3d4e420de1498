import { describe, expect, it } from 'vitest';
import { TraceLog } from '../../checker/trace.ts';

/** A log of `n` records, each the child of the one before (record 0 a root), added one at a time or reserved in blocks and filled through the arrays. */
function chain(log: TraceLog, n: number, reserveBlocks: boolean): void {
  if (!reserveBlocks) {
    for (let i = 0; i < n; i++) log.add(i - 1, i % 7);
    return;
  }
  for (let i = 0; i < n;) {
    const count = Math.min(n - i, 1 + (i % 97));
    const first = log.reserve(count);
    // The arrays may have been replaced or grown: read them after the reservation, as the parallel explorer does.
    for (let j = 0; j < count; j++) {
      log.parentIds[first + j] = first + j - 1;
      log.stepIds[first + j] = (first + j) % 7;
    }
    i += count;
  }
}

describe('the trace log', () => {
  for (const shared of [false, true]) {
    for (const reserveBlocks of [false, true]) {
      it(`keeps every record while it grows many times over (${shared ? 'shared' : 'private'} memory, ${reserveBlocks ? 'reserved in blocks' : 'added one by one'})`, () => {
        const log = new TraceLog(16, shared);
        const n = 50_000;
        chain(log, n, reserveBlocks);
        expect(log.size).toBe(n);
        // Grown in place: capacity is a power-of-two multiple of the first (16 records), 4 bytes per word, two arrays.
        expect(log.bytes).toBeGreaterThanOrEqual(n * 8);
        expect(log.bytes).toBeLessThan(n * 8 * 2 + 1);
        const { parents, steps } = log.records();
        expect(parents.length).toBe(n);
        for (let i = 0; i < n; i++) {
          if (parents[i] !== i - 1 || steps[i] !== i % 7) throw new Error(`record ${i} is (${parents[i]}, ${steps[i]})`);
        }
        const path = log.pathTo(n - 1);
        expect(path.init).toBe(0);
        expect(path.actions.length).toBe(n - 1);
        expect(path.actions.slice(0, 3)).toEqual([1, 2, 3]);
        // The arrays handed out are views of buffers of the right kind.
        expect(log.parentIds.buffer instanceof SharedArrayBuffer).toBe(shared);
      });
    }
  }

  it('restores a log from its records and goes on growing it', () => {
    const log = new TraceLog(16);
    chain(log, 1000, false);
    const copy = TraceLog.restore(log.records().parents.slice(), log.records().steps.slice());
    for (let i = 1000; i < 5000; i++) copy.add(i - 1, i % 7);
    expect(copy.size).toBe(5000);
    expect(copy.pathTo(4999).actions.length).toBe(4999);
  });
});
