import type { Sqlite } from '../open';

/**
 * E-invoices in. An imported e-invoice keeps, beside its bill (or vendor credit), what the file
 * said (`data`, the syntax-neutral reading as JSON, shown as the readable view), the EN 16931
 * rules it failed (`findings`) and the original file (`file_sha256`, stored in attachments/ like
 * a scan). Credit notes become `vendor_credits`: the smallest model the payables side lacked
 * (a credit owed by a vendor, with the bill it refers to when that is found); applying a credit
 * to bills is left to the payables screens. bill_attachments is rebuilt so an attachment may be
 * the original XML file (SQLite cannot change a CHECK in place).
 */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE bill_attachments_new (
      id INTEGER PRIMARY KEY,
      bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/png', 'image/jpeg', 'application/xml')),
      bytes INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (bill_id, sha256)
    ) STRICT;
    INSERT INTO bill_attachments_new (id, bill_id, sha256, file_name, mime_type, bytes, created_at)
      SELECT id, bill_id, sha256, file_name, mime_type, bytes, created_at FROM bill_attachments;
    DROP TABLE bill_attachments;
    ALTER TABLE bill_attachments_new RENAME TO bill_attachments;
    CREATE INDEX bill_attachments_by_hash ON bill_attachments (sha256);

    CREATE TABLE vendor_credits (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors (id),
      vendor_credit_number TEXT NOT NULL DEFAULT '',
      credit_date TEXT NOT NULL,
      currency TEXT NOT NULL,
      subtotal INTEGER NOT NULL,
      tax INTEGER NOT NULL,
      total INTEGER NOT NULL CHECK (total >= 0),
      -- The vendor's invoice number it credits (BT-25), and our bill with that number if found.
      invoice_reference TEXT NOT NULL DEFAULT '',
      bill_id INTEGER REFERENCES bills (id) ON DELETE SET NULL,
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      CHECK (total = subtotal + tax)
    ) STRICT;
    CREATE INDEX vendor_credits_by_vendor ON vendor_credits (vendor_id, credit_date);

    CREATE TABLE einvoices (
      id INTEGER PRIMARY KEY,
      bill_id INTEGER REFERENCES bills (id) ON DELETE CASCADE,
      vendor_credit_id INTEGER REFERENCES vendor_credits (id) ON DELETE CASCADE,
      file_name TEXT NOT NULL,
      file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
      container TEXT NOT NULL CHECK (container IN ('xml', 'pdf')),
      syntax TEXT NOT NULL CHECK (syntax IN ('UBL', 'CII')),
      data TEXT NOT NULL CHECK (json_valid(data)),
      findings TEXT NOT NULL CHECK (json_valid(findings)),
      -- BT-115 in minor units, as the file states it.
      payable INTEGER NOT NULL,
      imported_at TEXT NOT NULL,
      CHECK ((bill_id IS NULL) <> (vendor_credit_id IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX einvoices_by_bill ON einvoices (bill_id) WHERE bill_id IS NOT NULL;
    CREATE UNIQUE INDEX einvoices_by_credit ON einvoices (vendor_credit_id) WHERE vendor_credit_id IS NOT NULL;
    CREATE INDEX einvoices_by_file ON einvoices (file_sha256);
  `);
}
