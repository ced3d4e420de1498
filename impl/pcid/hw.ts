/**
 * The instructions Xen's PCID code executes, as the impl sees the CPU. The
 * model supplies the CPU (its x86 model satisfies this interface); `impl/`
 * never imports it. `w` is the state buffer the CPU's registers live in.
 */
export interface X86Port {
  /** MOV to CR3 of (root, CR3[11:0]) with bit 63 = `noflush`. Bit 63 is never stored. */
  movCr3(w: Int32Array, cpu: number, root: number, low: number, noflush: boolean): void;
  movCr4(w: Int32Array, cpu: number, value: number): void;
  invlpg(w: Int32Array, cpu: number, va: number): void;
  invpcid(w: Int32Array, cpu: number, type: number, pcid: number, va: number): void;
  /** MOV from CR3: (root, CR3[11:0]). */
  cr3Root(w: Int32Array, cpu: number): number;
  cr3Low(w: Int32Array, cpu: number): number;
  interruptsOn(w: Int32Array, cpu: number): boolean;
  cli(w: Int32Array, cpu: number): void;
  sti(w: Int32Array, cpu: number): void;
}

/** CR4 bits Xen's PCID code uses (architectural positions). */
export const X86_CR4 = {
  TSD: 1 << 2,
  PGE: 1 << 7,
  PCIDE: 1 << 17,
} as const;

/** INVPCID types (`INVPCID_TYPE_*`). */
export const INVPCID_TYPE = {
  indivAddr: 0,
  singleCtxt: 1,
  allInclGlobal: 2,
  allNonGlobal: 3,
} as const;
