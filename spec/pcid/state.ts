import { freeze, produce } from 'immer';
import { match } from 'ts-pattern';
import type { EncodeSink, StateProperty } from '../../checker/model.ts';
import { pcidPolicyOf, usesPcid } from './option.ts';
import { NO_TRANSLATION, PcidPolicy, SPEC_EINVAL, SPEC_IDLE, SpecVa, type PcidCall, type PcidFacts, type PcidOutcome, type PcidState } from './types.ts';

/** Boot: no domain created yet, every CPU idle in Xen, the option at its default (`xpti`). */
export function initialState(f: PcidFacts): PcidState {
  return freeze(
    {
      option: PcidPolicy.xptiOnly,
      domains: f.xpti.map((_, d) => ({ created: false, pcid: false, kernel: true, userFrame: f.userFrames[d]![0], stale: 0 })),
      cpus: Array.from({ length: f.nCpu }, () => ({ running: SPEC_IDLE, inGuest: false })),
    },
    true,
  );
}

/** One allowed outcome and the state it leads to. */
export interface SpecResult {
  readonly state: PcidState;
  readonly outcome: PcidOutcome;
}

const bit = (frame: number): number => 1 << frame;

/** The domain running in guest mode on `cpu`, or an error: the environment only offers guest actions there. */
function guestOn(s: PcidState, cpu: number): number {
  const c = s.cpus[cpu]!;
  if (c.running === SPEC_IDLE || !c.inGuest) throw new Error(`spec: no guest runs on CPU ${cpu}`);
  return c.running;
}

/** The domain whose vCPU is in Xen on `cpu` (a hypercall), or an error. */
function inXenFor(s: PcidState, cpu: number): number {
  const c = s.cpus[cpu]!;
  if (c.running === SPEC_IDLE || c.inGuest) throw new Error(`spec: no vCPU is in Xen on CPU ${cpu}`);
  return c.running;
}

/** The translations an access may observe: a bit per frame, bit 0 for none. */
export function allowedTranslations(f: PcidFacts, s: PcidState, cpu: number, va: SpecVa): number {
  const d = guestOn(s, cpu);
  const dom = s.domains[d]!;
  switch (va) {
    case SpecVa.user:
      return bit(dom.userFrame) | dom.stale;
    case SpecVa.kernel:
      return dom.kernel ? bit(f.kernelFrame[d]!) : NO_TRANSLATION;
    case SpecVa.xen:
      // Under XPTI the guest's root has none of Xen's private mappings; without it they are there (and unreachable architecturally).
      return f.xpti[d] ? NO_TRANSLATION : bit(f.xenFrame[d]!);
    case SpecVa.nonCanonical:
      return NO_TRANSLATION;
  }
}

/** Every non-empty subset of the bits of `mask`: what an access may report having seen. */
function subsets(mask: number): number[] {
  const out: number[] = [];
  for (let sub = mask; sub > 0; sub = (sub - 1) & mask) out.push(sub);
  return out.sort((a, b) => a - b);
}

/** Every outcome the reference allows for `call`, with its successor. */
export function applyCall(f: PcidFacts, s: PcidState, call: PcidCall): readonly SpecResult[] {
  return match(call)
    .with({ kind: 'setOption' }, (c) => {
      const policy = pcidPolicyOf(c.text);
      if (policy === undefined) return [{ state: s, outcome: SPEC_EINVAL }];
      return [{ state: produce(s, (t) => void (t.option = policy)), outcome: 0 }];
    })
    .with({ kind: 'create' }, (c) => {
      if (s.domains[c.dom]!.created) throw new Error(`spec: d${c.dom} created twice`);
      const pcid = f.pcidCapable && usesPcid(s.option, f.xpti[c.dom]!);
      return [
        {
          state: produce(s, (t) => {
            const d = t.domains[c.dom]!;
            d.created = true;
            d.pcid = pcid;
            d.kernel = true;
          }),
          outcome: pcid ? 1 : 0,
        },
      ];
    })
    .with({ kind: 'schedule' }, (c) => [{ state: produce(s, (t) => void (t.cpus[c.cpu] = { running: c.target, inGuest: false })), outcome: 0 }])
    .with({ kind: 'exitToGuest' }, (c) => {
      inXenFor(s, c.cpu);
      return [{ state: produce(s, (t) => void (t.cpus[c.cpu]!.inGuest = true)), outcome: 0 }];
    })
    .with({ kind: 'enterXen' }, (c) => {
      guestOn(s, c.cpu);
      return [{ state: produce(s, (t) => void (t.cpus[c.cpu]!.inGuest = false)), outcome: 0 }];
    })
    .with({ kind: 'toggle' }, (c) => {
      const d = inXenFor(s, c.cpu);
      return [{ state: produce(s, (t) => void (t.domains[d]!.kernel = !t.domains[d]!.kernel)), outcome: 0 }];
    })
    .with({ kind: 'remap' }, (c) => {
      const d = inXenFor(s, c.cpu);
      const [a, b] = f.userFrames[d]!;
      return [
        {
          state: produce(s, (t) => {
            const dom = t.domains[d]!;
            const next = dom.userFrame === a ? b : a;
            dom.stale = (dom.stale | bit(dom.userFrame)) & ~bit(next);
            dom.userFrame = next;
          }),
          outcome: 0,
        },
      ];
    })
    .with({ kind: 'flush' }, (c) => {
      const d = inXenFor(s, c.cpu);
      if (c.va !== 'all' && c.va !== SpecVa.user) return [{ state: s, outcome: 0 }];
      return [{ state: produce(s, (t) => void (t.domains[d]!.stale = 0)), outcome: 0 }];
    })
    .with({ kind: 'access' }, (c) => subsets(allowedTranslations(f, s, c.cpu, c.va)).map((outcome) => ({ state: s, outcome })))
    .exhaustive();
}

/** Equal on everything `abstract(impl)` stands for: the stale-frame bookkeeping is compared through access outcomes instead. */
export function stateEquals(a: PcidState, b: PcidState): boolean {
  if (a === b) return true;
  if (a.option !== b.option) return false;
  for (let d = 0; d < a.domains.length; d++) {
    const x = a.domains[d]!;
    const y = b.domains[d]!;
    if (x.created !== y.created || x.pcid !== y.pcid || x.kernel !== y.kernel || x.userFrame !== y.userFrame) return false;
  }
  for (let c = 0; c < a.cpus.length; c++) {
    if (a.cpus[c]!.running !== b.cpus[c]!.running || a.cpus[c]!.inGuest !== b.cpus[c]!.inGuest) return false;
  }
  return true;
}

export function encodeState(s: PcidState, sink: EncodeSink): void {
  sink.u8(s.option);
  for (const d of s.domains) {
    sink.u8((d.created ? 1 : 0) | (d.pcid ? 2 : 0) | (d.kernel ? 4 : 0));
    sink.u8(d.userFrame);
    sink.u16(d.stale);
  }
  for (const c of s.cpus) {
    sink.u8(c.running);
    sink.bool(c.inGuest);
  }
}

const POLICY_NAMES = { [PcidPolicy.never]: 'never', [PcidPolicy.all]: 'all', [PcidPolicy.xptiOnly]: 'xpti', [PcidPolicy.nonXptiOnly]: 'no-xpti' } as const satisfies Record<
  PcidPolicy,
  string
>;
const VA_NAMES = { [SpecVa.user]: 'user page', [SpecVa.kernel]: 'kernel page', [SpecVa.xen]: 'Xen page', [SpecVa.nonCanonical]: 'non-canonical' } as const satisfies Record<
  SpecVa,
  string
>;

export const formatVa = (va: SpecVa | 'all'): string => (va === 'all' ? 'everything' : VA_NAMES[va]);
const vcpuName = (v: number): string => (v === SPEC_IDLE ? 'idle' : `d${v}`);

/** Frames in an outcome bitmask: `{f1,f2}`, `none` for bit 0. */
export function formatFrames(mask: number): string {
  const out: string[] = [];
  for (let f = 0; f < 16; f++) if (mask & (1 << f)) out.push(f === 0 ? 'none' : `f${f}`);
  return `{${out.join(',')}}`;
}

export function formatState(s: PcidState): string {
  const doms = s.domains.map(
    (d, i) =>
      `d${i}: ${d.created ? `${d.pcid ? 'PCID' : 'no PCID'}, ${d.kernel ? 'kernel' : 'user'} mode, user page → f${d.userFrame}${d.stale ? `, unflushed ${formatFrames(d.stale)}` : ''}` : 'not created'}`,
  );
  const cpus = s.cpus.map((c, i) => `CPU${i}: ${vcpuName(c.running)}${c.running === SPEC_IDLE ? '' : c.inGuest ? ' in guest' : ' in Xen'}`);
  return [`pcid=${POLICY_NAMES[s.option]}`, ...doms, ...cpus].join('\n');
}

export function formatCall(c: PcidCall): string {
  return match(c)
    .with({ kind: 'setOption' }, (x) => `set pcid=${x.text}`)
    .with({ kind: 'create' }, (x) => `create d${x.dom}`)
    .with({ kind: 'schedule' }, (x) => `CPU${x.cpu} schedules ${vcpuName(x.target)}`)
    .with({ kind: 'exitToGuest' }, (x) => `CPU${x.cpu} returns to the guest`)
    .with({ kind: 'enterXen' }, (x) => `CPU${x.cpu} enters Xen`)
    .with({ kind: 'toggle' }, (x) => `CPU${x.cpu} toggles kernel/user`)
    .with({ kind: 'remap' }, (x) => `CPU${x.cpu} guest remaps its user page`)
    .with({ kind: 'flush' }, (x) => `CPU${x.cpu} guest flushes ${formatVa(x.va)}`)
    .with({ kind: 'access' }, (x) => `CPU${x.cpu} guest accesses the ${formatVa(x.va)}`)
    .exhaustive();
}

export const formatOutcome = (o: PcidOutcome): string => `${o} ${o > 0 ? formatFrames(o) : ''}`.trim();

/** Invariants of reference states. */
export const specInvariants: readonly StateProperty<PcidState>[] = [
  {
    name: 'an unflushed old translation is never the current one',
    expectation: 'always',
    condition: (s) => s.domains.every((d) => (d.stale & (1 << d.userFrame)) === 0),
  },
];
