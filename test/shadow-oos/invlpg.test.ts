import { describe, expect, it } from 'vitest';
import { isTransitionProperty, type Model } from '../../checker/model.ts';
import { refinementModel } from '../../checker/refinement.ts';
import type { ProductState } from '../../checker/refinement-types.ts';
import { PageWord, pw, SHF } from '../../impl/shadow-oos/layout.ts';
import { CORRECT } from '../../impl/shadow-oos/quirks.ts';
import type { ShadowAction } from '../../model/shadow-oos/env.ts';
import { isReleased, shadowImplSide, tlbAsSpec, type ShadowImpl } from '../../model/shadow-oos/impl-model.ts';
import { shadowConfig } from '../../model/shadow-oos/index.ts';
import { P } from '../../model/shadow-oos/properties-names.ts';
import { shadowSpecSide } from '../../model/shadow-oos/spec-model.ts';
import { SPEC_INVARIANT } from '../../spec/shadow-oos/state.ts';
import { specPte, type ShadowState } from '../../spec/shadow-oos/types.ts';

/**
 * The decided behaviour of a guest INVLPG on two vCPUs (README, shadow-oos
 * "INVLPG on two vCPUs"). Upstream's `sh_invlpg` empties the out-of-sync
 * L1's shared shadow entry and invalidates only the local TLB; when the page
 * that entry mapped is promoted later, `sh_remove_write_access` finds no
 * writable mapping and nothing is flushed, so another CPU keeps a writable
 * TLB entry to a shadowed, in-sync page table. The impl and the reference do
 * the same; what makes it acceptable is the guest's shootdown contract: the
 * other CPU's entry was released by the INVLPG, and the guest does not use it.
 */
const cfg = { ...shadowConfig('deep'), invlpgs: 2, faults: 4 };
const impl = shadowImplSide(cfg, CORRECT);
const product = refinementModel(shadowSpecSide(cfg), impl);
type PS = ProductState<ShadowImpl, ShadowState>;

/** The path `check shadow-oos --config deep` found before the contract was modelled (9 actions). */
const PATH = [
  'vCPU0 guest reads va 2',
  'vCPU1 guest writes va 4',
  'vCPU1 page-fault handler under the paging lock',
  "shadow memory pressure: the next prealloc frees L1 page 0's shadow",
  'vCPU0 page-fault handler under the paging lock',
  'vCPU0 guest writes va 2',
  'vCPU0 guest writes va 0',
  'vCPU1 guest INVLPG va 2',
  'vCPU0 page-fault handler under the paging lock',
] as const;

function enabled(model: Model<PS, ShadowAction>, s: PS): string[] {
  const out: ShadowAction[] = [];
  model.actions(s, out);
  return out.map((a) => model.formatAction(a));
}

/** Follows `labels` from `s`, checking every property of the product on the way. */
function follow(s0: PS, labels: readonly string[]): PS {
  let s = s0;
  const props = product.properties().filter((p) => p.expectation === 'always');
  for (const label of labels) {
    const out: ShadowAction[] = [];
    product.actions(s, out);
    const a = out.find((x) => product.formatAction(x) === label);
    if (a === undefined) throw new Error(`"${label}" is not enabled; enabled: ${enabled(product, s).join(' | ')}`);
    const next = product.next(s, a)!;
    for (const p of props) expect(isTransitionProperty(p) ? p.transition(s, a, next) : p.condition(next), `${p.name} after ${label}`).toBe(true);
    s = next;
  }
  return s;
}

const VA2 = 2;
const F3_W = specPte(3, true);

describe('a guest INVLPG of an out-of-sync L1 on two vCPUs', () => {
  const after = follow(product.initStates()[0]!, PATH);
  const w = after.impl.w;
  const L = impl.shape.L;

  it('follows upstream: the shared shadow entry goes, only CPU1 is flushed, and the promotion of gmfn 3 flushes nothing', () => {
    expect(w[pw(L, 0, PageWord.flags)]! & (SHF.L1 | SHF.oosMayWrite | SHF.outOfSync)).toBe(SHF.L1);
    expect(tlbAsSpec(impl.shape.x86, w, 0, VA2)).toBe(F3_W);
    expect(tlbAsSpec(impl.shape.x86, w, 1, VA2)).toBe(0);
    expect(after.specs).toHaveLength(1);
    const spec = after.specs[0]!;
    expect(spec.tlb[0]![VA2]).toBe(F3_W);
    expect(spec.pages[0]!.shadowed && !spec.pages[0]!.mayWrite).toBe(true);
  });

  it('marks CPU0’s entry for va 2 released, so write protection holds and the guest no longer uses va 2 on vCPU0', () => {
    expect(isReleased(L, w, 0, VA2)).toBe(true);
    expect(after.specs[0]!.released[0]![VA2]).toBe(true);
    const names = product.properties().map((p) => p.name);
    expect(names).toContain(P.writeProtect);
    expect(names).toContain(`spec: ${SPEC_INVARIANT.writeProtected}`);
    const labels = enabled(product, after);
    expect(labels).not.toContain('vCPU0 guest writes va 2');
    expect(labels).not.toContain('vCPU0 guest reads va 2');
    expect(labels).toContain('vCPU1 guest writes va 2');
  });

  it('ends the release when vCPU0 invalidates va 2 itself, and va 2 then faults on vCPU0 instead of writing gmfn 3', () => {
    const flushed = follow(after, ['vCPU0 guest INVLPG va 2']);
    expect(isReleased(L, flushed.impl.w, 0, VA2)).toBe(false);
    expect(flushed.specs[0]!.released[0]![VA2]).toBe(false);
    const faulted = follow(flushed, ['vCPU0 guest writes va 2']);
    expect(faulted.specs[0]!.walk[0]).toEqual({ va: VA2, write: true, value: F3_W });
  });
});
