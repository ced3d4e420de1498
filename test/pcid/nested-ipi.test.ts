import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { refinementModel } from '../../checker/refinement.ts';
import { replay } from '../../checker/replay.ts';
import type { PcidQuirks } from '../../impl/pcid/quirks.ts';
import { seedV5StaleRead } from '../../impl/pcid/variants/seed-v5-stale-read.ts';
import { seedV5 } from '../../impl/pcid/variants/seed-v5.ts';
import type { PcidConfig } from '../../model/pcid/config.ts';
import { pcidImplSide } from '../../model/pcid/impl-model.ts';
import { pcidConfig } from '../../model/pcid/index.ts';
import { P } from '../../model/pcid/properties-names.ts';
import { pcidSpecSide } from '../../model/pcid/spec-model.ts';

/**
 * v5's second flaw (XSA-292: the old PCID read before interrupts are
 * disabled; a flush IPI's lazy-state sync switches CR3 in between). The
 * BFS on any config finds v5's first flaw first (7 steps: equal PCIDs, no
 * flush), so to show the second is reached too the test uses
 * `seed-v5-stale-read`: XSA-292's flushing fix applied, the early read
 * kept. It is caught on `nested` only through a sync IPI nested in the
 * prologue, and is clean on the same config without sync IPIs.
 */
const nested = pcidConfig('nested');
const lockstep = (cfg: PcidConfig, q: PcidQuirks) => refinementModel(pcidSpecSide(cfg), pcidImplSide(cfg, q));

describe('flush IPIs inside switch_cr3_cr4’s interrupt-enabled prologue (nested config)', () => {
  it('v5 with only its stale old-PCID read is caught: the nested sync leaves the idle tables’ PCID 0 unflushed', () => {
    const m = lockstep(nested, seedV5StaleRead);
    const r = explore(m);
    const first = r.discoveries.find((d) => d.expectation === 'always');
    expect(first?.property).toBe(P.switchClean);
    const steps = replay(m, first!.path).steps;
    const labels = steps.map((s) => s.label);
    expect(labels).toHaveLength(19);
    const start = labels.indexOf('CPU0 schedules d1');
    const ipi = labels.indexOf('CPU0 lazy-state sync IPI');
    const fill = labels.lastIndexOf('CPU0 TLB fill of the Xen page');
    // The switch starts (old PCID read: d0 in user mode, PCID 1), the IPI's nested switch loads the idle tables, the CPU fills from them under PCID 0.
    expect(start).toBeGreaterThan(0);
    expect(ipi).toBe(start + 1);
    expect(fill).toBeGreaterThan(ipi);
    expect(m.formatState(steps[ipi]!.state)).toContain('tables of idle loaded; CR3 = idle tables');
    const last = m.formatState(steps.at(-1)!.state);
    expect(last).toContain('current d1');
    expect(last).toContain('PCID 0 Xen page → f7 (filled from idle tables)');
  });

  it('the same variant is clean on nested without sync IPIs: the flaw is the stale read', () => {
    const r = explore(lockstep({ ...nested, syncs: 0, witnesses: [] }, seedV5StaleRead));
    expect(r.verdict).toBe('ok');
  });

  it('v5 as posted is caught on nested too, by its first flaw first (7 steps)', () => {
    const first = explore(lockstep(nested, seedV5)).discoveries.find((d) => d.expectation === 'always');
    expect(first?.property).toBe(P.switchClean);
    expect(first?.path.actions.length).toBe(7);
  });
});
