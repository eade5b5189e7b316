import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // The seeded database that servers and seeded test files copy, built once per run (tests/helpers/template.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Hang detectors, not speed limits: a browser test on a loaded 2-core CI machine can take minutes.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    reporters: ['default'],
  },
});
