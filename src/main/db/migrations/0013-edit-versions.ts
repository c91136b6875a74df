import type { Sqlite } from '../open';

/**
 * Two people editing the same customer or draft (shared books, issue 14): each save names the
 * version it started from, and a save over a newer version is refused with who changed it and
 * when, instead of silently overwriting. `version` counts the saves of the record's own
 * content; `updated_by` is who made the last one.
 */
export function up(db: Sqlite): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
    ALTER TABLE customers ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
    ALTER TABLE documents ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
  `);
}

export const PG = `
  ALTER TABLE customers ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
  ALTER TABLE customers ADD COLUMN updated_by text NOT NULL DEFAULT '';
  ALTER TABLE documents ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
  ALTER TABLE documents ADD COLUMN updated_by text NOT NULL DEFAULT '';
`;
