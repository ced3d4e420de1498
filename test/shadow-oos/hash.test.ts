import { describe, expect, it } from 'vitest';
import { fixW, FixupWord, gl1, INVALID_MFN, l1e, makeLayout, oosHome, oosW, PAGE, SHF, sl1, SMFN_BASE, pw, PageWord } from '../../impl/shadow-oos/layout.ts';
import { shadowInit } from '../../impl/shadow-oos/fault.ts';
import { oosFixupAdd } from '../../impl/shadow-oos/fixup.ts';
import { oosHashAdd, shUnsync } from '../../impl/shadow-oos/hash.ts';
import { Perfc, PERFC_WORDS, type ShadowWorld } from '../../impl/shadow-oos/world.ts';
import { CORRECT } from '../../impl/shadow-oos/quirks.ts';

/** One vCPU, tables 3 and 6 (home 0) and 4 (home 1), two entries each, no hardware. */
function world(): ShadowWorld {
  const L = makeLayout(1, 2, [3, 6, 4], 0, 0);
  const x: ShadowWorld = {
    w: new Int32Array(L.words),
    L,
    quirks: CORRECT,
    perfc: new Int32Array(PERFC_WORDS),
    hw: { flushTlbMask: () => undefined, loadCr3: () => undefined, invlpg: () => undefined },
  };
  shadowInit(x);
  return x;
}
const slots = (x: ShadowWorld): number[] => [0, 1, 2].map((i) => x.w[oosW(x.L, 0, i)]!);

describe('the OOS hash (oos_hash_add)', () => {
  it('hashes a frame word at or above 2^31 as the unsigned number C sees, not the negative i32 it is stored as', () => {
    const w = new Int32Array([0x80000001]);
    expect(w[0]).toBeLessThan(0);
    expect(oosHome(w[0]!)).toBe(Number(0x80000001n % 3n));
    expect(oosHome(w[0]!)).not.toBe(Math.abs(w[0]! % 3));
  });

  it('puts a page at its home slot, gmfn mod 3', () => {
    const x = world();
    shUnsync(x, 0, 4);
    expect(slots(x)).toEqual([INVALID_MFN, 4, INVALID_MFN]);
  });

  it('punts a home occupant into home + 1 with its fixup record, the new page taking the home slot', () => {
    const x = world();
    shUnsync(x, 0, 3);
    x.w[fixW(x.L, 0, 0, FixupWord.smfn)] = SMFN_BASE + 1;
    shUnsync(x, 0, 6);
    expect(slots(x)).toEqual([6, 3, INVALID_MFN]);
    expect(x.w[fixW(x.L, 0, 1, FixupWord.smfn)]).toBe(SMFN_BASE + 1);
    expect(x.w[fixW(x.L, 0, 0, FixupWord.smfn)]).toBe(INVALID_MFN);
    expect(x.perfc[Perfc.unsyncSwap]).toBe(1);
  });

  it('crushes the occupant of the target slot by a full resync, and only it', () => {
    const x = world();
    shUnsync(x, 0, 3);
    shUnsync(x, 0, 6);
    shUnsync(x, 0, 4);
    expect(slots(x)).toEqual([6, 4, INVALID_MFN]);
    expect(x.w[pw(x.L, 0, PageWord.flags)]).toBe(SHF.L1);
    expect(x.perfc[Perfc.unsyncEvict]).toBe(1);
  });

  it('copies the new page’s guest entries into its snapshot', () => {
    const x = world();
    x.w[gl1(x.L, 2, 0)] = l1e(6, PAGE.present | PAGE.rw);
    oosHashAdd(x, 0, 4);
    expect(x.w[x.L.vcpuBase + x.L.snapshot + 1 * x.L.entries]).toBe(l1e(6, PAGE.present | PAGE.rw));
  });
});

describe('fixup arrays (oos_fixup_add)', () => {
  it('fills slot next, then evicts round-robin: the oldest record loses write access, without a flush', () => {
    const x = world();
    let flushes = 0;
    x.hw.flushTlbMask = () => void flushes++;
    shUnsync(x, 0, 3);
    const rw = l1e(3, PAGE.present | PAGE.rw);
    x.w[sl1(x.L, 0, 0)] = rw;
    x.w[sl1(x.L, 0, 1)] = rw;
    x.w[sl1(x.L, 1, 0)] = rw;
    oosFixupAdd(x, 3, SMFN_BASE + 0, 0);
    oosFixupAdd(x, 3, SMFN_BASE + 0, 1);
    expect(x.perfc[Perfc.fixupEvict]).toBe(0);
    oosFixupAdd(x, 3, SMFN_BASE + 1, 0);
    expect(x.perfc[Perfc.fixupEvict]).toBe(1);
    expect(x.w[sl1(x.L, 0, 0)]).toBe(l1e(3, PAGE.present));
    expect(x.w[sl1(x.L, 0, 1)]).toBe(rw);
    expect(x.w[fixW(x.L, 0, 0, FixupWord.smfn)]).toBe(SMFN_BASE + 1);
    expect(x.w[fixW(x.L, 0, 0, FixupWord.next)]).toBe(1);
    oosFixupAdd(x, 3, SMFN_BASE + 0, 0);
    expect(x.w[sl1(x.L, 0, 1)]).toBe(l1e(3, PAGE.present));
    expect(flushes).toBe(0);
  });

  it('does not record a mapping that is already recorded, so it evicts nothing (upstream since 2008)', () => {
    const x = world();
    shUnsync(x, 0, 3);
    const rw = l1e(3, PAGE.present | PAGE.rw);
    x.w[sl1(x.L, 0, 0)] = rw;
    x.w[sl1(x.L, 0, 1)] = rw;
    oosFixupAdd(x, 3, SMFN_BASE + 0, 0);
    oosFixupAdd(x, 3, SMFN_BASE + 0, 1);
    oosFixupAdd(x, 3, SMFN_BASE + 0, 0);
    expect(x.perfc[Perfc.fixupEvict]).toBe(0);
    expect(x.w[sl1(x.L, 0, 0)]).toBe(rw);
    expect(x.w[fixW(x.L, 0, 0, FixupWord.next)]).toBe(0);
  });

  it('is a hypervisor BUG for a page no hash holds', () => {
    expect(() => oosFixupAdd(world(), 3, SMFN_BASE, 0)).toThrow(/BUG/);
  });
});
