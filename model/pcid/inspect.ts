import type { ActorFrame, Inspect, StepView } from '../../checker/inspect.ts';
import { C, C_LOCALS, cw, IDLE, Op, type Layout } from '../../impl/pcid/layout.ts';
import type { PcidOperation } from '../../impl/pcid/flushtlb.ts';
import { isCanonical } from '../../impl/pcid/mm.ts';
import type { PcidConfig } from './config.ts';
import { ActionKind, assertNever, formatAction, vcpuName, type PcidAction } from './env.ts';
import type { PcidImpl } from './state.ts';

/**
 * The trace viewer's view of PCID impl states: each CPU with the Xen
 * operation it is inside (a context switch or a TLB flush, several steps
 * each) and the locals of that frame, and who runs which operation and step
 * on a transition. `ops` are the operations the impl runs (the switch
 * algorithm depends on the variant).
 */
export function pcidInspect(cfg: PcidConfig, L: Layout, ops: Readonly<Record<Op, PcidOperation | undefined>>): Inspect<PcidImpl, PcidAction> {
  const stepName = (op: Op, pc: number): string => ops[op]?.steps[pc]?.name ?? `step ${pc}`;
  /** The view of an action that starts operation `op` on a CPU: its first step runs. */
  const starts = (a: PcidAction, op: Op, what: string): StepView => ({ actor: `CPU${a.cpu}`, operation: `${what}: ${ops[op]!.name}`, step: stepName(op, 0) });
  const atomic = (a: PcidAction): StepView => {
    const label = formatAction(cfg, a);
    if (a.cpu >= 0) return { actor: `CPU${a.cpu}`, operation: label.replace(/^CPU\d+ /, '') };
    return { actor: a.kind === ActionKind.rootChange ? 'shadow code' : 'admin', operation: label.replace(/^admin /, '') };
  };
  return {
    step(from, a): StepView {
      const w = from.w;
      const c = a.cpu;
      switch (a.kind) {
        case ActionKind.schedule:
          return a.arg === IDLE || a.arg === w[cw(L, c, C.loaded)] ? atomic(a) : starts(a, Op.contextSwitch, `schedule ${vcpuName(a.arg)}`);
        case ActionKind.flushVa:
          return isCanonical(a.arg) ? starts(a, Op.flushOne, 'flush one page') : atomic(a);
        case ActionKind.flushAll:
          return starts(a, Op.flushAll, 'flush everything');
        case ActionKind.ipiSync:
          return w[cw(L, c, C.op)] === Op.none ? starts(a, Op.contextSwitch, 'lazy-state sync IPI, switch to idle') : atomic(a);
        case ActionKind.step: {
          const op = w[cw(L, c, C.op)]! as Op;
          return { actor: `CPU${c}`, operation: ops[op]?.name ?? 'no operation', step: stepName(op, w[cw(L, c, C.pc)]!) };
        }
        case ActionKind.setOption:
        case ActionKind.create:
        case ActionKind.exitToGuest:
        case ActionKind.enterXen:
        case ActionKind.toggle:
        case ActionKind.remap:
        case ActionKind.access:
        case ActionKind.fill:
        case ActionKind.ipiFlush:
        case ActionKind.rootChange:
          return atomic(a);
        default:
          return assertNever(a.kind);
      }
    },
    frames(s): ActorFrame[] {
      return Array.from({ length: cfg.nCpu }, (_, c): ActorFrame => {
        const op = s.w[cw(L, c, C.op)]! as Op;
        if (op === Op.none) return { actor: `CPU${c}` };
        const locals = Array.from(s.w.subarray(cw(L, c, C_LOCALS[0]), cw(L, c, C_LOCALS[1])));
        return { actor: `CPU${c}`, operation: ops[op]?.name ?? `op ${op}`, next: stepName(op, s.w[cw(L, c, C.pc)]!), locals: `[${locals.join(',')}]` };
      });
    },
  };
}
