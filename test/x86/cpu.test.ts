import { describe, expect, it } from 'vitest';
import { Cr4, cpuWords, CpuWord, Fault, Invpcid, Pte, X86, type PageTables } from '../../model/x86/cpu.ts';

/**
 * The SDM's guaranteed invalidations and faults, one row each. Two roots
 * (1 and 2), three canonical addresses (0..2, va 2 global in the tables),
 * address 3 non-canonical. Every row starts from a TLB holding one entry
 * per (PCID, va) it names, then runs one instruction.
 */
const N_VA = 3;
const tables: PageTables = {
  walk: (_w, root, va) => (va < N_VA ? Pte.present | (root * 10 + va) | (va === 2 ? Pte.global : 0) : 0),
  contents: (_w, root) => root,
};
const x86 = new X86({ base: 0, nCpu: 1, nVa: N_VA, tables });
const NONCANON = 3;

/** A CPU with CR4 = `cr4`, CR3 = (1, `low`), and TLB entries `[pcid, va, global]`. */
function cpu(cr4: number, low: number, entries: readonly (readonly [number, number, boolean])[]): Int32Array {
  const w = new Int32Array(cpuWords(N_VA));
  x86.reset(w, 0, 1, cr4 & ~Cr4.PCIDE);
  w[x86.at(0, CpuWord.cr4)] = cr4;
  w[x86.at(0, CpuWord.cr3Low)] = low;
  for (const [p, va, g] of entries) w[x86.slot(0, p, va)] = Pte.present | (10 + va) | (g ? Pte.global : 0) | (1 << Pte.tagShift);
  return w;
}

/** The (pcid, va) slots still holding an entry, as `p:va` strings. */
function left(w: Int32Array): string[] {
  const out: string[] = [];
  for (let p = 0; p < 4; p++) for (let va = 0; va < N_VA; va++) if (w[x86.slot(0, p, va)] !== 0) out.push(`${p}:${va}`);
  return out;
}

const ALL: readonly (readonly [number, number, boolean])[] = [
  [0, 0, false],
  [0, 2, true],
  [1, 0, false],
  [1, 1, false],
  [2, 0, false],
  [3, 2, true],
];

interface Row {
  readonly rule: string;
  readonly cr4: number;
  readonly low?: number;
  readonly entries?: readonly (readonly [number, number, boolean])[];
  readonly run: (w: Int32Array) => void;
  readonly left: readonly string[];
  readonly fault?: Fault;
}

const ROWS: readonly Row[] = [
  {
    rule: 'MOV CR3, PCIDE=0: non-global entries of PCID 0 go, globals stay',
    cr4: Cr4.PGE,
    entries: [
      [0, 0, false],
      [0, 2, true],
    ],
    run: (w) => x86.movCr3(w, 0, 2, 0, false),
    left: ['0:2'],
  },
  { rule: 'MOV CR3, PCIDE=0, CR3[11:0]≠0 (PWT/PCD): no fault, PCID 0 flushed', cr4: 0, entries: [[0, 0, false]], run: (w) => x86.movCr3(w, 0, 2, 0x18, false), left: [] },
  {
    rule: 'MOV CR3, PCIDE=1, no NOFLUSH: only the new PCID’s non-global entries go',
    cr4: Cr4.PCIDE,
    run: (w) => x86.movCr3(w, 0, 2, 1, false),
    left: ['0:0', '0:2', '2:0', '3:2'],
  },
  { rule: 'MOV CR3, PCIDE=1, NOFLUSH: nothing goes', cr4: Cr4.PCIDE, run: (w) => x86.movCr3(w, 0, 2, 1, true), left: ['0:0', '0:2', '1:0', '1:1', '2:0', '3:2'] },
  {
    rule: 'MOV CR3 with NOFLUSH while PCIDE=0: #GP, nothing changes',
    cr4: Cr4.PGE,
    entries: [[0, 0, false]],
    run: (w) => x86.movCr3(w, 0, 2, 0, true),
    left: ['0:0'],
    fault: Fault.cr3NoflushWithoutPcide,
  },
  { rule: 'MOV CR4 clearing PGE: everything goes, globals and all PCIDs', cr4: Cr4.PGE, run: (w) => x86.movCr4(w, 0, 0), left: [] },
  { rule: 'MOV CR4 setting PGE: everything goes', cr4: Cr4.PCIDE, run: (w) => x86.movCr4(w, 0, Cr4.PCIDE | Cr4.PGE), left: [] },
  { rule: 'MOV CR4 PCIDE 1→0: everything goes', cr4: Cr4.PCIDE, run: (w) => x86.movCr4(w, 0, 0), left: [] },
  { rule: 'MOV CR4 PCIDE 0→1 (CR3[11:0]=0): nothing goes', cr4: 0, run: (w) => x86.movCr4(w, 0, Cr4.PCIDE), left: ['0:0', '0:2', '1:0', '1:1', '2:0', '3:2'] },
  {
    rule: 'MOV CR4 setting PCIDE while CR3[11:0]≠0: #GP',
    cr4: 0,
    low: 1,
    entries: [[0, 0, false]],
    run: (w) => x86.movCr4(w, 0, Cr4.PCIDE),
    left: ['0:0'],
    fault: Fault.pcideWithNonzeroCr3Pcid,
  },
  {
    rule: 'MOV CR4 changing TSD only: nothing goes',
    cr4: Cr4.PGE,
    entries: [
      [0, 0, false],
      [0, 2, true],
    ],
    run: (w) => x86.movCr4(w, 0, Cr4.PGE | Cr4.TSD),
    left: ['0:0', '0:2'],
  },
  { rule: 'INVLPG: the current PCID’s entry and every global entry for va', cr4: Cr4.PCIDE, low: 1, run: (w) => x86.invlpg(w, 0, 2), left: ['0:0', '1:0', '1:1', '2:0'] },
  { rule: 'INVLPG: other PCIDs keep their non-global entry for va', cr4: Cr4.PCIDE, low: 1, run: (w) => x86.invlpg(w, 0, 0), left: ['0:0', '0:2', '1:1', '2:0', '3:2'] },
  { rule: 'INVLPG of a non-canonical address: no-op, no fault', cr4: Cr4.PCIDE, run: (w) => x86.invlpg(w, 0, NONCANON), left: ['0:0', '0:2', '1:0', '1:1', '2:0', '3:2'] },
  { rule: 'INVPCID type 0: one va in one PCID, not globals', cr4: Cr4.PCIDE, run: (w) => x86.invpcid(w, 0, Invpcid.individual, 1, 0), left: ['0:0', '0:2', '1:1', '2:0', '3:2'] },
  {
    rule: 'INVPCID type 0 leaves a global entry for va',
    cr4: Cr4.PCIDE,
    run: (w) => x86.invpcid(w, 0, Invpcid.individual, 3, 2),
    left: ['0:0', '0:2', '1:0', '1:1', '2:0', '3:2'],
  },
  { rule: 'INVPCID type 1: one PCID, not globals', cr4: Cr4.PCIDE, run: (w) => x86.invpcid(w, 0, Invpcid.singleContext, 0, 0), left: ['0:2', '1:0', '1:1', '2:0', '3:2'] },
  { rule: 'INVPCID type 2: everything, globals too', cr4: Cr4.PCIDE, run: (w) => x86.invpcid(w, 0, Invpcid.allIncludingGlobal, 0, 0), left: [] },
  { rule: 'INVPCID type 3: everything but globals', cr4: Cr4.PCIDE, run: (w) => x86.invpcid(w, 0, Invpcid.allNonGlobal, 0, 0), left: ['0:2', '3:2'] },
  {
    rule: 'INVPCID type 0 non-canonical: #GP',
    cr4: Cr4.PCIDE,
    entries: [[0, 0, false]],
    run: (w) => x86.invpcid(w, 0, Invpcid.individual, 0, NONCANON),
    left: ['0:0'],
    fault: Fault.invpcidNonCanonical,
  },
  {
    rule: 'INVPCID type 0 with PCID≠0 while PCIDE=0: #GP',
    cr4: 0,
    entries: [[0, 0, false]],
    run: (w) => x86.invpcid(w, 0, Invpcid.individual, 1, 0),
    left: ['0:0'],
    fault: Fault.invpcidPcidWithoutPcide,
  },
  {
    rule: 'INVPCID type 1 with PCID≠0 while PCIDE=0: #GP',
    cr4: 0,
    entries: [[0, 0, false]],
    run: (w) => x86.invpcid(w, 0, Invpcid.singleContext, 2, 0),
    left: ['0:0'],
    fault: Fault.invpcidPcidWithoutPcide,
  },
  { rule: 'INVPCID type 1 with PCID 0 while PCIDE=0: allowed', cr4: 0, entries: [[0, 0, false]], run: (w) => x86.invpcid(w, 0, Invpcid.singleContext, 0, 0), left: [] },
  { rule: 'INVPCID type 4: #GP', cr4: Cr4.PCIDE, entries: [[0, 0, false]], run: (w) => x86.invpcid(w, 0, 4, 0, 0), left: ['0:0'], fault: Fault.invpcidBadType },
];

describe('the x86 model follows the SDM’s guaranteed invalidations and faults', () => {
  for (const r of ROWS) {
    it(r.rule, () => {
      const w = cpu(r.cr4, r.low ?? 0, r.entries ?? ALL);
      r.run(w);
      expect(left(w)).toEqual(r.left);
      expect(w[x86.at(0, CpuWord.fault)]).toBe(r.fault ?? Fault.none);
    });
  }
});

describe('fills and lookups', () => {
  it('fills under the current PCID, tagged with the root contents, global only while PGE is on', () => {
    const w = cpu(Cr4.PCIDE, 2, []);
    expect(x86.fill(w, 0, 2)).toBe(true);
    const e = w[x86.slot(0, 2, 2)]!;
    expect(e & Pte.global).toBe(0);
    expect(e >>> Pte.tagShift).toBe((Pte.present >>> Pte.tagShift) | 1);
    const g = cpu(Cr4.PGE, 0, []);
    x86.fill(g, 0, 2);
    expect(g[x86.slot(0, 0, 2)]! & Pte.global).toBe(Pte.global);
  });

  it('takes PCID 0 as current while PCIDE is off whatever CR3[11:0] holds', () => {
    const w = cpu(0, 0x18, []);
    expect(x86.pcid(w, 0)).toBe(0);
    x86.fill(w, 0, 0);
    expect(left(w)).toEqual(['0:0']);
  });

  it('offers the current PCID’s entry and every global one to an access', () => {
    const w = cpu(Cr4.PCIDE, 1, ALL);
    const out: number[] = [];
    x86.usable(w, 0, 2, out);
    expect(out).toHaveLength(2);
    const none: number[] = [];
    x86.usable(w, 0, 1, none);
    expect(none).toHaveLength(1);
  });

  it('never fills a non-canonical address, and reports no change for an identical fill', () => {
    const w = cpu(0, 0, []);
    expect(x86.fill(w, 0, NONCANON)).toBe(false);
    expect(x86.fill(w, 0, 0)).toBe(true);
    expect(x86.fill(w, 0, 0)).toBe(false);
  });
});
