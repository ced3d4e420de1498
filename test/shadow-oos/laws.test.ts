import { describe } from 'vitest';
import { shadowOosSubsystem } from '../../model/shadow-oos/index.ts';
import { lawKit } from '../law-kit.ts';

describe('the law kit on shadow-oos', () => {
  lawKit('shadow-oos/small spec ⊗ impl', () => shadowOosSubsystem.build('small', { side: 'both' }), { sample: 1000, depth: 6 });
  lawKit('shadow-oos/small impl', () => shadowOosSubsystem.build('small', { side: 'impl' }), { sample: 1000, depth: 6 });
});
