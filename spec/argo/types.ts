/**
 * Argo reference state and calls: the ABI facts of the seed (`000_*`, the
 * notify op) and `reference/argo.md`, as plain immutable data.
 *
 * Rings are queues of messages; the spec uses mathematical integers (it is
 * the reference), the impl uses u32/i32 like Xen, and refinement compares the
 * two.
 */

/** Message slot and rounding unit, in bytes. */
export const SLOT = 16;
/** `sizeof(struct xen_argo_ring_message_header)`. */
export const MSG_HEADER = 16;
/** Header plus the one slot insert always leaves free: `max payload = len − RESERVED`. */
export const RESERVED = 32;
/** `ARGO_MAX_NOTIFY_COUNT`. */
export const MAX_NOTIFY_COUNT = 256;
/** `XEN_ARGO_DOMID_ANY` (= DOMID_INVALID): the wildcard partner. */
export const DOMID_ANY = 0x7ff4;
/** `XEN_ARGO_RING_DATA_MAGIC`. */
export const RING_DATA_MAGIC = 0xcce4d30fbc82e92an;

/** Ring-data flags of the seed ABI. */
export const F_EMPTY = 1 << 0;
export const F_EXISTS = 1 << 1;
export const F_PENDING = 1 << 2;
export const F_SUFFICIENT = 1 << 3;

/** Error numbers returned (negated) by the hypercalls. */
export const EFAULT = 14;
export const EACCES = 13;
export const EINVAL = 22;
export const ENODEV = 19;
export const EAGAIN = 11;
export const EMSGSIZE = 90;
export const EEXIST = 17;
export const ENOENT = 2;

/** One unread message. `stamp` is a ghost sequence number: the slot index (tx / 16) it was written at. */
export interface SpecMessage {
  readonly src: number;
  readonly len: number;
  readonly stamp: number;
}

/** A sender instance waiting for `len` bytes of payload space on a ring. */
export interface SpecPending {
  readonly dom: number;
  readonly cookie: number;
  readonly len: number;
}

/**
 * A ring slot of the configuration. While registered, the unread region
 * `[sanitise(rx), tx)` (circular) holds `junk` bytes of unknown content
 * followed by `msgs`, contiguous up to `tx`: `junk + Σ size(msgs)` equals
 * its size. `junk` is non-zero only after the receiver wrote a bogus `rx`.
 * `pending` is sorted by (dom, cookie): Xen's list order is not observable.
 */
export interface SpecRing {
  readonly owner: number;
  readonly port: number;
  /** Exact partner domid, or `DOMID_ANY`. */
  readonly partner: number;
  readonly len: number;
  readonly registered: boolean;
  readonly tx: number;
  /** The raw u32 the receiver last wrote. */
  readonly rx: number;
  readonly junk: number;
  readonly msgs: readonly SpecMessage[];
  readonly pending: readonly SpecPending[];
}

/** A domid slot: the instance living there (if any) is named by its cookie. */
export interface SpecDomain {
  readonly exists: boolean;
  /** Generation number standing for Xen's random 64-bit cookie: distinct per instance. */
  readonly cookie: number;
  /** Whether instances of this domain are created with Argo state. */
  readonly argo: boolean;
}

/** The whole reference state. */
export interface ArgoState {
  readonly domains: readonly SpecDomain[];
  readonly rings: readonly SpecRing[];
}

/** How the notify handle (arg1) looks to Xen. */
export type NotifyHandle = 'null' | 'fault' | 'badMagic' | 'tooMany' | 'entries';
export const NOTIFY_HANDLES = ['null', 'fault', 'badMagic', 'tooMany', 'entries'] as const satisfies readonly NotifyHandle[];

/** One `xen_argo_ring_data_ent`: the ring asked about, or a faulting guest address. */
export interface NotifyEntry {
  readonly dst: number;
  readonly port: number;
  readonly spaceRequired: number;
  readonly fault: boolean;
}

/** The notify op's arguments. `unusedNonZero`: arg2/arg3/arg4 not all zero. */
export interface NotifyArgs {
  readonly handle: NotifyHandle;
  readonly unusedNonZero: boolean;
  readonly entries: readonly NotifyEntry[];
}

/** `nent` Xen reads from the header for a handle kind. */
export function notifyNent(args: NotifyArgs): number {
  return args.handle === 'tooMany' ? MAX_NOTIFY_COUNT + 1 : args.entries.length;
}

/**
 * A spec call: an atomic operation, or one linearization step of notify
 * (`notifyBegin` … `ringDataEntry`), whose composition is `notify`.
 */
export type ArgoCall =
  | { readonly kind: 'register'; readonly caller: number; readonly ring: number }
  | { readonly kind: 'unregister'; readonly caller: number; readonly ring: number }
  | { readonly kind: 'sendv'; readonly caller: number; readonly dst: number; readonly port: number; readonly len: number }
  | { readonly kind: 'consume'; readonly ring: number }
  | { readonly kind: 'writeRx'; readonly ring: number; readonly value: number }
  | { readonly kind: 'destroy'; readonly dom: number }
  | { readonly kind: 'create'; readonly dom: number }
  | { readonly kind: 'notify'; readonly caller: number; readonly args: NotifyArgs }
  | { readonly kind: 'notifyBegin'; readonly caller: number; readonly args: NotifyArgs }
  | { readonly kind: 'snapshotSpace'; readonly ring: number }
  | { readonly kind: 'wakeWaiters'; readonly ring: number; readonly space: number }
  | { readonly kind: 'deliverSignals'; readonly list: readonly number[] }
  | { readonly kind: 'notifyHeader'; readonly caller: number; readonly args: NotifyArgs }
  | { readonly kind: 'ringDataEntry'; readonly caller: number; readonly entry: NotifyEntry };

export type ArgoCallKind = ArgoCall['kind'];

/**
 * Outcomes are flat integer tuples tagged by their first element, so that
 * comparing them is an array comparison and they format without the call.
 */
export type ArgoOutcome = readonly number[];

export const OUT = {
  /** [RC, rc] */
  RC: 0,
  /** [SENDV, rc, signalledDom or -1, signalledCookie or -1] */
  SENDV: 1,
  /** [MSG, src, len, stamp] or [MSG] when nothing was readable */
  MSG: 2,
  /** [SPACE, payloadSpace] */
  SPACE: 3,
  /** [WOKEN, dom, cookie, dom, cookie, ...] */
  WOKEN: 4,
  /** [SIGNALS, dom, cookie, delivered(0/1), ...] */
  SIGNALS: 5,
  /** [ENTRY, rc, flags, maxMessageSize] */
  ENTRY: 6,
  /** [NOTIFY, rc, signalled count, dropped count, flags0, mms0, flags1, mms1, ...] */
  NOTIFY: 7,
  /** [NONE] */
  NONE: 8,
} as const;
