import { formatNotifyArgs } from '../../spec/argo/state.ts';
import { RX_RESYNC, type ArgoConfig, type OpDesc } from './config.ts';
import { ActionKind, assertNever, Budget, BUDGET_WORDS, type ArgoAction } from './env.ts';

/** One hypercall with its arguments. */
export function formatOp(op: OpDesc): string {
  switch (op.op) {
    case 'register':
      return `register ring${op.ring} len ${op.len}${op.failExist ? ' FAIL_EXIST' : ''}`;
    case 'unregister':
      return `unregister ring${op.ring}`;
    case 'sendv':
      return `sendv ${op.len}B to d${op.dst}:${op.port}${op.badNiov ? ' with niov > XEN_ARGO_MAXIOV' : ''}`;
    case 'notify':
      return `notify ${formatNotifyArgs(op.args)}`;
    default:
      return assertNever(op);
  }
}

/** One action, for traces. */
export function formatAction(cfg: ArgoConfig, a: ArgoAction): string {
  switch (a.kind) {
    case ActionKind.start:
      return `d${a.dom} vCPU: ${formatOp(cfg.menus[a.dom]![a.arg]!)}`;
    case ActionKind.step:
      return `d${a.dom} vCPU: next step`;
    case ActionKind.consume:
      return `d${a.dom} receiver: consume from ring${a.arg}`;
    case ActionKind.writeRx: {
      const v = cfg.bogusRx[a.value]!;
      return `d${a.dom} receiver: ring${a.arg} rx := ${v === RX_RESYNC ? 'tx' : `0x${(v >>> 0).toString(16)}`}`;
    }
    case ActionKind.destroy:
      return `destroy d${a.dom}`;
    case ActionKind.create:
      return `re-create d${a.dom} (new cookie)`;
    default:
      return assertNever(a.kind);
  }
}

/** The environment's remaining budgets per domain (part of the state, so part of its rendering). */
export function formatBudgets(env: ArrayLike<number>, base: number, domains: number): string {
  const parts: string[] = [];
  for (let d = 0; d < domains; d++) {
    const at = base + BUDGET_WORDS * d;
    parts.push(`d${d} ops ${env[at + Budget.ops]}, rx writes ${env[at + Budget.rxWrites]}, re-creations ${env[at + Budget.recreations]}`);
  }
  return `budgets left: ${parts.join('; ')}`;
}
