import type { Sqlite } from '../open';

/**
 * Documents and mail: the outbox (every message with its attachments, from queued to sent,
 * which doubles as the sent log of a document) and payment reminders proposed for approval.
 * Settings (layout, SMTP account, templates, reminder levels) live in the settings table.
 */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('invoice', 'quote', 'credit_note', 'receipt', 'statement', 'reminder')),
      document_id INTEGER REFERENCES documents (id),
      payment_id INTEGER REFERENCES payments (id),
      customer_id INTEGER REFERENCES customers (id),
      about TEXT NOT NULL,
      from_address TEXT NOT NULL,
      reply_to TEXT NOT NULL DEFAULT '',
      to_addresses TEXT NOT NULL CHECK (json_valid(to_addresses)),
      cc_addresses TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cc_addresses)),
      bcc_addresses TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(bcc_addresses)),
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      -- Fixed when queued, so a retry carries the same Message-ID and a receiving server or
      -- mail program can tell a duplicate.
      message_id TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_error TEXT,
      -- network (retried by itself), auth, tls, rejected or other: what the user has to fix.
      failure_kind TEXT,
      server_response TEXT,
      created_at TEXT NOT NULL,
      sent_at TEXT
    ) STRICT;
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at) WHERE status IN ('queued', 'sending');
    CREATE INDEX outbox_by_document ON outbox (document_id) WHERE document_id IS NOT NULL;
    CREATE INDEX outbox_by_payment ON outbox (payment_id) WHERE payment_id IS NOT NULL;
    CREATE INDEX outbox_by_customer ON outbox (customer_id) WHERE customer_id IS NOT NULL;

    CREATE TABLE outbox_attachments (
      outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      content_type TEXT NOT NULL,
      content BLOB NOT NULL,
      PRIMARY KEY (outbox_id, position)
    ) STRICT;

    -- One row per invoice and level: the unique key is what makes proposing idempotent and
    -- keeps a dismissed reminder from coming back.
    CREATE TABLE invoice_reminders (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents (id),
      level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
      status TEXT NOT NULL CHECK (status IN ('proposed', 'queued', 'sent', 'failed', 'dismissed')),
      days_overdue INTEGER NOT NULL,
      proposed_at TEXT NOT NULL,
      decided_at TEXT,
      outbox_id INTEGER REFERENCES outbox (id),
      sent_at TEXT,
      UNIQUE (document_id, level)
    ) STRICT;
    CREATE INDEX invoice_reminders_by_status ON invoice_reminders (status, proposed_at);
  `);
}
