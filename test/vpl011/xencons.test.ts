import { describe, expect, it } from 'vitest';
import { xenconsMask, xenconsQueued } from '../../impl/vpl011/xencons.ts';

describe('xencons_queued over free-running u32 indices', () => {
  it('is 0 for equal indices, wherever they stand', () => {
    for (const i of [0, 1, 3, 4, 0x7fffffff, 0xfffffffe, 0xffffffff]) expect(xenconsQueued(i, i, 4)).toBe(0);
  });

  it('is the size when the indices differ by the size (equal masked indices mean full, not empty)', () => {
    expect(xenconsQueued(4, 0, 4)).toBe(4);
    expect(xenconsQueued(2, 0xfffffffe, 4)).toBe(4);
    expect(xenconsQueued(0, 0xfffffffc, 4)).toBe(4);
  });

  it('counts across the 2^32 wrap', () => {
    expect(xenconsQueued(0, 0xffffffff, 4)).toBe(1);
    expect(xenconsQueued(1, 0xfffffffe, 4)).toBe(3);
    expect(xenconsQueued(0xffffffff, 0xfffffffe, 2)).toBe(1);
    expect(xenconsQueued(0, 0xfffffffe, 2)).toBe(2);
  });

  it('agrees with the raw u32 difference whenever that difference is at most the size', () => {
    for (const cons of [0, 1, 2, 3, 0x7ffffffe, 0xfffffffc, 0xfffffffd, 0xfffffffe, 0xffffffff]) {
      for (let n = 0; n <= 4; n++) expect(xenconsQueued((cons + n) >>> 0, cons, 4)).toBe(n);
    }
  });

  it('cannot show indices that claim more than the size: the masked arithmetic stays within it', () => {
    expect(xenconsQueued(5, 0, 4)).toBe(1);
    expect(xenconsQueued(0, 1, 4)).toBe(3);
  });

  it('reads the i32 bit patterns the impl stores its u32 indices as (the notification passes the words as they are)', () => {
    expect(xenconsQueued(-1, -2, 4)).toBe(1);
    expect(xenconsQueued(0, -1, 4)).toBe(1);
    expect(xenconsQueued(2, -2, 4)).toBe(4);
    expect(xenconsQueued(-2, -2, 4)).toBe(0);
    expect(xenconsQueued(-0x80000000, 0x7fffffff, 4)).toBe(1);
  });

  it('masks an index to its slot', () => {
    expect(xenconsMask(0xffffffff, 4)).toBe(3);
    expect(xenconsMask(4, 4)).toBe(0);
    expect(xenconsMask(0xfffffffe, 2)).toBe(0);
  });
});
