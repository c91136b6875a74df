import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files, child processes and servers: give them time, and isolate files.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
