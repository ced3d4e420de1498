import { PcidPolicy } from './types.ts';

/**
 * The documented spellings of `pcid=` (xen-command-line: `<boolean> |
 * xpti=<boolean>`), as a table: every accepted string and its meaning.
 */
const FALSE_WORDS = ['0', 'no', 'off', 'false', 'disable'] as const;
const TRUE_WORDS = ['1', 'yes', 'on', 'true', 'enable'] as const;

const TABLE: ReadonlyMap<string, PcidPolicy> = new Map<string, PcidPolicy>([
  ...FALSE_WORDS.map((w) => [w, PcidPolicy.never] as const),
  ...TRUE_WORDS.map((w) => [w, PcidPolicy.all] as const),
  ['xpti', PcidPolicy.xptiOnly],
  ['no-xpti', PcidPolicy.nonXptiOnly],
  ...FALSE_WORDS.map((w) => [`xpti=${w}`, PcidPolicy.nonXptiOnly] as const),
  ...TRUE_WORDS.map((w) => [`xpti=${w}`, PcidPolicy.xptiOnly] as const),
]);

/** Every spelling the option accepts. */
export const ACCEPTED_SPELLINGS: readonly string[] = [...TABLE.keys()];

/** The policy `text` selects, or undefined when the option refuses it. */
export function pcidPolicyOf(text: string): PcidPolicy | undefined {
  return TABLE.get(text);
}

/** Whether a domain with this XPTI setting uses PCID under `policy` (on a CPU able to). */
export function usesPcid(policy: PcidPolicy, xpti: boolean): boolean {
  switch (policy) {
    case PcidPolicy.never:
      return false;
    case PcidPolicy.all:
      return true;
    case PcidPolicy.xptiOnly:
      return xpti;
    case PcidPolicy.nonXptiOnly:
      return !xpti;
  }
}
