import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES, refinementModel, type SpecSide } from '../../checker/refinement.ts';
import {
  FIXUP_WORDS,
  fixW,
  FixupWord,
  INVALID_MFN,
  l1e,
  l1eFrame,
  oosW,
  PAGE,
  pageOf,
  PageWord,
  pw,
  SHADOW_OOS_FIXUPS,
  SHADOW_OOS_PAGES,
  SHF,
  sl1,
  snpW,
} from '../../impl/shadow-oos/layout.ts';
import { FaultResult, shPageFaultLocked } from '../../impl/shadow-oos/fault.ts';
import type { ShadowWorld } from '../../impl/shadow-oos/world.ts';
import { CORRECT } from '../../impl/shadow-oos/quirks.ts';
import { SHADOW_IMPL, shadowImplSide, type ShadowImplFunctions } from '../../model/shadow-oos/impl-model.ts';
import { shadowConfig } from '../../model/shadow-oos/index.ts';
import { P } from '../../model/shadow-oos/properties-names.ts';
import { shadowSpecSide } from '../../model/shadow-oos/spec-model.ts';
import { SPEC_INVARIANT } from '../../spec/shadow-oos/state.ts';
import { specPte, type Outcome, type ShadowCall, type ShadowState } from '../../spec/shadow-oos/types.ts';

/**
 * Every `always` property has teeth: a mutant of the impl (or, for the
 * spec's invariants, of the spec) caught in lockstep on `small` with that
 * property as the first one violated. Not historical bugs (those are the
 * zoo): they show that each property can fail.
 */
const cfg = shadowConfig('small');
const honest = shadowSpecSide(cfg);

const flagsOf = (x: ShadowWorld, p: number): number => x.w[pw(x.L, p, PageWord.flags)]!;

/** The locked fault handler, then `after` on the same words (what the mutant adds). */
const afterFault =
  (after: (x: ShadowWorld, v: number) => void): ShadowImplFunctions['faultLocked'] =>
  (x, v) => {
    const r = shPageFaultLocked(x, v);
    after(x, v);
    return r;
  };

const IMPL_MUTANTS: readonly { readonly name: string; readonly property: string; readonly fns: ShadowImplFunctions }[] = [
  {
    name: 'oos_hash_add files a home-slot page two slots on (home + 2), snapshot and fixups moved with it',
    property: P.hash,
    fns: {
      ...SHADOW_IMPL,
      faultLocked: afterFault((x) => {
        const L = x.L;
        for (let v = 0; v < L.nVcpu; v++) {
          for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) {
            const g = x.w[oosW(L, v, idx)]!;
            const to = (idx + 2) % SHADOW_OOS_PAGES;
            if (g === INVALID_MFN || g % SHADOW_OOS_PAGES !== idx || x.w[oosW(L, v, to)] !== INVALID_MFN) continue;
            x.w[oosW(L, v, to)] = g;
            x.w[oosW(L, v, idx)] = INVALID_MFN;
            for (let k = 0; k < L.entries; k++) x.w[snpW(L, v, to, k)] = x.w[snpW(L, v, idx, k)]!;
            for (let i = 0; i < FIXUP_WORDS; i++) x.w[fixW(L, v, to, i)] = x.w[fixW(L, v, idx, i)]!;
            return;
          }
        }
      }),
    },
  },
  {
    name: 'the fault handler propagates a mapping of an in-sync page table writable',
    property: P.writeProtect,
    fns: {
      ...SHADOW_IMPL,
      faultLocked: afterFault((x) => {
        const L = x.L;
        for (let p = 0; p < L.gmfns.length; p++) {
          for (let k = 0; k < L.entries; k++) {
            const e = x.w[sl1(L, p, k)]!;
            if ((e & PAGE.present) === 0) continue;
            const q = pageOf(L, l1eFrame(e));
            if (q >= 0 && (flagsOf(x, q) & SHF.L1) !== 0 && (flagsOf(x, q) & SHF.oosMayWrite) === 0) x.w[sl1(L, p, k)] = (e | PAGE.rw) >>> 0;
          }
        }
      }),
    },
  },
  {
    name: 'shadow_set_l1e forgets every fixup it records',
    property: P.fixupSound,
    fns: {
      ...SHADOW_IMPL,
      faultLocked: afterFault((x) => {
        const L = x.L;
        for (let v = 0; v < L.nVcpu; v++)
          for (let idx = 0; idx < SHADOW_OOS_PAGES; idx++) for (let i = 0; i < SHADOW_OOS_FIXUPS; i++) x.w[fixW(L, v, idx, FixupWord.smfn + i)] = INVALID_MFN;
      }),
    },
  },
  {
    name: 'the fault handler installs a shadow entry of an in-sync page that maps data frame 2 instead of the guest’s frame',
    property: P.coherent,
    fns: {
      ...SHADOW_IMPL,
      faultLocked: afterFault((x) => {
        const L = x.L;
        for (let p = 0; p < L.gmfns.length; p++) {
          if ((flagsOf(x, p) & (SHF.L1 | SHF.outOfSync)) !== SHF.L1) continue;
          for (let k = 0; k < L.entries; k++) {
            const e = x.w[sl1(L, p, k)]!;
            if ((e & PAGE.present) !== 0 && l1eFrame(e) !== 2) x.w[sl1(L, p, k)] = l1e(2, PAGE.present);
          }
        }
      }),
    },
  },
  {
    name: 'a guest CR3 write loads the new CR3 without resyncing',
    property: P.cr3Sync,
    fns: {
      ...SHADOW_IMPL,
      cr3: (x, v) => x.hw.loadCr3(x.w, v),
    },
  },
  {
    name: 'the fault handler reports a fixed fault as a retry',
    property: REFINES,
    fns: {
      ...SHADOW_IMPL,
      faultLocked: (x, v) => {
        const r = shPageFaultLocked(x, v);
        return r === FaultResult.fixed ? FaultResult.retry : r;
      },
    },
  },
];

/** The reference with `bend` applied to every state it returns. */
function bent(bend: (s: ShadowState) => ShadowState): SpecSide<ShadowState, ShadowCall, Outcome> {
  return {
    ...honest,
    apply: (s, actor, call) => honest.apply(s, actor, call).map(({ state, outcome }) => ({ outcome, state: bend(state) })),
  };
}

const SPEC_MUTANTS: readonly { readonly name: string; readonly property: string; readonly spec: SpecSide<ShadowState, ShadowCall, Outcome> }[] = [
  {
    name: 'every step marks an in-sync page may_write',
    property: `spec: ${SPEC_INVARIANT.oosBound}`,
    spec: bent((s) => ({ ...s, pages: s.pages.map((pg, q) => (q === 0 && pg.owner < 0 ? { ...pg, mayWrite: true } : pg)) })),
  },
  {
    name: 'every step leaves CPU0 a writable TLB entry to gmfn 3 while it is in sync',
    property: `spec: ${SPEC_INVARIANT.writeProtected}`,
    spec: bent((s) =>
      s.pages[0]!.shadowed && !s.pages[0]!.mayWrite ? { ...s, tlb: s.tlb.map((row, c) => (c === 0 ? row.map((e, va) => (va === 0 ? specPte(cfg.gmfns[0]!, true) : e)) : row)) } : s,
    ),
  },
];

function firstViolated(spec: SpecSide<ShadowState, ShadowCall, Outcome>, fns: ShadowImplFunctions): string | undefined {
  const r = explore(refinementModel(spec, shadowImplSide(cfg, CORRECT, fns)));
  return r.discoveries.find((d) => d.expectation === 'always')?.property;
}

describe('every shadow-oos invariant has teeth', () => {
  for (const m of IMPL_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(honest, m.fns)).toBe(m.property);
    });
  }
  for (const m of SPEC_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(m.spec, SHADOW_IMPL)).toBe(m.property);
    });
  }

  it('has a mutant for every always property of the lockstep model', () => {
    const model = refinementModel(honest, shadowImplSide(cfg, CORRECT));
    const always = model
      .properties()
      .filter((p) => p.expectation === 'always')
      .map((p) => p.name);
    const covered = new Set<string>([...IMPL_MUTANTS, ...SPEC_MUTANTS].map((m) => m.property));
    expect(always.filter((name) => !covered.has(name))).toEqual([]);
    expect(always).toHaveLength(8);
  });
});
