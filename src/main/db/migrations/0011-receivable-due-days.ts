import type { Sqlite } from '../open';

/**
 * Open receivables by due date, kept current by triggers in the same statement that changes
 * an invoice, so the dashboard's "overdue" card adds up a few hundred days instead of reading
 * every open invoice of a large book (issue 9 §5). One row per due date that has an open
 * invoice (type 'invoice', issued or partially paid, balance > 0): how many and the sum of
 * their balance_base. Invoices without a due date are never overdue and are not counted.
 *
 * Customers by open balance (largest first) serve the dashboard's most-overdue list: no
 * customer can owe more overdue than their whole open balance, so the list reads customers
 * from the largest balance down and stops as soon as none left can enter the top five.
 */
const OPEN_NEW = `new.type = 'invoice' AND new.status IN ('issued', 'partially_paid') AND new.balance > 0 AND new.due_date IS NOT NULL`;
const OPEN_OLD = `old.type = 'invoice' AND old.status IN ('issued', 'partially_paid') AND old.balance > 0 AND old.due_date IS NOT NULL`;

const ADD = `INSERT INTO receivable_due_days (due_date, count, amount)
        SELECT new.due_date, 1, new.balance_base WHERE ${OPEN_NEW}
      ON CONFLICT (due_date) DO UPDATE SET count = count + 1, amount = amount + excluded.amount;`;
const SUBTRACT = `UPDATE receivable_due_days SET count = count - 1, amount = amount - old.balance_base
      WHERE due_date = old.due_date AND ${OPEN_OLD};
      DELETE FROM receivable_due_days WHERE due_date = old.due_date AND count = 0;`;

export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE receivable_due_days (
      due_date TEXT PRIMARY KEY,
      count INTEGER NOT NULL,
      amount INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO receivable_due_days (due_date, count, amount)
      SELECT due_date, count(*), sum(balance_base) FROM documents INDEXED BY documents_open_by_due
      WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND balance > 0 AND due_date IS NOT NULL
      GROUP BY due_date;
    CREATE TRIGGER receivable_due_days_insert AFTER INSERT ON documents WHEN ${OPEN_NEW}
    BEGIN
      ${ADD}
    END;
    CREATE TRIGGER receivable_due_days_delete AFTER DELETE ON documents WHEN ${OPEN_OLD}
    BEGIN
      ${SUBTRACT}
    END;
    CREATE TRIGGER receivable_due_days_update AFTER UPDATE OF type, status, balance, balance_base, due_date ON documents
    WHEN (${OPEN_OLD}) OR (${OPEN_NEW})
    BEGIN
      ${SUBTRACT}
      ${ADD}
    END;
    CREATE INDEX customers_by_open_balance ON customers (open_balance_base DESC, id) WHERE open_balance_base > 0;
  `);
}
