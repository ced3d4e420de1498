import { describe } from 'vitest';
import { argoSubsystem } from '../../model/argo/index.ts';
import { lawKit } from '../law-kit.ts';

describe('the law kit on Argo (small)', () => {
  lawKit('argo/small spec ⊗ impl', () => argoSubsystem.build('small', { side: 'both' }), { sample: 1500, depth: 8 });
  lawKit('argo/small impl', () => argoSubsystem.build('small', { side: 'impl' }), { sample: 1500, depth: 8 });
  lawKit('argo/small spec', () => argoSubsystem.build('small', { side: 'spec' }), { sample: 800, depth: 8 });
  for (const variant of argoSubsystem.variants) {
    lawKit(`argo/small impl [${variant.id}]`, () => argoSubsystem.build('small', { side: 'impl', variant: variant.id }), { sample: 500, clean: false });
  }
});
