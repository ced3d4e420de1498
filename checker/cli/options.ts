import { UsageError, type Side, type Subsystem } from '../subsystem.ts';
import { subsystems } from '../../model/registry.ts';

/** Parses a whole-number flag value between `min` and `max`, or throws a one-line UsageError. */
export function parseCount(flag: string, text: string, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  if (!/^\d{1,20}$/.test(text) || Number(text) > max || Number(text) < min) {
    throw new UsageError(`${flag} expects a whole number between ${min} and ${max}, got "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`);
  }
  return Number(text);
}

/** Parses a positive number of seconds (decimals allowed). */
export function parseSeconds(flag: string, text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0 || Number(text) > 1e7) throw new UsageError(`${flag} expects a positive number of seconds, got "${text}"`);
  return Number(text);
}

/** Parses a positive number of minutes (decimals allowed, at most a year). */
export function parseMinutes(flag: string, text: string): number {
  if (!/^\d{1,9}(\.\d{1,9})?$/.test(text) || Number(text) <= 0 || Number(text) > 525_600)
    throw new UsageError(`${flag} expects a positive number of minutes, got "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`);
  return Number(text);
}

/** Minutes between checkpoints when `--checkpoint-every` is not given. */
export const DEFAULT_CHECKPOINT_MINUTES = 10;

/** Parses `--strategy`. */
export function parseStrategy(text: string): 'bfs' | 'dfs' | 'random' {
  if (text === 'bfs' || text === 'dfs' || text === 'random') return text;
  throw new UsageError(`--strategy expects bfs, dfs or random, got "${text}"`);
}

/** Parses `--walks` (at least 1), which only random walks take. */
export function parseWalks(text: string, strategy: 'bfs' | 'dfs' | 'random'): number {
  const walks = parseCount('--walks', text, Number.MAX_SAFE_INTEGER, 1);
  if (strategy !== 'random') throw new UsageError(`--walks applies to --strategy random only (this run is --strategy ${strategy})`);
  return walks;
}

/** Parses `--only`. */
export function parseSide(text: string | undefined): Side {
  if (text === undefined) return 'both';
  if (text === 'spec' || text === 'impl') return text;
  throw new UsageError(`--only expects spec or impl, got "${text}"`);
}

/** The registered subsystem named `name`, or a UsageError listing the known names. */
export function findSubsystem(name: string): Subsystem {
  const found = subsystems.find((s) => s.name === name);
  if (found === undefined) throw new UsageError(`unknown subsystem "${name}" (known: ${subsystems.map((s) => s.name).join(', ')}; see \`xenspec list\`)`);
  return found;
}

/** The subsystems a command without names runs: every Xen subsystem, or the fixtures while there are none. */
export function defaultTargets(): Subsystem[] {
  const real = subsystems.filter((s) => s.kind === 'subsystem');
  return real.length > 0 ? real : subsystems.filter((s) => s.kind === 'fixture');
}

/** Resolves a variant id given with or without its subsystem prefix. */
export function resolveVariant(subsystem: Subsystem, variant: string | undefined): string | undefined {
  if (variant === undefined) return undefined;
  const id = variant.includes('/') ? variant : `${subsystem.name}/${variant}`;
  if (!subsystem.variants.some((v) => v.id === id)) {
    const known = subsystem.variants.map((v) => v.id);
    throw new UsageError(`unknown variant "${variant}" for ${subsystem.name} (${known.length === 0 ? 'it has none' : `known: ${known.join(', ')}`}; see \`xenspec zoo\`)`);
  }
  return id;
}

/** Checks a config name against the subsystem's list. */
export function resolveConfig(subsystem: Subsystem, config: string | undefined): string {
  const name = config ?? subsystem.defaultConfig;
  if (!subsystem.configs.some((c) => c.name === name)) {
    throw new UsageError(`unknown config "${name}" for ${subsystem.name} (known: ${subsystem.configs.map((c) => c.name).join(', ')})`);
  }
  return name;
}

/** Checks the side against what the subsystem offers. */
export function resolveSide(subsystem: Subsystem, side: Side): Side {
  if (!subsystem.sides.includes(side)) throw new UsageError(`${subsystem.name} cannot explore --only ${side} (it offers: ${subsystem.sides.join(', ')})`);
  return side;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Parses a memory size: a whole number of bytes, or with a binary unit (`512M`, `4G`, `1.5g`). */
export function parseSize(flag: string, text: string): number {
  const m = /^(\d{1,15}(?:\.\d{1,6})?)([kmgt]?)i?b?$/i.exec(text);
  const bytes = m === null ? Number.NaN : Math.floor(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!);
  if (!Number.isFinite(bytes) || bytes < 2 ** 20 || bytes > 2 ** 50) {
    throw new UsageError(`${flag} expects a size between 1M and 1P such as 512M or 4G, got "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`);
  }
  return bytes;
}
