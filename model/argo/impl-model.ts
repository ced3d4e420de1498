import type { EncodeSink, Model } from '../../checker/model.ts';
import { StepReport, type ImplSide } from '../../checker/refinement.ts';
import { describeFrame, DONE, type Frame } from '../../checker/step-machine.ts';
import { RC_VALUE, type ArgoCall, type ArgoOutcome, type ArgoState } from '../../spec/argo/types.ts';
import { formatState as formatSpecState } from '../../spec/argo/state.ts';
import { abstractArgo, matchesArgo } from '../../impl/argo/abstract.ts';
import { guestCanConsume, guestConsume, guestWriteRx } from '../../impl/argo/guest.ts';
import {
  AUDIT_WORDS,
  blankImpl,
  cloneImpl,
  copyImpl,
  D_EXISTS,
  dom,
  F_CUR,
  F_ENT,
  F_OP,
  F_PC,
  frame,
  initialImpl,
  makeLayout,
  R_JUNK,
  R_REG,
  R_TX,
  ring,
  ringLen,
  stateBytes,
  type ArgoImpl,
  type Layout,
} from '../../impl/argo/layout.ts';
import { argoNotifyOp, NotifyPc, notifyWorld, type ArgoReport, type NotifyWorld } from '../../impl/argo/notify.ts';
import { argoRegisterRing, argoSendv, argoUnregisterRing, domainCreate, domainDestroy } from '../../impl/argo/ops.ts';
import type { ArgoQuirks } from '../../impl/argo/quirks.ts';
import { ringRxSanitised, ringUnreadBytes } from '../../impl/argo/ringbuf.ts';
import { auditNotifyStep, envLayout, forgetUnregistered, formatAccount, initialRegisteredFor, noteRegistered, type EnvLayout } from './audit.ts';
import type { ArgoConfig } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, assertNever, BUDGET_WORDS, callOf, environment, initialBudgets, rxValue, spendBudget, type ArgoAction, type EnvView } from './env.ts';
import { formatAction, formatBudgets, formatOp } from './format.ts';
import { argoInspect, notifyLocals } from './inspect.ts';
import { implProperties } from './properties.ts';

const OPS = [argoNotifyOp] as const;

/** The layout of a configuration: the environment's words follow the impl's own. */
export function layoutOf(cfg: ArgoConfig): { readonly L: Layout; readonly E: EnvLayout } {
  const n = cfg.domainArgo.length;
  // One pending entry per sender instance per ring: every instance that can ever exist.
  let instances = 0;
  for (let d = 0; d < n; d++) if (cfg.domainArgo[d]) instances += 1 + cfg.recreations[d]!;
  const maxPending = Math.max(1, instances);
  const E = envLayout(n, cfg.rings.length);
  const L = makeLayout({ domainArgo: cfg.domainArgo, rings: cfg.rings, maxPending, maxToNotify: cfg.rings.length * maxPending, envWords: E.words });
  return { L, E };
}

/** The initial impl state of a configuration, environment words included. */
export function initialArgoImpl(cfg: ArgoConfig, L: Layout, E: EnvLayout): ArgoImpl {
  const s = initialImpl(L);
  initialBudgets(cfg, s.w, L.envBase + E.budgets);
  initialRegisteredFor(L, E, s);
  return s;
}

/** The impl model of a configuration and what refinement needs of it. */
export interface ArgoImplSide extends ImplSide<ArgoImpl, ArgoAction, ArgoCall, ArgoOutcome, ArgoState> {
  readonly layout: Layout;
  readonly env: EnvLayout;
  /** Runs one action on a copy of `s`, or undefined when it is disabled. */
  run(s: ArgoImpl, a: ArgoAction, report: ArgoReport): ArgoImpl | undefined;
}

/** What the environment reads of an impl state. */
function implView(L: Layout, E: EnvLayout): EnvView<ArgoImpl> {
  return {
    alive: (s, d) => s.w[dom(L, d, D_EXISTS)] === 1,
    busy: (s, d) => s.w[frame(L, d, F_OP)]! >= 0,
    registered: (s, r) => s.w[ring(L, r, R_REG)] === 1,
    canConsume: (s, r) => guestCanConsume(s, L, r),
    budget: (s, d, b) => s.w[L.envBase + E.budgets + BUDGET_WORDS * d + b]!,
  };
}

/** Spec calls made once per configuration: the lockstep harness memoises the spec per call object. */
interface CallTable {
  readonly start: readonly (readonly ArgoCall[])[];
  readonly consume: readonly ArgoCall[];
  writeRx(r: number, value: number): ArgoCall;
  readonly destroy: readonly ArgoCall[];
  readonly create: readonly ArgoCall[];
}

function callTable(cfg: ArgoConfig): CallTable {
  const rxCalls: Map<number, ArgoCall>[] = cfg.rings.map(() => new Map());
  return {
    start: cfg.menus.map((menu, d) => menu.map((op) => callOf(d, op))),
    consume: cfg.rings.map((_, r) => ({ kind: 'consume', ring: r })),
    writeRx(r, value) {
      let c = rxCalls[r]!.get(value);
      if (c === undefined) rxCalls[r]!.set(value, (c = { kind: 'writeRx', ring: r, value }));
      return c;
    },
    destroy: cfg.domainArgo.map((_, d) => ({ kind: 'destroy', dom: d })),
    create: cfg.domainArgo.map((_, d) => ({ kind: 'create', dom: d })),
  };
}

/**
 * The impl's entry points the model calls. Tests replace one at a time to
 * build mutants (each property's teeth); zoo variants use quirks instead.
 */
export interface ArgoImplFunctions {
  readonly register: typeof argoRegisterRing;
  readonly unregister: typeof argoUnregisterRing;
  readonly sendv: typeof argoSendv;
  readonly consume: typeof guestConsume;
  readonly notify: typeof argoNotifyOp;
}

/** The unmodified impl. */
export const ARGO_IMPL: ArgoImplFunctions = Object.freeze({
  register: argoRegisterRing,
  unregister: argoUnregisterRing,
  sendv: argoSendv,
  consume: guestConsume,
  notify: argoNotifyOp,
});

/** Builds the impl side for `cfg` with the given quirks (a zoo variant, or `CORRECT`), and optionally other entry points (test mutants). */
export function argoImplSide(cfg: ArgoConfig, quirks: ArgoQuirks, fns: ArgoImplFunctions = ARGO_IMPL): ArgoImplSide {
  const { L, E } = layoutOf(cfg);
  const env = environment(cfg, implView(L, E));
  const apply = stepper(cfg, L, E, quirks, fns);

  const run = (s: ArgoImpl, a: ArgoAction, report: ArgoReport): ArgoImpl | undefined => {
    if (!env.enabled(s, a)) return undefined;
    const t = cloneImpl(s);
    apply(s, t, a, report);
    return t;
  };

  /** `run` into `into` (a state of this layout): no allocation for the state. */
  const runInto = (s: ArgoImpl, a: ArgoAction, into: ArgoImpl, report: ArgoReport): boolean => {
    if (!env.enabled(s, a)) return false;
    copyImpl(s, into);
    apply(s, into, a, report);
    return true;
  };

  const scratchReport: ArgoReport = new StepReport<ArgoCall, ArgoOutcome>();
  const size = stateBytes(L);

  const model: Model<ArgoImpl, ArgoAction> = {
    name: `argo/${cfg.name}`,
    initStates: () => [initialArgoImpl(cfg, L, E)],
    actions: env.actions,
    next(s, a) {
      scratchReport.reset();
      return run(s, a, scratchReport);
    },
    fast: {
      nextInto(s, a, into) {
        scratchReport.reset();
        return runInto(s, a, into, scratchReport);
      },
      scratch: () => blankImpl(L),
      copy: (s) => cloneImpl(s),
    },
    packed: {
      bytes: size,
      pack(s, into, offset) {
        into.set(s.bytes, offset);
      },
      unpack(from, offset, into) {
        into.bytes.set(from.subarray(offset, offset + size));
        into.note[0] = 0;
        into.note[into.note.length - AUDIT_WORDS] = 0;
      },
    },
    properties: () => implProperties(cfg, L, E, quirks),
    encode(s, sink) {
      encodeImpl(s, L, sink);
    },
    formatAction: (a) => formatAction(cfg, a),
    formatStep: (s, a) => (a.kind === ActionKind.step ? formatNextStep(s, L, a.dom) : formatAction(cfg, a)),
    formatState: (s) => formatImplState(cfg, s, L, E),
    inspect: argoInspect(cfg, L),
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };

  return {
    model,
    layout: L,
    env: E,
    run,
    step: (s, a, report) => run(s, a, report),
    fast: {
      stepInto: (s, a, into, report) => runInto(s, a, into, report),
      scratch: () => blankImpl(L),
    },
    abstract: (s) => abstractArgo(s, L),
    matches: (s, spec) => matchesArgo(s, L, spec),
  };
}

/**
 * Canonical encoding: every word, plus the bytes of each ring's message
 * region (after the junk, up to tx). Bytes outside it are never read by Xen
 * nor by the receiver, so states differing only there behave alike.
 */
export function encodeImpl(s: ArgoImpl, L: Layout, sink: EncodeSink): void {
  // The words' bytes (little-endian, as `words` writes them), copied in one go.
  sink.bytes(s.bytes, 0, 4 * L.words);
  for (let r = 0; r < L.nRing; r++) {
    if (s.w[ring(L, r, R_REG)] !== 1) continue;
    const len = ringLen(s, L, r);
    const junk = s.w[ring(L, r, R_JUNK)]!;
    const live = ringUnreadBytes(s, L, r) - junk;
    const start = (ringRxSanitised(s, L, r) + junk) % len;
    const base = L.memBase[r]!;
    const first = Math.min(live, len - start);
    sink.bytes(s.mem, base + start, base + start + first);
    if (live > first) sink.bytes(s.mem, base, base + live - first);
  }
}

/**
 * The impl step of every action: the budget spent, the impl function called
 * (with the spec call it linearizes and its outcome reported), and the
 * environment's bookkeeping (audit of notify, registered-for records).
 * Applies enabled action `a` to `t` in place (`t` holds a copy of `from`).
 */
function stepper(cfg: ArgoConfig, L: Layout, E: EnvLayout, quirks: ArgoQuirks, fns: ArgoImplFunctions): (from: ArgoImpl, t: ArgoImpl, a: ArgoAction, report: ArgoReport) => void {
  const calls = callTable(cfg);
  // One reusable notify world per (domain, menu entry): a step only swaps the state in.
  const worlds: (NotifyWorld | undefined)[][] = cfg.menus.map((menu, d) => menu.map((op) => (op.op === 'notify' ? notifyWorld(initialImpl(L), L, d, op.args, quirks) : undefined)));

  const runNotifyStep = (from: ArgoImpl, t: ArgoImpl, d: number, pc: number, report: ArgoReport): void => {
    const world = worlds[d]![t.w[frame(L, d, F_OP)]!];
    if (world === undefined) throw new Error(`d${d} has a frame for a hypercall that is not notify`);
    world.s = t;
    // `stepOp` without its frame objects: the frame lives in the state's words.
    const step = fns.notify.steps[pc];
    if (step === undefined) throw new RangeError(`notify has no step ${pc}`);
    const next = step.run(world, 0, report);
    if (next === DONE) {
      t.w.fill(0, frame(L, d, 0), frame(L, d, L.frameLen[d]!));
      t.w[frame(L, d, F_OP)] = -1;
    } else {
      t.w[frame(L, d, F_PC)] = next.pc;
    }
    auditNotifyStep(L, E, from, t, d, world.args);
  };

  return (from: ArgoImpl, t: ArgoImpl, a: ArgoAction, report: ArgoReport): void => {
    const d = a.dom;
    spendBudget(a, t.w, L.envBase + E.budgets);
    switch (a.kind) {
      case ActionKind.start: {
        report.actor = d;
        const op = cfg.menus[d]![a.arg]!;
        switch (op.op) {
          case 'register':
            report.lin = calls.start[d]![a.arg];
            report.outcome = fns.register(t, L, d, op.ring, op.len, op.failExist);
            if (report.outcome[RC_VALUE] === 0) noteRegistered(L, E, t, op.ring);
            break;
          case 'unregister':
            report.lin = calls.start[d]![a.arg];
            report.outcome = fns.unregister(t, L, d, op.ring);
            forgetUnregistered(L, E, t);
            break;
          case 'sendv':
            report.lin = calls.start[d]![a.arg];
            report.outcome = fns.sendv(t, L, d, op.dst, op.port, op.len, op.badNiov, quirks);
            break;
          case 'notify':
            t.w[frame(L, d, F_OP)] = a.arg;
            runNotifyStep(from, t, d, 0, report);
            break;
          default:
            assertNever(op);
        }
        break;
      }
      case ActionKind.step:
        report.actor = d;
        runNotifyStep(from, t, d, t.w[frame(L, d, F_PC)]!, report);
        break;
      case ActionKind.consume:
        report.actor = L.nDom + d;
        report.lin = calls.consume[a.arg];
        report.outcome = fns.consume(t, L, a.arg);
        break;
      case ActionKind.writeRx: {
        report.actor = L.nDom + d;
        const value = rxValue(cfg, a, t.w[ring(L, a.arg, R_TX)]!);
        report.lin = calls.writeRx(a.arg, value);
        report.outcome = guestWriteRx(t, L, a.arg, value);
        break;
      }
      case ActionKind.destroy:
        report.actor = 2 * L.nDom;
        report.lin = calls.destroy[d];
        report.outcome = domainDestroy(t, L, d);
        forgetUnregistered(L, E, t);
        break;
      case ActionKind.create:
        report.actor = 2 * L.nDom;
        report.lin = calls.create[d];
        report.outcome = domainCreate(t, L, d);
        break;
      default:
        assertNever(a.kind);
    }
  };
}

/**
 * The step a "next step" action runs, named from the vCPU's frame:
 * `d0 notify: pick waiters on ring0` (the step's name without its locking
 * note, and the ring or ring-data entry it works on).
 */
function formatNextStep(s: ArgoImpl, L: Layout, d: number): string {
  const pc = s.w[frame(L, d, F_PC)]!;
  const name = (argoNotifyOp.steps[pc]?.name ?? `step ${pc}`).replace(/ \(.*\)$/, '');
  const on = pc === NotifyPc.space || pc === NotifyPc.pick ? ` on ring${s.w[frame(L, d, F_CUR)]}` : pc === NotifyPc.entry ? ` ${s.w[frame(L, d, F_ENT)]}` : '';
  return `d${d} ${argoNotifyOp.name}: ${name}${on}`;
}

/** The abstraction, each vCPU's notify frame, and the budgets left. */
function formatImplState(cfg: ArgoConfig, s: ArgoImpl, L: Layout, E: EnvLayout): string {
  const lines = [formatSpecState(abstractArgo(s, L))];
  for (let d = 0; d < L.nDom; d++) {
    const op = s.w[frame(L, d, F_OP)]!;
    if (op < 0) continue;
    lines.push(`d${d} vCPU in ${formatOp(cfg.menus[d]![op]!)}: ${describeFrame(OPS, { op: 0, pc: s.w[frame(L, d, F_PC)]!, locals: 0 } as Frame<0>)} (${notifyLocals(s, L, d)})`);
  }
  lines.push(formatBudgets(s.w, L.envBase + E.budgets, L.nDom));
  lines.push(formatAccount(s, L, E));
  return lines.join('\n');
}
