import { describe, expect, it } from 'vitest';
import { isOutOfMemory } from '../../checker/result.ts';
import { runCli } from '../run-cli.ts';

describe('--memory (issue #11)', () => {
  it('stops at the budget with a partial summary and a line naming the remedy, on one thread and on two', async () => {
    for (const workers of ['1', '2']) {
      const r = await runCli('check', 'uart-toy', '--config', 'size-8', '--memory', '4M', '--workers', workers);
      expect(r.code).toBe(0);
      expect(r.out).toContain('verdict: incomplete (stopped by: memory)');
      expect(r.out).toMatch(/memory: stopped at the --memory budget of 4 MiB; to go further give a larger --memory/);
      expect(r.out).not.toContain('731,136');
    }
  });

  it('refuses a malformed size in one line, exit 2', async () => {
    for (const size of ['12x', '-4G', '0', '1k', '']) {
      const r = await runCli('check', 'counter', '--memory', size);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/--memory expects a size/);
    }
  });

  it('recognizes a failed typed-array allocation as running out of memory, and nothing else', () => {
    let failure: unknown;
    try {
      new ArrayBuffer(2 ** 53);
    } catch (error) {
      failure = error;
    }
    expect(isOutOfMemory(failure)).toBe(true);
    expect(isOutOfMemory(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(isOutOfMemory(new Error('Array buffer allocation failed'))).toBe(false);
  });
});
