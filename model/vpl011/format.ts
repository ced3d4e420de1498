import { formatOffset } from '../../spec/vpl011/state.ts';
import type { MmioAccess } from '../../spec/vpl011/types.ts';
import type { Vpl011Config } from './config.ts';
import { ActionKind, assertNever, type Vpl011Action } from './env.ts';

/** A u32 in hex. */
export const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

/** One MMIO access. */
export function formatAccess(a: MmioAccess): string {
  return a.dir === 'read' ? `read ${formatOffset(a.offset)} (${a.width}-bit)` : `write ${formatOffset(a.offset)} := ${hex(a.value)} (${a.width}-bit)`;
}

/** One action, for traces. */
export function formatAction(cfg: Vpl011Config, a: Vpl011Action): string {
  switch (a.kind) {
    case ActionKind.START:
      return `v${a.vcpu}: ${formatAccess(cfg.menus[a.vcpu]![a.arg]!)}`;
    case ActionKind.STEP:
      return `v${a.vcpu}: next step`;
    case ActionKind.ACK:
      return 'guest takes the interrupt';
    case ActionKind.PRODUCE_ONE:
      return 'backend: produce 1 byte, publish in_prod';
    case ActionKind.PRODUCE_ALL:
      return 'backend: produce as much as fits, publish in_prod';
    case ActionKind.SLEEP:
      return 'backend: IN full, sleep until an event';
    case ActionKind.WAKE:
      return 'backend: take the pending event';
    case ActionKind.DRAIN:
      return 'backend: drain OUT, publish out_cons';
    case ActionKind.NOTIFY:
      return 'backend: send the event (Xen runs the notification handler)';
    default:
      return assertNever(a.kind);
  }
}
