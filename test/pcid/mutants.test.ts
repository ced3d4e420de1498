import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES, refinementModel, type SpecSide } from '../../checker/refinement.ts';
import { FlushOnePc, SwitchPc, switchCr3Cr4, type PcidOperation, type PcidStep } from '../../impl/pcid/flushtlb.ts';
import { X86_CR4 } from '../../impl/pcid/hw.ts';
import { C, contentsRestricted, cw, D, dw } from '../../impl/pcid/layout.ts';
import { makeCr3, writeCr4, xptiExitToGuest } from '../../impl/pcid/mm.ts';
import { CORRECT } from '../../impl/pcid/quirks.ts';
import { PCID_IMPL, pcidImplSide, type PcidImplFunctions } from '../../model/pcid/impl-model.ts';
import { pcidConfig } from '../../model/pcid/index.ts';
import { P } from '../../model/pcid/properties-names.ts';
import { pcidSpecSide } from '../../model/pcid/spec-model.ts';
import type { PcidCall, PcidOutcome, PcidState } from '../../spec/pcid/types.ts';

/**
 * Every `always` property has teeth: a mutant of the impl (or, for the
 * spec's invariant, of the spec) caught in lockstep on `small` (or the config it names) with that
 * property as the first one violated (on `shadow` for the shadow-mode toggle). Not historical bugs (those are the
 * zoo): they show that each property can fail.
 */
const cfg = pcidConfig('small');
const honest = pcidSpecSide(cfg);

/** `op` with step `pc` replaced. */
function withStep(op: PcidOperation, pc: number, step: (orig: PcidStep) => PcidStep): PcidOperation {
  const steps = op.steps.slice();
  steps[pc] = step(steps[pc]!);
  return { ...op, steps };
}

const IMPL_MUTANTS: readonly { readonly name: string; readonly property: string; readonly fns: PcidImplFunctions; readonly config?: string }[] = [
  {
    name: 'flush_area_local issues INVPCID whatever CR4 says',
    property: P.noFault,
    fns: { ...PCID_IMPL, flushOne: withStep(PCID_IMPL.flushOne, FlushOnePc.readCr4, (o) => ({ ...o, run: () => ({ pc: FlushOnePc.priv, locals: 0 }) })) },
  },
  {
    name: 'the early CR4 write keeps PGE',
    property: P.pgePcide,
    fns: {
      ...PCID_IMPL,
      switchOp: () =>
        withStep(switchCr3Cr4, SwitchPc.earlyCr4, (o) => ({
          ...o,
          run(x) {
            writeCr4(x, x.w[cw(x.L, x.cpu, C.newCr4)]! | X86_CR4.PGE);
            return { pc: SwitchPc.cr3, locals: 0 };
          },
        })),
    },
  },
  {
    name: 'the XPTI exit copies the other domain’s top level into the per-CPU root',
    property: P.ownTranslation,
    fns: {
      ...PCID_IMPL,
      exitToGuest(x) {
        xptiExitToGuest(x);
        const d = x.w[cw(x.L, x.cpu, C.current)]!;
        if (x.w[dw(x.L, d, D.xpti)] === 1) x.w[cw(x.L, x.cpu, C.xptiContents)] = contentsRestricted(1 - d, x.w[dw(x.L, d, D.kernel)] !== 1);
      },
    },
  },
  {
    name: 'flush_area_local skips PCID 0',
    property: P.flushed,
    fns: { ...PCID_IMPL, flushOne: withStep(PCID_IMPL.flushOne, FlushOnePc.priv, (o) => ({ ...o, run: () => ({ pc: FlushOnePc.user, locals: 0 }) })) },
  },
  {
    name: 'switch_cr3_cr4 leaves out the INVPCID after the CR3 load',
    property: P.switchClean,
    fns: { ...PCID_IMPL, switchOp: () => withStep(switchCr3Cr4, SwitchPc.flushAllNonGlobal, (o) => ({ ...o, run: () => ({ pc: SwitchPc.leave, locals: 0 }) })) },
  },
  {
    name: 'the kernel/user toggle keeps NOFLUSH in shadow mode',
    property: P.toggleClean,
    config: 'shadow',
    fns: {
      ...PCID_IMPL,
      toggle(x) {
        const d = x.w[cw(x.L, x.cpu, C.current)]!;
        x.w[dw(x.L, d, D.kernel)] = x.w[dw(x.L, d, D.kernel)]! ^ 1;
        makeCr3(x, d);
        x.hw.movCr3(x.w, x.cpu, x.w[dw(x.L, d, D.cr3Root)]!, x.w[dw(x.L, d, D.cr3Pcid)]!, x.w[dw(x.L, d, D.cr3Noflush)] === 1);
      },
    },
  },
  {
    name: 'the kernel/user toggle loads the new CR3 but forgets to flip the mode',
    property: REFINES,
    fns: {
      ...PCID_IMPL,
      toggle(x) {
        PCID_IMPL.toggle(x);
        const d = x.w[cw(x.L, x.cpu, C.current)]!;
        x.w[dw(x.L, d, D.kernel)] = x.w[dw(x.L, d, D.kernel)]! ^ 1;
      },
    },
  },
];

/** The reference with a remap that also records the new frame as unflushed. */
const bentSpec: SpecSide<PcidState, PcidCall, PcidOutcome> = {
  ...honest,
  apply(s, actor, call) {
    const out = honest.apply(s, actor, call);
    if (call.kind !== 'remap') return out;
    return out.map(({ state, outcome }) => ({
      outcome,
      state: { ...state, domains: state.domains.map((d) => ({ ...d, stale: d.stale | (1 << d.userFrame) })) },
    }));
  },
};

const SPEC_MUTANTS = [{ name: 'remap records the new frame as unflushed', property: 'spec: an unflushed old translation is never the current one', spec: bentSpec }] as const;

function firstViolated(spec: SpecSide<PcidState, PcidCall, PcidOutcome>, fns: PcidImplFunctions, config = cfg): string | undefined {
  const r = explore(refinementModel(spec, pcidImplSide(config, CORRECT, fns)));
  return r.discoveries.find((d) => d.expectation === 'always')?.property;
}

describe('every PCID invariant has teeth', () => {
  for (const m of IMPL_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      const config = m.config === undefined ? cfg : pcidConfig(m.config);
      expect(firstViolated(pcidSpecSide(config), m.fns, config)).toBe(m.property);
    });
  }
  for (const m of SPEC_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(m.spec, PCID_IMPL)).toBe(m.property);
    });
  }

  it('has a mutant for every always property of the lockstep model', () => {
    const model = refinementModel(honest, pcidImplSide(pcidConfig('shadow'), CORRECT));
    const always = model
      .properties()
      .filter((p) => p.expectation === 'always')
      .map((p) => p.name);
    const covered = new Set<string>([...IMPL_MUTANTS, ...SPEC_MUTANTS].map((m) => m.property));
    expect(always.filter((name) => !covered.has(name))).toEqual([]);
  });
});
