import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES, refinementModel, type SpecSide } from '../../checker/refinement.ts';
import { DONE, type OperationDef, type StepDef } from '../../checker/step-machine.ts';
import { D_COOKIE, dom, F_CUR, F_ENT, F_NTO, F_SPACE, frame, R_LEN, R_NMSG, R_NPEND, R_PCOOKIE, R_RX, R_TX, ring, type ArgoImpl, type Layout } from '../../impl/argo/layout.ts';
import { argoFillRingData, NOTE, setNote } from '../../impl/argo/ops.ts';
import { NotifyPc, type ArgoReport, type NotifyWorld } from '../../impl/argo/notify.ts';
import { CORRECT, type ArgoQuirks } from '../../impl/argo/quirks.ts';
import { sanitizeRx } from '../../impl/argo/ringbuf.ts';
import { ARGO_IMPL, argoImplSide, type ArgoImplFunctions } from '../../model/argo/impl-model.ts';
import { argoConfig } from '../../model/argo/index.ts';
import { P } from '../../model/argo/properties-names.ts';
import { argoSpecSide } from '../../model/argo/spec-model.ts';
import { EEXIST, EINVAL, EMSGSIZE, ENTRY_RC, OUT, RC_VALUE, SENDV_RC, type ArgoCall, type ArgoOutcome, type ArgoState } from '../../spec/argo/types.ts';

/**
 * Every `always` property has teeth: a mutant of the impl (or, for the
 * spec's own invariants, of the spec) that breaks it, caught in lockstep on
 * `small` (`errors` for what only it exercises) with that property as the first one violated. These mutants live
 * here, not in the zoo: they are not historical bugs, they show that each
 * property can fail. The first five are the broken notifies that passed
 * `check` before the spec followed notify itself.
 */

type Locals = 0;
type NotifyStep = StepDef<NotifyWorld, Locals, ArgoReport>;
const cfg = argoConfig('small');

/** The unmodified notify with step `pc` replaced. */
function notifyWith(pc: number, step: (orig: NotifyStep) => NotifyStep): ArgoImplFunctions {
  const steps = ARGO_IMPL.notify.steps.slice();
  steps[pc] = step(steps[pc]!);
  const notify: OperationDef<NotifyWorld, null, Locals, ArgoReport> = { ...ARGO_IMPL.notify, steps };
  return { ...ARGO_IMPL, notify };
}

const PICK = NotifyPc.pick;
const SIGNAL = NotifyPc.signal;
const ENTRY = NotifyPc.entry;

const around = (orig: NotifyStep, before: (w: NotifyWorld) => (() => void) | void): NotifyStep => ({
  ...orig,
  run(w, l, report) {
    const after = before(w);
    const next = orig.run(w, l, report);
    after?.();
    return next;
  },
});

const currentRing = (w: NotifyWorld): number => w.s.w[frame(w.L, w.caller, F_CUR)]!;

/** The unmodified impl whose receiver, after each message it reads from ring `r`, also runs `edit`. */
function afterConsume(edit: (s: ArgoImpl, L: Layout, r: number) => void): ArgoImplFunctions {
  return {
    ...ARGO_IMPL,
    consume(s, L, r) {
      const out = ARGO_IMPL.consume(s, L, r);
      if (out.length > 1) edit(s, L, r);
      return out;
    },
  };
}

/** Impl mutants, each with the property that must catch it first. */
const IMPL_MUTANTS: readonly { readonly name: string; readonly property: string; readonly fns?: ArgoImplFunctions; readonly quirks?: ArgoQuirks; readonly config?: string }[] = [
  {
    name: 'notify wakes every waiter whatever the space',
    property: P.pick,
    fns: notifyWith(PICK, (o) => around(o, (w) => void (w.s.w[frame(w.L, w.caller, F_SPACE)] = 0x7fffffff))),
  },
  {
    name: 'notify picks waiters with the payload space plus 16',
    property: P.pick,
    fns: notifyWith(PICK, (o) => around(o, (w) => void (w.s.w[frame(w.L, w.caller, F_SPACE)]! += 16))),
  },
  {
    name: 'notify never picks a waiter',
    property: P.pick,
    fns: notifyWith(PICK, (o) =>
      around(o, (w) => {
        const at = ring(w.L, currentRing(w), R_NPEND);
        const n = w.s.w[at]!;
        w.s.w[at] = 0;
        return () => void (w.s.w[at] = n);
      }),
    ),
  },
  {
    name: 'notify never sends a signal',
    property: P.completeness,
    fns: notifyWith(SIGNAL, (o) => around(o, (w) => void (w.s.w[frame(w.L, w.caller, F_NTO)] = 0))),
  },
  {
    name: 'notify answers only the first ring-data entry',
    property: P.completeness,
    fns: notifyWith(ENTRY, (o) => ({ ...o, run: (w, l, report) => (o.run(w, l, report), DONE) })),
  },
  {
    name: 'notify signals by domid, whatever the cookie',
    property: P.signal,
    fns: notifyWith(SIGNAL, (o) => ({ ...o, run: (w, l, report) => o.run({ ...w, q: { ...w.q, pendingByDomidOnly: true } }, l, report) })),
  },
  {
    name: 'a ring-data entry grants SUFFICIENT as if nothing were required',
    property: P.sufficient,
    fns: notifyWith(ENTRY, (o) => ({
      ...o,
      run(w, _l, report) {
        const k = w.s.w[frame(w.L, w.caller, F_ENT)]!;
        const entry = w.args.entries[k]!;
        const out = argoFillRingData(w.s, w.L, w.caller, k, { ...entry, spaceRequired: 0 }, w.q);
        report.lin = w.calls.entry;
        report.outcome = out;
        if (out[ENTRY_RC] !== 0 || k + 1 >= w.args.entries.length) return DONE;
        w.s.w[frame(w.L, w.caller, F_ENT)] = k + 1;
        return { pc: ENTRY, locals: 0 };
      },
    })),
  },
  {
    name: 'sendv reports success for a message too big to ever fit',
    property: P.sendv,
    fns: {
      ...ARGO_IMPL,
      sendv(s, L, caller, dst, port, len, badNiov, q) {
        const out = ARGO_IMPL.sendv(s, L, caller, dst, port, len, badNiov, q);
        if (out[SENDV_RC] !== -EMSGSIZE) return out;
        setNote(s, NOTE.SENDV, 0, len, 1, 0);
        return [OUT.SENDV, len, 0, 0];
      },
    },
  },
  {
    name: 'sendv matches an exact-partner ring by domid only',
    property: P.exactRing,
    fns: {
      ...ARGO_IMPL,
      sendv(s, L, caller, dst, port, len, badNiov, q) {
        // Pretend every exact ring for this domid was registered for the caller's current instance.
        const saved: [number, number][] = [];
        for (let r = 0; r < L.nRing; r++) {
          if (L.shape.rings[r]!.partner !== caller) continue;
          saved.push([r, s.w[ring(L, r, R_PCOOKIE)]!]);
          s.w[ring(L, r, R_PCOOKIE)] = s.w[dom(L, caller, D_COOKIE)]!;
        }
        const out = ARGO_IMPL.sendv(s, L, caller, dst, port, len, badNiov, q);
        for (const [r, c] of saved) s.w[ring(L, r, R_PCOOKIE)] = c;
        return out;
      },
    },
  },
  {
    name: 're-registering a live ring moves tx by half a slot',
    property: P.txAligned,
    fns: {
      ...ARGO_IMPL,
      register(s, L, caller, r, len, failExist) {
        const live = s.w[ring(L, r, R_LEN)]! > 0;
        const out = ARGO_IMPL.register(s, L, caller, r, len, failExist);
        if (live && out[RC_VALUE] === 0) s.w[ring(L, r, R_TX)]! += 8;
        return out;
      },
    },
  },
  {
    name: 'consuming the last message forgets to count it as read',
    property: P.fullAsEmpty,
    fns: afterConsume((s, L, r) => {
      if (s.w[ring(L, r, R_NMSG)] === 0) s.w[ring(L, r, R_NMSG)] = 1;
    }),
  },
  {
    name: 'consuming a message corrupts the header of the next one',
    property: P.intact,
    fns: afterConsume((s, L, r) => {
      if (s.w[ring(L, r, R_NMSG)]! > 0) corruptHead(s, L, r);
    }),
  },
  {
    name: 'payload space with both the v1 empty-ring formula and the raw rx',
    property: P.space,
    quirks: { ...CORRECT, emptyRingSpaceHeaderOnly: true, spaceFromRawRx: true },
  },
  {
    name: 'register with FAIL_EXIST on a live ring answers -EINVAL instead of -EEXIST',
    property: REFINES,
    config: 'errors',
    fns: {
      ...ARGO_IMPL,
      register(s, L, caller, r, len, failExist) {
        const out = ARGO_IMPL.register(s, L, caller, r, len, failExist);
        return failExist && out[RC_VALUE] === -EEXIST ? [OUT.RC, -EINVAL] : out;
      },
    },
  },
];

/** Adds a slot to the length field of the head message (at the sanitised rx), so the messages no longer end at tx. */
function corruptHead(s: ArgoImpl, L: Layout, r: number): void {
  const off = sanitizeRx(s.w[ring(L, r, R_RX)]! >>> 0, s.w[ring(L, r, R_LEN)]!);
  s.mem[L.memBase[r]! + off] = (s.mem[L.memBase[r]! + off]! + 16) & 0xff;
}

/** Spec mutants: the lockstep spec side with `apply` bent after the honest call. */
const honest = argoSpecSide(cfg);
const bend = (f: (call: ArgoCall, outcome: ArgoOutcome, state: ArgoState) => ArgoState): SpecSide<ArgoState, ArgoCall, ArgoOutcome> => ({
  ...honest,
  apply: (s, actor, call) => honest.apply(s, actor, call).map((alt) => ({ outcome: alt.outcome, state: f(call, alt.outcome, alt.state) })),
});
const editRing = (s: ArgoState, i: number, edit: (r: ArgoState['rings'][number]) => ArgoState['rings'][number]): ArgoState => ({
  ...s,
  rings: s.rings.map((r, k) => (k === i ? edit(r) : r)),
});
const sentTo = (s: ArgoState): number => s.rings.findIndex((r) => r.msgs.length > 0);

const SPEC_MUTANTS: readonly { readonly name: string; readonly property: string; readonly spec: SpecSide<ArgoState, ArgoCall, ArgoOutcome> }[] = [
  {
    name: 'the spec moves tx by half a slot on a successful sendv',
    property: 'spec: tx aligned and below len',
    spec: bend((call, o, s) => (call.kind === 'sendv' && o[SENDV_RC]! >= 0 ? editRing(s, sentTo(s), (r) => ({ ...r, tx: r.tx + 8 })) : s)),
  },
  {
    name: 'the spec loses the message a sendv appended',
    property: 'spec: unread region is junk plus the queued messages',
    spec: bend((call, o, s) => (call.kind === 'sendv' && o[SENDV_RC]! >= 0 ? editRing(s, sentTo(s), (r) => ({ ...r, msgs: r.msgs.slice(0, -1) })) : s)),
  },
  {
    name: 'the spec queues a refused sender twice',
    property: 'spec: one pending entry per sender instance per ring',
    spec: bend((call, o, s) => {
      if (call.kind !== 'sendv' || o[SENDV_RC]! >= 0) return s;
      const i = s.rings.findIndex((r) => r.pending.length > 0);
      return i < 0 ? s : editRing(s, i, (r) => ({ ...r, pending: [...r.pending, r.pending[0]!] }));
    }),
  },
];

/** The first invariant (`always`) a lockstep run on `small` reports. */
function firstViolated(spec: SpecSide<ArgoState, ArgoCall, ArgoOutcome>, fns: ArgoImplFunctions, quirks: ArgoQuirks, config = 'small'): string | undefined {
  const r = explore(refinementModel(config === 'small' ? spec : argoSpecSide(argoConfig(config)), argoImplSide(argoConfig(config), quirks, fns)));
  return r.discoveries.find((d) => d.expectation === 'always')?.property;
}

describe('every Argo invariant has teeth', () => {
  for (const m of IMPL_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(honest, m.fns ?? ARGO_IMPL, m.quirks ?? CORRECT, m.config)).toBe(m.property);
    });
  }
  for (const m of SPEC_MUTANTS) {
    it(`catches the mutant "${m.name}" with "${m.property}" first`, () => {
      expect(firstViolated(m.spec, ARGO_IMPL, CORRECT)).toBe(m.property);
    });
  }

  it('has a mutant for every always property of the lockstep model', () => {
    const model = refinementModel(honest, argoImplSide(cfg, CORRECT));
    const always = model
      .properties()
      .filter((p) => p.expectation === 'always')
      .map((p) => p.name);
    const covered = new Set([...IMPL_MUTANTS, ...SPEC_MUTANTS].map((m) => m.property));
    expect(always.filter((name) => !covered.has(name))).toEqual([]);
  });
});
