import { describe, expect, it } from 'vitest';
import { setLanguageSource, SOURCE_LANGUAGE } from '../../src/shared/i18n';
import {
  aboveTolerance,
  invoiceKey,
  verifyBill,
  type CheckFacts,
  type CheckedBill,
  type OtherBill,
} from '../../src/shared/domain/bill-checks';
import { matchPurchaseOrder } from '../../src/shared/domain/purchase-order-match';
import { detectAttachmentType } from '../../src/shared/domain/attachments';

const format = { money: (m: number) => `€${(m / 100).toFixed(2)}`, date: (d: string) => d };
const bill: CheckedBill = {
  billDate: '2026-03-10',
  currency: 'EUR',
  subtotal: 100_00,
  total: 123_00,
  lines: [{ description: 'Paper A4', quantityMilli: 1000, unitPrice: 100_00, poLineId: 7 }],
  attachments: [{ sha256: 'a'.repeat(64), fileName: 'scan.pdf' }],
};
const other: OtherBill = {
  id: 4,
  vendorName: 'Acme',
  vendorInvoiceNumber: 'INV-0042',
  billDate: '2026-03-08',
  total: 123_00,
  currency: 'EUR',
};
const none: CheckFacts = {
  sameNumber: [],
  sameAmount: [],
  sameAttachment: [],
  purchaseOrder: null,
  lastPrices: new Map(),
  bankChange: null,
};

describe('verification when a bill is entered', () => {
  it('compares invoice numbers as people read them', () => {
    expect(invoiceKey('INV-0042')).toBe(invoiceKey('inv 42'));
    expect(invoiceKey('INV/42')).toBe('INV42');
    expect(invoiceKey('2024-0042')).toBe(invoiceKey('2024-042'));
    expect(invoiceKey('100')).toBe('100');
    expect(invoiceKey('INV-0043')).not.toBe(invoiceKey('INV-0042'));
  });

  it('gives no warning when nothing matches', () => {
    expect(verifyBill(bill, none, format)).toEqual([]);
  });

  it('each warning says why it fired', () => {
    const warnings = verifyBill(
      bill,
      {
        sameNumber: [other],
        sameAmount: [other, { ...other, id: 5, vendorInvoiceNumber: '' }],
        sameAttachment: [{ ...other, id: 6, sha256: 'a'.repeat(64) }],
        purchaseOrder: {
          id: 1,
          number: 'PO-0001',
          total: 150_00,
          toleranceBp: 500,
          billedByOthers: 60_00,
          lines: new Map([[7, { description: 'Paper A4', unitPrice: 90_00 }]]),
        },
        lastPrices: new Map([['paper a4', { unitPrice: 75_00, bill: other }]]),
        bankChange: { previousBill: other, changedAt: '2026-03-09', currentDetails: 'IE99 NEW' },
      },
      format,
    );
    const byKind = Object.fromEntries(warnings.map((w) => [w.kind + (w.relatedBillId ?? ''), w.message]));
    expect(byKind.duplicate_number4).toMatch(
      /already billed invoice number “INV-0042”: bill #4 dated 2026-03-08/,
    );
    // The bill with the same number is not reported twice; the other same-amount bill is.
    expect(byKind.duplicate_amount4).toBeUndefined();
    expect(byKind.duplicate_amount5).toMatch(/same amount, €123.00, 2 days apart/);
    expect(byKind.duplicate_attachment6).toMatch(/“scan.pdf” is identical to a file on bill #6/);
    expect(byKind.po_total_over).toMatch(
      /PO-0001 come to €160.00 before tax, 6.67% above the order's €150.00 \(tolerance 5%\)/,
    );
    expect(byKind.po_price_over).toMatch(/unit price €100.00 is 11.11% above the €90.00 on PO-0001/);
    expect(byKind.price_above_last4).toMatch(/33.33% above the last price from Acme, €75.00/);
    expect(byKind.bank_details_changed4).toMatch(/bank details changed on 2026-03-09, since their last bill/);
    expect(new Set(warnings.map((w) => `${w.kind}|${w.fingerprint}`)).size).toBe(warnings.length);
  });

  it('tolerances are exact: at the limit is fine, one unit above is not', () => {
    expect(aboveTolerance(105_00, 100_00, 500)).toBe(false);
    expect(aboveTolerance(105_01, 100_00, 500)).toBe(true);
    const atPrice = verifyBill(
      bill,
      { ...none, lastPrices: new Map([['paper a4', { unitPrice: 80_00, bill: other }]]) },
      format,
    );
    expect(atPrice).toEqual([]); // exactly 25% above
  });
});

describe('purchase order match', () => {
  it('adds up billed quantities per order line and flags what is above the order beyond the tolerance', () => {
    const order = {
      total: 200_00,
      toleranceBp: 500,
      lines: [
        { id: 1, description: 'Widgets', quantityMilli: 10_000, unitPrice: 10_00, amount: 100_00 },
        { id: 2, description: 'Gadgets', quantityMilli: 5_000, unitPrice: 20_00, amount: 100_00 },
      ],
    };
    const m = matchPurchaseOrder(order, [
      {
        billId: 1,
        poLineId: 1,
        description: 'Widgets',
        quantityMilli: 6_000,
        unitPrice: 10_00,
        amount: 60_00,
      },
      {
        billId: 2,
        poLineId: 1,
        description: 'Widgets',
        quantityMilli: 6_000,
        unitPrice: 10_00,
        amount: 60_00,
      },
      {
        billId: 2,
        poLineId: 2,
        description: 'Gadgets',
        quantityMilli: 5_000,
        unitPrice: 21_00,
        amount: 105_00,
      },
      {
        billId: 2,
        poLineId: null,
        description: 'Delivery',
        quantityMilli: 1_000,
        unitPrice: 15_00,
        amount: 15_00,
      },
    ]);
    expect(m.rows[0]).toMatchObject({
      billedQuantityMilli: 12_000,
      quantityOver: true,
      quantityOverBp: 2000,
      priceOver: false,
    });
    expect(m.rows[1]).toMatchObject({ billedUnitPrice: 21_00, priceOver: false, priceOverBp: 500 });
    expect(m.notOnOrder.map((l) => l.description)).toEqual(['Delivery']);
    expect(m).toMatchObject({ billedTotal: 240_00, totalOver: true, totalOverBp: 2000 });
  });
});

describe('attachment types', () => {
  it('are recognised by their bytes, not their names', () => {
    expect(detectAttachmentType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(detectAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(detectAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectAttachmentType(Buffer.from('GIF89a'))).toBeNull();
    expect(detectAttachmentType(Buffer.from('PK\x03\x04 a zip or docx'))).toBeNull();
  });
});

describe('warnings in the language of the person entering the bill', () => {
  it('says “bank details changed” in German and French, with bill ids as plain numbers', () => {
    const facts: CheckFacts = {
      ...none,
      sameAmount: [{ ...other, id: 1234 }],
      bankChange: { previousBill: { ...other, id: 1234 }, changedAt: '2026-03-09', currentDetails: 'DE89…' },
    };
    try {
      setLanguageSource(() => 'de');
      const de = verifyBill(bill, facts, format);
      expect(de.find((w) => w.kind === 'bank_details_changed')!.message).toBe(
        'Die Bankverbindung von Acme hat sich am 2026-03-09 geändert, seit der letzten Rechnung (Eingangsrechnung #1234 vom 2026-03-08). Bestätigen Sie die neue Bankverbindung vor dem Bezahlen unter einer Telefonnummer, die Sie schon kennen.',
      );
      expect(de.find((w) => w.kind === 'duplicate_amount')!.message).toContain('2 Tage auseinander');
      setLanguageSource(() => 'fr');
      expect(verifyBill(bill, facts, format).find((w) => w.kind === 'bank_details_changed')!.message).toMatch(
        /^Les coordonnées bancaires de Acme ont changé le 2026-03-09/,
      );
    } finally {
      setLanguageSource(() => SOURCE_LANGUAGE);
    }
  });
});
