/**
 * Where Xen's shadow-OOS state lives in the model's word vector, and the
 * constants the C code names. Guest and shadow L1 entries are x86 PTEs in
 * Xen's bits (`_PAGE_PRESENT`, `_PAGE_RW`, frame << PAGE_SHIFT), u32.
 */

/** `SHADOW_OOS_PAGES`: OOS pages per vCPU (prime, so the hash spreads). */
export const SHADOW_OOS_PAGES = 3;
/** `SHADOW_OOS_FIXUPS`: writable mappings remembered per OOS page. */
export const SHADOW_OOS_FIXUPS = 2;
/** `INVALID_MFN` as the model stores it (an i32 word; Xen's is all ones, so never a frame the model hashes). */
export const INVALID_MFN = -1;
/**
 * `mfn_x(gmfn) % SHADOW_OOS_PAGES`, the home slot: unsigned arithmetic, as in C. Frame words are stored in an
 * `Int32Array`, so a frame at or above 2^31 reads back negative; `>>> 0` restores the u32 the modulo must see.
 */
export const oosHome = (gmfn: number): number => (gmfn >>> 0) % SHADOW_OOS_PAGES;
/** Shadow L1 of guest page index p lives at frame `SMFN_BASE + p` while p is shadowed. */
export const SMFN_BASE = 0x40;

export const PAGE_SHIFT = 12;
export const PAGE = {
  present: 1 << 0,
  rw: 1 << 1,
} as const;
export const l1eFrame = (e: number): number => e >>> PAGE_SHIFT;
export const l1eFlags = (e: number): number => e & ((1 << PAGE_SHIFT) - 1);
/** A PTE from a frame below 2^20 and flags, as a u32 (`>>> 0`: bit 31 set reads positive). */
export const l1e = (frame: number, flags: number): number => ((frame << PAGE_SHIFT) | flags) >>> 0;
/** A PTE word read back from the state vector (an i32) as the u32 it stands for, to compare with one built by `l1e`. */
export const u32 = (word: number): number => word >>> 0;

/** `shadow_flags` bits of a guest page (the model's: shadowed as an L1, plus Xen's two OOS bits). */
export const SHF = {
  L1: 1 << 0,
  oosMayWrite: 1 << 29,
  outOfSync: 1 << 30,
} as const;

/** Word offsets inside a guest page's block: its shadow flags, then its guest entries, then its shadow's entries. */
export const PageWord = { flags: 0, guest: 1 } as const;
export const pageWords = (entries: number): number => 1 + 2 * entries;

/** Word offsets inside one fixup record (`struct oos_fixup`). */
export const FixupWord = { next: 0, smfn: 1, off: 1 + SHADOW_OOS_FIXUPS } as const;
export const FIXUP_WORDS = 1 + 2 * SHADOW_OOS_FIXUPS;

/** The page-fault handler's frame: which operation (none or the fault), the address, the access, the walked entry. */
export const FrameWord = { op: 0, va: 1, write: 2, walked: 3 } as const;
export const FRAME_WORDS = 4;
export const Op = { none: 0, pageFault: 1 } as const;
export type Op = (typeof Op)[keyof typeof Op];

/** Global words. */
export const GlobalWord = {
  /** The guest page index the next `shadow_prealloc` must free (memory pressure), or −1. */
  pressure: 0,
} as const;
export const GLOBAL_WORDS = 1;

/** The layout of one configuration. */
export interface Layout {
  readonly nVcpu: number;
  readonly entries: number;
  readonly gmfns: readonly number[];
  /** First word of each guest page's block, of each vCPU's block, of the CPUs' hardware and of the environment. */
  readonly pageBase: number;
  readonly vcpuBase: number;
  readonly vcpuWords: number;
  /** `oos[]`, `oos_snapshot[]` contents, `oos_fixup[]`, the fault frame, relative to a vCPU's block. */
  readonly oos: number;
  readonly snapshot: number;
  readonly fixup: number;
  readonly frame: number;
  readonly hwBase: number;
  readonly envBase: number;
  readonly words: number;
}

export function makeLayout(nVcpu: number, entries: number, gmfns: readonly number[], hwWords: number, envWords: number): Layout {
  const pageBase = GLOBAL_WORDS;
  const vcpuBase = pageBase + gmfns.length * pageWords(entries);
  const oos = 0;
  const snapshot = oos + SHADOW_OOS_PAGES;
  const fixup = snapshot + SHADOW_OOS_PAGES * entries;
  const frame = fixup + SHADOW_OOS_PAGES * FIXUP_WORDS;
  const vcpuWords = frame + FRAME_WORDS;
  const hwBase = vcpuBase + nVcpu * vcpuWords;
  const envBase = hwBase + hwWords;
  return { nVcpu, entries, gmfns, pageBase, vcpuBase, vcpuWords, oos, snapshot, fixup, frame, hwBase, envBase, words: envBase + envWords };
}

/** Word of page `p`'s field. */
export const pw = (L: Layout, p: number, off: number): number => L.pageBase + p * pageWords(L.entries) + off;
/** Word of guest entry `k` of page `p`, and of its shadow entry. */
export const gl1 = (L: Layout, p: number, k: number): number => pw(L, p, PageWord.guest + k);
export const sl1 = (L: Layout, p: number, k: number): number => pw(L, p, PageWord.guest + L.entries + k);
/** Word of `oos[idx]` of vCPU v, of entry k of `oos_snapshot[idx]`, of field `off` of `oos_fixup[idx]`, of the fault frame's field. */
export const oosW = (L: Layout, v: number, idx: number): number => L.vcpuBase + v * L.vcpuWords + L.oos + idx;
export const snpW = (L: Layout, v: number, idx: number, k: number): number => L.vcpuBase + v * L.vcpuWords + L.snapshot + idx * L.entries + k;
export const fixW = (L: Layout, v: number, idx: number, off: number): number => L.vcpuBase + v * L.vcpuWords + L.fixup + idx * FIXUP_WORDS + off;
export const frameW = (L: Layout, v: number, off: number): number => L.vcpuBase + v * L.vcpuWords + L.frame + off;

/** The page index of guest frame `gmfn`, or −1 when it is not one of the modelled L1 page tables. */
export const pageOf = (L: Layout, gmfn: number): number => L.gmfns.indexOf(gmfn);
