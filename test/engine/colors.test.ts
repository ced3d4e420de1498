import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../checker/cli/colors.ts';
import { table, visibleLength } from '../../checker/report/format.ts';
import { runCli, runCliProcessWith } from '../run-cli.ts';

// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[/;

describe('colour: who decides, and what a pipe gets', () => {
  it.each([
    [{}, false, false],
    [{}, true, true],
    [{ TERM: 'dumb' }, true, false],
    [{ CI: 'true' }, false, false],
    [{ CI: 'true' }, true, true],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true, false],
  ])('env %j on a terminal=%s: colour %s', (env, tty, expected) => {
    expect(wantsColor(env, tty)).toBe(expected);
  });

  it('writes plain text to a pipe when CI is set (picocolors alone would colour it)', () => {
    const r = runCliProcessWith({ env: { NO_COLOR: '', FORCE_COLOR: undefined, CI: 'true' } }, 'check', 'counter');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verdict: ok/);
    expect(r.out).not.toMatch(ESCAPE);
  });

  it('colours a pipe when FORCE_COLOR asks, and the verdict carries the escape', () => {
    const r = runCliProcessWith({ env: { NO_COLOR: '', FORCE_COLOR: '1' } }, 'check', 'counter');
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.out).toMatch(/verdict: \x1b\[32mok\x1b\[39m/);
  });

  it('in-process runs are plain whatever the environment says', async () => {
    const saved = { ...process.env };
    process.env.FORCE_COLOR = '1';
    process.env.CI = 'true';
    try {
      const r = await runCli('check', 'counter');
      expect(r.out).not.toMatch(ESCAPE);
    } finally {
      process.env.FORCE_COLOR = saved.FORCE_COLOR;
      process.env.CI = saved.CI;
      if (saved.FORCE_COLOR === undefined) delete process.env.FORCE_COLOR;
      if (saved.CI === undefined) delete process.env.CI;
    }
  });

  it('aligns table columns by what the terminal shows, not by escape bytes', () => {
    const t = table(
      ['name', 'outcome'],
      [
        ['a', '\x1b[32mcaught\x1b[39m'],
        ['bb', 'ESCAPED'],
      ],
    ).split('\n');
    expect(t.map(visibleLength)).toEqual([t[0]!.length, t[0]!.length, t[0]!.length, t[0]!.length]);
    expect(t[2]).toBe('a      \x1b[32mcaught\x1b[39m');
  });
});
