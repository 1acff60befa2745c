import { defineConfig } from 'vitest/config';

// forks, not threads: CDK bundling and the local cloud's servers need real processes (docs/architecture.md).
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['test/setup-env.ts'],
  },
});
