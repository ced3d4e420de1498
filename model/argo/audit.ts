import { payloadSpace } from '../../spec/argo/ring.ts';
import { DOMID_ANY, type NotifyArgs } from '../../spec/argo/types.ts';
import { AUDIT_WORDS, D_ARGO, D_COOKIE, D_EXISTS, dom, F_OP, frame, R_LEN, R_NPEND, R_PEND, R_REG, R_RX, R_TX, ring, type ArgoImpl, type Layout } from '../../impl/argo/layout.ts';
import { NOTE, NOTE_PICK, NOTE_SIGNALS, NOTE_SPACE } from '../../impl/argo/ops.ts';
import { BUDGET_WORDS } from './env.ts';

/**
 * The environment's own account of each notify in flight, kept in the impl
 * state's environment words and computed from what it can observe — the
 * state before and after each step, and the events a step announces (which
 * ring it measured, who it signalled) — never from what the impl computed.
 * Payload spaces are measured with the spec's formula. Every word here is
 * determined by the notify frame in a correct impl, so the account adds no
 * states; it is reset when the notify completes, when it is judged.
 */

/** Audit words per domain, after the budgets. */
export const Audit = {
  /** Bit per ring: snapshots taken. */
  visited: 0,
  /** Bit per ring: measured with S > 0 and not picked yet. */
  needPick: 1,
  /** The payload space of the current ring at its snapshot, by the spec's formula. */
  space: 2,
  /** Bit per sender instance (`instanceBit`): picked and not yet signalled or dropped. */
  owed: 3,
  /** Ring-data entries answered. */
  entries: 4,
} as const;
export const AUDIT_PER_DOMAIN = 5;

/** Why a completed notify failed the audit (0: it passed). */
export const Incomplete = {
  none: 0,
  ringNotVisited: 1,
  ringNotPicked: 2,
  waiterNotSignalled: 3,
  entriesNotAnswered: 4,
} as const;

/** Sentences for `Incomplete` codes. */
export const INCOMPLETE_REASONS: Record<number, string> = {
  [Incomplete.ringNotVisited]: 'an own ring was never measured',
  [Incomplete.ringNotPicked]: 'a ring measured with space > 0 had no pick',
  [Incomplete.waiterNotSignalled]: 'a picked waiter was neither signalled nor dropped',
  [Incomplete.entriesNotAnswered]: 'not every entry up to the first fault was answered',
};

/** Where the environment's words are: budgets, then the audit, then per ring the instance it was registered for. */
export interface EnvLayout {
  readonly budgets: number;
  readonly audit: number;
  readonly registeredFor: number;
  readonly words: number;
}

export function envLayout(nDom: number, nRing: number): EnvLayout {
  const audit = BUDGET_WORDS * nDom;
  const registeredFor = audit + AUDIT_PER_DOMAIN * nDom;
  return { budgets: 0, audit, registeredFor, words: registeredFor + nRing };
}

/** Word index (in `s.w`) of domain `d`'s audit field `f`. */
export const auditAt = (L: Layout, E: EnvLayout, d: number, f: number): number => L.envBase + E.audit + AUDIT_PER_DOMAIN * d + f;
/** Word index of the cookie of the partner instance ring `r` was last registered for (-1: none). */
export const registeredForAt = (L: Layout, E: EnvLayout, r: number): number => L.envBase + E.registeredFor + r;

/** The bit of sender instance (dom, cookie) in `Audit.owed`. */
export function instanceBit(d: number, cookie: number): number {
  if (cookie > 7 || d > 3) throw new RangeError(`instance d${d}.c${cookie} is beyond the audit's 32 bits`);
  return 1 << (8 * d + cookie);
}

/** The payload space of ring `r` by the spec's formula, from the ring's length and pointers. */
export function specSpaceOf(s: ArgoImpl, L: Layout, r: number): number {
  return payloadSpace({ len: s.w[ring(L, r, R_LEN)]!, tx: s.w[ring(L, r, R_TX)]! >>> 0, rx: s.w[ring(L, r, R_RX)]! >>> 0 });
}

/** Whether ring `r` of `s` holds a pending entry for (d, cookie). */
export function pendingHas(s: ArgoImpl, L: Layout, r: number, d: number, cookie: number): boolean {
  for (let k = 0; k < s.w[ring(L, r, R_NPEND)]!; k++) {
    const at = ring(L, r, R_PEND + 3 * k);
    if (s.w[at] === d && s.w[at + 1] === cookie) return true;
  }
  return false;
}

/** Entries a notify with `args` must answer when its argument checks pass: none without a valid header, else up to the first faulting entry. */
export function expectedEntries(args: NotifyArgs): number {
  if (args.handle !== 'entries') return 0;
  const k = args.entries.findIndex((e) => e.fault !== 'none');
  return k < 0 ? args.entries.length : k + 1;
}

/**
 * Updates `to`'s audit for domain `d` after one step of its notify (from
 * `from`), and judges the notify when `to` shows it completed: the verdict
 * goes to `to.note`'s audit words (`[1, reason]`), and the audit is reset.
 */
export function auditNotifyStep(L: Layout, E: EnvLayout, from: ArgoImpl, to: ArgoImpl, d: number, args: NotifyArgs): void {
  const at = (f: number): number => auditAt(L, E, d, f);
  const w = to.w;
  const note = to.note;
  switch (note[0]!) {
    case NOTE.SPACE: {
      const r = note[NOTE_SPACE.ring]!;
      const space = specSpaceOf(to, L, r);
      w[at(Audit.visited)]! |= 1 << r;
      w[at(Audit.space)] = space;
      if (space > 0) w[at(Audit.needPick)]! |= 1 << r;
      break;
    }
    case NOTE.PICK: {
      const r = note[NOTE_PICK.ring]!;
      for (let k = 0; k < from.w[ring(L, r, R_NPEND)]!; k++) {
        const p = ring(L, r, R_PEND + 3 * k);
        if (!pendingHas(to, L, r, from.w[p]!, from.w[p + 1]!)) w[at(Audit.owed)]! |= instanceBit(from.w[p]!, from.w[p + 1]!);
      }
      w[at(Audit.needPick)]! &= ~(1 << r);
      w[at(Audit.space)] = 0;
      break;
    }
    case NOTE.SIGNALS:
      for (let k = 0; k < note[NOTE_SIGNALS.count]!; k++) {
        const base = NOTE_SIGNALS.first + NOTE_SIGNALS.stride * k;
        w[at(Audit.owed)]! &= ~instanceBit(note[base + NOTE_SIGNALS.dom]!, note[base + NOTE_SIGNALS.asked]!);
      }
      break;
    case NOTE.ENTRY:
      w[at(Audit.entries)]!++;
      break;
    default:
      break;
  }
  if (w[frame(L, d, F_OP)]! >= 0) return;
  note[note.length - AUDIT_WORDS] = 1;
  note[note.length - AUDIT_WORDS + 1] = judge(L, E, to, d, args);
  for (let f = 0; f < AUDIT_PER_DOMAIN; f++) w[at(f)] = 0;
}

function judge(L: Layout, E: EnvLayout, s: ArgoImpl, d: number, args: NotifyArgs): number {
  const at = (f: number): number => auditAt(L, E, d, f);
  const began = !args.unusedNonZero && s.w[dom(L, d, D_ARGO)] === 1 && s.w[dom(L, d, D_EXISTS)] === 1;
  let own = 0;
  if (began) for (let r = 0; r < L.nRing; r++) if (L.shape.rings[r]!.owner === d && s.w[ring(L, r, R_REG)] === 1) own |= 1 << r;
  if ((own & ~s.w[at(Audit.visited)]!) !== 0) return Incomplete.ringNotVisited;
  if (s.w[at(Audit.needPick)] !== 0) return Incomplete.ringNotPicked;
  if (s.w[at(Audit.owed)] !== 0) return Incomplete.waiterNotSignalled;
  if (s.w[at(Audit.entries)] !== (began ? expectedEntries(args) : 0)) return Incomplete.entriesNotAnswered;
  return Incomplete.none;
}

/** Records, after a register call that returned 0, which instance of ring `r`'s exact partner it is for (read from the domain's own words). */
export function noteRegistered(L: Layout, E: EnvLayout, s: ArgoImpl, r: number): void {
  const partner = L.shape.rings[r]!.partner;
  s.w[registeredForAt(L, E, r)] = partner === DOMID_ANY ? -1 : s.w[dom(L, partner, D_COOKIE)]!;
}

/** Forgets the registered-for instance of every ring `s` shows unregistered. */
export function forgetUnregistered(L: Layout, E: EnvLayout, s: ArgoImpl): void {
  for (let r = 0; r < L.nRing; r++) if (s.w[ring(L, r, R_REG)] !== 1) s.w[registeredForAt(L, E, r)] = -1;
}

/** The initial registered-for words: the partner's first instance for exact rings registered at the start. */
export function initialRegisteredFor(L: Layout, E: EnvLayout, s: ArgoImpl): void {
  for (let r = 0; r < L.nRing; r++) {
    const decl = L.shape.rings[r]!;
    s.w[registeredForAt(L, E, r)] = decl.len > 0 && decl.partner !== DOMID_ANY ? 0 : -1;
  }
}

/** The environment's account, as part of a state's rendering: the audit of each notify in flight and whom each exact ring was registered for. */
export function formatAccount(s: ArgoImpl, L: Layout, E: EnvLayout): string {
  const parts: string[] = [];
  for (let d = 0; d < L.nDom; d++) {
    const at = (f: number): number => s.w[auditAt(L, E, d, f)]!;
    if (at(Audit.visited) === 0 && at(Audit.needPick) === 0 && at(Audit.space) === 0 && at(Audit.owed) === 0 && at(Audit.entries) === 0) continue;
    parts.push(
      `d${d} notify: measured 0x${at(Audit.visited).toString(16)}, to pick 0x${at(Audit.needPick).toString(16)}, S ${at(Audit.space)}, owed 0x${(at(Audit.owed) >>> 0).toString(16)}, entries ${at(Audit.entries)}`,
    );
  }
  for (let r = 0; r < L.nRing; r++) {
    const c = s.w[registeredForAt(L, E, r)]!;
    if (c >= 0) parts.push(`ring${r} for d${L.shape.rings[r]!.partner}.c${c}`);
  }
  return `environment account: ${parts.length === 0 ? 'nothing in flight' : parts.join('; ')}`;
}
