import { Reg, type MmioAccess } from '../../spec/vpl011/types.ts';
import type { Vpl011Config } from './config.ts';

/**
 * The vpl011 environment, written once for both sides: the actors (guest
 * vCPUs issuing MMIO accesses and taking the interrupt, the console backend
 * producing input, draining output, sleeping while IN is full and sending
 * its events), their budgets and when each may act. The spec-only model and
 * the impl model each implement `EnvView` over their own state and get the
 * same actions in the same order.
 */

/** Action kinds, in the order `actions` lists them. */
export const enum ActionKind {
  /** A vCPU starts menu access `arg`. */
  START = 0,
  /** A vCPU takes the next step of its access in flight. */
  STEP = 1,
  /** The guest takes the pending SPI (edge mode). */
  ACK = 2,
  /** The backend writes one byte of input into IN and publishes in_prod. */
  PRODUCE_ONE = 3,
  /** The backend writes as much input as fits and publishes in_prod once. */
  PRODUCE_ALL = 4,
  /** The backend, with input to give and IN full, waits for an event. */
  SLEEP = 5,
  /** The backend takes its pending event (waking up if asleep). */
  WAKE = 6,
  /** The backend reads everything in OUT and publishes out_cons. */
  DRAIN = 7,
  /** The backend sends the event for its publish: Xen runs the notification handler. */
  NOTIFY = 8,
}

/** Names of the action kinds, for per-action coverage (indexed by `ActionKind`). */
export const ACTION_KIND_NAMES = [
  'vCPU starts an access',
  'vCPU next step',
  'guest takes the interrupt',
  'backend produces a byte',
  'backend fills IN',
  'backend sleeps',
  'backend takes its event',
  'backend drains OUT',
  'backend event (notification)',
] as const;

/** An action; `vcpu` and `arg` are unused (0) for backend actions. Built once per configuration. */
export interface Vpl011Action {
  readonly kind: ActionKind;
  readonly vcpu: number;
  readonly arg: number;
}

/** Environment words, at `base` of a side's word array. */
export const enum E {
  /** Bytes produced so far (the next is `produced + 1`). */
  PRODUCED = 0,
  /** The backend waits for an event (IN was full). */
  ASLEEP = 1,
  /** The backend published and has not yet sent the event for it. */
  OWED = 2,
  /** DR writes that reached the lock so far: a DR write carries the next number. */
  ISSUED = 3,
  /** Per vCPU: state-changing accesses left. */
  BUDGET = 4,
}

/** Environment words for `vcpus` vCPUs. */
export const envWords = (vcpus: number): number => E.BUDGET + vcpus;

/** What the environment reads of a side's state. */
export interface EnvView<S> {
  /** The environment's words and where they start. */
  words(s: S): Int32Array;
  readonly base: number;
  /** vCPU `v` has an access in flight (never, for the atomic spec). */
  busy(s: S, v: number): boolean;
  /** Free bytes in IN as the backend computes them from the indices (≤ 0 when full or broken). */
  inFree(s: S): number;
  /** Bytes in OUT as the backend computes them from the indices. */
  outQueued(s: S): number;
  backendEvent(s: S): boolean;
  /** The vGIC has the SPI pending (edge mode). */
  irqPending(s: S): boolean;
}

/** Whether an access changes state (and so spends budget): DR, IMSC and ICR writes and DR reads at a valid width. */
export function spends(a: MmioAccess): boolean {
  if (a.width === 64) return false;
  return a.offset === Reg.DR || (a.dir === 'write' && (a.offset === Reg.IMSC || a.offset === Reg.ICR));
}

/** The sequence number a DR write carries as its byte, in the low 8 bits of the value the guest writes. */
export const dataValue = (a: MmioAccess, seq: number): number => ((a.value & ~0xff) | (seq & 0xff)) >>> 0;

/** Every action of a configuration, in the fixed order `actions` filters. */
export function allActions(cfg: Vpl011Config): readonly Vpl011Action[] {
  const out: Vpl011Action[] = [];
  cfg.menus.forEach((menu, v) => {
    menu.forEach((_, i) => out.push({ kind: ActionKind.START, vcpu: v, arg: i }));
    out.push({ kind: ActionKind.STEP, vcpu: v, arg: 0 });
  });
  for (const kind of [ActionKind.ACK, ActionKind.PRODUCE_ONE, ActionKind.PRODUCE_ALL, ActionKind.SLEEP, ActionKind.WAKE, ActionKind.DRAIN, ActionKind.NOTIFY])
    out.push({ kind, vcpu: 0, arg: 0 });
  return out;
}

/** The enabledness rules and action listing of a configuration over one side's state. */
export interface Environment<S> {
  readonly every: readonly Vpl011Action[];
  enabled(s: S, a: Vpl011Action): boolean;
  /** Appends the enabled actions, in `every`'s order. */
  actions(s: S, out: Vpl011Action[]): void;
}

/**
 * The environment of `cfg` over the state `view` reads. A vCPU offers its
 * next step while an access is in flight, else every menu access (those that
 * change nothing are always offered; the others while budget lasts). The
 * backend runs one thing at a time: after a publish its only action is the
 * event for it; asleep, it only takes an event.
 */
export function environment<S>(cfg: Vpl011Config, view: EnvView<S>): Environment<S> {
  const every = allActions(cfg);
  const base = view.base;
  const spending = cfg.menus.map((menu) => menu.map(spends));
  const edge = cfg.params.irqMode === 'edge';
  const enabled = (s: S, a: Vpl011Action): boolean => {
    const w = view.words(s);
    const owed = w[base + E.OWED] === 1;
    const awake = w[base + E.ASLEEP] === 0 && !owed;
    const inputLeft = cfg.inputBytes - w[base + E.PRODUCED]!;
    switch (a.kind) {
      case ActionKind.START:
        return !view.busy(s, a.vcpu) && (!spending[a.vcpu]![a.arg]! || w[base + E.BUDGET + a.vcpu]! > 0);
      case ActionKind.STEP:
        return view.busy(s, a.vcpu);
      case ActionKind.ACK:
        return edge && view.irqPending(s);
      case ActionKind.PRODUCE_ONE:
        return awake && inputLeft > 0 && view.inFree(s) > 0;
      case ActionKind.PRODUCE_ALL:
        return cfg.produceAll && awake && Math.min(inputLeft, view.inFree(s)) > 1;
      case ActionKind.SLEEP:
        return awake && inputLeft > 0 && view.inFree(s) <= 0;
      case ActionKind.WAKE:
        return !owed && view.backendEvent(s);
      case ActionKind.DRAIN:
        return awake && view.outQueued(s) > 0;
      case ActionKind.NOTIFY:
        return owed;
      default:
        return assertNever(a.kind);
    }
  };
  const actions = (s: S, out: Vpl011Action[]): void => {
    for (const a of every) if (enabled(s, a)) out.push(a);
  };
  return { every, enabled, actions };
}

/** Writes `cfg`'s initial environment words at `base` of `into` (after `prefill` bytes produced). */
export function initialEnv(cfg: Vpl011Config, into: Int32Array, base: number): void {
  into[base + E.PRODUCED] = cfg.prefill;
  into[base + E.ASLEEP] = 0;
  into[base + E.OWED] = 0;
  into[base + E.ISSUED] = 0;
  cfg.ops.forEach((n, v) => (into[base + E.BUDGET + v] = n));
}

/** Exhaustiveness guard for switches over a union. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
