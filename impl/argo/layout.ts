import type { RingDecl } from '../../spec/argo/state.ts';

/**
 * Where everything lives in the impl's flat state. The impl state is one
 * Int32Array of words (domains, ring pointers and pending lists, notify
 * frames, the environment's budgets) and one Uint8Array of ring bytes:
 * cloning is two `slice`s and encoding writes integers.
 */
export interface ArgoShape {
  readonly domainArgo: readonly boolean[];
  readonly rings: readonly RingDecl[];
  /** Capacity of each ring's pending list (at most one entry per sender instance). */
  readonly maxPending: number;
  /** Capacity of a notify frame's to-notify list. */
  readonly maxToNotify: number;
  /** Words the model keeps for its own bookkeeping (operation budgets). */
  readonly envWords: number;
}

/** Per-domain words. */
export const D_EXISTS = 0;
export const D_COOKIE = 1;
export const D_ARGO = 2;
export const DS = 3;

/** Per-ring words; `R_JUNK` and `R_NMSG` are ghosts kept for the abstraction, not Xen fields. */
export const R_REG = 0;
export const R_TX = 1;
/** The guest's rx_ptr, a u32 stored as its i32 bits. */
export const R_RX = 2;
export const R_JUNK = 3;
export const R_NMSG = 4;
export const R_NPEND = 5;
/** Pending triples (domid, cookie, len), sorted by (domid, cookie). */
export const R_PEND = 6;

/** Per-vCPU notify frame words. */
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
  readonly frameStride: number;
  readonly envBase: number;
  readonly words: number;
  /** Byte offset of each ring in `mem`. */
  readonly memBase: readonly number[];
  readonly memBytes: number;
}

export function makeLayout(shape: ArgoShape): Layout {
  const nDom = shape.domainArgo.length;
  const nRing = shape.rings.length;
  const ringBase = nDom * DS;
  const ringStride = R_PEND + 3 * shape.maxPending;
  const frameBase = ringBase + nRing * ringStride;
  const frameStride = F_TO + 2 * shape.maxToNotify;
  const envBase = frameBase + nDom * frameStride;
  const memBase: number[] = [];
  let memBytes = 0;
  for (const r of shape.rings) {
    memBase.push(memBytes);
    memBytes += r.len;
  }
  return { shape, nDom, nRing, ringBase, ringStride, frameBase, frameStride, envBase, words: envBase + shape.envWords, memBase, memBytes };
}

/** The impl state. `note` is a per-transition annotation, outside the encoding (read only by transition properties). */
export interface ArgoImpl {
  readonly w: Int32Array;
  readonly mem: Uint8Array;
  note: readonly number[] | undefined;
}

/** Word index of domain `d`'s field `f`. */
export const dom = (_L: Layout, d: number, f: number): number => d * DS + f;
/** Word index of ring `r`'s field `f`. */
export const ring = (L: Layout, r: number, f: number): number => L.ringBase + r * L.ringStride + f;
/** Word index of vCPU `d`'s frame field `f`. */
export const frame = (L: Layout, d: number, f: number): number => L.frameBase + d * L.frameStride + f;

/** Initial impl state: domains alive with cookie 0, declared rings empty, all vCPUs idle. */
export function initialImpl(L: Layout): ArgoImpl {
  const w = new Int32Array(L.words);
  L.shape.domainArgo.forEach((argo, d) => {
    w[dom(L, d, D_EXISTS)] = 1;
    w[dom(L, d, D_ARGO)] = argo ? 1 : 0;
  });
  L.shape.rings.forEach((r, i) => {
    w[ring(L, i, R_REG)] = r.registered ? 1 : 0;
  });
  for (let d = 0; d < L.nDom; d++) w[frame(L, d, F_OP)] = -1;
  return { w, mem: new Uint8Array(L.memBytes), note: undefined };
}

/** An independent copy (the note is not copied: it belongs to the transition that made `s`). */
export function cloneImpl(s: ArgoImpl): ArgoImpl {
  return { w: s.w.slice(), mem: s.mem.slice(), note: undefined };
}
