import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES, refinementModel, type SpecSide } from '../../checker/refinement.ts';
import { N, W } from '../../impl/vpl011/layout.ts';
import { CORRECT } from '../../impl/vpl011/quirks.ts';
import { Fr, Irq, OUT, Reg, WRITE_INJECTIONS, type Vpl011Call, type Vpl011Outcome, type Vpl011State } from '../../spec/vpl011/types.ts';
import { VPL011_IMPL, vpl011ImplSide, type Vpl011ImplFunctions } from '../../model/vpl011/impl-model.ts';
import { vpl011Config } from '../../model/vpl011/index.ts';
import { P } from '../../model/vpl011/properties-names.ts';
import { vpl011SpecSide } from '../../model/vpl011/spec-model.ts';
import { xenconsMask } from '../../impl/vpl011/xencons.ts';

/**
 * Every `always` property has teeth: a mutant of the impl (or, for the
 * spec's own invariants, of the spec) that breaks it, caught in lockstep on
 * `small` with that property as the first one violated. These mutants are
 * not historical bugs (those are the zoo): they show each property can fail.
 */

const cfg = vpl011Config('small');
const L = vpl011ImplSide(cfg, CORRECT).layout;

/** The unmodified impl with some entry points replaced. */
const withFns = (fns: Partial<Vpl011ImplFunctions>): Vpl011ImplFunctions => ({ ...VPL011_IMPL, ...fns });

const IMPL_MUTANTS: readonly { readonly name: string; readonly property: string; readonly fns: Vpl011ImplFunctions }[] = [
  {
    name: 'a DR read returns the byte after the one it takes',
    property: P.inStream,
    fns: withFns({
      mmioRead(s, Lx, q, v, offset, width) {
        const value = VPL011_IMPL.mmioRead(s, Lx, q, v, offset, width);
        return offset === Reg.DR && value > 0 ? value + 1 : value;
      },
    }),
  },
  {
    name: 'a DR write stores the byte after the one written',
    property: P.outStream,
    fns: withFns({
      mmioWrite(s, Lx, q, v, offset, width, value) {
        const before = s.w[W.OUT_PROD]! >>> 0;
        const ok = VPL011_IMPL.mmioWrite(s, Lx, q, v, offset, width, value);
        if (offset === Reg.DR && s.w[W.OUT_PROD]! >>> 0 !== before) s.mem[Lx.outBase + xenconsMask(before, Lx.p.outSize)]!++;
        return ok;
      },
    }),
  },
  {
    name: 'a DR read of an empty IN still advances in_cons',
    property: P.bounded,
    fns: withFns({
      mmioRead(s, Lx, q, v, offset, width) {
        const empty = s.w[W.IN_PROD] === s.w[W.IN_CONS];
        const value = VPL011_IMPL.mmioRead(s, Lx, q, v, offset, width);
        if (offset === Reg.DR && width !== 64 && empty) s.w[W.IN_CONS] = (s.w[W.IN_CONS]! + 1) >>> 0;
        return value;
      },
    }),
  },
  {
    name: 'the notification handler leaves RXFE set over new input',
    property: P.flags,
    fns: withFns({
      notification(s, Lx) {
        const rxfe = s.w[W.FR]! & Fr.RXFE;
        VPL011_IMPL.notification(s, Lx);
        s.w[W.FR]! |= rxfe;
      },
    }),
  },
  {
    name: 'the notification handler injects again while MIS is unchanged',
    property: P.mis,
    fns: withFns({
      notification(s, Lx) {
        VPL011_IMPL.notification(s, Lx);
        if ((s.w[W.RIS]! & s.w[W.IMSC]!) !== 0 && s.note[N.INJECTIONS] === 0) {
          s.note[N.INJECTIONS] = 1;
          s.w[W.IRQ] = 1;
        }
      },
    }),
  },
  {
    name: 'the event to the backend after a DR access is never sent',
    property: P.backendKick,
    fns: withFns({ kick() {} }),
  },
  {
    name: 'the notification handler raises no receive timeout',
    property: P.guestWake,
    fns: withFns({
      notification(s, Lx) {
        const rti = s.w[W.RIS]! & Irq.RTI;
        VPL011_IMPL.notification(s, Lx);
        s.w[W.RIS] = (s.w[W.RIS]! & ~Irq.RTI) | rti;
        s.w[W.SHADOW] = s.w[W.RIS]! & s.w[W.IMSC]!;
      },
    }),
  },
  {
    name: 'an IMSC write also sets a bit outside RXI/TXI/RTI (no property reads IMSC beyond MIS)',
    property: REFINES,
    fns: withFns({
      mmioWrite(s, Lx, q, v, offset, width, value) {
        const ok = VPL011_IMPL.mmioWrite(s, Lx, q, v, offset, width, value);
        if (offset === Reg.IMSC && ok) s.w[W.IMSC]! |= 0x100;
        return ok;
      },
    }),
  },
];

/**
 * Mutants judged on the impl side alone: in lockstep the spec, which models
 * the event bit, reports them as a divergence before any impl property sees
 * the consequence.
 */
const IMPL_SIDE_MUTANTS: readonly { readonly name: string; readonly property: string; readonly fns: Vpl011ImplFunctions }[] = [
  {
    name: "an ICR write also clears the backend's pending event (every DR access still sends one)",
    property: P.backendWake,
    fns: withFns({
      mmioWrite(s, Lx, q, v, offset, width, value) {
        const ok = VPL011_IMPL.mmioWrite(s, Lx, q, v, offset, width, value);
        if (offset === Reg.ICR && ok) s.w[W.EVTCHN] = 0;
        return ok;
      },
    }),
  },
];

/** Spec mutants: the lockstep spec side with `apply` bent after the honest call. */
const honest = vpl011SpecSide(cfg);
const bend = (f: (call: Vpl011Call, outcome: Vpl011Outcome, state: Vpl011State) => Vpl011State): SpecSide<Vpl011State, Vpl011Call, Vpl011Outcome> => ({
  ...honest,
  apply: (s, actor, call) => honest.apply(s, actor, call).map((alt) => ({ outcome: alt.outcome, state: f(call, alt.outcome, alt.state) })),
});

const SPEC_MUTANTS: readonly { readonly name: string; readonly property: string; readonly spec: SpecSide<Vpl011State, Vpl011Call, Vpl011Outcome> }[] = [
  {
    name: 'the spec forgets the byte a produce appended',
    property: 'spec: ring lists match their indices',
    spec: bend((call, _o, s) => (call.kind === 'produce' && s.inRing.bytes.length > 0 ? { ...s, inRing: { ...s.inRing, bytes: s.inRing.bytes.slice(1) } } : s)),
  },
  {
    name: 'the spec sets TXFF without BUSY when OUT fills',
    property: 'spec: BUSY iff TXFF',
    spec: bend((call, _o, s) => (call.kind === 'write' && (s.fr & Fr.TXFF) !== 0 ? { ...s, fr: s.fr & ~Fr.BUSY } : s)),
  },
  {
    name: 'the spec forgets the shadow MIS after an injection',
    property: 'spec: interrupt controller follows MIS',
    spec: bend((call, o, s) => (call.kind === 'write' && o[0] === OUT.WRITE && o[WRITE_INJECTIONS]! > 0 ? { ...s, shadowMis: 0 } : s)),
  },
];

/** The first invariant (`always`) a lockstep run on `small` (or `config`) reports. */
function firstViolated(spec: SpecSide<Vpl011State, Vpl011Call, Vpl011Outcome>, fns: Vpl011ImplFunctions, config = 'small'): string | undefined {
  const c = vpl011Config(config);
  const r = explore(refinementModel(config === 'small' ? spec : vpl011SpecSide(c), vpl011ImplSide(c, CORRECT, fns)));
  return r.discoveries.find((d) => d.expectation === 'always')?.property;
}

/** Level mode judges MIS by the line: a mutant of its own on `small-level`. */
const LEVEL_MUTANT: Vpl011ImplFunctions = withFns({
  notification(s, Lx) {
    VPL011_IMPL.notification(s, Lx);
    s.w[W.IRQ] = 0;
  },
});

describe('every vpl011 invariant has teeth', () => {
  it('uses the layout of small', () => expect(L.p.inSize).toBe(4));
  for (const m of IMPL_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(honest, m.fns)).toBe(m.property);
    });
  }
  for (const m of SPEC_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(m.spec, VPL011_IMPL)).toBe(m.property);
    });
  }

  for (const m of IMPL_SIDE_MUTANTS) {
    it(`catches the mutant "${m.name}" on the impl side of small with "${m.property}" first`, () => {
      const r = explore(vpl011ImplSide(cfg, CORRECT, m.fns).model);
      expect(r.discoveries.find((d) => d.expectation === 'always')?.property).toBe(m.property);
    });
  }

  it(`catches the mutant "the level line stays low after the notification" on small-level with "${P.mis}" first`, () => {
    expect(firstViolated(honest, LEVEL_MUTANT, 'small-level')).toBe(P.mis);
  });

  it('has a mutant for every always property of the lockstep model, in both interrupt modes', () => {
    const covered = new Set([...IMPL_MUTANTS, ...IMPL_SIDE_MUTANTS, ...SPEC_MUTANTS].map((m) => m.property));
    for (const name of ['small', 'small-level']) {
      const c = vpl011Config(name);
      const always = refinementModel(vpl011SpecSide(c), vpl011ImplSide(c, CORRECT))
        .properties()
        .filter((p) => p.expectation === 'always')
        .map((p) => p.name);
      expect(always.filter((n) => !covered.has(n))).toEqual([]);
    }
  });
});
