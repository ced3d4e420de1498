import type { Model } from '../../checker/model.ts';
import { refinementModel } from '../../checker/refinement.ts';
import { revisionDiffModel } from '../../checker/revision-diff.ts';
import { erase, revisionName, UsageError, type Side, type Subsystem } from '../../checker/subsystem.ts';
import { CORRECT, type ArgoQuirks } from '../../impl/argo/quirks.ts';
import { ARGO_CONFIGS, type ArgoConfig } from './config.ts';
import { argoImplSide } from './impl-model.ts';
import { argoSpecModel, argoSpecSide } from './spec-model.ts';
import { ARGO_ZOO } from './zoo.ts';

/** The zoo entries as the registry lists them. */
export const ARGO_VARIANTS = ARGO_ZOO;

/** The configuration named `name`, or a UsageError. */
export function argoConfig(name: string): ArgoConfig {
  const cfg = ARGO_CONFIGS.find((c) => c.name === name);
  if (cfg === undefined) throw new UsageError(`argo has no config "${name}" (known: ${ARGO_CONFIGS.map((c) => c.name).join(', ')})`);
  return cfg;
}

/** The quirks of variant `id` (CORRECT when none), or a UsageError. */
export function argoQuirks(id: string | undefined): ArgoQuirks {
  if (id === undefined) return CORRECT;
  const entry = ARGO_ZOO.find((v) => v.id === id);
  if (entry === undefined) throw new UsageError(`argo has no variant "${id}" (known: ${ARGO_ZOO.map((v) => v.id).join(', ')})`);
  return entry.override;
}

/** Builds the typed model of one side (tests use this; the registry erases it). */
export function buildArgo(config: string, options: { readonly variant?: string | undefined; readonly side: Side }): Model<unknown, unknown> {
  const cfg = argoConfig(config);
  switch (options.side) {
    case 'both': {
      const impl = argoImplSide(cfg, argoQuirks(options.variant));
      return erase(refinementModel(argoSpecSide(cfg), impl, `argo/${cfg.name}${options.variant === undefined ? '' : `+${options.variant}`}`));
    }
    case 'impl':
      return erase(argoImplSide(cfg, argoQuirks(options.variant)).model);
    case 'spec':
      if (options.variant !== undefined) throw new UsageError('argo variants change the impl; use --only impl or both with --variant');
      return erase(argoSpecModel(cfg));
    default:
      throw new UsageError(`argo has no side "${String(options.side)}"`);
  }
}

/** Two revisions of the impl (variant ids, or undefined for the unmodified impl) in lockstep against each other (`xenspec diff`). */
export function diffArgo(config: string, a: string | undefined, b: string | undefined): Model<unknown, unknown> {
  const cfg = argoConfig(config);
  const [nameA, nameB] = [revisionName(a), revisionName(b)];
  return erase(
    revisionDiffModel(
      { spec: argoSpecSide(cfg), a: argoImplSide(cfg, argoQuirks(a)), b: argoImplSide(cfg, argoQuirks(b)), nameA, nameB, sameBuilder: true },
      `argo/${cfg.name}: ${nameA} vs ${nameB}`,
    ),
  );
}

/**
 * Argo (seed `000_*`, the notify op): ring payload space, pending-space
 * notifications, ring-data flags and error paths, spec ⊗ impl in lockstep.
 */
export const argoSubsystem: Subsystem = {
  name: 'argo',
  kind: 'subsystem',
  description: 'Argo inter-domain rings: register, sendv, notify (payload space, pending waiters, ring-data flags, error paths), bogus rx, domain re-creation',
  configs: ARGO_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: 'default',
  variants: ARGO_VARIANTS.map(({ id, description, expectedProperty, config }) => ({ id, description, expectedProperty, config })),
  sides: ['both', 'spec', 'impl'],
  build: buildArgo,
  diff: diffArgo,
};
