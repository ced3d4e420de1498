import { describe } from 'vitest';
import { vpl011Subsystem } from '../../model/vpl011/index.ts';
import { lawKit } from '../law-kit.ts';

describe('the law kit on vpl011 (small)', () => {
  lawKit('vpl011/small spec ⊗ impl', () => vpl011Subsystem.build('small', { side: 'both' }), { sample: 1500, depth: 8 });
  lawKit('vpl011/small impl', () => vpl011Subsystem.build('small', { side: 'impl' }), { sample: 1500, depth: 8 });
  lawKit('vpl011/small spec', () => vpl011Subsystem.build('small', { side: 'spec' }), { sample: 800, depth: 8 });
  lawKit('vpl011/small-level spec ⊗ impl', () => vpl011Subsystem.build('small-level', { side: 'both' }), { sample: 800, depth: 6 });
  for (const variant of vpl011Subsystem.variants) {
    lawKit(`vpl011/${variant.config} impl [${variant.id}]`, () => vpl011Subsystem.build(variant.config, { side: 'impl', variant: variant.id }), { sample: 500, clean: false });
  }
});
