import { F, frame, type Layout, type Vpl011Impl } from '../../impl/vpl011/layout.ts';
import { A, accountAt } from './account.ts';
import type { Vpl011Config } from './config.ts';
import { E } from './env.ts';
import { formatAccess } from './format.ts';

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

/** The frames in flight, the environment's words and the account. */
export function formatEnv(cfg: Vpl011Config, s: Vpl011Impl, L: Layout): string {
  const w = s.w;
  const b = L.envBase;
  const nv = cfg.params.vcpus;
  const lines: string[] = [];
  for (let v = 0; v < nv; v++) {
    const op = w[frame(v, F.OP)]!;
    if (op >= 0)
      lines.push(
        `v${v} in ${formatAccess(cfg.menus[v]![op]!)} at step ${w[frame(v, F.PC)]} (indices read before the lock: cons ${hex(w[frame(v, F.CONS)]!)}, prod ${hex(w[frame(v, F.PROD)]!)})`,
      );
  }
  const budgets = cfg.menus.map((_, v) => `v${v} ${w[b + E.BUDGET + v]}`).join(', ');
  lines.push(
    `backend: ${w[b + E.ASLEEP] ? 'asleep' : 'awake'}${w[b + E.OWED] ? ', owes the event for its publish' : ''}; produced ${w[b + E.PRODUCED]}/${cfg.inputBytes}; DR writes ${w[b + E.ISSUED]}; budgets ${budgets}`,
  );
  lines.push(
    `account: input bytes owed to reads ${w[b + accountAt(nv, A.IN_READ)]}, dropped writes mask ${hex(w[b + accountAt(nv, A.DROPPED)]!)}, last write drained ${w[b + accountAt(nv, A.DRAINED)]}`,
  );
  return lines.join('\n');
}
