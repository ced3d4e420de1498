import type { Model } from './model.ts';

/** Which side a check explores: the spec ⊗ impl product (default), or one side alone. */
export type Side = 'both' | 'spec' | 'impl';

/** A named bound configuration of a subsystem (`small`, `default`, `deep`). */
export interface ConfigInfo {
  readonly name: string;
  readonly description: string;
}

/** A bug-zoo entry: a historical bug kept as a small override of the impl. */
export interface VariantInfo {
  /** `<subsystem>/<name>`, e.g. `argo/v1-empty-ring-space`. */
  readonly id: string;
  readonly description: string;
  /** The property the variant is expected to break. */
  readonly expectedProperty: string;
  /** The configuration the zoo checks it on. */
  readonly config: string;
}

/** What the CLI knows of a subsystem (or fixture): its configs, variants, and how to build a model. */
export interface Subsystem {
  readonly name: string;
  /** `subsystem` for Xen subsystems; `fixture` for the engine's toy models. */
  readonly kind: 'subsystem' | 'fixture';
  readonly description: string;
  readonly configs: readonly ConfigInfo[];
  readonly defaultConfig: string;
  readonly variants: readonly VariantInfo[];
  /** Sides this subsystem can explore (fixtures without a spec offer only `both`). */
  readonly sides: readonly Side[];
  /**
   * Builds the model for `config`, with the impl replaced by `variant` when
   * given. Throws `UsageError` for names it does not know.
   */
  build(config: string, options: { readonly variant?: string | undefined; readonly side: Side }): Model<unknown, unknown>;
  /**
   * Optional (subsystems with a spec and an impl): the product of two
   * revisions of the impl, `a` and `b` (a variant id, or undefined for the
   * unmodified impl), driven by the same actions (`revisionDiffModel`), for
   * `xenspec diff`. Throws `UsageError` for names it does not know.
   */
  diff?(config: string, a: string | undefined, b: string | undefined): Model<unknown, unknown>;
}

/** How `xenspec diff` and its files name a revision: the variant id, or `unmodified`. */
export function revisionName(variant: string | undefined): string {
  return variant ?? 'unmodified';
}

/** A user mistake (unknown name, malformed value): reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Erases a model's type parameters for the registry. */
export function erase<S, A>(model: Model<S, A>): Model<unknown, unknown> {
  return model as unknown as Model<unknown, unknown>;
}
