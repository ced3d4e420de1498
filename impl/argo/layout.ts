import type { RingDecl } from '../../spec/argo/state.ts';
import { DOMID_ANY } from '../../spec/argo/types.ts';

/**
 * Where everything lives in the impl's flat state. The impl state is one
 * Int32Array of words (domains, ring pointers and pending lists, notify
 * frames, the environment's words) and one Uint8Array of ring bytes:
 * cloning is two `slice`s and encoding writes integers.
 */
export interface ArgoShape {
  readonly domainArgo: readonly boolean[];
  readonly rings: readonly RingDecl[];
  /** Capacity of each ring's pending list (at most one entry per sender instance). */
  readonly maxPending: number;
  /** Capacity of a notify frame's to-notify list. */
  readonly maxToNotify: number;
  /** Words the model keeps for its own bookkeeping (operation budgets, ghosts). */
  readonly envWords: number;
}

/** Per-domain words. */
export const D_EXISTS = 0;
export const D_COOKIE = 1;
export const D_ARGO = 2;
export const DS = 3;

/** Per-ring words; `R_JUNK` and `R_NMSG` are ghosts kept for the abstraction, not Xen fields. */
export const R_REG = 0;
/** `ring_info->len`: the registered length (0 while unregistered). */
export const R_LEN = 1;
/** The partner instance's cookie recorded at registration (-1 for a wildcard ring). */
export const R_PCOOKIE = 2;
export const R_TX = 3;
/** The guest's rx_ptr, a u32 stored as its i32 bits. */
export const R_RX = 4;
export const R_JUNK = 5;
export const R_NMSG = 6;
export const R_NPEND = 7;
/** Pending triples (domid, cookie, len), sorted by (domid, cookie). */
export const R_PEND = 8;

/** Per-vCPU notify frame words: the operation (menu index or -1), program counter, current ring, its snapshot S, next entry, to-notify count. */
export const F_OP = 0;
export const F_PC = 1;
export const F_CUR = 2;
export const F_SPACE = 3;
export const F_ENT = 4;
export const F_NTO = 5;
/** To-notify pairs (domid, cookie). */
export const F_TO = 6;

/** Offsets computed once per shape. */
export interface Layout {
  readonly shape: ArgoShape;
  readonly nDom: number;
  readonly nRing: number;
  readonly ringBase: number;
  readonly ringStride: number;
  readonly frameBase: number;
  /** Word index of each vCPU's frame: frames differ in size, as their to-notify lists do. */
  readonly frameAt: readonly number[];
  /** Words of each vCPU's frame. */
  readonly frameLen: readonly number[];
  /** Capacity of each vCPU's to-notify list: its own rings can queue no more waiters than this. */
  readonly toNotifyCap: readonly number[];
  readonly envBase: number;
  readonly words: number;
  /** Byte offset of each ring in `mem` (each ring has its capacity's bytes). */
  readonly memBase: readonly number[];
  readonly memBytes: number;
}

/** Computes the offsets of `shape`'s words and ring bytes. */
export function makeLayout(shape: ArgoShape): Layout {
  const nDom = shape.domainArgo.length;
  const nRing = shape.rings.length;
  const ringBase = nDom * DS;
  const ringStride = R_PEND + 3 * shape.maxPending;
  const frameBase = ringBase + nRing * ringStride;
  const frameAt: number[] = [];
  const frameLen: number[] = [];
  const toNotifyCap: number[] = [];
  let at = frameBase;
  for (let d = 0; d < nDom; d++) {
    // A notify picks waiters from the caller's own rings only.
    const own = shape.rings.filter((r) => r.owner === d).length;
    toNotifyCap.push(Math.min(shape.maxToNotify, own * shape.maxPending));
    frameAt.push(at);
    frameLen.push(F_TO + 2 * toNotifyCap[d]!);
    at += frameLen[d]!;
  }
  const envBase = at;
  const memBase: number[] = [];
  let memBytes = 0;
  for (const r of shape.rings) {
    memBase.push(memBytes);
    memBytes += r.capacity;
  }
  return { shape, nDom, nRing, ringBase, ringStride, frameBase, frameAt, frameLen, toNotifyCap, envBase, words: envBase + shape.envWords, memBase, memBytes };
}

/**
 * The impl state: one byte buffer holding the words (`w`, first) and the ring
 * bytes (`mem`, after them), so a copy is one `set` and a fixed-size pack.
 * `note` is a per-transition annotation outside the encoding, read only by
 * transition properties: `note[0]` is its tag (`0` = none), see `NOTE`; its
 * last `AUDIT_WORDS` words belong to the environment (see model/argo).
 */
export interface ArgoImpl {
  /** The whole state: `w`'s bytes, then `mem`. */
  readonly bytes: Uint8Array;
  readonly w: Int32Array;
  readonly mem: Uint8Array;
  readonly note: Int32Array;
}

/** Words at the end of every note that the environment writes (its audit of a completed notify). */
export const AUDIT_WORDS = 2;

/** Words a note needs: the longest is a signal list, `[tag, count, (domid, asked, recipient, delivered)...]`, then the audit. */
export function noteWords(L: Layout): number {
  return Math.max(8, 2 + 4 * L.shape.maxToNotify) + AUDIT_WORDS;
}

/** Total bytes of a state of layout `L`. */
export function stateBytes(L: Layout): number {
  return 4 * L.words + L.memBytes;
}

/** A state over `bytes` (which it keeps, not copies) with an empty note of `noteLen` words. */
export function implOver(bytes: Uint8Array, words: number, noteLen: number): ArgoImpl {
  return {
    bytes,
    w: new Int32Array(bytes.buffer, bytes.byteOffset, words),
    mem: bytes.subarray(4 * words),
    note: new Int32Array(noteLen),
  };
}

/** A blank (all-zero) state of layout `L`: something for `copyImpl` to overwrite. */
export function blankImpl(L: Layout): ArgoImpl {
  return implOver(new Uint8Array(stateBytes(L)), L.words, noteWords(L));
}

/** Word index of domain `d`'s field `f`. */
export const dom = (_L: Layout, d: number, f: number): number => d * DS + f;
/** Word index of ring `r`'s field `f`. */
export const ring = (L: Layout, r: number, f: number): number => L.ringBase + r * L.ringStride + f;
/** Word index of vCPU `d`'s frame field `f`. */
export const frame = (L: Layout, d: number, f: number): number => L.frameAt[d]! + f;
/** The registered length of ring `r` (0 while unregistered). */
export const ringLen = (s: ArgoImpl, L: Layout, r: number): number => s.w[ring(L, r, R_LEN)]!;

/** Initial impl state: domains alive with cookie 0, declared rings empty, all vCPUs idle. */
export function initialImpl(L: Layout): ArgoImpl {
  const s = blankImpl(L);
  const w = s.w;
  L.shape.domainArgo.forEach((argo, d) => {
    w[dom(L, d, D_EXISTS)] = 1;
    w[dom(L, d, D_ARGO)] = argo ? 1 : 0;
  });
  L.shape.rings.forEach((r, i) => {
    w[ring(L, i, R_REG)] = r.len > 0 ? 1 : 0;
    w[ring(L, i, R_LEN)] = r.len;
    w[ring(L, i, R_PCOOKIE)] = r.len > 0 && r.partner !== DOMID_ANY ? 0 : -1;
  });
  for (let d = 0; d < L.nDom; d++) w[frame(L, d, F_OP)] = -1;
  return s;
}

/** An independent copy (the note is not copied: it belongs to the transition that made `s`). */
export function cloneImpl(s: ArgoImpl): ArgoImpl {
  return implOver(s.bytes.slice(), s.w.length, s.note.length);
}

/** Overwrites `into` (same layout) with `from`, clearing its note: no allocation. */
export function copyImpl(from: ArgoImpl, into: ArgoImpl): void {
  into.bytes.set(from.bytes);
  into.note[0] = 0;
  into.note[into.note.length - AUDIT_WORDS] = 0;
}
