import type { Model } from '../../checker/model.ts';
import { refinementModel } from '../../checker/refinement.ts';
import { revisionDiffModel } from '../../checker/revision-diff.ts';
import { erase, revisionName, UsageError, type Side, type Subsystem } from '../../checker/subsystem.ts';
import { CORRECT, type PcidQuirks } from '../../impl/pcid/quirks.ts';
import { PCID_CONFIGS, type PcidConfig } from './config.ts';
import { pcidImplSide } from './impl-model.ts';
import { pcidSpecModel, pcidSpecSide } from './spec-model.ts';
import { PCID_ZOO } from './zoo.ts';

/** The zoo entries as the registry lists them. */
export const PCID_VARIANTS = PCID_ZOO;

/** The configuration named `name`, or a UsageError. */
export function pcidConfig(name: string): PcidConfig {
  const cfg = PCID_CONFIGS.find((c) => c.name === name);
  if (cfg === undefined) throw new UsageError(`pcid has no config "${name}" (known: ${PCID_CONFIGS.map((c) => c.name).join(', ')})`);
  return cfg;
}

/** The quirks of variant `id` (CORRECT when none), or a UsageError. */
export function pcidQuirks(id: string | undefined): PcidQuirks {
  if (id === undefined) return CORRECT;
  const entry = PCID_ZOO.find((v) => v.id === id);
  if (entry === undefined) throw new UsageError(`pcid has no variant "${id}" (known: ${PCID_ZOO.map((v) => v.id).join(', ')})`);
  return entry.override;
}

/** Builds the typed model of one side (tests use this; the registry erases it). */
export function buildPcid(config: string, options: { readonly variant?: string | undefined; readonly side: Side }): Model<unknown, unknown> {
  const cfg = pcidConfig(config);
  switch (options.side) {
    case 'both': {
      const impl = pcidImplSide(cfg, pcidQuirks(options.variant));
      return erase(refinementModel(pcidSpecSide(cfg), impl, `pcid/${cfg.name}${options.variant === undefined ? '' : `+${options.variant}`}`));
    }
    case 'impl':
      return erase(pcidImplSide(cfg, pcidQuirks(options.variant)).model);
    case 'spec':
      if (options.variant !== undefined) throw new UsageError('pcid variants change the impl; use --only impl or both with --variant');
      return erase(pcidSpecModel(cfg));
    default:
      throw new UsageError(`pcid has no side "${String(options.side)}"`);
  }
}

/** Two revisions of the impl (variant ids, or undefined for the unmodified impl) in lockstep against each other (`xenspec diff`). */
export function diffPcid(config: string, a: string | undefined, b: string | undefined): Model<unknown, unknown> {
  const cfg = pcidConfig(config);
  const [nameA, nameB] = [revisionName(a), revisionName(b)];
  return erase(
    revisionDiffModel(
      { spec: pcidSpecSide(cfg), a: pcidImplSide(cfg, pcidQuirks(a)), b: pcidImplSide(cfg, pcidQuirks(b)), nameA, nameB, sameBuilder: true },
      `pcid/${cfg.name}: ${nameA} vs ${nameB}`,
    ),
  );
}

/**
 * PCID with XPTI (seed `002_*`): Xen's CR3/CR4 switching, flushes and
 * kernel/user toggles for 64-bit PV guests, on an SDM-minimal x86 TLB,
 * against an ideal MMU, spec ⊗ impl in lockstep.
 */
export const pcidSubsystem: Subsystem = {
  name: 'pcid',
  kind: 'subsystem',
  description:
    'PCID for 64-bit PV guests with/without XPTI: switch_cr3_cr4, flush_area_local, kernel/user toggles, XPTI entry/exit, lazy idle, pcid= policy, on an SDM-minimal TLB with fills at every step',
  configs: PCID_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: 'default',
  variants: PCID_VARIANTS.map(({ id, description, expectedProperty, config }) => ({ id, description, expectedProperty, config })),
  sides: ['both', 'spec', 'impl'],
  build: buildPcid,
  diff: diffPcid,
};
