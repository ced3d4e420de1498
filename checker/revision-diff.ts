import { Encoder } from './fingerprint.ts';
import type { EncodeSink, Model } from './model.ts';
import { StepReport, type ImplSide, type SpecSide } from './refinement-types.ts';

/**
 * Two revisions of an impl explored against each other (`xenspec diff`):
 * the product of two impl sides driven by the same actions over the same
 * environment. Each step runs the action on both sides; the revisions
 * behave alike as long as, on every step, both enable the same actions,
 * make the same spec call with equal outcomes, and — whenever neither is
 * inside a linearization window — their abstractions are `equals`. The
 * first step where they do not is recorded in the state (which then has no
 * successors), and the property `DIFFERENCE_PROPERTY` fails there: the
 * explorer's breadth-first search makes it a shortest such sequence.
 *
 * Nothing here is on `check`'s path; the product allocates a state per step.
 */

/** The property a difference breaks; the counterexample file records it. */
export const DIFFERENCE_PROPERTY = 'the two revisions behave alike';

/** Where two revisions first parted. */
export interface Difference {
  /** `enabled`: different actions enabled; `call`/`outcome`: the step linearized differently; `state`: abstract(impl) differs; `exception`: one side threw. */
  readonly kind: 'enabled' | 'call' | 'outcome' | 'state' | 'exception';
  /** One line: what differs. */
  readonly summary: string;
  /** Both sides, side by side or one line each. */
  readonly detail: string;
}

/** A state of the product: both impl states, each side's window bits, and the difference once found. */
export interface DiffState<I> {
  readonly a: I;
  readonly b: I;
  readonly windowsA: number;
  readonly windowsB: number;
  readonly difference: Difference | undefined;
}

/**
 * Two renderings as one: lines equal on both sides (paired by position)
 * once, and each differing pair as two lines marked `≠`, named by side. Unlike
 * a side-by-side table, a line's text does not depend on the other lines, so
 * replay's step-to-step diff shows only what changed.
 */
export function merged(nameA: string, a: string, nameB: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const width = Math.max(nameA.length, nameB.length);
  const rows: string[] = [];
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    const x = la[i];
    const y = lb[i];
    if (x === y) rows.push(`  ${x}`);
    else rows.push(`≠ ${nameA.padEnd(width)} │ ${x ?? '(no line)'}`, `≠ ${nameB.padEnd(width)} │ ${y ?? '(no line)'}`);
  }
  return rows.join('\n');
}

/** The difference recorded in a state of `revisionDiffModel` (erased to `unknown` by the registry), if any. */
export function differenceOf(state: unknown): Difference | undefined {
  if (typeof state !== 'object' || state === null || !('difference' in state)) return undefined;
  return (state as DiffState<unknown>).difference;
}

/** An action of the product: the same action as each side lists it (each side builds its own action objects). */
export interface DiffAction<A> {
  readonly a: A;
  readonly b: A;
}

/** The two revisions to compare, with their names for reports. */
export interface Revisions<I, A, C, O, SS> {
  /** The spec side, for its equality, outcome comparison and rendering only (never stepped). */
  readonly spec: SpecSide<SS, C, O>;
  readonly a: ImplSide<I, A, C, O, SS>;
  readonly b: ImplSide<I, A, C, O, SS>;
  /** Names shown for the sides, e.g. the variant ids, `unmodified`. */
  readonly nameA: string;
  readonly nameB: string;
  /**
   * Both sides were built by the same builder (a variant changes what a
   * step does, never how a state is encoded, abstracted or offered
   * actions): states with equal encodings then have equal abstractions and
   * enable the same actions, and the comparison is skipped for them.
   */
  readonly sameBuilder?: boolean;
}

/** Builds the product model of two revisions (see the module comment). */
export function revisionDiffModel<I, A, C, O, SS>(r: Revisions<I, A, C, O, SS>, name = `${r.a.model.name}: ${r.nameA} vs ${r.nameB}`): Model<DiffState<I>, DiffAction<A>> {
  const { spec, a: sideA, b: sideB } = r;
  const reportA = new StepReport<C, O>();
  const reportB = new StepReport<C, O>();
  const bufA: A[] = [];
  const bufB: A[] = [];
  /** Action labels by object: actions are usually built once per configuration. */
  const labels = new WeakMap<object, string>();
  const labelOf = (side: ImplSide<I, A, C, O, SS>, x: A): string => {
    if (typeof x !== 'object' || x === null) return side.model.formatAction(x);
    let l = labels.get(x);
    if (l === undefined) labels.set(x, (l = side.model.formatAction(x)));
    return l;
  };
  /** Spec calls by object: each side makes its own, usually once per configuration. */
  const calls = new WeakMap<object, string>();
  const callLabel = (c: C): string => {
    if (typeof c !== 'object' || c === null) return spec.formatCall(c);
    let l = calls.get(c);
    if (l === undefined) calls.set(c, (l = spec.formatCall(c)));
    return l;
  };
  const width = Math.max(r.nameA.length, r.nameB.length);
  /** One line per side, each named: how every difference shows both revisions. */
  const pair = (textA: string, textB: string): string => `${r.nameA.padEnd(width)} │ ${textA}\n${r.nameB.padEnd(width)} │ ${textB}`;

  const encA = new Encoder();
  const encB = new Encoder();
  /** Whether the two states are encoded alike (meaningful only when `sameBuilder`). */
  const encodedAlike = (ia: I, ib: I): boolean => {
    encA.reset();
    sideA.model.encode(ia, encA);
    encB.reset();
    sideB.model.encode(ib, encB);
    return Buffer.compare(encA.bytesView(), encB.bytesView()) === 0;
  };

  /** The first action enabled on one side and not at the same place on the other. */
  const enabledDifference = (ia: I, ib: I): Difference | undefined => {
    bufA.length = 0;
    bufB.length = 0;
    sideA.model.actions(ia, bufA);
    sideB.model.actions(ib, bufB);
    const n = Math.max(bufA.length, bufB.length);
    for (let k = 0; k < n; k++) {
      const la = k < bufA.length ? labelOf(sideA, bufA[k]!) : undefined;
      const lb = k < bufB.length ? labelOf(sideB, bufB[k]!) : undefined;
      if (la === lb) continue;
      return {
        kind: 'enabled',
        summary: `the enabled actions differ (${bufA.length} on ${r.nameA}, ${bufB.length} on ${r.nameB}; first difference at #${k})`,
        detail: pair(la ?? '(none)', lb ?? '(none)'),
      };
    }
    return undefined;
  };

  const stateDifference = (ia: I, ib: I): Difference | undefined => {
    const sa = sideA.abstract(ia);
    if (sideB.matches !== undefined ? sideB.matches(ib, sa) : spec.equals(sa, sideB.abstract(ib))) return undefined;
    const lines = merged(r.nameA, spec.format(sa), r.nameB, spec.format(sideB.abstract(ib)))
      .split('\n')
      .filter((l) => l.startsWith('≠ '))
      .map((l) => l.slice(2));
    return { kind: 'state', summary: 'abstract(impl) differs', detail: lines.join('\n') };
  };

  const describe = (rep: StepReport<C, O>): string =>
    rep.lin === undefined ? 'no spec call' : `${spec.formatCall(rep.lin)} → ${rep.outcome === undefined ? '(no outcome)' : spec.formatOutcome(rep.outcome)}`;

  /** The difference between the two reports of one step, if any. */
  const reportDifference = (): Difference | undefined => {
    const ca = reportA.lin;
    const cb = reportB.lin;
    if (ca === undefined && cb === undefined) return undefined;
    const detail = (): string => pair(describe(reportA), describe(reportB));
    if (ca === undefined || cb === undefined || (ca !== cb && callLabel(ca) !== callLabel(cb))) {
      return { kind: 'call', summary: 'the step linearizes differently', detail: detail() };
    }
    const oa = reportA.outcome;
    const ob = reportB.outcome;
    const same = oa === undefined || ob === undefined ? oa === ob : spec.outcomeEquals(oa, ob);
    if (same) return undefined;
    return { kind: 'outcome', summary: `${spec.formatCall(ca)}: the outcomes differ`, detail: detail() };
  };

  /** Runs one side's step, turning an exception into a message. */
  const run = (side: ImplSide<I, A, C, O, SS>, s: I, x: A, rep: StepReport<C, O>): { readonly next: I | undefined; readonly threw?: string } => {
    rep.reset();
    try {
      return { next: side.step(s, x, rep) };
    } catch (error) {
      return { next: undefined, threw: error instanceof Error ? error.message : String(error) };
    }
  };

  const node = (a: I, b: I, windowsA: number, windowsB: number, difference: Difference | undefined): DiffState<I> => ({ a, b, windowsA, windowsB, difference });

  const model: Model<DiffState<I>, DiffAction<A>> = {
    name,
    initStates() {
      const ia = sideA.model.initStates();
      const ib = sideB.model.initStates();
      if (ia.length !== ib.length) throw new Error(`${name}: ${ia.length} initial states on ${r.nameA} but ${ib.length} on ${r.nameB}`);
      return ia.map((x, k) => {
        const d = stateDifference(x, ib[k]!) ?? enabledDifference(x, ib[k]!);
        return node(x, ib[k]!, 0, 0, d);
      });
    },
    actions(s, out) {
      if (s.difference !== undefined) return;
      bufA.length = 0;
      bufB.length = 0;
      sideA.model.actions(s.a, bufA);
      sideB.model.actions(s.b, bufB);
      // Equal lists: `next` compared them when it made this state.
      for (let k = 0; k < bufA.length; k++) out.push({ a: bufA[k]!, b: bufB[k]! });
    },
    next(s, x) {
      const ra = run(sideA, s.a, x.a, reportA);
      const rb = run(sideB, s.b, x.b, reportB);
      if (ra.threw !== undefined && rb.threw !== undefined) throw new Error(`both revisions threw: ${ra.threw}`);
      if (ra.threw !== undefined || rb.threw !== undefined) {
        const detail = pair(ra.threw === undefined ? describe(reportA) : `threw: ${ra.threw}`, rb.threw === undefined ? describe(reportB) : `threw: ${rb.threw}`);
        return node(s.a, s.b, s.windowsA, s.windowsB, { kind: 'exception', summary: `${ra.threw === undefined ? r.nameB : r.nameA} threw`, detail });
      }
      if (ra.next === undefined && rb.next === undefined) return undefined;
      if (ra.next === undefined || rb.next === undefined) {
        const which = ra.next === undefined ? r.nameA : r.nameB;
        return node(ra.next ?? s.a, rb.next ?? s.b, s.windowsA, s.windowsB, {
          kind: 'enabled',
          summary: `the action has no successor on ${which}`,
          detail: pair(labelOf(sideA, x.a), labelOf(sideB, x.b)),
        });
      }
      const bit = (rep: StepReport<C, O>, windows: number): number => (rep.actor < 0 ? windows : rep.window ? windows | (1 << rep.actor) : windows & ~(1 << rep.actor));
      const windowsA = bit(reportA, s.windowsA);
      const windowsB = bit(reportB, s.windowsB);
      // The sides' `abstractUnchanged` flags are not trusted here: a revision may be exactly where a flag lies.
      let difference = reportDifference();
      if (difference === undefined && !(r.sameBuilder === true && encodedAlike(ra.next, rb.next))) {
        if (windowsA === 0 && windowsB === 0) difference = stateDifference(ra.next, rb.next);
        difference ??= enabledDifference(ra.next, rb.next);
      }
      return node(ra.next, rb.next, windowsA, windowsB, difference);
    },
    properties: () => [
      {
        name: DIFFERENCE_PROPERTY,
        expectation: 'always',
        condition: (s: DiffState<I>) => s.difference === undefined,
        description: 'both revisions enable the same actions, make the same spec calls with equal outcomes, and have equal abstractions outside linearization windows',
      },
    ],
    encode(s: DiffState<I>, sink: EncodeSink) {
      sideA.model.encode(s.a, sink);
      sideB.model.encode(s.b, sink);
      sink.u32(s.windowsA);
      sink.u32(s.windowsB);
      sink.bool(s.difference !== undefined);
    },
    formatAction: (x) => labelOf(sideA, x.a),
    formatStep: (s, x) => (sideA.model.formatStep === undefined ? labelOf(sideA, x.a) : sideA.model.formatStep(s.a, x.a)),
    explainStep(from, x) {
      run(sideA, from.a, x.a, reportA);
      run(sideB, from.b, x.b, reportB);
      const a = describe(reportA);
      const b = describe(reportB);
      return a === b ? `both: ${a}` : pair(a, b);
    },
    formatState(s) {
      const parts = [merged(r.nameA, sideA.model.formatState(s.a), r.nameB, sideB.model.formatState(s.b))];
      if (s.difference !== undefined) parts.push(`DIFFERENCE: ${s.difference.summary}\n${s.difference.detail}`);
      return parts.join('\n');
    },
    ...(sideA.model.coverage === undefined ? {} : { coverage: { kinds: sideA.model.coverage.kinds, kindOf: (x: DiffAction<A>) => sideA.model.coverage!.kindOf(x.a) } }),
  };
  return model;
}
