import type { EncodeSink, Model, Property, TransitionProperty } from '../../checker/model.ts';
import type { SpecSide } from '../../checker/refinement.ts';
import { specInvariants } from '../../spec/argo/invariants.ts';
import { applyCall, findRing } from '../../spec/argo/ops.ts';
import { acceptsLen } from '../../spec/argo/ring.ts';
import { encodeState, formatCall, formatOutcome, formatState, initialState, outcomeEquals, stateEquals } from '../../spec/argo/state.ts';
import { F_EMPTY, F_SUFFICIENT, NOTIFY_DROPPED, NOTIFY_ENTRIES, NOTIFY_SIGNALLED, SENDV_RC, type ArgoCall, type ArgoOutcome, type ArgoState } from '../../spec/argo/types.ts';
import type { ArgoConfig } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, BUDGET_WORDS, callOf, environment, initialBudgets, rxValue, spendBudget, type ArgoAction, type EnvView } from './env.ts';
import { formatAction, formatBudgets } from './format.ts';
import { P } from './properties-names.ts';

/** The reference side of the lockstep product. */
export function argoSpecSide(cfg: ArgoConfig): SpecSide<ArgoState, ArgoCall, ArgoOutcome> {
  return {
    initStates: () => [initialState(cfg.domainArgo, cfg.rings)],
    apply: (s, _actor, call) => [applyCall(s, call)],
    equals: stateEquals,
    encode: encodeState,
    format: formatState,
    formatCall,
    formatOutcome,
    outcomeEquals,
    invariants: specInvariants,
  };
}

/** A state of the spec-only model: the reference state, the environment's budgets, and the last call (a note outside the encoding). */
export interface ArgoSpecModelState {
  readonly argo: ArgoState;
  readonly env: Int32Array;
  readonly note?: { readonly call: ArgoCall; readonly outcome: ArgoOutcome } | undefined;
}

type SP = Property<ArgoSpecModelState, ArgoAction>;

const onCall = (
  name: string,
  kind: ArgoCall['kind'],
  test: (call: ArgoCall, o: ArgoOutcome, from: ArgoState, to: ArgoState) => boolean,
): TransitionProperty<ArgoSpecModelState, ArgoAction> => ({
  name,
  expectation: 'sometimes',
  transition: (from, _a, to) => to.note !== undefined && to.note.call.kind === kind && test(to.note.call, to.note.outcome, from.argo, to.argo),
});

/** Flags written per answered entry of an atomic notify outcome, paired with the entries. */
function entryFlags(call: ArgoCall, o: ArgoOutcome): { readonly dst: number; readonly port: number; readonly need: number; readonly flags: number }[] {
  if (call.kind !== 'notify') return [];
  const out = [];
  for (let k = NOTIFY_ENTRIES, i = 0; k + 1 < o.length; k += 2, i++) {
    const e = call.args.entries[i]!;
    out.push({ dst: e.dst, port: e.port, need: e.spaceRequired, flags: o[k]! });
  }
  return out;
}

/** What the environment reads of a spec-model state: operations are atomic, so no vCPU is ever busy. */
const specView: EnvView<ArgoSpecModelState> = {
  alive: (s, d) => s.argo.domains[d]!.exists,
  busy: () => false,
  registered: (s, r) => s.argo.rings[r]!.registered,
  canConsume: (s, r) => {
    const ring = s.argo.rings[r]!;
    return ring.registered && ring.junk === 0 && ring.msgs.length > 0;
  },
  budget: (s, d, b) => s.env[BUDGET_WORDS * d + b]!,
};

/**
 * The spec explored alone (`--only spec`): the environment of `env.ts` over
 * reference states, every operation atomic (notify included). Loads nothing
 * from `impl/`.
 */
export function argoSpecModel(cfg: ArgoConfig): Model<ArgoSpecModelState, ArgoAction> {
  const env = environment(cfg, specView);
  const n = cfg.domainArgo.length;
  const all: SP[] = [
    ...specInvariants.map((p) => ({ ...p, condition: (s: ArgoSpecModelState) => p.condition(s.argo) })),
    onCall(P.wraps, 'sendv', (_c, o, from, to) => o[SENDV_RC]! >= 0 && to.rings.some((r, i) => r.tx < from.rings[i]!.tx)),
    onCall(P.empty, 'notify', (c, o) => entryFlags(c, o).some((e) => (e.flags & F_EMPTY) !== 0)),
    onCall(P.granted, 'notify', (c, o) => entryFlags(c, o).some((e) => (e.flags & F_SUFFICIENT) !== 0 && e.need >= 1)),
    onCall(P.woken, 'notify', (_c, o) => o[NOTIFY_SIGNALLED]! + o[NOTIFY_DROPPED]! > 0),
    onCall(P.dropped, 'notify', (_c, o, from) => o[NOTIFY_DROPPED]! > 0 && from.domains.some((d) => d.exists && d.cookie > 0)),
    onCall(P.corner, 'notify', (c, o, from) =>
      entryFlags(c, o).some((e) => {
        const r = c.kind === 'notify' ? findRing(from, e.dst, e.port, c.caller) : -1;
        return r >= 0 && e.need === 0 && (e.flags & F_SUFFICIENT) !== 0 && !acceptsLen(from.rings[r]!, 0);
      }),
    ),
  ];
  const properties = all.filter((p) => p.expectation === 'always' || cfg.witnesses === 'all' || cfg.witnesses.includes(p.name));
  return {
    name: `argo/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(BUDGET_WORDS * n);
      initialBudgets(cfg, e, 0);
      return [{ argo: initialState(cfg.domainArgo, cfg.rings), env: e }];
    },
    actions: env.actions,
    next(s, a) {
      if (!env.enabled(s, a)) return undefined;
      const e = s.env.slice();
      spendBudget(a, e, 0);
      let call: ArgoCall;
      switch (a.kind) {
        case ActionKind.start:
          call = callOf(a.dom, cfg.menus[a.dom]![a.arg]!);
          break;
        case ActionKind.consume:
          call = { kind: 'consume', ring: a.arg };
          break;
        case ActionKind.writeRx:
          call = { kind: 'writeRx', ring: a.arg, value: rxValue(cfg, a, s.argo.rings[a.arg]!.tx) };
          break;
        case ActionKind.destroy:
          call = { kind: 'destroy', dom: a.dom };
          break;
        case ActionKind.create:
          call = { kind: 'create', dom: a.dom };
          break;
        case ActionKind.step:
          return undefined;
      }
      const r = applyCall(s.argo, call);
      return { argo: r.state, env: e, note: { call, outcome: r.outcome } };
    },
    properties: () => properties,
    encode(s: ArgoSpecModelState, sink: EncodeSink) {
      sink.words(s.env);
      encodeState(s.argo, sink);
    },
    formatAction: (a) => formatAction(cfg, a),
    formatState: (s) => `${formatState(s.argo)}\n${formatBudgets(s.env, 0, cfg.domainArgo.length)}`,
    explainStep: (_from, _a, to) => (to.note === undefined ? undefined : `${formatCall(to.note.call)} → ${formatOutcome(to.note.outcome)}`),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };
}
