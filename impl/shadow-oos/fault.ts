import {
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
  SHADOW_OOS_FIXUPS,
  SHADOW_OOS_PAGES,
  SHF,
  sl1,
  snpW,
} from './layout.ts';
import { Perfc, type ShadowWorld, flags, setFlags, shMfnIsAPageTable, mfnIsOutOfSync, shPropagateL1 } from './world.ts';
import { shadowSetL1e, shRemoveWriteAccess } from './fixup.ts';
import { shResyncAll } from './resync.ts';
import { oosHashRemove, oosSnapshotLookup, shUnsync } from './hash.ts';

/** The page-fault handler (`sh_page_fault`), `sh_invlpg`, `sh_update_cr3`, `shadow_prealloc` under memory pressure, and boot. */

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
  // Only the local TLB, as upstream: other CPUs' entries for va are the guest's to shoot down (its contract), even
  // when the emptied entry was a writable mapping of a page that is promoted later.
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
