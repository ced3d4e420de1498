import type { Model } from '../model.ts';
import { UsageError, type Subsystem } from '../subsystem.ts';
import { findSubsystem, resolveConfig } from './options.ts';
import { subsystems } from '../../model/registry.ts';

/* Which two revisions `xenspec diff` compares, and their product model: shared by `diff` and by `replay` of a difference file. */

/** Two revisions of one subsystem, resolved: variant ids, undefined for the unmodified impl. */
export interface RevisionPair {
  readonly subsystem: Subsystem;
  readonly config: string;
  readonly a: string | undefined;
  readonly b: string | undefined;
}

/**
 * The variant id `text` names in `subsystem` (with or without its prefix),
 * or a UsageError: unknown, or a variant of another subsystem.
 */
function resolveRevision(subsystem: Subsystem, text: string): string {
  const id = text.includes('/') ? text : `${subsystem.name}/${text}`;
  if (subsystem.variants.some((v) => v.id === id)) return id;
  const owner = subsystems.find((s) => s !== subsystem && s.variants.some((v) => v.id === id));
  if (owner !== undefined) throw new UsageError(`variant "${text}" belongs to ${owner.name}, not ${subsystem.name}: diff compares two revisions of one subsystem`);
  const known = subsystem.variants.map((v) => v.id);
  throw new UsageError(`unknown variant "${text}" for ${subsystem.name} (${known.length === 0 ? 'it has none' : `known: ${known.join(', ')}`}; see \`xenspec list\`)`);
}

/** Resolves the subsystem, config and the two revisions, refusing what cannot be compared. */
export function resolvePair(name: string, config: string | undefined, variants: readonly string[]): RevisionPair {
  const subsystem = findSubsystem(name);
  if (subsystem.diff === undefined) throw new UsageError(`${subsystem.name} has no impl revisions to compare (diff needs a subsystem with a spec and an impl)`);
  if (variants.length === 0) throw new UsageError('diff needs --variant A (and optionally --variant B; B defaults to the unmodified impl)');
  if (variants.length > 2) throw new UsageError(`diff compares two revisions, got ${variants.length} --variant flags`);
  const a = resolveRevision(subsystem, variants[0]!);
  const b = variants.length === 2 ? resolveRevision(subsystem, variants[1]!) : undefined;
  if (a === b) throw new UsageError(`--variant ${a} given twice: diff compares two different revisions`);
  return { subsystem, config: resolveConfig(subsystem, config), a, b };
}

/** The product model of a pair (`Subsystem.diff`). */
export function pairModel(p: RevisionPair): Model<unknown, unknown> {
  return p.subsystem.diff!(p.config, p.a, p.b);
}
