import { TEST_ENGINE, localSqlite } from '../helpers/folio';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ONE_PIXEL_PNG,
  TWO_PIXEL_JPEG,
  fixedClock,
  openTestFolio,
  storedFiles,
  type TestFolio,
} from '../helpers/folio';
import { TINY_PDF, auditOf, billInput, setupBusiness, vendorInput } from '../helpers/payables';

let t: TestFolio;
const clock = fixedClock('2026-03-10T09:00:00Z');
beforeEach(async () => {
  clock.set('2026-03-10T09:00:00Z');
  t = await openTestFolio({ clock });
  await setupBusiness(t);
});
afterEach(async () => {
  await t.close();
});

describe('vendors and expense categories', () => {
  it('creates, updates and archives a vendor, recording every change in the audit log', async () => {
    const v = await t.call('vendors.create', vendorInput({ earlyPayment: { discountPercent: 2, days: 10 } }));
    expect(v).toMatchObject({
      name: 'Acme Supplies',
      termsLabel: '2/10 net 30',
      archived: false,
      openBills: 0,
    });
    const updated = await t.call('vendors.update', {
      ...vendorInput(),
      id: v.id,
      bankDetails: 'IBAN IE99 NEWB 0000',
    });
    expect(updated.bankDetailsChangedAt).toBe('2026-03-10T09:00:00.000Z');
    expect((await t.call('vendors.setArchived', { id: v.id, archived: true })).archived).toBe(true);
    expect(await t.call('vendors.list', {})).toEqual([]);
    expect((await t.call('vendors.list', { includeArchived: true })).map((x) => x.name)).toEqual([
      'Acme Supplies',
    ]);
    const audit = await auditOf(t, 'vendor', v.id);
    expect(audit.map((e) => e.action)).toEqual(['archive', 'update', 'create']);
    expect(audit[1]!.changes).toMatchObject({
      bank_details: { from: 'IBAN IE12 BOFI 9000 0112 3456 78', to: 'IBAN IE99 NEWB 0000' },
      _details: { bankDetailsChanged: true },
    });
    // A bill cannot be entered for an archived vendor.
    const refused = await t.raw('bills.create', billInput(v.id));
    expect(refused).toMatchObject({ ok: false, error: { field: 'vendorId', message: /archived/ } });
  });

  it('rejects bad vendor input at the field', async () => {
    const r = await t.raw('vendors.create', { ...vendorInput(), name: ' ', email: 'x@', currency: 'EUX' });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          name: 'Enter the vendor name',
          email: 'Email must be a valid address, like name@example.com',
          currency: expect.stringMatching(/ISO 4217/),
        },
      },
    });
  });

  it('keeps an editable list of categories with unique names', async () => {
    const names = (await t.call('expenseCategories.list', {})).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Rent', 'Utilities', 'Supplies', 'Software', 'Travel']));
    const c = await t.call('expenseCategories.create', { name: 'Cleaning' });
    expect(await t.raw('expenseCategories.create', { name: 'cleaning' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'name' },
    });
    const archived = await t.call('expenseCategories.update', {
      id: c.id,
      name: 'Cleaning & waste',
      archived: true,
    });
    expect(archived).toMatchObject({ name: 'Cleaning & waste', archived: true, usage: 0 });
    expect((await auditOf(t, 'expense_category', c.id)).map((e) => e.action)).toEqual(['archive', 'create']);
  });
});

describe('bills', () => {
  it('works out the due date from the terms, totals with tax apart, and the early-payment offer', async () => {
    const v = await t.call('vendors.create', vendorInput({ earlyPayment: { discountPercent: 2, days: 10 } }));
    const rent = (await t.call('expenseCategories.list', {})).find((c) => c.name === 'Supplies')!;
    const { bill, warnings } = await t.call(
      'bills.create',
      billInput(v.id, {
        lines: [
          { description: 'Printer paper', categoryId: rent.id, quantity: 2.5, unitPrice: 3_33, tax: 1_91 },
          { description: 'Toner', unitPrice: 40_00, tax: 9_20 },
        ],
      }),
    );
    expect(warnings).toEqual([]);
    expect(bill).toMatchObject({
      dueDate: '2026-04-04',
      currency: 'EUR',
      subtotal: 48_33,
      tax: 11_11,
      total: 59_44,
      balance: 59_44,
      status: 'awaiting_payment',
      displayStatus: 'awaiting_payment',
      dueLabel: 'Due in 25 days',
      offer: { payBy: '2026-03-15', save: 1_19, pay: 58_25 },
    });
    expect(bill.lines[0]).toMatchObject({ categoryName: 'Supplies', quantity: 2.5, amount: 8_33 });
    const entered = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'X-1', dueDate: '2026-03-20', earlyPayment: null }),
    );
    expect(entered.bill).toMatchObject({ dueDate: '2026-03-20', earlyPayment: null, offer: null });
    expect((await auditOf(t, 'bill', bill.id))[0]).toMatchObject({ action: 'create' });
  });

  it('refuses bad bills at the field and stores nothing', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ dueDate: '2026-03-01' }, 'dueDate', /on or after the bill date, 2026-03-05/],
      [{ billDate: '2026-02-30' }, 'billDate', /real date/],
      [{ lines: [] }, 'lines', /at least one line/],
      [{ lines: [{ unitPrice: -5 }] }, 'lines.0.unitPrice', /cannot be negative/],
      [{ lines: [{ unitPrice: 0 }] }, 'lines', /more than zero/],
      [{ lines: [{ unitPrice: 100, quantity: 1.23456 }] }, 'lines.0.quantity', /3 decimals/],
      [{ lines: [{ unitPrice: 100, categoryId: 999 }] }, 'lines.0.categoryId', /does not exist/],
      [{ vendorId: 999 }, 'vendorId', /does not exist/],
      [
        { attachments: [{ sha256: 'f'.repeat(64), fileName: 'scan.pdf' }] },
        'attachments.0.sha256',
        /Attach the file again/,
      ],
    ];
    for (const [overrides, field, message] of cases) {
      const r = await t.raw('bills.create', { ...billInput(v.id), ...overrides });
      expect(r, field).toMatchObject({
        ok: false,
        error: { field, message: expect.stringMatching(message) },
      });
    }
    expect((await t.call('bills.list', {})).count).toBe(0);
  });

  it('lists bills with filters, search and totals per currency', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const w = await t.call('vendors.create', vendorInput({ name: 'Web Host Inc', currency: 'USD' }));
    await t.call('bills.create', billInput(v.id));
    await t.call(
      'bills.create',
      billInput(v.id, {
        vendorInvoiceNumber: 'INV-0050',
        billDate: '2026-01-01',
        lines: [{ unitPrice: 10_00 }],
      }),
    );
    await t.call(
      'bills.create',
      billInput(w.id, {
        vendorInvoiceNumber: 'H-1',
        exchangeRate: '0.92',
        lines: [{ unitPrice: 20_00 }],
        status: 'draft',
      }),
    );
    const all = await t.call('bills.list', {});
    expect(all.count).toBe(3);
    expect(all.totals).toEqual([
      { currency: 'EUR', total: 133_00, balance: 133_00 },
      { currency: 'USD', total: 20_00, balance: 0 },
    ]);
    expect(
      (await t.call('bills.list', { filter: 'overdue' })).rows.map((r) => r.vendorInvoiceNumber),
    ).toEqual(['INV-0050']);
    expect((await t.call('bills.list', { filter: 'draft' })).rows.map((r) => r.vendorName)).toEqual([
      'Web Host Inc',
    ]);
    expect((await t.call('bills.list', { search: 'web host' })).count).toBe(1);
    expect((await t.call('bills.list', { vendorId: v.id })).count).toBe(2);
  });

  it('voids with a reason, deletes only drafts, and approves drafts', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const { bill } = await t.call('bills.create', billInput(v.id));
    expect(await t.raw('bills.delete', { id: bill.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.raw('bills.void', { id: bill.id, reason: '' })).toMatchObject({
      ok: false,
      error: { field: 'reason' },
    });
    const voided = await t.call('bills.void', { id: bill.id, reason: 'Sent to us by mistake' });
    expect(voided).toMatchObject({ status: 'void', voidReason: 'Sent to us by mistake' });
    const draft = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'D-1', status: 'draft' }),
    );
    const approved = await t.call('bills.approve', { id: draft.bill.id });
    expect(approved.bill.status).toBe('awaiting_payment');
    const other = await t.call(
      'bills.create',
      billInput(v.id, { vendorInvoiceNumber: 'D-2', status: 'draft' }),
    );
    await t.call('bills.delete', { id: other.bill.id });
    expect(await t.raw('bills.get', { id: other.bill.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await auditOf(t, 'bill', bill.id)).map((e) => e.action)).toEqual(['void', 'create']);
    expect((await auditOf(t, 'bill', other.bill.id)).map((e) => e.action)).toEqual(['delete', 'create']);
  });
});

describe('warnings when a bill is entered', () => {
  it('a second bill with the same invoice number is saved with a duplicate warning; dismissing needs a reason and is audited', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const first = await t.call('bills.create', billInput(v.id));
    const input = billInput(v.id, {
      vendorInvoiceNumber: 'inv 42',
      billDate: '2026-03-20',
      lines: [{ unitPrice: 70_00 }],
    });
    const check = await t.call('bills.check', input);
    expect(check.warnings.map((w) => w.kind)).toEqual(['duplicate_number']);
    expect(check.warnings[0]!.message).toMatch(`bill #${first.bill.id}`);
    // Nothing was stored by the check.
    expect((await t.call('bills.list', {})).count).toBe(1);

    const second = await t.call('bills.create', input);
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]).toMatchObject({
      kind: 'duplicate_number',
      group: 'duplicate',
      title: 'Possible duplicate',
      relatedBillId: first.bill.id,
    });
    const row = (await t.call('bills.list', {})).rows.find((r) => r.id === second.bill.id)!;
    expect(row.openWarnings).toBe(1);

    const noReason = await t.raw('bills.dismissWarning', {
      billId: second.bill.id,
      warningId: second.warnings[0]!.id,
      reason: ' ',
    });
    expect(noReason).toMatchObject({ ok: false, error: { field: 'reason', message: 'Enter the reason' } });
    const dismissed = await t.call('bills.dismissWarning', {
      billId: second.bill.id,
      warningId: second.warnings[0]!.id!,
      reason: 'Vendor re-issued the invoice with a corrected amount',
    });
    expect(dismissed.warnings[0]!.dismissed).toMatchObject({
      reason: 'Vendor re-issued the invoice with a corrected amount',
    });
    const audit = await auditOf(t, 'bill', second.bill.id);
    expect(audit[0]).toMatchObject({
      action: 'dismiss_warning',
      changes: {
        _details: {
          warning: 'duplicate_number',
          reason: 'Vendor re-issued the invoice with a corrected amount',
        },
      },
    });
    // Saving again keeps the dismissal while the warning still applies.
    const again = await t.call('bills.update', { ...input, id: second.bill.id, notes: 'checked' });
    expect(again.warnings).toEqual([]);
    expect(again.bill.warnings[0]!.dismissed).not.toBeNull();
    // Correcting the number removes the warning.
    const fixed = await t.call('bills.update', {
      ...input,
      id: second.bill.id,
      vendorInvoiceNumber: 'INV-0043',
    });
    expect(fixed.bill.warnings).toEqual([]);
  });

  it('can be saved with the warnings acknowledged in one step, with the reason recorded', async () => {
    const v = await t.call('vendors.create', vendorInput());
    await t.call('bills.create', billInput(v.id));
    const input = billInput(v.id, { vendorInvoiceNumber: 'INV-42' });
    const { warnings } = await t.call('bills.check', input);
    // Same number and same amount: reported once, as the same number.
    expect(warnings.map((w) => w.kind)).toEqual(['duplicate_number']);
    const saved = await t.call('bills.create', {
      ...input,
      acknowledge: { keys: warnings.map((w) => w.key), reason: 'Second delivery, same order number' },
    });
    expect(saved.warnings).toEqual([]);
    expect(saved.bill.warnings.map((w) => w.dismissed?.reason)).toEqual([
      'Second delivery, same order number',
    ]);
    expect((await auditOf(t, 'bill', saved.bill.id)).map((e) => e.action)).toEqual([
      'dismiss_warning',
      'create',
    ]);
  });

  it('flags the same amount within a few days, the same file, a price jump and changed bank details', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const pdf = await t.call('bills.uploadAttachment', {
      fileName: 'march.pdf',
      dataBase64: TINY_PDF.toString('base64'),
    });
    const first = await t.call(
      'bills.create',
      billInput(v.id, { attachments: [{ sha256: pdf.sha256, fileName: 'march.pdf' }] }),
    );
    await t.call('vendors.update', { ...vendorInput(), id: v.id, bankDetails: 'IBAN GB00 FAKE 0000 0000' });
    const { warnings, bill } = await t.call(
      'bills.create',
      billInput(v.id, {
        vendorInvoiceNumber: 'INV-0043',
        billDate: '2026-03-08',
        lines: [{ description: 'printer  paper', quantity: 1, unitPrice: 100_00, tax: 23_00 }],
        attachments: [{ sha256: pdf.sha256, fileName: 'march copy.pdf' }],
      }),
    );
    const kinds = Object.fromEntries(warnings.map((w) => [w.kind, w]));
    expect(Object.keys(kinds).sort()).toEqual([
      'bank_details_changed',
      'duplicate_amount',
      'duplicate_attachment',
      'price_above_last',
    ]);
    expect(kinds.duplicate_amount!.message).toMatch(/same amount, €123.00, 3 days apart/);
    expect(kinds.duplicate_attachment!.message).toMatch(/“march copy.pdf” is identical to a file on bill #1/);
    expect(kinds.price_above_last!.message).toMatch(
      /€100.00 is 100% above the last price from Acme Supplies, €50.00/,
    );
    expect(kinds.bank_details_changed).toMatchObject({
      group: 'fraud',
      title: 'Possible fraud',
      relatedBillId: first.bill.id,
    });
    expect(kinds.bank_details_changed!.message).toMatch(
      /bank details changed on 10 Mar 2026, since their last bill/,
    );
    // A void bill is no longer a duplicate of anything.
    await t.call('bills.void', { id: first.bill.id, reason: 'test' });
    const recheck = await t.call('bills.check', {
      ...billInput(v.id, { billDate: '2026-03-08' }),
      id: bill.id,
    });
    expect(recheck.warnings.map((w) => w.kind)).not.toContain('duplicate_attachment');
  });

  it('a bill above its purchase order beyond the tolerance gets an overbilling warning and a match', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const po = await t.call('purchaseOrders.create', {
      vendorId: v.id,
      orderDate: '2026-03-01',
      tolerancePercent: 5,
      lines: [
        { description: 'Widgets', quantity: 100, unitPrice: 2_00 },
        { description: 'Assembly', quantity: 4, unitPrice: 50_00 },
      ],
    });
    expect(po).toMatchObject({ number: 'PO-0001', total: 400_00, status: 'open', billed: 0 });
    const within = await t.call(
      'bills.create',
      billInput(v.id, {
        vendorInvoiceNumber: 'W-1',
        purchaseOrderId: po.id,
        lines: [
          { description: 'Widgets', quantity: 100, unitPrice: 2_05, purchaseOrderLineId: po.lines[0]!.id },
        ],
      }),
    );
    expect(within.warnings).toEqual([]);
    const over = await t.call(
      'bills.create',
      billInput(v.id, {
        vendorInvoiceNumber: 'W-2',
        billDate: '2026-03-09',
        purchaseOrderId: po.id,
        lines: [
          { description: 'Assembly', quantity: 4, unitPrice: 60_00, purchaseOrderLineId: po.lines[1]!.id },
        ],
      }),
    );
    const messages = over.warnings.map((w) => `${w.title}: ${w.message}`);
    expect(messages).toEqual([
      "Possible overbilling: Bills against PO-0001 come to €445.00 before tax, 11.25% above the order's €400.00 (tolerance 5%).",
      'Possible overbilling: “Assembly”: unit price €60.00 is 20% above the €50.00 on PO-0001 (tolerance 5%).',
    ]);
    expect(over.bill.match).toMatchObject({ billedTotal: 445_00, totalOver: true, totalOverPercent: 11.25 });
    expect(over.bill.match!.rows[1]).toMatchObject({
      priceOver: true,
      priceOverPercent: 20,
      billedQuantity: 4,
    });
    const listed = await t.call('purchaseOrders.list', {});
    expect(listed[0]).toMatchObject({ billed: 445_00, bills: 2, over: true });
    // A purchase order of another vendor cannot be used.
    const other = await t.call('vendors.create', vendorInput({ name: 'Other Ltd' }));
    expect(await t.raw('bills.create', billInput(other.id, { purchaseOrderId: po.id }))).toMatchObject({
      ok: false,
      error: { field: 'purchaseOrderId', message: /another vendor/ },
    });
  });
});

describe('attachments', () => {
  it('stores PDF, PNG and JPEG under their content hash and opens them again', async () => {
    const pdf = await t.call('bills.uploadAttachment', {
      fileName: 'bill.pdf',
      dataBase64: TINY_PDF.toString('base64'),
    });
    expect(pdf).toMatchObject({ mimeType: 'application/pdf', bytes: TINY_PDF.length });
    // Local books keep it in the data folder, shared books in the database (and not on disk).
    expect((await storedFiles(t.folio.ctx)).get(pdf.sha256)?.equals(TINY_PDF)).toBe(true);
    expect(fs.existsSync(path.join(t.dataDir, 'attachments', pdf.sha256.slice(0, 2), pdf.sha256))).toBe(
      TEST_ENGINE === 'sqlite',
    );
    const png = await t.call('bills.uploadAttachment', { fileName: 'photo.PNG', dataBase64: ONE_PIXEL_PNG });
    expect(png.mimeType).toBe('image/png');
    const jpeg = Buffer.from(TWO_PIXEL_JPEG, 'base64');
    expect(
      (await t.call('bills.uploadAttachment', { fileName: 'x.jpeg', dataBase64: jpeg.toString('base64') }))
        .mimeType,
    ).toBe('image/jpeg');
    const v = await t.call('vendors.create', vendorInput());
    const { bill } = await t.call(
      'bills.create',
      billInput(v.id, { attachments: [{ sha256: pdf.sha256, fileName: 'bill.pdf' }] }),
    );
    expect(bill.attachments).toEqual([
      { sha256: pdf.sha256, fileName: 'bill.pdf', mimeType: 'application/pdf', bytes: TINY_PDF.length },
    ]);
    const opened = await t.call('bills.getAttachment', { sha256: pdf.sha256 });
    expect(Buffer.from(opened.dataBase64, 'base64').equals(TINY_PDF)).toBe(true);
    expect(opened.fileName).toBe('bill.pdf');
    expect(await t.raw('bills.getAttachment', { sha256: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('refuses a 50 MB file and a file of the wrong type with a clear message at the field', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x25).toString('base64');
    const tooBig = await t.raw('bills.uploadAttachment', { fileName: 'scan.pdf', dataBase64: big });
    expect(tooBig).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'dataBase64',
        message: 'The attachment is 50.0 MB; the limit is 20.0 MB. Choose a smaller file.',
      },
    });
    const docx = Buffer.from('PK\x03\x04 this is a word document').toString('base64');
    const wrong = await t.raw('bills.uploadAttachment', { fileName: 'invoice.pdf', dataBase64: docx });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        field: 'dataBase64',
        message: expect.stringMatching(
          /“invoice.pdf” is not a PDF, PNG or JPEG file, whatever its name says/,
        ),
      },
    });
    expect([...(await storedFiles(t.folio.ctx)).keys()]).toEqual([]);
  });
});

describe('due-date tracking', () => {
  it('splits open bills into overdue, next 7 days and later, each sorted with its totals', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const w = await t.call('vendors.create', vendorInput({ name: 'Zed Cloud', currency: 'USD' }));
    const make = (
      vendorId: number,
      n: string,
      due: string,
      cents: number,
      status: 'draft' | 'awaiting_payment' = 'awaiting_payment',
    ) =>
      t.call(
        'bills.create',
        billInput(vendorId, {
          vendorInvoiceNumber: n,
          billDate: '2026-02-01',
          dueDate: due,
          ...(vendorId === w.id ? { exchangeRate: '0.92' } : {}),
          lines: [{ unitPrice: cents }],
          status,
        }),
      );
    await make(v.id, 'A', '2026-03-09', 1_00);
    await make(v.id, 'B', '2026-02-15', 2_00);
    await make(w.id, 'C', '2026-03-10', 4_00);
    await make(v.id, 'D', '2026-03-17', 8_00);
    await make(v.id, 'E', '2026-03-18', 16_00);
    await make(w.id, 'F', '2026-06-01', 32_00);
    await make(v.id, 'G', '2026-03-01', 64_00, 'draft');
    const paid = await make(v.id, 'H', '2026-03-01', 128_00);
    await t.call('billPayments.create', {
      paymentDate: '2026-03-01',
      method: 'card',
      allocations: [{ billId: paid.bill.id, amount: 128_00 }],
    });

    const overdue = await t.call('bills.due', { view: 'overdue' });
    expect(overdue.rows.map((r) => r.vendorInvoiceNumber)).toEqual(['B', 'A']);
    expect(overdue).toMatchObject({ count: 2, totals: [{ currency: 'EUR', amount: 3_00 }] });
    expect(overdue.rows[0]).toMatchObject({ displayStatus: 'overdue', dueLabel: '23 days overdue' });
    const next7 = await t.call('bills.due', { view: 'next7' });
    expect(next7.rows.map((r) => r.vendorInvoiceNumber)).toEqual(['C', 'D']);
    expect(next7.totals).toEqual([
      { currency: 'EUR', amount: 8_00 },
      { currency: 'USD', amount: 4_00 },
    ]);
    const later = await t.call('bills.due', { view: 'later' });
    expect(later.rows.map((r) => r.vendorInvoiceNumber)).toEqual(['E', 'F']);
    const summary = await t.call('bills.dueSummary', {});
    expect([summary.overdue.count, summary.next7.count, summary.later.count]).toEqual([2, 2, 2]);
    expect(
      (await t.call('bills.due', { view: 'later', limit: 1, offset: 1 })).rows.map(
        (r) => r.vendorInvoiceNumber,
      ),
    ).toEqual(['F']);

    const cal = await t.call('bills.calendar', { month: '2026-03' });
    expect(
      cal.days.map((d) => [d.date, d.bills.map((b) => `${b.vendorInvoiceNumber}:${b.displayStatus}`)]),
    ).toEqual([
      ['2026-03-01', ['H:paid']],
      ['2026-03-09', ['A:overdue']],
      ['2026-03-10', ['C:awaiting_payment']],
      ['2026-03-17', ['D:awaiting_payment']],
      ['2026-03-18', ['E:awaiting_payment']],
    ]);
  });

  // SQLite's query plans (INDEXED BY, EXPLAIN QUERY PLAN): shared books have their own planner.
  it.skipIf(TEST_ENGINE === 'postgres')(
    'the due-date views and duplicate checks use the intended indexes',
    async () => {
      const db = localSqlite(t.folio.ctx);
      const plan = (sql: string, ...params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ');
      // The due-date views name the partial index; SQLite refuses the query if its WHERE did not
      // imply the index's condition, and the plan must not sort (the index gives the order).
      const due = plan(
        "SELECT b.id FROM bills b INDEXED BY bills_open_by_due JOIN vendors v ON v.id = b.vendor_id WHERE status IN ('awaiting_payment', 'partially_paid') AND due_date < ? ORDER BY b.due_date, b.id LIMIT 100",
        '2026-03-10',
      );
      expect(due).toMatch(/bills_open_by_due/);
      expect(due).not.toMatch(/TEMP B-TREE/);
      expect(
        plan(
          "SELECT id FROM bills b WHERE b.vendor_id = ? AND b.invoice_key = ? AND invoice_key <> '' AND status <> 'void'",
          1,
          'X',
        ),
      ).toMatch(/bills_by_vendor_invoice/);
      expect(
        plan(
          "SELECT id FROM bills b WHERE b.vendor_id = ? AND b.total = ? AND b.bill_date BETWEEN ? AND ? AND status <> 'void'",
          1,
          1,
          'a',
          'b',
        ),
      ).toMatch(/bills_by_vendor_amount/);
      expect(
        plan(
          "SELECT l.id FROM bill_lines l WHERE l.vendor_id = ? AND l.item_key = ? AND item_key <> '' ORDER BY l.bill_date DESC",
          1,
          'x',
        ),
      ).toMatch(/bill_lines_last_price/);
    },
  );
});
