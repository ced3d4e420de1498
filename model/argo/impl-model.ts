import type { EncodeSink, Model } from '../../checker/model.ts';
import { StepReport, type ImplSide } from '../../checker/refinement.ts';
import { describeFrame, DONE, type Frame } from '../../checker/step-machine.ts';
import type { ArgoCall, ArgoOutcome, ArgoState } from '../../spec/argo/types.ts';
import { formatState as formatSpecState } from '../../spec/argo/state.ts';
import { abstractArgo, matchesArgo } from '../../impl/argo/abstract.ts';
import { guestCanConsume, guestConsume, guestWriteRx } from '../../impl/argo/guest.ts';
import {
  blankImpl, cloneImpl, copyImpl, D_EXISTS, dom, F_CUR, F_ENT, F_NTO, F_OP, F_PC, F_SPACE, F_TO, frame, initialImpl, makeLayout, R_JUNK, R_REG, R_TX, ring, stateBytes, type ArgoImpl, type Layout,
} from '../../impl/argo/layout.ts';
import { argoNotifyOp, notifyWorld, type ArgoReport, type NotifyWorld } from '../../impl/argo/notify.ts';
import { argoRegisterRing, argoSendv, argoUnregisterRing, domainCreate, domainDestroy } from '../../impl/argo/ops.ts';
import type { ArgoQuirks } from '../../impl/argo/quirks.ts';
import { ringRxSanitised, ringUnreadBytes } from '../../impl/argo/ringbuf.ts';
import { allActions, ARGO_ACTION_KINDS, E_OPS, E_REC, E_RXW, ENV_PER_DOMAIN, K_CONSUME, K_CREATE, K_DESTROY, K_START, K_STEP, K_WRITE_RX, type ArgoAction } from './actions.ts';
import { RX_RESYNC, type ArgoConfig } from './config.ts';
import { implProperties } from './properties.ts';
import { formatAction, formatBudgets } from './format.ts';

const OPS = [argoNotifyOp] as const;

/** The layout of a configuration: the environment's budgets follow the impl's own words. */
export function layoutOf(cfg: ArgoConfig): Layout {
  const n = cfg.domainArgo.length;
  // One pending entry per sender instance per ring: every instance that can ever exist.
  let instances = 0;
  for (let d = 0; d < n; d++) if (cfg.domainArgo[d]) instances += 1 + cfg.recreations[d]!;
  const maxPending = Math.max(1, instances);
  return makeLayout({ domainArgo: cfg.domainArgo, rings: cfg.rings, maxPending, maxToNotify: cfg.rings.length * maxPending, envWords: ENV_PER_DOMAIN * n });
}

/** The initial impl state of a configuration, budgets included. */
export function initialArgoImpl(cfg: ArgoConfig, L: Layout): ArgoImpl {
  const s = initialImpl(L);
  for (let d = 0; d < L.nDom; d++) {
    s.w[L.envBase + ENV_PER_DOMAIN * d + E_OPS] = cfg.ops[d]!;
    s.w[L.envBase + ENV_PER_DOMAIN * d + E_RXW] = cfg.rxWrites[d]!;
    s.w[L.envBase + ENV_PER_DOMAIN * d + E_REC] = cfg.recreations[d]!;
  }
  return s;
}

/** The impl model of a configuration and what refinement needs of it. */
export interface ArgoImplSide extends ImplSide<ArgoImpl, ArgoAction, ArgoCall, ArgoOutcome, ArgoState> {
  readonly layout: Layout;
  /** Runs one action on a copy of `s`, or undefined when it is disabled. */
  run(s: ArgoImpl, a: ArgoAction, report: ArgoReport): ArgoImpl | undefined;
}

/** Builds the impl side for `cfg` with the given quirks (a zoo variant, or `CORRECT`). */
export function argoImplSide(cfg: ArgoConfig, quirks: ArgoQuirks): ArgoImplSide {
  const L = layoutOf(cfg);
  const every = allActions(cfg);
  const startsOf = cfg.domainArgo.map((_, d) => every.filter((a) => a.kind === K_START && a.dom === d));
  const stepOf = cfg.domainArgo.map((_, d) => every.find((a) => a.kind === K_STEP && a.dom === d)!);
  const receivers = every.filter((a) => a.kind === K_CONSUME || a.kind === K_WRITE_RX);
  const destroyOf = cfg.domainArgo.map((_, d) => every.find((a) => a.kind === K_DESTROY && a.dom === d)!);
  const createOf = cfg.domainArgo.map((_, d) => every.find((a) => a.kind === K_CREATE && a.dom === d)!);
  const env = (d: number, f: number): number => L.envBase + ENV_PER_DOMAIN * d + f;
  const busy = (s: ArgoImpl): boolean => {
    for (let d = 0; d < L.nDom; d++) if (s.w[frame(L, d, F_OP)]! >= 0) return true;
    return false;
  };
  // Per (domain, menu entry): the spec call of an atomic op, made once (calls are immutable values).
  const startCalls: (ArgoCall | undefined)[][] = cfg.menus.map((menu, d) => menu.map((op): ArgoCall | undefined => {
    switch (op.op) {
      case 'register':
        return { kind: 'register', caller: d, ring: op.ring };
      case 'unregister':
        return { kind: 'unregister', caller: d, ring: op.ring };
      case 'sendv':
        return { kind: 'sendv', caller: d, dst: op.dst, port: op.port, len: op.len };
      default:
        return undefined;
    }
  }));
  const consumeCalls: ArgoCall[] = cfg.rings.map((_, r) => ({ kind: 'consume', ring: r }));
  // rx writes: one call object per (ring, value) seen, so the lockstep harness's memo recognises them.
  const rxCalls: Map<number, ArgoCall>[] = cfg.rings.map(() => new Map());
  const writeRxCall = (r: number, value: number): ArgoCall => {
    let c = rxCalls[r]!.get(value);
    if (c === undefined) rxCalls[r]!.set(value, (c = { kind: 'writeRx', ring: r, value }));
    return c;
  };
  const destroyCalls: ArgoCall[] = cfg.domainArgo.map((_, d) => ({ kind: 'destroy', dom: d }));
  const createCalls: ArgoCall[] = cfg.domainArgo.map((_, d) => ({ kind: 'create', dom: d }));
  // One reusable notify world per (domain, menu entry): a step only swaps the state in.
  const worlds: (NotifyWorld | undefined)[][] = cfg.menus.map((menu, d) =>
    menu.map((op) => (op.op === 'notify' ? notifyWorld(initialImpl(L), L, d, op.args, quirks) : undefined)));

  const enabled = (s: ArgoImpl, a: ArgoAction): boolean => {
    const w = s.w;
    const alive = w[dom(L, a.dom, D_EXISTS)] === 1;
    switch (a.kind) {
      case K_START: {
        if (!alive || w[frame(L, a.dom, F_OP)]! >= 0 || w[env(a.dom, E_OPS)]! <= 0) return false;
        const op = cfg.menus[a.dom]![a.arg]!;
        if (op.op === 'register') return w[ring(L, op.ring, R_REG)] === 0;
        if (op.op === 'unregister') return w[ring(L, op.ring, R_REG)] === 1;
        return true;
      }
      case K_STEP:
        return w[frame(L, a.dom, F_OP)]! >= 0;
      case K_CONSUME:
        return guestCanConsume(s, L, a.arg);
      case K_WRITE_RX:
        return w[ring(L, a.arg, R_REG)] === 1 && w[env(a.dom, E_RXW)]! > 0;
      case K_DESTROY:
        // Destroy takes the global Argo lock for writing: never inside a hypercall.
        return alive && w[env(a.dom, E_REC)]! > 0 && !busy(s);
      case K_CREATE:
        return !alive && !busy(s);
      default:
        return false;
    }
  };

  const runNotifyStep = (t: ArgoImpl, d: number, pc: number, report: ArgoReport): void => {
    const world = worlds[d]![t.w[frame(L, d, F_OP)]!];
    if (world === undefined) throw new Error(`d${d} has a frame for a hypercall that is not notify`);
    world.s = t;
    // `stepOp` without its frame objects: the frame lives in the state's words.
    const step = argoNotifyOp.steps[pc];
    if (step === undefined) throw new RangeError(`notify has no step ${pc}`);
    const next = step.run(world, 0, report);
    if (next === DONE) {
      t.w.fill(0, frame(L, d, 0), frame(L, d, L.frameLen[d]!));
      t.w[frame(L, d, F_OP)] = -1;
    } else {
      t.w[frame(L, d, F_PC)] = next.pc;
    }
  };

  /** Applies enabled action `a` to `t` in place (`t` holds a copy of the state it starts from). */
  const apply = (t: ArgoImpl, a: ArgoAction, report: ArgoReport): void => {
    const d = a.dom;
    switch (a.kind) {
      case K_START: {
        report.actor = d;
        t.w[env(d, E_OPS)]!--;
        const op = cfg.menus[d]![a.arg]!;
        switch (op.op) {
          case 'register':
            report.lin = startCalls[d]![a.arg];
            report.outcome = argoRegisterRing(t, L, d, op.ring);
            break;
          case 'unregister':
            report.lin = startCalls[d]![a.arg];
            report.outcome = argoUnregisterRing(t, L, d, op.ring);
            break;
          case 'sendv':
            report.lin = startCalls[d]![a.arg];
            report.outcome = argoSendv(t, L, d, op.dst, op.port, op.len, quirks);
            break;
          case 'notify':
            t.w[frame(L, d, F_OP)] = a.arg;
            runNotifyStep(t, d, 0, report);
            break;
        }
        break;
      }
      case K_STEP:
        report.actor = d;
        runNotifyStep(t, d, t.w[frame(L, d, F_PC)]!, report);
        break;
      case K_CONSUME:
        report.actor = L.nDom + d;
        report.lin = consumeCalls[a.arg];
        report.outcome = guestConsume(t, L, a.arg);
        break;
      case K_WRITE_RX: {
        report.actor = L.nDom + d;
        const v = cfg.bogusRx[a.value]!;
        const value = v === RX_RESYNC ? t.w[ring(L, a.arg, R_TX)]! >>> 0 : v >>> 0;
        t.w[env(d, E_RXW)]!--;
        report.lin = writeRxCall(a.arg, value);
        report.outcome = guestWriteRx(t, L, a.arg, value);
        break;
      }
      case K_DESTROY:
        report.actor = 2 * L.nDom;
        t.w[env(d, E_REC)]!--;
        report.lin = destroyCalls[d];
        report.outcome = domainDestroy(t, L, d);
        break;
      case K_CREATE:
        report.actor = 2 * L.nDom;
        report.lin = createCalls[d];
        report.outcome = domainCreate(t, L, d);
        break;
    }
  };

  const run = (s: ArgoImpl, a: ArgoAction, report: ArgoReport): ArgoImpl | undefined => {
    if (!enabled(s, a)) return undefined;
    const t = cloneImpl(s);
    apply(t, a, report);
    return t;
  };

  /** `run` into `into` (a state of this layout): no allocation for the state. */
  const runInto = (s: ArgoImpl, a: ArgoAction, into: ArgoImpl, report: ArgoReport): boolean => {
    if (!enabled(s, a)) return false;
    copyImpl(s, into);
    apply(into, a, report);
    return true;
  };

  const scratchReport: ArgoReport = new StepReport<ArgoCall, ArgoOutcome>();
  const size = stateBytes(L);

  const model: Model<ArgoImpl, ArgoAction> = {
    name: `argo/${cfg.name}`,
    initStates: () => [initialArgoImpl(cfg, L)],
    actions(s, out) {
      // The order of `every`, with whole groups skipped at once: a vCPU offers its starts or its next step.
      const w = s.w;
      for (let d = 0; d < L.nDom; d++) {
        if (w[frame(L, d, F_OP)]! >= 0) out.push(stepOf[d]!);
        else if (w[dom(L, d, D_EXISTS)] === 1 && w[env(d, E_OPS)]! > 0) for (const a of startsOf[d]!) if (enabled(s, a)) out.push(a);
      }
      for (const a of receivers) if (enabled(s, a)) out.push(a);
      if (busy(s)) return;
      for (let d = 0; d < L.nDom; d++) {
        if (w[dom(L, d, D_EXISTS)] === 1) {
          if (w[env(d, E_REC)]! > 0) out.push(destroyOf[d]!);
        } else {
          out.push(createOf[d]!);
        }
      }
    },
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
      },
    },
    properties: () => implProperties(L, quirks),
    encode(s, sink) {
      encodeImpl(s, L, sink);
    },
    formatAction: (a) => formatAction(cfg, a),
    formatState(s) {
      const lines = [formatSpecState(abstractArgo(s, L))];
      for (let d = 0; d < L.nDom; d++) {
        const op = s.w[frame(L, d, F_OP)]!;
        if (op >= 0) {
          const at = frame(L, d, F_CUR);
          const to = Array.from(s.w.subarray(frame(L, d, F_TO), frame(L, d, F_TO) + 2 * s.w[frame(L, d, F_NTO)]!));
          lines.push(
            `d${d} vCPU in ${describeFrame(OPS, { op: 0, pc: s.w[frame(L, d, F_PC)]!, locals: 0 } as Frame<0>)} ` +
              `(ring ${s.w[at]}, S=${s.w[frame(L, d, F_SPACE)]}, entry ${s.w[frame(L, d, F_ENT)]}, to-notify [${to.join(',')}])`,
          );
        }
      }
      lines.push(formatBudgets(s.w, L.envBase, L.nDom));
      return lines.join('\n');
    },
    coverage: { kinds: ARGO_ACTION_KINDS, kindOf: (a) => a.kind },
  };

  return {
    model,
    layout: L,
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
    const len = L.shape.rings[r]!.len;
    const junk = s.w[ring(L, r, R_JUNK)]!;
    const live = ringUnreadBytes(s, L, r) - junk;
    const start = (ringRxSanitised(s, L, r) + junk) % len;
    const base = L.memBase[r]!;
    const first = Math.min(live, len - start);
    sink.bytes(s.mem, base + start, base + start + first);
    if (live > first) sink.bytes(s.mem, base, base + live - first);
  }
}
