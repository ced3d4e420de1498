/**
 * Argo reference state and calls: the ABI facts of the seed (`000_*`, the
 * notify op), `reference/argo.md` and upstream `argo.c`, as plain immutable
 * data.
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
/** The smallest ring register accepts: a header, one payload slot and the slot kept free. */
export const MIN_RING_LEN = 48;
/** `ARGO_MAX_NOTIFY_COUNT`. */
export const MAX_NOTIFY_COUNT = 256;
/** `XEN_ARGO_DOMID_ANY` (= DOMID_INVALID): the wildcard partner. */
export const DOMID_ANY = 0x7ff4;
/** `XEN_ARGO_RING_DATA_MAGIC`. */
export const RING_DATA_MAGIC = 0xcce4d30fbc82e92an;
/** Recorded partner instance of a wildcard or unregistered ring. */
export const NO_COOKIE = -1;

/** Ring-data flags of the seed ABI. */
export const F_EMPTY = 1 << 0;
export const F_EXISTS = 1 << 1;
export const F_PENDING = 1 << 2;
export const F_SUFFICIENT = 1 << 3;

/** Error numbers returned (negated) by the hypercalls. */
export const ENOENT = 2;
export const ESRCH = 3;
export const EAGAIN = 11;
export const EACCES = 13;
export const EFAULT = 14;
export const EEXIST = 17;
export const ENODEV = 19;
export const EINVAL = 22;
export const EMSGSIZE = 90;
export const ECONNREFUSED = 111;

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
 * A ring slot of the configuration: (owner, port, partner) is its identity,
 * `capacity` the memory the guest set aside for it. While registered, `len`
 * is the length it was registered with and the unread region
 * `[sanitise(rx), tx)` (circular) holds `junk` bytes of unknown content
 * followed by `msgs`, contiguous up to `tx`. `pending` is sorted by
 * (dom, cookie): Xen's list order is not observable.
 */
export interface SpecRing {
  readonly owner: number;
  readonly port: number;
  /** Exact partner domid, or `DOMID_ANY`. */
  readonly partner: number;
  readonly capacity: number;
  readonly registered: boolean;
  /** Registered length (0 while unregistered). */
  readonly len: number;
  /** Cookie of the partner instance recorded at registration (`NO_COOKIE` for wildcard or unregistered rings). */
  readonly partnerCookie: number;
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

/** Where a notify in flight stands, in the spec's own bookkeeping. */
export type NotifyPhase = 'space' | 'pick' | 'signal' | 'header' | 'entry';

/**
 * The spec's progress through one notify: what it measured and decided
 * itself. Nothing here comes from the impl; each impl step is compared with
 * what the spec computes from this and its own state.
 */
export interface SpecNotify {
  readonly args: NotifyArgs;
  readonly phase: NotifyPhase;
  /** The caller's own rings still to visit, the current one first (fixed at the start: the caller's ring set cannot change meanwhile). */
  readonly rings: readonly number[];
  /** The payload space the spec measured for the current ring at its snapshot. */
  readonly space: number;
  /** (dom, cookie) pairs picked so far, to be signalled. */
  readonly toNotify: readonly number[];
  /** The next ring-data entry to answer. */
  readonly entry: number;
}

/** The whole reference state. */
export interface ArgoState {
  readonly domains: readonly SpecDomain[];
  readonly rings: readonly SpecRing[];
  /** Per domain: its vCPU's notify in flight (lockstep only; the atomic notify never leaves one behind). */
  readonly notify: readonly (SpecNotify | null)[];
}

/** How the notify handle (arg1) looks to Xen. */
export type NotifyHandle = 'null' | 'fault' | 'badMagic' | 'tooMany' | 'entries';

/** How the guest memory of one ring-data entry behaves: readable and writable, unreadable, or read-only. */
export type EntryFault = 'none' | 'read' | 'write';

/** One `xen_argo_ring_data_ent`: the ring asked about, and what the guest left in `max_message_size`. */
export interface NotifyEntry {
  readonly dst: number;
  readonly port: number;
  readonly spaceRequired: number;
  /** The guest's value of the field, written back unchanged when no ring matches. */
  readonly maxMessageSize: number;
  readonly fault: EntryFault;
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
 * A spec call: an atomic operation, or one linearization step of a notify in
 * flight (`notifyBegin` … `notifyEntry`), whose composition is `notify`.
 * Step calls name only the caller: the spec takes every value it needs from
 * its own state and progress.
 */
export type ArgoCall =
  | { readonly kind: 'register'; readonly caller: number; readonly ring: number; readonly len: number; readonly failExist: boolean }
  | { readonly kind: 'unregister'; readonly caller: number; readonly ring: number }
  | { readonly kind: 'sendv'; readonly caller: number; readonly dst: number; readonly port: number; readonly len: number; readonly badNiov: boolean }
  | { readonly kind: 'consume'; readonly ring: number }
  | { readonly kind: 'writeRx'; readonly ring: number; readonly value: number }
  | { readonly kind: 'destroy'; readonly dom: number }
  | { readonly kind: 'create'; readonly dom: number }
  | { readonly kind: 'notify'; readonly caller: number; readonly args: NotifyArgs }
  | { readonly kind: 'notifyBegin'; readonly caller: number; readonly args: NotifyArgs }
  | { readonly kind: 'notifySpace'; readonly caller: number }
  | { readonly kind: 'notifyPick'; readonly caller: number }
  | { readonly kind: 'notifySignal'; readonly caller: number }
  | { readonly kind: 'notifyHeader'; readonly caller: number }
  | { readonly kind: 'notifyEntry'; readonly caller: number };

export type ArgoCallKind = ArgoCall['kind'];

/**
 * Outcomes are flat integer tuples tagged by their first element, so that
 * comparing them is an array comparison and they format without the call.
 * Fields are read through the named offsets below, never by number.
 */
export type ArgoOutcome = readonly number[];

/** Outcome tags (element 0). */
export const OUT = {
  RC: 0,
  SENDV: 1,
  MSG: 2,
  SPACE: 3,
  WOKEN: 4,
  SIGNALS: 5,
  ENTRY: 6,
  NOTIFY: 7,
  NONE: 8,
  /** A notify step the spec's progress does not expect here: never what an impl reports. */
  PHASE: 9,
} as const;

/** `[RC, rc]`. */
export const RC_VALUE = 1;
/** `[SENDV, rc, signalled dom or -1, its cookie or -1]`. */
export const SENDV_RC = 1;
export const SENDV_DOM = 2;
export const SENDV_COOKIE = 3;
/** `[MSG, src, len, stamp]`, or `[MSG]` when nothing was readable. */
export const MSG_SRC = 1;
export const MSG_LEN = 2;
export const MSG_STAMP = 3;
/** `[SPACE, ring, payload space]`. */
export const SPACE_RING = 1;
export const SPACE_VALUE = 2;
/** `[WOKEN, ring, dom, cookie, dom, cookie, ...]`. */
export const WOKEN_RING = 1;
export const WOKEN_PAIRS = 2;
/** `[SIGNALS, dom, cookie, delivered (0/1), ...]`. */
export const SIGNALS_TRIPLES = 1;
/** `[ENTRY, index, rc, flags, max_message_size]`: what Xen wrote back for entry `index`. */
export const ENTRY_INDEX = 1;
export const ENTRY_RC = 2;
export const ENTRY_FLAGS = 3;
export const ENTRY_MMS = 4;
/** `[NOTIFY, rc, signalled, dropped, flags, mms, flags, mms, ...]` (atomic notify: per entry written back). */
export const NOTIFY_RC = 1;
export const NOTIFY_SIGNALLED = 2;
export const NOTIFY_DROPPED = 3;
export const NOTIFY_ENTRIES = 4;
/** `[PHASE, code]`: the step the spec expected (index into `NOTIFY_PHASES`, or -1 when no notify is in flight). */
export const PHASE_EXPECTED = 1;

/** Phases in a fixed order, for outcomes and encodings. */
export const NOTIFY_PHASES = ['space', 'pick', 'signal', 'header', 'entry'] as const satisfies readonly NotifyPhase[];
