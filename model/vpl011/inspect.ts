import type { ActorFrame, Inspect, StepView } from '../../checker/inspect.ts';
import { AccessStep } from '../../impl/vpl011/access.ts';
import { F, frame, type Vpl011Impl } from '../../impl/vpl011/layout.ts';
import type { Vpl011Config } from './config.ts';
import { ActionKind, assertNever, type Vpl011Action } from './env.ts';
import { formatAccess, formatAction, hex } from './format.ts';

/** What each step of an MMIO access does, in the trace viewer. */
const STEP_NAMES = {
  [AccessStep.SNAPSHOT]: 'read the ring indices (no lock)',
  [AccessStep.LOCKED]: 'MMIO handler under the lock',
  [AccessStep.KICK]: 'event to the backend (after the unlock)',
} as const satisfies Record<AccessStep, string>;

/**
 * The trace viewer's view of vpl011 impl states: each vCPU with its MMIO
 * access in flight (a DR access takes several steps), and who runs which
 * operation and step on a transition. `steps[v][op]` are the steps of vCPU
 * `v`'s menu access `op` under the impl's quirks.
 */
export function vpl011Inspect(cfg: Vpl011Config, steps: readonly (readonly (readonly AccessStep[])[])[]): Inspect<Vpl011Impl, Vpl011Action> {
  const stepName = (v: number, op: number, pc: number): string | undefined => {
    const list = steps[v]![op]!;
    const step = list[pc];
    return list.length === 1 || step === undefined ? undefined : STEP_NAMES[step];
  };
  const access = (v: number, op: number, pc: number): Omit<StepView, 'actor'> => {
    const name = stepName(v, op, pc);
    return { operation: formatAccess(cfg.menus[v]![op]!), ...(name === undefined ? {} : { step: name }) };
  };
  return {
    step(from, a): StepView {
      switch (a.kind) {
        case ActionKind.START:
          return { actor: `v${a.vcpu}`, ...access(a.vcpu, a.arg, 0) };
        case ActionKind.STEP:
          return { actor: `v${a.vcpu}`, ...access(a.vcpu, from.w[frame(a.vcpu, F.OP)]!, from.w[frame(a.vcpu, F.PC)]!) };
        case ActionKind.ACK:
          return { actor: 'guest', operation: 'take the interrupt' };
        case ActionKind.PRODUCE_ONE:
        case ActionKind.PRODUCE_ALL:
        case ActionKind.SLEEP:
        case ActionKind.WAKE:
        case ActionKind.DRAIN:
        case ActionKind.NOTIFY:
          return { actor: 'backend', operation: formatAction(cfg, a).replace(/^backend: /, '') };
        default:
          return assertNever(a.kind);
      }
    },
    frames(s): ActorFrame[] {
      return cfg.menus.map((_, v) => {
        const op = s.w[frame(v, F.OP)]!;
        if (op < 0) return { actor: `v${v}` };
        const pc = s.w[frame(v, F.PC)]!;
        const next = stepName(v, op, pc) ?? `step ${pc}`;
        const indices =
          steps[v]![op]![0] === AccessStep.SNAPSHOT ? { locals: `indices read before the lock: cons ${hex(s.w[frame(v, F.CONS)]!)}, prod ${hex(s.w[frame(v, F.PROD)]!)}` } : {};
        return { actor: `v${v}`, operation: formatAccess(cfg.menus[v]![op]!), next, ...indices };
      });
    },
  };
}
