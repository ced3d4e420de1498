import { describe } from 'vitest';
import { revisionDiffModel } from '../../checker/revision-diff.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import { argoConfig, diffArgo } from '../../model/argo/index.ts';
import { argoImplSide } from '../../model/argo/impl-model.ts';
import { argoSpecSide } from '../../model/argo/spec-model.ts';
import { diffPcid } from '../../model/pcid/index.ts';
import { lawKit } from '../law-kit.ts';
import { ARGO_SENDV_REWRITTEN } from './argo-rewrite.ts';

describe('the law kit on revision products', () => {
  lawKit(
    'argo/small: sendv rewritten vs unmodified',
    () => {
      const cfg = argoConfig('small');
      return revisionDiffModel({
        spec: argoSpecSide(cfg),
        a: argoImplSide(cfg, CORRECT, ARGO_SENDV_REWRITTEN),
        b: argoImplSide(cfg, CORRECT),
        nameA: 'rewritten',
        nameB: 'unmodified',
        sameBuilder: true,
      });
    },
    { clean: true },
  );
  lawKit('argo/small: v1-signal-by-domid vs unmodified', () => diffArgo('small', 'argo/v1-signal-by-domid', undefined), { clean: false });
  lawKit('pcid/nested: seed-v4 vs seed-v5', () => diffPcid('nested', 'pcid/seed-v4-no-old-pcid-flush', 'pcid/seed-v5'), { clean: false });
});
