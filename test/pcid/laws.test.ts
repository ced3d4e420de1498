import { describe } from 'vitest';
import { pcidSubsystem } from '../../model/pcid/index.ts';
import { lawKit } from '../law-kit.ts';

describe('the law kit on PCID (small)', () => {
  lawKit('pcid/small spec ⊗ impl', () => pcidSubsystem.build('small', { side: 'both' }), { sample: 1500, depth: 8 });
  lawKit('pcid/small impl', () => pcidSubsystem.build('small', { side: 'impl' }), { sample: 1500, depth: 8 });
  lawKit('pcid/small spec', () => pcidSubsystem.build('small', { side: 'spec' }), { sample: 800, depth: 8 });
  for (const variant of pcidSubsystem.variants) {
    lawKit(`pcid/${variant.config} impl [${variant.id}]`, () => pcidSubsystem.build(variant.config, { side: 'impl', variant: variant.id }), { sample: 500, clean: false });
  }
});
