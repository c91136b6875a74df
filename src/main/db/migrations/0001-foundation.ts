import type { Sqlite } from '../open';

/** Business profile, settings, document number series and the append-only audit log. */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE business_profile (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL DEFAULT '',
      address_line1 TEXT NOT NULL DEFAULT '',
      address_line2 TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '',
      region TEXT NOT NULL DEFAULT '',
      postal_code TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      website TEXT NOT NULL DEFAULT '',
      tax_number TEXT NOT NULL DEFAULT '',
      logo BLOB,
      logo_mime TEXT,
      setup_completed_at TEXT
    ) STRICT;
    INSERT INTO business_profile (id) VALUES (1);

    -- Typed by zod schemas in src/shared, one JSON value per key.
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT;

    CREATE TABLE number_series (
      doc_type TEXT PRIMARY KEY CHECK (doc_type IN ('invoice', 'quote', 'credit_note')),
      prefix TEXT NOT NULL,
      include_year INTEGER NOT NULL CHECK (include_year IN (0, 1)),
      padding INTEGER NOT NULL CHECK (padding BETWEEN 1 AND 10),
      next_number INTEGER NOT NULL CHECK (next_number >= 1)
    ) STRICT;
    INSERT INTO number_series VALUES
      ('invoice', 'INV-', 1, 4, 1),
      ('quote', 'QUO-', 1, 4, 1),
      ('credit_note', 'CN-', 1, 4, 1);

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL,
      changes TEXT NOT NULL CHECK (json_valid(changes)),
      user TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);
    CREATE INDEX audit_log_by_time ON audit_log (at);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `);
}
