/**
 * vpl011 reference vocabulary: the SBSA generic UART (a PL011 subset) that
 * Xen emulates for Arm guests, whose RX FIFO is the xencons IN ring and whose
 * TX FIFO is the OUT ring, shared with the console backend. Facts from seed
 * `003_*`, `reference/vpl011.md` and upstream `xen/arch/arm/vpl011.c`
 * (upstream wins where they differ; the README lists where).
 */

/** Register offsets from the UART's base (only the register's own offset is decoded). */
export const enum Reg {
  DR = 0x00,
  RSR = 0x04,
  FR = 0x18,
  IMSC = 0x38,
  RIS = 0x3c,
  MIS = 0x40,
  ICR = 0x44,
}

/** Every decoded register offset, in a fixed order. */
export const REGS: readonly Reg[] = [Reg.DR, Reg.RSR, Reg.FR, Reg.IMSC, Reg.RIS, Reg.MIS, Reg.ICR];

/** Names of the decoded registers, for traces. */
export const REG_NAMES = {
  [Reg.DR]: 'DR',
  [Reg.RSR]: 'RSR',
  [Reg.FR]: 'FR',
  [Reg.IMSC]: 'IMSC',
  [Reg.RIS]: 'RIS',
  [Reg.MIS]: 'MIS',
  [Reg.ICR]: 'ICR',
} as const satisfies Record<Reg, string>;

/** Flag register bits. */
export const enum Fr {
  BUSY = 0x08,
  RXFE = 0x10,
  TXFF = 0x20,
  RXFF = 0x40,
  TXFE = 0x80,
}

/** Interrupt bits of IMSC, RIS, MIS and ICR (the only bits RIS ever holds). */
export const enum Irq {
  RXI = 0x10,
  TXI = 0x20,
  RTI = 0x40,
}

/** FR after reset (upstream sets it in `domain_vpl011_init`): both FIFOs empty. */
export const FR_RESET = Fr.TXFE | Fr.RXFE;

/** MMIO access widths in bits; 64 is the one the handlers refuse. */
export type Width = 8 | 16 | 32 | 64;

/** The mask of the low `width` bits of a 32-bit register (all of it for 32 and 64). */
export function widthMask(width: Width): number {
  switch (width) {
    case 8:
      return 0xff;
    case 16:
      return 0xffff;
    case 32:
    case 64:
      return 0xffffffff;
  }
}

/** How the vGIC treats the UART's SPI: edge (old vGIC, inject on a new MIS bit) or level (new vGIC: line = MIS ≠ 0). */
export type IrqMode = 'edge' | 'level';

/** An MMIO access as a guest issues it: direction, offset from the UART base, width, and (writes) the register value. */
export interface MmioAccess {
  readonly dir: 'read' | 'write';
  readonly offset: number;
  readonly width: Width;
  /** The value written; a DR write's value is the environment's next sequence number instead (`dataValue`). */
  readonly value: number;
}

/** The fixed parameters of one configuration. */
export interface Vpl011Params {
  /** `sizeof(intf->in)`: a power of two. */
  readonly inSize: number;
  /** `sizeof(intf->out)`: a power of two. */
  readonly outSize: number;
  /** FIFO trigger level L (upstream: 16, half the SBSA FIFO); 0 < L < inSize and L ≤ outSize. */
  readonly level: number;
  readonly irqMode: IrqMode;
  /** Guest vCPUs. */
  readonly vcpus: number;
}

/**
 * One ring as the reference sees it: the raw u32 indices and the bytes
 * between them, oldest first (`(prod − cons) mod 2^32 = bytes.length`).
 * Bytes carry sequence numbers: IN byte k of the backend's input is k, OUT
 * bytes are the guest's write numbers.
 */
export interface SpecRing {
  readonly prod: number;
  readonly cons: number;
  readonly bytes: readonly number[];
}

/** The whole reference state. */
export interface Vpl011State {
  readonly fr: number;
  readonly ris: number;
  /** IMSC as last written (bits outside RXI/TXI/RTI kept). */
  readonly imsc: number;
  /** Edge mode: MIS at the previous evaluation (0 in level mode). */
  readonly shadowMis: number;
  /** Edge mode: the vGIC has the SPI pending (injected, not yet taken); level mode: the line is high. */
  readonly irq: boolean;
  readonly inRing: SpecRing;
  readonly outRing: SpecRing;
  /** The event channel to the backend is pending (events coalesce on this bit). */
  readonly backendEvent: boolean;
  /** Bytes the backend has produced so far: the next IN byte is `produced + 1`. */
  readonly produced: number;
  /** Per vCPU: a DR access took effect and still owes its event to the backend (sent after the unlock). */
  readonly kickOwed: readonly boolean[];
}

/**
 * A spec call. Guest calls (`read`, `write`, `kick`, `ack`) are made by a
 * vCPU (the actor); backend calls by the console backend. A DR access is
 * `read`/`write` at the lock, then `kick` (its event to the backend) after
 * the unlock.
 */
export type Vpl011Call =
  | { readonly kind: 'read'; readonly offset: number; readonly width: Width }
  | { readonly kind: 'write'; readonly offset: number; readonly width: Width; readonly value: number }
  | { readonly kind: 'kick' }
  | { readonly kind: 'ack' }
  | { readonly kind: 'produce'; readonly max: number }
  | { readonly kind: 'drain' }
  | { readonly kind: 'notify' }
  | { readonly kind: 'wake' };

export type Vpl011CallKind = Vpl011Call['kind'];

/** Outcomes are flat integer tuples tagged by element 0, fields read through the named offsets below. */
export type Vpl011Outcome = readonly number[];

/** Outcome tags. */
export const OUT = {
  /** `[READ, value, injections]`. */
  READ: 0,
  /** `[WRITE, injections]`. */
  WRITE: 1,
  /** `[ABORT]`: a data abort to the guest, nothing changed. */
  ABORT: 2,
  /** `[KICK]`: the event to the backend sent. */
  KICK: 3,
  /** `[NO_KICK]`: a kick with no DR access owing one (never what a correct impl reports). */
  NO_KICK: 4,
  /** `[PRODUCED, n]`. */
  PRODUCED: 5,
  /** `[DRAINED, byte, byte, ...]`. */
  DRAINED: 6,
  /** `[NOTIFIED, injections]`. */
  NOTIFIED: 7,
  /** `[NONE]`. */
  NONE: 8,
} as const;

export const READ_VALUE = 1;
export const READ_INJECTIONS = 2;
export const WRITE_INJECTIONS = 1;
export const PRODUCED_COUNT = 1;
export const DRAINED_BYTES = 1;
export const NOTIFIED_INJECTIONS = 1;
