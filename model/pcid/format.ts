import { abstractPcid } from '../../impl/pcid/abstract.ts';
import { C, C_LOCALS, cw, D, dw, N_DOM, Op, ROOT_IDLE, type Layout } from '../../impl/pcid/layout.ts';
import { formatState as formatSpecState } from '../../spec/pcid/state.ts';
import { flushAreaLocal, flushTlbLocal, switchCr3Cr4, writeCr3Cr4Seed } from '../../impl/pcid/flushtlb.ts';
import { Cr4, CpuWord, entryTag, FAULT_NAMES, isGlobal, N_PCID, Pte, pteFrame, type Fault } from '../x86/cpu.ts';
import type { PcidConfig } from './config.ts';
import { formatBudgets, vaName, vcpuName } from './env.ts';
import { formatContents, rootContents } from './memory.ts';
import { envCpu, EnvCpu, type PcidImpl, type PcidShape } from './state.ts';

/** CR4 as the flags the model knows. */
export function formatCr4(v: number): string {
  const bits = [v & Cr4.PGE ? 'PGE' : '', v & Cr4.PCIDE ? 'PCIDE' : '', v & Cr4.TSD ? 'TSD' : ''].filter((b) => b !== '');
  return bits.length === 0 ? '0' : bits.join('|');
}

/** A root address, with what it holds now. */
function formatRoot(L: Layout, w: Int32Array, root: number): string {
  if (root === ROOT_IDLE) return 'idle tables';
  const contents = formatContents(rootContents(L, w, root));
  return root > 2 * N_DOM ? `XPTI root (${contents})` : contents;
}

/** One TLB entry: where it points, its flags, and the tables it was filled from (which makes a stale entry's origin visible in traces). */
export function formatEntry(e: number): string {
  return `f${pteFrame(e)}${e & Pte.writable ? ' W' : ''}${isGlobal(e) ? ' G' : ''} (filled from ${formatContents(entryTag(e))})`;
}

function formatPrev(loaded: number, pcid: number): string {
  if (loaded < 0) return 'none';
  return `tables of ${vcpuName(loaded)} loaded, ${pcid < 0 ? 'PCIDE off' : `PCID ${pcid}`}`;
}

function opName(op: number, pc: number, switchName: string): string {
  const def = op === Op.contextSwitch ? (switchName === switchCr3Cr4.name ? switchCr3Cr4 : writeCr3Cr4Seed) : op === Op.flushOne ? flushAreaLocal : flushTlbLocal;
  return `${def.name} @ ${def.steps[pc]?.name ?? `step ${pc}`}`;
}

/** The reference view, then each CPU's registers, TLB and Xen's per-CPU words, then the budgets. */
export function formatImpl(cfg: PcidConfig, S: PcidShape, s: PcidImpl, switchName = switchCr3Cr4.name): string {
  const { L, x86 } = S;
  const w = s.w;
  const lines = [formatSpecState(abstractPcid(w, L))];
  for (let d = 0; d < N_DOM; d++) {
    if (w[dw(L, d, D.created)] !== 1) continue;
    lines.push(
      `d${d}: ${w[dw(L, d, D.xpti)] ? 'XPTI' : 'no XPTI'}; arch.cr3 = ${formatRoot(L, w, w[dw(L, d, D.cr3Root)]!)}, PCID ${w[dw(L, d, D.cr3Pcid)]}${w[dw(L, d, D.cr3Noflush)] ? ' + NOFLUSH' : ''}`,
    );
  }
  for (let c = 0; c < cfg.nCpu; c++) {
    const fault = w[x86.at(c, CpuWord.fault)]! as Fault;
    const op = w[cw(L, c, C.op)]!;
    lines.push(
      `CPU${c}: current ${vcpuName(w[cw(L, c, C.current)]!)}, tables of ${vcpuName(w[cw(L, c, C.loaded)]!)} loaded; ` +
        `CR3 = ${formatRoot(L, w, x86.cr3Root(w, c))} [11:0]=${x86.cr3Low(w, c)}; CR4 = ${formatCr4(x86.cr4(w, c))} (Xen's copy ${formatCr4(w[cw(L, c, C.cr4)]!)}); ` +
        `IF=${x86.interruptsOn(w, c) ? 1 : 0}${fault !== 0 ? `; FAULT ${FAULT_NAMES[fault]}` : ''}` +
        (op !== Op.none ? `; in ${opName(op, w[cw(L, c, C.pc)]!, switchName)}` : ''),
    );
    const locals = Array.from(w.subarray(cw(L, c, C_LOCALS[0]), cw(L, c, C_LOCALS[1])));
    lines.push(
      `  Xen: pv_cr3 = ${formatRoot(L, w, w[cw(L, c, C.pvCr3Root)]!)}, PCID ${w[cw(L, c, C.pvCr3Pcid)]}${w[cw(L, c, C.pvCr3Noflush)] ? ' + NOFLUSH' : ''}; ` +
        `root_pgt_changed=${w[cw(L, c, C.rootPgtChanged)]}; XPTI root holds ${formatContents(w[cw(L, c, C.xptiContents)]!)}` +
        (op !== Op.none ? `; locals [${locals.join(',')}]` : '') +
        `; before the last switch: ${formatPrev(w[envCpu(S, c, EnvCpu.prevLoaded)]!, w[envCpu(S, c, EnvCpu.prevPcid)]!)}`,
    );
    const entries: string[] = [];
    for (let p = 0; p < N_PCID; p++) {
      for (let va = 0; va < x86.shape.nVa; va++) {
        const e = w[x86.slot(c, p, va)]!;
        if (e !== 0) entries.push(`PCID ${p} ${vaName(va)} → ${formatEntry(e)}`);
      }
    }
    lines.push(`  TLB: ${entries.length === 0 ? 'empty' : entries.join('; ')}`);
  }
  lines.push(formatBudgets(w, S.envBase));
  return lines.join('\n');
}
