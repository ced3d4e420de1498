import type { RingDecl } from '../../spec/argo/state.ts';
import { P } from './properties-names.ts';
import { DOMID_ANY, MAX_NOTIFY_COUNT, type EntryFault, type NotifyArgs, type NotifyEntry } from '../../spec/argo/types.ts';

/** One hypercall a domain's vCPU may issue, with its arguments fixed. */
export type OpDesc =
  | { readonly op: 'register'; readonly ring: number; readonly len: number; readonly failExist: boolean }
  | { readonly op: 'unregister'; readonly ring: number }
  | { readonly op: 'sendv'; readonly dst: number; readonly port: number; readonly len: number; readonly badNiov: boolean }
  | { readonly op: 'notify'; readonly args: NotifyArgs };

/** `rx := tx`: the receiver resynchronising (the one bogus write that is not a constant). */
export const RX_RESYNC = -1;

/**
 * A bound configuration: domains, ring slots, the argument menu of each
 * vCPU, and the budgets that make exploration finite (and exhaustive).
 */
export interface ArgoConfig {
  readonly name: string;
  readonly description: string;
  /** Whether each domain (domid = index) has Argo state. */
  readonly domainArgo: readonly boolean[];
  readonly rings: readonly RingDecl[];
  /** Per domain: the hypercalls its vCPU may start. */
  readonly menus: readonly (readonly OpDesc[])[];
  /** Per domain: how many hypercalls its vCPU may start in total (across instances). */
  readonly ops: readonly number[];
  /** Per domain: how many bogus rx writes its receiver may make. */
  readonly rxWrites: readonly number[];
  /** The bogus rx values offered (`RX_RESYNC` = the current tx). */
  readonly bogusRx: readonly number[];
  /** Per domain: how many times it may be destroyed (and re-created). */
  readonly recreations: readonly number[];
  /** The witnesses this configuration is built to reach (names from `P`), or all of them. */
  readonly witnesses: 'all' | readonly string[];
}

/** The guest's max_message_size before the call: a value Xen never writes, so a write-back of it is recognisable. */
const GUEST_MMS = 0xdead;

const entry = (dst: number, port: number, spaceRequired: number, fault: EntryFault = 'none'): NotifyEntry => ({
  dst,
  port,
  spaceRequired,
  maxMessageSize: GUEST_MMS,
  fault,
});
const notify = (handle: NotifyArgs['handle'], entries: readonly NotifyEntry[] = [], unusedNonZero = false): OpDesc => ({
  op: 'notify',
  args: { handle, entries, unusedNonZero },
});
const sendv = (dst: number, port: number, len: number, badNiov = false): OpDesc => ({ op: 'sendv', dst, port, len, badNiov });
const register = (ring: number, len: number, failExist = false): OpDesc => ({ op: 'register', ring, len, failExist });
const unregister = (ring: number): OpDesc => ({ op: 'unregister', ring });

/** rx values around the i32 sign boundary: they round to ≥ len and sanitise to 0, but a raw i32 difference would go negative. */
const RX_NEAR_2_31 = [0x7ffffff1, 0x80000000] as const;

/** Notify with nent = 256 (accepted) and its neighbours: a configuration of its own, as 256 entry steps multiply every interleaving. */
const MAX_ENTRIES = Array.from({ length: MAX_NOTIFY_COUNT }, (_, k) => entry(k === 0 ? 0 : 2, 1, 16));

/**
 * Two domains, a 64-byte wildcard ring and a 48-byte exact ring for d1 on
 * d0's port 1: waiters the pick must leave (32 bytes while S is 16), d1
 * re-created with its predecessor's exact ring and waits left behind, bogus
 * rx. Every zoo entry; lean enough for mutation testing.
 */
const small: ArgoConfig = {
  name: 'small',
  description:
    "2 domains; d0 owns a 64-byte wildcard ring and a 48-byte ring for d1 on port 1, notifies, unregisters and re-registers the exact ring; d1 sends 0/16/32 bytes and asks notify about both lengths; d1 re-created once (its predecessor's exact ring out of reach); rx := tx, 49, 0xfffffff1",
  domainArgo: [true, true],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, capacity: 64, len: 64 },
    { owner: 0, port: 1, partner: 1, capacity: 48, len: 48 },
  ],
  menus: [
    [notify('null'), unregister(1), register(1, 48)],
    [sendv(0, 1, 0), sendv(0, 1, 16), sendv(0, 1, 32), notify('entries', [entry(0, 1, 0), entry(0, 1, 32)])],
  ],
  ops: [2, 2],
  rxWrites: [1, 0],
  bogusRx: [RX_RESYNC, 49, 0xfffffff1],
  recreations: [0, 1],
  witnesses: [P.wraps, P.empty, P.granted, P.woken, P.dropped, P.corner, P.junk, P.fallback, P.reregistered],
};

/**
 * Every hypercall that must fail, and the lifecycles: a third domain
 * without Argo calling with bad arguments; d0 registering with a bad
 * length, a clashing length, FAIL_EXIST, for a domain without Argo and for
 * a destroyed one; unreadable and read-only ring-data entries and one naming
 * a missing port; d0 destroyed while d1 waits on its ring.
 */
const errors: ArgoConfig = {
  name: 'errors',
  description:
    '3 domains (d2 without Argo); d0 registers with lengths 32 (below 48), 56 (not a multiple of 16, on the 64-byte slot), 64 (beyond the 48-byte slot), another length, FAIL_EXIST, for d2 and for a destroyed d1, unregisters; d1 notifies with an unreadable entry before a valid one, an entry naming a missing port before a read-only one, an empty entry list, bad magic and a faulting header; d2 registers and unregisters a ring of its own, calls sendv with too many iovs, sendv, notify with nonzero unused arguments and notify; rx := 0x80000000; d0 and d1 destroyed and re-created once',
  domainArgo: [true, true, false],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, capacity: 64, len: 64 },
    { owner: 0, port: 1, partner: 1, capacity: 48, len: 48 },
    { owner: 0, port: 2, partner: 2, capacity: 48, len: 0 },
    { owner: 2, port: 1, partner: DOMID_ANY, capacity: 48, len: 0 },
  ],
  menus: [
    [unregister(1), register(1, 48), register(1, 48, true), register(0, 48), register(1, 32), register(0, 56), register(1, 64), register(2, 48)],
    [
      notify('entries', [entry(0, 1, 0, 'read'), entry(0, 1, 16)]),
      notify('entries', [entry(0, 9, 0), entry(0, 1, 64, 'write')]),
      notify('entries', []),
      notify('badMagic'),
      notify('fault'),
      sendv(0, 1, 16),
    ],
    [register(3, 48), unregister(3), sendv(0, 1, 16, true), sendv(0, 1, 16), notify('null', [], true), notify('null')],
  ],
  ops: [2, 2, 1],
  rxWrites: [1, 0, 0],
  bogusRx: [RX_NEAR_2_31[1]],
  recreations: [1, 1, 0],
  witnesses: [P.writeFault, P.ownerGone, P.reregistered],
};

/**
 * Several waiters at once: d0 fills its own 48-byte ring and waits on it
 * beside d1 (and d1's successor), so pending lists hold two or three
 * entries in sorted order, a pick takes some and leaves others, one notify
 * signals several instances, and a requeue raises a wait.
 */
const waiters: ArgoConfig = {
  name: 'waiters',
  description:
    '2 domains, one 48-byte wildcard ring of d0; d0 sends 16 bytes twice (the second waits) and notifies; d1 sends 16 bytes (waits) and asks for 32 (requeue raises the wait); d1 re-created once; the receiver consumes',
  domainArgo: [true, true],
  rings: [{ owner: 0, port: 1, partner: DOMID_ANY, capacity: 48, len: 48 }],
  menus: [
    [sendv(0, 1, 16), notify('null')],
    [sendv(0, 1, 16), notify('entries', [entry(0, 1, 32)])],
  ],
  ops: [3, 2],
  rxWrites: [0, 0],
  bogusRx: [RX_RESYNC],
  recreations: [0, 1],
  witnesses: [P.woken, P.manyWoken, P.dropped, P.empty],
};

/**
 * The notify entry-count limit: 256 entries are all answered, 257 are
 * refused; the receiver may write rx values around 2^31 meanwhile.
 */
const limits: ArgoConfig = {
  name: 'limits',
  description: "2 domains: d1 notifies with exactly 256 entries (the first naming d0's ring) and with 257; d0 sends and notifies meanwhile; rx := 0x7ffffff1 or 0x80000000",
  domainArgo: [true, true],
  rings: [{ owner: 0, port: 1, partner: DOMID_ANY, capacity: 48, len: 48 }],
  menus: [
    [sendv(0, 1, 16), notify('null')],
    [notify('entries', MAX_ENTRIES), notify('tooMany')],
  ],
  ops: [1, 1],
  rxWrites: [1, 0],
  bogusRx: [...RX_NEAR_2_31],
  recreations: [0, 0],
  witnesses: [P.maxEntries, P.junk, P.empty, P.granted],
};

/** The payload lengths at the edges of both rings: 0, 1, 15, 16, 17 and, for 64 bytes, len − 32 = 32 and len − 31 = 33 (16 and 17 for 48). */
const EDGE_LENGTHS = [0, 1, 15, 16, 17, 32, 33] as const;

/**
 * Three domains, exact and wildcard rings of 48 and 64 bytes, payload
 * lengths at the edges of both, bogus rx values (unaligned, ≥ len, huge),
 * every notify error path, destroy and re-create.
 */
const defaultConfig: ArgoConfig = {
  name: 'default',
  description:
    '3 domains (d2 without Argo); d0 owns a 48-byte wildcard ring and a 64-byte ring for d1 on the same port (d1 reaches the wildcard one while the exact one is unregistered or registered for its predecessor; d0 unregisters and re-registers the exact one); d1 sends 0/1/15/16/17/32/33 bytes; rx := tx, 17 (unaligned), 64 (≥ len), 0xfffffff1 (huge); entries naming a missing ring and a domain without Argo; every notify error; d1 re-created once',
  domainArgo: [true, true, false],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, capacity: 48, len: 48 },
    { owner: 0, port: 1, partner: 1, capacity: 64, len: 64 },
  ],
  menus: [
    [notify('null'), unregister(1), register(1, 64)],
    [
      ...EDGE_LENGTHS.map((len) => sendv(0, 1, len)),
      notify('entries', [entry(0, 1, 17), entry(2, 1, 1), entry(0, 2, 1), entry(0, 1, 0, 'read')]),
      notify('entries', [entry(0, 1, 0)]),
      notify('badMagic'),
      notify('tooMany'),
      notify('fault'),
      notify('null', [], true),
    ],
    [notify('null')],
  ],
  ops: [3, 3, 1],
  rxWrites: [1, 0, 0],
  bogusRx: [RX_RESYNC, 17, 64, 0xfffffff1],
  recreations: [0, 1, 0],
  // 256 entries, read-only entries and the owner's destruction are covered by `limits` and `small`.
  witnesses: Object.values(P).filter((name) => name !== P.maxEntries && name !== P.writeFault && name !== P.ownerGone && name !== P.manyWoken),
};

/** Larger budgets over the default's domains, rings and menus. */
const deep: ArgoConfig = {
  ...defaultConfig,
  name: 'deep',
  description:
    "the default configuration with d0 also sending 16/17 bytes to its own wildcard ring (both rings busy at once, the owner waiting on its own ring) and a second rx write for d0's receiver (two bogus values, or a bogus value then rx := tx to resynchronise past the junk)",
  // 16 and 17 are len − 32 and len − 31 of the 48-byte wildcard ring.
  menus: [[...defaultConfig.menus[0]!, sendv(0, 1, 16), sendv(0, 1, 17)], ...defaultConfig.menus.slice(1)],
  rxWrites: [2, 0, 0],
};

/** The named configurations, in listing order. */
export const ARGO_CONFIGS: readonly ArgoConfig[] = [small, errors, waiters, limits, defaultConfig, deep];
