import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore.ts';
import { differenceOf, revisionDiffModel } from '../../checker/revision-diff.ts';
import { replay } from '../../checker/replay.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import { argoConfig } from '../../model/argo/index.ts';
import { argoImplSide, type ArgoImplFunctions } from '../../model/argo/impl-model.ts';
import { argoSpecSide } from '../../model/argo/spec-model.ts';
import { EAGAIN } from '../../spec/argo/types.ts';
import { ARGO_SENDV_FORGETS_EMPTY, ARGO_SENDV_REWRITTEN, freeBytesForgetsEmpty, freeBytesModular } from './argo-rewrite.ts';

/** The unmodified Argo impl against the same impl with `fns` as its entry points, on `config`. */
function againstUnmodified(config: string, fns: ArgoImplFunctions) {
  const cfg = argoConfig(config);
  return revisionDiffModel({
    spec: argoSpecSide(cfg),
    a: argoImplSide(cfg, CORRECT, fns),
    b: argoImplSide(cfg, CORRECT),
    nameA: 'rewritten',
    nameB: 'unmodified',
    sameBuilder: true,
  });
}

describe('xenspec diff on a rewrite of an impl function', () => {
  it('the two free-space expressions agree with the unmodified one where the ring keeps its pointers (below len)', () => {
    for (const len of [48, 64]) {
      for (let tx = 0; tx < len; tx += 16) {
        for (let rx = 0; rx < len; rx += 16) {
          const expected = rx === tx ? len : (((rx - tx) % len) + len) % len;
          expect(freeBytesModular(rx, tx, len)).toBe(expected);
          expect(freeBytesForgetsEmpty(rx, tx, len)).toBe(rx === tx ? 0 : expected);
        }
      }
    }
  });

  it.each(['small', 'errors'])('reports a behaviour-preserving rewrite of sendv equivalent on %s, with as many states as the impl alone', (config) => {
    const result = explore(againstUnmodified(config, ARGO_SENDV_REWRITTEN));
    expect(result.discoveries).toEqual([]);
    expect(result.verdict).toBe('ok');
    // Equivalent revisions that write the same state: the product is the impl's own state space, no more.
    const alone = explore(argoImplSide(argoConfig(config), CORRECT).model, { stopOnViolation: false });
    expect(result.stats.distinct).toBe(alone.stats.distinct);
    expect(result.stats.depth).toBe(alone.stats.depth);
  });

  it('finds the first sendv that differs when the rewrite forgets the empty ring', () => {
    const model = againstUnmodified('small', ARGO_SENDV_FORGETS_EMPTY);
    const result = explore(model);
    expect(result.verdict).toBe('violated');
    const [found] = result.discoveries;
    const last = replay(model, found!.path).steps.at(-1)!;
    const difference = differenceOf(last.state);
    expect(difference?.kind).toBe('outcome');
    expect(difference?.summary).toMatch(/sendv/);
    // On an empty ring the rewrite sees no room: -EAGAIN where the unmodified impl writes the message.
    expect(difference?.detail).toMatch(new RegExp(`^rewritten\\s+│ .*sendv.*rc -${EAGAIN}\\b`, 'm'));
    expect(difference?.detail).toMatch(/^unmodified\s+│ .*sendv.*rc 0\b/m);
  });
});
