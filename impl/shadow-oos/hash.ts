import { FIXUP_WORDS, fixW, FixupWord, gl1, INVALID_MFN, oosW, pageOf, SHADOW_OOS_FIXUPS, SHADOW_OOS_PAGES, SHF, snpW, oosHome } from './layout.ts';
import { Perfc, type ShadowWorld, flags, setFlags } from './world.ts';
import { shResyncOne } from './resync.ts';

/** The per-vCPU OOS hash (`oos_hash_add`, `oos_hash_remove`, `oos_snapshot_lookup`) and `sh_unsync`. */

/** `oos_hash_add`: the new page lands at home; a home occupant is punted to home + 1; the target's occupant is crushed by a full resync. */
export function oosHashAdd(x: ShadowWorld, v: number, gmfnIn: number): void {
  const L = x.L;
  let gmfn = gmfnIn;
  let fixup = freshFixup();
  let idx = oosHome(gmfn);
  const oidx = idx;
  let swap = false;
  const occupant = x.w[oosW(L, v, idx)]!;
  if (occupant !== INVALID_MFN && oosHome(occupant) === idx) {
    x.w[oosW(L, v, idx)] = gmfn;
    gmfn = occupant;
    const held = readFixup(x, v, idx);
    writeFixup(x, v, idx, fixup);
    fixup = held;
    swap = true;
    x.perfc[Perfc.unsyncSwap]!++;
    idx = (idx + 1) % SHADOW_OOS_PAGES;
  }
  const victim = x.w[oosW(L, v, idx)]!;
  if (victim !== INVALID_MFN) {
    shResyncOne(x, victim, v, idx);
    x.perfc[Perfc.unsyncEvict]!++;
  }
  x.w[oosW(L, v, idx)] = gmfn;
  writeFixup(x, v, idx, fixup);
  if (swap) {
    for (let k = 0; k < L.entries; k++) {
      const t = x.w[snpW(L, v, idx, k)]!;
      x.w[snpW(L, v, idx, k)] = x.w[snpW(L, v, oidx, k)]!;
      x.w[snpW(L, v, oidx, k)] = t;
    }
  }
  // The new page sits at its home: its snapshot is a copy of its guest entries.
  const p = pageOf(L, gmfnIn);
  for (let k = 0; k < L.entries; k++) x.w[snpW(L, v, oidx, k)] = x.w[gl1(L, p, k)]!;
}

/** A fixup record with no mapping (`{ .next = 0, .smfn = INVALID_MFN }`), in `FixupWord` order. */
function freshFixup(): number[] {
  const f = new Array<number>(FIXUP_WORDS).fill(0);
  for (let j = 0; j < SHADOW_OOS_FIXUPS; j++) f[FixupWord.smfn + j] = INVALID_MFN;
  return f;
}

function readFixup(x: ShadowWorld, v: number, idx: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < FIXUP_WORDS; i++) out.push(x.w[fixW(x.L, v, idx, i)]!);
  return out;
}
function writeFixup(x: ShadowWorld, v: number, idx: number, f: readonly number[]): void {
  f.forEach((word, i) => void (x.w[fixW(x.L, v, idx, i)] = word));
}

/** `oos_hash_remove`: drops gmfn from whichever vCPU's table holds it (its fixup record stays behind). */
export function oosHashRemove(x: ShadowWorld, gmfn: number): void {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = oosHome(gmfn);
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) {
      x.w[oosW(L, v, idx)] = INVALID_MFN;
      return;
    }
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}

/** `oos_snapshot_lookup`: (vCPU, slot) of OOS page gmfn. */
export function oosSnapshotLookup(x: ShadowWorld, gmfn: number): [number, number] {
  const L = x.L;
  for (let v = 0; v < L.nVcpu; v++) {
    let idx = oosHome(gmfn);
    if (x.w[oosW(L, v, idx)] !== gmfn) idx = (idx + 1) % SHADOW_OOS_PAGES;
    if (x.w[oosW(L, v, idx)] === gmfn) return [v, idx];
  }
  throw new Error(`BUG: gmfn ${gmfn} was OOS but not in the hash table`);
}

/** `sh_unsync`: lets a shadowed, in-sync L1 go out of sync for vCPU v; 1 when it did. */
export function shUnsync(x: ShadowWorld, v: number, gmfn: number): number {
  const p = pageOf(x.L, gmfn);
  if (p < 0) return 0;
  const f = flags(x, p);
  if ((f & SHF.outOfSync) !== 0 || (f & SHF.L1) === 0) return 0;
  setFlags(x, p, f | SHF.outOfSync | SHF.oosMayWrite);
  oosHashAdd(x, v, gmfn);
  return 1;
}
