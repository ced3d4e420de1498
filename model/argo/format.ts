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
