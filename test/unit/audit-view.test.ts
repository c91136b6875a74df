import { describe, expect, it } from 'vitest';
import { auditChanges, auditFieldLabel, isMoneyField } from '../../src/shared/domain/audit-view';
import { formatMoney } from '../../src/shared/domain/money';

const de = {
  locale: 'de-DE',
  baseCurrency: 'EUR',
  money: (m: number, c: string) => formatMoney(m, c, 'de-DE'),
};

describe('audit entries in words', () => {
  it('formats money in its currency and dates in the locale, not cents and ISO', () => {
    expect(
      auditChanges(
        {
          currency: { from: 'USD', to: 'USD' },
          total: { from: 123450, to: 99 },
          issueDate: { from: '2026-02-10', to: '2026-02-12' },
        },
        de,
      ),
    ).toEqual([
      { field: 'Total', from: '1.234,50\u00a0$', to: '0,99\u00a0$' },
      { field: 'Issue date', from: '10.02.2026', to: '12.02.2026' },
    ]);
  });

  it('names records behind ids, reads JSON fields and leaves out empty-to-empty', () => {
    const changes = auditChanges(
      {
        customerId: { from: null, to: 7 },
        billingAddress: { from: null, to: '{"line1":"Hauptstraße 5","line2":"","city":"Köln"}' },
        notes: { from: null, to: '' },
        _details: { reason: 'Duplicate' },
      },
      { ...de, refs: { 'customerId:7': 'Bäckerei Sonnenschein GmbH' } },
    );
    expect(changes).toEqual([
      { field: 'Customer', from: '—', to: 'Bäckerei Sonnenschein GmbH' },
      { field: 'Billing address', from: '—', to: 'Line1: Hauptstraße 5; City: Köln' },
      { field: 'Reason', from: '', to: 'Duplicate' },
    ]);
  });

  it('knows money fields by name', () => {
    expect(['total', 'unitPrice', 'balance', 'discountAmount', 'amount'].every(isMoneyField)).toBe(true);
    expect(['lines', 'quantity', 'customerId', 'percent'].some(isMoneyField)).toBe(false);
    expect(auditFieldLabel('payment_terms')).toBe('Payment terms');
  });
});
