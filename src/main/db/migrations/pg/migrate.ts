import type { PoolClient } from 'pg';
import { MIGRATIONS, type Migration } from '../index';
import { NewerDatabaseError } from '../../migrate';
import { PG_BASELINE_VERSION } from './baseline';

/**
 * The key of the transaction-scoped advisory lock that makes two Folios starting at once on
 * the same database migrate one after the other ("folio" in ASCII).
 */
export const MIGRATION_LOCK_KEY = 0x666f6c696f;

/** The database's schema version: folio_meta's row, or 0 for a database Folio has not set up. */
export async function pgSchemaVersion(client: PoolClient): Promise<number> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('folio_meta')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const row = await client.query<{ v: string | number }>('SELECT schema_version AS v FROM folio_meta');
  return row.rows.length ? Number(row.rows[0]!.v) : 0;
}

/**
 * Brings a PostgreSQL database to the latest schema, in one transaction (either it reaches
 * the latest version or nothing changes): takes the migration lock, reads folio_meta,
 * refuses a database written by a newer Folio (NewerDatabaseError, as for a SQLite file),
 * runs every pending PostgreSQL body (migration 1's is the version-12 baseline; 2–12 are
 * part of it; every later migration must carry one) and records the version. Call it on a
 * client that is not inside a transaction (or say `inTransaction`: the caller's transaction
 * then holds the new schema, and the caller commits or rolls back). Returns the schema version.
 */
export async function migratePg(
  client: PoolClient,
  options: { migrations?: readonly Migration[]; inTransaction?: boolean } = {},
): Promise<number> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const own = !options.inTransaction;
  if (own) await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const current = await pgSchemaVersion(client);
    if (current > latest) throw new NewerDatabaseError(current, latest);
    const pending = migrations.filter((m) => m.version > current);
    if (pending.length === 0) {
      if (own) await client.query('COMMIT');
      return current;
    }
    for (const m of pending) {
      if (m.pg === undefined) {
        if (m.version <= PG_BASELINE_VERSION) continue; // part of the baseline
        throw new Error(`Migration ${m.version} (${m.name}) has no PostgreSQL body`);
      }
      if (typeof m.pg === 'string') await client.query(m.pg);
      else await m.pg(client);
    }
    await client.query(
      `CREATE TABLE IF NOT EXISTS folio_meta (
         one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row),
         schema_version bigint NOT NULL
       )`,
    );
    await client.query(
      `INSERT INTO folio_meta (schema_version) VALUES ($1)
       ON CONFLICT (one_row) DO UPDATE SET schema_version = excluded.schema_version`,
      [latest],
    );
    if (own) await client.query('COMMIT');
    return latest;
  } catch (e) {
    if (own) await client.query('ROLLBACK');
    throw e;
  }
}
