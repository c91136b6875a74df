import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { epcPayload } from '../../src/shared/domain/epc';
import { formatIban, isValidBic, isValidIban } from '../../src/shared/domain/iban';
import { fileNameFrom, safeFileName, unknownFileNameFields } from '../../src/shared/domain/file-names';
import {
  defaultTemplates,
  renderTemplate,
  unknownPlaceholders,
  TEMPLATE_KINDS,
} from '../../src/shared/domain/templates';
import {
  DEFAULT_REMINDER_LEVELS,
  promiseHolds,
  reminderLevelToPropose,
} from '../../src/shared/domain/reminders';
import {
  formatQuantity,
  statementClosing,
  buildStatementView,
  type ViewContext,
} from '../../src/shared/domain/document-view';

describe('IBAN and BIC', () => {
  it('accepts real IBANs with any spacing and refuses a wrong check digit', () => {
    expect(isValidIban('IE29 AIBK 9311 5212 3456 78')).toBe(true);
    expect(isValidIban('de89370400440532013000')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('IE29 AIBK 9311 5212 3456 79')).toBe(false);
    expect(isValidIban('IE29')).toBe(false);
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(isValidBic('AIBKIE2D')).toBe(true);
    expect(isValidBic('DEUTDEFF500')).toBe(true);
    expect(isValidBic('AIBK-IE')).toBe(false);
  });
});

describe('EPC payment QR payload', () => {
  const base = {
    name: 'Acme Studio Ltd',
    iban: 'IE29AIBK93115212345678',
    bic: 'AIBKIE2D',
    amount: 20910,
    currency: 'EUR',
    remittance: 'INV-2026-0001',
  };
  it('follows EPC069-12 version 002, line by line', () => {
    expect(epcPayload(base)!.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'AIBKIE2D',
      'Acme Studio Ltd',
      'IE29AIBK93115212345678',
      'EUR209.10',
      '',
      '',
      'INV-2026-0001',
    ]);
  });
  it('is only made for euro amounts from 0.01 to 999,999,999.99 and a valid IBAN', () => {
    expect(epcPayload({ ...base, currency: 'USD' })).toBeNull();
    expect(epcPayload({ ...base, amount: 0 })).toBeNull();
    expect(epcPayload({ ...base, amount: 100_000_000_000 })).toBeNull();
    expect(epcPayload({ ...base, amount: 99_999_999_999 })!).toContain('EUR999999999.99');
    expect(epcPayload({ ...base, iban: 'IE29AIBK93115212345679' })).toBeNull();
    expect(epcPayload({ ...base, bic: '' })!.split('\n')[4]).toBe('');
  });
  it('keeps the name within 70 characters and the remittance within 140, on one line each', () => {
    const p = epcPayload({
      ...base,
      name: 'N'.repeat(100),
      remittance: 'line\nbreak ' + 'r'.repeat(200),
    })!.split('\n');
    expect(p).toHaveLength(11);
    expect(p[5]).toHaveLength(70);
    expect(p[10]).toHaveLength(140);
    expect(p[10]!.startsWith('line break')).toBe(true);
  });
});

describe('file names', () => {
  const values = { number: 'INV-2026-0042', customer: 'Acme Ltd', type: 'Invoice', date: '2026-11-02' };
  it('fill the pattern', () => {
    expect(fileNameFrom('{number} {customer}', values)).toBe('INV-2026-0042 Acme Ltd.pdf');
    expect(fileNameFrom('{date} {type} {number}', values, 'eml')).toBe(
      '2026-11-02 Invoice INV-2026-0042.eml',
    );
  });
  it('are safe on every OS whatever the customer is called', () => {
    expect(fileNameFrom('{number} {customer}', { ...values, customer: 'A/B: "C" <D>|E?*' })).toBe(
      'INV-2026-0042 A B C D E.pdf',
    );
    expect(safeFileName('CON')).toBe('document CON');
    expect(safeFileName('name. . ')).toBe('name');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const name = fileNameFrom('{number} {customer}', { ...values, customer: s });
        // eslint-disable-next-line no-control-regex
        expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
        expect(name.endsWith('.pdf')).toBe(true);
        expect([...name].length).toBeLessThanOrEqual(154);
      }),
    );
  });
  it('name unknown fields', () => {
    expect(unknownFileNameFields('{number} {client}')).toEqual(['{client}']);
  });
});

describe('templates', () => {
  it('fill known placeholders and leave unknown ones visible', () => {
    expect(
      renderTemplate('Invoice {document_number} for {customer_name} {oops}', {
        document_number: 'INV-1',
        customer_name: 'Zoë',
      }),
    ).toBe('Invoice INV-1 for Zoë {oops}');
    expect(unknownPlaceholders('{amount_due} {amountdue} {oops} {oops}')).toEqual(['{amountdue}', '{oops}']);
  });
  it('the defaults use only known placeholders', () => {
    for (const kind of TEMPLATE_KINDS) {
      expect(unknownPlaceholders(defaultTemplates('en')[kind].subject), kind).toEqual([]);
      expect(unknownPlaceholders(defaultTemplates('en')[kind].body), kind).toEqual([]);
    }
  });
});

describe('reminder levels', () => {
  const L = DEFAULT_REMINDER_LEVELS;
  const today = '2026-11-20';
  const sent = (level: number, givenOn: string) => ({ level, status: 'sent' as const, givenOn });
  it('start at the first level, however late the invoice, and escalate from the last one given', () => {
    expect(reminderLevelToPropose(2, L, [], today)).toBeNull();
    expect(reminderLevelToPropose(3, L, [], today)).toBe(1);
    // Once "Second payment reminder" (and then two FINALs) for a first reminder.
    expect(reminderLevelToPropose(14, L, [], today)).toBe(1);
    expect(reminderLevelToPropose(40, L, [], today)).toBe(1);
    // A proposal nobody approved stays what it is; nothing more is proposed beside it.
    expect(
      reminderLevelToPropose(40, L, [{ level: 1, status: 'proposed', givenOn: null }], today),
    ).toBeNull();
    // After the friendly one was sent: the firm one once 14 days overdue and 11 days later.
    expect(reminderLevelToPropose(13, L, [sent(1, '2026-11-01')], today)).toBeNull();
    expect(reminderLevelToPropose(14, L, [sent(1, '2026-11-09')], today)).toBe(2);
    expect(reminderLevelToPropose(41, L, [sent(1, '2026-11-10')], today)).toBeNull();
    expect(reminderLevelToPropose(41, L, [sent(1, '2026-11-09')], today)).toBe(2);
    expect(reminderLevelToPropose(40, L, [sent(1, '2026-10-01'), sent(2, '2026-11-01')], today)).toBe(3);
    expect(reminderLevelToPropose(40, L, [sent(3, '2026-11-01')], today)).toBeNull();
    // Approved and queued counts as given; a failed or dismissed level is not proposed again.
    expect(
      reminderLevelToPropose(40, L, [{ level: 1, status: 'queued', givenOn: '2026-11-01' }], today),
    ).toBe(2);
    expect(reminderLevelToPropose(40, L, [{ level: 1, status: 'dismissed', givenOn: null }], today)).toBe(2);
    expect(
      reminderLevelToPropose(
        20,
        L.map((l) => (l.level === 2 ? { ...l, enabled: false } : l)),
        [sent(1, '2026-11-01')],
        today,
      ),
    ).toBeNull();
    expect(
      reminderLevelToPropose(
        30,
        L.map((l) => (l.level === 2 ? { ...l, enabled: false } : l)),
        [sent(1, '2026-10-01')],
        today,
      ),
    ).toBe(3);
  });

  it('a promise to pay holds reminders through its date, not the day after', () => {
    expect(promiseHolds('2026-11-25', '2026-11-20')).toBe(true);
    expect(promiseHolds('2026-11-25', '2026-11-25')).toBe(true);
    expect(promiseHolds('2026-11-25', '2026-11-26')).toBe(false);
    expect(promiseHolds(null, '2026-11-26')).toBe(false);
  });
});

describe('statement', () => {
  const ctx: ViewContext = {
    business: {
      name: 'Acme',
      address: { line1: '', line2: '', city: 'Dublin', region: '', postalCode: '', country: '' },
      email: '',
      phone: '',
      website: '',
      taxNumber: '',
      hasLogo: false,
    },
    locale: 'en-IE',
    today: '2026-11-30',
    settings: {
      paperSize: 'A4',
      accentColor: '#3B5BDB',
      addressPosition: 'din5008',
      fileNamePattern: '{number} {customer}',
      showLogo: true,
      paymentInstructions: '',
      bankName: '',
      accountHolder: '',
      iban: '',
      bic: '',
      epcQr: false,
      defaultFooter: '',
    },
  };
  it('runs the balance from the opening balance through each entry in date order', () => {
    const data = {
      customer: { name: 'C', contactPerson: '', addressLines: [], taxNumber: '' },
      currency: 'EUR',
      from: '2026-11-01',
      to: '2026-11-30',
      opening: 5000,
      entries: [
        { date: '2026-11-20', kind: 'payment' as const, label: 'Payment', dueDate: null, amount: 3000 },
        {
          date: '2026-11-02',
          kind: 'invoice' as const,
          label: 'Invoice INV-1',
          dueDate: '2026-11-16',
          amount: 10000,
        },
        {
          date: '2026-11-20',
          kind: 'credit_note' as const,
          label: 'Credit note CN-1',
          dueDate: null,
          amount: 1000,
        },
      ],
    };
    const view = buildStatementView(data, ctx);
    expect(view.table.rows.map((r) => r.cells.balance)).toEqual(['€50.00', '€150.00', '€140.00', '€110.00']);
    expect(view.table.rows.map((r) => r.cells.description)).toEqual([
      'Opening balance',
      'Invoice INV-1 · due 16 Nov 2026',
      'Credit note CN-1',
      'Payment',
    ]);
    expect(statementClosing(data)).toBe(11000);
    expect(view.totals.at(-1)).toEqual({ label: 'Balance due', value: '€110.00', emphasis: 'due' });
  });
});

describe('quantities', () => {
  it('are formatted exactly in the locale', () => {
    expect(formatQuantity('6.5', 'en-IE')).toBe('6.5');
    expect(formatQuantity('1234.0001', 'de-DE')).toBe('1.234,0001');
  });
});
