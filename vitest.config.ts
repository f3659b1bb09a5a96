import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/migrations/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.node.json' },
    // Generous: the CLI and import tests spawn processes, and CI runs the files two at a time.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
