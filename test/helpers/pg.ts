import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Superuser connection settings for this database. */
  config: { host: string; port: number; user: string; database: string };
  drop(): Promise<void>;
}

/** The run's PostgreSQL cluster (test/pg-setup.ts), or null when PostgreSQL is not installed. */
export function testCluster(): { host: string; port: number; user: string } | null {
  // Set by test/pg-setup.ts in the main process before the test processes start (they inherit
  // it); read from the environment so benches and scripts can import the helpers without vitest.
  const value = process.env.FOLIO_TEST_PG;
  return value ? (JSON.parse(value) as { host: string; port: number; user: string }) : null;
}

/** A new, empty database in the run's cluster; drop() removes it with every connection to it. */
export async function createTestDatabase(prefix = 'folio'): Promise<TestDatabase> {
  const cluster = testCluster();
  if (!cluster) throw new Error('PostgreSQL is not available');
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ ...cluster, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    config: { ...cluster, database },
    async drop() {
      const c = new pg.Client({ ...cluster, database: 'postgres' });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Drops a database of the run's cluster by name, with every connection to it. */
export async function dropTestDatabase(database: string): Promise<void> {
  const cluster = testCluster();
  if (!cluster) return;
  const c = new pg.Client({ ...cluster, database: 'postgres' });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
