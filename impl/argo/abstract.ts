import type { ArgoState, SpecMessage, SpecPending, SpecRing } from '../../spec/argo/types.ts';
import { D_ARGO, D_COOKIE, D_EXISTS, dom, R_JUNK, R_LEN, R_NMSG, R_NPEND, R_PCOOKIE, R_PEND, R_REG, R_RX, R_TX, ring, ringLen, type ArgoImpl, type Layout } from './layout.ts';
import { DEC_LEN, DEC_SIZE, DEC_SRC, DEC_STAMP, DECODED, decodeAt, firstMessageOffset, unreadMessages } from './ringbuf.ts';

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
    const base = { owner: decl.owner, port: decl.port, partner: decl.partner, capacity: decl.capacity, len: s.w[ring(L, r, R_LEN)]!, partnerCookie: s.w[ring(L, r, R_PCOOKIE)]! };
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
  // The impl's notify frames are not part of the abstraction: each step's outcome is compared instead.
  return { domains, rings, notify: domains.map(() => null) };
}

/**
 * `stateEquals(spec, abstractArgo(s, L))`, decided straight from the impl's
 * words and ring bytes without building the abstraction: the lockstep
 * harness asks this on every step outside a linearization window. It reads
 * exactly what `abstractArgo` reads and compares what `stateEquals` compares
 * (domain liveness and cookies; per ring registration, length, partner instance, pointers, junk, the
 * decoded messages with the same corruption markers, and the pending list).
 */
export function matchesArgo(s: ArgoImpl, L: Layout, spec: ArgoState): boolean {
  const w = s.w;
  for (let d = 0; d < L.nDom; d++) {
    const x = spec.domains[d]!;
    if (x.exists !== (w[dom(L, d, D_EXISTS)] === 1) || x.cookie !== w[dom(L, d, D_COOKIE)]) return false;
  }
  for (let r = 0; r < L.nRing; r++) {
    const x = spec.rings[r]!;
    const registered = w[ring(L, r, R_REG)] === 1;
    if (x.registered !== registered || x.len !== w[ring(L, r, R_LEN)] || x.partnerCookie !== w[ring(L, r, R_PCOOKIE)]) return false;
    if (!registered) {
      if (x.tx !== 0 || x.rx !== 0 || x.junk !== 0 || x.msgs.length !== 0 || x.pending.length !== 0) return false;
      continue;
    }
    const tx = w[ring(L, r, R_TX)]! >>> 0;
    if (x.tx !== tx || x.rx !== w[ring(L, r, R_RX)]! >>> 0 || x.junk !== w[ring(L, r, R_JUNK)]) return false;
    if (!messagesMatch(s, L, r, tx, x.msgs)) return false;
    const n = w[ring(L, r, R_NPEND)]!;
    if (x.pending.length !== n) return false;
    for (let k = 0; k < n; k++) {
      const at = ring(L, r, R_PEND + 3 * k);
      const p = x.pending[k]!;
      if (p.dom !== w[at] || p.cookie !== w[at + 1] || p.len !== w[at + 2]! >>> 0) return false;
    }
  }
  return true;
}

/** The messages `abstractArgo` would decode for ring `r` equal `msgs` (corrupt ones as source −1, a trailing marker when they do not end at tx). */
function messagesMatch(s: ArgoImpl, L: Layout, r: number, tx: number, msgs: readonly SpecMessage[]): boolean {
  const len = ringLen(s, L, r);
  const n = s.w[ring(L, r, R_NMSG)]!;
  let off = firstMessageOffset(s, L, r);
  for (let k = 0; k < n; k++) {
    const ok = decodeAt(s, L, r, off);
    const m = msgs[k];
    if (m === undefined || m.src !== (ok ? DECODED[DEC_SRC] : -1) || m.len !== DECODED[DEC_LEN] || m.stamp !== DECODED[DEC_STAMP]) return false;
    if (!ok) return msgs.length === k + 1;
    off = (off + DECODED[DEC_SIZE]!) % len;
  }
  if (off === tx) return msgs.length === n;
  const marker = msgs[n];
  return msgs.length === n + 1 && marker!.src === -1 && marker!.len === -1 && marker!.stamp === -1;
}
