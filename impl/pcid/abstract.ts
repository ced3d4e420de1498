import type { PcidPolicy, PcidState } from '../../spec/pcid/types.ts';
import { C, cw, D, dw, gw, G, N_DOM, OptPcid, type Layout } from './layout.ts';

/** opt_pcid's values as the reference's policies (the same meaning, named apart). */
const POLICY = { [OptPcid.off]: 0, [OptPcid.all]: 1, [OptPcid.xpti]: 2, [OptPcid.noXpti]: 3 } as const satisfies Record<OptPcid, PcidPolicy>;

/**
 * The refinement mapping: the reference state Xen's words stand for — the
 * option, each domain's policy, mode and user PTE, and what each CPU runs
 * (`current`: a lazily idle CPU runs idle). The reference's unflushed-frame
 * bookkeeping has no counterpart here (`stateEquals` ignores it).
 */
export function abstractPcid(w: Int32Array, L: Layout): PcidState {
  const domains = [];
  for (let d = 0; d < N_DOM; d++) {
    domains.push({
      created: w[dw(L, d, D.created)] === 1,
      pcid: w[dw(L, d, D.pcid)] === 1,
      kernel: w[dw(L, d, D.kernel)] === 1,
      userFrame: w[dw(L, d, D.userFrame)]!,
      stale: 0,
    });
  }
  const cpus = [];
  for (let c = 0; c < L.nCpu; c++) cpus.push({ running: w[cw(L, c, C.current)]!, inGuest: w[cw(L, c, C.inGuest)] === 1 });
  return { option: POLICY[w[gw(L, G.optPcid)]! as OptPcid], domains, cpus };
}
