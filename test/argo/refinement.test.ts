import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { REFINES, refinementModel, type SpecSide } from '../../checker/refinement.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import { argoConfig } from '../../model/argo/index.ts';
import { argoImplSide } from '../../model/argo/impl-model.ts';
import { argoSpecSide } from '../../model/argo/spec-model.ts';
import { applyCall } from '../../spec/argo/ops.ts';
import { EAGAIN, OUT, type ArgoCall, type ArgoOutcome, type ArgoState } from '../../spec/argo/types.ts';

/** The lockstep check has teeth of its own, beyond the impl's invariants. */
describe('argo refinement harness', () => {
  const cfg = argoConfig('small');

  it('reports an outcome divergence when the spec would wake only waiters strictly below S', () => {
    const honest = argoSpecSide(cfg);
    const strict: SpecSide<ArgoState, ArgoCall, ArgoOutcome> = {
      ...honest,
      apply: (s, actor, call) =>
        call.kind === 'wakeWaiters' ? [applyCall(s, { ...call, space: call.space - 1 })] : honest.apply(s, actor, call),
    };
    const r = explore(refinementModel(strict, argoImplSide(cfg, CORRECT)));
    expect(r.verdict).toBe('violated');
    expect(r.discoveries.find((d) => d.expectation === 'always')?.property).toBe(REFINES);
  });

  it('reports a state divergence when the spec forgets to requeue a refused sender', () => {
    const honest = argoSpecSide(cfg);
    const forgetful: SpecSide<ArgoState, ArgoCall, ArgoOutcome> = {
      ...honest,
      apply: (s, actor, call) => {
        const alts = honest.apply(s, actor, call);
        return call.kind === 'sendv' && alts[0]!.outcome[0] === OUT.SENDV && alts[0]!.outcome[1] === -EAGAIN ? [{ state: s, outcome: alts[0]!.outcome }] : alts;
      },
    };
    const r = explore(refinementModel(forgetful, argoImplSide(cfg, CORRECT)));
    expect(r.verdict).toBe('violated');
    expect(r.discoveries.find((d) => d.expectation === 'always')?.property).toBe(REFINES);
  });
});
