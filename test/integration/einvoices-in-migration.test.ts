import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openDatabase, schemaVersion } from '../../src/main/db/open';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the e-invoices-in migration', () => {
  it('upgrades a file from the version before it, keeping bill attachments and allowing XML ones', () => {
    const m = MIGRATIONS.find((x) => x.name === 'einvoices-in')!;
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(path.join(tmp.dir, 'folio.sqlite3'));
    migrate(db, { target: m.version - 1 });
    db.prepare(
      "INSERT INTO vendors (name, currency, payment_terms, created_at, updated_at) VALUES ('V', 'EUR', '{\"kind\":\"net\",\"days\":30}', 'now', 'now')",
    ).run();
    db.prepare(
      `INSERT INTO bills (vendor_id, bill_date, due_date, currency, subtotal, tax, total, balance, total_base, balance_base,
         status, created_at, updated_at)
       VALUES (1, '2026-01-01', '2026-01-31', 'EUR', 100, 0, 100, 100, 100, 100, 'awaiting_payment', 'now', 'now')`,
    ).run();
    const sha = 'a'.repeat(64);
    db.prepare(
      "INSERT INTO bill_attachments (bill_id, sha256, file_name, mime_type, bytes, created_at) VALUES (1, ?, 'scan.pdf', 'application/pdf', 10, 'now')",
    ).run(sha);
    expect(() =>
      db
        .prepare(
          "INSERT INTO bill_attachments (bill_id, sha256, file_name, mime_type, bytes, created_at) VALUES (1, ?, 'x.xml', 'application/xml', 10, 'now')",
        )
        .run('b'.repeat(64)),
    ).toThrow(/CHECK constraint failed/);

    migrate(db, { target: m.version });
    expect(schemaVersion(db)).toBe(m.version);
    expect(db.prepare('SELECT bill_id, sha256, file_name, mime_type FROM bill_attachments').all()).toEqual([
      { bill_id: 1, sha256: sha, file_name: 'scan.pdf', mime_type: 'application/pdf' },
    ]);
    db.prepare(
      "INSERT INTO bill_attachments (bill_id, sha256, file_name, mime_type, bytes, created_at) VALUES (1, ?, 'x.xml', 'application/xml', 10, 'now')",
    ).run('b'.repeat(64));
    // The duplicate-scan index is back.
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT bill_id FROM bill_attachments WHERE sha256 = 'x'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/bill_attachments_by_hash/);
    // An e-invoice belongs to exactly one bill or vendor credit.
    const insert = (bill: number | null, credit: number | null) =>
      db
        .prepare(
          `INSERT INTO einvoices (bill_id, vendor_credit_id, file_name, file_sha256, container, syntax, data, findings, payable, imported_at)
           VALUES (?, ?, 'x.xml', ?, 'xml', 'UBL', '{}', '[]', 100, 'now')`,
        )
        .run(bill, credit, sha);
    expect(() => insert(null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert(1, null)).not.toThrow();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
