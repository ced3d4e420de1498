import { describe } from 'vitest';
import { binaryClockModel } from '../../model/fixtures/binary-clock.ts';
import { counterModel } from '../../model/fixtures/counter.ts';
import { linearEquationModel } from '../../model/fixtures/linear-equation.ts';
import { toyQueueModel } from '../../model/fixtures/toy-queue.ts';
import { uartToyModel } from '../../model/fixtures/uart-toy.ts';
import { lawKit } from '../law-kit.ts';

describe('the law kit on the fixtures', () => {
  lawKit('uart-toy SIZE 2', () => uartToyModel(2));
  lawKit('linear equation', () => linearEquationModel(2, 4, 7), { sample: 500 });
  lawKit('binary clock', () => binaryClockModel());
  lawKit('counter (atomic)', () => counterModel(false, 3, 2));
  lawKit('counter (split, a zoo variant)', () => counterModel(true), { clean: false });
  lawKit('toy queue ⊗ spec', () => toyQueueModel(false));
});
