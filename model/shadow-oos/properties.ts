import { always, type Property, type TransitionProperty } from '../../checker/model.ts';
import { fixW, FixupWord, gl1, INVALID_MFN, l1eFrame, oosW, PAGE, PageWord, pw, SHADOW_OOS_FIXUPS, SHADOW_OOS_PAGES, SHF, sl1, SMFN_BASE } from '../../impl/shadow-oos/layout.ts';
import { Perfc } from '../../impl/shadow-oos/oos.ts';
import { Pte, pteFrame } from '../x86/cpu.ts';
import type { ShadowConfig } from './config.ts';
import type { ShadowAction } from './env.ts';
import type { ShadowImpl, ShadowShape } from './state.ts';
import { P } from './properties-names.ts';

type Prop = Property<ShadowImpl, ShadowAction>;

const onPerfc = (name: string, expectation: 'always' | 'sometimes', test: (to: ShadowImpl) => boolean): TransitionProperty<ShadowImpl, ShadowAction> => ({
  name,
  expectation,
  transition: (_from, _a, to) => test(to),
});

const writable = (e: number): boolean => (e & (PAGE.present | PAGE.rw)) === (PAGE.present | PAGE.rw);

/**
 * The impl model's properties, judged over Xen's words and the CPUs' TLBs
 * from the reference page's rules; none calls the function it judges.
 * Steps hold the paging lock throughout, so every state is one at lock
 * release (where the hash must be well-formed).
 */
export function implProperties(cfg: ShadowConfig, S: ShadowShape): readonly Prop[] {
  const { L, x86, nVa } = S;
  const nPages = L.gmfns.length;
  const flags = (w: Int32Array, p: number): number => w[pw(L, p, PageWord.flags)]!;

  /** Every (shadow page, entry) that maps guest page q writable. */
  const writableMappings = (w: Int32Array, q: number): [number, number][] => {
    const out: [number, number][] = [];
    for (let p = 0; p < nPages; p++) {
      if ((flags(w, p) & SHF.L1) === 0) continue;
      for (let k = 0; k < L.entries; k++) {
        const e = w[sl1(L, p, k)]!;
        if (writable(e) && l1eFrame(e) === L.gmfns[q]) out.push([p, k]);
      }
    }
    return out;
  };

  const hashWellFormed = (s: ShadowImpl): boolean => {
    const w = s.w;
    for (let q = 0; q < nPages; q++) {
      const gmfn = L.gmfns[q]!;
      const home = gmfn % SHADOW_OOS_PAGES;
      let held = 0;
      let misplaced = false;
      for (let v = 0; v < L.nVcpu; v++) {
        for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
          if (w[oosW(L, v, idx)] !== gmfn) continue;
          held++;
          if (idx !== home && idx !== (home + 1) % SHADOW_OOS_PAGES) misplaced = true;
        }
      }
      const f = flags(w, q);
      const oos = (f & SHF.outOfSync) !== 0;
      if (misplaced || held !== (oos ? 1 : 0)) return false;
      if ((f & SHF.oosMayWrite) !== 0 && !oos) return false;
    }
    for (let v = 0; v < L.nVcpu; v++) {
      for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
        const g = w[oosW(L, v, idx)]!;
        if (g !== INVALID_MFN && !L.gmfns.includes(g)) return false;
      }
    }
    return true;
  };

  const writeProtected = (s: ShadowImpl): boolean => {
    const w = s.w;
    for (let q = 0; q < nPages; q++) {
      const f = flags(w, q);
      if ((f & SHF.L1) === 0 || (f & SHF.oosMayWrite) !== 0) continue;
      if (writableMappings(w, q).length > 0) return false;
      for (let c = 0; c < L.nVcpu; c++) {
        for (let va = 0; va < nVa; va++) {
          const e = w[x86.slot(c, 0, va)]!;
          if (e !== 0 && (e & Pte.writable) !== 0 && pteFrame(e) === L.gmfns[q]) return false;
        }
      }
    }
    return true;
  };

  /** The fixup record of OOS page q, found by scanning every vCPU's every slot (not by the hash's probe). */
  const recordOf = (w: Int32Array, q: number): [number, number] | undefined => {
    for (let v = 0; v < L.nVcpu; v++) for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) if (w[oosW(L, v, idx)] === L.gmfns[q]) return [v, idx];
    return undefined;
  };

  const fixupSound = (s: ShadowImpl): boolean => {
    const w = s.w;
    for (let q = 0; q < nPages; q++) {
      if ((flags(w, q) & SHF.oosMayWrite) === 0) continue;
      const rec = recordOf(w, q);
      if (rec === undefined) return false;
      const [v, idx] = rec;
      for (const [p, k] of writableMappings(w, q)) {
        let found = false;
        for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) {
          if (w[fixW(L, v, idx, FixupWord.smfn + i)] === SMFN_BASE + p && w[fixW(L, v, idx, FixupWord.off + i)] === k) found = true;
        }
        if (!found) return false;
      }
    }
    return true;
  };

  const coherent = (s: ShadowImpl): boolean => {
    const w = s.w;
    for (let p = 0; p < nPages; p++) {
      const f = flags(w, p);
      if ((f & SHF.L1) === 0 || (f & SHF.outOfSync) !== 0) continue;
      for (let k = 0; k < L.entries; k++) {
        const sh = w[sl1(L, p, k)]!;
        if ((sh & PAGE.present) === 0) continue;
        const g = w[gl1(L, p, k)]!;
        if ((g & PAGE.present) === 0 || l1eFrame(g) !== l1eFrame(sh)) return false;
        if ((sh & PAGE.rw) !== 0 && (g & PAGE.rw) === 0) return false;
      }
    }
    return true;
  };

  const cr3Synced = (s: ShadowImpl): boolean => {
    const v = s.perfc[Perfc.cr3Done]! - 1;
    if (v < 0) return true;
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) if (s.w[oosW(L, v, idx)] !== INVALID_MFN) return false;
    return true;
  };

  const props: Prop[] = [
    always(P.hash, hashWellFormed),
    always(P.writeProtect, writeProtected),
    always(P.fixupSound, fixupSound),
    always(P.coherent, coherent),
    onPerfc(P.cr3Sync, 'always', cr3Synced),
  ];
  const witnesses: Prop[] = [
    onPerfc(P.fixupEvict, 'sometimes', (s) => s.perfc[Perfc.fixupEvict]! > 0),
    onPerfc(P.hashEvict, 'sometimes', (s) => s.perfc[Perfc.unsyncEvict]! > 0),
    onPerfc(P.swap, 'sometimes', (s) => s.perfc[Perfc.unsyncSwap]! > 0),
    onPerfc(P.repropagate, 'sometimes', (s) => s.perfc[Perfc.resyncRepropagate]! > 0),
    onPerfc(P.demote, 'sometimes', (s) => s.perfc[Perfc.demoteOos]! > 0),
  ];
  return [...props, ...witnesses.filter((p) => cfg.witnesses.includes(p.name))];
}
