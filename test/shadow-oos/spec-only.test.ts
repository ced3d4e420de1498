import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { UsageError } from '../../checker/subsystem.ts';
import { buildShadow, shadowOosSubsystem } from '../../model/shadow-oos/index.ts';

/** Pinned counts of `xenspec check shadow-oos --config evict --only spec`. */
const PINNED_EVICT = { distinct: 20_686, generated: 69_634, depth: 15 } as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every repository file `file` imports, transitively (relative imports only). */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) importsOf(resolve(dirname(file), m[1]!), seen);
  return seen;
}

describe('shadow-oos spec-only model (--only spec)', () => {
  it('explores evict exhaustively with the pinned counts and the reference’s invariants held', () => {
    const r = explore(buildShadow('evict', { side: 'spec' }));
    expect(r.verdict).toBe('ok');
    const { distinct, generated, depth } = r.stats;
    expect({ distinct, generated, depth }).toEqual(PINNED_EVICT);
    expect(r.held).toHaveLength(2);
  });

  it('is offered by the registry and refuses a zoo variant (variants change the impl)', () => {
    expect(shadowOosSubsystem.sides).toContain('spec');
    expect(() => shadowOosSubsystem.build('small', { side: 'spec', variant: 'shadow-oos/flush-only-if-removed' })).toThrow(UsageError);
  });

  it('loads nothing from impl/', () => {
    const files = [...importsOf(join(root, 'model/shadow-oos/spec-only.ts'))].map((f) => f.slice(root.length + 1));
    expect(files).toContain('spec/shadow-oos/state.ts');
    expect(files.filter((f) => f.startsWith('impl/'))).toEqual([]);
  });
});
