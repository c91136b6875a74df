/**
 * Vitest global set-up: one throwaway PostgreSQL cluster for the whole run (see
 * helpers/pg-cluster.ts); each test file makes its own databases in it (helpers/pg.ts).
 * Without PostgreSQL installed the shared-books tests are skipped with a notice, unless
 * FOLIO_REQUIRE_PG=1 (set by .ci/run), which makes its absence a failure.
 */
import type { TestProject } from 'vitest/node';
import { postgresBin, startCluster, type Cluster } from './helpers/pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { host: string; port: number; user: string } | null;
  }
}

let cluster: Cluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (!postgresBin()) {
    if (process.env.FOLIO_REQUIRE_PG === '1')
      throw new Error('FOLIO_REQUIRE_PG=1 but PostgreSQL is not installed');
    console.warn('PostgreSQL is not installed: the shared-books tests are skipped (see README).');
    project.provide('pg', null);
    return;
  }
  cluster = await startCluster();
  const settings = { host: cluster.host, port: cluster.port, user: cluster.user };
  project.provide('pg', settings);
  process.env.FOLIO_TEST_PG = JSON.stringify(settings);
}

export function teardown(): void {
  cluster?.stop();
}
