import type { SpecSide } from '../../checker/refinement.ts';
import { applyCall, encodeState, formatCall, formatOutcome, formatState, initialState, specInvariants, stateEquals } from '../../spec/shadow-oos/state.ts';
import { specPte, type Outcome, type ShadowCall, type ShadowFacts, type ShadowState } from '../../spec/shadow-oos/types.ts';
import type { GuestEntry, ShadowConfig } from './config.ts';

const toSpec = (e: GuestEntry): number => (e === null ? 0 : specPte(e.frame, e.rw));

/** The facts the reference needs from a configuration. */
export function shadowFacts(cfg: ShadowConfig): ShadowFacts {
  return {
    nVcpu: cfg.nVcpu,
    entries: cfg.entries,
    gmfns: cfg.gmfns,
    init: cfg.init.map((row) => row.map(toSpec)),
    alt: cfg.alt.map((row) => row.map(toSpec)),
    oosPerVcpu: 3,
  };
}

/** The reference side of the lockstep product. */
export function shadowSpecSide(cfg: ShadowConfig): SpecSide<ShadowState, ShadowCall, Outcome> {
  const facts = shadowFacts(cfg);
  return {
    initStates: () => [initialState(facts)],
    apply: (s, _actor, call) => applyCall(facts, s, call),
    equals: stateEquals,
    encode: encodeState,
    format: formatState,
    formatCall,
    formatOutcome,
    outcomeEquals: (a, b) => a === b,
    invariants: specInvariants(facts),
  };
}
