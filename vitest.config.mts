import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // A throwaway PostgreSQL cluster for the shared-books tests (skipped without PostgreSQL).
    globalSetup: ['test/pg-setup.ts'],
    // Real SQLite files, child processes and servers: isolate files in forks. Tests spend
    // much of their time waiting on child processes, so even two cores take two forks (the
    // default, one fewer than the cores, would run a 2-core machine's files one by one); more
    // than four only adds contention.
    pool: 'forks',
    maxWorkers: Math.min(4, Math.max(2, os.availableParallelism() - 1)),
    // Tests are bound by work, not by time: these limits only stop a hung test, and are
    // generous so that a loaded machine (load 6–10 on 2 cores) is slow, not failing. The
    // crash tests set their own, longer limits.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
