import { always, type Property, type TransitionProperty } from '../../checker/model.ts';
import {
  fixW,
  GlobalWord,
  FixupWord,
  gl1,
  INVALID_MFN,
  l1eFrame,
  oosW,
  PAGE,
  PageWord,
  pw,
  SHADOW_OOS_FIXUPS,
  SHADOW_OOS_PAGES,
  SHF,
  sl1,
  SMFN_BASE,
  snpW,
} from '../../impl/shadow-oos/layout.ts';
import { Pte, pteFrame } from '../x86/cpu.ts';
import type { ShadowConfig } from './config.ts';
import { ActionKind, RELEASED, type ShadowAction } from './env.ts';
import type { ShadowImpl, ShadowShape } from './state.ts';
import { P } from './properties-names.ts';

type Prop = Property<ShadowImpl, ShadowAction>;

const transition = (
  name: string,
  expectation: 'always' | 'sometimes',
  test: (from: ShadowImpl, a: ShadowAction, to: ShadowImpl) => boolean,
): TransitionProperty<ShadowImpl, ShadowAction> => ({
  name,
  expectation,
  transition: test,
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
          // An entry the guest released (shootdown contract, env.ts) is the guest's business, as upstream treats it.
          if (((w[L.envBase + RELEASED + c]! >>> va) & 1) === 1) continue;
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

  /** After a guest CR3 write (the action, not a counter) none of that vCPU's hash slots holds a page. */
  const cr3Synced = (_from: ShadowImpl, a: ShadowAction, to: ShadowImpl): boolean => {
    if (a.kind !== ActionKind.cr3) return true;
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) if (to.w[oosW(L, a.v, idx)] !== INVALID_MFN) return false;
    return true;
  };

  // The witnesses compare the states before and after a step; none reads a perf counter. Three are facts the
  // reference also has (OOS status, shadowed or not, guest entries against the snapshot); the punt into home + 1
  // and the fixup eviction are about Xen's hash and fixup arrays, which the reference does not have.
  const oos = (w: Int32Array, q: number): boolean => (flags(w, q) & SHF.outOfSync) !== 0;
  const inSync = (w: Int32Array, q: number): boolean => (flags(w, q) & (SHF.L1 | SHF.outOfSync)) === SHF.L1;
  /** The step's prealloc consumed memory pressure armed on page q (its shadow was freed, though the fault may promote q again). */
  const pressed = (from: ShadowImpl, to: ShadowImpl, q: number): boolean => from.w[GlobalWord.pressure] === q && to.w[GlobalWord.pressure] === -1;
  /** OOS before and shadowed in sync after, not by way of a demotion and a new promotion: a full resync. */
  const resynced = (from: ShadowImpl, to: ShadowImpl, q: number): boolean => oos(from.w, q) && inSync(to.w, q) && !pressed(from, to, q);

  /** A page left the OOS set through a full resync (it stays shadowed) while a page was unsynced (perhaps right after its demotion): an unsync crushed it. */
  const hashEvicted = (from: ShadowImpl, _a: ShadowAction, to: ShadowImpl): boolean => {
    let crushed = false;
    let joined = false;
    for (let q = 0; q < nPages; q++) {
      if (resynced(from, to, q)) crushed = true;
      if (oos(to.w, q) && (!oos(from.w, q) || pressed(from, to, q))) joined = true;
    }
    return crushed && joined;
  };

  /** A page that sat in its home slot of some vCPU's hash now sits in home + 1 of that vCPU's. */
  const punted = (from: ShadowImpl, _a: ShadowAction, to: ShadowImpl): boolean => {
    for (let v = 0; v < L.nVcpu; v++) {
      for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
        const g = from.w[oosW(L, v, idx)]!;
        if (g === INVALID_MFN || g % SHADOW_OOS_PAGES !== idx) continue;
        if (to.w[oosW(L, v, (idx + 1) % SHADOW_OOS_PAGES)] === g) return true;
      }
    }
    return false;
  };

  /** An OOS page came back in sync (a full resync) while a present shadow entry's guest entry differed from the snapshot. */
  const repropagated = (from: ShadowImpl, _a: ShadowAction, to: ShadowImpl): boolean => {
    for (let q = 0; q < nPages; q++) {
      if (!resynced(from, to, q)) continue;
      const rec = recordOf(from.w, q)!;
      for (let k = 0; k < L.entries; k++) {
        if ((from.w[sl1(L, q, k)]! & PAGE.present) !== 0 && from.w[gl1(L, q, k)] !== from.w[snpW(L, rec[0], rec[1], k)]) return true;
      }
    }
    return false;
  };

  /**
   * Memory pressure armed on an OOS page was consumed: the step's prealloc freed that page's shadow. (Not "unshadowed
   * after the step": the same fault may promote the page again.)
   */
  const demoted = (from: ShadowImpl, _a: ShadowAction, to: ShadowImpl): boolean => {
    const q = from.w[GlobalWord.pressure]!;
    return q >= 0 && oos(from.w, q) && pressed(from, to, q);
  };

  /**
   * A record left the fixup array of a page that stays may_write, and the shadow entry it named went from writable
   * to read-only on that page: write access removed through an evicted fixup (no resync, so no flush).
   */
  const fixupEvicted = (from: ShadowImpl, _a: ShadowAction, to: ShadowImpl): boolean => {
    for (let q = 0; q < nPages; q++) {
      // A page demoted and unsynced again within the step has a fresh array; its old mappings went by write-protection.
      if ((flags(from.w, q) & flags(to.w, q) & SHF.oosMayWrite) === 0 || pressed(from, to, q)) continue;
      const before = recordOf(from.w, q);
      const after = recordOf(to.w, q);
      if (before === undefined || after === undefined) continue;
      for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) {
        const smfn = from.w[fixW(L, before[0], before[1], FixupWord.smfn + i)]!;
        if (smfn === INVALID_MFN) continue;
        const off = from.w[fixW(L, before[0], before[1], FixupWord.off + i)]!;
        let kept = false;
        for (let j = 0; j < SHADOW_OOS_FIXUPS; j++) {
          if (to.w[fixW(L, after[0], after[1], FixupWord.smfn + j)] === smfn && to.w[fixW(L, after[0], after[1], FixupWord.off + j)] === off) kept = true;
        }
        if (kept) continue;
        const e0 = from.w[sl1(L, smfn - SMFN_BASE, off)]!;
        const e1 = to.w[sl1(L, smfn - SMFN_BASE, off)]!;
        if (writable(e0) && l1eFrame(e0) === L.gmfns[q] && (e1 & (PAGE.present | PAGE.rw)) === PAGE.present && l1eFrame(e1) === L.gmfns[q]) return true;
      }
    }
    return false;
  };

  const props: Prop[] = [
    always(P.hash, hashWellFormed),
    always(P.writeProtect, writeProtected),
    always(P.fixupSound, fixupSound),
    always(P.coherent, coherent),
    transition(P.cr3Sync, 'always', cr3Synced),
  ];
  const witnesses: Prop[] = [
    transition(P.fixupEvict, 'sometimes', fixupEvicted),
    transition(P.hashEvict, 'sometimes', hashEvicted),
    transition(P.swap, 'sometimes', punted),
    transition(P.repropagate, 'sometimes', repropagated),
    transition(P.demote, 'sometimes', demoted),
  ];
  return [...props, ...witnesses.filter((p) => cfg.witnesses.includes(p.name))];
}
