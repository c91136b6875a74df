import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openDatabase, schemaVersion } from '../../src/main/db/open';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the payables migration', () => {
  it('upgrades a file from the version before it, keeping its data and seeding the categories', () => {
    const payables = MIGRATIONS.find((m) => m.name === 'payables')!;
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(path.join(tmp.dir, 'folio.sqlite3'));
    migrate(db, { target: payables.version - 1 });
    db.prepare("UPDATE business_profile SET name = 'Before Payables Ltd' WHERE id = 1").run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('preferences', '{"baseCurrency":"EUR"}')`).run();

    migrate(db, { target: payables.version });
    expect(schemaVersion(db)).toBe(payables.version);
    expect(db.prepare('SELECT name FROM business_profile').get()).toEqual({ name: 'Before Payables Ltd' });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'preferences'").get()).toEqual({
      value: '{"baseCurrency":"EUR"}',
    });
    const categories = (
      db.prepare('SELECT name FROM expense_categories ORDER BY id').all() as { name: string }[]
    ).map((c) => c.name);
    expect(categories.slice(0, 5)).toEqual(['Rent', 'Utilities', 'Supplies', 'Software', 'Travel']);
    // The balance rule is enforced by the file itself, not only by the services.
    db.prepare(
      "INSERT INTO vendors (name, currency, payment_terms, created_at, updated_at) VALUES ('V', 'EUR', '{\"kind\":\"net\",\"days\":30}', 'now', 'now')",
    ).run();
    const insert = (balance: number) =>
      db
        .prepare(
          `INSERT INTO bills (vendor_id, bill_date, due_date, currency, subtotal, tax, total, balance, total_base, balance_base,
             status, created_at, updated_at)
           VALUES (1, '2026-01-01', '2026-01-31', 'EUR', 100, 0, 100, ?, 100, 100, 'awaiting_payment', 'now', 'now')`,
        )
        .run(balance);
    expect(() => insert(90)).toThrow(/CHECK constraint failed/);
    expect(() => insert(100)).not.toThrow();
    db.close();
  });
});
