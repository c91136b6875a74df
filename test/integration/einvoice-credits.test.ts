import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScaled } from '../../src/shared/domain/decimal';
import { examplePath, readBT } from '../helpers/einvoice';
import { CallError, fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { auditOf, billInput, setupBusiness } from '../helpers/payables';

/**
 * Issue 12, the rest: XRechnung (KoSIT) rules on files that claim XRechnung, the prepaid
 * amount (BT-113) deducted from a bill's balance, and vendor credits applied to bills. Real
 * official example files, a real data folder, the real dispatcher.
 */
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const XRECHNUNG_ID = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
const RATES = { DKK: '0.134', NOK: '0.085' };

async function importFile(t: TestFolio, fileName: string, xml: string | Buffer) {
  const out = await t.call('einvoiceImport.commit', {
    files: [{ fileName, dataBase64: b64(xml) }],
    createVendors: true,
    exchangeRates: RATES,
  });
  const r = out.files[0]!;
  expect(r.status, r.message).not.toBe('refused');
  return r;
}

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CallError);
  return (e as CallError).error;
}

let t: TestFolio;
beforeEach(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-06-15T10:00:00Z') });
  await setupBusiness(t);
});
afterEach(() => t.close());

describe('XRechnung rules on import', () => {
  // An official EN 16931 example that claims XRechnung 3.0. It has a buyer reference (BT-10).
  const xrechnung = () =>
    fs
      .readFileSync(examplePath('ubl', 'ubl-tc434-example5.xml'), 'utf8')
      .replace(/<cbc:CustomizationID>[^<]*</, `<cbc:CustomizationID>${XRECHNUNG_ID}<`);

  it('a file that claims XRechnung and lacks the buyer reference (BT-10) shows BR-DE-15 as a warning, in words with the id', async () => {
    const withRef = await importFile(t, 'with-ref.xml', xrechnung());
    expect(withRef.findings.filter((f) => f.ruleSet === 'XRechnung').map((f) => f.id)).not.toContain(
      'BR-DE-15',
    );

    const noRef = xrechnung()
      .replace(/<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, '')
      .replace('<cbc:ID>TOSL110</cbc:ID>', '<cbc:ID>TOSL110-B</cbc:ID>');
    const r = await importFile(t, 'no-ref.xml', noRef);
    expect(r.status).toBe('imported_with_warnings');
    const f = r.findings.find((x) => x.id === 'BR-DE-15')!;
    expect(f).toMatchObject({ severity: 'fatal', ruleSet: 'XRechnung' });
    expect(f.message).toBe('The buyer reference (Leitweg-ID, BT-10) is missing — BR-DE-15');
    expect(f.rule).toContain('[BR-DE-15]');
    // Kept with the bill, where its readable view shows it.
    const view = await t.call('einvoices.forBill', { billId: r.billId! });
    expect(view.einvoice!.findings.map((x) => x.id)).toContain('BR-DE-15');
    // The bill is the vendor's, as sent: the rule is a warning, not a refusal.
    const bill = await t.call('bills.get', { id: r.billId! });
    expect(bill.vendorInvoiceNumber).toBe('TOSL110-B');
  });

  it('a file that does not claim XRechnung is not checked against the XRechnung rules', async () => {
    const plain = fs
      .readFileSync(examplePath('ubl', 'ubl-tc434-example5.xml'), 'utf8')
      .replace(/<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, '');
    const r = await importFile(t, 'plain.xml', plain);
    expect(r.findings.filter((f) => f.ruleSet === 'XRechnung')).toEqual([]);
    expect(r.findings.map((f) => f.id)).not.toContain('BR-DE-15');
  });

  it('a real XRechnung CII file (the official XRechnung-O example, claimed as XRechnung) gets the KoSIT rules too', async () => {
    const xml = fs
      .readFileSync(examplePath('cii', 'XRechnung-O.xml'), 'utf8')
      .replace(/(<ram:GuidelineSpecifiedDocumentContextParameter>\s*<ram:ID>)[^<]*</, `$1${XRECHNUNG_ID}<`);
    const r = await importFile(t, 'XRechnung-O.xml', xml);
    // It passes BR-DE-15 (it has a buyer reference) and every fatal XRechnung rule.
    expect(r.findings.filter((f) => f.ruleSet === 'XRechnung' && f.severity === 'fatal')).toEqual([]);
  });
});

describe('prepaid amount (BT-113)', () => {
  for (const [syntax, name] of [
    ['ubl', 'ubl-tc434-example5.xml'],
    ['cii', 'CII_example5.xml'],
  ] as const) {
    it(`${name}: the bill's balance is the amount due (BT-115), and payments use it`, async () => {
      const xml = fs.readFileSync(examplePath(syntax, name), 'utf8');
      const bt = readBT(xml);
      const r = await importFile(t, name, xml);
      const minor = (v: string) => Number(parseScaled(v, 2));
      const bill = await t.call('bills.get', { id: r.billId! });
      expect(bill.total).toBe(bill.subtotal + bill.tax);
      expect(bill.balance).toBe(minor(bt.bt115));
      expect(bill.balance).toBeLessThan(bill.total);
      expect(bill.status).toBe('partially_paid');
      const credits = await t.call('vendorCredits.forBill', { billId: bill.id });
      expect(credits.prepaid).toBe(bill.total - minor(bt.bt115));

      // The payment run offers the balance; paying more than it is refused; paying it settles the bill.
      const run = await t.call('billPayments.runPreview', { paymentDate: '2026-06-15', billIds: [bill.id] });
      expect(run.rows[0]!.pay).toBe(minor(bt.bt115));
      const pay = (amount: number) =>
        t.call('billPayments.create', {
          paymentDate: '2026-06-15',
          method: 'bank_transfer',
          exchangeRate: '0.134',
          allocations: [{ billId: bill.id, amount }],
        });
      await failure(pay(bill.balance + 1));
      await pay(bill.balance);
      const paid = await t.call('bills.get', { id: bill.id });
      expect(paid).toMatchObject({ status: 'paid', balance: 0, paid: minor(bt.bt115) });
    });
  }
});

describe('vendor credits applied to bills', () => {
  async function setup() {
    // The official credit note: 100.11 EUR (BT-115) from My Supplier Company N.V.
    const xml = fs.readFileSync(examplePath('ubl', 'ubl-tc434-creditnote1.xml'), 'utf8');
    const r = await importFile(t, 'creditnote1.xml', xml);
    expect(r.kind).toBe('vendor_credit');
    const creditId = r.vendorCreditId!;
    const { vendorId, total } = (await t.call('vendorCredits.list', { vendorId: r.vendor?.id ?? 1 })).find(
      (c) => c.id === creditId,
    )!;
    const bill = async (number: string, unitPrice: number) =>
      (
        await t.call(
          'bills.create',
          billInput(vendorId, {
            vendorInvoiceNumber: number,
            billDate: '2026-06-01',
            lines: [{ description: 'Goods', quantity: 1, unitPrice, tax: 0 }],
          }),
        )
      ).bill;
    const a = await bill('A-1', 60_00);
    const b = await bill('B-2', 80_00);
    return { creditId, vendorId, total, a, b };
  }

  it('one credit applied to two bills: each balance and the credit go down, never below zero; reversing restores; audited', async () => {
    const { creditId, vendorId, total, a, b } = await setup();
    expect(total).toBe(100_11);
    const out = await t.call('vendorCredits.apply', {
      vendorCreditId: creditId,
      allocations: [
        { billId: a.id, amount: 60_00 },
        { billId: b.id, amount: 30_00 },
      ],
    });
    expect(out.applications.map((x) => [x.billId, x.amount, x.appliedOn])).toEqual([
      [a.id, 60_00, '2026-06-15'],
      [b.id, 30_00, '2026-06-15'],
    ]);
    expect(await t.call('bills.get', { id: a.id })).toMatchObject({ balance: 0, status: 'paid', paid: 0 });
    expect(await t.call('bills.get', { id: b.id })).toMatchObject({
      balance: 50_00,
      status: 'partially_paid',
    });
    // Editing a bill with a credit applied keeps the credit deducted.
    await t.call('bills.update', {
      ...billInput(vendorId, {
        vendorInvoiceNumber: 'B-2',
        billDate: '2026-06-01',
        lines: [{ description: 'Goods', quantity: 1, unitPrice: 80_00, tax: 0 }],
      }),
      id: b.id,
      notes: 'Checked',
    });
    expect(await t.call('bills.get', { id: b.id })).toMatchObject({ balance: 50_00, notes: 'Checked' });
    const listed = (await t.call('vendorCredits.list', { vendorId })).find((c) => c.id === creditId)!;
    expect(listed.remaining).toBe(10_11);

    // More than the credit has left, more than the bill owes, a settled bill: refused, nothing changes.
    expect(
      (
        await failure(
          t.call('vendorCredits.apply', {
            vendorCreditId: creditId,
            allocations: [{ billId: b.id, amount: 10_12 }],
          }),
        )
      ).message,
    ).toBe('That is more than the €10.11 left on the credit.');
    const other = (
      await t.call(
        'bills.create',
        billInput(vendorId, {
          vendorInvoiceNumber: 'C-3',
          lines: [{ description: 'x', quantity: 1, unitPrice: 5_00, tax: 0 }],
        }),
      )
    ).bill;
    expect(
      (
        await failure(
          t.call('vendorCredits.apply', {
            vendorCreditId: creditId,
            allocations: [{ billId: other.id, amount: 6_00 }],
          }),
        )
      ).message,
    ).toBe('That is more than the €5.00 still owed on bill C-3.');
    expect(
      (
        await failure(
          t.call('vendorCredits.apply', {
            vendorCreditId: creditId,
            allocations: [{ billId: a.id, amount: 1 }],
          }),
        )
      ).message,
    ).toBe('Bill A-1 is not open: only a bill awaiting payment can take a credit.');
    expect((await t.call('bills.get', { id: b.id })).balance).toBe(50_00);

    // The payment run and the aging see the reduced balance.
    const run = await t.call('billPayments.runPreview', { paymentDate: '2026-06-15', billIds: [b.id] });
    expect(run.rows[0]!.pay).toBe(50_00);
    const aging = await t.call('reports.payablesAging', { asOf: '2026-06-15' });
    expect(aging.rows.find((r) => r.id === vendorId)!.total).toBe(50_00 + 5_00);
    // A past date before the credit was applied still owes the whole bill.
    const before = await t.call('reports.payablesAging', { asOf: '2026-06-10' });
    expect(before.rows.find((r) => r.id === vendorId)!.total).toBe(60_00 + 80_00 + 5_00);

    // On the bill: the credit applied, reversible.
    const onBill = await t.call('vendorCredits.forBill', { billId: b.id });
    expect(onBill.credited).toBe(30_00);
    expect(onBill.available.map((c) => [c.id, c.remaining])).toEqual([[creditId, 10_11]]);
    await t.call('vendorCredits.unapply', { applicationId: onBill.applications[0]!.id });
    expect(await t.call('bills.get', { id: b.id })).toMatchObject({
      balance: 80_00,
      status: 'awaiting_payment',
    });
    expect((await t.call('vendorCredits.list', { vendorId })).find((c) => c.id === creditId)!.remaining).toBe(
      40_11,
    );

    // A bill with a credit applied cannot be voided until the credit is removed.
    const again = await t.call('vendorCredits.apply', {
      vendorCreditId: creditId,
      allocations: [{ billId: other.id, amount: 1_00 }],
    });
    expect((await failure(t.call('bills.void', { id: other.id, reason: 'Sent twice' }))).message).toBe(
      'Credits are applied to this bill. Remove them first, then void the bill.',
    );
    await t.call('vendorCredits.unapply', { applicationId: again.applications[0]!.id });
    await t.call('bills.void', { id: other.id, reason: 'Sent twice' });

    const billAudit = (await auditOf(t, 'bill', b.id)).map((e) => e.action);
    expect(billAudit).toEqual(expect.arrayContaining(['apply_vendor_credit', 'unapply_vendor_credit']));
    const creditAudit = (await auditOf(t, 'vendor_credit', creditId)).map((e) => e.action);
    expect(creditAudit.filter((x) => x === 'apply')).toHaveLength(3);
    expect(creditAudit).toContain('unapply');
  });

  it('a credit cannot go to another vendor’s bill or one in another currency', async () => {
    const { creditId, vendorId } = await setup();
    const otherVendor = await t.call('vendors.create', {
      name: 'Other Ltd',
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
    });
    const theirs = (await t.call('bills.create', billInput(otherVendor.id, { vendorInvoiceNumber: 'O-1' })))
      .bill;
    expect(
      (
        await failure(
          t.call('vendorCredits.apply', {
            vendorCreditId: creditId,
            allocations: [{ billId: theirs.id, amount: 1_00 }],
          }),
        )
      ).message,
    ).toBe(
      'Bill O-1 is not from My Supplier Company: a credit can only be applied to bills of the vendor who gave it.',
    );
    const usd = (
      await t.call(
        'bills.create',
        billInput(vendorId, { vendorInvoiceNumber: 'U-1', currency: 'USD', exchangeRate: '0.9' }),
      )
    ).bill;
    expect(
      (
        await failure(
          t.call('vendorCredits.apply', {
            vendorCreditId: creditId,
            allocations: [{ billId: usd.id, amount: 1_00 }],
          }),
        )
      ).message,
    ).toBe('Bill U-1 is not in EUR, the currency of the credit.');
    expect(await t.call('vendorCredits.forBill', { billId: usd.id })).toMatchObject({
      available: [],
      credited: 0,
    });
  });
});
