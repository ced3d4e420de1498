import { fixW, FixupWord, INVALID_MFN, l1eFrame, oosW, PAGE, SHADOW_OOS_FIXUPS, SHADOW_OOS_PAGES, SHF, sl1, SMFN_BASE, oosHome } from './layout.ts';
import { Perfc, type ShadowWorld, flags, shMfnIsAPageTable, mfnOosMayWrite } from './world.ts';

/** Fixup arrays (`oos_fixup_add`, `oos_fixup_flush_gmfn`) and the removal of write access from shadow L1 entries. */

/** `sh_rm_write_access_from_sl1p`: clears RW in shadow entry (smfn, off) if it is an L1 shadow entry mapping gmfn writable. */
export function shRmWriteAccessFromSl1p(x: ShadowWorld, gmfn: number, smfn: number, off: number): number {
  const p = smfn - SMFN_BASE;
  if (p < 0 || p >= x.L.gmfns.length || (flags(x, p) & SHF.L1) === 0) return 0;
  const i = sl1(x.L, p, off);
  const e = x.w[i]!;
  if ((e & (PAGE.present | PAGE.rw)) !== (PAGE.present | PAGE.rw) || l1eFrame(e) !== gmfn) return 0;
  x.w[i] = (e & ~PAGE.rw) >>> 0;
  return 1;
}

/** `oos_fixup_add`: remember (smfn, off) as a writable mapping of OOS page gmfn, evicting the record at `next` without a flush. */
export function oosFixupAdd(x: ShadowWorld, gmfn: number, smfn: number, off: number): void {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = oosHome(gmfn);
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) {
      // Upstream since 2008 ("Avoid duplicates in fixup tables"): a mapping already recorded is not recorded twice.
      for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) {
        if (x.w[fixW(L, v, idx, FixupWord.smfn + i)] === smfn && x.w[fixW(L, v, idx, FixupWord.off + i)] === off) return;
      }
      const next = x.w[fixW(L, v, idx, FixupWord.next)]!;
      const old = x.w[fixW(L, v, idx, FixupWord.smfn + next)]!;
      if (old !== INVALID_MFN) {
        // No flush: the page is OOS, so a stale writable TLB entry is harmless until the resync, which always flushes.
        shRmWriteAccessFromSl1p(x, gmfn, old, x.w[fixW(L, v, idx, FixupWord.off + next)]!);
        x.perfc[Perfc.fixupEvict]!++;
      }
      x.w[fixW(L, v, idx, FixupWord.smfn + next)] = smfn;
      x.w[fixW(L, v, idx, FixupWord.off + next)] = off;
      x.w[fixW(L, v, idx, FixupWord.next)] = (next + 1) % SHADOW_OOS_FIXUPS;
      return;
    }
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}

/** `shadow_set_l1e`: records a fixup before writing a present, writable entry that maps a may_write page. */
export function shadowSetL1e(x: ShadowWorld, p: number, off: number, sl1e: number): void {
  const target = l1eFrame(sl1e);
  if ((sl1e & (PAGE.present | PAGE.rw)) === (PAGE.present | PAGE.rw) && mfnOosMayWrite(x, target)) oosFixupAdd(x, target, SMFN_BASE + p, off);
  x.w[sl1(x.L, p, off)] = sl1e >>> 0;
}

/** `sh_remove_write_access`: the general search of every L1 shadow for writable mappings of gmfn; 1 when it removed one. */
export function shRemoveWriteAccess(x: ShadowWorld, gmfn: number): number {
  // An in-sync page table has no writable mappings to find.
  if (shMfnIsAPageTable(x, gmfn) && !mfnOosMayWrite(x, gmfn)) return 0;
  let removed = 0;
  for (let p = 0; p < x.L.gmfns.length; p++) {
    if ((flags(x, p) & SHF.L1) === 0) continue;
    for (let k = 0; k < x.L.entries; k++) removed |= shRmWriteAccessFromSl1p(x, gmfn, SMFN_BASE + p, k);
  }
  return removed;
}

/** `oos_fixup_flush_gmfn`: removes write access through every recorded fixup; says whether to flush. */
export function oosFixupFlushGmfn(x: ShadowWorld, gmfn: number, v: number, idx: number): number {
  const L = x.L;
  let removed = 0;
  for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) {
    const smfn = x.w[fixW(L, v, idx, FixupWord.smfn + i)]!;
    if (smfn !== INVALID_MFN) {
      removed |= shRmWriteAccessFromSl1p(x, gmfn, smfn, x.w[fixW(L, v, idx, FixupWord.off + i)]!);
      x.w[fixW(L, v, idx, FixupWord.smfn + i)] = INVALID_MFN;
    }
  }
  // Always flush: evicted fixups left writable TLB entries behind (see oosFixupAdd).
  return x.quirks.flushOnlyIfRemoved ? removed : 1;
}
