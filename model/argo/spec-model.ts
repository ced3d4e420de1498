import { match } from 'ts-pattern';
import type { EncodeSink, Model, Property, TransitionProperty } from '../../checker/model.ts';
import type { SpecSide } from '../../checker/refinement.ts';
import { specInvariants } from '../../spec/argo/invariants.ts';
import { applyCall, findRing } from '../../spec/argo/ops.ts';
import { acceptsLen } from '../../spec/argo/ring.ts';
import { encodeState, formatCall, formatOutcome, formatState, initialState, outcomeEquals, stateEquals } from '../../spec/argo/state.ts';
import { F_EMPTY, F_SUFFICIENT, OUT, type ArgoCall, type ArgoOutcome, type ArgoState } from '../../spec/argo/types.ts';
import { allActions, ARGO_ACTION_KINDS, E_OPS, E_REC, E_RXW, ENV_PER_DOMAIN, K_CONSUME, K_CREATE, K_DESTROY, K_START, K_STEP, K_WRITE_RX, type ArgoAction } from './actions.ts';
import { RX_RESYNC, type ArgoConfig, type OpDesc } from './config.ts';
import { formatAction, formatBudgets } from './format.ts';
import { P } from './properties.ts';

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

/** The spec call a menu entry makes, atomically. */
export function callOf(d: number, op: OpDesc): ArgoCall {
  return match(op)
    .with({ op: 'register' }, (o): ArgoCall => ({ kind: 'register', caller: d, ring: o.ring }))
    .with({ op: 'unregister' }, (o): ArgoCall => ({ kind: 'unregister', caller: d, ring: o.ring }))
    .with({ op: 'sendv' }, (o): ArgoCall => ({ kind: 'sendv', caller: d, dst: o.dst, port: o.port, len: o.len }))
    .with({ op: 'notify' }, (o): ArgoCall => ({ kind: 'notify', caller: d, args: o.args }))
    .exhaustive();
}

type SP = Property<ArgoSpecModelState, ArgoAction>;

const onCall = (name: string, kind: ArgoCall['kind'], test: (call: ArgoCall, o: ArgoOutcome, from: ArgoState, to: ArgoState) => boolean): TransitionProperty<ArgoSpecModelState, ArgoAction> => ({
  name,
  expectation: 'sometimes',
  transition: (from, _a, to) => to.note !== undefined && to.note.call.kind === kind && test(to.note.call, to.note.outcome, from.argo, to.argo),
});

/** Flags written per processed entry of an atomic notify outcome, paired with the entries. */
function entryFlags(call: ArgoCall, o: ArgoOutcome): { readonly dst: number; readonly port: number; readonly need: number; readonly flags: number }[] {
  if (call.kind !== 'notify') return [];
  const out = [];
  for (let k = 4, i = 0; k + 1 < o.length; k += 2, i++) {
    const e = call.args.entries[i]!;
    out.push({ dst: e.dst, port: e.port, need: e.spaceRequired, flags: o[k]! });
  }
  return out;
}

/**
 * The spec explored alone (`--only spec`): the same actors, menus and
 * budgets as the impl model, every operation atomic (notify included).
 */
export function argoSpecModel(cfg: ArgoConfig): Model<ArgoSpecModelState, ArgoAction> {
  const every = allActions(cfg).filter((a) => a.kind !== K_STEP);
  const n = cfg.domainArgo.length;
  const env = (d: number, f: number): number => ENV_PER_DOMAIN * d + f;
  const enabled = (s: ArgoSpecModelState, a: ArgoAction): boolean => {
    const alive = s.argo.domains[a.dom]!.exists;
    switch (a.kind) {
      case K_START: {
        if (!alive || s.env[env(a.dom, E_OPS)]! <= 0) return false;
        const op = cfg.menus[a.dom]![a.arg]!;
        if (op.op === 'register') return !s.argo.rings[op.ring]!.registered;
        if (op.op === 'unregister') return s.argo.rings[op.ring]!.registered;
        return true;
      }
      case K_CONSUME: {
        const r = s.argo.rings[a.arg]!;
        return r.registered && r.junk === 0 && r.msgs.length > 0;
      }
      case K_WRITE_RX:
        return s.argo.rings[a.arg]!.registered && s.env[env(a.dom, E_RXW)]! > 0;
      case K_DESTROY:
        return alive && s.env[env(a.dom, E_REC)]! > 0;
      case K_CREATE:
        return !alive;
      default:
        return false;
    }
  };
  const properties: SP[] = [
    ...specInvariants.map((p) => ({ ...p, condition: (s: ArgoSpecModelState) => p.condition(s.argo) })),
    onCall(P.wraps, 'sendv', (_c, o, from, to) => o[1]! >= 0 && to.rings.some((r, i) => r.tx < from.rings[i]!.tx)),
    onCall(P.empty, 'notify', (c, o) => entryFlags(c, o).some((e) => (e.flags & F_EMPTY) !== 0)),
    onCall(P.granted, 'notify', (c, o) => entryFlags(c, o).some((e) => (e.flags & F_SUFFICIENT) !== 0 && e.need >= 1)),
    onCall(P.woken, 'notify', (_c, o) => o[2]! + o[3]! > 0),
    onCall(P.dropped, 'notify', (_c, o, from) => o[3]! > 0 && from.domains.some((d) => d.exists && d.cookie > 0)),
    onCall(P.corner, 'notify', (c, o, from) =>
      entryFlags(c, o).some((e) => {
        const r = c.kind === 'notify' ? findRing(from, e.dst, e.port, c.caller) : -1;
        return r >= 0 && e.need === 0 && (e.flags & F_SUFFICIENT) !== 0 && !acceptsLen(from.rings[r]!, 0);
      })),
  ];
  return {
    name: `argo/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(ENV_PER_DOMAIN * n);
      for (let d = 0; d < n; d++) {
        e[env(d, E_OPS)] = cfg.ops[d]!;
        e[env(d, E_RXW)] = cfg.rxWrites[d]!;
        e[env(d, E_REC)] = cfg.recreations[d]!;
      }
      return [{ argo: initialState(cfg.domainArgo, cfg.rings), env: e }];
    },
    actions(s, out) {
      for (const a of every) if (enabled(s, a)) out.push(a);
    },
    next(s, a) {
      if (!enabled(s, a)) return undefined;
      const e = s.env.slice();
      let call: ArgoCall;
      switch (a.kind) {
        case K_START:
          e[env(a.dom, E_OPS)]!--;
          call = callOf(a.dom, cfg.menus[a.dom]![a.arg]!);
          break;
        case K_CONSUME:
          call = { kind: 'consume', ring: a.arg };
          break;
        case K_WRITE_RX: {
          e[env(a.dom, E_RXW)]!--;
          const v = cfg.bogusRx[a.value]!;
          call = { kind: 'writeRx', ring: a.arg, value: v === RX_RESYNC ? s.argo.rings[a.arg]!.tx : v >>> 0 };
          break;
        }
        case K_DESTROY:
          e[env(a.dom, E_REC)]!--;
          call = { kind: 'destroy', dom: a.dom };
          break;
        default:
          call = { kind: 'create', dom: a.dom };
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
    coverage: { kinds: ARGO_ACTION_KINDS, kindOf: (a) => a.kind },
  };
}

/** Outcome tag of notify, re-exported for tests. */
export const NOTIFY_TAG = OUT.NOTIFY;
