import type { InitialIndices } from '../../spec/vpl011/state.ts';
import { Reg, type IrqMode, type MmioAccess, type Vpl011Params, type Width } from '../../spec/vpl011/types.ts';
import { P } from './properties-names.ts';

/**
 * A bound configuration: the UART's parameters, the initial ring indices,
 * each vCPU's menu of MMIO accesses, and the budgets that make exploration
 * finite.
 */
export interface Vpl011Config {
  readonly name: string;
  readonly description: string;
  readonly params: Vpl011Params;
  readonly initial: InitialIndices;
  /** Bytes the backend produced and notified before the guest's first access. */
  readonly prefill: number;
  /** IMSC as the guest's driver set it before the run (a 32-bit IMSC write after reset, before the prefill); 0 when absent. */
  readonly unmasked?: number;
  /** Per vCPU: the accesses it may start. */
  readonly menus: readonly (readonly MmioAccess[])[];
  /** Per vCPU: how many state-changing accesses it may start (DR, IMSC and ICR at a valid width; the others change nothing and are free). */
  readonly ops: readonly number[];
  /** Bytes of input the backend produces in all (prefill included); the sequence numbers 1.. are the bytes, so at most 255. */
  readonly inputBytes: number;
  /** Whether the backend may produce as much as fits in one publish (else one byte per publish). */
  readonly produceAll: boolean;
  /** The witnesses this configuration must reach (names from `P`), or all of them. */
  readonly witnesses: 'all' | readonly string[];
}

const rd = (offset: number, width: Width): MmioAccess => ({ dir: 'read', offset, width, value: 0 });
const wr = (offset: number, width: Width, value = 0): MmioAccess => ({ dir: 'write', offset, width, value });

/** The three interrupt bits. */
const ALL_IRQS = 0x70;

/** Indices two bytes (IN) and one byte (OUT) before 2^32: both wrap early in every run. */
const NEAR_WRAP: InitialIndices = { inIdx: 0xfffffffe, outIdx: 0xffffffff };

/** Every register at every width, bad widths, unknown offsets (offset + 1..3 included) and ICR reads: accesses that change nothing, free of budget. */
const PROBES: readonly MmioAccess[] = [
  ...([8, 16, 32, 64] as const).flatMap((w) => [rd(Reg.FR, w), rd(Reg.RIS, w), rd(Reg.MIS, w), rd(Reg.IMSC, w), rd(Reg.RSR, w), rd(Reg.ICR, w)]),
  rd(Reg.DR, 64),
  wr(Reg.DR, 64, 0x41),
  wr(Reg.IMSC, 64, ALL_IRQS),
  wr(Reg.ICR, 64, ALL_IRQS),
  ...([8, 16, 32, 64] as const).map((w) => wr(Reg.RSR, w, 0xff)),
  ...([8, 16, 32, 64] as const).flatMap((w) => [wr(Reg.FR, w, 0xff), wr(Reg.RIS, w, ALL_IRQS), wr(Reg.MIS, w, ALL_IRQS)]),
  rd(0x08, 32),
  wr(0x08, 32, 0xff),
  rd(Reg.FR + 1, 8),
  rd(Reg.MIS + 2, 16),
  rd(Reg.IMSC + 3, 8),
  wr(Reg.IMSC + 1, 8, 0xff),
  wr(Reg.ICR + 2, 16, 0xff),
];

/** Witnesses of the receive and transmit paths, the wraps and the backend. */
const CORE = [P.inFull, P.outFull, P.inWrap, P.outWrap, P.rxiRaised, P.rxiCleared, P.txiRaised, P.txiCleared, P.rtiRaised, P.rtiCleared, P.asleep, P.woken] as const;

const edge = (p: Omit<Vpl011Params, 'irqMode'>): Vpl011Params => ({ ...p, irqMode: 'edge' });

/**
 * Two vCPUs; IN of 4 bytes, OUT of 2, trigger level 2 (RXI from 2 queued
 * bytes, TXI only with OUT empty); 5 bytes of input. v0 reads DR (32-bit),
 * writes DR (8-bit) and clears every interrupt through ICR; v1 reads DR
 * (8-bit) and unmasks every interrupt through IMSC (16-bit).
 */
const small: Vpl011Config = {
  name: 'small',
  description:
    '2 vCPUs; IN 4, OUT 2, L = 2; indices 2 (IN) and 1 (OUT) below 2^32; v0 reads DR (32-bit), writes DR (8-bit), writes ICR := 0x70; v1 reads DR (8-bit), writes IMSC := 0x70 (16-bit); budgets 3 and 2; the backend produces 5 bytes, one or as many as fit per publish',
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 2 }),
  initial: NEAR_WRAP,
  prefill: 0,
  menus: [
    [rd(Reg.DR, 32), wr(Reg.DR, 8), wr(Reg.ICR, 32, ALL_IRQS)],
    [rd(Reg.DR, 8), wr(Reg.IMSC, 16, ALL_IRQS)],
  ],
  ops: [3, 2],
  inputBytes: 5,
  produceAll: true,
  witnesses: [...CORE, P.delivered],
};

/**
 * Two vCPUs racing on DR reads while IN already holds two notified bytes:
 * where the seed's unlocked index read delivers one byte twice.
 */
const race: Vpl011Config = {
  name: 'race',
  description: '2 vCPUs reading DR at once (8-bit and 32-bit) with 2 bytes already in IN (of 4, L = 2) and one more to come; v0 also writes DR; OUT of 2',
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 2 }),
  initial: NEAR_WRAP,
  prefill: 2,
  menus: [[rd(Reg.DR, 8), wr(Reg.DR, 32, 0xa5a5a500)], [rd(Reg.DR, 32)]],
  ops: [2, 2],
  inputBytes: 3,
  produceAll: false,
  witnesses: [P.inWrap, P.rxiCleared, P.rtiCleared, P.rtiRaised, P.outWrap],
};

/**
 * One vCPU whose driver unmasked the receive interrupts, reading DR while
 * the backend publishes one byte at a time and sends each event: where the
 * seed's DR read, working from an in_prod copied before the lock, empties
 * the FIFO in its own eyes while a byte waits (RXFE set, RXI and RTI
 * cleared: the lost interrupt). One vCPU, so no byte can be read twice.
 */
const stale: Vpl011Config = {
  name: 'stale',
  description: '1 vCPU reading DR (8-bit), IMSC := RXI | RTI before the run; 1 byte already in IN (of 4, L = 2) and 2 more to come, one per publish; OUT of 2 (unused); budget 3',
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 1 }),
  initial: NEAR_WRAP,
  prefill: 1,
  unmasked: 0x50,
  menus: [[rd(Reg.DR, 8)]],
  ops: [3],
  inputBytes: 3,
  produceAll: false,
  witnesses: [P.inWrap, P.rxiRaised, P.rxiCleared, P.rtiRaised, P.rtiCleared, P.delivered],
};

/**
 * The MMIO decode on its own, in seconds: one vCPU with every probe of
 * `default`, IMSC written whole and then narrowly (so a narrow write must
 * keep the other bits), narrow ICR writes, and 16-bit DR accesses.
 */
const probes: Vpl011Config = {
  name: 'probes',
  description:
    "1 vCPU: default's probes (every register at every width, bad widths, unknown offsets, ICR reads; free), IMSC := 0xffffff70 (32-bit), then low byte := 0 (8-bit) or low half := 0x30 (16-bit), ICR := RTI (8-bit) and TXI (16-bit), DR read and write (16-bit); budget 3; IN 4, OUT 2, L = 2; 3 bytes of input, one per publish",
  params: edge({ inSize: 4, outSize: 2, level: 2, vcpus: 1 }),
  initial: NEAR_WRAP,
  prefill: 0,
  menus: [
    [...PROBES, wr(Reg.IMSC, 32, 0xffffff70), wr(Reg.IMSC, 8, 0x00), wr(Reg.IMSC, 16, 0x30), wr(Reg.ICR, 8, 0x40), wr(Reg.ICR, 16, 0x20), rd(Reg.DR, 16), wr(Reg.DR, 16, 0xbe00)],
  ],
  ops: [3],
  inputBytes: 3,
  produceAll: false,
  witnesses: [P.rtiRaised, P.rtiCleared, P.txiRaised, P.txiCleared, P.delivered],
};

/**
 * Every register at every width, bad widths, unknown offsets and ICR reads
 * (free probes on both vCPUs), narrow IMSC writes and ICR writes, DR reads
 * and writes at 8/16/32 bits from both vCPUs; IN 4, OUT 4, L = 2.
 */
const defaultConfig: Vpl011Config = {
  name: 'default',
  description:
    '2 vCPUs; IN 4, OUT 4, L = 2 (RXI from 2 queued, TXI up to 2 queued); indices near 2^32; v0 reads DR (32-bit), writes DR (8- and 16-bit), writes ICR (8-bit RTI, 32-bit all), masks through IMSC (8-bit); v1 reads DR (8- and 16-bit), writes DR (32-bit), unmasks through IMSC (32-bit: all, 16-bit: RXI and TXI), clears TXI through ICR (16-bit); v0 probes every register at every width, a bad width, unknown offsets and ICR; budgets 4 and 2; 6 bytes of input',
  params: edge({ inSize: 4, outSize: 4, level: 2, vcpus: 2 }),
  initial: NEAR_WRAP,
  prefill: 0,
  menus: [
    [rd(Reg.DR, 32), wr(Reg.DR, 8), wr(Reg.DR, 16, 0xbe00), wr(Reg.ICR, 8, 0x40), wr(Reg.ICR, 32, ALL_IRQS), wr(Reg.IMSC, 8, 0x00), ...PROBES],
    [rd(Reg.DR, 8), rd(Reg.DR, 16), wr(Reg.DR, 32, 0xa5a5a500), wr(Reg.IMSC, 32, 0xffffff70), wr(Reg.IMSC, 16, 0x30), wr(Reg.ICR, 16, 0x20)],
  ],
  ops: [4, 2],
  inputBytes: 6,
  produceAll: true,
  witnesses: [...CORE, P.delivered],
};

/** Larger budgets over the default's menus. */
const deep: Vpl011Config = {
  ...defaultConfig,
  name: 'deep',
  description: 'the default configuration with budgets 5 and 3 and 8 bytes of input (IN filled twice over)',
  ops: [5, 3],
  inputBytes: 8,
};

/** The level-triggered twin of `cfg` (the new vGIC: line = MIS ≠ 0). */
function level(cfg: Vpl011Config): Vpl011Config {
  const irqMode: IrqMode = 'level';
  const witnesses = cfg.witnesses === 'all' ? cfg.witnesses : cfg.witnesses.map((w) => (w === P.delivered ? P.lineHigh : w));
  return { ...cfg, name: `${cfg.name}-level`, description: `${cfg.description}; level-triggered interrupt (new vGIC)`, params: { ...cfg.params, irqMode }, witnesses };
}

/** The named configurations, in listing order. */
export const VPL011_CONFIGS: readonly Vpl011Config[] = [
  small,
  level(small),
  race,
  level(race),
  stale,
  level(stale),
  probes,
  level(probes),
  defaultConfig,
  level(defaultConfig),
  deep,
  level(deep),
];
