import { gl1, INVALID_MFN, oosW, PAGE, pageOf, SHADOW_OOS_PAGES, SHF, sl1, snpW } from './layout.ts';
import { Perfc, type ShadowWorld, flags, setFlags, shPropagateL1 } from './world.ts';
import { shadowSetL1e, shRemoveWriteAccess, oosFixupFlushGmfn } from './fixup.ts';

/** Resyncs: `_sh_resync` of one page, `sh_resync_l1`, and `sh_resync_all` on a CR3 write. */

/** `oos_remove_write_access`: fixups first, then the general search. */
function oosRemoveWriteAccess(x: ShadowWorld, gmfn: number, v: number, idx: number): void {
  let ftlb = oosFixupFlushGmfn(x, gmfn, v, idx);
  // The model's general search always succeeds, so the unshadow fallback of the C code has no counterpart here.
  if (shRemoveWriteAccess(x, gmfn) === 1) ftlb |= 1;
  if (ftlb !== 0) x.hw.flushTlbMask(x.w);
}

/** `sh_resync_l1`: re-propagates every present shadow entry whose guest entry left the snapshot, and updates the snapshot. */
export function shResyncL1(x: ShadowWorld, gmfn: number, v: number, idx: number, full: boolean): void {
  const L = x.L;
  const p = pageOf(L, gmfn);
  for (let k = 0; k < L.entries; k++) {
    if ((x.w[sl1(L, p, k)]! & PAGE.present) === 0) continue;
    const g = x.w[gl1(L, p, k)]!;
    if (g === x.w[snpW(L, v, idx, k)]) continue;
    shadowSetL1e(x, p, k, shPropagateL1(x, g, false));
    x.w[snpW(L, v, idx, k)] = g;
    if (full) x.perfc[Perfc.resyncRepropagate]!++;
  }
}

/** `_sh_resync`: pull an OOS page back into sync (its slot is `oos[idx]` of vCPU v; the caller clears the slot). */
export function shResyncOne(x: ShadowWorld, gmfn: number, v: number, idx: number): void {
  const p = pageOf(x.L, gmfn);
  oosRemoveWriteAccess(x, gmfn, v, idx);
  setFlags(x, p, flags(x, p) & ~SHF.oosMayWrite);
  shResyncL1(x, gmfn, v, idx, true);
  setFlags(x, p, flags(x, p) & ~SHF.outOfSync);
}

/** `sh_resync_all`: this vCPU's OOS pages fully resynced (`doThis`); other vCPUs' pages refreshed in place (`skip`) or resynced (`doOthers`). */
export function shResyncAll(x: ShadowWorld, v: number, skip: boolean, doThis: boolean, doOthers: boolean): void {
  const L = x.L;
  if (doThis) {
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
      const gmfn = x.w[oosW(L, v, idx)]!;
      if (gmfn === INVALID_MFN) continue;
      shResyncOne(x, gmfn, v, idx);
      x.w[oosW(L, v, idx)] = INVALID_MFN;
    }
  }
  if (!doOthers) return;
  for (let o = 0; o < L.nVcpu; o++) {
    if (o === v) continue;
    for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
      const gmfn = x.w[oosW(L, o, idx)]!;
      if (gmfn === INVALID_MFN) continue;
      if (skip) {
        // Every shadow is reachable from every vCPU's top level in the model: sh_skip_sync never skips.
        shResyncL1(x, gmfn, o, idx, false);
      } else {
        shResyncOne(x, gmfn, o, idx);
        x.w[oosW(L, o, idx)] = INVALID_MFN;
      }
    }
  }
}
