import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, CallError, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { billInput, vendorInput } from '../helpers/payables';
import { b64, camt053 } from '../helpers/bank';
import { creditorReference } from '../../src/shared/domain/bank/references';

let t: TestFolio;
let seed: Seed;
const ACCOUNT_IBAN = 'DE89370400440532013000';

beforeEach(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
  seed = await seedBusiness(t);
});
afterEach(() => t.close());

async function issued(overrides = {}) {
  const draft = await t.call('documents.create', invoiceInput(seed, overrides));
  return t.call('documents.issue', { id: draft.id });
}

async function customerInput() {
  const c = (await t.call('customers.get', { id: seed.customer.id })).customer;
  return {
    id: c.id,
    name: c.name,
    contactPerson: c.contactPerson,
    emails: c.emails,
    phone: c.phone,
    billingAddress: c.billingAddress,
    shippingAddress: c.shippingAddress,
    taxNumber: c.taxNumber,
    currency: c.currency,
    paymentTerms: c.paymentTerms,
    defaultTaxId: c.defaultTaxId,
    notes: c.notes,
  };
}

async function account() {
  return t.call('bank.accounts.create', {
    name: 'Business current account',
    iban: 'DE89 3704 0044 0532 0130 00',
    currency: 'EUR',
    openingBalance: 1_000_00,
    openingDate: '2026-11-01',
  });
}

describe('bank accounts', () => {
  it('checks the IBAN by its country length and check digits, and needs one identity', async () => {
    const short = await t.raw('bank.accounts.create', {
      name: 'X',
      iban: 'DE8937040044053201300', // one character short
      currency: 'EUR',
      openingBalance: 0,
      openingDate: '2026-11-01',
    });
    expect(short).toMatchObject({
      ok: false,
      error: { fields: { iban: expect.stringMatching(/not valid/) } },
    });
    const a = await account();
    expect(a).toMatchObject({ iban: ACCOUNT_IBAN, balance: 1_000_00, openLines: 0 });
    const dup = await t.raw('bank.accounts.create', {
      name: 'Again',
      iban: ACCOUNT_IBAN,
      currency: 'EUR',
      openingBalance: 0,
      openingDate: '2026-11-01',
    });
    expect(dup).toMatchObject({ ok: false, error: { field: 'iban' } });
  });
});

describe('import', () => {
  it('imports a CAMT.053 file all-or-nothing, and importing it again adds nothing', async () => {
    const a = await account();
    const xml = camt053({
      iban: ACCOUNT_IBAN,
      opening: 1_000_00,
      openingDate: '2026-11-01',
      lines: [
        { date: '2026-11-03', amount: 209_10, name: 'Brightside Cafés Ltd', reference: 'INV-2026-0001' },
        { date: '2026-11-04', amount: -12_50, name: 'Bank', reference: 'Account fee' },
      ],
    });
    const preview = await t.call('bank.import.preview', {
      accountId: a.id,
      fileName: 'nov.xml',
      dataBase64: b64(xml),
    });
    expect(preview).toMatchObject({
      kind: 'statement',
      lines: 2,
      newLines: 2,
      duplicates: 0,
      moneyIn: 209_10,
      moneyOut: 12_50,
    });
    const first = await t.call('bank.import.commit', {
      accountId: a.id,
      fileName: 'nov.xml',
      dataBase64: b64(xml),
    });
    expect(first).toMatchObject({ added: 2, skipped: 0, closing: { amount: 1_196_60, date: '2026-11-04' } });
    const again = await t.call('bank.import.commit', {
      accountId: a.id,
      fileName: 'nov.xml',
      dataBase64: b64(xml),
    });
    expect(again).toMatchObject({ added: 0, skipped: 2 });
    const acc = await t.call('bank.accounts.get', { id: a.id });
    expect(acc).toMatchObject({ balance: 1_196_60, openLines: 2 });
    // The cash-flow forecast now starts from the real bank balance.
    const forecast = await t.call('reports.cashflow', {});
    expect(forecast).toMatchObject({
      openingSource: 'bank',
      openingBalance: 1_196_60,
      openingDate: '2026-11-04',
    });
  });

  it('refuses a statement of another account, another currency, or a broken file, saving nothing', async () => {
    const a = await account();
    const other = camt053({
      iban: 'GB29NWBK60161331926819',
      opening: 0,
      openingDate: '2026-11-01',
      lines: [{ date: '2026-11-02', amount: 1_00 }],
    });
    const wrong = await t.raw('bank.import.commit', { accountId: a.id, dataBase64: b64(other) });
    expect(wrong).toMatchObject({
      ok: false,
      error: { field: 'dataBase64', message: expect.stringMatching(/GB29NWBK60161331926819/) },
    });
    const usd = camt053({
      iban: ACCOUNT_IBAN,
      currency: 'USD',
      opening: 0,
      openingDate: '2026-11-01',
      lines: [{ date: '2026-11-02', amount: 1_00 }],
    });
    const currency = await t.raw('bank.import.commit', { accountId: a.id, dataBase64: b64(usd) });
    expect(currency).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/in USD; the account .* is in EUR/) },
    });
    const broken = camt053({
      iban: ACCOUNT_IBAN,
      opening: 0,
      openingDate: '2026-11-01',
      lines: [{ date: '2026-11-02', amount: 1_00 }],
    }).replace('<BookgDt><Dt>2026-11-02</Dt>', '<BookgDt><Dt>2026-11-31</Dt>');
    const bad = await t.raw('bank.import.commit', { accountId: a.id, dataBase64: b64(broken) });
    expect(bad).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Ntry\[1\]\/BookgDt: “2026-11-31” is not a date/) },
    });
    const unknown = await t.raw('bank.import.commit', {
      accountId: a.id,
      dataBase64: b64('just some words'),
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Supported: ISO 20022 CAMT/) },
    });
    const lines = await t.call('bank.lines.list', { accountId: a.id, status: 'all' });
    expect(lines.total).toBe(0);
  });
});

describe('matching', () => {
  it('suggests the invoice a transfer names, records the payment in one click, and undo reopens both', async () => {
    const a = await account();
    const inv1 = await issued();
    const inv2 = await issued();
    expect(inv1.number).toBe('INV-2026-0001');
    await t.call('bank.import.commit', {
      accountId: a.id,
      dataBase64: b64(
        camt053({
          iban: ACCOUNT_IBAN,
          opening: 1_000_00,
          openingDate: '2026-11-01',
          lines: [
            {
              date: '2026-11-10',
              amount: inv2.total,
              name: 'BRIGHTSIDE CAFES',
              iban: 'IE64IRCE92050112345678',
              reference: 'Zahlung inv 2026 0002 danke',
            },
            {
              date: '2026-11-11',
              amount: inv1.total,
              name: 'Someone else',
              reference: creditorReference(inv1.number!)!,
            },
          ],
        }),
      ),
    });
    const { rows } = await t.call('bank.lines.list', { accountId: a.id });
    const [l1, l2] = rows;
    const s1 = await t.call('bank.lines.suggest', { lineId: l1!.id });
    expect(s1[0]).toMatchObject({
      kind: 'invoices',
      partyId: seed.customer.id,
      allocations: [{ documentId: inv2.id, amount: inv2.total }],
      unapplied: 0,
    });
    expect(s1[0]!.reasons).toEqual(
      expect.arrayContaining(['The reference names INV-2026-0002', 'The amount equals the open balance']),
    );
    // The same suggestion, asked in German, gives its reasons in German.
    const de = await t.raw('bank.lines.suggest', { lineId: l1!.id }, 'de');
    expect(de.ok && (de.value as typeof s1)[0]!.reasons).toEqual(
      expect.arrayContaining([
        'Der Verwendungszweck nennt INV-2026-0002',
        'Der Betrag entspricht dem offenen Betrag',
      ]),
    );
    const s2 = await t.call('bank.lines.suggest', { lineId: l2!.id });
    expect(s2[0]).toMatchObject({ allocations: [{ documentId: inv1.id }] });
    expect(s2[0]!.reasons[0]).toMatch(/RF creditor reference is INV-2026-0001's/);

    const matched = await t.call('bank.lines.confirm', {
      lineId: l1!.id,
      kind: 'invoices',
      partyId: s1[0]!.partyId,
      allocations: s1[0]!.allocations.map((x) => ({ documentId: x.documentId, amount: x.amount })),
    });
    expect(matched).toMatchObject({
      status: 'matched',
      match: { kind: 'payment', documents: [{ number: 'INV-2026-0002' }] },
    });
    expect((await t.call('documents.get', { id: inv2.id })).status).toBe('paid');
    // The payment is an ordinary payment, in the payments list and the audit log.
    const payments = await t.call('payments.list', { customerId: seed.customer.id });
    expect(payments.rows[0]).toMatchObject({
      amount: inv2.total,
      method: 'bank_transfer',
      date: '2026-11-10',
    });
    const audit = await t.call('audit.list', { entity: 'bank_line', entityId: String(l1!.id) });
    expect(audit.entries.map((e) => e.action)).toContain('match');
    // A rule was learnt: this IBAN is the customer.
    const rules = await t.call('bank.rules.list', {});
    expect(rules).toEqual([
      expect.objectContaining({
        kind: 'iban',
        pattern: 'IE64IRCE92050112345678',
        partyName: 'Brightside Cafés Ltd',
      }),
    ]);

    const undone = await t.call('bank.lines.undo', { lineId: l1!.id });
    expect(undone).toMatchObject({ status: 'open', match: null });
    expect((await t.call('documents.get', { id: inv2.id })).status).toBe('issued');
    // Undoing the payment on the payments screen opens the line too.
    const again = await t.call('bank.lines.confirm', {
      lineId: l1!.id,
      kind: 'invoices',
      partyId: seed.customer.id,
      allocations: [{ documentId: inv2.id, amount: inv2.total }],
    });
    await t.call('payments.undo', { id: again.match!.id, reason: 'wrong' });
    expect((await t.call('bank.lines.list', { accountId: a.id })).rows.map((r) => r.id)).toContain(l1!.id);
  });

  it('uses a learnt IBAN rule for the next transfer without a reference, and pays two invoices with one line', async () => {
    const a = await account();
    const inv1 = await issued();
    const inv2 = await issued({
      lines: [{ description: 'Menus', quantity: '10', unitPrice: 250, taxIds: [seed.vat9.id] }],
    });
    const iban = 'IE64IRCE92050112345678';
    await t.call('bank.import.commit', {
      accountId: a.id,
      dataBase64: b64(
        camt053({
          iban: ACCOUNT_IBAN,
          opening: 0,
          openingDate: '2026-11-01',
          lines: [
            { date: '2026-11-10', amount: 5_00, name: 'N KELLY', iban, reference: 'INV-2026-0001 part' },
            {
              date: '2026-11-12',
              amount: inv1.total - 5_00 + inv2.total,
              name: 'N KELLY',
              iban,
              reference: 'thanks',
            },
          ],
        }),
      ),
    });
    const { rows } = await t.call('bank.lines.list', { accountId: a.id });
    const partial = (await t.call('bank.lines.suggest', { lineId: rows[0]!.id }))[0]!;
    expect(partial.reasons).toContain(`A partial payment: €5.00 of €${(inv1.total / 100).toFixed(2)}`);
    await t.call('bank.lines.confirm', {
      lineId: rows[0]!.id,
      kind: 'invoices',
      partyId: partial.partyId,
      allocations: [{ documentId: inv1.id, amount: 5_00 }],
    });
    // The second line has no number, but the IBAN is now known and the amount is both balances.
    const s = await t.call('bank.lines.suggest', { lineId: rows[1]!.id });
    expect(s[0]).toMatchObject({ partyId: seed.customer.id, unapplied: 0 });
    expect(s[0]!.allocations.map((x) => x.documentId).sort()).toEqual([inv1.id, inv2.id].sort());
    expect(s[0]!.reasons).toContain('The amount is the sum of 2 open invoices');
    await t.call('bank.lines.confirm', {
      lineId: rows[1]!.id,
      kind: 'invoices',
      partyId: s[0]!.partyId,
      allocations: s[0]!.allocations.map(({ documentId, amount }) => ({ documentId, amount })),
    });
    expect((await t.call('documents.get', { id: inv1.id })).status).toBe('paid');
    expect((await t.call('documents.get', { id: inv2.id })).status).toBe('paid');
  });

  it('matches a debit to a bill by the vendor IBAN and the amount, with the early-payment discount', async () => {
    const a = await account();
    const v = await t.call(
      'vendors.create',
      vendorInput({
        name: 'Stadtwerke Musterstadt GmbH',
        bankDetails: 'IBAN DE75 5121 0800 1245 1261 99',
        earlyPayment: { discountPercent: 2, days: 10 },
      }),
    );
    const { bill } = await t.call(
      'bills.create',
      billInput(v.id, { billDate: '2026-11-12', vendorInvoiceNumber: 'SW-77/2026' }),
    );
    await t.call('bank.import.commit', {
      accountId: a.id,
      dataBase64: b64(
        camt053({
          iban: ACCOUNT_IBAN,
          opening: 500_00,
          openingDate: '2026-11-01',
          lines: [
            {
              date: '2026-11-14',
              amount: -(bill.total - bill.offer!.save),
              name: 'STADTWERKE MUSTERSTADT',
              iban: 'DE75512108001245126199',
              reference: 'Abschlag',
            },
          ],
        }),
      ),
    });
    const { rows } = await t.call('bank.lines.list', { accountId: a.id });
    const s = await t.call('bank.lines.suggest', { lineId: rows[0]!.id });
    expect(s[0]).toMatchObject({
      kind: 'bills',
      partyId: v.id,
      allocations: [
        { documentId: bill.id, amount: bill.total - bill.offer!.save, discount: bill.offer!.save },
      ],
    });
    expect(s[0]!.reasons.join(' | ')).toMatch(/IBAN is on file for Stadtwerke .*early-payment discount/);
    await t.call('bank.lines.confirm', {
      lineId: rows[0]!.id,
      kind: 'bills',
      partyId: v.id,
      allocations: s[0]!.allocations.map(({ documentId, amount, discount }) => ({
        documentId,
        amount,
        discount,
      })),
    });
    expect((await t.call('bills.get', { id: bill.id })).status).toBe('paid');
    // Undo removes the bill payment: the bill is owed again.
    await t.call('bank.lines.undo', { lineId: rows[0]!.id });
    expect((await t.call('bills.get', { id: bill.id })).status).toBe('awaiting_payment');
  });

  it('recognises a customer by the IBAN on file, and refuses an IBAN that does not check', async () => {
    const a = await account();
    const inv = await issued();
    const bad = await t.raw('customers.update', {
      ...(await customerInput()),
      iban: 'DE89 3704 0044 0532 0130 01',
    });
    expect(bad).toMatchObject({ ok: false, error: { fields: { iban: expect.stringMatching(/not valid/) } } });
    await t.call('customers.update', { ...(await customerInput()), iban: 'IE64 IRCE 9205 0112 3456 78' });
    await t.call('bank.import.commit', {
      accountId: a.id,
      dataBase64: b64(
        camt053({
          iban: ACCOUNT_IBAN,
          opening: 0,
          openingDate: '2026-11-01',
          lines: [
            {
              date: '2026-11-10',
              amount: 50_00,
              name: 'NK',
              iban: 'IE64IRCE92050112345678',
              reference: 'on account',
            },
          ],
        }),
      ),
    });
    const { rows } = await t.call('bank.lines.list', { accountId: a.id });
    const s = await t.call('bank.lines.suggest', { lineId: rows[0]!.id });
    expect(s[0]).toMatchObject({
      partyId: seed.customer.id,
      allocations: [{ documentId: inv.id, amount: 50_00 }],
    });
    expect(s[0]!.reasons).toContain("The payer's IBAN is on file for Brightside Cafés Ltd");
  });

  it('categorises fees, then reconciles to the statement once nothing is open', async () => {
    const a = await account();
    await t.call('bank.import.commit', {
      accountId: a.id,
      dataBase64: b64(
        camt053({
          iban: ACCOUNT_IBAN,
          opening: 1_000_00,
          openingDate: '2026-11-01',
          lines: [{ date: '2026-11-30', amount: -9_90, name: 'Bank', reference: 'Fees November' }],
        }),
      ),
    });
    const status = await t.call('bank.reconcile.status', { accountId: a.id });
    expect(status).toMatchObject({
      statementClosing: { amount: 990_10, date: '2026-11-30' },
      folioBalance: 990_10,
      difference: 0,
      openLines: 1,
    });
    const early = await t.raw('bank.reconcile.mark', { accountId: a.id, date: '2026-11-30' });
    expect(early).toMatchObject({
      ok: false,
      error: { field: 'date', message: expect.stringMatching(/1 line is still open/) },
    });
    const { rows } = await t.call('bank.lines.list', { accountId: a.id });
    await t.call('bank.lines.categorize', { lineId: rows[0]!.id, category: 'bank_fees' });
    const done = await t.call('bank.reconcile.mark', { accountId: a.id, date: '2026-11-30' });
    expect(done.reconciledTo).toBe('2026-11-30');
  });
});

it('CallError is what a refused call throws', () => {
  expect(new CallError({ code: 'VALIDATION', message: 'x' }).message).toBe('VALIDATION: x');
});
