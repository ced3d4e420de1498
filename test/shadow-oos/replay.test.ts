import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounterexample } from '../../checker/counterexample.ts';
import { shadowOosSubsystem } from '../../model/shadow-oos/index.ts';
import { expectStaleAgainstUnmodified } from '../zoo-replay.ts';
import { runCli as run, runCliProcess } from '../run-cli.ts';

/** What the last step of each zoo counterexample must show (beyond the reproduced property). */
const LAST_STEP: Record<string, readonly string[]> = {
  // gmfn 3 crushed back into sync by the resync, while CPU0 still holds the read-only TLB entry of va 2 → f3 the
  // evicted fixup left: the reference flushed it, the impl (flushing only when it removed a mapping) did not.
  'shadow-oos/flush-only-if-removed': ['gmfn 3 (page 0): L1; guest [f3 W, f3 W]', 'CPU0 TLB [—, —, f3 R, —, —, —]', 'DIVERGENCE: abstract(impl) differs from the spec state'],
  // gmfn 3 demoted by the prealloc after write access was removed, re-unsynced with a fresh fixup array that misses
  // table 6's surviving writable mapping of it.
  'shadow-oos/prealloc-after-write-removal': [
    'gmfn 3 (page 0): L1 out_of_sync may_write',
    'gmfn 6 (page 1): L1; guest [f3 W, f4 W] shadow [f3 W, —]',
    'vCPU0 oos: [0] gmfn 3 snapshot [f3 W, f3 W] fixups [smfn 40+0, —] next 1',
  ],
};

/** An action every trace of the entry must contain. */
const IN_TRACE: Record<string, string> = {
  'shadow-oos/flush-only-if-removed': 'vCPU0 guest INVLPG va',
  'shadow-oos/prealloc-after-write-removal': "shadow memory pressure: the next prealloc frees L1 page 0's shadow",
};

describe('shadow-oos zoo counterexamples replay from their files', () => {
  for (const variant of shadowOosSubsystem.variants) {
    it(`${variant.id}: check (child process) writes a counterexample for "${variant.expectedProperty}" that replay reproduces step by step`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xenspec-shadow-oos-'));
      const checked = runCliProcess('check', 'shadow-oos', '--config', variant.config, '--variant', variant.id, '--out-dir', dir);
      expect(checked.code).toBe(1);
      // A run goes on after the first violation: later properties may add their own files.
      const saved = readdirSync(dir)
        .map((f) => readCounterexample(join(dir, f)))
        .find((c) => c.property === variant.expectedProperty);
      expect(saved).toBeDefined();
      expect(saved!.variant).toBe(variant.id);
      const file = readdirSync(dir).find((f) => readCounterexample(join(dir, f)).property === variant.expectedProperty)!;
      const replayed = await run('replay', join(dir, file), '--full');
      expect(replayed.code).toBe(1);
      expect(replayed.err).toBe('');
      const steps = saved!.actions.length - 1;
      expect(replayed.out).toContain(`── step ${steps}:`);
      expect(replayed.out).toContain(`reproduced: "${variant.expectedProperty}" is violated after ${steps} steps`);
      expect(replayed.out).toContain(IN_TRACE[variant.id]);
      const last = replayed.out.slice(replayed.out.lastIndexOf(`── step ${steps}:`));
      for (const line of LAST_STEP[variant.id]!) expect(last).toContain(line);
    });
  }

  it('the same file replayed against the unmodified impl is reported stale, not reproduced', async () => {
    await expectStaleAgainstUnmodified(
      'shadow-oos',
      shadowOosSubsystem.variants.find((v) => v.id === 'shadow-oos/flush-only-if-removed')!,
    );
  });
});
