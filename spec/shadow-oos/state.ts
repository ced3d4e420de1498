import { freeze, produce, type Draft } from 'immer';
import { match } from 'ts-pattern';
import type { EncodeSink, StateProperty } from '../../checker/model.ts';
import { Outcome, OUTCOME_NAMES, SpecPte, spteFrame, sptePresent, spteWritable, type ShadowCall, type ShadowFacts, type ShadowState, type SpecPage } from './types.ts';

/** Boot: every guest L1 page table shadowed, in sync, with an empty shadow; empty TLBs. */
export function initialState(f: ShadowFacts): ShadowState {
  const zeros = (): number[] => new Array<number>(f.entries).fill(0);
  return freeze(
    {
      guest: f.init.map((row) => [...row]),
      pages: f.gmfns.map((): SpecPage => ({ shadowed: true, owner: -1, mayWrite: false, snapshot: null, shadow: zeros() })),
      tlb: Array.from({ length: f.nVcpu }, () => new Array<number>(f.gmfns.length * f.entries).fill(0)),
      released: Array.from({ length: f.nVcpu }, () => new Array<boolean>(f.gmfns.length * f.entries).fill(false)),
      walk: new Array<null>(f.nVcpu).fill(null),
      pressure: -1,
    },
    true,
  );
}

/** One outcome the reference allows and the state it leads to. */
export interface SpecResult {
  readonly state: ShadowState;
  readonly outcome: Outcome;
}

type D = Draft<ShadowState>;

/** The page index of guest frame `frame`, or −1 for a data page. */
export const pageOfFrame = (f: ShadowFacts, frame: number): number => f.gmfns.indexOf(frame);

/** Every shadow entry `[page, entry]` that maps page `q` writable: the complete reverse map. */
export function writableMappings(f: ShadowFacts, s: ShadowState | D, q: number): [number, number][] {
  const out: [number, number][] = [];
  s.pages.forEach((pg, p) => {
    if (!pg.shadowed) return;
    pg.shadow.forEach((e, k) => {
      if (spteWritable(e) && spteFrame(e) === f.gmfns[q]) out.push([p, k]);
    });
  });
  return out;
}

/**
 * The L1 propagation rule: the guest entry's frame and permission, except
 * that a mapping of a shadowed page table is writable only when that page
 * may be written and this is a demand write.
 */
function propagate(f: ShadowFacts, d: D, g: number, demandWrite: boolean): number {
  if (!sptePresent(g)) return 0;
  const q = pageOfFrame(f, spteFrame(g));
  if (q >= 0 && d.pages[q]!.shadowed && !(d.pages[q]!.mayWrite && demandWrite)) return g & ~SpecPte.rw;
  return g;
}

function flushAll(d: D): void {
  for (const t of d.tlb) t.fill(0);
}

/** Re-propagates every present shadow entry of `q` whose guest value left the snapshot; true when one did. */
function repropagate(f: ShadowFacts, d: D, q: number): boolean {
  const pg = d.pages[q]!;
  let any = false;
  for (let k = 0; k < f.entries; k++) {
    const g = d.guest[q]![k]!;
    if (sptePresent(pg.shadow[k]!) && g !== pg.snapshot![k]) {
      pg.shadow[k] = propagate(f, d, g, false);
      pg.snapshot![k] = g;
      any = true;
    }
  }
  return any;
}

/** A full resync: every writable mapping goes, every TLB is flushed, changed entries are re-propagated, the page is in sync. */
function fullResync(f: ShadowFacts, d: D, q: number): void {
  for (const [p, k] of writableMappings(f, d, q)) d.pages[p]!.shadow[k] = d.pages[p]!.shadow[k]! & ~SpecPte.rw;
  flushAll(d);
  d.pages[q]!.mayWrite = false;
  repropagate(f, d, q);
  d.pages[q]!.owner = -1;
  d.pages[q]!.snapshot = null;
}

/** Memory pressure frees `q`'s shadow: it stops being a page table, out of sync or not, and every TLB is flushed. */
function demote(f: ShadowFacts, d: D, q: number): void {
  const pg = d.pages[q]!;
  pg.shadowed = false;
  pg.shadow = new Array<number>(f.entries).fill(0);
  pg.owner = -1;
  pg.mayWrite = false;
  pg.snapshot = null;
  flushAll(d);
}

/** The guest write through `va` (mapping `frame`): a page table's entry of the same index flips; a data page's contents are not modelled. */
function guestWrite(f: ShadowFacts, d: D, frame: number, va: number): void {
  const q = pageOfFrame(f, frame);
  if (q < 0) return;
  const k = va % f.entries;
  const row = d.guest[q]!;
  row[k] = row[k] === f.init[q]![k] ? f.alt[q]![k]! : f.init[q]![k]!;
}

function access(f: ShadowFacts, s: ShadowState, v: number, va: number, write: boolean): SpecResult {
  const p = Math.floor(va / f.entries);
  const k = va % f.entries;
  const cached = s.tlb[v]![va]!;
  const shadow = s.pages[p]!.shadowed ? s.pages[p]!.shadow[k]! : 0;
  const entry = cached !== 0 ? cached : shadow;
  if (sptePresent(entry) && (!write || spteWritable(entry))) {
    const state = produce(s, (d) => {
      if (cached === 0) d.tlb[v]![va] = entry;
      if (write) guestWrite(f, d, spteFrame(entry), va);
    });
    return { state, outcome: Outcome.ok };
  }
  // The fault drops the address's TLB entry; the handler walks the guest's tables before taking the lock.
  const state = produce(s, (d) => {
    d.tlb[v]![va] = 0;
    d.walk[v] = { va, write, value: s.guest[p]![k]! };
  });
  return { state, outcome: Outcome.fault };
}

/** The page-fault handler under the paging lock, every outcome the design allows (which OOS page an unsync evicts, which writable mapping a new one evicts). */
function faultLocked(f: ShadowFacts, s: ShadowState, v: number): SpecResult[] {
  const walk = s.walk[v];
  if (walk === null || walk === undefined) throw new Error(`spec: vCPU${v} has no fault in flight`);
  const p = Math.floor(walk.va / f.entries);
  const k = walk.va % f.entries;
  const cleared = produce(s, (d) => void (d.walk[v] = null));
  if (s.guest[p]![k] !== walk.value) return [{ state: cleared, outcome: Outcome.retry }];
  if (!sptePresent(walk.value) || (walk.write && !spteWritable(walk.value))) return [{ state: cleared, outcome: Outcome.guestFault }];
  const prepared = produce(cleared, (d) => {
    if (d.pressure >= 0) {
      const q = d.pressure;
      d.pressure = -1;
      if (d.pages[q]!.shadowed) demote(f, d, q);
    }
    if (d.pages[p]!.owner < 0) {
      const rw = writableMappings(f, d, p);
      for (const [x, y] of rw) d.pages[x]!.shadow[y] = d.pages[x]!.shadow[y]! & ~SpecPte.rw;
      if (rw.length > 0) flushAll(d);
    }
    d.pages[p]!.shadowed = true;
  });
  const t = pageOfFrame(f, spteFrame(walk.value));
  let unsynced: ShadowState[] = [prepared];
  if (walk.write && t >= 0 && prepared.pages[t]!.shadowed && prepared.pages[t]!.owner < 0) {
    const mine = prepared.pages.flatMap((pg, q) => (pg.owner === v ? [q] : []));
    const evictions = mine.length >= f.oosPerVcpu ? mine : [-1, ...mine];
    unsynced = evictions.map((u) =>
      produce(prepared, (d) => {
        if (u >= 0) fullResync(f, d, u);
        const pg = d.pages[t]!;
        pg.owner = v;
        pg.mayWrite = true;
        pg.snapshot = [...d.guest[t]!];
      }),
    );
  }
  const out: SpecResult[] = [];
  for (const base of unsynced) {
    const entry = propagate(f, base as D, walk.value, walk.write);
    const target = pageOfFrame(f, spteFrame(entry));
    const others = spteWritable(entry) && target >= 0 ? writableMappings(f, base, target).filter(([x, y]) => x !== p || y !== k) : [];
    for (const evicted of [undefined, ...others]) {
      const state = produce(base, (d) => {
        if (evicted !== undefined) d.pages[evicted[0]]!.shadow[evicted[1]] = d.pages[evicted[0]]!.shadow[evicted[1]]! & ~SpecPte.rw;
        d.pages[p]!.shadow[k] = entry;
        if (d.pages[p]!.owner >= 0) d.pages[p]!.snapshot![k] = walk.value;
      });
      out.push({ state, outcome: Outcome.fixed });
    }
  }
  return out;
}

/** A guest CR3 write: this vCPU's OOS pages fully resynced, the local TLB flushed, other vCPUs' OOS pages refreshed in place. */
function cr3(f: ShadowFacts, s: ShadowState, v: number): ShadowState {
  return produce(s, (d) => {
    d.pages.forEach((pg, q) => {
      if (pg.owner === v) fullResync(f, d, q);
    });
    d.tlb[v]!.fill(0);
    d.pages.forEach((pg, q) => {
      if (pg.owner >= 0 && pg.owner !== v) repropagate(f, d, q);
    });
  });
}

/** Every outcome the reference allows for `call` by vCPU `call.v`, with its successor. */
export function applyCall(f: ShadowFacts, s: ShadowState, call: ShadowCall): readonly SpecResult[] {
  return match(call)
    .with({ kind: 'access' }, (c) => [access(f, s, c.v, c.va, c.write)])
    .with({ kind: 'faultLocked' }, (c) => faultLocked(f, s, c.v))
    .with({ kind: 'cr3' }, (c) => [{ state: cr3(f, s, c.v), outcome: Outcome.ok }])
    .with({ kind: 'invlpg' }, (c) => [{ state: invlpg(f, s, c.v, c.va), outcome: Outcome.ok }])
    .with({ kind: 'pressure' }, (c) => [{ state: produce(s, (d) => void (d.pressure = c.page)), outcome: Outcome.ok }])
    .exhaustive()
    .map(({ state, outcome }) => ({ state: settleReleased(state), outcome }));
}

/**
 * A guest INVLPG: the entry of an out-of-sync page's shadow goes (the guest may have changed it without a trap),
 * the local TLB entry goes, and every other CPU's entry for `va` is released (the guest's shootdown contract).
 */
function invlpg(f: ShadowFacts, s: ShadowState, v: number, va: number): ShadowState {
  return produce(s, (d) => {
    const p = Math.floor(va / f.entries);
    if (d.pages[p]!.owner >= 0) d.pages[p]!.shadow[va % f.entries] = 0;
    d.tlb[v]![va] = 0;
    d.tlb.forEach((t, c) => {
      if (c !== v && t[va] !== 0) d.released[c]![va] = true;
    });
  });
}

/** A released mark lives exactly as long as its TLB entry. */
function settleReleased(s: ShadowState): ShadowState {
  const stale = s.released.some((row, c) => row.some((r, va) => r && s.tlb[c]![va] === 0));
  if (!stale) return s;
  return produce(s, (d) => {
    d.released.forEach((row, c) => row.forEach((r, va) => void (row[va] = r && d.tlb[c]![va] !== 0)));
  });
}

export function encodeState(s: ShadowState, sink: EncodeSink): void {
  for (const row of s.guest) for (const e of row) sink.u32(e);
  for (const pg of s.pages) {
    sink.bool(pg.shadowed);
    sink.i32(pg.owner);
    sink.bool(pg.mayWrite);
    sink.bool(pg.snapshot !== null);
    if (pg.snapshot !== null) for (const e of pg.snapshot) sink.u32(e);
    for (const e of pg.shadow) sink.u32(e);
  }
  for (const t of s.tlb) for (const e of t) sink.u32(e);
  for (const row of s.released) for (const r of row) sink.bool(r);
  for (const w of s.walk) {
    sink.bool(w !== null);
    if (w !== null) {
      sink.u32(w.va);
      sink.bool(w.write);
      sink.u32(w.value);
    }
  }
  sink.i32(s.pressure);
}

const sameArray = (a: readonly number[] | null, b: readonly number[] | null): boolean => {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
};

/** Equality of everything the state holds (abstract(impl) stands for all of it). */
export function stateEquals(a: ShadowState, b: ShadowState): boolean {
  if (a === b) return true;
  if (a.pressure !== b.pressure) return false;
  if (!a.guest.every((r, i) => sameArray(r, b.guest[i]!))) return false;
  if (!a.tlb.every((r, i) => sameArray(r, b.tlb[i]!))) return false;
  if (!a.released.every((r, i) => r.every((x, va) => x === b.released[i]![va]))) return false;
  if (!a.walk.every((w, i) => (w === null ? b.walk[i] === null : b.walk[i] !== null && w.va === b.walk[i]!.va && w.write === b.walk[i]!.write && w.value === b.walk[i]!.value))) {
    return false;
  }
  return a.pages.every((p, i) => {
    const q = b.pages[i]!;
    return p.shadowed === q.shadowed && p.owner === q.owner && p.mayWrite === q.mayWrite && sameArray(p.snapshot, q.snapshot) && sameArray(p.shadow, q.shadow);
  });
}

export const formatPte = (e: number): string => (sptePresent(e) ? `f${spteFrame(e)}${spteWritable(e) ? ' W' : ' R'}` : '—');

export function formatState(s: ShadowState): string {
  const lines = s.pages.map((pg, p) => {
    const status = !pg.shadowed ? 'unshadowed' : pg.owner < 0 ? 'in sync' : `OOS on vCPU${pg.owner}${pg.mayWrite ? ' may_write' : ''}`;
    const snap = pg.snapshot === null ? '' : ` snapshot [${pg.snapshot.map(formatPte).join(', ')}]`;
    return `L1 page ${p}: guest [${s.guest[p]!.map(formatPte).join(', ')}] shadow [${pg.shadow.map(formatPte).join(', ')}] ${status}${snap}`;
  });
  s.tlb.forEach((t, c) => lines.push(`CPU${c} TLB [${t.map((e, va) => `${formatPte(e)}${s.released[c]![va] ? ' (released)' : ''}`).join(', ')}]`));
  s.walk.forEach((w, v) => {
    if (w !== null) lines.push(`vCPU${v} walked va ${w.va} (${w.write ? 'write' : 'read'}): ${formatPte(w.value)}`);
  });
  if (s.pressure >= 0) lines.push(`memory pressure armed on L1 page ${s.pressure}`);
  return lines.join('\n');
}

export function formatCall(c: ShadowCall): string {
  return match(c)
    .with({ kind: 'access' }, (x) => `vCPU${x.v} ${x.write ? 'writes' : 'reads'} va ${x.va}`)
    .with({ kind: 'faultLocked' }, (x) => `vCPU${x.v} page fault under the lock`)
    .with({ kind: 'cr3' }, (x) => `vCPU${x.v} writes CR3`)
    .with({ kind: 'invlpg' }, (x) => `vCPU${x.v} INVLPG va ${x.va}`)
    .with({ kind: 'pressure' }, (x) => `memory pressure on L1 page ${x.page}`)
    .exhaustive();
}

export const formatOutcome = (o: Outcome): string => OUTCOME_NAMES[o];

/** Names of the reference's invariants (the lockstep model prefixes them with `spec: `). */
export const SPEC_INVARIANT = {
  oosBound: 'at most SHADOW_OOS_PAGES OOS pages per vCPU, and may_write only while OOS',
  writeProtected: 'an in-sync page table has no writable shadow mapping and no writable TLB entry the guest has not released',
} as const;

/** The reference's invariants. */
export function specInvariants(f: ShadowFacts): readonly StateProperty<ShadowState>[] {
  return [
    {
      name: SPEC_INVARIANT.oosBound,
      expectation: 'always',
      condition: (s) => {
        for (let v = 0; v < f.nVcpu; v++) if (s.pages.filter((pg) => pg.owner === v).length > f.oosPerVcpu) return false;
        return s.pages.every((pg) => !pg.mayWrite || pg.owner >= 0);
      },
    },
    {
      name: SPEC_INVARIANT.writeProtected,
      expectation: 'always',
      condition: (s) =>
        s.pages.every((pg, q) => {
          if (!pg.shadowed || pg.mayWrite) return true;
          if (writableMappings(f, s, q).length > 0) return false;
          return s.tlb.every((t, c) => t.every((e, va) => s.released[c]![va] === true || !(spteWritable(e) && spteFrame(e) === f.gmfns[q])));
        }),
    },
  ];
}
