import { l1eFrame, makeLayout, PAGE, PageWord, pw, SHF, sl1, type Layout } from '../../impl/shadow-oos/layout.ts';
import { cpuWords, Pte, X86 } from '../x86/cpu.ts';
import type { ShadowConfig } from './config.ts';
import { envWords } from './env.ts';

/** A state of the impl model: Xen's words, the CPUs' registers and TLBs and the environment (budgets, released TLB entries), all encoded. */
export interface ShadowImpl {
  readonly w: Int32Array;
}

/** The root every vCPU's CR3 holds (one top-level shadow, shared). */
export const ROOT = 1;

/** Where everything lives for a configuration. */
export interface ShadowShape {
  readonly L: Layout;
  readonly x86: X86;
  readonly nVa: number;
}

export function shapeOf(cfg: ShadowConfig): ShadowShape {
  const nVa = cfg.gmfns.length * cfg.entries;
  const L = makeLayout(cfg.nVcpu, cfg.entries, cfg.gmfns, cpuWords(nVa) * cfg.nVcpu, envWords(cfg.nVcpu));
  const x86 = new X86({
    base: L.hwBase,
    nCpu: cfg.nVcpu,
    nVa,
    tables: {
      // The hardware walks the shadow: address va through entry va % entries of page va / entries's shadow L1.
      walk(w, _root, va) {
        const p = Math.floor(va / L.entries);
        if ((w[pw(L, p, PageWord.flags)]! & SHF.L1) === 0) return 0;
        const e = w[sl1(L, p, va % L.entries)]!;
        if ((e & PAGE.present) === 0) return 0;
        return Pte.present | l1eFrame(e) | ((e & PAGE.rw) !== 0 ? Pte.writable : 0);
      },
      contents: () => 0,
    },
  });
  return { L, x86, nVa };
}
