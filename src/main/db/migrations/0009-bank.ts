import type { Sqlite } from '../open';
import { ibanIn } from '../../../shared/domain/iban';

/**
 * Bank: accounts, imported statements and their lines, the payments a line was matched to,
 * and the matching rules learnt from confirmations. Customers and vendors get structured
 * bank accounts (IBAN, BIC), filled from a vendor's free-text bank details where an IBAN in
 * them passes its check.
 *
 * Invoice numbers are looked up by their *key* (letters and digits, upper case) so that
 * "INV 2026 0001" in a transfer text finds INV-2026-0001: the expression index below uses
 * exactly the expression of `NUMBER_KEY_SQL` in services/bank/match.ts. Bills already have
 * their key (`invoice_key`); open bills get an index on it.
 */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE bank_accounts (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      iban TEXT NOT NULL DEFAULT '',
      account_number TEXT NOT NULL DEFAULT '',
      bic TEXT NOT NULL DEFAULT '',
      currency TEXT NOT NULL,
      opening_balance INTEGER NOT NULL DEFAULT 0,
      opening_date TEXT NOT NULL,
      csv_mapping TEXT CHECK (csv_mapping IS NULL OR json_valid(csv_mapping)),
      reconciled_to TEXT,
      archived_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE bank_imports (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES bank_accounts (id),
      file_name TEXT NOT NULL,
      format TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      lines_added INTEGER NOT NULL,
      lines_skipped INTEGER NOT NULL,
      opening_balance INTEGER,
      opening_date TEXT,
      closing_balance INTEGER,
      closing_date TEXT
    ) STRICT;
    CREATE INDEX bank_imports_by_account ON bank_imports (account_id, closing_date);

    CREATE TABLE bank_lines (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES bank_accounts (id),
      import_id INTEGER NOT NULL REFERENCES bank_imports (id),
      booking_date TEXT NOT NULL,
      value_date TEXT,
      amount INTEGER NOT NULL,
      currency TEXT NOT NULL,
      counterparty_name TEXT NOT NULL DEFAULT '',
      counterparty_iban TEXT NOT NULL DEFAULT '',
      counterparty_bic TEXT NOT NULL DEFAULT '',
      reference TEXT NOT NULL DEFAULT '',
      text TEXT NOT NULL DEFAULT '',
      bank_ref TEXT,
      fingerprint TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'categorized')),
      category TEXT,
      note TEXT NOT NULL DEFAULT '',
      UNIQUE (account_id, fingerprint)
    ) STRICT;
    CREATE INDEX bank_lines_by_account ON bank_lines (account_id, booking_date, id);
    CREATE INDEX bank_lines_open ON bank_lines (account_id, booking_date) WHERE status = 'open';

    CREATE TABLE bank_matches (
      id INTEGER PRIMARY KEY,
      line_id INTEGER NOT NULL REFERENCES bank_lines (id),
      payment_id INTEGER REFERENCES payments (id),
      bill_payment_id INTEGER REFERENCES bill_payments (id),
      created_at TEXT NOT NULL,
      undone_at TEXT,
      CHECK ((payment_id IS NULL) <> (bill_payment_id IS NULL))
    ) STRICT;
    CREATE INDEX bank_matches_by_line ON bank_matches (line_id) WHERE undone_at IS NULL;

    CREATE TABLE bank_rules (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('iban', 'name')),
      pattern TEXT NOT NULL,
      customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
      vendor_id INTEGER REFERENCES vendors (id) ON DELETE CASCADE,
      uses INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      CHECK ((customer_id IS NULL) <> (vendor_id IS NULL)),
      UNIQUE (kind, pattern)
    ) STRICT;

    ALTER TABLE customers ADD COLUMN iban TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN bic TEXT NOT NULL DEFAULT '';
    ALTER TABLE vendors ADD COLUMN iban TEXT NOT NULL DEFAULT '';
    ALTER TABLE vendors ADD COLUMN bic TEXT NOT NULL DEFAULT '';
    CREATE INDEX customers_by_iban ON customers (iban) WHERE iban <> '';
    CREATE INDEX vendors_by_iban ON vendors (iban) WHERE iban <> '';

    CREATE INDEX documents_open_by_number_key ON documents (
      upper(replace(replace(replace(replace(replace(number, '-', ''), ' ', ''), '/', ''), '.', ''), '_', ''))
    ) WHERE type = 'invoice' AND status IN ('issued', 'partially_paid');
    CREATE INDEX documents_open_by_balance ON documents (currency, balance)
      WHERE type = 'invoice' AND status IN ('issued', 'partially_paid');
    CREATE INDEX bills_open_by_balance ON bills (currency, balance)
      WHERE status IN ('awaiting_payment', 'partially_paid');
    -- A vendor's open bills in due-date order: the suggestions for a vendor read the first few.
    CREATE INDEX bills_open_by_vendor_due ON bills (vendor_id, due_date, id)
      WHERE status IN ('awaiting_payment', 'partially_paid');

    -- A payment undone on the payments screen, or a bill payment deleted, opens its bank line again.
    CREATE TRIGGER bank_lines_reopen_on_payment_undo AFTER UPDATE OF undone_at ON payments
      WHEN NEW.undone_at IS NOT NULL AND OLD.undone_at IS NULL
    BEGIN
      UPDATE bank_lines SET status = 'open'
        WHERE id IN (SELECT line_id FROM bank_matches WHERE payment_id = NEW.id AND undone_at IS NULL);
      UPDATE bank_matches SET undone_at = NEW.undone_at WHERE payment_id = NEW.id AND undone_at IS NULL;
    END;
    CREATE TRIGGER bank_lines_reopen_on_bill_payment_delete BEFORE DELETE ON bill_payments
    BEGIN
      UPDATE bank_lines SET status = 'open'
        WHERE id IN (SELECT line_id FROM bank_matches WHERE bill_payment_id = OLD.id AND undone_at IS NULL);
      DELETE FROM bank_matches WHERE bill_payment_id = OLD.id;
    END;

    CREATE INDEX bills_open_by_invoice_key ON bills (invoice_key)
      WHERE invoice_key <> '' AND status IN ('awaiting_payment', 'partially_paid');
  `);

  // A vendor's free-text bank details often hold an IBAN: take it where its check digits hold.
  const vendors = db.prepare(`SELECT id, bank_details FROM vendors WHERE bank_details <> ''`).all() as {
    id: number;
    bank_details: string;
  }[];
  const setIban = db.prepare(`UPDATE vendors SET iban = ?, bic = ? WHERE id = ?`);
  for (const v of vendors) {
    const found = ibanIn(v.bank_details);
    if (found) setIban.run(found.iban, found.bic, v.id);
  }
}
