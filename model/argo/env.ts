import type { ArgoCall } from '../../spec/argo/types.ts';
import { RX_RESYNC, type ArgoConfig, type OpDesc } from './config.ts';

/**
 * The Argo environment, written once for both sides: the actors (per domain
 * a hypercall vCPU, the receiver that owns its rings' rx, and a lifecycle
 * actor), their budgets, their argument menus and when each may act. The
 * spec-only model and the impl model each implement `EnvView` over their own
 * state and get the same actions in the same order.
 */

/** Action kinds, in the order `actions` lists them within an actor. */
export const ActionKind = {
  start: 0,
  step: 1,
  consume: 2,
  writeRx: 3,
  destroy: 4,
  create: 5,
} as const;
export type ActionKind = (typeof ActionKind)[keyof typeof ActionKind];

/** Names of the action kinds, for per-action coverage (indexed by `ActionKind`). */
export const ACTION_KIND_NAMES = ['start hypercall', 'next step', 'receiver consumes', 'receiver writes rx', 'destroy domain', 'create domain'] as const;

/**
 * An action: `dom` is the domain whose vCPU, receiver or lifecycle acts;
 * `arg` is the menu index (start), the ring (consume, write rx) or unused;
 * `value` the bogus rx index (write rx). Built once per configuration.
 */
export interface ArgoAction {
  readonly kind: ActionKind;
  readonly dom: number;
  readonly arg: number;
  readonly value: number;
}

/** Per-domain budget words, at `base + BUDGET_WORDS * dom`. */
export const Budget = {
  ops: 0,
  rxWrites: 1,
  recreations: 2,
} as const;
export type Budget = (typeof Budget)[keyof typeof Budget];
export const BUDGET_WORDS = 3;

/** What the environment needs to read of a side's state. */
export interface EnvView<S> {
  alive(s: S, d: number): boolean;
  /** The domain's vCPU is inside a multi-step hypercall (never, for the atomic spec). */
  busy(s: S, d: number): boolean;
  registered(s: S, r: number): boolean;
  /** The receiver can read a message: one is unread and no junk precedes it. */
  canConsume(s: S, r: number): boolean;
  budget(s: S, d: number, b: Budget): number;
}

/** Every action of a configuration, in the fixed order `actions` filters. */
export function allActions(cfg: ArgoConfig): readonly ArgoAction[] {
  const out: ArgoAction[] = [];
  const n = cfg.domainArgo.length;
  for (let d = 0; d < n; d++) {
    cfg.menus[d]!.forEach((_, i) => out.push({ kind: ActionKind.start, dom: d, arg: i, value: 0 }));
    out.push({ kind: ActionKind.step, dom: d, arg: 0, value: 0 });
  }
  for (let d = 0; d < n; d++) {
    cfg.rings.forEach((r, i) => {
      if (r.owner !== d) return;
      out.push({ kind: ActionKind.consume, dom: d, arg: i, value: 0 });
      cfg.bogusRx.forEach((_, v) => out.push({ kind: ActionKind.writeRx, dom: d, arg: i, value: v }));
    });
  }
  for (let d = 0; d < n; d++) {
    out.push({ kind: ActionKind.destroy, dom: d, arg: 0, value: 0 });
    out.push({ kind: ActionKind.create, dom: d, arg: 0, value: 0 });
  }
  return out;
}

/** The enabledness rules and action listing of `cfg`, over one side's state. */
export interface Environment<S> {
  readonly every: readonly ArgoAction[];
  enabled(s: S, a: ArgoAction): boolean;
  /** Appends the enabled actions, in `every`'s order. */
  actions(s: S, out: ArgoAction[]): void;
}

/**
 * The environment of `cfg` over the state `view` reads. A vCPU offers its
 * next step while a hypercall is in flight, else every menu entry (those
 * that must fail included) while it is alive and has budget. Destroy and
 * create take the global Argo lock for writing, so never while any
 * hypercall is in flight.
 */
export function environment<S>(cfg: ArgoConfig, view: EnvView<S>): Environment<S> {
  const every = allActions(cfg);
  const n = cfg.domainArgo.length;
  const startsOf = cfg.domainArgo.map((_, d) => every.filter((a) => a.kind === ActionKind.start && a.dom === d));
  const stepOf = cfg.domainArgo.map((_, d) => every.find((a) => a.kind === ActionKind.step && a.dom === d)!);
  const receivers = every.filter((a) => a.kind === ActionKind.consume || a.kind === ActionKind.writeRx);
  const destroyOf = cfg.domainArgo.map((_, d) => every.find((a) => a.kind === ActionKind.destroy && a.dom === d)!);
  const createOf = cfg.domainArgo.map((_, d) => every.find((a) => a.kind === ActionKind.create && a.dom === d)!);
  const anyBusy = (s: S): boolean => {
    for (let d = 0; d < n; d++) if (view.busy(s, d)) return true;
    return false;
  };
  const enabled = (s: S, a: ArgoAction): boolean => {
    switch (a.kind) {
      case ActionKind.start:
        return view.alive(s, a.dom) && !view.busy(s, a.dom) && view.budget(s, a.dom, Budget.ops) > 0;
      case ActionKind.step:
        return view.busy(s, a.dom);
      case ActionKind.consume:
        return view.canConsume(s, a.arg);
      case ActionKind.writeRx:
        return view.registered(s, a.arg) && view.budget(s, a.dom, Budget.rxWrites) > 0;
      case ActionKind.destroy:
        return view.alive(s, a.dom) && view.budget(s, a.dom, Budget.recreations) > 0 && !anyBusy(s);
      case ActionKind.create:
        return !view.alive(s, a.dom) && !anyBusy(s);
      default:
        return assertNever(a.kind);
    }
  };
  const actions = (s: S, out: ArgoAction[]): void => {
    // `every`'s order, with whole groups skipped at once.
    for (let d = 0; d < n; d++) {
      if (view.busy(s, d)) out.push(stepOf[d]!);
      else if (view.alive(s, d) && view.budget(s, d, Budget.ops) > 0) for (const a of startsOf[d]!) out.push(a);
    }
    for (const a of receivers) if (enabled(s, a)) out.push(a);
    if (anyBusy(s)) return;
    for (let d = 0; d < n; d++) {
      if (view.alive(s, d)) {
        if (view.budget(s, d, Budget.recreations) > 0) out.push(destroyOf[d]!);
      } else {
        out.push(createOf[d]!);
      }
    }
  };
  return { every, enabled, actions };
}

/** Writes `cfg`'s initial budgets at `base` of `into`. */
export function initialBudgets(cfg: ArgoConfig, into: Int32Array, base: number): void {
  for (let d = 0; d < cfg.domainArgo.length; d++) {
    into[base + BUDGET_WORDS * d + Budget.ops] = cfg.ops[d]!;
    into[base + BUDGET_WORDS * d + Budget.rxWrites] = cfg.rxWrites[d]!;
    into[base + BUDGET_WORDS * d + Budget.recreations] = cfg.recreations[d]!;
  }
}

/** Spends the budget action `a` uses (at `base` of `w`). */
export function spendBudget(a: ArgoAction, w: Int32Array, base: number): void {
  const at = base + BUDGET_WORDS * a.dom;
  switch (a.kind) {
    case ActionKind.start:
      w[at + Budget.ops]!--;
      break;
    case ActionKind.writeRx:
      w[at + Budget.rxWrites]!--;
      break;
    case ActionKind.destroy:
      w[at + Budget.recreations]!--;
      break;
    case ActionKind.step:
    case ActionKind.consume:
    case ActionKind.create:
      break;
    default:
      assertNever(a.kind);
  }
}

/** The rx value a write-rx action stores, given the ring's current tx. */
export function rxValue(cfg: ArgoConfig, a: ArgoAction, tx: number): number {
  const v = cfg.bogusRx[a.value]!;
  return v === RX_RESYNC ? tx >>> 0 : v >>> 0;
}

/** The spec call a menu entry makes atomically (notify as a whole). */
export function callOf(d: number, op: OpDesc): ArgoCall {
  switch (op.op) {
    case 'register':
      return { kind: 'register', caller: d, ring: op.ring, len: op.len, failExist: op.failExist };
    case 'unregister':
      return { kind: 'unregister', caller: d, ring: op.ring };
    case 'sendv':
      return { kind: 'sendv', caller: d, dst: op.dst, port: op.port, len: op.len, badNiov: op.badNiov };
    case 'notify':
      return { kind: 'notify', caller: d, args: op.args };
    default:
      return assertNever(op);
  }
}

/** Exhaustiveness guard for switches over a union. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
