import type { ArgoState, SpecMessage, SpecPending, SpecRing } from '../../spec/argo/types.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, R_JUNK, R_NPEND, R_PEND, R_REG, R_RX, R_TX, ring, type ArgoImpl, type Layout } from './layout.ts';
import { unreadMessages } from './ringbuf.ts';

/**
 * The refinement mapping: the reference state an impl state stands for.
 * Messages are decoded from the ring bytes (header, stamp and payload
 * pattern); a message whose bytes were overwritten maps to source -1, which
 * no spec state has, so corruption shows up as a state mismatch.
 */
export function abstractArgo(s: ArgoImpl, L: Layout): ArgoState {
  const domains = L.shape.domainArgo.map((_, d) => ({
    exists: s.w[dom(L, d, D_EXISTS)] === 1,
    cookie: s.w[dom(L, d, D_COOKIE)]!,
    argo: s.w[dom(L, d, D_ARGO)] === 1,
  }));
  const rings: SpecRing[] = L.shape.rings.map((decl, r) => {
    const base = { owner: decl.owner, port: decl.port, partner: decl.partner, len: decl.len };
    if (s.w[ring(L, r, R_REG)] !== 1) return { ...base, registered: false, tx: 0, rx: 0, junk: 0, msgs: [], pending: [] };
    const { msgs: decoded, intact } = unreadMessages(s, L, r);
    const msgs: SpecMessage[] = decoded.map((m) => ({ src: m.ok ? m.src : -1, len: m.len, stamp: m.stamp }));
    if (!intact && msgs.every((m) => m.src >= 0)) msgs.push({ src: -1, len: -1, stamp: -1 });
    const pending: SpecPending[] = [];
    for (let k = 0; k < s.w[ring(L, r, R_NPEND)]!; k++) {
      const at = ring(L, r, R_PEND + 3 * k);
      pending.push({ dom: s.w[at]!, cookie: s.w[at + 1]!, len: s.w[at + 2]! >>> 0 });
    }
    return {
      ...base,
      registered: true,
      tx: s.w[ring(L, r, R_TX)]! >>> 0,
      rx: s.w[ring(L, r, R_RX)]! >>> 0,
      junk: s.w[ring(L, r, R_JUNK)]!,
      msgs,
      pending,
    };
  });
  return { domains, rings };
}
