import type { SpecRing, Vpl011State } from '../../spec/vpl011/types.ts';
import { W, type Layout, type Vpl011Impl } from './layout.ts';

/** A ring slot, computed here rather than with `xenconsMask`: the abstraction does not share the impl's helper. */
const slot = (idx: number, size: number): number => idx & (size - 1);

/** The bytes between `cons` and `prod` (at most `size` of them: indices claiming more differ from every spec ring anyway). */
function ringOf(s: Vpl011Impl, base: number, size: number, consAt: W, prodAt: W): SpecRing {
  const cons = s.w[consAt]! >>> 0;
  const prod = s.w[prodAt]! >>> 0;
  const n = Math.min((prod - cons) >>> 0, size);
  const bytes: number[] = [];
  for (let k = 0; k < n; k++) bytes.push(s.mem[base + slot((cons + k) >>> 0, size)]!);
  return { prod, cons, bytes };
}

/**
 * The refinement mapping: the reference state an impl state stands for.
 * Registers, vGIC and event bits are read as they are; ring contents are the
 * bytes between the raw indices. `kickOwed` (which vCPUs sit between a DR
 * access's locked part and its event) and `produced` (the backend's count)
 * are the model's to say: the frame's step structure and the environment.
 */
export function abstractVpl011(s: Vpl011Impl, L: Layout, kickOwed: readonly boolean[], produced: number): Vpl011State {
  return {
    fr: s.w[W.FR]! >>> 0,
    ris: s.w[W.RIS]! >>> 0,
    imsc: s.w[W.IMSC]! >>> 0,
    shadowMis: s.w[W.SHADOW]! >>> 0,
    irq: s.w[W.IRQ] === 1,
    inRing: ringOf(s, L.inBase, L.p.inSize, W.IN_CONS, W.IN_PROD),
    outRing: ringOf(s, L.outBase, L.p.outSize, W.OUT_CONS, W.OUT_PROD),
    backendEvent: s.w[W.EVTCHN] === 1,
    produced,
    kickOwed,
  };
}

function ringMatches(s: Vpl011Impl, base: number, size: number, consAt: W, prodAt: W, r: SpecRing): boolean {
  const cons = s.w[consAt]! >>> 0;
  const prod = s.w[prodAt]! >>> 0;
  if (r.cons !== cons || r.prod !== prod) return false;
  const n = Math.min((prod - cons) >>> 0, size);
  if (r.bytes.length !== n) return false;
  for (let k = 0; k < n; k++) if (r.bytes[k] !== s.mem[base + slot((cons + k) >>> 0, size)]) return false;
  return true;
}

/**
 * `stateEquals(spec, abstractVpl011(s, …))` decided straight from the words
 * and ring bytes, without building the abstraction: it reads exactly what
 * `abstractVpl011` reads and compares what `stateEquals` compares.
 */
export function matchesVpl011(s: Vpl011Impl, L: Layout, spec: Vpl011State, kickOwed: (v: number) => boolean, produced: number): boolean {
  const w = s.w;
  if (spec.fr !== w[W.FR]! >>> 0 || spec.ris !== w[W.RIS]! >>> 0 || spec.imsc !== w[W.IMSC]! >>> 0 || spec.shadowMis !== w[W.SHADOW]! >>> 0) return false;
  if (spec.irq !== (w[W.IRQ] === 1) || spec.backendEvent !== (w[W.EVTCHN] === 1) || spec.produced !== produced) return false;
  for (let v = 0; v < spec.kickOwed.length; v++) if (spec.kickOwed[v] !== kickOwed(v)) return false;
  return ringMatches(s, L.inBase, L.p.inSize, W.IN_CONS, W.IN_PROD, spec.inRing) && ringMatches(s, L.outBase, L.p.outSize, W.OUT_CONS, W.OUT_PROD, spec.outRing);
}
