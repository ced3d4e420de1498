import type { RingDecl } from '../../spec/argo/state.ts';
import { DOMID_ANY, type NotifyArgs, type NotifyEntry } from '../../spec/argo/types.ts';

/** One hypercall a domain's vCPU may issue, with its arguments fixed. */
export type OpDesc =
  | { readonly op: 'register'; readonly ring: number }
  | { readonly op: 'unregister'; readonly ring: number }
  | { readonly op: 'sendv'; readonly dst: number; readonly port: number; readonly len: number }
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
}

const entry = (dst: number, port: number, spaceRequired: number): NotifyEntry => ({ dst, port, spaceRequired, fault: false });
const FAULT: NotifyEntry = { dst: 0, port: 0, spaceRequired: 0, fault: true };
const notify = (handle: NotifyArgs['handle'], entries: readonly NotifyEntry[] = [], unusedNonZero = false): OpDesc => ({
  op: 'notify',
  args: { handle, entries, unusedNonZero },
});
const sendv = (dst: number, port: number, len: number): OpDesc => ({ op: 'sendv', dst, port, len });

/** Two domains, one 48-byte wildcard ring: every witness and every zoo entry within seconds. */
const small: ArgoConfig = {
  name: 'small',
  description: '2 domains, one 48-byte wildcard ring d0 may unregister and register again; d1 sends 0/16 bytes and asks notify for 0 then 16; d1 re-created once; one bogus rx write',
  domainArgo: [true, true],
  rings: [{ owner: 0, port: 1, partner: DOMID_ANY, len: 48, registered: true }],
  menus: [
    [notify('null'), { op: 'unregister', ring: 0 }, { op: 'register', ring: 0 }],
    [sendv(0, 1, 16), sendv(0, 1, 0), notify('entries', [entry(0, 1, 0), entry(0, 1, 16)])],
  ],
  ops: [2, 2],
  rxWrites: [1, 0],
  bogusRx: [RX_RESYNC, 49, 0xfffffff1],
  recreations: [0, 1],
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
    '3 domains (d2 without Argo); d0 owns a 48-byte wildcard ring and a 64-byte ring for d1 on the same port (d1 reaches the wildcard one while the exact one is unregistered; d0 sends 16/17 bytes to its wildcard ring); d1 sends 0/1/15/16/17/32/33 bytes; rx := tx, 17 (unaligned), 64 (≥ len), 0xfffffff1 (huge); entries naming a missing ring and a domain without Argo; every notify error; d1 re-created once',
  domainArgo: [true, true, false],
  rings: [
    { owner: 0, port: 1, partner: DOMID_ANY, len: 48, registered: true },
    { owner: 0, port: 1, partner: 1, len: 64, registered: true },
  ],
  menus: [
    // d0 also sends to its own wildcard ring: 16 and 17 are len − 32 and len − 31 of 48 bytes.
    [notify('null'), { op: 'unregister', ring: 1 }, { op: 'register', ring: 1 }, sendv(0, 1, 16), sendv(0, 1, 17)],
    [
      ...EDGE_LENGTHS.map((len) => sendv(0, 1, len)),
      notify('entries', [entry(0, 1, 17), entry(2, 1, 1), entry(0, 2, 1), FAULT]),
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
};

/** Larger budgets over the default's domains, rings and menus. */
const deep: ArgoConfig = {
  ...defaultConfig,
  name: 'deep',
  description: 'the default configuration with a second rx write for d0\'s receiver (two bogus values, or a bogus value then rx := tx to resynchronise past the junk)',
  rxWrites: [2, 0, 0],
};

/** The named configurations, in listing order. */
export const ARGO_CONFIGS: readonly ArgoConfig[] = [small, defaultConfig, deep];
