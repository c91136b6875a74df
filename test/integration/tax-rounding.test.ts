import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { up as taxRoundingMigration } from '../../src/main/db/migrations/0006-tax-rounding';
import { computeTotals } from '../../src/shared/domain/totals';
import { fixedClock, openTestFolio, TEST_ENGINE, type TestFolio } from '../helpers/folio';
import { storeOf } from '../../src/main/services/context';
import { invoiceInput, seedBusiness } from '../helpers/seed';
import { renderPdf, setupDocuments } from '../helpers/documents';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const clock = fixedClock('2026-11-20T10:00:00Z');

async function pdfText(pdf: Buffer): Promise<string> {
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  let text = '';
  for (let i = 0; i < doc.countPages(); i++)
    text += doc.loadPage(i).toStructuredText('preserve-whitespace').asText();
  return text;
}

interface Runs {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/** Writes an invoice's figures as computed under the per-line rule. */
async function storeOldFigures(db: Runs, id: number, old: ReturnType<typeof computeTotals>) {
  await db
    .prepare(
      'UPDATE documents SET tax = ?, total = ?, total_base = ?, balance = ?, balance_base = ? WHERE id = ?',
    )
    .run(old.tax, old.total, old.total, old.total, old.total, id);
  await db.prepare('UPDATE document_taxes SET amount = ? WHERE document_id = ?').run(old.tax, id);
  const setLine = db.prepare(
    'UPDATE document_lines SET tax = ?, total = ? WHERE document_id = ? AND position = ?',
  );
  for (const [i, l] of old.lines.entries()) await setLine.run(l.tax, l.total, id, i);
}

// 60 lines at 23 % whose taxes rounded line by line add up to 2 cents more than 23 % of their sum.
const PRICES = Array.from({ length: 60 }, (_, i) => 1001 + 4 * i);

describe('tax per rate on stored documents', () => {
  it('a new invoice is computed per rate; an invoice stored under the per-line rule keeps its figures, on screen and in the PDF', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    let t: TestFolio = await openTestFolio({ dataDir: tmp.dir, clock, keep: true });
    cleanups.push(() => t.close());
    const seed = await seedBusiness(t);
    await setupDocuments(t);
    const lines = PRICES.map((p, i) => ({
      description: `Line ${i + 1}`,
      quantity: '1',
      unitPrice: p,
      taxIds: [seed.vat23.id],
    }));
    const net = PRICES.reduce((s, p) => s + p, 0);
    const perLine = PRICES.reduce((s, p) => s + Math.round((p * 23) / 100), 0);
    const perRate = Math.round((net * 23) / 100);
    expect(perLine).not.toBe(perRate);

    const draft = await t.call('documents.create', { ...invoiceInput(seed), lines });
    const issued = await t.call('documents.issue', { id: draft.id });
    expect(issued.taxRounding).toBe('category');
    expect(issued.totals.taxes.map((x) => [x.base, x.amount])).toEqual([[net, perRate]]);
    expect(issued.total).toBe(net + perRate);

    // The same invoice as a Folio before per-rate rounding stored it: per-line figures and a
    // data file one version back (no tax_rounding column).
    const old = computeTotals({
      pricesIncludeTax: false,
      lines: lines.map((l) => ({
        kind: 'item',
        quantity: '1',
        unitPrice: l.unitPrice,
        discount: null,
        taxIds: l.taxIds,
      })),
      discount: null,
      shipping: 0,
      shippingTaxIds: [],
      taxes: [{ id: seed.vat23.id, name: 'VAT 23%', percent: '23', compound: false }],
      taxRounding: 'line',
    });
    expect(old.tax).toBe(perLine);
    if (TEST_ENGINE === 'sqlite') {
      await t.close();
      const db = openDatabase(path.join(tmp.dir, 'folio.sqlite3'));
      await storeOldFigures(db, issued.id, old);
      // The file as it was before the migration "tax-rounding", which then runs on it.
      db.exec('ALTER TABLE documents DROP COLUMN tax_rounding');
      taxRoundingMigration(db);
      db.close();
      t = await openTestFolio({ dataDir: tmp.dir, clock, keep: true });
    } else {
      // Shared books start at schema version 12 (after that migration): the invoice is stored
      // as the migration leaves an old one, with its per-line rule recorded.
      const store = storeOf(t.folio.ctx);
      await storeOldFigures(store, issued.id, old);
      await store.prepare("UPDATE documents SET tax_rounding = 'line' WHERE id = ?").run(issued.id);
    }
    const reopened = await t.call('documents.get', { id: issued.id });
    expect(reopened.taxRounding).toBe('line');
    expect([reopened.totals.tax, reopened.total]).toEqual([perLine, net + perLine]);
    const { pdf } = await renderPdf(t, { kind: 'document', id: issued.id });
    const text = await pdfText(pdf);
    const euros = (minor: number) => (minor / 100).toFixed(2);
    expect(text).toContain(euros(perLine));
    expect(text).not.toContain(euros(perRate));

    // Its credit note credits exactly its figures (old rule), also after an edit.
    const credit = await t.call('creditNotes.fromInvoice', { invoiceId: issued.id });
    expect([credit.taxRounding, credit.totals.tax, credit.total]).toEqual(['line', perLine, net + perLine]);
    const edited = await t.call('documents.update', {
      id: credit.id,
      type: 'credit_note',
      customerId: credit.customerId,
      issueDate: credit.issueDate,
      due: credit.due,
      currency: credit.currency,
      lines: credit.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        taxIds: l.taxIds,
      })),
      relatedId: issued.id,
      notes: 'Edited',
    });
    expect([edited.taxRounding, edited.totals.tax]).toEqual(['line', perLine]);

    // A new invoice with the same lines uses the rule of today.
    const fresh = await t.call('documents.create', { ...invoiceInput(seed), lines });
    expect([fresh.taxRounding, fresh.totals.tax]).toEqual(['category', perRate]);
  });
});
