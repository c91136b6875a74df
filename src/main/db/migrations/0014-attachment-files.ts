import type { PoolClient } from 'pg';
import type { Sqlite } from '../open';

/**
 * Scanned bills and the original files of imported e-invoices in shared books (issue 14).
 *
 * A local book keeps them where it always has: in the data folder's attachments/ab/<sha256>,
 * next to the SQLite file (backups and restore carry them). Shared books have no common data
 * folder, so a second person would never see the first person's scans: there the bytes live
 * in the database, content-addressed exactly as on disk (the primary key is the SHA-256 of
 * the bytes, a file is written once with ON CONFLICT DO NOTHING and never changed or deleted).
 * services/attachment-store.ts is the one place that chooses between the two.
 *
 * SQLite: nothing to do (the migration only moves the schema version).
 */
export function up(_db: Sqlite): void {}

const GROUPS = { owner: 'folio_owner', bookkeeper: 'folio_bookkeeper', viewer: 'folio_viewer' };

/**
 * The table, and who may do what with it: everyone who opens the books reads the files,
 * owners and bookkeepers add new ones, nobody changes or deletes one (a file is known by its
 * hash; a bill that no longer wants it just stops referring to it). The group roles exist only
 * once the administrator has set up people (db/pg/roles.ts); setUpRoles grants the same.
 */
export async function pg(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TABLE attachment_files (
      sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      bytes bytea NOT NULL,
      size bigint NOT NULL CHECK (size = octet_length(bytes)),
      created_at text NOT NULL
    );
    -- Scans (PDF, JPEG, PNG) are compressed already: stored as they are, the first kilobyte
    -- (what tells a file's type) is read without reading the rest.
    ALTER TABLE attachment_files ALTER COLUMN bytes SET STORAGE EXTERNAL;
  `);
  const { rows } = await client.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)',
    [Object.values(GROUPS)],
  );
  const present = new Set(rows.map((r) => r.rolname));
  const rights: [string, string][] = [
    [GROUPS.owner, 'SELECT, INSERT'],
    [GROUPS.bookkeeper, 'SELECT, INSERT'],
    [GROUPS.viewer, 'SELECT'],
  ];
  for (const [role, what] of rights) {
    if (!present.has(role)) continue;
    await client.query(`REVOKE ALL ON attachment_files FROM "${role}"`);
    await client.query(`GRANT ${what} ON attachment_files TO "${role}"`);
  }
}
