import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { fingerprintOf } from '../../checker/fingerprint.ts';
import { replay } from '../../checker/replay.ts';
import { cloneImpl, R_NMSG, ring, type ArgoImpl } from '../../impl/argo/layout.ts';
import type { ArgoAction } from '../../model/argo/env.ts';
import { outcomeEquals, stateEquals } from '../../spec/argo/state.ts';
import { REFINES, refinementModel, StepReport, type SpecSide } from '../../checker/refinement.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import { argoConfig } from '../../model/argo/index.ts';
import { argoImplSide } from '../../model/argo/impl-model.ts';
import { argoSpecSide } from '../../model/argo/spec-model.ts';
import { EAGAIN, OUT, SENDV_RC, type ArgoCall, type ArgoOutcome, type ArgoState, type SpecNotify } from '../../spec/argo/types.ts';

/**
 * `small` has over 150,000 states in lockstep: the explorations below stop at
 * the first violation (breadth-first, so early), and this bound keeps a test
 * that no longer finds one from exploring all of it.
 */
const SAMPLE_LIMIT = 60_000;

/** `s` with `caller`'s notify progress replaced (what the spec's own notify steps do). */
function withProgress(s: ArgoState, caller: number, n: SpecNotify): ArgoState {
  return { ...s, notify: s.notify.map((x, d) => (d === caller ? n : x)) };
}

/** The lockstep check has teeth of its own, beyond the impl's invariants. */
describe('argo refinement harness', () => {
  const cfg = argoConfig('small');

  it('reports an outcome divergence when the spec would wake only waiters strictly below S', () => {
    const honest = argoSpecSide(cfg);
    // At the pick, the dishonest spec picks with its snapshot S lowered by one: a waiter asking for exactly S stays queued and unsignalled.
    let strictBelowS = 0;
    const strict: SpecSide<ArgoState, ArgoCall, ArgoOutcome> = {
      ...honest,
      apply: (s, actor, call) => {
        if (call.kind !== 'notifyPick') return honest.apply(s, actor, call);
        const n = s.notify[call.caller];
        if (n === null || n === undefined || n.phase !== 'pick') return honest.apply(s, actor, call);
        const alts = honest.apply(s, actor, call);
        const lowered = honest.apply(withProgress(s, call.caller, { ...n, space: n.space - 1 }), actor, call);
        if (!outcomeEquals(lowered[0]!.outcome, alts[0]!.outcome)) strictBelowS++;
        return lowered;
      },
    };
    const m = refinementModel(strict, argoImplSide(cfg, CORRECT));
    const r = explore(m, { maxStates: SAMPLE_LIMIT });
    expect(strictBelowS).toBeGreaterThan(0);
    expect(r.verdict).toBe('violated');
    const first = r.discoveries.find((d) => d.expectation === 'always');
    expect(first?.property).toBe(REFINES);
    expect(replay(m, first!.path).steps.at(-1)!.state.divergence?.kind).toBe('outcome');
  });

  it('reports a state divergence when the spec forgets to requeue a refused sender', () => {
    const honest = argoSpecSide(cfg);
    const forgetful: SpecSide<ArgoState, ArgoCall, ArgoOutcome> = {
      ...honest,
      apply: (s, actor, call) => {
        const alts = honest.apply(s, actor, call);
        return call.kind === 'sendv' && alts[0]!.outcome[0] === OUT.SENDV && alts[0]!.outcome[SENDV_RC] === -EAGAIN ? [{ state: s, outcome: alts[0]!.outcome }] : alts;
      },
    };
    const m = refinementModel(forgetful, argoImplSide(cfg, CORRECT));
    const r = explore(m, { maxStates: SAMPLE_LIMIT });
    expect(r.verdict).toBe('violated');
    const first = r.discoveries.find((d) => d.expectation === 'always');
    expect(first?.property).toBe(REFINES);
    expect(replay(m, first!.path).steps.at(-1)!.state.divergence?.kind).toBe('state');
  });
});

describe('argo lockstep fast paths', () => {
  const cfg = argoConfig('small');
  const side = argoImplSide(cfg, CORRECT);

  /** Impl states of `small`, breadth-first, with the spec states their abstractions give. */
  const sample = (limit: number): ArgoImpl[] => {
    const m = side.model;
    const seen = new Set<string>();
    const out: ArgoImpl[] = [];
    const queue = [...m.initStates()];
    const actions: ArgoAction[] = [];
    let head = 0;
    while (head < queue.length && out.length < limit) {
      const s = queue[head++]!;
      const f = fingerprintOf(m.encode.bind(m), s);
      if (seen.has(f)) continue;
      seen.add(f);
      out.push(s);
      actions.length = 0;
      m.actions(s, actions);
      for (const a of actions) {
        const t = m.next(s, a);
        if (t !== undefined) queue.push(t);
      }
    }
    return out;
  };

  /**
   * Every value one step from `x`: one number raised by one, one boolean flipped, or the last element of one
   * variable-length list (a ring's messages or pending entries) dropped, anywhere in it.
   */
  const nearby = (x: unknown, key = ''): unknown[] => {
    if (typeof x === 'number') return [x + 1];
    if (typeof x === 'boolean') return [!x];
    if (typeof x !== 'object' || x === null) return [];
    const out: unknown[] = [];
    if (Array.isArray(x)) {
      if (x.length > 0 && (key === 'msgs' || key === 'pending')) out.push(x.slice(0, -1));
      x.forEach((v, i) => {
        for (const n of nearby(v)) out.push(x.map((u, j) => (j === i ? n : u)));
      });
    } else {
      for (const [k, v] of Object.entries(x)) for (const n of nearby(v, k)) out.push({ ...x, [k]: n });
    }
    return out;
  };

  it('matches(impl, spec) is false for every spec state one field away from abstract(impl) (a permissive comparison is caught)', () => {
    let compared = 0;
    for (const i of sample(400).slice(0, 120)) {
      const abstracted = side.abstract(i);
      for (const near of nearby({ domains: abstracted.domains, rings: abstracted.rings }) as Pick<ArgoState, 'domains' | 'rings'>[]) {
        const s: ArgoState = { ...abstracted, ...near };
        compared++;
        expect(side.matches!(i, s)).toBe(stateEquals(s, abstracted));
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('matches(impl, spec) agrees with equals(spec, abstract(impl)) on every pair of sampled states', () => {
    const states = sample(400);
    const specs = states.map((s) => side.abstract(s));
    // A few spec states the impl never abstracts to: a corrupted message, a stray pending entry.
    const withRing0 = (s: ArgoState, f: (r: ArgoState['rings'][number]) => ArgoState['rings'][number]): ArgoState => ({ ...s, rings: s.rings.map((r, i) => (i === 0 ? f(r) : r)) });
    for (const s of specs.slice(0, 40)) {
      specs.push(withRing0(s, (r) => ({ ...r, msgs: [...r.msgs, { src: -1, len: -1, stamp: -1 }] })));
      specs.push(withRing0(s, (r) => ({ ...r, pending: [...r.pending, { dom: 1, cookie: 0, len: 16 }] })));
    }
    let equal = 0;
    for (const i of states) {
      const abstracted = side.abstract(i);
      for (const s of specs) {
        const expected = stateEquals(s, abstracted);
        if (expected) equal++;
        expect(side.matches!(i, s)).toBe(expected);
      }
    }
    expect(equal).toBeGreaterThanOrEqual(states.length);
  });

  it('matches agrees with equals on impl states with corrupted ring bytes (a decoded message maps to source −1)', () => {
    let corrupted = 0;
    for (const s of sample(400)
      .filter((x) => x.w[ring(side.layout, 0, R_NMSG)]! > 0)
      .slice(0, 30)) {
      const before = side.abstract(s);
      for (let b = 0; b < s.mem.length; b++) {
        const c = cloneImpl(s);
        c.mem[b] = (c.mem[b]! + 1) & 0xff;
        const after = side.abstract(c);
        if (!stateEquals(after, before)) corrupted++;
        expect(side.matches!(c, after)).toBe(true);
        expect(side.matches!(c, before)).toBe(stateEquals(before, after));
        // One field away from the corrupted abstraction (the corruption marker's fields included).
        if (b % 8 === 0)
          for (const near of nearby(after.rings[0]) as ArgoState['rings'][number][]) {
            const s: ArgoState = { ...after, rings: after.rings.map((r, i) => (i === 0 ? near : r)) };
            expect(side.matches!(c, s)).toBe(stateEquals(s, after));
          }
      }
    }
    expect(corrupted).toBeGreaterThan(0);
  });

  it('packs and unpacks product states to equal states', () => {
    const m = refinementModel(argoSpecSide(cfg), side);
    const bytes = new Uint8Array(m.packed!.bytes);
    const into = m.fast!.scratch();
    const actions: ArgoAction[] = [];
    let s = m.initStates()[0]!;
    for (let k = 0; k < 200; k++) {
      m.packed!.pack(s, bytes, 0);
      m.packed!.unpack(bytes, 0, into);
      expect(fingerprintOf(m.encode.bind(m), into)).toBe(fingerprintOf(m.encode.bind(m), s));
      expect(into.divergence).toBe(s.divergence);
      actions.length = 0;
      m.actions(s, actions);
      if (actions.length === 0) break;
      s = m.next(s, actions[(k * 7) % actions.length]!)!;
    }
  });
});

describe('argo abstractUnchanged reports', () => {
  // small has over 150,000 states now: its first 8,000 (breadth-first) and 4,000 of default keep this to about 10 s.
  it('a step that reports abstractUnchanged leaves abstract(impl) equal, on every transition of 8,000 states of small and 4,000 of default', () => {
    for (const [name, limit] of [
      ['small', 8000],
      ['default', 4000],
    ] as const) {
      const side = argoImplSide(argoConfig(name), CORRECT);
      const m = side.model;
      const seen = new Set<string>();
      const queue = [...m.initStates()];
      const actions: ArgoAction[] = [];
      const report = new StepReport<ArgoCall, ArgoOutcome>();
      let flagged = 0;
      let n = 0;
      let head = 0;
      while (head < queue.length && n < limit) {
        const s = queue[head++]!;
        const f = fingerprintOf(m.encode.bind(m), s);
        if (seen.has(f)) continue;
        seen.add(f);
        n++;
        const before = side.abstract(s);
        actions.length = 0;
        m.actions(s, actions);
        for (const a of actions) {
          report.reset();
          const t = side.step(s, a, report);
          if (t === undefined) continue;
          if (report.abstractUnchanged) {
            flagged++;
            expect(stateEquals(side.abstract(t), before)).toBe(true);
          }
          queue.push(t);
        }
      }
      expect(flagged).toBeGreaterThan(0);
    }
  });
});
