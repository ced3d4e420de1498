import { describe, expect, it } from 'vitest';
import { expectCaught, expectHoldsAlong, expectNoViolation } from '../../checker/cli/testing.ts';

describe('the assertions exported for users’ suites', () => {
  it('expectNoViolation passes on a clean configuration and returns its ok result', () => {
    expect(expectNoViolation('counter', 'default').verdict).toBe('ok');
    expect(expectNoViolation('pcid', 'small').verdict).toBe('ok');
  });

  it('expectNoViolation throws with the property, the path and each step when a variant breaks it', () => {
    expect(() => expectNoViolation('counter', 'default', { variant: 'counter/split-increment' })).toThrow(
      /"no lost update" is violated after 6 steps, path 0\/[\d/]+:\n {2}init #0\n {2}start A/,
    );
  });

  it('expectNoViolation fails an exhaustive run whose witness is never reached', () => {
    expect(() => expectNoViolation('linear-equation', 'unsolvable')).toThrow(/verdict unreached: witnesses never reached/);
  });

  it('expectCaught passes when the variant breaks its expected property first, and throws otherwise', () => {
    expect(expectCaught('counter/split-increment').verdict).toBe('violated');
    expect(expectCaught('pcid/seed-v5').verdict).toBe('violated');
    expect(() => expectCaught('counter/split-increment', 'some other property')).toThrow(/expected "some other property" to be violated, but "no lost update" was first/);
    expect(() => expectCaught('split-increment')).toThrow(/not a variant id/);
    expect(() => expectCaught('counter/no-such')).toThrow(/unknown variant/);
  });

  it('expectHoldsAlong refuses a property the model does not have rather than passing', () => {
    expect(() =>
      expectHoldsAlong({ subsystem: 'counter', config: 'default', variant: null, side: 'both', kind: 'counterexample', property: 'no such property', path: '0', actions: [] }),
    ).toThrow(/has no invariant "no such property"/);
  });
});
