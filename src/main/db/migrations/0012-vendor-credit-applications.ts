import type { Sqlite } from '../open';

const OLD_CHECK = 'CHECK (balance = total - paid - discount_taken)';
const NEW_CHECK = 'CHECK (balance = total - paid - discount_taken - prepaid - credited)';

/**
 * Prepaid amounts and vendor credits applied to bills (issue 12).
 * - `bills.prepaid`: what the vendor's e-invoice says was already paid (BT-113, net of its
 *   rounding BT-114), so the bill's balance starts at the amount due (BT-115).
 * - `bills.credited`: the vendor credits applied to the bill (kept by refreshBill).
 * - `vendor_credit_applications`: a vendor credit applied to an open bill of the same vendor
 *   and currency; removing the row reverses it (audited).
 * The bills table's balance CHECK gains the two columns. SQLite cannot change a CHECK in place
 * and rebuilding bills (a dozen indexes, triggers, tables referring to it) is a large risk
 * for a weaker constraint, so the CHECK's text is replaced in the schema as SQLite's ALTER
 * TABLE page describes for constraint changes that every existing row already meets (both
 * new columns are 0 on every row): writable_schema, then a new schema_version.
 */
export function up(db: Sqlite): void {
  db.exec(`
    ALTER TABLE bills ADD COLUMN prepaid INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE bills ADD COLUMN credited INTEGER NOT NULL DEFAULT 0 CHECK (credited >= 0);

    CREATE TABLE vendor_credit_applications (
      id INTEGER PRIMARY KEY,
      vendor_credit_id INTEGER NOT NULL REFERENCES vendor_credits (id) ON DELETE CASCADE,
      bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
      amount INTEGER NOT NULL CHECK (amount > 0),
      applied_on TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX vendor_credit_applications_by_credit ON vendor_credit_applications (vendor_credit_id);
    CREATE INDEX vendor_credit_applications_by_bill ON vendor_credit_applications (bill_id);
  `);
  const { sql } = db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'bills'")
    .get() as {
    sql: string;
  };
  if (!sql.includes(OLD_CHECK))
    throw new Error('bills: the balance CHECK is not the one this migration expects');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'bills'").run(
      sql.replace(OLD_CHECK, NEW_CHECK),
    );
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
}
