import {
  FIXUP_WORDS,
  fixW,
  FixupWord,
  FRAME_WORDS,
  frameW,
  FrameWord,
  GlobalWord,
  gl1,
  INVALID_MFN,
  l1eFlags,
  l1eFrame,
  Op,
  oosW,
  PAGE,
  pageOf,
  PageWord,
  pw,
  SHADOW_OOS_FIXUPS,
  SHADOW_OOS_PAGES,
  SHF,
  sl1,
  SMFN_BASE,
  snpW,
  type Layout,
} from './layout.ts';
import type { ShadowQuirks } from './quirks.ts';

/**
 * Xen's shadow out-of-sync code after seed `004_*` (fixup arrays), in the
 * order of `xen/arch/x86/mm/shadow/common.c` and `multi.c`, over the words
 * of one state vector. One shadow L1 per guest L1 page table; the hardware
 * (TLB flushes) is reached through `ShadowHw`, which the model supplies.
 */

/** The TLB maintenance the shadow code asks the hardware for. */
export interface ShadowHw {
  /** `flush_tlb_mask(d->dirty_cpumask)`: every CPU that ran the domain. */
  flushTlbMask(w: Int32Array): void;
  /** The local TLB effect of loading a new shadow CR3 on the vCPU's CPU. */
  loadCr3(w: Int32Array, v: number): void;
  /** Local INVLPG of `va`. */
  invlpg(w: Int32Array, v: number, va: number): void;
}

/** Perf counters (`perfc_incr`): Xen's and the unit tests' record of events; no model property reads them. */
export const Perfc = {
  /** `shadow_oos_fixup_evict`. */
  fixupEvict: 0,
  /** `shadow_unsync_evict`: an occupant crushed by a full resync. */
  unsyncEvict: 1,
  /** An occupant punted into home + 1. */
  unsyncSwap: 2,
  /** A full resync re-propagated a changed entry. */
  resyncRepropagate: 3,
  /** `shadow_prealloc` demoted an OOS page. */
  demoteOos: 4,
} as const;
export const PERFC_WORDS = 5;

export interface ShadowWorld {
  w: Int32Array;
  readonly L: Layout;
  readonly hw: ShadowHw;
  readonly quirks: ShadowQuirks;
  /** Where `perfc_incr` counts. */
  perfc: Int32Array;
}

const flags = (x: ShadowWorld, p: number): number => x.w[pw(x.L, p, PageWord.flags)]!;
const setFlags = (x: ShadowWorld, p: number, f: number): void => void (x.w[pw(x.L, p, PageWord.flags)] = f);

/** `sh_mfn_is_a_page_table`: the frame has a shadow. */
export function shMfnIsAPageTable(x: ShadowWorld, gmfn: number): boolean {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.L1) !== 0;
}
export function mfnIsOutOfSync(x: ShadowWorld, gmfn: number): boolean {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.outOfSync) !== 0;
}
export function mfnOosMayWrite(x: ShadowWorld, gmfn: number): boolean {
  const p = pageOf(x.L, gmfn);
  return p >= 0 && (flags(x, p) & SHF.oosMayWrite) !== 0;
}

/** `_sh_propagate` at level 1: a mapping of a page table is read-only unless that page may be written and this is a demand write. */
export function shPropagateL1(x: ShadowWorld, gl1e: number, demandWrite: boolean): number {
  if ((gl1e & PAGE.present) === 0) return 0;
  const target = l1eFrame(gl1e);
  if (shMfnIsAPageTable(x, target) && !(mfnOosMayWrite(x, target) && demandWrite)) return (gl1e & ~PAGE.rw) >>> 0;
  return gl1e >>> 0;
}

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
    let idx = gmfn % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) {
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
function oosFixupFlushGmfn(x: ShadowWorld, gmfn: number, v: number, idx: number): number {
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
function shResyncOne(x: ShadowWorld, gmfn: number, v: number, idx: number): void {
  const p = pageOf(x.L, gmfn);
  oosRemoveWriteAccess(x, gmfn, v, idx);
  setFlags(x, p, flags(x, p) & ~SHF.oosMayWrite);
  shResyncL1(x, gmfn, v, idx, true);
  setFlags(x, p, flags(x, p) & ~SHF.outOfSync);
}

/** `oos_hash_add`: the new page lands at home; a home occupant is punted to home + 1; the target's occupant is crushed by a full resync. */
export function oosHashAdd(x: ShadowWorld, v: number, gmfnIn: number): void {
  const L = x.L;
  let gmfn = gmfnIn;
  let fixup = freshFixup();
  let idx = gmfn % SHADOW_OOS_PAGES;
  const oidx = idx;
  let swap = false;
  const occupant = x.w[oosW(L, v, idx)]!;
  if (occupant !== INVALID_MFN && occupant % SHADOW_OOS_PAGES === idx) {
    x.w[oosW(L, v, idx)] = gmfn;
    gmfn = occupant;
    const held = readFixup(x, v, idx);
    writeFixup(x, v, idx, fixup);
    fixup = held;
    swap = true;
    x.perfc[Perfc.unsyncSwap]!++;
    idx = (idx + 1) % SHADOW_OOS_PAGES;
  }
  const victim = x.w[oosW(L, v, idx)]!;
  if (victim !== INVALID_MFN) {
    shResyncOne(x, victim, v, idx);
    x.perfc[Perfc.unsyncEvict]!++;
  }
  x.w[oosW(L, v, idx)] = gmfn;
  writeFixup(x, v, idx, fixup);
  if (swap) {
    for (let k = 0; k < L.entries; k++) {
      const t = x.w[snpW(L, v, idx, k)]!;
      x.w[snpW(L, v, idx, k)] = x.w[snpW(L, v, oidx, k)]!;
      x.w[snpW(L, v, oidx, k)] = t;
    }
  }
  // The new page sits at its home: its snapshot is a copy of its guest entries.
  const p = pageOf(L, gmfnIn);
  for (let k = 0; k < L.entries; k++) x.w[snpW(L, v, oidx, k)] = x.w[gl1(L, p, k)]!;
}

/** A fixup record with no mapping (`{ .next = 0, .smfn = INVALID_MFN }`), in `FixupWord` order. */
function freshFixup(): number[] {
  const f = new Array<number>(FIXUP_WORDS).fill(0);
  for (let j = 0; j < SHADOW_OOS_FIXUPS; j++) f[FixupWord.smfn + j] = INVALID_MFN;
  return f;
}

function readFixup(x: ShadowWorld, v: number, idx: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < FIXUP_WORDS; i++) out.push(x.w[fixW(x.L, v, idx, i)]!);
  return out;
}
function writeFixup(x: ShadowWorld, v: number, idx: number, f: readonly number[]): void {
  f.forEach((word, i) => void (x.w[fixW(x.L, v, idx, i)] = word));
}

/** `oos_hash_remove`: drops gmfn from whichever vCPU's table holds it (its fixup record stays behind). */
export function oosHashRemove(x: ShadowWorld, gmfn: number): void {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = gmfn % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) {
      x.w[oosW(L, v, idx)] = INVALID_MFN;
      return;
    }
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}

/** `oos_snapshot_lookup`: (vCPU, slot) of OOS page gmfn. */
function oosSnapshotLookup(x: ShadowWorld, gmfn: number): [number, number] {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = gmfn % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) return [v, idx];
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}

/** `sh_unsync`: lets a shadowed, in-sync L1 go out of sync for vCPU v; 1 when it did. */
export function shUnsync(x: ShadowWorld, v: number, gmfn: number): number {
  const p = pageOf(x.L, gmfn);
  if (p < 0) return 0;
  const f = flags(x, p);
  if ((f & SHF.outOfSync) !== 0 || (f & SHF.L1) === 0) return 0;
  setFlags(x, p, f | SHF.outOfSync | SHF.oosMayWrite);
  oosHashAdd(x, v, gmfn);
  return 1;
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

/** `sh_remove_shadows` of guest page p (memory pressure): its shadow goes; an OOS page leaves the hash without a resync. */
export function shRemoveShadows(x: ShadowWorld, p: number): void {
  const f = flags(x, p);
  if ((f & SHF.L1) === 0) return;
  if ((f & SHF.outOfSync) !== 0) {
    oosHashRemove(x, x.L.gmfns[p]!);
    x.perfc[Perfc.demoteOos]!++;
  }
  for (let k = 0; k < x.L.entries; k++) x.w[sl1(x.L, p, k)] = 0;
  setFlags(x, p, 0);
}

/** `shadow_prealloc` under pressure: frees the armed victim's shadow and flushes (its shadow was in use). */
export function shadowPrealloc(x: ShadowWorld): void {
  const q = x.w[GlobalWord.pressure]!;
  if (q < 0) return;
  x.w[GlobalWord.pressure] = -1;
  if ((flags(x, q) & SHF.L1) === 0) return;
  shRemoveShadows(x, q);
  x.hw.flushTlbMask(x.w);
}

/** Fault-handler results (`sh_page_fault`'s exits). */
export const FaultResult = { retry: 0, guestFault: 1, fixed: 2 } as const;
export type FaultResult = (typeof FaultResult)[keyof typeof FaultResult];

/** `sh_page_fault`, first part, without the paging lock: the guest walk. */
export function shPageFaultWalk(x: ShadowWorld, v: number, va: number, write: boolean): void {
  const L = x.L;
  x.w[frameW(L, v, FrameWord.op)] = Op.pageFault;
  x.w[frameW(L, v, FrameWord.va)] = va;
  x.w[frameW(L, v, FrameWord.write)] = write ? 1 : 0;
  x.w[frameW(L, v, FrameWord.walked)] = x.w[gl1(L, Math.floor(va / L.entries), va % L.entries)]!;
}

/** `sh_page_fault`, under the paging lock: re-check, prealloc, write-protect the walk, shadow, unsync, propagate, snapshot. */
export function shPageFaultLocked(x: ShadowWorld, v: number): FaultResult {
  const L = x.L;
  const va = x.w[frameW(L, v, FrameWord.va)]!;
  const write = x.w[frameW(L, v, FrameWord.write)] === 1;
  const gl1e = x.w[frameW(L, v, FrameWord.walked)]!;
  for (let i = 0; i < FRAME_WORDS; i++) x.w[frameW(L, v, i)] = 0;
  const p = Math.floor(va / L.entries);
  const k = va % L.entries;
  const gl1mfn = L.gmfns[p]!;
  if (x.w[gl1(L, p, k)] !== gl1e) return FaultResult.retry;
  if ((gl1e & PAGE.present) === 0 || (write && (l1eFlags(gl1e) & PAGE.rw) === 0)) return FaultResult.guestFault;
  if (!x.quirks.preallocAfterWriteRemoval) shadowPrealloc(x);
  // gw_remove_write_accesses: an OOS L1 of the walk keeps its writable mappings.
  if (!mfnIsOutOfSync(x, gl1mfn) && shRemoveWriteAccess(x, gl1mfn) === 1) x.hw.flushTlbMask(x.w);
  if (x.quirks.preallocAfterWriteRemoval) shadowPrealloc(x);
  // get_shadow_status / sh_make_shadow: promote as an in-sync L1 with an empty shadow.
  if ((flags(x, p) & SHF.L1) === 0) setFlags(x, p, SHF.L1);
  const target = l1eFrame(gl1e);
  if (write && shMfnIsAPageTable(x, target)) shUnsync(x, v, target);
  shadowSetL1e(x, p, k, shPropagateL1(x, gl1e, write));
  if (mfnIsOutOfSync(x, gl1mfn)) {
    const [o, idx] = oosSnapshotLookup(x, gl1mfn);
    x.w[snpW(L, o, idx, k)] = gl1e;
  }
  return FaultResult.fixed;
}

/** `sh_invlpg`: an OOS L1's shadow entry is cleared; the local TLB entry goes either way. */
export function shInvlpg(x: ShadowWorld, v: number, va: number): void {
  const L = x.L;
  const p = Math.floor(va / L.entries);
  if (mfnIsOutOfSync(x, L.gmfns[p]!)) shadowSetL1e(x, p, va % L.entries, 0);
  x.hw.invlpg(x.w, v, va);
}

/** `sh_update_cr3` on a guest CR3 write: resync this vCPU's pages, switch, then refresh the others' in place. */
export function shUpdateCr3(x: ShadowWorld, v: number): void {
  shResyncAll(x, v, false, true, false);
  x.hw.loadCr3(x.w, v);
  shResyncAll(x, v, true, false, true);
}

/** `shadow_vcpu_init` for every vCPU, and every guest L1 shadowed in sync with an empty shadow. */
export function shadowInit(x: ShadowWorld): void {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    for (let i = 0; i < SHADOW_OOS_PAGES; i++) {
      x.w[oosW(L, v, i)] = INVALID_MFN;
      for (let j = 0; j < SHADOW_OOS_FIXUPS; j++) x.w[fixW(L, v, i, FixupWord.smfn + j)] = INVALID_MFN;
    }
  }
  for (let p = 0; p < L.gmfns.length; p++) setFlags(x, p, SHF.L1);
  x.w[GlobalWord.pressure] = -1;
}
