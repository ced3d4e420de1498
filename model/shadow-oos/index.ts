import type { Model } from '../../checker/model.ts';
import { refinementModel } from '../../checker/refinement.ts';
import { revisionDiffModel } from '../../checker/revision-diff.ts';
import { erase, revisionName, UsageError, type Side, type Subsystem } from '../../checker/subsystem.ts';
import { CORRECT, type ShadowQuirks } from '../../impl/shadow-oos/quirks.ts';
import { SHADOW_CONFIGS, type ShadowConfig } from './config.ts';
import { shadowImplSide } from './impl-model.ts';
import { shadowSpecOnlyModel } from './spec-only.ts';
import { shadowSpecSide } from './spec-model.ts';
import { SHADOW_ZOO } from './zoo.ts';

/** The configuration named `name`, or a UsageError. */
export function shadowConfig(name: string): ShadowConfig {
  const cfg = SHADOW_CONFIGS.find((c) => c.name === name);
  if (cfg === undefined) throw new UsageError(`shadow-oos has no config "${name}" (known: ${SHADOW_CONFIGS.map((c) => c.name).join(', ')})`);
  return cfg;
}

/** The quirks of variant `id` (CORRECT when none), or a UsageError. */
export function shadowQuirks(id: string | undefined): ShadowQuirks {
  if (id === undefined) return CORRECT;
  const entry = SHADOW_ZOO.find((v) => v.id === id || v.id === `shadow-oos/${id}`);
  if (entry === undefined) throw new UsageError(`shadow-oos has no variant "${id}" (known: ${SHADOW_ZOO.map((v) => v.id).join(', ')})`);
  return entry.override;
}

/** Builds the typed model of one side (tests use this; the registry erases it). */
export function buildShadow(config: string, options: { readonly variant?: string | undefined; readonly side: Side }): Model<unknown, unknown> {
  const cfg = shadowConfig(config);
  switch (options.side) {
    case 'both':
      return erase(
        refinementModel(
          shadowSpecSide(cfg),
          shadowImplSide(cfg, shadowQuirks(options.variant)),
          `shadow-oos/${cfg.name}${options.variant === undefined ? '' : `+${options.variant}`}`,
        ),
      );
    case 'impl':
      return erase(shadowImplSide(cfg, shadowQuirks(options.variant)).model);
    case 'spec':
      if (options.variant !== undefined) throw new UsageError('shadow-oos: a zoo variant changes the impl; --only spec explores the reference alone');
      return erase(shadowSpecOnlyModel(cfg));
    default:
      throw new UsageError(`shadow-oos has no side "${String(options.side)}"`);
  }
}

/** Two revisions of the impl (variant ids, or undefined for the unmodified impl) in lockstep against each other (`xenspec diff`). */
export function diffShadow(config: string, a: string | undefined, b: string | undefined): Model<unknown, unknown> {
  const cfg = shadowConfig(config);
  const [nameA, nameB] = [revisionName(a), revisionName(b)];
  return erase(
    revisionDiffModel(
      { spec: shadowSpecSide(cfg), a: shadowImplSide(cfg, shadowQuirks(a)), b: shadowImplSide(cfg, shadowQuirks(b)), nameA, nameB, sameBuilder: true },
      `shadow-oos/${cfg.name}: ${nameA} vs ${nameB}`,
    ),
  );
}

/**
 * Shadow out-of-sync pages with fixup arrays (seed `004_*`): the OOS hash,
 * fixup eviction, resync, CR3 writes, INVLPG and memory pressure, on x86
 * TLBs that keep writable entries until a flush, spec ⊗ impl in lockstep.
 */
export const shadowOosSubsystem: Subsystem = {
  name: 'shadow-oos',
  kind: 'subsystem',
  description:
    'shadow out-of-sync L1 page tables with fixup arrays: oos_hash_add, oos_fixup_add, sh_resync(_all), sh_unsync, the page-fault handler, INVLPG, memory pressure, on x86 TLBs',
  configs: SHADOW_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: 'default',
  variants: SHADOW_ZOO.map(({ id, description, expectedProperty, config }) => ({ id, description, expectedProperty, config })),
  sides: ['both', 'spec', 'impl'],
  build: buildShadow,
  diff: diffShadow,
};
