import { freeze } from 'immer';
import type { EncodeSink } from '../../checker/model.ts';
import {
  DRAINED_BYTES,
  FR_RESET,
  NOTIFIED_INJECTIONS,
  OUT,
  PRODUCED_COUNT,
  READ_INJECTIONS,
  READ_VALUE,
  REG_NAMES,
  WRITE_INJECTIONS,
  type Reg,
  type SpecRing,
  type Vpl011Call,
  type Vpl011Outcome,
  type Vpl011Params,
  type Vpl011State,
} from './types.ts';

/** Initial ring indices (free-running u32 counters; configurations start them near 2^32). */
export interface InitialIndices {
  readonly inIdx: number;
  readonly outIdx: number;
}

/** The state after `domain_vpl011_init`: FR = TXFE | RXFE, RIS = IMSC = 0, both rings empty at the given indices. */
export function initialState(p: Vpl011Params, idx: InitialIndices): Vpl011State {
  return freeze(
    {
      fr: FR_RESET,
      ris: 0,
      imsc: 0,
      shadowMis: 0,
      irq: false,
      inRing: { prod: idx.inIdx >>> 0, cons: idx.inIdx >>> 0, bytes: [] },
      outRing: { prod: idx.outIdx >>> 0, cons: idx.outIdx >>> 0, bytes: [] },
      backendEvent: false,
      produced: 0,
      kickOwed: Array.from({ length: p.vcpus }, () => false),
    },
    true,
  );
}

function encodeRing(r: SpecRing, sink: EncodeSink): void {
  sink.u32(r.prod);
  sink.u32(r.cons);
  sink.u32(r.bytes.length);
  for (const b of r.bytes) sink.u32(b);
}

/** Canonical encoding: fixed field order. */
export function encodeState(s: Vpl011State, sink: EncodeSink): void {
  sink.u32(s.fr);
  sink.u32(s.ris);
  sink.u32(s.imsc);
  sink.u32(s.shadowMis);
  sink.bool(s.irq);
  encodeRing(s.inRing, sink);
  encodeRing(s.outRing, sink);
  sink.bool(s.backendEvent);
  sink.u32(s.produced);
  for (const k of s.kickOwed) sink.bool(k);
}

function ringEquals(a: SpecRing, b: SpecRing): boolean {
  if (a.prod !== b.prod || a.cons !== b.cons || a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/** Equality of every field: an impl state stands for all of them. */
export function stateEquals(a: Vpl011State, b: Vpl011State): boolean {
  if (a === b) return true;
  if (a.fr !== b.fr || a.ris !== b.ris || a.imsc !== b.imsc || a.shadowMis !== b.shadowMis || a.irq !== b.irq) return false;
  if (a.backendEvent !== b.backendEvent || a.produced !== b.produced) return false;
  for (let i = 0; i < a.kickOwed.length; i++) if (a.kickOwed[i] !== b.kickOwed[i]) return false;
  return ringEquals(a.inRing, b.inRing) && ringEquals(a.outRing, b.outRing);
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;
const ringLine = (name: string, r: SpecRing): string => `${name}: prod=${hex(r.prod)} cons=${hex(r.cons)} bytes=[${r.bytes.join(' ')}]`;

/** One line per group of fields, for diffs. */
export function formatState(s: Vpl011State): string {
  const kicks = s.kickOwed.flatMap((k, v) => (k ? [`v${v}`] : []));
  return [
    `FR=${hex(s.fr)} RIS=${hex(s.ris)} IMSC=${hex(s.imsc)} shadowMIS=${hex(s.shadowMis)} irq=${s.irq ? 1 : 0}`,
    ringLine('IN', s.inRing),
    ringLine('OUT', s.outRing),
    `backend event ${s.backendEvent ? 'pending' : 'clear'}; produced ${s.produced}; kicks owed [${kicks.join(' ')}]`,
  ].join('\n');
}

/** A register offset by name, or in hex when it is not a register. */
export function formatOffset(offset: number): string {
  const name = (REG_NAMES as Partial<Record<number, string>>)[offset];
  return name ?? `offset ${hex(offset)}`;
}

export function formatCall(c: Vpl011Call): string {
  switch (c.kind) {
    case 'read':
      return `read ${formatOffset(c.offset as Reg)} (${c.width}-bit)`;
    case 'write':
      return `write ${formatOffset(c.offset as Reg)} := ${hex(c.value)} (${c.width}-bit)`;
    case 'kick':
      return 'event to the backend';
    case 'ack':
      return 'guest takes the interrupt';
    case 'produce':
      return `backend produces up to ${c.max} byte(s)`;
    case 'drain':
      return 'backend drains OUT';
    case 'notify':
      return 'backend event: notification handler';
    case 'wake':
      return 'backend consumes its event';
  }
}

export function formatOutcome(o: Vpl011Outcome): string {
  switch (o[0]!) {
    case OUT.READ:
      return `read ${hex(o[READ_VALUE]!)}${o[READ_INJECTIONS] ? `, ${o[READ_INJECTIONS]} injection(s)` : ''}`;
    case OUT.WRITE:
      return `written${o[WRITE_INJECTIONS] ? `, ${o[WRITE_INJECTIONS]} injection(s)` : ''}`;
    case OUT.ABORT:
      return 'data abort';
    case OUT.KICK:
      return 'backend event sent';
    case OUT.NO_KICK:
      return 'no DR access owed an event';
    case OUT.PRODUCED:
      return `${o[PRODUCED_COUNT]} byte(s) produced`;
    case OUT.DRAINED:
      return `drained [${o.slice(DRAINED_BYTES).join(' ')}]`;
    case OUT.NOTIFIED:
      return `notified${o[NOTIFIED_INJECTIONS] ? `, ${o[NOTIFIED_INJECTIONS]} injection(s)` : ''}`;
    case OUT.NONE:
      return 'done';
    default:
      return `outcome [${o.join(', ')}]`;
  }
}

export function outcomeEquals(a: Vpl011Outcome, b: Vpl011Outcome): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
