import { describe, expect, it } from 'vitest';
import { runCli as run } from '../run-cli.ts';

describe('the vpl011 CLI', () => {
  it('zoo vpl011: 3 of 3 variants caught, the unmodified impl clean on their configs', async () => {
    const r = await run('zoo', 'vpl011');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 of 3 variants caught; unmodified impl clean on 2 of 2 configs');
  });

  it('refuses an unknown config or variant with exit 2 and one line, no stack', async () => {
    for (const argv of [
      ['check', 'vpl011', '--config', 'huge'],
      ['check', 'vpl011', '--variant', 'nope'],
      ['check', 'vpl011', '--only', 'spec', '--variant', 'fr-reset-zero'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
    }
  });

  it('lists vpl011 with its configs (default marked) and variants', async () => {
    const r = await run('list');
    expect(r.out).toContain('config default (default)');
    expect(r.out).toContain('variant vpl011/seed-indices-before-lock');
  });

  it('bench vpl011 --quick measures vpl011 alone (small, impl and lockstep); an unknown name is exit 2', async () => {
    const r = await run('bench', 'vpl011', '--quick');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^vpl011\/small impl workers=1: 52,595 distinct/m);
    expect(r.out).toMatch(/^vpl011\/small both workers=1: 52,595 distinct/m);
    expect(r.out).not.toContain('uart-toy');
    expect((await run('bench', 'nosuch')).code).toBe(2);
  });
});
