/**
 * An x86-64 CPU's paging control state and TLB, as the Intel SDM guarantees
 * it (volume 3, "Caching translation information"): CR3 (root, PCID), CR4
 * (PGE, PCIDE, TSD), EFLAGS.IF, and a TLB tagged by PCID. Environment, not
 * Xen code: shared by the subsystems that switch page tables (PCID, shadow
 * OOS).
 *
 * Every invalidation is the *minimal* one the SDM guarantees, and a fill
 * from the current CR3 is possible at any instant (speculation, NMI and MCE
 * handlers run even with interrupts off): a design that is safe here is safe
 * on every conforming CPU. Architectural faults (#GP) are recorded in a
 * sticky word; the CPU does nothing more after one (Xen would crash).
 *
 * State lives in 32-bit words of the caller's buffer (`base`, then one block
 * per CPU), so the model's state stays one flat, canonically encoded vector:
 * the TLB is one word per (PCID, va) slot, so an entry set has one encoding.
 */

/** CR4 bits the model knows (their architectural positions). */
export const Cr4 = {
  /** Time-stamp disable: a bit whose change flushes nothing. */
  TSD: 1 << 2,
  /** Global pages. */
  PGE: 1 << 7,
  /** Process-context identifiers. */
  PCIDE: 1 << 17,
} as const;

/** Architectural faults, each a #GP the SDM lists (recorded in `CpuWord.fault`). */
export const Fault = {
  none: 0,
  /** MOV to CR3 with bit 63 (NOFLUSH) set while CR4.PCIDE = 0. */
  cr3NoflushWithoutPcide: 1,
  /** MOV to CR4 setting PCIDE while CR3[11:0] ≠ 0. */
  pcideWithNonzeroCr3Pcid: 2,
  /** INVPCID type 0 with a non-canonical address. */
  invpcidNonCanonical: 3,
  /** INVPCID type 0 or 1 naming a PCID ≠ 0 while CR4.PCIDE = 0. */
  invpcidPcidWithoutPcide: 4,
  /** INVPCID type > 3. */
  invpcidBadType: 5,
} as const;
export type Fault = (typeof Fault)[keyof typeof Fault];

export const FAULT_NAMES = {
  [Fault.none]: 'none',
  [Fault.cr3NoflushWithoutPcide]: '#GP: MOV CR3 with NOFLUSH while PCIDE=0',
  [Fault.pcideWithNonzeroCr3Pcid]: '#GP: MOV CR4 sets PCIDE while CR3[11:0]≠0',
  [Fault.invpcidNonCanonical]: '#GP: INVPCID type 0 with a non-canonical address',
  [Fault.invpcidPcidWithoutPcide]: '#GP: INVPCID type 0/1 with PCID≠0 while PCIDE=0',
  [Fault.invpcidBadType]: '#GP: INVPCID type > 3',
} as const satisfies Record<Fault, string>;

/** INVPCID types. */
export const Invpcid = {
  /** One address in one PCID, globals excluded. */
  individual: 0,
  /** One PCID, globals excluded. */
  singleContext: 1,
  /** Everything, globals included. */
  allIncludingGlobal: 2,
  /** Everything but globals. */
  allNonGlobal: 3,
} as const;

/** Word offsets inside one CPU's block. */
export const CpuWord = {
  cr3Root: 0,
  /** CR3[11:0]: the PCID while PCIDE = 1; PWT/PCD and ignored bits otherwise. Bit 63 is never stored. */
  cr3Low: 1,
  cr4: 2,
  /** EFLAGS.IF: 1 = interrupts enabled. */
  interrupts: 3,
  fault: 4,
  /** First TLB slot; slot (pcid, va) is at `tlb + pcid * nVa + va`. */
  tlb: 5,
} as const;

/** PCIDs the TLB tracks (0..3: every value Xen uses). */
export const N_PCID = 4;

/**
 * A page-table entry as a walk returns it, and a TLB entry (the same bits
 * plus the tag of the root contents it was filled from). 0 = no translation.
 */
export const Pte = {
  frameMask: 0xff,
  writable: 1 << 8,
  global: 1 << 9,
  tagShift: 12,
  tagMask: 0xff << 12,
  present: 1 << 24,
} as const;

/** A translation's frame. */
export const pteFrame = (e: number): number => e & Pte.frameMask;
/** The root-contents tag a TLB entry was filled from. */
export const entryTag = (e: number): number => (e & Pte.tagMask) >>> Pte.tagShift;
export const isGlobal = (e: number): boolean => (e & Pte.global) !== 0;

/** What the CPU reads of memory: the page tables under a root. */
export interface PageTables {
  /** The PTE (frame, writable, global, present) `va` maps to under `root`, or 0. */
  walk(w: Int32Array, root: number, va: number): number;
  /** Which contents `root` holds now (a per-CPU root shared by several guests holds one of them at a time). */
  contents(w: Int32Array, root: number): number;
}

/** How a CPU block is laid out and what its addresses are. */
export interface X86Shape {
  /** First word of CPU 0's block. */
  readonly base: number;
  readonly nCpu: number;
  /** Virtual addresses with a TLB slot: 0..nVa−1. Higher numbers are non-canonical addresses. */
  readonly nVa: number;
  readonly tables: PageTables;
}

/** Words per CPU block. */
export const cpuWords = (nVa: number): number => CpuWord.tlb + N_PCID * nVa;

/** The x86 CPUs of one model: every instruction the model needs, over words of a state buffer. */
export class X86 {
  readonly words: number;
  constructor(readonly shape: X86Shape) {
    this.words = cpuWords(shape.nVa) * shape.nCpu;
  }

  /** Word index of `cpu`'s field `off`. */
  at(cpu: number, off: number): number {
    return this.shape.base + cpuWords(this.shape.nVa) * cpu + off;
  }

  slot(cpu: number, pcid: number, va: number): number {
    if (pcid < 0 || pcid >= N_PCID) throw new RangeError(`PCID ${pcid} is outside the modelled 0..${N_PCID - 1}`);
    return this.at(cpu, CpuWord.tlb + pcid * this.shape.nVa + va);
  }

  canonical(va: number): boolean {
    return va >= 0 && va < this.shape.nVa;
  }

  /** Power-on state: CR3 = `root` with PCID 0, CR4 = `cr4` (PCIDE off), interrupts on, empty TLB. */
  reset(w: Int32Array, cpu: number, root: number, cr4: number): void {
    if (cr4 & Cr4.PCIDE) throw new Error('reset with PCIDE set');
    w.fill(0, this.at(cpu, 0), this.at(cpu, cpuWords(this.shape.nVa)));
    w[this.at(cpu, CpuWord.cr3Root)] = root;
    w[this.at(cpu, CpuWord.cr4)] = cr4;
    w[this.at(cpu, CpuWord.interrupts)] = 1;
  }

  faulted(w: Int32Array, cpu: number): boolean {
    return w[this.at(cpu, CpuWord.fault)] !== Fault.none;
  }

  cr4(w: Int32Array, cpu: number): number {
    return w[this.at(cpu, CpuWord.cr4)]!;
  }

  cr3Root(w: Int32Array, cpu: number): number {
    return w[this.at(cpu, CpuWord.cr3Root)]!;
  }

  /** CR3[11:0] as MOV from CR3 returns it. */
  cr3Low(w: Int32Array, cpu: number): number {
    return w[this.at(cpu, CpuWord.cr3Low)]!;
  }

  /** The current PCID: CR3[11:0] with PCIDE on, else 0. */
  pcid(w: Int32Array, cpu: number): number {
    return (this.cr4(w, cpu) & Cr4.PCIDE) !== 0 ? this.cr3Low(w, cpu) : 0;
  }

  interruptsOn(w: Int32Array, cpu: number): boolean {
    return w[this.at(cpu, CpuWord.interrupts)] === 1;
  }

  cli(w: Int32Array, cpu: number): void {
    w[this.at(cpu, CpuWord.interrupts)] = 0;
  }

  sti(w: Int32Array, cpu: number): void {
    w[this.at(cpu, CpuWord.interrupts)] = 1;
  }

  private fault(w: Int32Array, cpu: number, f: Fault): void {
    w[this.at(cpu, CpuWord.fault)] = f;
  }

  /** Drops entries of `pcid` (every PCID when -1) for `va` (every va when -1), globals too when `globals`. */
  private drop(w: Int32Array, cpu: number, pcid: number, va: number, globals: boolean): void {
    for (let p = 0; p < N_PCID; p++) {
      if (pcid >= 0 && p !== pcid) continue;
      for (let v = 0; v < this.shape.nVa; v++) {
        if (va >= 0 && v !== va) continue;
        const i = this.slot(cpu, p, v);
        if (w[i] !== 0 && (globals || !isGlobal(w[i]!))) w[i] = 0;
      }
    }
  }

  /** Drops global entries for `va` (every va when -1) in every PCID. */
  private dropGlobals(w: Int32Array, cpu: number, va: number): void {
    for (let p = 0; p < N_PCID; p++) {
      for (let v = 0; v < this.shape.nVa; v++) {
        if (va >= 0 && v !== va) continue;
        const i = this.slot(cpu, p, v);
        if (isGlobal(w[i]!)) w[i] = 0;
      }
    }
  }

  /**
   * MOV to CR3 of (`root`, `low`), bit 63 = `noflush`. PCIDE off: #GP if
   * NOFLUSH, else the non-global entries of PCID 0 go. PCIDE on: NOFLUSH
   * keeps everything, else the non-global entries of the new PCID go.
   */
  movCr3(w: Int32Array, cpu: number, root: number, low: number, noflush: boolean): void {
    const pcide = (this.cr4(w, cpu) & Cr4.PCIDE) !== 0;
    if (noflush && !pcide) return this.fault(w, cpu, Fault.cr3NoflushWithoutPcide);
    w[this.at(cpu, CpuWord.cr3Root)] = root;
    w[this.at(cpu, CpuWord.cr3Low)] = low & 0xfff;
    if (!pcide) this.drop(w, cpu, 0, -1, false);
    else if (!noflush) this.drop(w, cpu, low & 0xfff, -1, false);
  }

  /**
   * MOV to CR4. Setting PCIDE with CR3[11:0] ≠ 0 is #GP. A PGE change (either
   * way) or PCIDE 1→0 drops everything, globals too; PCIDE 0→1 and other
   * bits drop nothing.
   */
  movCr4(w: Int32Array, cpu: number, value: number): void {
    const old = this.cr4(w, cpu);
    const setsPcide = (value & Cr4.PCIDE) !== 0 && (old & Cr4.PCIDE) === 0;
    if (setsPcide && this.cr3Low(w, cpu) !== 0) return this.fault(w, cpu, Fault.pcideWithNonzeroCr3Pcid);
    w[this.at(cpu, CpuWord.cr4)] = value;
    const pgeChanged = ((old ^ value) & Cr4.PGE) !== 0;
    const pcideCleared = (old & Cr4.PCIDE) !== 0 && (value & Cr4.PCIDE) === 0;
    if (pgeChanged || pcideCleared) this.drop(w, cpu, -1, -1, true);
  }

  /** INVLPG `va`: its entry in the current PCID and its global entries; a no-op for a non-canonical address. */
  invlpg(w: Int32Array, cpu: number, va: number): void {
    if (!this.canonical(va)) return;
    this.drop(w, cpu, this.pcid(w, cpu), va, true);
    this.dropGlobals(w, cpu, va);
  }

  /** INVPCID of `type` with descriptor (`pcid`, `va`). */
  invpcid(w: Int32Array, cpu: number, type: number, pcid: number, va: number): void {
    if (type < 0 || type > Invpcid.allNonGlobal) return this.fault(w, cpu, Fault.invpcidBadType);
    const pcide = (this.cr4(w, cpu) & Cr4.PCIDE) !== 0;
    if (type === Invpcid.individual && !this.canonical(va)) return this.fault(w, cpu, Fault.invpcidNonCanonical);
    if ((type === Invpcid.individual || type === Invpcid.singleContext) && pcid !== 0 && !pcide) return this.fault(w, cpu, Fault.invpcidPcidWithoutPcide);
    switch (type) {
      case Invpcid.individual:
        return this.drop(w, cpu, pcid, va, false);
      case Invpcid.singleContext:
        return this.drop(w, cpu, pcid, -1, false);
      case Invpcid.allIncludingGlobal:
        return this.drop(w, cpu, -1, -1, true);
      default:
        return this.drop(w, cpu, -1, -1, false);
    }
  }

  /**
   * The entry a fill of `va` would create from the current CR3 (global only
   * while PGE is on), or 0 when `va` is not mapped there.
   */
  fillEntry(w: Int32Array, cpu: number, va: number): number {
    if (!this.canonical(va)) return 0;
    const root = this.cr3Root(w, cpu);
    const pte = this.shape.tables.walk(w, root, va);
    if (pte === 0) return 0;
    const global = (this.cr4(w, cpu) & Cr4.PGE) !== 0 ? pte & Pte.global : 0;
    return Pte.present | (pte & (Pte.frameMask | Pte.writable)) | global | ((this.shape.tables.contents(w, root) << Pte.tagShift) & Pte.tagMask);
  }

  /** A speculative (or demand) fill of `va` under the current PCID; false when nothing changed. */
  fill(w: Int32Array, cpu: number, va: number): boolean {
    const e = this.fillEntry(w, cpu, va);
    if (e === 0) return false;
    const i = this.slot(cpu, this.pcid(w, cpu), va);
    if (w[i] === e) return false;
    w[i] = e;
    return true;
  }

  /**
   * The entries an access to `va` may use: the current PCID's and every
   * global one (the CPU may pick any of them). Appended to `out`.
   */
  usable(w: Int32Array, cpu: number, va: number, out: number[]): void {
    const cur = this.pcid(w, cpu);
    for (let p = 0; p < N_PCID; p++) {
      const e = w[this.slot(cpu, p, va)]!;
      if (e !== 0 && (p === cur || isGlobal(e))) out.push(e);
    }
  }
}
