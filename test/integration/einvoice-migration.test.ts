import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openDatabase, schemaVersion } from '../../src/main/db/open';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the e-invoice migration', () => {
  it('gives existing taxes and their document snapshots an EN 16931 VAT category from their kind', () => {
    const einvoice = MIGRATIONS.find((m) => m.name === 'einvoice')!;
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(path.join(tmp.dir, 'folio.sqlite3'));
    migrate(db, { target: einvoice.version - 1 });
    const insertTax = db.prepare(
      "INSERT INTO taxes (name, percent, kind, reason, created_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    insertTax.run('VAT 19%', '19', 'standard', '');
    insertTax.run('Zero', '0', 'zero_rated', 'Books');
    insertTax.run('Exempt', '0', 'exempt', 'Medical services, §4 UStG');
    db.prepare(
      `INSERT INTO customers (name, billing_address, shipping_address, currency, payment_terms, tax_number, created_at, updated_at)
       VALUES ('Kunde', '{}', '{}', 'EUR', '{"kind":"net","days":30}', 'DE123456789', 'now', 'now')`,
    ).run();
    db.prepare(
      `INSERT INTO documents (type, status, customer_id, customer_name, customer_snapshot, issue_date, due, currency,
         prices_include_tax, subtotal, discount_amount, net, tax, total, total_base, created_at, updated_at)
       VALUES ('invoice', 'draft', 1, 'Kunde', '{}', '2026-01-05', '{"kind":"date","date":"2026-02-05"}', 'EUR', 0,
         100, 0, 100, 0, 100, 100, 'now', 'now')`,
    ).run();
    db.prepare(
      "INSERT INTO document_taxes (document_id, tax_id, name, percent, compound, base, amount) VALUES (1, 3, 'Exempt', '0', 0, 100, 0)",
    ).run();

    migrate(db, { target: einvoice.version });
    expect(schemaVersion(db)).toBe(einvoice.version);
    expect(db.prepare('SELECT name, vat_category, vatex_code FROM taxes ORDER BY id').all()).toEqual([
      { name: 'VAT 19%', vat_category: 'S', vatex_code: '' },
      { name: 'Zero', vat_category: 'Z', vatex_code: '' },
      { name: 'Exempt', vat_category: 'E', vatex_code: '' },
    ]);
    expect(db.prepare('SELECT vat_category, reason FROM document_taxes').get()).toEqual({
      vat_category: 'E',
      reason: 'Medical services, §4 UStG',
    });
    expect(db.prepare('SELECT buyer_reference, delivery_date, delivery_end FROM documents').get()).toEqual({
      buyer_reference: '',
      delivery_date: null,
      delivery_end: null,
    });
    expect(db.prepare('SELECT einvoice_format, tax_number FROM customers').get()).toEqual({
      einvoice_format: '',
      tax_number: 'DE123456789',
    });
    expect(() => db.prepare("UPDATE customers SET einvoice_format = 'pdf'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE taxes SET vat_category = 'X'").run()).toThrow(/CHECK/);
    db.close();
  });
});
