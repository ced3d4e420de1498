import { specPte } from '../../spec/shadow-oos/types.ts';
import type { ShadowState, SpecPage, SpecWalk } from '../../spec/shadow-oos/types.ts';
import { frameW, FrameWord, GlobalWord, gl1, l1eFrame, oosW, Op, PAGE, PageWord, pw, SHADOW_OOS_PAGES, SHF, sl1, snpW, type Layout } from './layout.ts';

/** A Xen L1 entry in the reference's form. */
export const toSpecPte = (e: number): number => ((e & PAGE.present) === 0 ? 0 : specPte(l1eFrame(e), (e & PAGE.rw) !== 0));

/**
 * The refinement mapping: guest entries and shadows converted entry by
 * entry; a page's owner is the vCPU whose `oos[]` holds it, its snapshot
 * that slot's; each CPU's TLB as `tlb(w, cpu, va)` reads it and which of its
 * entries the guest released as `released(w, cpu, va)` says (hardware and
 * guest are the model's, so the readers are passed in); a fault in flight is
 * its walk.
 */
export function abstractShadow(
  w: Int32Array,
  L: Layout,
  tlb: (w: Int32Array, cpu: number, va: number) => number,
  released: (w: Int32Array, cpu: number, va: number) => boolean,
): ShadowState {
  const nPages = L.gmfns.length;
  const guest: number[][] = [];
  const pages: SpecPage[] = [];
  for (let p = 0; p < nPages; p++) {
    const row: number[] = [];
    const shadow: number[] = [];
    for (let k = 0; k < L.entries; k++) {
      row.push(toSpecPte(w[gl1(L, p, k)]!));
      shadow.push(toSpecPte(w[sl1(L, p, k)]!));
    }
    guest.push(row);
    let owner = -1;
    let snapshot: number[] | null = null;
    for (let v = 0; v < L.nVcpu && owner < 0; v++) {
      for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
        if (w[oosW(L, v, idx)] !== L.gmfns[p]) continue;
        owner = v;
        snapshot = [];
        for (let k = 0; k < L.entries; k++) snapshot.push(toSpecPte(w[snpW(L, v, idx, k)]!));
        break;
      }
    }
    const flags = w[pw(L, p, PageWord.flags)]!;
    pages.push({ shadowed: (flags & SHF.L1) !== 0, owner, mayWrite: (flags & SHF.oosMayWrite) !== 0, snapshot, shadow });
  }
  const tlbs: number[][] = [];
  const rel: boolean[][] = [];
  const walk: (SpecWalk | null)[] = [];
  for (let v = 0; v < L.nVcpu; v++) {
    const row: number[] = [];
    const relRow: boolean[] = [];
    for (let va = 0; va < nPages * L.entries; va++) {
      row.push(tlb(w, v, va));
      relRow.push(released(w, v, va));
    }
    tlbs.push(row);
    rel.push(relRow);
    walk.push(
      w[frameW(L, v, FrameWord.op)] === Op.pageFault
        ? { va: w[frameW(L, v, FrameWord.va)]!, write: w[frameW(L, v, FrameWord.write)] === 1, value: toSpecPte(w[frameW(L, v, FrameWord.walked)]!) }
        : null,
    );
  }
  return { guest, pages, tlb: tlbs, released: rel, walk, pressure: w[GlobalWord.pressure]! };
}
