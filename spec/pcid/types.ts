/**
 * The reference for PCID: an ideal MMU with no TLB and no PCIDs. A guest
 * access observes its own domain's current tables for its current mode, or
 * an older translation of a page whose PTE the guest changed and has not
 * flushed since — never another domain's, never one of Xen's private
 * mappings while its domain runs under XPTI.
 */

/** The vCPU id of the idle context in `SpecCpu.running`. */
export const SPEC_IDLE = 2;

/** Addresses (the same numbering the environment uses). */
export const SpecVa = { user: 0, kernel: 1, xen: 2, nonCanonical: 3 } as const;
export type SpecVa = (typeof SpecVa)[keyof typeof SpecVa];

/** The `pcid=` setting: which 64-bit PV domains use PCID. */
export const PcidPolicy = { never: 0, all: 1, xptiOnly: 2, nonXptiOnly: 3 } as const;
export type PcidPolicy = (typeof PcidPolicy)[keyof typeof PcidPolicy];

/** Facts fixed for a whole run (from the configuration). */
export interface PcidFacts {
  readonly nCpu: number;
  /** Per domain: XPTI applies to its class. */
  readonly xpti: readonly boolean[];
  /** Per domain: the two frames its user page may map. */
  readonly userFrames: readonly (readonly [number, number])[];
  /** Per domain: its kernel page's frame. */
  readonly kernelFrame: readonly number[];
  /** Per domain: the frame of Xen's private (per-domain area) page in its tables. */
  readonly xenFrame: readonly number[];
  /** The CPU has PCID and INVPCID is in use. */
  readonly pcidCapable: boolean;
}

export interface SpecDomain {
  readonly created: boolean;
  /** Uses PCID: decided at creation from the option then in force. */
  readonly pcid: boolean;
  readonly kernel: boolean;
  /** The frame the guest's user PTE maps now. */
  readonly userFrame: number;
  /** Frames the user page mapped before a change the guest has not flushed since (bit per frame). Bookkeeping: not in `abstract(impl)`. */
  readonly stale: number;
}

export interface SpecCpu {
  /** The scheduled vCPU: a domain, or SPEC_IDLE. */
  readonly running: number;
  readonly inGuest: boolean;
}

export interface PcidState {
  readonly option: PcidPolicy;
  readonly domains: readonly SpecDomain[];
  readonly cpus: readonly SpecCpu[];
}

/** Every operation the reference knows. Arguments are the environment's choices, never values the impl computed. */
export type PcidCall =
  | { readonly kind: 'setOption'; readonly text: string }
  | { readonly kind: 'create'; readonly dom: number }
  | { readonly kind: 'schedule'; readonly cpu: number; readonly target: number }
  | { readonly kind: 'exitToGuest'; readonly cpu: number }
  | { readonly kind: 'enterXen'; readonly cpu: number }
  | { readonly kind: 'toggle'; readonly cpu: number }
  | { readonly kind: 'remap'; readonly cpu: number }
  | { readonly kind: 'flush'; readonly cpu: number; readonly va: SpecVa | 'all' }
  | { readonly kind: 'access'; readonly cpu: number; readonly va: SpecVa };

/**
 * An outcome: 0 for calls that return nothing; `setOption`: 0 or -EINVAL;
 * `create`: 1 when the domain uses PCID; `access`: the set of translations
 * the access may have used, a bit per frame (bit 0 = no translation).
 */
export type PcidOutcome = number;

export const SPEC_EINVAL = -22;
/** Bit 0 of an access outcome: the address had no translation. */
export const NO_TRANSLATION = 1;
