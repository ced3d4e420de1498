import { E_OPS, E_REC, E_RXW, ENV_PER_DOMAIN } from './actions.ts';
import { match } from 'ts-pattern';
import { formatNotifyArgs } from '../../spec/argo/state.ts';
import { K_CONSUME, K_CREATE, K_DESTROY, K_START, K_STEP, K_WRITE_RX, type ArgoAction } from './actions.ts';
import { RX_RESYNC, type ArgoConfig, type OpDesc } from './config.ts';

/** One hypercall with its arguments. */
export function formatOp(op: OpDesc): string {
  return match(op)
    .with({ op: 'register' }, (o) => `register ring${o.ring}`)
    .with({ op: 'unregister' }, (o) => `unregister ring${o.ring}`)
    .with({ op: 'sendv' }, (o) => `sendv ${o.len}B to d${o.dst}:${o.port}`)
    .with({ op: 'notify' }, (o) => `notify ${formatNotifyArgs(o.args)}`)
    .exhaustive();
}

/** One action, for traces. */
export function formatAction(cfg: ArgoConfig, a: ArgoAction): string {
  switch (a.kind) {
    case K_START:
      return `d${a.dom} vCPU: ${formatOp(cfg.menus[a.dom]![a.arg]!)}`;
    case K_STEP:
      return `d${a.dom} vCPU: next step`;
    case K_CONSUME:
      return `d${a.dom} receiver: consume from ring${a.arg}`;
    case K_WRITE_RX: {
      const v = cfg.bogusRx[a.value]!;
      return `d${a.dom} receiver: ring${a.arg} rx := ${v === RX_RESYNC ? 'tx' : `0x${(v >>> 0).toString(16)}`}`;
    }
    case K_DESTROY:
      return `destroy d${a.dom}`;
    case K_CREATE:
      return `re-create d${a.dom} (new cookie)`;
    default:
      return `unknown action ${a.kind}`;
  }
}

/** The environment's remaining budgets per domain (part of the state, so part of its rendering). */
export function formatBudgets(env: ArrayLike<number>, base: number, domains: number): string {
  const parts: string[] = [];
  for (let d = 0; d < domains; d++) {
    const at = base + ENV_PER_DOMAIN * d;
    parts.push(`d${d} ops ${env[at + E_OPS]}, rx writes ${env[at + E_RXW]}, re-creations ${env[at + E_REC]}`);
  }
  return `budgets left: ${parts.join('; ')}`;
}
