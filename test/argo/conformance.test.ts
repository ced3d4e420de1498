import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTransitionProperty } from '../../checker/model.ts';
import { StepReport } from '../../checker/refinement.ts';
import { guestWriteRx } from '../../impl/argo/guest.ts';
import { cloneImpl, D_EXISTS, dom, F_OP, frame, R_REG, ring, type ArgoImpl } from '../../impl/argo/layout.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import { applyCall } from '../../spec/argo/ops.ts';
import { formatState, initialState, stateEquals } from '../../spec/argo/state.ts';
import {
  ENTRY_FLAGS,
  ENTRY_MMS,
  ENTRY_RC,
  NOTIFY_DROPPED,
  NOTIFY_RC,
  NOTIFY_SIGNALLED,
  OUT,
  RC_VALUE,
  SIGNALS_TRIPLES,
  type ArgoCall,
  type ArgoOutcome,
  type ArgoState,
} from '../../spec/argo/types.ts';
import { ActionKind, type ArgoAction } from '../../model/argo/env.ts';
import type { ArgoConfig } from '../../model/argo/config.ts';
import { argoImplSide, type ArgoImplSide } from '../../model/argo/impl-model.ts';
import { argoConfig } from '../../model/argo/index.ts';

/**
 * Seeded random walks: the spec is the model, the impl the real system. Each
 * command runs one impl action (or a whole notify); the spec applies every
 * linearization call the impl reports and must produce the same outcome, and
 * abstract(impl) must equal the spec state whenever no notify is in flight.
 * The impl's own invariants are checked after every command.
 */
const base = argoConfig('default');
const cfg: ArgoConfig = { ...base, name: 'random-walk', ops: [1e9, 1e9, 1e9], rxWrites: [1e9, 0, 0], recreations: [2, 2, 0] };
const side: ArgoImplSide = argoImplSide(cfg, CORRECT);
const L = side.layout;
const props = side.model.properties().filter((p) => p.expectation === 'always');

interface Spec {
  spec: ArgoState;
}
interface Real {
  s: ArgoImpl;
}

const idle = (s: ArgoImpl): boolean => {
  for (let d = 0; d < L.nDom; d++) if (s.w[frame(L, d, F_OP)]! >= 0) return false;
  return true;
};

function checkInvariants(from: ArgoImpl, a: ArgoAction, to: ArgoImpl): void {
  for (const p of props) {
    const holds = isTransitionProperty(p) ? p.transition(from, a, to) : p.condition(to);
    if (!holds) throw new Error(`impl invariant "${p.name}" failed after ${side.model.formatAction(a)}`);
  }
}

/** Runs one impl action; applies its linearization call to the spec; returns the call and outcome (or undefined when disabled). */
function stepBoth(m: Spec, r: Real, a: ArgoAction): { call: ArgoCall; outcome: ArgoOutcome } | null | undefined {
  const report = new StepReport<ArgoCall, ArgoOutcome>();
  const next = side.run(r.s, a, report);
  if (next === undefined) return undefined;
  checkInvariants(r.s, a, next);
  r.s = next;
  if (report.lin === undefined) return null;
  const res = applyCall(m.spec, report.lin);
  expect(report.outcome).toEqual(res.outcome);
  m.spec = res.state;
  // The spec's notify progress lives exactly as long as the impl's notify frame.
  for (let d = 0; d < L.nDom; d++) expect(m.spec.notify[d] !== null).toBe(r.s.w[frame(L, d, F_OP)]! >= 0);
  return { call: report.lin, outcome: report.outcome! };
}

function checkAbstraction(m: Spec, r: Real): void {
  if (!idle(r.s)) return;
  const abs = side.abstract(r.s);
  if (!stateEquals(abs, m.spec)) expect(formatState(abs)).toBe(formatState(m.spec));
}

class ActionCommand implements fc.Command<Spec, Real> {
  constructor(readonly a: ArgoAction) {}
  check(): boolean {
    return true;
  }
  run(m: Spec, r: Real): void {
    stepBoth(m, r, this.a);
    checkAbstraction(m, r);
  }
  toString(): string {
    return side.model.formatAction(this.a);
  }
}

class WriteRxCommand implements fc.Command<Spec, Real> {
  constructor(
    readonly ringIndex: number,
    readonly value: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Spec, r: Real): void {
    if (r.s.w[ring(L, this.ringIndex, R_REG)] !== 1) return;
    const t = cloneImpl(r.s);
    expect(guestWriteRx(t, L, this.ringIndex, this.value)).toEqual(applyCall(m.spec, { kind: 'writeRx', ring: this.ringIndex, value: this.value }).outcome);
    m.spec = applyCall(m.spec, { kind: 'writeRx', ring: this.ringIndex, value: this.value }).state;
    r.s = t;
    checkAbstraction(m, r);
  }
  toString(): string {
    return `ring${this.ringIndex} rx := 0x${this.value.toString(16)}`;
  }
}

/** A whole notify with nothing in between: the impl's steps composed must give the spec's atomic notify. */
class AtomicNotifyCommand implements fc.Command<Spec, Real> {
  constructor(
    readonly d: number,
    readonly menu: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Spec, r: Real): void {
    const op = cfg.menus[this.d]![this.menu]!;
    if (op.op !== 'notify' || !idle(r.s) || r.s.w[dom(L, this.d, D_EXISTS)] !== 1) return;
    const atomic = applyCall(m.spec, { kind: 'notify', caller: this.d, args: op.args });
    const out: number[] = [OUT.NOTIFY, 0, 0, 0];
    let a: ArgoAction = { kind: ActionKind.start, dom: this.d, arg: this.menu, value: 0 };
    for (;;) {
      const x = stepBoth(m, r, a);
      if (x === undefined) break;
      if (x !== null) {
        const o = x.outcome;
        if (o[0] === OUT.RC && o[RC_VALUE] !== 0) out[NOTIFY_RC] = o[RC_VALUE]!;
        if (o[0] === OUT.SIGNALS) for (let k = SIGNALS_TRIPLES + 2; k < o.length; k += 3) out[o[k] === 1 ? NOTIFY_SIGNALLED : NOTIFY_DROPPED]!++;
        if (o[0] === OUT.ENTRY) {
          if (o[ENTRY_RC] !== 0) out[NOTIFY_RC] = o[ENTRY_RC]!;
          else out.push(o[ENTRY_FLAGS]!, o[ENTRY_MMS]!);
        }
      }
      if (r.s.w[frame(L, this.d, F_OP)]! < 0) break;
      a = { kind: ActionKind.step, dom: this.d, arg: 0, value: 0 };
    }
    expect(out).toEqual(atomic.outcome);
    expect(stateEquals(m.spec, atomic.state)).toBe(true);
    checkAbstraction(m, r);
  }
  toString(): string {
    return `d${this.d} atomic notify #${this.menu}`;
  }
}

const nDom = cfg.domainArgo.length;
const domArb = fc.integer({ min: 0, max: nDom - 1 });
const ringArb = fc.integer({ min: 0, max: cfg.rings.length - 1 });
/** Every (domain, menu entry) pair, drawn uniformly: the sender's long menu is not diluted by the domain draw. */
const starts = cfg.menus.flatMap((menu, d) => menu.map((_, i) => [d, i] as const));
const startArb = fc.constantFrom(...starts);
const weighted = [
  { weight: 8, arbitrary: startArb.map(([d, i]) => new ActionCommand({ kind: ActionKind.start, dom: d, arg: i, value: 0 })) },
  { weight: 6, arbitrary: domArb.map((d) => new ActionCommand({ kind: ActionKind.step, dom: d, arg: 0, value: 0 })) },
  { weight: 3, arbitrary: ringArb.map((r) => new ActionCommand({ kind: ActionKind.consume, dom: cfg.rings[r]!.owner, arg: r, value: 0 })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(ringArb, fc.oneof(fc.constantFrom(0, 16, 17, 48, 49, 63, 64, 0xfffffff0, 0xfffffff1, 0xffffffff), fc.nat({ max: 0xffffffff })))
      .map(([r, v]) => new WriteRxCommand(r, v >>> 0)),
  },
  { weight: 1, arbitrary: domArb.map((d) => new ActionCommand({ kind: ActionKind.destroy, dom: d, arg: 0, value: 0 })) },
  { weight: 2, arbitrary: domArb.map((d) => new ActionCommand({ kind: ActionKind.create, dom: d, arg: 0, value: 0 })) },
  { weight: 3, arbitrary: startArb.map(([d, i]) => new AtomicNotifyCommand(d, i)) },
];
const commands = [fc.oneof(...weighted.map(({ weight, arbitrary }) => ({ weight, arbitrary: arbitrary as fc.Arbitrary<fc.Command<Spec, Real>> })))];

describe('argo conformance on seeded random walks', () => {
  it('keeps the impl in lockstep with the spec over 1,000 walks of up to 50 commands', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 50, size: 'max' }), (cmds) => {
        const s0 = side.model.initStates()[0]!;
        fc.modelRun(() => ({ model: { spec: initialState(cfg.domainArgo, cfg.rings) }, real: { s: s0 } }), cmds);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});
