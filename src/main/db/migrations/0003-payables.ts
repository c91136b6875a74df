import type { Sqlite } from '../open';

/**
 * Payables: expense categories, vendors, purchase orders, bills with lines, attachments,
 * warnings and reminders, recurring bill templates, and payments allocated to bills.
 *
 * Reads never recompute history: a bill keeps its total, what was paid, the discount taken
 * and the balance (CHECKed to agree), their value in the base currency at the bill's stored
 * exchange rate, and the date it was settled, all updated in the same transaction as each
 * change (refreshBill). Partial indexes serve the hot paths: open bills by due date (due-date
 * views, reminders, payment runs, dashboard, cash-flow, aging as of today), bills settled on a
 * date (aging as of a past date), and the duplicate checks (vendor + invoice number, vendor +
 * amount + date).
 */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE expense_categories (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO expense_categories (name, created_at)
      SELECT column1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (VALUES
        ('Rent'), ('Utilities'), ('Supplies'), ('Software'), ('Travel'), ('Professional services'),
        ('Marketing'), ('Insurance'), ('Equipment'), ('Other'));

    CREATE TABLE vendors (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      contact_name TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      address_line1 TEXT NOT NULL DEFAULT '',
      address_line2 TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '',
      region TEXT NOT NULL DEFAULT '',
      postal_code TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT '',
      tax_number TEXT NOT NULL DEFAULT '',
      currency TEXT NOT NULL,
      default_category_id INTEGER REFERENCES expense_categories (id),
      payment_terms TEXT NOT NULL CHECK (json_valid(payment_terms)),
      discount_bp INTEGER CHECK (discount_bp BETWEEN 1 AND 5000),
      discount_days INTEGER CHECK (discount_days BETWEEN 0 AND 365),
      bank_details TEXT NOT NULL DEFAULT '',
      bank_details_changed_at TEXT,
      notes TEXT NOT NULL DEFAULT '',
      archived_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((discount_bp IS NULL) = (discount_days IS NULL))
    ) STRICT;
    CREATE INDEX vendors_by_name ON vendors (name COLLATE NOCASE);

    CREATE TABLE purchase_orders (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL COLLATE NOCASE UNIQUE,
      vendor_id INTEGER NOT NULL REFERENCES vendors (id),
      order_date TEXT NOT NULL,
      currency TEXT NOT NULL,
      total INTEGER NOT NULL CHECK (total >= 0),
      tolerance_bp INTEGER NOT NULL CHECK (tolerance_bp BETWEEN 0 AND 10000),
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX purchase_orders_by_vendor ON purchase_orders (vendor_id, status);

    CREATE TABLE purchase_order_lines (
      id INTEGER PRIMARY KEY,
      purchase_order_id INTEGER NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      description TEXT NOT NULL,
      category_id INTEGER REFERENCES expense_categories (id),
      quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
      unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
      amount INTEGER NOT NULL,
      UNIQUE (purchase_order_id, position)
    ) STRICT;

    CREATE TABLE recurring_bills (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors (id),
      name TEXT NOT NULL,
      frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'yearly')),
      every INTEGER NOT NULL CHECK (every BETWEEN 1 AND 52),
      -- 1-31, or -1 for the last day of the month; NULL: the start date's day.
      day_of_month INTEGER CHECK (day_of_month IS NULL OR day_of_month = -1 OR day_of_month BETWEEN 1 AND 31),
      start_date TEXT NOT NULL,
      end_date TEXT,
      max_count INTEGER CHECK (max_count IS NULL OR max_count >= 1),
      -- Currency, terms, lines, notes and early-payment terms of every bill it makes.
      template TEXT NOT NULL CHECK (json_valid(template)),
      create_as TEXT NOT NULL CHECK (create_as IN ('draft', 'awaiting_payment')),
      -- Occurrences before this index have been made (exactly once, with the unique index on bills).
      next_index INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE bills (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors (id),
      vendor_invoice_number TEXT NOT NULL DEFAULT '',
      -- The number as compared for duplicates: upper case, no punctuation or leading zeros.
      invoice_key TEXT NOT NULL DEFAULT '',
      bill_date TEXT NOT NULL,
      due_date TEXT NOT NULL,
      currency TEXT NOT NULL,
      -- Base-currency value of one unit of the bill's currency ('1' in the base currency).
      exchange_rate TEXT NOT NULL DEFAULT '1',
      subtotal INTEGER NOT NULL,
      tax INTEGER NOT NULL,
      total INTEGER NOT NULL CHECK (total >= 0),
      paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
      discount_taken INTEGER NOT NULL DEFAULT 0 CHECK (discount_taken >= 0),
      balance INTEGER NOT NULL,
      -- total and balance in the base currency at exchange_rate.
      total_base INTEGER NOT NULL,
      balance_base INTEGER NOT NULL,
      -- The date the balance reached zero (the last payment's date); NULL while owed.
      settled_on TEXT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'awaiting_payment', 'partially_paid', 'paid', 'void')),
      discount_bp INTEGER CHECK (discount_bp BETWEEN 1 AND 5000),
      discount_days INTEGER CHECK (discount_days BETWEEN 0 AND 365),
      purchase_order_id INTEGER REFERENCES purchase_orders (id),
      recurring_id INTEGER REFERENCES recurring_bills (id),
      recurring_index INTEGER,
      -- The vendor's bank details when the bill was entered, for the changed-bank-details check.
      bank_details TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'recurring', 'import')),
      void_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (balance = total - paid - discount_taken),
      CHECK (due_date >= bill_date),
      CHECK ((discount_bp IS NULL) = (discount_days IS NULL)),
      CHECK ((recurring_id IS NULL) = (recurring_index IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX bills_recurring_once ON bills (recurring_id, recurring_index)
      WHERE recurring_id IS NOT NULL;
    -- Open bills in due-date order (id breaks ties), covering the totals per currency and in
    -- the base currency (due-date views, dashboard cards, cash-flow forecast) and payables aging
    -- as of today, so none of them reads a bill row. status is there only so that SQLite, which
    -- checks the WHERE term, can answer from the index alone.
    CREATE INDEX bills_open_by_due ON bills (due_date, id, currency, balance, balance_base, status,
      vendor_id, bill_date, exchange_rate, vendor_invoice_number)
      WHERE status IN ('awaiting_payment', 'partially_paid');
    -- Bills settled after a date: with the open bills, all that aging as of that date can owe.
    CREATE INDEX bills_settled ON bills (settled_on) WHERE settled_on IS NOT NULL;
    CREATE INDEX bills_by_due ON bills (due_date);
    CREATE INDEX bills_by_vendor_invoice ON bills (vendor_id, invoice_key)
      WHERE invoice_key <> '' AND status <> 'void';
    CREATE INDEX bills_by_vendor_amount ON bills (vendor_id, total, bill_date) WHERE status <> 'void';
    CREATE INDEX bills_by_vendor_date ON bills (vendor_id, bill_date);
    CREATE INDEX bills_by_po ON bills (purchase_order_id) WHERE purchase_order_id IS NOT NULL;
    -- The bill list, newest first, all bills or one status.
    CREATE INDEX bills_by_date ON bills (bill_date, id);
    CREATE INDEX bills_by_status_date ON bills (status, bill_date, id);

    -- Count, total and balance per status and currency, kept by triggers in the same
    -- transaction as every change, so list footers never add up the whole history.
    CREATE TABLE bill_totals (
      status TEXT NOT NULL,
      currency TEXT NOT NULL,
      bills INTEGER NOT NULL,
      total INTEGER NOT NULL,
      balance INTEGER NOT NULL,
      PRIMARY KEY (status, currency)
    ) STRICT;
    CREATE TRIGGER bill_totals_insert AFTER INSERT ON bills BEGIN
      INSERT INTO bill_totals VALUES (new.status, new.currency, 1, new.total, new.balance)
        ON CONFLICT (status, currency) DO UPDATE SET bills = bills + 1, total = total + excluded.total,
          balance = balance + excluded.balance;
    END;
    CREATE TRIGGER bill_totals_update AFTER UPDATE OF status, currency, total, balance ON bills BEGIN
      UPDATE bill_totals SET bills = bills - 1, total = total - old.total, balance = balance - old.balance
        WHERE status = old.status AND currency = old.currency;
      INSERT INTO bill_totals VALUES (new.status, new.currency, 1, new.total, new.balance)
        ON CONFLICT (status, currency) DO UPDATE SET bills = bills + 1, total = total + excluded.total,
          balance = balance + excluded.balance;
    END;
    CREATE TRIGGER bill_totals_delete AFTER DELETE ON bills BEGIN
      UPDATE bill_totals SET bills = bills - 1, total = total - old.total, balance = balance - old.balance
        WHERE status = old.status AND currency = old.currency;
    END;

    CREATE TABLE bill_lines (
      id INTEGER PRIMARY KEY,
      bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      item_key TEXT NOT NULL DEFAULT '',
      category_id INTEGER REFERENCES expense_categories (id),
      quantity_milli INTEGER NOT NULL,
      unit_price INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      tax INTEGER NOT NULL DEFAULT 0,
      purchase_order_line_id INTEGER REFERENCES purchase_order_lines (id),
      -- Copied from the bill so the last price from a vendor is one index lookup.
      vendor_id INTEGER NOT NULL,
      bill_date TEXT NOT NULL,
      UNIQUE (bill_id, position)
    ) STRICT;
    CREATE INDEX bill_lines_last_price ON bill_lines (vendor_id, item_key, bill_date) WHERE item_key <> '';
    CREATE INDEX bill_lines_by_po_line ON bill_lines (purchase_order_line_id)
      WHERE purchase_order_line_id IS NOT NULL;
    CREATE INDEX bill_lines_by_category ON bill_lines (category_id);

    CREATE TABLE bill_attachments (
      id INTEGER PRIMARY KEY,
      bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/png', 'image/jpeg')),
      bytes INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (bill_id, sha256)
    ) STRICT;
    CREATE INDEX bill_attachments_by_hash ON bill_attachments (sha256);

    CREATE TABLE bill_warnings (
      id INTEGER PRIMARY KEY,
      bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('duplicate_number', 'duplicate_amount', 'duplicate_attachment',
        'po_total_over', 'po_price_over', 'price_above_last', 'bank_details_changed')),
      fingerprint TEXT NOT NULL,
      message TEXT NOT NULL,
      related_bill_id INTEGER,
      created_at TEXT NOT NULL,
      dismissed_at TEXT,
      dismissed_by TEXT,
      dismiss_reason TEXT,
      UNIQUE (bill_id, kind, fingerprint),
      CHECK ((dismissed_at IS NULL) = (dismiss_reason IS NULL))
    ) STRICT;

    CREATE TABLE bill_payments (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors (id),
      payment_date TEXT NOT NULL,
      currency TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      -- Base-currency value of one unit of the payment's currency on the payment date.
      exchange_rate TEXT NOT NULL DEFAULT '1',
      amount_base INTEGER NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'card', 'direct_debit', 'cheque', 'cash', 'other')),
      reference TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      -- Payments made together by one payment run share this id.
      run_id TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX bill_payments_by_vendor ON bill_payments (vendor_id, payment_date);
    CREATE INDEX bill_payments_by_date ON bill_payments (payment_date);

    CREATE TABLE bill_payment_allocations (
      payment_id INTEGER NOT NULL REFERENCES bill_payments (id) ON DELETE CASCADE,
      bill_id INTEGER NOT NULL REFERENCES bills (id),
      amount INTEGER NOT NULL CHECK (amount >= 0),
      -- Early-payment discount settled by this payment.
      discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
      PRIMARY KEY (payment_id, bill_id),
      CHECK (amount + discount > 0)
    ) STRICT;
    CREATE INDEX bill_payment_allocations_by_bill ON bill_payment_allocations (bill_id);

    -- Snoozes, and the day of the last desktop notification (never two for a bill on one day).
    CREATE TABLE bill_reminders (
      bill_id INTEGER PRIMARY KEY REFERENCES bills (id) ON DELETE CASCADE,
      snoozed_until TEXT,
      notified_on TEXT
    ) STRICT;
  `);
}
