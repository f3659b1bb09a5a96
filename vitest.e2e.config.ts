import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the real UI (built renderer) on the real backend (start:web) in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // expect.poll waits on a real backend through a real browser: vitest's 1 s default turns a
    // busy CI machine into a flaky failure (seen in the dues and team-member steps).
    expect: { poll: { timeout: 10_000 } },
  },
});
