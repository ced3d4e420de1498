import { freeze } from 'immer';
import { DOMID_ANY, OUT, type ArgoOutcome, type ArgoState, type SpecNotify, type SpecPending, type SpecRing } from './types.ts';

/** Building blocks shared by the atomic calls (`ops.ts`) and the notify steps (`notify.ts`). */

/** A successor state with the outcome the call produced. */
export interface SpecResult {
  readonly state: ArgoState;
  readonly outcome: ArgoOutcome;
}

/**
 * The ring `src` reaches at (dst, port), as the seed matches it: an
 * exact-partner ring only when `src` is the very instance it was registered
 * for (domid and cookie), else the wildcard ring; -1 when neither exists or
 * `dst` has no Argo.
 */
export function findRing(s: ArgoState, dst: number, port: number, src: number): number {
  const d = s.domains[dst];
  if (d === undefined || !d.exists || !d.argo) return -1;
  const me = s.domains[src];
  let wildcard = -1;
  for (let i = 0; i < s.rings.length; i++) {
    const r = s.rings[i]!;
    if (!r.registered || r.owner !== dst || r.port !== port) continue;
    if (r.partner === src && me !== undefined && me.exists && r.partnerCookie === me.cookie) return i;
    if (r.partner === DOMID_ANY && wildcard < 0) wildcard = i;
  }
  return wildcard;
}

/** A ring with no messages, no pending entries and pointers at 0. */
export function emptyRing(r: SpecRing, len: number, partnerCookie: number): SpecRing {
  return { ...r, registered: len > 0, len, partnerCookie, tx: 0, rx: 0, junk: 0, msgs: [], pending: [] };
}

const byInstance = (a: SpecPending, b: SpecPending): number => a.dom - b.dom || a.cookie - b.cookie;

/** Pending list with (dom, cookie) waiting for at least `len` (one entry per sender instance; requeue raises its length). */
export function requeue(pending: readonly SpecPending[], dom: number, cookie: number, len: number): SpecPending[] {
  const old = pending.find((p) => p.dom === dom && p.cookie === cookie);
  const rest = pending.filter((p) => p !== old);
  rest.push({ dom, cookie, len: old === undefined ? len : Math.max(old.len, len) });
  return rest.sort(byInstance);
}

/** Equal pending lists (by value): a call that leaves the list so changes nothing. */
export function samePending(a: readonly SpecPending[], b: readonly SpecPending[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.dom !== b[k]!.dom || a[k]!.cookie !== b[k]!.cookie || a[k]!.len !== b[k]!.len) return false;
  return true;
}

export const rc = (value: number): ArgoOutcome => [OUT.RC, value];
export const same = (s: ArgoState, outcome: ArgoOutcome): SpecResult => ({ state: s, outcome });

/**
 * Freezes the elements of `list` and `list` itself, unless it is frozen
 * already (a list shared with the parent state, whose elements are too).
 */
function freezeList<T extends object>(list: readonly T[]): void {
  if (Object.isFrozen(list)) return;
  for (const x of list) Object.freeze(x);
  Object.freeze(list);
}

/**
 * A state of `domains`, `rings` and `notify`, deeply frozen as `produce`
 * would leave it, for parts built from a frozen parent: the new arrays and
 * objects are frozen, the shared ones are already. Written out for the
 * spec's hot path: immer's generic `freeze(x, true)` enumerates every key of
 * every object it meets, which costs the lockstep harness several per cent.
 */
export function frozenState(domains: ArgoState['domains'], rings: readonly SpecRing[], notify: ArgoState['notify']): ArgoState {
  return Object.freeze({ domains, rings: Object.freeze(rings), notify: Object.freeze(notify) });
}

/** `ring`, deeply frozen (see `frozenState`). */
export function frozenRing(ring: SpecRing): SpecRing {
  freezeList(ring.msgs);
  freezeList(ring.pending);
  return Object.freeze(ring);
}

/** `progress`, deeply frozen (see `frozenState`); its arguments are frozen once, when first seen. */
export function frozenProgress(progress: SpecNotify): SpecNotify {
  if (!Object.isFrozen(progress.args)) freeze(progress.args, true);
  Object.freeze(progress.rings);
  Object.freeze(progress.toNotify);
  return Object.freeze(progress);
}

/** `s` with ring `i` replaced: the same structure `produce` would give (a new state and rings array sharing every other ring), deeply frozen. */
export const setRing = (s: ArgoState, i: number, ring: SpecRing): ArgoState => {
  const rings = s.rings.slice();
  rings[i] = frozenRing(ring);
  return frozenState(s.domains, rings, s.notify);
};
