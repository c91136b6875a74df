import type { Sqlite } from '../open';

/** Collections follow-up: a flag and a promise to pay per customer, and a log of calls and notes. */
export function up(db: Sqlite): void {
  db.exec(`
    CREATE TABLE collections (
      customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
      flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
      promise_date TEXT,
      promise_amount INTEGER,
      promise_note TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE collection_notes (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('call', 'note', 'promise')),
      text TEXT NOT NULL,
      user TEXT NOT NULL
    ) STRICT;
    CREATE INDEX collection_notes_by_customer ON collection_notes (customer_id, at);
  `);
}
