import type { ActorFrame, Inspect, StepView } from '../../checker/inspect.ts';
import { frameW, FrameWord, Op, type Layout } from '../../impl/shadow-oos/layout.ts';
import { ActionKind, assertNever, formatAction, type ShadowAction } from './env.ts';
import type { ShadowImpl } from './state.ts';

/**
 * The trace viewer's view of shadow-OOS impl states: each vCPU with the page
 * fault it is handling (the guest walk runs without the paging lock, the
 * handler later under it), and who runs which operation and step on a
 * transition.
 */
export function shadowInspect(L: Layout, nVcpu: number, pte: (e: number) => string): Inspect<ShadowImpl, ShadowAction> {
  const fault = (w: Int32Array, v: number): string => `page fault: ${w[frameW(L, v, FrameWord.write)] === 1 ? 'write' : 'read'} va ${w[frameW(L, v, FrameWord.va)]}`;
  return {
    step(from, a): StepView {
      const actor = `vCPU${a.v}`;
      switch (a.kind) {
        case ActionKind.access:
          return { actor, operation: `guest ${a.arg & 1 ? 'writes' : 'reads'} va ${a.arg >> 1}`, step: 'access, or fault and walk the guest tables (no lock)' };
        case ActionKind.step:
          return { actor, operation: fault(from.w, a.v), step: 'handler under the paging lock' };
        case ActionKind.cr3:
        case ActionKind.invlpg:
          return { actor, operation: formatAction(a).replace(/^vCPU\d+ /, '') };
        case ActionKind.pressure:
          return { actor: 'shadow memory', operation: formatAction(a).replace(/^shadow memory pressure: /, 'pressure: ') };
        default:
          return assertNever(a.kind);
      }
    },
    frames(s): ActorFrame[] {
      return Array.from({ length: nVcpu }, (_, v): ActorFrame => {
        if (s.w[frameW(L, v, FrameWord.op)] !== Op.pageFault) return { actor: `vCPU${v}` };
        return { actor: `vCPU${v}`, operation: fault(s.w, v), next: 'handler under the paging lock', locals: `walked ${pte(s.w[frameW(L, v, FrameWord.walked)]!)}` };
      });
    },
  };
}
