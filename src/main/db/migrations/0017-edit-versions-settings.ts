import type { Sqlite } from '../open';

/** The records that carry an edit version from this migration on (see 0013-edit-versions). */
const TABLES = ['taxes', 'expense_categories', 'bank_accounts'];

/**
 * Edit versions for the last records two people could edit in a form at the same time (shared
 * books, issue 14): tax rates, expense categories and bank accounts. As for customers and
 * drafts (migration 13) and vendors, items, bills and templates (migration 15), each save names
 * the version it started from and a save over a newer version is refused with who changed it
 * and when. `version` counts the saves of the record's own content (archiving a tax or an
 * account, importing a statement or reconciling an account is not an edit); `updated_by` is who
 * made the last one. These tables had no `updated_at` for the message: it is added, and a row
 * saved before this migration takes its creation time.
 */
export function up(db: Sqlite): void {
  db.exec(
    TABLES.map(
      (t) => `
    ALTER TABLE ${t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
    ALTER TABLE ${t} ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE ${t} ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
    UPDATE ${t} SET updated_at = created_at;`,
    ).join(''),
  );
}

export const PG = TABLES.map(
  (t) => `
  ALTER TABLE ${t} ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
  ALTER TABLE ${t} ADD COLUMN updated_by text NOT NULL DEFAULT '';
  ALTER TABLE ${t} ADD COLUMN updated_at text NOT NULL DEFAULT '';
  UPDATE ${t} SET updated_at = created_at;`,
).join('');
