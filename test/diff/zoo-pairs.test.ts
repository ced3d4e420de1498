import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounterexample } from '../../checker/counterexample.ts';
import { DIFFERENCE_PROPERTY } from '../../checker/revision-diff.ts';
import { subsystems } from '../../model/registry.ts';
import { runCli } from '../run-cli.ts';

/*
 * `xenspec diff` on the bug zoo: every pair of distinct variants of a
 * subsystem, and every variant against the unmodified impl, must differ, and
 * the file written must replay to the same difference.
 */

/**
 * Where a pair is compared: the first variant's zoo configuration, except
 * where both revisions behave alike there. pcid's v4 and v5 switches differ
 * only when a switch changes the PCID (v5 then flushes the old one), which
 * no switch on `small` does (diff calls them equivalent there); on `nested`
 * the kernel/user toggles make it happen.
 */
const CONFIG_OF_PAIR: Readonly<Record<string, string>> = {
  'pcid/seed-v4-no-old-pcid-flush pcid/seed-v5': 'nested',
};

const cases: { subsystem: string; a: string; b: string | undefined; config: string }[] = [];
for (const s of subsystems) {
  if (s.diff === undefined) continue;
  s.variants.forEach((a, i) => {
    cases.push({ subsystem: s.name, a: a.id, b: undefined, config: a.config });
    for (const b of s.variants.slice(i + 1)) cases.push({ subsystem: s.name, a: a.id, b: b.id, config: CONFIG_OF_PAIR[`${a.id} ${b.id}`] ?? a.config });
  });
}

describe('xenspec diff finds a difference between distinct zoo revisions', () => {
  it('has pairs for every subsystem with an impl', () => {
    expect(new Set(cases.map((c) => c.subsystem))).toEqual(new Set(['argo', 'vpl011', 'pcid', 'shadow-oos']));
  });

  it.each(cases)('$subsystem: $a differs from $b on $config, and the file replays the difference', async ({ subsystem, a, b, config }) => {
    const dir = mkdtempSync(join(tmpdir(), 'xenspec-diff-'));
    const run = await runCli('diff', subsystem, '--config', config, '--variant', a, ...(b === undefined ? [] : ['--variant', b]), '--out-dir', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/DIFFERENT: .* first differ after \d+ steps/);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const file = join(dir, files[0]!);
    const saved = readCounterexample(file);
    expect(saved).toMatchObject({ kind: 'difference', subsystem, config, variant: a, against: b ?? null, property: DIFFERENCE_PROPERTY, version: 2 });

    const replayed = await runCli('replay', file);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain(`reproduced: ${a} and ${b ?? 'unmodified'} differ after ${saved.parsedPath.actions.length} steps`);
    // The last state names what differs, and both sides of it.
    const tail = replayed.out.slice(replayed.out.lastIndexOf('DIFFERENCE: '));
    expect(tail).toMatch(/^DIFFERENCE: /);
    const names = [a, b ?? 'unmodified'];
    for (const name of names) expect(tail.split('\n').some((line) => new RegExp(`^\\s*(\\+ )?${name}\\s+│ `).test(line))).toBe(true);
  });
});
