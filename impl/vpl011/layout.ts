import type { Vpl011Params } from '../../spec/vpl011/types.ts';

export type { MmioAccess } from '../../spec/vpl011/types.ts';

/**
 * Where everything lives in the impl's flat state: one byte buffer holding
 * 32-bit words (the vpl011 registers, the xencons indices, the event-channel
 * and vGIC bits, per-vCPU access frames, then the environment's words) and
 * after them the ring bytes (`in[inSize]`, then `out[outSize]`). Cloning is
 * one `set`; encoding writes integers.
 */

/** Word offsets of the shared state. */
export const enum W {
  /** `uartfr`. */
  FR = 0,
  /** `uartris`. */
  RIS = 1,
  /** `uartimsc`. */
  IMSC = 2,
  /** `shadow_uartmis` (edge mode). */
  SHADOW = 3,
  /** The vGIC's view of the SPI: pending bit (edge) or line level (level). */
  IRQ = 4,
  /** xencons indices, u32 stored as their i32 bits. */
  IN_CONS = 5,
  IN_PROD = 6,
  OUT_CONS = 7,
  OUT_PROD = 8,
  /** The backend's event channel is pending (Xen → backend events coalesce here). */
  EVTCHN = 9,
  /** First vCPU frame. */
  FRAMES = 10,
}

/** Words of one vCPU's MMIO access frame. */
export const enum F {
  /** Menu index of the access in flight, or -1. */
  OP = 0,
  /** Index of its next step. */
  PC = 1,
  /** Ring indices read before the lock (only the `indicesBeforeLock` quirk ever reads them). */
  CONS = 2,
  PROD = 3,
  SIZE = 4,
}

/** Offsets computed once per configuration. */
export interface Layout {
  readonly p: Vpl011Params;
  readonly envBase: number;
  readonly words: number;
  /** Byte offsets of the rings in `mem`. */
  readonly inBase: number;
  readonly outBase: number;
  readonly memBytes: number;
}

/** The layout of `p` with `envWords` words of environment after the impl's own. */
export function makeLayout(p: Vpl011Params, envWords: number): Layout {
  const envBase = W.FRAMES + F.SIZE * p.vcpus;
  return { p, envBase, words: envBase + envWords, inBase: 0, outBase: p.inSize, memBytes: p.inSize + p.outSize };
}

/** Word index of vCPU `v`'s frame field `f`. */
export const frame = (v: number, f: F): number => W.FRAMES + F.SIZE * v + f;

/**
 * Per-transition annotation words (outside the encoding), reset before every
 * step. The model writes the tag and value (from the access it ran and what
 * the impl function returned to the guest); the impl writes only the vGIC's
 * injection count.
 */
export const enum N {
  /** SPI injections the step made (edge mode). */
  INJECTIONS = 0,
  /** What the step was, for transition properties (`NoteTag`). */
  TAG = 1,
  /** The value a read returned to the guest, or the byte a DR write carried (the guest's, masked by the model). */
  VALUE = 2,
  SIZE = 3,
}

/** `N.TAG` values. */
export const enum NoteTag {
  NONE = 0,
  /** The locked part of a DR read ran. */
  DR_READ = 1,
  /** The locked part of a DR write ran. */
  DR_WRITE = 2,
  /** A MIS read returned. */
  MIS_READ = 3,
  /** The notification handler ran. */
  NOTIFICATION = 4,
}

/** The impl state: `bytes` is everything; `w` and `mem` are views of it. */
export interface Vpl011Impl {
  readonly bytes: Uint8Array;
  readonly w: Int32Array;
  readonly mem: Uint8Array;
  readonly note: Int32Array;
}

/** Total bytes of a state of layout `L`. */
export const stateBytes = (L: Layout): number => 4 * L.words + L.memBytes;

function implOver(bytes: Uint8Array, L: Layout): Vpl011Impl {
  return { bytes, w: new Int32Array(bytes.buffer, bytes.byteOffset, L.words), mem: bytes.subarray(4 * L.words), note: new Int32Array(N.SIZE) };
}

/** An all-zero state of layout `L`. */
export const blankImpl = (L: Layout): Vpl011Impl => implOver(new Uint8Array(stateBytes(L)), L);

/** An independent copy (the note belongs to the transition that made `s` and is not copied). */
export const cloneImpl = (s: Vpl011Impl, L: Layout): Vpl011Impl => implOver(s.bytes.slice(), L);

/** Overwrites `into` with `from` and clears its note. */
export function copyImpl(from: Vpl011Impl, into: Vpl011Impl): void {
  into.bytes.set(from.bytes);
  into.note.fill(0);
}

/** Sets the note's tag and value (the model's record; the injection count is the vGIC's). */
export function setNote(s: Vpl011Impl, tag: NoteTag, value: number): void {
  s.note[N.TAG] = tag;
  s.note[N.VALUE] = value;
}
