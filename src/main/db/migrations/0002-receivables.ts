import type { Sqlite } from '../open';

/** One full-text table per document type, so a search counts its matches in the index alone. */
const FTS_TABLES = [
  ['invoice', 'invoices_fts'],
  ['quote', 'quotes_fts'],
  ['credit_note', 'credit_notes_fts'],
] as const;

/** A type's FTS5 table and the triggers that keep it in step with documents (only on real changes). */
function searchIndex(type: string, table: string): string {
  return `
    CREATE VIRTUAL TABLE ${table} USING fts5 (
      number, customer_name, reference,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER ${table}_insert AFTER INSERT ON documents WHEN new.type = '${type}' BEGIN
      INSERT INTO ${table} (rowid, number, customer_name, reference)
      VALUES (new.id, coalesce(new.number, ''), new.customer_name, new.reference);
    END;
    CREATE TRIGGER ${table}_update AFTER UPDATE OF number, customer_name, reference, type ON documents
    WHEN (old.type = '${type}' OR new.type = '${type}') AND (old.number IS NOT new.number
      OR old.customer_name IS NOT new.customer_name OR old.reference IS NOT new.reference OR old.type IS NOT new.type)
    BEGIN
      DELETE FROM ${table} WHERE rowid = old.id AND old.type = '${type}';
      INSERT INTO ${table} (rowid, number, customer_name, reference)
      SELECT new.id, coalesce(new.number, ''), new.customer_name, new.reference WHERE new.type = '${type}';
    END;
    CREATE TRIGGER ${table}_delete AFTER DELETE ON documents WHEN old.type = '${type}' BEGIN
      DELETE FROM ${table} WHERE rowid = old.id;
    END;
`;
}

/**
 * Receivables: taxes, customers, items, documents (quotes, invoices, credit notes) with their
 * lines and tax snapshot, payments and allocations, recurring invoices, full-text search.
 *
 * Balances are kept current as money moves (documents.paid/credited/balance/settled_on and
 * payments.unapplied), and document_summary is kept by triggers, so lists, the dashboard and
 * aging read current figures instead of recomputing history.
 */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE taxes (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      percent TEXT NOT NULL,
      compound INTEGER NOT NULL DEFAULT 0 CHECK (compound IN (0, 1)),
      kind TEXT NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'zero_rated', 'exempt')),
      reason TEXT NOT NULL DEFAULT '',
      archived_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      contact_person TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      billing_address TEXT NOT NULL CHECK (json_valid(billing_address)),
      shipping_address TEXT NOT NULL CHECK (json_valid(shipping_address)),
      tax_number TEXT NOT NULL DEFAULT '',
      currency TEXT NOT NULL,
      payment_terms TEXT NOT NULL CHECK (json_valid(payment_terms)),
      default_tax_id INTEGER REFERENCES taxes (id),
      notes TEXT NOT NULL DEFAULT '',
      archived_at TEXT,
      -- What the customer owes on open invoices, in the base currency: kept by the triggers
      -- customers_open_balance_* below, so the customer list sorts by it from an index.
      open_balance_base INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);
    -- The customer list (active customers by name or by balance): its pages and its count read these.
    CREATE INDEX customers_active_by_name ON customers (name COLLATE NOCASE) WHERE archived_at IS NULL;
    CREATE INDEX customers_active_by_balance ON customers (open_balance_base) WHERE archived_at IS NULL;
    CREATE INDEX customers_by_tax_number ON customers (tax_number) WHERE tax_number <> '';

    CREATE TABLE customer_emails (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      email TEXT NOT NULL,
      billing INTEGER NOT NULL CHECK (billing IN (0, 1))
    ) STRICT;
    CREATE INDEX customer_emails_by_customer ON customer_emails (customer_id, position);
    CREATE INDEX customer_emails_by_email ON customer_emails (email COLLATE NOCASE);

    CREATE VIRTUAL TABLE customers_fts USING fts5 (
      name, contact_person, emails, tax_number,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE items (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      unit TEXT NOT NULL DEFAULT '',
      unit_price INTEGER NOT NULL,
      tax_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tax_ids)),
      sku TEXT NOT NULL DEFAULT '',
      archived_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX items_by_name ON items (name COLLATE NOCASE);

    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      type TEXT NOT NULL CHECK (type IN ('invoice', 'quote', 'credit_note')),
      status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'sent', 'accepted', 'declined', 'applied', 'void')),
      number TEXT,
      number_counter INTEGER,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      customer_name TEXT NOT NULL,
      customer_snapshot TEXT NOT NULL CHECK (json_valid(customer_snapshot)),
      issue_date TEXT NOT NULL,
      due_date TEXT,
      due TEXT NOT NULL CHECK (json_valid(due)),
      currency TEXT NOT NULL,
      exchange_rate TEXT NOT NULL DEFAULT '1',
      prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
      discount TEXT CHECK (discount IS NULL OR json_valid(discount)),
      shipping INTEGER NOT NULL DEFAULT 0,
      shipping_tax_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(shipping_tax_ids)),
      reference TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      terms TEXT NOT NULL DEFAULT '',
      footer TEXT NOT NULL DEFAULT '',
      subtotal INTEGER NOT NULL,
      discount_amount INTEGER NOT NULL,
      net INTEGER NOT NULL,
      tax INTEGER NOT NULL,
      total INTEGER NOT NULL,
      total_base INTEGER NOT NULL,
      paid INTEGER NOT NULL DEFAULT 0,
      credited INTEGER NOT NULL DEFAULT 0,
      balance INTEGER NOT NULL DEFAULT 0,
      balance_base INTEGER NOT NULL DEFAULT 0,
      settled_on TEXT,
      related_id INTEGER REFERENCES documents (id),
      recurring_id INTEGER REFERENCES recurring_invoices (id) ON DELETE SET NULL,
      void_reason TEXT,
      voided_at TEXT,
      issued_at TEXT,
      sent_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- Every index on (…, x) also orders by id (the rowid ends each entry), which is the lists'
    -- tie-breaker: a list page in any indexed order reads its 100 rows and stops.
    CREATE UNIQUE INDEX documents_by_number ON documents (type, number) WHERE number IS NOT NULL;
    CREATE INDEX documents_by_issue_date ON documents (type, issue_date);
    CREATE INDEX documents_by_status ON documents (type, status, issue_date);
    CREATE INDEX documents_by_customer ON documents (customer_id, type, issue_date);
    CREATE INDEX documents_by_related ON documents (related_id) WHERE related_id IS NOT NULL;
    CREATE INDEX documents_by_due_date ON documents (type, due_date);
    CREATE INDEX documents_by_counter ON documents (type, number_counter);
    CREATE INDEX documents_by_customer_name ON documents (type, customer_name COLLATE NOCASE);
    -- Open documents with every column that the overdue, issued and partially paid lists,
    -- their counts and totals (and aging) test or add up, so those read this small index alone,
    -- in list order (issue date, then id). Queries name it (INDEXED BY) and spell its condition
    -- with literals: SQLite uses a partial index only when the query implies its WHERE.
    CREATE INDEX documents_open ON documents (type, issue_date, id, status, due_date, balance, currency, total)
      WHERE status IN ('issued', 'partially_paid');
    -- Open invoices by customer with what balances need: the customer page, the balances in
    -- the customer list and its sort by balance read this index alone.
    CREATE INDEX documents_open_by_customer
      ON documents (customer_id, type, status, currency, due_date, balance, balance_base)
      WHERE status IN ('issued', 'partially_paid');
    -- Open invoices by due date with what the dashboard, collections and the cash-flow forecast
    -- add up: "overdue" is a range of this small index, read alone.
    CREATE INDEX documents_open_by_due ON documents (type, due_date, customer_id, balance, balance_base)
      WHERE status IN ('issued', 'partially_paid');
    CREATE INDEX documents_settled ON documents (type, settled_on) WHERE settled_on IS NOT NULL;

    CREATE TABLE document_lines (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('item', 'heading', 'note')),
      item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
      description TEXT NOT NULL,
      quantity TEXT NOT NULL,
      unit TEXT NOT NULL DEFAULT '',
      unit_price INTEGER NOT NULL,
      discount TEXT CHECK (discount IS NULL OR json_valid(discount)),
      tax_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tax_ids)),
      exemption_reason TEXT NOT NULL DEFAULT '',
      amount INTEGER NOT NULL,
      net INTEGER NOT NULL,
      tax INTEGER NOT NULL,
      total INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX document_lines_by_document ON document_lines (document_id, position);

    -- The tax rates as they were when the document was saved: an issued document never changes
    -- when a rate is edited later, and the tax summary reads this table.
    CREATE TABLE document_taxes (
      document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      tax_id INTEGER NOT NULL REFERENCES taxes (id),
      name TEXT NOT NULL,
      percent TEXT NOT NULL,
      compound INTEGER NOT NULL,
      base INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      PRIMARY KEY (document_id, tax_id)
    ) STRICT, WITHOUT ROWID;

    -- Full-text search: one index per document type, since every search is within a type: a
    -- search counts its matches in the index alone, and no column filter (which costs
    -- reading positions) is needed. Each is contentless (the text is in documents) and kept
    -- by the triggers below. bench/receivables-data.ts indexes generated batches with these
    -- same INSERTs.
${FTS_TABLES.map(([type, table]) => searchIndex(type, table)).join('')}
    -- Count, total and balance per type, status and currency: unfiltered list totals and the
    -- dashboard read this instead of summing a million rows.
    CREATE TABLE document_summary (
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      currency TEXT NOT NULL,
      count INTEGER NOT NULL,
      total INTEGER NOT NULL,
      balance INTEGER NOT NULL,
      total_base INTEGER NOT NULL,
      balance_base INTEGER NOT NULL,
      PRIMARY KEY (type, status, currency)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER document_summary_insert AFTER INSERT ON documents BEGIN
      INSERT INTO document_summary VALUES (new.type, new.status, new.currency, 1, new.total, new.balance, new.total_base, new.balance_base)
      ON CONFLICT (type, status, currency) DO UPDATE SET
        count = count + 1, total = total + excluded.total, balance = balance + excluded.balance,
        total_base = total_base + excluded.total_base, balance_base = balance_base + excluded.balance_base;
    END;
    CREATE TRIGGER document_summary_delete AFTER DELETE ON documents BEGIN
      UPDATE document_summary SET
        count = count - 1, total = total - old.total, balance = balance - old.balance,
        total_base = total_base - old.total_base, balance_base = balance_base - old.balance_base
      WHERE type = old.type AND status = old.status AND currency = old.currency;
    END;
    CREATE TRIGGER document_summary_update AFTER UPDATE OF type, status, currency, total, balance, total_base, balance_base ON documents
    WHEN old.type IS NOT new.type OR old.status IS NOT new.status OR old.currency IS NOT new.currency
      OR old.total IS NOT new.total OR old.balance IS NOT new.balance OR old.total_base IS NOT new.total_base
      OR old.balance_base IS NOT new.balance_base
    BEGIN
      UPDATE document_summary SET
        count = count - 1, total = total - old.total, balance = balance - old.balance,
        total_base = total_base - old.total_base, balance_base = balance_base - old.balance_base
      WHERE type = old.type AND status = old.status AND currency = old.currency;
      INSERT INTO document_summary VALUES (new.type, new.status, new.currency, 1, new.total, new.balance, new.total_base, new.balance_base)
      ON CONFLICT (type, status, currency) DO UPDATE SET
        count = count + 1, total = total + excluded.total, balance = balance + excluded.balance,
        total_base = total_base + excluded.total_base, balance_base = balance_base + excluded.balance_base;
    END;

    -- customers.open_balance_base = the sum of balance_base over the customer's open invoices.
    CREATE TRIGGER customers_open_balance_insert AFTER INSERT ON documents
    WHEN new.type = 'invoice' AND new.status IN ('issued', 'partially_paid') AND new.balance_base <> 0
    BEGIN
      UPDATE customers SET open_balance_base = open_balance_base + new.balance_base WHERE id = new.customer_id;
    END;
    CREATE TRIGGER customers_open_balance_update AFTER UPDATE OF type, status, balance_base, customer_id ON documents
    WHEN (old.type = 'invoice' AND old.status IN ('issued', 'partially_paid'))
      OR (new.type = 'invoice' AND new.status IN ('issued', 'partially_paid'))
    BEGIN
      UPDATE customers SET open_balance_base = open_balance_base - old.balance_base
      WHERE id = old.customer_id AND old.type = 'invoice' AND old.status IN ('issued', 'partially_paid');
      UPDATE customers SET open_balance_base = open_balance_base + new.balance_base
      WHERE id = new.customer_id AND new.type = 'invoice' AND new.status IN ('issued', 'partially_paid');
    END;
    CREATE TRIGGER customers_open_balance_delete AFTER DELETE ON documents
    WHEN old.type = 'invoice' AND old.status IN ('issued', 'partially_paid') AND old.balance_base <> 0
    BEGIN
      UPDATE customers SET open_balance_base = open_balance_base - old.balance_base WHERE id = old.customer_id;
    END;

    CREATE TABLE payments (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      date TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      exchange_rate TEXT NOT NULL DEFAULT '1',
      amount_base INTEGER NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'card', 'cash', 'cheque', 'other')),
      reference TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      unapplied INTEGER NOT NULL CHECK (unapplied >= 0),
      undone_at TEXT,
      undo_reason TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX payments_by_customer ON payments (customer_id, date);
    -- Customer credit: the few payments with money left to apply.
    CREATE INDEX payments_unapplied ON payments (customer_id, currency, unapplied)
      WHERE unapplied > 0 AND undone_at IS NULL;
    CREATE INDEX payments_by_date ON payments (date);

    -- Money applied to an invoice: from a payment, or from a credit note.
    CREATE TABLE allocations (
      id INTEGER PRIMARY KEY,
      invoice_id INTEGER NOT NULL REFERENCES documents (id),
      payment_id INTEGER REFERENCES payments (id),
      credit_note_id INTEGER REFERENCES documents (id),
      date TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      undone_at TEXT,
      CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL))
    ) STRICT;
    CREATE INDEX allocations_by_invoice ON allocations (invoice_id);
    CREATE INDEX allocations_by_payment ON allocations (payment_id) WHERE payment_id IS NOT NULL;
    CREATE INDEX allocations_by_credit_note ON allocations (credit_note_id) WHERE credit_note_id IS NOT NULL;
    CREATE INDEX allocations_by_date ON allocations (date);

    -- How late each customer pays, kept as invoices are settled or reopened: the cash-flow
    -- forecast shifts expected receipts by the average without scanning every paid invoice.
    CREATE TABLE customer_payment_stats (
      customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
      settled_count INTEGER NOT NULL,
      days_late_sum INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE recurring_invoices (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      template TEXT NOT NULL CHECK (json_valid(template)),
      schedule TEXT NOT NULL CHECK (json_valid(schedule)),
      mode TEXT NOT NULL CHECK (mode IN ('draft', 'issue')),
      next_index INTEGER NOT NULL DEFAULT 0,
      paused_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- One row per generated occurrence: the primary key (schedule, date) is what makes catch-up
    -- exactly-once, even across edits of the schedule.
    CREATE TABLE recurring_occurrences (
      recurring_id INTEGER NOT NULL REFERENCES recurring_invoices (id) ON DELETE CASCADE,
      occurrence_index INTEGER NOT NULL,
      occurrence_date TEXT NOT NULL,
      document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
      PRIMARY KEY (recurring_id, occurrence_date)
    ) STRICT;
  `);
}
