import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounterexample } from '../../checker/counterexample.ts';
import { pcidSubsystem } from '../../model/pcid/index.ts';
import { runCli as run } from '../run-cli.ts';

describe('PCID zoo counterexamples replay from their files', () => {
  for (const variant of pcidSubsystem.variants) {
    it(`${variant.id}: check writes a counterexample for "${variant.expectedProperty}" that replay reproduces step by step`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xenspec-pcid-'));
      const checked = await run('check', 'pcid', '--config', variant.config, '--variant', variant.id, '--out-dir', dir);
      expect(checked.code).toBe(1);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const file = join(dir, files[0]!);
      const saved = readCounterexample(file);
      expect(saved.property).toBe(variant.expectedProperty);
      expect(saved.variant).toBe(variant.id);
      const replayed = await run('replay', file, '--full');
      expect(replayed.code).toBe(1);
      expect(replayed.err).toBe('');
      const steps = saved.actions.length - 1;
      expect(replayed.out).toContain(`── step ${steps}:`);
      expect(replayed.out).toContain(`reproduced: "${variant.expectedProperty}" is violated after ${steps} steps`);
      if (variant.id.startsWith('pcid/seed-')) {
        // The trace shows the fill from the idle tables inside the switch (after the early CR4 write), and the entry surviving it.
        expect(replayed.out).toMatch(/CPU0 TLB fill of the Xen page\n[^]*TLB: PCID 0 Xen page → f7 \(filled from idle tables\)/);
        const last = replayed.out.slice(replayed.out.lastIndexOf(`── step ${steps}:`));
        expect(last).toContain('current d0');
        expect(last).toContain('PCID 0 Xen page → f7 (filled from idle tables)');
      } else {
        expect(replayed.out).toContain('FAULT #GP: MOV CR3 with NOFLUSH while PCIDE=0');
      }
    });
  }

  it('the same file replayed against the unmodified impl is reported stale, not reproduced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xenspec-pcid-'));
    const variant = pcidSubsystem.variants.find((v) => v.id === 'pcid/seed-v5')!;
    await run('check', 'pcid', '--config', variant.config, '--variant', variant.id, '--out-dir', dir);
    const saved = readCounterexample(join(dir, readdirSync(dir)[0]!));
    const { digest: _d, format: _f, version: _v, parsedPath: _p, ...body } = saved;
    const { sealCounterexample, writeCounterexample } = await import('../../checker/counterexample.ts');
    const unmodified = writeCounterexample(join(dir, 'unmodified'), sealCounterexample({ ...body, variant: null }));
    const replayed = await run('replay', unmodified);
    expect(replayed.code).toBe(2);
    expect(replayed.err).toMatch(/is stale/);
  });
});
