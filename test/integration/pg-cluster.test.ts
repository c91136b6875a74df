import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, testCluster } from '../helpers/pg';

describe.skipIf(!testCluster())('the test PostgreSQL cluster', () => {
  it('gives each test its own empty database on loopback, and drops it', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client(db.config);
    await client.connect();
    const { rows } = await client.query<{ v: string; tables: string }>(
      `SELECT current_setting('server_version_num') AS v,
              (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public') AS tables`,
    );
    await client.end();
    expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
    expect(Number(rows[0]!.tables)).toBe(0);
    expect(db.config.host).toBe('127.0.0.1');
    await db.drop();
    const again = new pg.Client(db.config);
    await expect(again.connect()).rejects.toThrow(/does not exist/);
  });
});
