import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Hang detectors, not speed limits: a browser test on a loaded 2-core CI machine can take minutes.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    reporters: ['default'],
  },
});
