import type { EncodeSink, Model } from '../../checker/model.ts';
import { StepReport, type ImplSide } from '../../checker/refinement.ts';
import { stepOp, describeFrame, type Frame } from '../../checker/step-machine.ts';
import type { ArgoCall, ArgoOutcome, ArgoState } from '../../spec/argo/types.ts';
import { formatState as formatSpecState } from '../../spec/argo/state.ts';
import { abstractArgo } from '../../impl/argo/abstract.ts';
import { guestCanConsume, guestConsume, guestWriteRx } from '../../impl/argo/guest.ts';
import {
  cloneImpl, D_EXISTS, dom, F_CUR, F_ENT, F_NTO, F_OP, F_PC, F_SPACE, F_TO, frame, initialImpl, makeLayout, R_JUNK, R_REG, R_TX, ring, type ArgoImpl, type Layout,
} from '../../impl/argo/layout.ts';
import { argoNotifyOp, type ArgoReport, type NotifyWorld } from '../../impl/argo/notify.ts';
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
  const env = (d: number, f: number): number => L.envBase + ENV_PER_DOMAIN * d + f;
  const busy = (s: ArgoImpl): boolean => {
    for (let d = 0; d < L.nDom; d++) if (s.w[frame(L, d, F_OP)]! >= 0) return true;
    return false;
  };

  const enabled = (s: ArgoImpl, a: ArgoAction): boolean => {
    const alive = s.w[dom(L, a.dom, D_EXISTS)] === 1;
    switch (a.kind) {
      case K_START: {
        if (!alive || s.w[frame(L, a.dom, F_OP)]! >= 0 || s.w[env(a.dom, E_OPS)]! <= 0) return false;
        const op = cfg.menus[a.dom]![a.arg]!;
        if (op.op === 'register') return s.w[ring(L, op.ring, R_REG)] === 0;
        if (op.op === 'unregister') return s.w[ring(L, op.ring, R_REG)] === 1;
        return true;
      }
      case K_STEP:
        return s.w[frame(L, a.dom, F_OP)]! >= 0;
      case K_CONSUME:
        return guestCanConsume(s, L, a.arg);
      case K_WRITE_RX:
        return s.w[ring(L, a.arg, R_REG)] === 1 && s.w[env(a.dom, E_RXW)]! > 0;
      case K_DESTROY:
        // Destroy takes the global Argo lock for writing: never inside a hypercall.
        return alive && s.w[env(a.dom, E_REC)]! > 0 && !busy(s);
      case K_CREATE:
        return !alive && !busy(s);
      default:
        return false;
    }
  };

  const runNotifyStep = (t: ArgoImpl, d: number, pc: number, report: ArgoReport): void => {
    const op = cfg.menus[d]![t.w[frame(L, d, F_OP)]!]!;
    if (op.op !== 'notify') throw new Error(`d${d} has a frame for ${op.op}`);
    const world: NotifyWorld = { s: t, L, caller: d, args: op.args, q: quirks };
    const f: Frame<0> = { op: 0, pc, locals: 0 };
    const next = stepOp(OPS, f, world, report);
    if (next === undefined) {
      t.w.fill(0, frame(L, d, 0), frame(L, d, L.frameStride));
      t.w[frame(L, d, F_OP)] = -1;
    } else {
      t.w[frame(L, d, F_PC)] = next.pc;
    }
  };

  const run = (s: ArgoImpl, a: ArgoAction, report: ArgoReport): ArgoImpl | undefined => {
    if (!enabled(s, a)) return undefined;
    const t = cloneImpl(s);
    const d = a.dom;
    switch (a.kind) {
      case K_START: {
        report.actor = d;
        t.w[env(d, E_OPS)]!--;
        const op = cfg.menus[d]![a.arg]!;
        switch (op.op) {
          case 'register':
            report.lin = { kind: 'register', caller: d, ring: op.ring };
            report.outcome = argoRegisterRing(t, L, d, op.ring);
            break;
          case 'unregister':
            report.lin = { kind: 'unregister', caller: d, ring: op.ring };
            report.outcome = argoUnregisterRing(t, L, d, op.ring);
            break;
          case 'sendv':
            report.lin = { kind: 'sendv', caller: d, dst: op.dst, port: op.port, len: op.len };
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
        report.lin = { kind: 'consume', ring: a.arg };
        report.outcome = guestConsume(t, L, a.arg);
        break;
      case K_WRITE_RX: {
        report.actor = L.nDom + d;
        const v = cfg.bogusRx[a.value]!;
        const value = v === RX_RESYNC ? t.w[ring(L, a.arg, R_TX)]! >>> 0 : v >>> 0;
        t.w[env(d, E_RXW)]!--;
        report.lin = { kind: 'writeRx', ring: a.arg, value };
        report.outcome = guestWriteRx(t, L, a.arg, value);
        break;
      }
      case K_DESTROY:
        report.actor = 2 * L.nDom;
        t.w[env(d, E_REC)]!--;
        report.lin = { kind: 'destroy', dom: d };
        report.outcome = domainDestroy(t, L, d);
        break;
      case K_CREATE:
        report.actor = 2 * L.nDom;
        report.lin = { kind: 'create', dom: d };
        report.outcome = domainCreate(t, L, d);
        break;
      default:
        return undefined;
    }
    return t;
  };

  const scratchReport: ArgoReport = new StepReport<ArgoCall, ArgoOutcome>();

  const model: Model<ArgoImpl, ArgoAction> = {
    name: `argo/${cfg.name}`,
    initStates: () => [initialArgoImpl(cfg, L)],
    actions(s, out) {
      for (const a of every) if (enabled(s, a)) out.push(a);
    },
    next(s, a) {
      scratchReport.reset();
      return run(s, a, scratchReport);
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
    actionKinds: ARGO_ACTION_KINDS,
    actionKind: (a) => a.kind,
  };

  return {
    model,
    layout: L,
    run,
    step: (s, a, report) => run(s, a, report),
    abstract: (s) => abstractArgo(s, L),
  };
}

/**
 * Canonical encoding: every word, plus the bytes of each ring's message
 * region (after the junk, up to tx). Bytes outside it are never read by Xen
 * nor by the receiver, so states differing only there behave alike.
 */
export function encodeImpl(s: ArgoImpl, L: Layout, sink: EncodeSink): void {
  sink.words(s.w);
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
