import type { Sqlite } from '../open';

/** The records that carry an edit version from this migration on (see 0013-edit-versions). */
const TABLES = ['vendors', 'items', 'bills', 'recurring_invoices', 'recurring_bills', 'purchase_orders'];

/**
 * Edit versions for every other record two people could edit in a form at the same time
 * (shared books, issue 14): vendors, catalogue items, bills, recurring invoice and bill
 * templates, purchase orders. As for customers and drafts (migration 13), each save names the
 * version it started from and a save over a newer version is refused with who changed it and
 * when. `version` counts the saves of the record's own content (a payment changing a bill's
 * balance, or the recurring run moving a template on, is not an edit); `updated_by` is who
 * made the last one.
 */
export function up(db: Sqlite): void {
  db.exec(
    TABLES.map(
      (t) => `
    ALTER TABLE ${t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
    ALTER TABLE ${t} ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';`,
    ).join(''),
  );
}

export const PG = TABLES.map(
  (t) => `
  ALTER TABLE ${t} ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
  ALTER TABLE ${t} ADD COLUMN updated_by text NOT NULL DEFAULT '';`,
).join('');
