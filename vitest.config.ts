import { defineConfig } from 'vitest/config';

// Unit tests only: Playwright specs live in e2e/ and must never be collected here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    setupFiles: ['src/runtime/platform/node-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Real threads on a 2-core machine: run test files one after another so timing-sensitive
    // concurrency tests are not starved by each other.
    fileParallelism: false,
  },
});
