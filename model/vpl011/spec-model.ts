import { always, sometimes, type EncodeSink, type Model, type Property, type TransitionProperty } from '../../checker/model.ts';
import type { SpecSide } from '../../checker/refinement.ts';
import { specInvariants } from '../../spec/vpl011/invariants.ts';
import { encodeState, formatCall, formatOutcome, formatState, initialState, outcomeEquals, stateEquals } from '../../spec/vpl011/state.ts';
import { Irq, Reg, type Vpl011Call, type Vpl011Outcome, type Vpl011State } from '../../spec/vpl011/types.ts';
import { applyCall } from '../../spec/vpl011/uart.ts';
import type { Vpl011Config } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, dataValue, E, environment, envWords, initialEnv, spends, type EnvView, type Vpl011Action } from './env.ts';
import { formatAction } from './format.ts';
import { P } from './properties-names.ts';

/** The reference state of a configuration before the guest's first access: reset, the driver's IMSC, then the prefill produced and notified. */
export function initialSpec(cfg: Vpl011Config): Vpl011State {
  let s = initialState(cfg.params, cfg.initial);
  if ((cfg.unmasked ?? 0) !== 0) s = applyCall(s, cfg.params, 0, { kind: 'write', offset: Reg.IMSC, width: 32, value: cfg.unmasked! >>> 0 }).state;
  if (cfg.prefill > 0) {
    s = applyCall(s, cfg.params, cfg.params.vcpus, { kind: 'produce', max: cfg.prefill }).state;
    s = applyCall(s, cfg.params, cfg.params.vcpus, { kind: 'notify' }).state;
  }
  return s;
}

/** The reference side of the lockstep product. */
export function vpl011SpecSide(cfg: Vpl011Config): SpecSide<Vpl011State, Vpl011Call, Vpl011Outcome> {
  return {
    initStates: () => [initialSpec(cfg)],
    apply: (s, actor, call) => [applyCall(s, cfg.params, actor, call)],
    equals: stateEquals,
    encode: encodeState,
    format: formatState,
    formatCall,
    formatOutcome,
    outcomeEquals,
    invariants: specInvariants(cfg.params.irqMode),
  };
}

/** A state of the spec-only model: the reference state, the environment's words, and the last calls (a note outside the encoding). */
export interface Vpl011SpecModelState {
  readonly uart: Vpl011State;
  readonly env: Int32Array;
  readonly note?: string | undefined;
}

type SS = Vpl011SpecModelState;

/**
 * The spec explored alone (`--only spec`): the environment of `env.ts` over
 * reference states, every access atomic (a DR access and its event to the
 * backend together). Loads nothing from `impl/`.
 */
export function vpl011SpecModel(cfg: Vpl011Config): Model<SS, Vpl011Action> {
  const p = cfg.params;
  const nv = p.vcpus;
  const view: EnvView<SS> = {
    words: (s) => s.env,
    base: 0,
    busy: () => false,
    inFree: (s) => p.inSize - s.uart.inRing.bytes.length,
    outQueued: (s) => s.uart.outRing.bytes.length,
    backendEvent: (s) => s.uart.backendEvent,
    irqPending: (s) => p.irqMode === 'edge' && s.uart.irq,
  };
  const env = environment(cfg, view);
  const bit = (s: SS, b: number): boolean => (s.uart.ris & b) !== 0;
  const edgeOf = (name: string, b: number, rise: boolean): TransitionProperty<SS, Vpl011Action> => ({
    name,
    expectation: 'sometimes',
    transition: (from, _a, to) => bit(from, b) !== rise && bit(to, b) === rise,
  });
  const wraps = (name: string, ring: 'inRing' | 'outRing'): TransitionProperty<SS, Vpl011Action> => ({
    name,
    expectation: 'sometimes',
    transition: (from, _a, to) => to.uart[ring].prod < from.uart[ring].prod || to.uart[ring].cons < from.uart[ring].cons,
  });
  const all: Property<SS, Vpl011Action>[] = [
    ...specInvariants(p.irqMode).map((inv) => always<SS>(inv.name, (s) => inv.condition(s.uart), inv.description)),
    sometimes<SS>(P.inFull, (s) => s.uart.inRing.bytes.length === p.inSize),
    sometimes<SS>(P.outFull, (s) => s.uart.outRing.bytes.length === p.outSize),
    wraps(P.inWrap, 'inRing'),
    wraps(P.outWrap, 'outRing'),
    edgeOf(P.rxiRaised, Irq.RXI, true),
    edgeOf(P.rxiCleared, Irq.RXI, false),
    edgeOf(P.txiRaised, Irq.TXI, true),
    edgeOf(P.txiCleared, Irq.TXI, false),
    edgeOf(P.rtiRaised, Irq.RTI, true),
    edgeOf(P.rtiCleared, Irq.RTI, false),
    sometimes<SS>(P.asleep, (s) => s.env[E.ASLEEP] === 1),
    { name: P.woken, expectation: 'sometimes', transition: (from, _a, to) => from.env[E.ASLEEP] === 1 && to.env[E.ASLEEP] === 0 },
    p.irqMode === 'edge'
      ? { name: P.delivered, expectation: 'sometimes', transition: (from, a) => a.kind === ActionKind.ACK && from.uart.irq }
      : sometimes<SS>(P.lineHigh, (s) => s.uart.irq),
  ];
  const properties = all.filter((x) => x.expectation === 'always' || cfg.witnesses === 'all' || cfg.witnesses.includes(x.name));
  const backend = nv;

  return {
    name: `vpl011/${cfg.name}/spec`,
    initStates() {
      const e = new Int32Array(envWords(nv));
      initialEnv(cfg, e, 0);
      return [{ uart: initialSpec(cfg), env: e }];
    },
    actions: env.actions,
    next(s, a) {
      if (!env.enabled(s, a)) return undefined;
      const e = s.env.slice();
      let uart = s.uart;
      const notes: string[] = [];
      const call = (actor: number, c: Vpl011Call): Vpl011Outcome => {
        const r = applyCall(uart, p, actor, c);
        uart = r.state;
        notes.push(`${formatCall(c)} → ${formatOutcome(r.outcome)}`);
        return r.outcome;
      };
      switch (a.kind) {
        case ActionKind.START: {
          const access = cfg.menus[a.vcpu]![a.arg]!;
          if (spends(access)) e[E.BUDGET + a.vcpu]!--;
          const dr = access.offset === Reg.DR && access.width !== 64;
          if (access.dir === 'read') {
            call(a.vcpu, { kind: 'read', offset: access.offset, width: access.width });
          } else {
            const value = dr ? dataValue(access, e[E.ISSUED]! + 1) : access.value >>> 0;
            if (dr) e[E.ISSUED]!++;
            call(a.vcpu, { kind: 'write', offset: access.offset, width: access.width, value });
          }
          if (dr) call(a.vcpu, { kind: 'kick' });
          break;
        }
        case ActionKind.STEP:
          return undefined;
        case ActionKind.ACK:
          call(0, { kind: 'ack' });
          break;
        case ActionKind.PRODUCE_ONE:
        case ActionKind.PRODUCE_ALL:
          call(backend, { kind: 'produce', max: Math.min(a.kind === ActionKind.PRODUCE_ONE ? 1 : p.inSize, cfg.inputBytes - e[E.PRODUCED]!) });
          e[E.PRODUCED] = uart.produced;
          e[E.OWED] = 1;
          break;
        case ActionKind.SLEEP:
          e[E.ASLEEP] = 1;
          break;
        case ActionKind.WAKE:
          call(backend, { kind: 'wake' });
          e[E.ASLEEP] = 0;
          break;
        case ActionKind.DRAIN:
          call(backend, { kind: 'drain' });
          e[E.OWED] = 1;
          break;
        case ActionKind.NOTIFY:
          call(backend, { kind: 'notify' });
          e[E.OWED] = 0;
          break;
      }
      return { uart, env: e, note: notes.join('; ') };
    },
    properties: () => properties,
    encode(s: SS, sink: EncodeSink) {
      sink.words(s.env);
      encodeState(s.uart, sink);
    },
    formatAction: (a) => formatAction(cfg, a),
    formatState: (s) =>
      `${formatState(s.uart)}\nbackend ${s.env[E.ASLEEP] ? 'asleep' : 'awake'}${s.env[E.OWED] ? ', owes an event' : ''}; DR writes ${s.env[E.ISSUED]}; budgets ${Array.from(s.env.subarray(E.BUDGET)).join('/')}`,
    explainStep: (_from, _a, to) => (to.note === undefined || to.note === '' ? undefined : to.note),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };
}
