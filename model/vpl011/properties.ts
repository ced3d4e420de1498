import { always, sometimes, type Property, type TransitionProperty } from '../../checker/model.ts';
import { F, frame, N, NoteTag, W, type Layout, type Vpl011Impl } from '../../impl/vpl011/layout.ts';
import { Fr, Irq, Reg, widthMask } from '../../spec/vpl011/types.ts';
import { A, accountAt, nextAccepted } from './account.ts';
import type { Vpl011Config } from './config.ts';
import { ActionKind, E, type Vpl011Action } from './env.ts';
import { P } from './properties-names.ts';
import { slotOf } from './slot.ts';

export { P } from './properties-names.ts';

type IP = Property<Vpl011Impl, Vpl011Action>;
type TP = TransitionProperty<Vpl011Impl, Vpl011Action>;

const transition = (name: string, expectation: 'always' | 'sometimes', test: (from: Vpl011Impl, a: Vpl011Action, to: Vpl011Impl) => boolean, description?: string): TP =>
  description === undefined ? { name, expectation, transition: test } : { name, expectation, transition: test, description };

/**
 * The impl model's properties: the reference's invariants 1–5 and the
 * coverage witnesses. Each judges from first principles — the raw u32
 * indices, the bytes' sequence numbers, the model's account of the streams
 * (`account.ts`) and the events a step announces — never by calling the impl
 * function it judges. Order matters for reports: the first property a state
 * or transition breaks is the one named (transition properties are checked
 * when a successor is generated, state properties when it is explored).
 */
export function implProperties(cfg: Vpl011Config, L: Layout): readonly IP[] {
  const p = cfg.params;
  const nv = p.vcpus;
  const env = (s: Vpl011Impl, e: E): number => s.w[L.envBase + e]!;
  const account = (s: Vpl011Impl, f: A): number => s.w[L.envBase + accountAt(nv, f)]!;
  const queued = (s: Vpl011Impl, prodAt: W, consAt: W): number => (s.w[prodAt]! - s.w[consAt]!) >>> 0;
  const inQ = (s: Vpl011Impl): number => queued(s, W.IN_PROD, W.IN_CONS);
  const outQ = (s: Vpl011Impl): number => queued(s, W.OUT_PROD, W.OUT_CONS);
  const misOf = (s: Vpl011Impl): number => (s.w[W.RIS]! & s.w[W.IMSC]!) >>> 0;
  const has = (s: Vpl011Impl, at: W, bit: number): boolean => (s.w[at]! & bit) !== 0;
  const wrapped = (from: Vpl011Impl, to: Vpl011Impl, at: W): boolean => to.w[at]! >>> 0 < from.w[at]! >>> 0;
  const accessOf = (s: Vpl011Impl, a: Vpl011Action) => {
    if (a.kind === ActionKind.START) return cfg.menus[a.vcpu]![a.arg];
    if (a.kind === ActionKind.STEP) return cfg.menus[a.vcpu]![s.w[frame(a.vcpu, F.OP)]!];
    return undefined;
  };
  const drInFlight = (s: Vpl011Impl): boolean => {
    for (let v = 0; v < nv; v++) {
      const op = s.w[frame(v, F.OP)]!;
      const access = op >= 0 ? cfg.menus[v]![op] : undefined;
      if (access !== undefined && access.offset === Reg.DR && access.width !== 64) return true;
    }
    return false;
  };
  const expected: number[] = [];
  const rising =
    (bit: number): TP['transition'] =>
    (from, _a, to) =>
      !has(from, W.RIS, bit) && has(to, W.RIS, bit);
  const falling =
    (bit: number): TP['transition'] =>
    (from, _a, to) =>
      has(from, W.RIS, bit) && !has(to, W.RIS, bit);

  const all: IP[] = [
    transition(
      P.inStream,
      'always',
      (from, _a, to) => {
        if (to.note[N.TAG] !== NoteTag.DR_READ) return true;
        const value = to.note[N.VALUE]!;
        return inQ(from) !== 0 ? value === ((account(from, A.IN_READ) + 1) & 0xff) : value === 0;
      },
      'invariant 1 (IN): a DR read that finds IN non-empty (raw indices at the lock) returns the next input byte by sequence number — no duplicate, no gap, no reorder over all vCPUs; one that finds it empty returns 0',
    ),
    transition(
      P.outStream,
      'always',
      (from, a, to) => {
        if (to.note[N.TAG] === NoteTag.DR_WRITE) {
          const prod = from.w[W.OUT_PROD]! >>> 0;
          if (outQ(from) >= p.outSize) return to.w[W.OUT_PROD]! >>> 0 === prod;
          return to.w[W.OUT_PROD]! >>> 0 === (prod + 1) >>> 0 && to.mem[L.outBase + slotOf(prod, p.outSize)] === to.note[N.VALUE];
        }
        if (a.kind !== ActionKind.DRAIN) return true;
        const n = Math.min(outQ(from), p.outSize);
        const last = nextAccepted(account(from, A.DRAINED), account(from, A.DROPPED), n, expected);
        if (expected.length !== n || last > env(from, E.ISSUED)) return false;
        const cons = from.w[W.OUT_CONS]! >>> 0;
        for (let k = 0; k < n; k++) if (from.mem[L.outBase + slotOf((cons + k) >>> 0, p.outSize)] !== (expected[k]! & 0xff)) return false;
        return true;
      },
      'invariant 1 (OUT): a DR write is appended exactly when OUT is not full at the lock (raw indices) and dropped otherwise; the backend drains exactly the accepted writes, in order',
    ),
    always<Vpl011Impl>(P.bounded, (s) => inQ(s) <= p.inSize && outQ(s) <= p.outSize, 'invariant 2: the raw u32 difference prod − cons of each ring never exceeds its size'),
    always<Vpl011Impl>(
      P.flags,
      (s) => {
        const fr = s.w[W.FR]!;
        const rxfe = (fr & Fr.RXFE) !== 0;
        const txff = (fr & Fr.TXFF) !== 0;
        const safe =
          (inQ(s) !== 0 || rxfe) &&
          ((fr & Fr.RXFF) === 0 || inQ(s) === p.inSize) &&
          (outQ(s) !== p.outSize || txff) &&
          ((fr & Fr.TXFE) === 0 || outQ(s) === 0) &&
          ((fr & Fr.BUSY) !== 0) === txff;
        // Between a backend publish and its event, RXFE may still be set over new input and TXFF over freed room.
        if (env(s, E.OWED) === 1) return safe;
        return safe && (!rxfe || inQ(s) === 0) && (!txff || outQ(s) === p.outSize);
      },
      'invariant 3: RXFE ⇔ IN empty, RXFF ⇒ IN full, TXFF ⇔ OUT full, TXFE ⇒ OUT empty, BUSY ⇔ TXFF; while a publish awaits its event only the safe halves',
    ),
    ...(p.irqMode === 'edge'
      ? [
          transition(
            P.mis,
            'always',
            (from, a, to) => {
              if (to.note[N.TAG] === NoteTag.MIS_READ && to.note[N.VALUE] !== (misOf(from) & widthMask(accessOf(from, a)!.width)) >>> 0) return false;
              const rose = (misOf(to) & ~misOf(from)) !== 0;
              return to.note[N.INJECTIONS] === (rose ? 1 : 0) && (!rose || to.w[W.IRQ] === 1);
            },
            'invariant 4 (edge): a MIS read returns RIS & IMSC; a step injects the SPI once exactly when MIS gains a bit',
          ),
        ]
      : [
          transition(
            P.mis,
            'always',
            (from, a, to) =>
              (to.note[N.TAG] !== NoteTag.MIS_READ || to.note[N.VALUE] === (misOf(from) & widthMask(accessOf(from, a)!.width)) >>> 0) && (to.w[W.IRQ] === 1) === (misOf(to) !== 0),
            'invariant 4 (level): a MIS read returns RIS & IMSC; the line is high exactly while MIS ≠ 0',
          ),
        ]),
    transition(
      P.backendKick,
      'always',
      (from, a, to) => {
        const access = accessOf(from, a);
        const drDone = access !== undefined && access.offset === Reg.DR && access.width !== 64 && to.w[frame(a.vcpu, F.OP)]! < 0;
        return !drDone || to.w[W.EVTCHN] === 1;
      },
      "invariant 5 (backend), upstream's guarantee: when a DR read or write completes (empty-IN reads and full-OUT writes included), the backend has an event pending",
    ),
    always<Vpl011Impl>(
      P.backendWake,
      (s) => env(s, E.ASLEEP) === 0 || inQ(s) >= p.inSize || s.w[W.EVTCHN] === 1 || drInFlight(s),
      'invariant 5 (backend), its consequence: the backend never sleeps on a non-full IN unless its event is pending or a DR access (which sends one) is in flight',
    ),
    transition(
      P.guestWake,
      'always',
      (from, _a, to) => {
        if (to.note[N.TAG] !== NoteTag.NOTIFICATION || inQ(to) === 0) return true;
        if (!has(to, W.RIS, Irq.RTI)) return false;
        if (!has(to, W.IMSC, Irq.RTI)) return true;
        // Edge: an RTI already in MIS was signalled when it rose; the design sends no second interrupt for it.
        return to.w[W.IRQ] === 1 || (p.irqMode === 'edge' && (misOf(from) & Irq.RTI) !== 0);
      },
      'invariant 5 (guest): after the notification for input, RTI is raised and, when unmasked, the interrupt is pending (or, edge, was signalled when RTI rose)',
    ),
    sometimes<Vpl011Impl>(P.inFull, (s) => inQ(s) === p.inSize),
    sometimes<Vpl011Impl>(P.outFull, (s) => outQ(s) === p.outSize),
    transition(P.inWrap, 'sometimes', (from, _a, to) => wrapped(from, to, W.IN_PROD) || wrapped(from, to, W.IN_CONS), 'in_prod or in_cons went past 2^32'),
    transition(P.outWrap, 'sometimes', (from, _a, to) => wrapped(from, to, W.OUT_PROD) || wrapped(from, to, W.OUT_CONS), 'out_prod or out_cons went past 2^32'),
    transition(P.rxiRaised, 'sometimes', rising(Irq.RXI)),
    transition(P.rxiCleared, 'sometimes', falling(Irq.RXI)),
    transition(P.txiRaised, 'sometimes', rising(Irq.TXI)),
    transition(P.txiCleared, 'sometimes', falling(Irq.TXI)),
    transition(P.rtiRaised, 'sometimes', rising(Irq.RTI)),
    transition(P.rtiCleared, 'sometimes', falling(Irq.RTI)),
    sometimes<Vpl011Impl>(P.asleep, (s) => env(s, E.ASLEEP) === 1, 'the backend stopped reading input because IN was full'),
    transition(P.woken, 'sometimes', (from, _a, to) => env(from, E.ASLEEP) === 1 && env(to, E.ASLEEP) === 0, 'an event woke the sleeping backend'),
    ...(p.irqMode === 'edge'
      ? [transition(P.delivered, 'sometimes', (from, a) => a.kind === ActionKind.ACK && from.w[W.IRQ] === 1)]
      : [sometimes<Vpl011Impl>(P.lineHigh, (s) => s.w[W.IRQ] === 1)]),
  ];
  return all.filter((x) => x.expectation === 'always' || cfg.witnesses === 'all' || cfg.witnesses.includes(x.name));
}
