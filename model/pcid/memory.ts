import { C, CONTENTS_EMPTY, CONTENTS_IDLE, contentsLogDirty, cw, D, dw, IDLE, isXptiRoot, N_DOM, ROOT_IDLE, Va, type Layout } from '../../impl/pcid/layout.ts';
import { Pte, type PageTables } from '../x86/cpu.ts';
import { FRAMES } from './config.ts';

/**
 * The page tables the CPUs walk, read from the state: the idle tables
 * (Xen's mappings only), each vCPU's full tables per mode (guest mappings
 * plus Xen's), and each CPU's XPTI root, whose top level holds whichever
 * guest's entries Xen last copied in (guest mappings, none of Xen's).
 * Frames are fixed per configuration (`Frames`); the user page's PTE is
 * guest memory (a word the guest's mmu_update writes).
 */
export interface Frames {
  /** Per domain: the frames its user page may map (the PTE word holds one of them). */
  readonly user: readonly (readonly [number, number])[];
  readonly kernel: readonly number[];
  /** Xen's per-domain page: per domain, then the idle domain's (index IDLE). */
  readonly xen: readonly number[];
}

/** A root-contents tag, decoded. */
export interface ContentsInfo {
  readonly kind: 'idle' | 'full' | 'restricted' | 'empty';
  readonly dom: number;
  readonly user: boolean;
  /** A replaced shadow top level (full tables, user page write-protected). */
  readonly logDirty?: boolean;
}

export function contentsInfo(tag: number): ContentsInfo {
  if (tag === CONTENTS_IDLE) return { kind: 'idle', dom: -1, user: false };
  if (tag === CONTENTS_EMPTY) return { kind: 'empty', dom: -1, user: false };
  if (tag > CONTENTS_EMPTY) {
    const j = tag - contentsLogDirty(0, false);
    return { kind: 'full', dom: j >> 1, user: (j & 1) === 1, logDirty: true };
  }
  const k = tag - 1;
  const restricted = k >= 2 * N_DOM;
  const j = restricted ? k - 2 * N_DOM : k;
  return { kind: restricted ? 'restricted' : 'full', dom: j >> 1, user: (j & 1) === 1 };
}

export function formatContents(tag: number): string {
  const c = contentsInfo(tag);
  switch (c.kind) {
    case 'idle':
      return 'idle tables';
    case 'empty':
      return 'empty XPTI root';
    case 'full':
      return `d${c.dom} ${c.user ? 'user' : 'kernel'} ${c.logDirty === true ? 'shadow (log-dirty) ' : ''}tables`;
    case 'restricted':
      return `XPTI root holding d${c.dom} ${c.user ? 'user' : 'kernel'}`;
  }
}

/** The PTE `va` maps to in tables with these contents, or 0. */
export function walkContents(L: Layout, w: Int32Array, tag: number, va: number, frames: Frames = FRAMES): number {
  const c = contentsInfo(tag);
  if (c.kind === 'empty') return 0;
  const xen = Pte.present | frames.xen[c.kind === 'idle' ? IDLE : c.dom]! | Pte.global;
  if (c.kind === 'idle') return va === Va.xen ? xen : 0;
  switch (va) {
    case Va.user:
      return Pte.present | w[dw(L, c.dom, D.userFrame)]! | (c.logDirty === true ? 0 : Pte.writable) | Pte.global;
    case Va.kernel:
      return c.user ? 0 : Pte.present | frames.kernel[c.dom]! | Pte.writable;
    case Va.xen:
      return c.kind === 'full' ? xen : 0;
    default:
      return 0;
  }
}

/** The contents a root holds now. */
export function rootContents(L: Layout, w: Int32Array, root: number): number {
  if (root === ROOT_IDLE) return CONTENTS_IDLE;
  if (isXptiRoot(root)) return w[cw(L, root - (1 + 2 * N_DOM), C.xptiContents)]!;
  const d = (root - 1) >> 1;
  const user = ((root - 1) & 1) === 1;
  return (w[dw(L, d, D.shadowGen)]! & (user ? 2 : 1)) !== 0 ? contentsLogDirty(d, user) : root;
}

/** The page tables as the x86 model reads them. */
export function pageTables(L: Layout, frames: Frames = FRAMES): PageTables {
  return {
    walk: (w, root, va) => walkContents(L, w, rootContents(L, w, root), va, frames),
    contents: (w, root) => rootContents(L, w, root),
  };
}
