import type { Model } from '../../checker/model.ts';
import { refinementModel } from '../../checker/refinement.ts';
import { erase, UsageError, type Side, type Subsystem, type VariantInfo } from '../../checker/subsystem.ts';
import { CORRECT, type ArgoQuirks } from '../../impl/argo/quirks.ts';
import { ARGO_VARIANT_QUIRKS, type ArgoVariantId } from '../../impl/argo/variants/index.ts';
import { ARGO_CONFIGS, type ArgoConfig } from './config.ts';
import { argoImplSide } from './impl-model.ts';
import { P } from './properties.ts';
import { argoSpecModel, argoSpecSide } from './spec-model.ts';

/** The zoo entries with the property each must break, all caught on `small`. */
export const ARGO_VARIANTS: readonly VariantInfo[] = [
  {
    id: 'argo/v1-empty-ring-space',
    description: 'v1 payload space of an empty ring is len − 16: EMPTY never reported, SUFFICIENT for sizes sendv rejects',
    expectedProperty: P.space,
    config: 'small',
  },
  {
    id: 'argo/seed-unsanitised-rx',
    description: 'the seed computes payload space from the raw guest rx_ptr: unaligned or larger than the ring',
    expectedProperty: P.space,
    config: 'small',
  },
  {
    id: 'argo/sendv-full-ring-success',
    description: 'sendv on a full ring returns the requeue\'s 0 and signals the receiver; no message written',
    expectedProperty: P.sendv,
    config: 'small',
  },
  {
    id: 'argo/v1-signal-by-domid',
    description: 'pending entries and signals by domid only: a re-created domain gets its predecessor\'s signal',
    expectedProperty: P.signal,
    config: 'small',
  },
] satisfies readonly (VariantInfo & { readonly id: ArgoVariantId })[];

/** The configuration named `name`, or a UsageError. */
export function argoConfig(name: string): ArgoConfig {
  const cfg = ARGO_CONFIGS.find((c) => c.name === name);
  if (cfg === undefined) throw new UsageError(`argo has no config "${name}" (known: ${ARGO_CONFIGS.map((c) => c.name).join(', ')})`);
  return cfg;
}

/** The quirks of variant `id` (CORRECT when none), or a UsageError. */
export function argoQuirks(id: string | undefined): ArgoQuirks {
  if (id === undefined) return CORRECT;
  const q = (ARGO_VARIANT_QUIRKS as Record<string, ArgoQuirks>)[id];
  if (q === undefined) throw new UsageError(`argo has no variant "${id}" (known: ${Object.keys(ARGO_VARIANT_QUIRKS).join(', ')})`);
  return q;
}

/** Builds the typed model of one side (tests use this; the registry erases it). */
export function buildArgo(config: string, options: { readonly variant?: string | undefined; readonly side: Side }): Model<unknown, unknown> {
  const cfg = argoConfig(config);
  const quirks = argoQuirks(options.variant);
  switch (options.side) {
    case 'both': {
      const impl = argoImplSide(cfg, quirks);
      return erase(refinementModel(argoSpecSide(cfg), impl, `argo/${cfg.name}${options.variant === undefined ? '' : `+${options.variant}`}`));
    }
    case 'impl':
      return erase(argoImplSide(cfg, quirks).model);
    case 'spec':
      if (options.variant !== undefined) throw new UsageError('argo variants change the impl; use --only impl or both with --variant');
      return erase(argoSpecModel(cfg));
    default:
      throw new UsageError(`argo has no side "${String(options.side)}"`);
  }
}

/**
 * Argo (seed `000_*`, the notify op): ring payload space, pending-space
 * notifications, ring-data flags and error paths, spec ⊗ impl in lockstep.
 */
export const argoSubsystem: Subsystem = {
  name: 'argo',
  kind: 'subsystem',
  description: 'Argo inter-domain rings: sendv, notify (payload space, pending waiters, ring-data flags, error paths), bogus rx, domain re-creation',
  configs: ARGO_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: 'default',
  variants: ARGO_VARIANTS,
  sides: ['both', 'spec', 'impl'],
  build: buildArgo,
};
