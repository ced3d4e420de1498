import { describe, expect, it } from 'vitest';
import { argoSubsystem } from '../../model/argo/index.ts';
import { checkVariantToFile, expectStaleAgainstUnmodified } from '../zoo-replay.ts';
import { runCli as run } from '../run-cli.ts';

describe('Argo zoo counterexamples replay from their files', () => {
  for (const variant of argoSubsystem.variants) {
    it(`${variant.id}: check writes a counterexample for "${variant.expectedProperty}" that replay reproduces step by step`, async () => {
      const { file, saved } = await checkVariantToFile('argo', variant);
      const replayed = await run('replay', file);
      expect(replayed.code).toBe(1);
      expect(replayed.err).toBe('');
      const steps = saved.actions.length - 1;
      expect(replayed.out).toContain(`── step ${steps}:`);
      expect(replayed.out).toContain(`reproduced: "${variant.expectedProperty}" is violated after ${steps} steps`);
    });
  }

  it('the same file replayed against the unmodified impl is reported stale, not reproduced', async () => {
    await expectStaleAgainstUnmodified(
      'argo',
      argoSubsystem.variants.find((v) => v.id === 'argo/sendv-full-ring-success')!,
    );
  });
});
