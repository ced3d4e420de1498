import type { Model } from '../../checker/model.ts';
import { refinementModel } from '../../checker/refinement.ts';
import { revisionDiffModel } from '../../checker/revision-diff.ts';
import { erase, revisionName, UsageError, type Side, type Subsystem } from '../../checker/subsystem.ts';
import { CORRECT, type Vpl011Quirks } from '../../impl/vpl011/quirks.ts';
import { VPL011_CONFIGS, type Vpl011Config } from './config.ts';
import { vpl011ImplSide } from './impl-model.ts';
import { vpl011SpecModel, vpl011SpecSide } from './spec-model.ts';
import { VPL011_ZOO } from './zoo.ts';

/** The configuration named `name`, or a UsageError. */
export function vpl011Config(name: string): Vpl011Config {
  const cfg = VPL011_CONFIGS.find((c) => c.name === name);
  if (cfg === undefined) throw new UsageError(`vpl011 has no config "${name}" (known: ${VPL011_CONFIGS.map((c) => c.name).join(', ')})`);
  return cfg;
}

/** The quirks of variant `id` (CORRECT when none), or a UsageError. */
export function vpl011Quirks(id: string | undefined): Vpl011Quirks {
  if (id === undefined) return CORRECT;
  const entry = VPL011_ZOO.find((v) => v.id === id);
  if (entry === undefined) throw new UsageError(`vpl011 has no variant "${id}" (known: ${VPL011_ZOO.map((v) => v.id).join(', ')})`);
  return entry.override;
}

/** Builds the typed model of one side (tests use this; the registry erases it). */
export function buildVpl011(config: string, options: { readonly variant?: string | undefined; readonly side: Side }): Model<unknown, unknown> {
  const cfg = vpl011Config(config);
  switch (options.side) {
    case 'both': {
      const impl = vpl011ImplSide(cfg, vpl011Quirks(options.variant));
      return erase(refinementModel(vpl011SpecSide(cfg), impl, `vpl011/${cfg.name}${options.variant === undefined ? '' : `+${options.variant}`}`));
    }
    case 'impl':
      return erase(vpl011ImplSide(cfg, vpl011Quirks(options.variant)).model);
    case 'spec':
      if (options.variant !== undefined) throw new UsageError('vpl011 variants change the impl; use --only impl or both with --variant');
      return erase(vpl011SpecModel(cfg));
    default:
      throw new UsageError(`vpl011 has no side "${String(options.side)}"`);
  }
}

/** Two revisions of the impl (variant ids, or undefined for the unmodified impl) in lockstep against each other (`xenspec diff`). */
export function diffVpl011(config: string, a: string | undefined, b: string | undefined): Model<unknown, unknown> {
  const cfg = vpl011Config(config);
  const [nameA, nameB] = [revisionName(a), revisionName(b)];
  return erase(
    revisionDiffModel(
      { spec: vpl011SpecSide(cfg), a: vpl011ImplSide(cfg, vpl011Quirks(a)), b: vpl011ImplSide(cfg, vpl011Quirks(b)), nameA, nameB, sameBuilder: true },
      `vpl011/${cfg.name}: ${nameA} vs ${nameB}`,
    ),
  );
}

/**
 * vpl011 (seed `003_*`): the emulated SBSA/PL011 UART, its xencons rings
 * and the console backend, spec ⊗ impl in lockstep.
 */
export const vpl011Subsystem: Subsystem = {
  name: 'vpl011',
  kind: 'subsystem',
  description: 'emulated PL011 UART: MMIO registers at every width, xencons IN/OUT rings shared with the console backend, edge or level interrupts',
  configs: VPL011_CONFIGS.map((c) => ({ name: c.name, description: c.description })),
  defaultConfig: 'default',
  variants: VPL011_ZOO.map(({ id, description, expectedProperty, config }) => ({ id, description, expectedProperty, config })),
  sides: ['both', 'spec', 'impl'],
  build: buildVpl011,
  diff: diffVpl011,
};
