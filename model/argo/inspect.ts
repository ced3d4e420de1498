import type { ActorFrame, Inspect, StepView } from '../../checker/inspect.ts';
import { F_CUR, F_ENT, F_NTO, F_OP, F_PC, F_SPACE, F_TO, frame, type ArgoImpl, type Layout } from '../../impl/argo/layout.ts';
import { argoNotifyOp } from '../../impl/argo/notify.ts';
import type { ArgoConfig } from './config.ts';
import { ActionKind, assertNever, type ArgoAction } from './env.ts';
import { formatOp } from './format.ts';

/** The name of notify's step `pc`. */
function notifyStep(pc: number): string {
  return argoNotifyOp.steps[pc]?.name ?? `step ${pc}`;
}

/** What a vCPU's notify frame holds: the ring it is on, the space it measured, the entry it fills, the domains it will signal. */
export function notifyLocals(s: ArgoImpl, L: Layout, d: number): string {
  const to = Array.from(s.w.subarray(frame(L, d, F_TO), frame(L, d, F_TO) + 2 * s.w[frame(L, d, F_NTO)]!));
  return `ring ${s.w[frame(L, d, F_CUR)]}, S=${s.w[frame(L, d, F_SPACE)]}, entry ${s.w[frame(L, d, F_ENT)]}, to-notify [${to.join(',')}]`;
}

/**
 * The trace viewer's view of Argo impl states: each domain's hypercall vCPU
 * (the only actor whose operations take several steps: notify) with its
 * frame, and who runs which operation and step on a transition.
 */
export function argoInspect(cfg: ArgoConfig, L: Layout): Inspect<ArgoImpl, ArgoAction> {
  return {
    step(from, a): StepView {
      const d = a.dom;
      switch (a.kind) {
        case ActionKind.start: {
          const op = cfg.menus[d]![a.arg]!;
          return { actor: `d${d} vCPU`, operation: formatOp(op), ...(op.op === 'notify' ? { step: notifyStep(0) } : {}) };
        }
        case ActionKind.step:
          return { actor: `d${d} vCPU`, operation: formatOp(cfg.menus[d]![from.w[frame(L, d, F_OP)]!]!), step: notifyStep(from.w[frame(L, d, F_PC)]!) };
        case ActionKind.consume:
          return { actor: `d${d} receiver`, operation: `consume from ring${a.arg}` };
        case ActionKind.writeRx:
          return { actor: `d${d} receiver`, operation: `write rx of ring${a.arg}` };
        case ActionKind.destroy:
          return { actor: 'lifecycle', operation: `destroy d${d}` };
        case ActionKind.create:
          return { actor: 'lifecycle', operation: `re-create d${d}` };
        default:
          return assertNever(a.kind);
      }
    },
    frames(s): ActorFrame[] {
      return cfg.menus.map((menu, d) => {
        const op = s.w[frame(L, d, F_OP)]!;
        if (op < 0) return { actor: `d${d} vCPU` };
        return { actor: `d${d} vCPU`, operation: formatOp(menu[op]!), next: notifyStep(s.w[frame(L, d, F_PC)]!), locals: notifyLocals(s, L, d) };
      });
    },
  };
}
