import { freeze } from 'immer';
import { Fr, Irq, OUT, Reg, widthMask, type SpecRing, type Vpl011Call, type Vpl011Outcome, type Vpl011Params, type Vpl011State, type Width } from './types.ts';

/**
 * The reference semantics of every call, over immutable states. Ring levels
 * are the lengths of the spec's own byte lists (never masked index
 * arithmetic): the reference knows how many bytes are queued.
 */

/** A successor state with the outcome the call produced. */
export interface SpecResult {
  readonly state: Vpl011State;
  readonly outcome: Vpl011Outcome;
}

/** A mutable working copy of a state, frozen again when the call is done. */
interface Draft {
  fr: number;
  ris: number;
  imsc: number;
  shadowMis: number;
  irq: boolean;
  inRing: SpecRing;
  outRing: SpecRing;
  backendEvent: boolean;
  produced: number;
  kickOwed: readonly boolean[];
  /** Injections made by this call (edge mode). */
  injections: number;
}

const draftOf = (s: Vpl011State): Draft => ({ ...s, injections: 0 });

function done(d: Draft, outcome: Vpl011Outcome): SpecResult {
  const { injections: _i, ...state } = d;
  return { state: freeze(state, true), outcome };
}

const same = (s: Vpl011State, outcome: Vpl011Outcome): SpecResult => ({ state: s, outcome });

/** MIS is computed, never stored: the masked raw status. */
export const mis = (s: { readonly ris: number; readonly imsc: number }): number => (s.ris & s.imsc) >>> 0;

/** The interrupt controller sees the new MIS: edge injects for bits MIS gained since the last evaluation; level follows MIS. */
function evaluate(d: Draft, p: Vpl011Params): void {
  const m = mis(d);
  if (p.irqMode === 'edge') {
    if ((m & ~d.shadowMis) !== 0) {
      d.injections++;
      d.irq = true;
    }
    d.shadowMis = m;
  } else {
    d.irq = m !== 0;
  }
}

const markKick = (d: Draft, actor: number): void => {
  const k = d.kickOwed.slice();
  k[actor] = true;
  d.kickOwed = k;
};

/** DR read at the lock: the oldest IN byte (0 when IN is empty, which changes no interrupt state), then RXFF cleared; the kick follows. */
function readData(d: Draft, p: Vpl011Params, actor: number): number {
  const ring = d.inRing;
  let data = 0;
  if (ring.bytes.length > 0) {
    data = ring.bytes[0]!;
    d.inRing = { prod: ring.prod, cons: (ring.cons + 1) >>> 0, bytes: ring.bytes.slice(1) };
    const level = ring.bytes.length - 1;
    if (level === 0) {
      d.fr |= Fr.RXFE;
      d.ris &= ~Irq.RTI;
    }
    if (level < p.inSize - p.level) d.ris &= ~Irq.RXI;
    evaluate(d, p);
  }
  d.fr &= ~Fr.RXFF;
  markKick(d, actor);
  return data;
}

/** TXI asserted while the OUT level leaves room for L bytes, deasserted otherwise. */
function txFifoStatus(d: Draft, p: Vpl011Params, level: number): void {
  if (level <= p.outSize - p.level) d.ris |= Irq.TXI;
  else d.ris &= ~Irq.TXI;
}

/** DR write at the lock: append to OUT unless it is full (then the byte is dropped and nothing is re-evaluated); TXFE cleared; the kick follows. */
function writeData(d: Draft, p: Vpl011Params, actor: number, data: number): void {
  const ring = d.outRing;
  if (ring.bytes.length !== p.outSize) {
    d.outRing = { prod: (ring.prod + 1) >>> 0, cons: ring.cons, bytes: [...ring.bytes, data] };
    const level = ring.bytes.length + 1;
    if (level === p.outSize) d.fr |= Fr.TXFF | Fr.BUSY;
    txFifoStatus(d, p, level);
    evaluate(d, p);
  }
  d.fr &= ~Fr.TXFE;
  markKick(d, actor);
}

/** The low `width` bits of a register value (narrow accesses read the low byte or halfword). */
const extract = (value: number, width: Width): number => (value & widthMask(width)) >>> 0;

function read(s: Vpl011State, p: Vpl011Params, actor: number, offset: number, width: Width): SpecResult {
  const ok = width !== 64;
  const abort: Vpl011Outcome = [OUT.ABORT];
  const value = (v: number): SpecResult => same(s, [OUT.READ, extract(v, width), 0]);
  switch (offset) {
    case Reg.DR: {
      if (!ok) return same(s, abort);
      const d = draftOf(s);
      const data = readData(d, p, actor);
      return done(d, [OUT.READ, extract(data, width), d.injections]);
    }
    case Reg.RSR:
      return ok ? value(0) : same(s, abort);
    case Reg.FR:
      return ok ? value(s.fr) : same(s, abort);
    case Reg.RIS:
      return ok ? value(s.ris) : same(s, abort);
    case Reg.MIS:
      return ok ? value(mis(s)) : same(s, abort);
    case Reg.IMSC:
      return ok ? value(s.imsc) : same(s, abort);
    case Reg.ICR:
      // Write-only: a read aborts at every width.
      return same(s, abort);
    default:
      // Any other offset, at any width (offset + 1..3 of a register included), reads as zero.
      return value(0);
  }
}

function write(s: Vpl011State, p: Vpl011Params, actor: number, offset: number, width: Width, value: number): SpecResult {
  const ok = width !== 64;
  const bits = extract(value, width);
  switch (offset) {
    case Reg.DR: {
      if (!ok) return same(s, [OUT.ABORT]);
      const d = draftOf(s);
      writeData(d, p, actor, bits & 0xff);
      return done(d, [OUT.WRITE, d.injections]);
    }
    case Reg.RSR:
      return same(s, ok ? [OUT.WRITE, 0] : [OUT.ABORT]);
    case Reg.IMSC: {
      if (!ok) return same(s, [OUT.ABORT]);
      const d = draftOf(s);
      // A narrow write replaces the low byte or halfword only.
      d.imsc = ((s.imsc & ~widthMask(width)) | bits) >>> 0;
      evaluate(d, p);
      return done(d, [OUT.WRITE, d.injections]);
    }
    case Reg.ICR: {
      if (!ok) return same(s, [OUT.ABORT]);
      const d = draftOf(s);
      d.ris = (s.ris & ~bits) >>> 0;
      evaluate(d, p);
      return done(d, [OUT.WRITE, d.injections]);
    }
    default:
      // FR, RIS and MIS ignore writes at any width; so does every other offset.
      return same(s, [OUT.WRITE, 0]);
  }
}

/**
 * The backend's event: Xen's notification handler sees both ring levels and
 * moves flags one way only (clears RXFE, sets RXFF, raises RXI and RTI; for
 * OUT not full clears TXFF and BUSY and recomputes TXI), evaluates, then sets
 * TXFE when OUT is empty.
 */
function notify(s: Vpl011State, p: Vpl011Params): SpecResult {
  const d = draftOf(s);
  const inLevel = s.inRing.bytes.length;
  const outLevel = s.outRing.bytes.length;
  if (inLevel > 0) d.fr &= ~Fr.RXFE;
  if (inLevel === p.inSize) d.fr |= Fr.RXFF;
  if (inLevel >= p.inSize - p.level) d.ris |= Irq.RXI;
  if (inLevel > 0) d.ris |= Irq.RTI;
  if (outLevel !== p.outSize) {
    d.fr &= ~(Fr.TXFF | Fr.BUSY);
    txFifoStatus(d, p, outLevel);
  }
  evaluate(d, p);
  if (outLevel === 0) d.fr |= Fr.TXFE;
  return done(d, [OUT.NOTIFIED, d.injections]);
}

/** Applies one call by `actor` (a vCPU index for guest calls). Deterministic: one outcome per call. */
export function applyCall(s: Vpl011State, p: Vpl011Params, actor: number, call: Vpl011Call): SpecResult {
  switch (call.kind) {
    case 'read':
      return read(s, p, actor, call.offset, call.width);
    case 'write':
      return write(s, p, actor, call.offset, call.width, call.value);
    case 'kick': {
      if (s.kickOwed[actor] !== true) return same(s, [OUT.NO_KICK]);
      const d = draftOf(s);
      const k = s.kickOwed.slice();
      k[actor] = false;
      d.kickOwed = k;
      d.backendEvent = true;
      return done(d, [OUT.KICK]);
    }
    case 'ack': {
      // The guest takes the pending SPI (edge mode); a level line stays as MIS says.
      if (p.irqMode === 'level' || !s.irq) return same(s, [OUT.NONE]);
      return done({ ...draftOf(s), irq: false }, [OUT.NONE]);
    }
    case 'produce': {
      const ring = s.inRing;
      const n = Math.max(0, Math.min(call.max, p.inSize - ring.bytes.length));
      if (n === 0) return same(s, [OUT.PRODUCED, 0]);
      const bytes = [...ring.bytes];
      for (let k = 1; k <= n; k++) bytes.push(s.produced + k);
      return done({ ...draftOf(s), produced: s.produced + n, inRing: { prod: (ring.prod + n) >>> 0, cons: ring.cons, bytes } }, [OUT.PRODUCED, n]);
    }
    case 'drain': {
      const ring = s.outRing;
      return done({ ...draftOf(s), outRing: { prod: ring.prod, cons: ring.prod, bytes: [] } }, [OUT.DRAINED, ...ring.bytes]);
    }
    case 'notify':
      return notify(s, p);
    case 'wake':
      return s.backendEvent ? done({ ...draftOf(s), backendEvent: false }, [OUT.NONE]) : same(s, [OUT.NONE]);
    default:
      return assertNever(call);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected call ${JSON.stringify(x)}`);
}
