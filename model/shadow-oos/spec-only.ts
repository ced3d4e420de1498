import type { Model } from '../../checker/model.ts';
import { applyCall, encodeState, formatState, initialState, specInvariants, type SpecResult } from '../../spec/shadow-oos/state.ts';
import { Outcome, type ShadowCall, type ShadowState } from '../../spec/shadow-oos/types.ts';
import type { ShadowConfig } from './config.ts';
import { ACTION_KIND_NAMES, ActionKind, allActions, assertNever, Budget, BUDGET_WORDS, budgetOf, formatAction, type ShadowAction } from './env.ts';
import { shadowFacts } from './spec-model.ts';

/** A state of the spec-only model: the reference's state and the environment's budgets. */
export interface ShadowSpecOnly {
  readonly s: ShadowState;
  readonly budgets: Int32Array;
}

/**
 * The reference explored on its own (`--only spec`), with the impl model's
 * environment: the same actions (`env.ts`), budgets and enabledness (a
 * guest access while no fault is in flight and not through a released TLB
 * entry, the locked handler while one is, CR3 and INVLPG within budget,
 * pressure once a fault is in flight; an access is refused when it would
 * trap, or store into a page table, with that budget spent). The reference's nondeterminism (which OOS page an
 * unsync crushes, which writable mapping a new one evicts) becomes one
 * action per allowed outcome of the locked handler: `arg` is its index.
 * Properties: the reference's invariants. No witnesses: they are stated on
 * Xen's words, which only the impl model has. Loads nothing from `impl/`.
 */
export function shadowSpecOnlyModel(cfg: ShadowConfig): Model<ShadowSpecOnly, ShadowAction> {
  const facts = shadowFacts(cfg);
  const every = allActions(cfg).filter((a) => a.kind !== ActionKind.step);
  const nVa = cfg.gmfns.length * cfg.entries;
  let cacheState: ShadowState | undefined;
  const cacheResults: (readonly SpecResult[] | undefined)[] = [];
  /** The locked handler's outcomes for vCPU v in s (the last state's are kept: actions() and next() ask for the same). */
  const handlerResults = (s: ShadowState, v: number): readonly SpecResult[] => {
    if (cacheState !== s) {
      cacheState = s;
      cacheResults.fill(undefined);
    }
    return (cacheResults[v] ??= applyCall(facts, s, { kind: 'faultLocked', v }));
  };
  const busy = (s: ShadowState, v: number): boolean => s.walk[v] !== null;
  const call = (a: ShadowAction): ShadowCall => {
    switch (a.kind) {
      case ActionKind.access:
        return { kind: 'access', v: a.v, va: a.arg >> 1, write: (a.arg & 1) === 1 };
      case ActionKind.step:
        return { kind: 'faultLocked', v: a.v };
      case ActionKind.cr3:
        return { kind: 'cr3', v: a.v };
      case ActionKind.invlpg:
        return { kind: 'invlpg', v: a.v, va: a.arg };
      case ActionKind.pressure:
        return { kind: 'pressure', page: a.arg };
      default:
        return assertNever(a.kind);
    }
  };
  const enabled = (x: ShadowSpecOnly, a: ShadowAction): boolean => {
    const { s, budgets } = x;
    switch (a.kind) {
      case ActionKind.access:
        // The shootdown contract (env.ts): no access through an entry the guest released.
        return !busy(s, a.v) && !s.released[a.v]![a.arg >> 1]!;
      case ActionKind.cr3:
        return !busy(s, a.v) && budgets[Budget.cr3Writes]! > 0;
      case ActionKind.invlpg:
        return !busy(s, a.v) && budgets[Budget.invlpgs]! > 0;
      case ActionKind.pressure:
        return budgets[Budget.pressures]! > 0 && s.pressure === -1 && s.walk.some((w) => w !== null);
      case ActionKind.step:
        return busy(s, a.v);
      default:
        return assertNever(a.kind);
    }
  };
  const budgets0 = new Int32Array(BUDGET_WORDS);
  budgets0[Budget.cr3Writes] = cfg.cr3Writes;
  budgets0[Budget.invlpgs] = cfg.invlpgs;
  budgets0[Budget.pressures] = cfg.pressures;
  budgets0[Budget.ptWrites] = cfg.ptWrites;
  budgets0[Budget.faults] = cfg.faults;

  return {
    name: `shadow-oos/${cfg.name} (spec only)`,
    initStates: () => [{ s: initialState(facts), budgets: budgets0 }],
    actions(x, out) {
      for (let v = 0; v < cfg.nVcpu; v++) {
        if (!busy(x.s, v)) continue;
        const n = handlerResults(x.s, v).length;
        for (let i = 0; i < n; i++) out.push({ kind: ActionKind.step, v, arg: i });
      }
      for (const a of every) if (enabled(x, a)) out.push(a);
    },
    next(x, a) {
      if (!enabled(x, a)) return undefined;
      const budgets = x.budgets.slice();
      const b = budgetOf(a.kind);
      if (b !== undefined) budgets[b]!--;
      if (a.kind === ActionKind.step) {
        const r = handlerResults(x.s, a.v)[a.arg];
        return r === undefined ? undefined : { s: r.state, budgets };
      }
      const [r] = applyCall(facts, x.s, call(a));
      if (r === undefined) return undefined;
      if (a.kind === ActionKind.access) {
        // The impl refuses an access that would trap, or store into a page table, with that budget spent.
        if (r.outcome === Outcome.fault) {
          if (budgets[Budget.faults]! <= 0) return undefined;
          budgets[Budget.faults]!--;
        } else if (r.state.guest.some((row, p) => row.some((e, k) => e !== x.s.guest[p]![k]))) {
          if (budgets[Budget.ptWrites]! <= 0) return undefined;
          budgets[Budget.ptWrites]!--;
        }
      }
      return { s: r.state, budgets };
    },
    properties: () => specInvariants(facts).map((p) => ({ ...p, condition: (x: ShadowSpecOnly) => p.condition(x.s) })),
    encode(x, sink) {
      encodeState(x.s, sink);
      sink.words(x.budgets);
    },
    formatAction: (a) => (a.kind === ActionKind.step ? `${formatAction(a)} (outcome ${a.arg})` : formatAction(a)),
    formatState: (x) =>
      `${formatState(x.s)}\nbudgets: CR3 ${x.budgets[Budget.cr3Writes]}, INVLPG ${x.budgets[Budget.invlpgs]}, pressure ${x.budgets[Budget.pressures]}, page-table stores ${x.budgets[Budget.ptWrites]}, faults ${x.budgets[Budget.faults]} (${nVa} addresses)`,
    coverage: { kinds: ACTION_KIND_NAMES, kindOf: (a) => a.kind },
  };
}
