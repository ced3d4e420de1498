import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../checker/report/format.ts';

describe('count: thousands separators written out', () => {
  it("prints what toLocaleString('en-US') prints for the rounded value", () => {
    // The oracle is the platform's own formatter; `count` avoids it only for its start-up cost.
    const oracle = (n: number): string => Math.round(n).toLocaleString('en-US');
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(0, -0, 999, 1000, 999_999, 1_000_000, 2 ** 31, 2 ** 32, 2 ** 53, 1e21, -1e21)), (n) => {
        expect(count(n)).toBe(oracle(n));
      }),
      { numRuns: 5000 },
    );
  });

  it('groups by three from the right', () => {
    expect([0, 7, 1000, 31_624_705, -1234].map(count)).toEqual(['0', '7', '1,000', '31,624,705', '-1,234']);
  });
});
