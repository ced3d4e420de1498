import type { ShadowConfig } from './config.ts';

/**
 * The shadow-OOS environment: each vCPU's guest (writes of every address,
 * reads of the configured ones, CR3 writes, INVLPGs), each vCPU's page-fault handler (the locked
 * part, after a walk done at the trap), and memory pressure (arming, while a
 * fault is in flight, the victim of the next `shadow_prealloc`). A guest
 * store that lands in a page table spends the `ptWrites` budget, a trap
 * into the fault handler the `faults` budget.
 */
export const ActionKind = { access: 0, step: 1, cr3: 2, invlpg: 3, pressure: 4 } as const;
export type ActionKind = (typeof ActionKind)[keyof typeof ActionKind];
export const ACTION_KIND_NAMES = ['guest access', 'fault handler under the lock', 'guest CR3 write', 'guest INVLPG', 'memory pressure'] as const satisfies {
  readonly length: 5;
};

/** An action: vCPU `v` (−1 for memory pressure) and `arg` (access: va × 2 + write; INVLPG: va; pressure: page). */
export interface ShadowAction {
  readonly kind: ActionKind;
  readonly v: number;
  readonly arg: number;
}

export const Budget = { cr3Writes: 0, invlpgs: 1, pressures: 2, ptWrites: 3, faults: 4 } as const;
export type Budget = (typeof Budget)[keyof typeof Budget];
export const BUDGET_WORDS = 5;

/**
 * The guest's TLB-shootdown contract (README, shadow-oos "INVLPG on two vCPUs"): once vCPU v INVLPGs `va`, every other
 * CPU's TLB entry for `va` is *released*: the guest does not use `va` on that CPU until the entry is gone (its own
 * INVLPG of `va`, a CR3 write, or any flush). One word per CPU after the budgets, bit `va` set while released.
 */
export const RELEASED = BUDGET_WORDS;
/** Environment words: the budgets, then each CPU's released-entry mask. */
export const envWords = (nVcpu: number): number => BUDGET_WORDS + nVcpu;

export function allActions(cfg: ShadowConfig): readonly ShadowAction[] {
  const out: ShadowAction[] = [];
  const nVa = cfg.gmfns.length * cfg.entries;
  for (let v = 0; v < cfg.nVcpu; v++) {
    out.push({ kind: ActionKind.step, v, arg: 0 });
    for (let va = 0; va < nVa; va++) {
      if (cfg.reads.includes(va)) out.push({ kind: ActionKind.access, v, arg: va * 2 });
      if (cfg.writes.includes(va)) out.push({ kind: ActionKind.access, v, arg: va * 2 + 1 });
    }
    out.push({ kind: ActionKind.cr3, v, arg: 0 });
    for (let va = 0; va < nVa; va++) out.push({ kind: ActionKind.invlpg, v, arg: va });
  }
  for (let p = 0; p < cfg.gmfns.length; p++) out.push({ kind: ActionKind.pressure, v: -1, arg: p });
  return out;
}

export function budgetOf(kind: ActionKind): Budget | undefined {
  switch (kind) {
    case ActionKind.cr3:
      return Budget.cr3Writes;
    case ActionKind.invlpg:
      return Budget.invlpgs;
    case ActionKind.pressure:
      return Budget.pressures;
    case ActionKind.access:
    case ActionKind.step:
      return undefined;
    default:
      return assertNever(kind);
  }
}

export function initialBudgets(cfg: ShadowConfig, w: Int32Array, base: number): void {
  w[base + Budget.cr3Writes] = cfg.cr3Writes;
  w[base + Budget.invlpgs] = cfg.invlpgs;
  w[base + Budget.pressures] = cfg.pressures;
  w[base + Budget.ptWrites] = cfg.ptWrites;
  w[base + Budget.faults] = cfg.faults;
}

export function formatAction(a: ShadowAction): string {
  switch (a.kind) {
    case ActionKind.access:
      return `vCPU${a.v} guest ${a.arg & 1 ? 'writes' : 'reads'} va ${a.arg >> 1}`;
    case ActionKind.step:
      return `vCPU${a.v} page-fault handler under the paging lock`;
    case ActionKind.cr3:
      return `vCPU${a.v} guest writes CR3`;
    case ActionKind.invlpg:
      return `vCPU${a.v} guest INVLPG va ${a.arg}`;
    case ActionKind.pressure:
      return `shadow memory pressure: the next prealloc frees L1 page ${a.arg}'s shadow`;
    default:
      return assertNever(a.kind);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
