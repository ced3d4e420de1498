import type { EncodeSink, Model, Property } from '../../checker/model.ts';
import type { SpecSide } from '../../checker/refinement.ts';
import { applyCall, encodeState, formatCall, formatOutcome, formatState, initialState, specInvariants, stateEquals } from '../../spec/pcid/state.ts';
import { type PcidCall, type PcidFacts, type PcidOutcome, type PcidState, type SpecVa } from '../../spec/pcid/types.ts';
import { FRAMES, XPTI, type PcidConfig } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, BUDGET_WORDS, environment, formatAction, formatBudgets, initialBudgets, spendBudget, type EnvView, type PcidAction } from './env.ts';

/** The facts the reference needs from a configuration. */
export function pcidFacts(cfg: PcidConfig): PcidFacts {
  return {
    nCpu: cfg.nCpu,
    xpti: [...XPTI],
    userFrames: FRAMES.user,
    kernelFrame: FRAMES.kernel,
    xenFrame: FRAMES.xen.slice(0, XPTI.length),
    pcidCapable: cfg.boot.cpuHasPcid && cfg.boot.useInvpcid,
  };
}

/** The reference side of the lockstep product. */
export function pcidSpecSide(cfg: PcidConfig): SpecSide<PcidState, PcidCall, PcidOutcome> {
  const facts = pcidFacts(cfg);
  return {
    initStates: () => [initialState(facts)],
    apply: (s, _actor, call) => applyCall(facts, s, call),
    equals: stateEquals,
    encode: encodeState,
    format: formatState,
    formatCall,
    formatOutcome,
    outcomeEquals: (a, b) => a === b,
    invariants: specInvariants,
  };
}

/** A state of the spec-only model: the reference state, the budgets, and the last call (outside the encoding). */
export interface PcidSpecModelState {
  readonly pcid: PcidState;
  readonly env: Int32Array;
  readonly note?: string;
}

const specView: EnvView<PcidSpecModelState> = {
  crashed: () => false,
  budget: (s, b) => s.env[b]!,
  created: (s, d) => s.pcid.domains[d]!.created,
  current: (s, c) => s.pcid.cpus[c]!.running,
  loaded: (s, c) => s.pcid.cpus[c]!.running,
  inGuest: (s, c) => s.pcid.cpus[c]!.inGuest,
  busy: () => false,
  switchingTo: () => -1,
};

/** The call an action makes on the atomic reference, or undefined for hardware-only actions. */
function callOf(cfg: PcidConfig, a: PcidAction): PcidCall | undefined {
  const cpu = a.cpu;
  switch (a.kind) {
    case ActionKind.setOption:
      return { kind: 'setOption', text: cfg.options[a.arg]! };
    case ActionKind.create:
      return { kind: 'create', dom: a.arg };
    case ActionKind.schedule:
      return { kind: 'schedule', cpu, target: a.arg };
    case ActionKind.exitToGuest:
      return { kind: 'exitToGuest', cpu };
    case ActionKind.enterXen:
      return { kind: 'enterXen', cpu };
    case ActionKind.toggle:
      return { kind: 'toggle', cpu };
    case ActionKind.remap:
      return { kind: 'remap', cpu };
    case ActionKind.flushVa:
      return { kind: 'flush', cpu, va: a.arg as SpecVa };
    case ActionKind.flushAll:
      return { kind: 'flush', cpu, va: 'all' };
    case ActionKind.access:
      return { kind: 'access', cpu, va: a.arg as SpecVa };
    case ActionKind.step:
    case ActionKind.fill:
    case ActionKind.ipiFlush:
    case ActionKind.ipiSync:
    case ActionKind.rootChange:
      return undefined;
  }
}

/**
 * The reference explored alone (`--only spec`): the environment of
 * `env.ts` over reference states, every operation atomic, no hardware.
 * An access takes the first outcome the reference allows (they lead to the
 * same state). Loads nothing from `impl/`.
 */
export function pcidSpecModel(cfg: PcidConfig): Model<PcidSpecModelState, PcidAction> {
  const facts = pcidFacts(cfg);
  const env = environment(cfg, specView);
  const props: Property<PcidSpecModelState, PcidAction>[] = specInvariants.map((p) => ({ ...p, condition: (s: PcidSpecModelState) => p.condition(s.pcid) }));
  return {
    name: `pcid/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(BUDGET_WORDS);
      initialBudgets(cfg, e, 0);
      return [{ pcid: initialState(facts), env: e }];
    },
    actions: env.actions,
    next(s, a) {
      if (!env.enabled(s, a)) return undefined;
      const call = callOf(cfg, a);
      if (call === undefined) return undefined;
      const e = s.env.slice();
      spendBudget(a, e, 0);
      const r = applyCall(facts, s.pcid, call)[0]!;
      return { pcid: r.state, env: e, note: `${formatCall(call)} → ${formatOutcome(r.outcome)}` };
    },
    properties: () => props,
    encode(s: PcidSpecModelState, sink: EncodeSink) {
      sink.words(s.env);
      encodeState(s.pcid, sink);
    },
    formatAction: (a) => formatAction(cfg, a),
    formatState: (s) => `${formatState(s.pcid)}\n${formatBudgets(s.env, 0)}`,
    explainStep: (_from, _a, to) => to.note,
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };
}
