import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // By default Vitest runs as many files at once as there are cores less one: one at a time on this 2-core machine.
    // Every core: on 2026-12-02, in a slow spell, the suite took 556 s instead of 793 s, every test passing.
    maxWorkers: availableParallelism(),
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
