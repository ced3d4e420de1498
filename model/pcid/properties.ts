import { always, type Property, type TransitionProperty } from '../../checker/model.ts';
import { C, CONTENTS_IDLE, contentsRestricted, cw, D, dw, fullRoot, IDLE, isXptiRoot } from '../../impl/pcid/layout.ts';
import { Cr4, entryTag, isGlobal, N_PCID, Pte, pteFrame } from '../x86/cpu.ts';
import type { PcidConfig } from './config.ts';
import type { PcidAction } from './env.ts';
import { contentsInfo, rootContents, walkContents } from './memory.ts';
import { FRAMES } from './config.ts';
import { P } from './properties-names.ts';
import { envCpu, EnvCpu, N, type PcidImpl, type PcidShape } from './state.ts';

type Prop = Property<PcidImpl, PcidAction>;

/** PCIDs a context can load: with PCIDE, 0–3 for an XPTI vCPU and 0–1 otherwise; without, PCID 0. */
export function usablePcids(S: PcidShape, w: Int32Array, c: number, v: number): readonly number[] {
  if ((S.x86.cr4(w, c) & Cr4.PCIDE) === 0) return [0];
  return v !== IDLE && w[dw(S.L, v, D.xpti)] === 1 ? [0, 1, 2, 3] : [0, 1];
}

const onNote = (name: string, expectation: 'always' | 'sometimes', test: (to: PcidImpl) => boolean): TransitionProperty<PcidImpl, PcidAction> => ({
  name,
  expectation,
  transition: (_from, _a, to) => test(to),
});

/**
 * The impl model's properties. Each judges from first principles — the
 * SDM's rules, the page tables in memory, which domain owns which frame —
 * over the CPU state and what the step noted; none calls the Xen function
 * it judges.
 */
export function implProperties(cfg: PcidConfig, S: PcidShape): readonly Prop[] {
  const { L, x86 } = S;
  const nVa = x86.shape.nVa;

  /**
   * After a switch, every usable entry (its PCID loadable by the new context, or global) comes from the tables now
   * associated with its PCID — with PCIDE, PCID p ↔ the vCPU's (p & 2 ? XPTI-root copy : full) tables for mode p & 1;
   * without, the tables CR3 now points to; the idle tables for idle — or translates exactly as those tables do now
   * (Xen's own mappings are the same in every full table: an entry for them filled from another root is harmless).
   */
  const switchClean = (s: PcidImpl): boolean => {
    const c = s.note[N.switchCpu]!;
    if (c < 0) return true;
    const w = s.w;
    const v = w[cw(L, c, C.current)]!;
    const pcids = usablePcids(S, w, c, v);
    const pcide = (x86.cr4(w, c) & Cr4.PCIDE) !== 0;
    const loaded = rootContents(L, w, x86.cr3Root(w, c));
    for (let p = 0; p < N_PCID; p++) {
      for (let va = 0; va < nVa; va++) {
        const e = w[x86.slot(c, p, va)]!;
        if (e === 0 || !(pcids.includes(p) || isGlobal(e))) continue;
        let assoc = loaded;
        if (v === IDLE) assoc = CONTENTS_IDLE;
        else if (pcide && !isGlobal(e)) assoc = (p & 2) !== 0 ? contentsRestricted(v, (p & 1) !== 0) : rootContents(L, w, fullRoot(v, (p & 1) !== 0));
        if (entryTag(e) === assoc) continue;
        const now = walkContents(L, w, assoc, va);
        if (now === 0 || pteFrame(now) !== pteFrame(e)) return false;
      }
    }
    return true;
  };

  /** After a completed flush request, every entry for the address filled from the requesting domain's tables matches those tables now. */
  const flushed = (s: PcidImpl): boolean => {
    const c = s.note[N.flushCpu]!;
    if (c < 0) return true;
    const w = s.w;
    const d = s.note[N.flushDom]!;
    const target = s.note[N.flushVa]!;
    for (let p = 0; p < N_PCID; p++) {
      for (let va = 0; va < nVa; va++) {
        if (target !== -2 && va !== target) continue;
        const e = w[x86.slot(c, p, va)]!;
        if (e === 0) continue;
        const tag = entryTag(e);
        if (contentsInfo(tag).dom !== d) continue;
        if (pteFrame(e) !== pteFrame(walkContents(L, w, tag, va))) return false;
      }
    }
    return true;
  };

  /** An access saw only the running domain's frames, or none; Xen's frame never on the XPTI root. */
  const ownTranslation = (s: PcidImpl): boolean => {
    const c = s.note[N.accessCpu]!;
    if (c < 0) return true;
    const w = s.w;
    const d = w[cw(L, c, C.current)]!;
    let allowed = 1 | (1 << FRAMES.user[d]![0]) | (1 << FRAMES.user[d]![1]) | (1 << FRAMES.kernel[d]!);
    if (!isXptiRoot(x86.cr3Root(w, c))) allowed |= 1 << FRAMES.xen[d]!;
    return (s.note[N.accessSeen]! & ~allowed) === 0;
  };

  /**
   * After a toggle, no non-global entry of the current PCID is more permissive than the tables now loaded: where
   * they map the page read-only (a replaced shadow top level) no writable entry remains. Global entries are meant
   * to survive a toggle and are not judged here.
   */
  const toggleClean = (s: PcidImpl): boolean => {
    const c = s.note[N.toggleCpu]!;
    if (c < 0) return true;
    const w = s.w;
    const contents = rootContents(L, w, x86.cr3Root(w, c));
    const pcid = x86.pcid(w, c);
    for (let va = 0; va < nVa; va++) {
      const e = w[x86.slot(c, pcid, va)]!;
      if (e === 0 || isGlobal(e) || (e & Pte.writable) === 0) continue;
      if ((walkContents(L, w, contents, va) & Pte.writable) === 0) return false;
    }
    return true;
  };

  /** A switch between two domains with PCIDE on before and after, and the same PCID current before and after. */
  const samePcid = (s: PcidImpl): boolean => {
    const c = s.note[N.switchCpu]!;
    if (c < 0) return false;
    const w = s.w;
    const prev = w[envCpu(S, c, EnvCpu.prevLoaded)]!;
    const v = w[cw(L, c, C.current)]!;
    const prevPcid = w[envCpu(S, c, EnvCpu.prevPcid)]!;
    return prev !== IDLE && v !== IDLE && prev !== v && prevPcid >= 0 && (x86.cr4(w, c) & Cr4.PCIDE) !== 0 && x86.pcid(w, c) === prevPcid;
  };

  const props: Prop[] = [
    always(P.noFault, (s) => {
      for (let c = 0; c < L.nCpu; c++) if (x86.faulted(s.w, c)) return false;
      return true;
    }),
    always(P.pgePcide, (s) => {
      for (let c = 0; c < L.nCpu; c++) if ((x86.cr4(s.w, c) & (Cr4.PGE | Cr4.PCIDE)) === (Cr4.PGE | Cr4.PCIDE)) return false;
      return true;
    }),
    onNote(P.ownTranslation, 'always', ownTranslation),
    onNote(P.flushed, 'always', flushed),
    onNote(P.switchClean, 'always', switchClean),
    onNote(P.toggleClean, 'always', toggleClean),
  ];
  const witnesses: Prop[] = [
    onNote(P.noflushKept, 'sometimes', (s) => s.note[N.noflushKept] === 1),
    onNote(P.globalReuse, 'sometimes', (s) => s.note[N.accessGlobalOtherMode] === 1),
    onNote(P.samePcid, 'sometimes', samePcid),
    onNote(P.fillIrqOff, 'sometimes', (s) => s.note[N.fillIrqOff] === 1),
    onNote(P.staleSeen, 'sometimes', (s) => s.note[N.accessStale] === 1),
    onNote(P.optionRejected, 'sometimes', (s) => s.note[N.rejected] === 1),
  ];
  return [...props, ...witnesses.filter((p) => cfg.witnesses.includes(p.name))];
}
