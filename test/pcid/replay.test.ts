import { describe, expect, it } from 'vitest';
import { pcidSubsystem } from '../../model/pcid/index.ts';
import { checkVariantToFile, expectStaleAgainstUnmodified } from '../zoo-replay.ts';
import { runCli as run } from '../run-cli.ts';

describe('PCID zoo counterexamples replay from their files', () => {
  for (const variant of pcidSubsystem.variants) {
    it(`${variant.id}: check writes a counterexample for "${variant.expectedProperty}" that replay reproduces step by step`, async () => {
      const { file, saved } = await checkVariantToFile('pcid', variant);
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
    await expectStaleAgainstUnmodified(
      'pcid',
      pcidSubsystem.variants.find((v) => v.id === 'pcid/seed-v5')!,
    );
  });
});
