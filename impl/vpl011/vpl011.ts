import { FR_RESET, Fr, Irq, Reg, widthMask, type Width } from '../../spec/vpl011/types.ts';
import { F, frame, N, W, type Layout, type Vpl011Impl } from './layout.ts';
import type { Vpl011Quirks } from './quirks.ts';
import { xenconsMask, xenconsQueued } from './xencons.ts';

/**
 * Xen's vpl011 emulation (`xen/arch/arm/vpl011.c`) over the flat state: the
 * same functions, camel-cased, with the backend in a domain (the in-Xen
 * backend, `*_xen`, is not modelled). Every function here runs with the
 * per-domain vpl011 lock held unless it says otherwise; the lock itself is
 * the atomicity of one model step. Trigger thresholds (`size − L`) are
 * unsigned subtractions, as in the C. Nothing here reports what it did: the
 * model records each step's kind and the value the guest saw, and only the
 * vGIC counts its injections in the note.
 */

/** What `vpl011MmioRead` returns for a data abort to the guest (handler return 0). */
export const ABORTED = -1;

/** `domain_vpl011_init`'s register reset: FIFOs empty, nothing raised, everything masked. */
export function vpl011Init(s: Vpl011Impl, q: Vpl011Quirks): void {
  s.w[W.FR] = q.frResetZero ? 0 : FR_RESET;
  s.w[W.RIS] = 0;
  s.w[W.IMSC] = 0;
  s.w[W.SHADOW] = 0;
  s.w[W.IRQ] = 0;
}

/** `vgic_inject_irq`: edge mode raises the SPI's pending bit (an injection); level mode sets the line. */
function vgicInjectIrq(s: Vpl011Impl, L: Layout, level: boolean): void {
  if (L.p.irqMode === 'edge') {
    s.note[N.INJECTIONS]!++;
    s.w[W.IRQ] = 1;
  } else {
    s.w[W.IRQ] = level ? 1 : 0;
  }
}

/** `vpl011_update_interrupt_status`: edge injects when MIS gained a bit since the last call (kept in the shadow); level follows MIS. */
export function vpl011UpdateInterruptStatus(s: Vpl011Impl, L: Layout): void {
  const uartmis = s.w[W.RIS]! & s.w[W.IMSC]!;
  if (L.p.irqMode === 'edge') {
    if ((uartmis & ~s.w[W.SHADOW]!) !== 0) vgicInjectIrq(s, L, true);
    s.w[W.SHADOW] = uartmis;
  } else {
    vgicInjectIrq(s, L, uartmis !== 0);
  }
}

/**
 * The guest takes the pending SPI (edge mode): the vGIC's pending bit
 * clears. A level line is not taken this way: the environment never offers
 * the guest's acknowledgement in level mode, so the test below is never
 * false in any configuration.
 */
export function vgicAck(s: Vpl011Impl, L: Layout): void {
  if (L.p.irqMode === 'edge') s.w[W.IRQ] = 0;
}

/** `notify_via_xen_event_channel`: sent after the unlock; events coalesce on the pending bit. */
export function notifyViaXenEventChannel(s: Vpl011Impl): void {
  s.w[W.EVTCHN] = 1;
}

/**
 * The indices a locked DR access works from: read under the lock, except
 * with the seed's `indicesBeforeLock`, which uses the copies its frame took
 * before locking (`vpl011SnapshotIndices`).
 */
function indices(s: Vpl011Impl, v: number, q: Vpl011Quirks, consAt: W, prodAt: W): readonly [number, number] {
  if (q.indicesBeforeLock) return [s.w[frame(v, F.CONS)]! >>> 0, s.w[frame(v, F.PROD)]! >>> 0];
  return [s.w[consAt]! >>> 0, s.w[prodAt]! >>> 0];
}

/** The seed's unlocked prologue of a DR access: copy the ring's indices into the frame before taking the lock. */
export function vpl011SnapshotIndices(s: Vpl011Impl, v: number, dir: 'read' | 'write'): void {
  s.w[frame(v, F.CONS)] = s.w[dir === 'read' ? W.IN_CONS : W.OUT_CONS]!;
  s.w[frame(v, F.PROD)] = s.w[dir === 'read' ? W.IN_PROD : W.OUT_PROD]!;
}

/** `vpl011_read_data` up to the unlock (the event to the backend is the caller's next step). */
export function vpl011ReadData(s: Vpl011Impl, L: Layout, q: Vpl011Quirks, v: number): number {
  const size = L.p.inSize;
  const [inCons, inProd] = indices(s, v, q, W.IN_CONS, W.IN_PROD);
  let data = 0;
  if (xenconsQueued(inProd, inCons, size) > 0) {
    data = s.mem[L.inBase + xenconsMask(inCons, size)]!;
    const cons = (inCons + 1) >>> 0;
    s.w[W.IN_CONS] = cons;
    const fifoLevel = xenconsQueued(inProd, cons, size);
    // Empty now: no receive timeout either.
    if (fifoLevel === 0) {
      s.w[W.FR]! |= Fr.RXFE;
      s.w[W.RIS]! &= ~Irq.RTI;
    }
    // Below the trigger level: the RX interrupt goes.
    if (fifoLevel < (size - L.p.level) >>> 0) s.w[W.RIS]! &= ~Irq.RXI;
    vpl011UpdateInterruptStatus(s, L);
  }
  // A byte was taken or there was none: IN is not full either way.
  s.w[W.FR]! &= ~Fr.RXFF;
  return data;
}

/** `vpl011_update_tx_fifo_status`: TXI while OUT has room for L more bytes. */
export function vpl011UpdateTxFifoStatus(s: Vpl011Impl, L: Layout, fifoLevel: number): void {
  if (fifoLevel <= (L.p.outSize - L.p.level) >>> 0) s.w[W.RIS]! |= Irq.TXI;
  else s.w[W.RIS]! &= ~Irq.TXI;
}

/** `vpl011_write_data` up to the unlock (the event to the backend is the caller's next step). */
export function vpl011WriteData(s: Vpl011Impl, L: Layout, q: Vpl011Quirks, v: number, data: number): void {
  const size = L.p.outSize;
  const [outCons, outProd] = indices(s, v, q, W.OUT_CONS, W.OUT_PROD);
  if (xenconsQueued(outProd, outCons, size) !== size) {
    s.mem[L.outBase + xenconsMask(outProd, size)] = data;
    const prod = (outProd + 1) >>> 0;
    s.w[W.OUT_PROD] = prod;
    const fifoLevel = xenconsQueued(prod, outCons, size);
    // Full: BUSY only now, so a driver can push early-console bytes without waiting on BUSY per byte.
    if (fifoLevel === size) s.w[W.FR]! |= Fr.TXFF | Fr.BUSY;
    vpl011UpdateTxFifoStatus(s, L, fifoLevel);
    vpl011UpdateInterruptStatus(s, L);
  }
  s.w[W.FR]! &= ~Fr.TXFE;
}

/** `vreg_reg32_extract` at a register's own offset: the low byte, halfword or word. */
const extract = (reg: number, width: Width): number => (reg & widthMask(width)) >>> 0;

/**
 * `vpl011_mmio_read`: the register's value, or `ABORTED`. A DR read here is
 * its locked part only. 64-bit accesses abort on every decoded register;
 * ICR is write-only; any other offset (offset + 1..3 included) reads as zero.
 */
export function vpl011MmioRead(s: Vpl011Impl, L: Layout, q: Vpl011Quirks, v: number, offset: number, width: Width): number {
  const ok = width !== 64;
  switch (offset) {
    case Reg.DR:
      return ok ? extract(vpl011ReadData(s, L, q, v), width) : ABORTED;
    case Reg.RSR:
      return ok ? 0 : ABORTED;
    case Reg.FR:
      return ok ? extract(s.w[W.FR]!, width) : ABORTED;
    case Reg.RIS:
      return ok ? extract(s.w[W.RIS]!, width) : ABORTED;
    case Reg.MIS:
      return ok ? extract(s.w[W.RIS]! & s.w[W.IMSC]!, width) : ABORTED;
    case Reg.IMSC:
      return ok ? extract(s.w[W.IMSC]!, width) : ABORTED;
    case Reg.ICR:
      return ABORTED;
    default:
      return 0;
  }
}

/** `vreg_reg32_update` at a register's own offset: replace the low `width` bits. */
const update = (reg: number, value: number, width: Width): number => ((reg & ~widthMask(width)) | (value & widthMask(width))) >>> 0;

/** `vpl011_mmio_write`: false for a data abort. A DR write here is its locked part only (`data` is the byte after masking). */
export function vpl011MmioWrite(s: Vpl011Impl, L: Layout, q: Vpl011Quirks, v: number, offset: number, width: Width, value: number): boolean {
  const ok = width !== 64;
  switch (offset) {
    case Reg.DR:
      if (!ok) return false;
      vpl011WriteData(s, L, q, v, update(0, value, width) & 0xff);
      return true;
    case Reg.RSR:
      return ok;
    case Reg.FR:
    case Reg.RIS:
    case Reg.MIS:
      return true;
    case Reg.IMSC:
      if (!ok) return false;
      s.w[W.IMSC] = update(s.w[W.IMSC]! >>> 0, value, width);
      vpl011UpdateInterruptStatus(s, L);
      return true;
    case Reg.ICR:
      if (!ok) return false;
      s.w[W.RIS] = (s.w[W.RIS]! & ~(value & widthMask(width))) >>> 0;
      vpl011UpdateInterruptStatus(s, L);
      return true;
    default:
      return true;
  }
}

/** `vpl011_data_avail`: flags move one way only; TXFE is set after the evaluation. */
export function vpl011DataAvail(s: Vpl011Impl, L: Layout, inFifoLevel: number, inSize: number, outFifoLevel: number, outSize: number): void {
  if (inFifoLevel > 0) s.w[W.FR]! &= ~Fr.RXFE;
  if (inFifoLevel === inSize) s.w[W.FR]! |= Fr.RXFF;
  if (inFifoLevel >= (inSize - L.p.level) >>> 0) s.w[W.RIS]! |= Irq.RXI;
  // No timing is emulated: any queued input counts as a receive timeout.
  if (inFifoLevel > 0) s.w[W.RIS]! |= Irq.RTI;
  if (outFifoLevel !== outSize) {
    s.w[W.FR]! &= ~(Fr.TXFF | Fr.BUSY);
    vpl011UpdateTxFifoStatus(s, L, outFifoLevel);
  }
  vpl011UpdateInterruptStatus(s, L);
  if (outFifoLevel === 0) s.w[W.FR]! |= Fr.TXFE;
}

/** `vpl011_notification`: the backend's event, run inside its event-channel send; indices read under the lock. */
export function vpl011Notification(s: Vpl011Impl, L: Layout): void {
  const inLevel = xenconsQueued(s.w[W.IN_PROD]!, s.w[W.IN_CONS]!, L.p.inSize);
  const outLevel = xenconsQueued(s.w[W.OUT_PROD]!, s.w[W.OUT_CONS]!, L.p.outSize);
  vpl011DataAvail(s, L, inLevel, L.p.inSize, outLevel, L.p.outSize);
}
