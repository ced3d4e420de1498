import { castDraft, produce } from 'immer';
import { acceptsLen, fittingSuffix, msgsBytes, msgSize, sanitiseRx, unread } from './ring.ts';
import { notifyAtomic, notifyStep } from './notify.ts';
import { emptyRing, findRing, rc, requeue, same, samePending, setRing, type SpecResult } from './primitives.ts';
import {
  DOMID_ANY,
  EAGAIN,
  ECONNREFUSED,
  EEXIST,
  EINVAL,
  EMSGSIZE,
  ENODEV,
  ENOENT,
  ESRCH,
  MIN_RING_LEN,
  NO_COOKIE,
  OUT,
  RESERVED,
  SLOT,
  type ArgoCall,
  type ArgoOutcome,
  type ArgoState,
} from './types.ts';

export { findRing, type SpecResult } from './primitives.ts';

/**
 * Applies one call atomically. Deterministic: every call of this spec has a
 * single allowed outcome. The wake-all policy is where Argo's design admits
 * several outcomes (a waiter woken for space that is gone again, or not woken
 * for space freed meanwhile), and all of that latitude comes from the
 * interleaving: notify snapshots a ring's payload space S under the ring
 * lock, drops it, and later wakes every waiter with len ≤ S. The spec keeps
 * a notify in flight as progress of its own (`spec/argo/notify.ts`): the
 * impl names which step it takes and nothing else, and the spec decides
 * from its own state what that step must produce. `notify` composes the
 * steps with nothing in between. Calls that change nothing return `s`.
 */
export function applyCall(s: ArgoState, call: ArgoCall): SpecResult {
  switch (call.kind) {
    case 'register':
      return register(s, call.caller, call.ring, call.len, call.failExist);
    case 'unregister': {
      const r = s.rings[call.ring]!;
      if (!s.domains[call.caller]!.argo) return same(s, rc(-ENODEV));
      if (!r.registered) return same(s, rc(-ENOENT));
      return same(setRing(s, call.ring, emptyRing(r, 0, NO_COOKIE)), rc(0));
    }
    case 'sendv':
      return sendv(s, call.caller, call.dst, call.port, call.len, call.badNiov);
    case 'consume': {
      const r = s.rings[call.ring]!;
      const head = r.msgs[0];
      if (!r.registered || r.junk !== 0 || head === undefined) return same(s, [OUT.MSG]);
      const rx = (sanitiseRx(r.rx, r.len) + msgSize(head.len)) % r.len;
      return same(setRing(s, call.ring, { ...r, rx, msgs: r.msgs.slice(1) }), [OUT.MSG, head.src, head.len, head.stamp]);
    }
    case 'writeRx': {
      const r = s.rings[call.ring]!;
      const moved = { ...r, rx: call.value >>> 0 };
      const u = unread(moved);
      const msgs = fittingSuffix(r.msgs, u);
      return same(setRing(s, call.ring, { ...moved, msgs, junk: u - msgsBytes(msgs) }), [OUT.NONE]);
    }
    case 'destroy':
      return same(
        produce(s, (d) => {
          d.domains[call.dom]!.exists = false;
          for (let i = 0; i < d.rings.length; i++) if (d.rings[i]!.owner === call.dom) d.rings[i] = castDraft(emptyRing(s.rings[i]!, 0, NO_COOKIE));
        }),
        [OUT.NONE],
      );
    case 'create':
      return same(
        produce(s, (d) => {
          const dom = d.domains[call.dom]!;
          dom.exists = true;
          dom.cookie += 1;
        }),
        [OUT.NONE],
      );
    case 'notify':
      return notifyAtomic(s, call.caller, call.args);
    case 'notifyBegin':
    case 'notifySpace':
    case 'notifyPick':
    case 'notifySignal':
    case 'notifyHeader':
    case 'notifyEntry':
      return notifyStep(s, call);
    default:
      return unreachable(call);
  }
}

function unreachable(call: never): never {
  throw new Error(`unknown Argo call ${JSON.stringify(call)}`);
}

/**
 * `register_ring` with upstream's rules, in its order: a length that is not
 * a multiple of 16, below 48 or beyond the memory given is -EINVAL; an exact
 * partner that does not exist is -ESRCH; a caller without Argo -ENODEV; a
 * partner without Argo -ECONNREFUSED. A live ring may be registered again
 * with the same length (its contents and waiters stay; the partner instance
 * is recorded anew) unless FAIL_EXIST is given; any other length is
 * -EEXIST. A fresh ring starts empty (the guest zeroed its header).
 */
function register(s: ArgoState, caller: number, i: number, len: number, failExist: boolean): SpecResult {
  const r = s.rings[i]!;
  if (len < MIN_RING_LEN || len % SLOT !== 0 || len > r.capacity) return same(s, rc(-EINVAL));
  const exact = r.partner !== DOMID_ANY;
  const partner = exact ? s.domains[r.partner] : undefined;
  if (exact && (partner === undefined || !partner.exists)) return same(s, rc(-ESRCH));
  if (!s.domains[caller]!.argo) return same(s, rc(-ENODEV));
  if (partner !== undefined && !partner.argo) return same(s, rc(-ECONNREFUSED));
  const cookie = partner === undefined ? NO_COOKIE : partner.cookie;
  if (r.registered) {
    if (failExist || r.len !== len) return same(s, rc(-EEXIST));
    return r.partnerCookie === cookie ? same(s, rc(0)) : same(setRing(s, i, { ...r, partnerCookie: cookie }), rc(0));
  }
  return same(setRing(s, i, emptyRing(r, len, cookie)), rc(0));
}

/**
 * `sendv` of an L-byte payload, upstream's checks in order: -EINVAL for too
 * many iovs, -ESRCH when the destination domain does not exist, -ENODEV for
 * a sender without Argo, -ECONNREFUSED when no ring matches, -EMSGSIZE when
 * it can never fit, -EAGAIN (and the sender queued) when it does not fit now.
 */
function sendv(s: ArgoState, caller: number, dst: number, port: number, len: number, badNiov: boolean): SpecResult {
  const fail = (err: number): SpecResult => same(s, [OUT.SENDV, -err, -1, -1]);
  if (badNiov) return fail(EINVAL);
  const to = s.domains[dst];
  if (to === undefined || !to.exists) return fail(ESRCH);
  const me = s.domains[caller]!;
  if (!me.argo) return fail(ENODEV);
  const i = findRing(s, dst, port, caller);
  if (i < 0) return fail(ECONNREFUSED);
  const r = s.rings[i]!;
  if (len > r.len - RESERVED) return fail(EMSGSIZE);
  if (!acceptsLen(r, len)) {
    const pending = requeue(r.pending, caller, me.cookie, len);
    const out: ArgoOutcome = [OUT.SENDV, -EAGAIN, -1, -1];
    return samePending(pending, r.pending) ? same(s, out) : same(setRing(s, i, { ...r, pending }), out);
  }
  const msgs = [...r.msgs, { src: caller, len, stamp: r.tx / SLOT }];
  const owner = s.domains[r.owner]!;
  return same(setRing(s, i, { ...r, msgs, tx: (r.tx + msgSize(len)) % r.len }), [OUT.SENDV, len, r.owner, owner.cookie]);
}
