import { IDLE, N_DOM, Va, type PcidConfig } from './config.ts';

/**
 * The PCID environment, written once for both sides: the administrator
 * (pcid= writes, domain creation), the scheduler, each guest's vCPU
 * (returns to the guest, entries into Xen, kernel/user toggles, PTE changes,
 * flush requests, memory accesses) and each CPU's hardware (TLB fills at
 * every step, flush IPIs at every interrupt-enabled point, lazy-state syncs).
 * The spec-only model and the impl model implement `EnvView` over their own
 * states and get the same actions in the same order.
 */
export const ActionKind = {
  setOption: 0,
  create: 1,
  schedule: 2,
  exitToGuest: 3,
  enterXen: 4,
  toggle: 5,
  remap: 6,
  flushVa: 7,
  flushAll: 8,
  access: 9,
  step: 10,
  fill: 11,
  ipiFlush: 12,
  ipiSync: 13,
  rootChange: 14,
} as const;
export type ActionKind = (typeof ActionKind)[keyof typeof ActionKind];

export const ACTION_KIND_NAMES = [
  'write pcid=',
  'create domain',
  'schedule',
  'return to guest',
  'enter Xen',
  'toggle kernel/user',
  'remap user page',
  'flush one page',
  'flush everything',
  'guest access',
  'next instruction',
  'TLB fill',
  'flush IPI',
  'lazy-state sync IPI',
  'shadow root change',
] as const satisfies { readonly length: 15 };

/** An action: `cpu` (−1 for the administrator) and `arg` (option index, domain, target vCPU or address). */
export interface PcidAction {
  readonly kind: ActionKind;
  readonly cpu: number;
  readonly arg: number;
}

/** Budget words (global). */
export const Budget = {
  optionWrites: 0,
  switches: 1,
  toggles: 2,
  remaps: 3,
  flushes: 4,
  ipis: 5,
  syncs: 6,
  rootChanges: 7,
} as const;
export type Budget = (typeof Budget)[keyof typeof Budget];
export const BUDGET_WORDS = 8;

/** What the environment reads of a side's state. */
export interface EnvView<S> {
  /** Some CPU took an architectural fault: the host is down, nothing more happens. */
  crashed(s: S): boolean;
  budget(s: S, b: Budget): number;
  created(s: S, d: number): boolean;
  current(s: S, cpu: number): number;
  /** Whose tables are loaded (differs from `current` while lazily idle). */
  loaded(s: S, cpu: number): number;
  inGuest(s: S, cpu: number): boolean;
  /** An operation is in flight on the CPU (never, for the atomic spec). */
  busy(s: S, cpu: number): boolean;
  /** The vCPU a context switch in flight on the CPU is switching to, or −1 (always −1 for the atomic spec). */
  switchingTo(s: S, cpu: number): number;
  /** The CPUs' hardware, or undefined for the spec (no TLB). */
  readonly hw?: {
    interruptsOn(s: S, cpu: number): boolean;
    /** A fill of `va` would change the TLB. */
    fillChanges(s: S, cpu: number, va: number): boolean;
  };
}

export function allActions(cfg: PcidConfig): readonly PcidAction[] {
  const out: PcidAction[] = [];
  cfg.options.forEach((_, i) => out.push({ kind: ActionKind.setOption, cpu: -1, arg: i }));
  for (let d = 0; d < N_DOM; d++) out.push({ kind: ActionKind.create, cpu: -1, arg: d });
  for (let d = 0; d < N_DOM; d++) if (cfg.shadow[d] === true && cfg.rootChanges > 0) out.push({ kind: ActionKind.rootChange, cpu: -1, arg: d });
  for (let c = 0; c < cfg.nCpu; c++) {
    out.push({ kind: ActionKind.step, cpu: c, arg: 0 });
    for (let t = 0; t <= N_DOM; t++) out.push({ kind: ActionKind.schedule, cpu: c, arg: t });
    out.push({ kind: ActionKind.exitToGuest, cpu: c, arg: 0 });
    out.push({ kind: ActionKind.enterXen, cpu: c, arg: 0 });
    out.push({ kind: ActionKind.toggle, cpu: c, arg: 0 });
    out.push({ kind: ActionKind.remap, cpu: c, arg: 0 });
    for (const va of cfg.flushVas) out.push({ kind: ActionKind.flushVa, cpu: c, arg: va });
    if (cfg.flushAll) out.push({ kind: ActionKind.flushAll, cpu: c, arg: 0 });
    for (const va of cfg.accessVas) out.push({ kind: ActionKind.access, cpu: c, arg: va });
    for (const va of cfg.accessVas) out.push({ kind: ActionKind.fill, cpu: c, arg: va });
    out.push({ kind: ActionKind.ipiFlush, cpu: c, arg: 0 });
    out.push({ kind: ActionKind.ipiSync, cpu: c, arg: 0 });
  }
  return out;
}

export interface Environment<S> {
  readonly every: readonly PcidAction[];
  enabled(s: S, a: PcidAction): boolean;
  actions(s: S, out: PcidAction[]): void;
}

/**
 * The environment of `cfg` over `view`. A CPU with an operation in flight
 * offers only its next instruction and its hardware's actions. A vCPU is
 * scheduled only where its state is not loaded on another CPU (Xen would
 * first sync that CPU's lazy state; the model leaves the vCPU where it is).
 */
export function environment<S>(cfg: PcidConfig, view: EnvView<S>): Environment<S> {
  const every = allActions(cfg);
  const hw = view.hw;
  const heldElsewhere = (s: S, cpu: number, v: number): boolean => {
    for (let c = 0; c < cfg.nCpu; c++) if (c !== cpu && (view.current(s, c) === v || view.loaded(s, c) === v || view.switchingTo(s, c) === v)) return true;
    return false;
  };
  const allCreated = (s: S): boolean => {
    for (let d = 0; d < N_DOM; d++) if (!view.created(s, d)) return false;
    return true;
  };
  /** The vCPU is in Xen on `cpu` with nothing in flight: a hypercall may start. */
  const inXen = (s: S, cpu: number): boolean => !view.busy(s, cpu) && view.current(s, cpu) !== IDLE && !view.inGuest(s, cpu);
  const enabled = (s: S, a: PcidAction): boolean => {
    if (view.crashed(s)) return false;
    const c = a.cpu;
    switch (a.kind) {
      case ActionKind.setOption:
        // Only while some domain is still to be created: afterwards the option is read by no one.
        return view.budget(s, Budget.optionWrites) > 0 && !allCreated(s);
      case ActionKind.create:
        return !view.created(s, a.arg);
      case ActionKind.rootChange:
        return view.created(s, a.arg) && view.budget(s, Budget.rootChanges) > 0;
      case ActionKind.schedule: {
        if (view.busy(s, c) || view.inGuest(s, c) || view.current(s, c) === a.arg || view.budget(s, Budget.switches) <= 0) return false;
        return a.arg === IDLE || (view.created(s, a.arg) && !heldElsewhere(s, c, a.arg));
      }
      case ActionKind.exitToGuest:
        return inXen(s, c);
      case ActionKind.enterXen:
        return !view.busy(s, c) && view.inGuest(s, c);
      case ActionKind.toggle:
        return inXen(s, c) && view.budget(s, Budget.toggles) > 0;
      case ActionKind.remap:
        return inXen(s, c) && view.budget(s, Budget.remaps) > 0;
      case ActionKind.flushVa:
      case ActionKind.flushAll:
        return inXen(s, c) && view.budget(s, Budget.flushes) > 0;
      case ActionKind.access:
        return !view.busy(s, c) && view.inGuest(s, c);
      case ActionKind.step:
        return view.busy(s, c);
      case ActionKind.fill:
        return hw !== undefined && hw.fillChanges(s, c, a.arg);
      case ActionKind.ipiFlush:
        return hw !== undefined && hw.interruptsOn(s, c) && view.budget(s, Budget.ipis) > 0;
      case ActionKind.ipiSync:
        // At any interrupt-enabled point, an operation's included (the seed's switch reads CR3 before disabling interrupts).
        return hw !== undefined && hw.interruptsOn(s, c) && view.current(s, c) === IDLE && view.loaded(s, c) !== IDLE && view.budget(s, Budget.syncs) > 0;
      default:
        return assertNever(a.kind);
    }
  };
  const actions = (s: S, out: PcidAction[]): void => {
    if (view.crashed(s)) return;
    for (const a of every) if (enabled(s, a)) out.push(a);
  };
  return { every, enabled, actions };
}

/** Spends the budget action `a` uses, at `base` of `w`. */
export function spendBudget(a: PcidAction, w: Int32Array, base: number): void {
  const b = budgetOf(a.kind);
  if (b !== undefined) w[base + b]!--;
}

function budgetOf(kind: ActionKind): Budget | undefined {
  switch (kind) {
    case ActionKind.setOption:
      return Budget.optionWrites;
    case ActionKind.schedule:
      return Budget.switches;
    case ActionKind.toggle:
      return Budget.toggles;
    case ActionKind.remap:
      return Budget.remaps;
    case ActionKind.flushVa:
    case ActionKind.flushAll:
      return Budget.flushes;
    case ActionKind.ipiFlush:
      return Budget.ipis;
    case ActionKind.ipiSync:
      return Budget.syncs;
    case ActionKind.rootChange:
      return Budget.rootChanges;
    case ActionKind.create:
    case ActionKind.exitToGuest:
    case ActionKind.enterXen:
    case ActionKind.access:
    case ActionKind.step:
    case ActionKind.fill:
      return undefined;
    default:
      return assertNever(kind);
  }
}

export function initialBudgets(cfg: PcidConfig, w: Int32Array, base: number): void {
  w[base + Budget.optionWrites] = cfg.optionWrites;
  w[base + Budget.switches] = cfg.switches;
  w[base + Budget.toggles] = cfg.toggles;
  w[base + Budget.remaps] = cfg.remaps;
  w[base + Budget.flushes] = cfg.flushes;
  w[base + Budget.ipis] = cfg.ipis;
  w[base + Budget.syncs] = cfg.syncs;
  w[base + Budget.rootChanges] = cfg.rootChanges;
}

export function formatBudgets(w: Int32Array, base: number): string {
  const names = ['pcid= writes', 'switches', 'toggles', 'remaps', 'flushes', 'flush IPIs', 'sync IPIs', 'shadow root changes'] as const;
  return `budgets left: ${names.map((n, i) => `${n} ${w[base + i]}`).join(', ')}`;
}

const VA_NAME = { [Va.user]: 'user page', [Va.kernel]: 'kernel page', [Va.xen]: 'Xen page', [Va.nonCanonical]: 'non-canonical address' } as const satisfies Record<Va, string>;
export const vaName = (va: number): string => VA_NAME[va as Va];
export const vcpuName = (v: number): string => (v === IDLE ? 'idle' : `d${v}`);

export function formatAction(cfg: PcidConfig, a: PcidAction): string {
  const cpu = `CPU${a.cpu}`;
  switch (a.kind) {
    case ActionKind.setOption:
      return `admin writes pcid=${cfg.options[a.arg]}`;
    case ActionKind.create:
      return `admin creates d${a.arg}`;
    case ActionKind.schedule:
      return `${cpu} schedules ${vcpuName(a.arg)}`;
    case ActionKind.exitToGuest:
      return `${cpu} returns to the guest`;
    case ActionKind.enterXen:
      return `${cpu} guest enters Xen`;
    case ActionKind.toggle:
      return `${cpu} toggles kernel/user`;
    case ActionKind.remap:
      return `${cpu} guest remaps its user page`;
    case ActionKind.flushVa:
      return `${cpu} guest asks to flush the ${vaName(a.arg)}`;
    case ActionKind.flushAll:
      return `${cpu} guest asks for a full TLB flush`;
    case ActionKind.access:
      return `${cpu} guest accesses the ${vaName(a.arg)}`;
    case ActionKind.step:
      return `${cpu} next instruction`;
    case ActionKind.fill:
      return `${cpu} TLB fill of the ${vaName(a.arg)}`;
    case ActionKind.ipiFlush:
      return `${cpu} flush IPI`;
    case ActionKind.ipiSync:
      return `${cpu} lazy-state sync IPI`;
    case ActionKind.rootChange:
      return `shadow code replaces d${a.arg}’s inactive-mode top level (log-dirty)`;
    default:
      return assertNever(a.kind);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
