import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openDatabase, schemaVersion } from '../../src/main/db/open';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the bank migration', () => {
  it('upgrades a file from the version before it and takes vendors’ IBANs from their bank details where valid', () => {
    const bank = MIGRATIONS.find((m) => m.name === 'bank')!;
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(path.join(tmp.dir, 'folio.sqlite3'));
    migrate(db, { target: bank.version - 1 });
    const vendor = db.prepare(
      `INSERT INTO vendors (name, currency, payment_terms, bank_details, created_at, updated_at)
       VALUES (?, 'EUR', '{"kind":"net","days":30}', ?, 'now', 'now')`,
    );
    vendor.run('Valid', 'Bank: Sparkasse\nIBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX');
    vendor.run('Wrong digit', 'IBAN DE89 3704 0044 0532 0130 01');
    vendor.run('Domestic only', 'Routing 121000248 Account 4412345678');

    migrate(db, { target: bank.version });
    expect(schemaVersion(db)).toBe(bank.version);
    expect(db.prepare('SELECT name, iban, bic FROM vendors ORDER BY id').all()).toEqual([
      { name: 'Valid', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
      { name: 'Wrong digit', iban: '', bic: '' },
      { name: 'Domestic only', iban: '', bic: '' },
    ]);
    // The free-text bank details stay as they were.
    expect(db.prepare('SELECT bank_details FROM vendors WHERE id = 3').get()).toEqual({
      bank_details: 'Routing 121000248 Account 4412345678',
    });
    // A line can only be imported once per account (the re-import guard lives in the file too).
    db.prepare(
      `INSERT INTO bank_accounts (name, currency, opening_date, created_at) VALUES ('A', 'EUR', '2026-01-01', 'now')`,
    ).run();
    db.prepare(
      `INSERT INTO bank_imports (account_id, file_name, format, imported_at, lines_added, lines_skipped) VALUES (1, 'f', 'csv', 'now', 1, 0)`,
    ).run();
    const line = db.prepare(
      `INSERT INTO bank_lines (account_id, import_id, booking_date, amount, currency, fingerprint) VALUES (1, 1, '2026-01-02', 100, 'EUR', 'ref:1')`,
    );
    line.run();
    expect(() => line.run()).toThrow(/UNIQUE constraint failed/);
    db.close();
  });
});
