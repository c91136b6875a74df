import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { EMPTY_ADDRESS, seedBusiness, type Seed } from '../helpers/seed';
import { issuedInvoice, renderPdf, setupDocuments } from '../helpers/documents';
import { pdfText } from '../helpers/pdf';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

/**
 * Documents in the customer's language (issue 15 §1): an English business (en-IE) writes to
 * a German customer in German and to its Irish customer in English; dates and amounts follow
 * the customer's language and country when the business says so; its own wording is printed;
 * a French customer's reminder emails are French.
 */
const clock = fixedClock('2026-12-20T10:00:00Z');
let t: TestFolio;
let seed: Seed;
let smtp: TestSmtp;

/** mupdf gives the no-break spaces of Intl's formats back as they are. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

async function customer(name: string, documentLanguage: string | null, country: string, city: string) {
  const { customer } = await t.call('customers.create', {
    name,
    contactPerson: name === 'Müller Webdesign GmbH' ? 'Jana Müller' : 'Camille Durand',
    emails: [{ email: `billing@${city.toLowerCase()}.example`, billing: true }],
    billingAddress: { ...EMPTY_ADDRESS, line1: 'Hauptstraße 5', postalCode: '10115', city, country },
    shippingAddress: EMPTY_ADDRESS,
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
    documentLanguage,
  });
  return customer;
}

/** An invoice of 1,234.56 € without tax, issued on 15 Nov 2026 at net 14 (due 29 Nov). */
const invoiceFor = (customerId: number) =>
  issuedInvoice(t, seed, {
    customerId,
    issueDate: '2026-11-15',
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    lines: [{ itemId: null, description: 'Webdesign', quantity: '1', unitPrice: 123456, taxIds: [] }],
  });

const languageSettings = (input: Record<string, unknown>) =>
  t.call('printing.updateLanguageSettings', { language: 'en', format: 'business', wording: {}, ...input });

beforeEach(async () => {
  clock.set('2026-12-20T10:00:00Z');
  smtp = await startSmtp({ user: 'folio', password: 'pw' });
  t = await openTestFolio({ clock });
  seed = await seedBusiness(t);
  await setupDocuments(t);
  await t.call('printing.updateSettings', {
    ...(await t.call('printing.getSettings', {})),
    fileNamePattern: '{type} {number}',
  });
  await t.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'folio',
    password: 'pw',
    fromName: 'Acme',
    fromEmail: 'billing@acme.example',
    replyTo: '',
  });
});
afterEach(async () => {
  await t.close();
  await smtp.stop();
});

describe('documents in the customer’s language', () => {
  it('an English business’s invoice to a German customer is German, with German dates and amounts', async () => {
    expect(await t.call('printing.getLanguageSettings', {})).toMatchObject({
      language: 'en',
      format: 'business',
    });
    await languageSettings({ format: 'customer' });
    const de = await customer('Müller Webdesign GmbH', 'de', 'Germany', 'Berlin');
    expect((await t.call('customers.get', { id: de.id })).customer.documentLanguage).toBe('de');
    const inv = await invoiceFor(de.id);
    const pdf = await renderPdf(t, { kind: 'document', id: inv.id });
    expect(pdf.fileName).toBe(`Rechnung ${inv.number}.pdf`);
    const text = plain(pdfText(pdf.pdf));
    for (const s of [
      'Rechnung',
      'Rechnungsnr.',
      'Fällig am',
      '29.11.2026',
      '15.11.2026',
      '14 Tage netto',
      'Beschreibung',
      'Einzelpreis',
      'Gesamtbetrag',
      'Zu zahlen',
      '1.234,56 €',
      'Zahlungsinformationen',
      'Kontoinhaber: Acme Studio Ltd',
      'Verwendungszweck',
      'Mit Ihrer Banking-App scannen',
      'Seite 1 von 1',
    ])
      expect(text, s).toContain(s);
    for (const s of ['Invoice', 'Due date', 'Amount due', 'Page 1 of 1', '€1,234.56'])
      expect(text, s).not.toContain(s);

    // The email about it is German too, and so is its attachment's name.
    const compose = await t.call('mail.compose', { ref: { kind: 'document', id: inv.id } });
    expect(compose.subject).toBe(`Rechnung ${inv.number} von Acme Studio Ltd`);
    expect(compose.body).toContain('Guten Tag Jana Müller');
    expect(plain(compose.body)).toContain('über 1.234,56 €, fällig am 29.11.2026');
    expect(compose.attachmentName).toBe(`Rechnung ${inv.number}.pdf`);
  });

  it('the same business’s invoice to an English customer stays English', async () => {
    await languageSettings({ format: 'customer' });
    await customer('Müller Webdesign GmbH', 'de', 'Germany', 'Berlin');
    const inv = await invoiceFor(seed.customer.id);
    const pdf = await renderPdf(t, { kind: 'document', id: inv.id });
    expect(pdf.fileName).toBe(`Invoice ${inv.number}.pdf`);
    const text = plain(pdfText(pdf.pdf));
    for (const s of [
      'Invoice',
      'Due date',
      'Net 14',
      'Amount due',
      '€1,234.56',
      '29 Nov 2026',
      'Page 1 of 1',
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain('Rechnung');
  });

  it('formats like the business until told otherwise; a customer without a language gets the business’s', async () => {
    const de = await customer('Müller Webdesign GmbH', 'de', 'Germany', 'Berlin');
    const inv = await invoiceFor(de.id);
    let text = plain(pdfText((await renderPdf(t, { kind: 'document', id: inv.id })).pdf));
    expect(text).toContain('Fällig am');
    expect(text).toContain('29 Nov 2026');
    expect(text).toContain('€1,234.56');

    // The business writes in German by default now: the Irish customer (no language) follows.
    await languageSettings({ language: 'de' });
    const irish = await invoiceFor(seed.customer.id);
    text = plain(pdfText((await renderPdf(t, { kind: 'document', id: irish.id })).pdf));
    expect(text).toContain('Rechnung');
    expect(text).toContain('Gesamtbetrag');
  });

  it('prints the business’s own word on the next PDF, and refuses wording it cannot use', async () => {
    const de = await customer('Müller Webdesign GmbH', 'de', 'Germany', 'Berlin');
    const inv = await invoiceFor(de.id);
    const saved = await languageSettings({
      wording: { de: { 'doc.title.invoice': 'Honorarrechnung', 'doc.total.amountDue': '  ' } },
    });
    expect(saved.wording).toEqual({ de: { 'doc.title.invoice': 'Honorarrechnung' } });
    const pdf = await renderPdf(t, { kind: 'document', id: inv.id });
    expect(pdf.fileName).toBe(`Honorarrechnung ${inv.number}.pdf`);
    const text = pdfText(pdf.pdf);
    expect(text).toContain('Honorarrechnung');
    expect(text).toContain('Zu zahlen');
    // Only for German: the English customer's invoice keeps "Invoice".
    const en = await invoiceFor(seed.customer.id);
    expect(pdfText((await renderPdf(t, { kind: 'document', id: en.id })).pdf)).not.toContain(
      'Honorarrechnung',
    );

    expect(
      await t.raw('printing.updateLanguageSettings', {
        language: 'de',
        format: 'business',
        wording: { de: { 'doc.page': 'Seite {page} von {pages}' } },
      }),
    ).toMatchObject({ ok: false, error: { field: 'wording.de.doc.page' } });
    expect(
      await t.raw('printing.updateLanguageSettings', {
        language: 'de',
        format: 'business',
        wording: { de: { 'settings.preferences.language': 'Sprache' } },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await t.raw('printing.updateLanguageSettings', { language: 'xx', format: 'business', wording: {} }),
    ).toMatchObject({ ok: false, error: { field: 'language' } });
    const { archived, hasDocuments, createdAt, ...input } = (await t.call('customers.get', { id: de.id }))
      .customer;
    expect([archived, hasDocuments, createdAt]).toEqual([false, true, expect.any(String)]);
    expect(await t.raw('customers.update', { ...input, documentLanguage: 'klingon' })).toMatchObject({
      ok: false,
      error: { field: 'documentLanguage' },
    });
    await t.call('customers.update', { ...input, documentLanguage: null });
    expect((await t.call('customers.get', { id: de.id })).customer.documentLanguage).toBeNull();
  });

  it('prints Folio’s § 19 note in the customer’s language, and the business’s own note as written', async () => {
    await t.call('settings.updateSmallBusiness', { enabled: true, note: '' });
    const fr = await customer('Atelier Durand SARL', 'fr', 'France', 'Lyon');
    const inv = await invoiceFor(fr.id);
    let text = pdfText((await renderPdf(t, { kind: 'document', id: inv.id })).pdf);
    expect(text).toContain('TVA non facturée : régime des petites entreprises (§ 19 UStG).');
    await t.call('settings.updateSmallBusiness', { enabled: true, note: 'Kleinunternehmer, keine USt.' });
    text = pdfText((await renderPdf(t, { kind: 'document', id: inv.id })).pdf);
    expect(text).toContain('Kleinunternehmer, keine USt.');
  });

  it('a template the user edited stays as edited in its language; other languages keep Folio’s', async () => {
    await t.call('mail.updateTemplate', {
      kind: 'invoice',
      subject: 'Your invoice {document_number}',
      body: 'Hi {contact_name}, here it is.',
    });
    const de = await customer('Müller Webdesign GmbH', 'de', 'Germany', 'Berlin');
    const german = await invoiceFor(de.id);
    const english = await invoiceFor(seed.customer.id);
    expect((await t.call('mail.compose', { ref: { kind: 'document', id: english.id } })).subject).toBe(
      `Your invoice ${english.number}`,
    );
    expect((await t.call('mail.compose', { ref: { kind: 'document', id: german.id } })).subject).toBe(
      `Rechnung ${german.number} von Acme Studio Ltd`,
    );
    // Edited in German for German customers: the English edit stays for English ones.
    await t.call('mail.updateTemplate', {
      kind: 'invoice',
      language: 'de',
      subject: 'Ihre Rechnung {document_number}',
      body: 'Hallo {contact_name}, anbei die Rechnung.',
    });
    expect((await t.call('mail.compose', { ref: { kind: 'document', id: german.id } })).subject).toBe(
      `Ihre Rechnung ${german.number}`,
    );
    expect((await t.call('mail.compose', { ref: { kind: 'document', id: english.id } })).subject).toBe(
      `Your invoice ${english.number}`,
    );
    expect((await t.call('mail.getSettings', { language: 'de' })).templates.invoice.subject).toBe(
      'Ihre Rechnung {document_number}',
    );
    await t.call('mail.resetTemplate', { kind: 'invoice', language: 'de' });
    expect((await t.call('mail.compose', { ref: { kind: 'document', id: german.id } })).subject).toBe(
      `Rechnung ${german.number} von Acme Studio Ltd`,
    );
    expect((await t.call('mail.getSettings', {})).templates.invoice.subject).toBe(
      'Your invoice {document_number}',
    );
  });

  it('a French customer’s reminder emails are French, one invoice or all of them in one letter', async () => {
    const fr = await customer('Atelier Durand SARL', 'fr', 'France', 'Lyon');
    const first = await invoiceFor(fr.id);
    const second = await invoiceFor(fr.id);
    const proposals = await t.call('invoiceReminders.refresh', {});
    const mine = proposals.filter((p) => p.customerId === fr.id);
    expect(mine).toHaveLength(2);

    await t.call('invoiceReminders.approve', { ids: [mine[0]!.id] });
    expect(smtp.received).toHaveLength(1);
    const one = smtp.received[0]!;
    expect(one.subject).toBe(`Rappel : facture ${first.number}`);
    expect(one.text).toContain('Bonjour Camille Durand');
    expect(one.text).toContain('Sauf erreur de notre part');
    expect(one.attachments.map((a) => a.filename)).toEqual([
      `Rappel de paiement Rappel de paiement ${first.number}.pdf`,
      `Facture ${first.number}.pdf`,
    ]);
    const letter = plain(pdfText(one.attachments[0]!.content));
    expect(letter).toContain('Rappel de paiement');
    expect(letter).toContain('Jours de retard');

    // Issue 10's left-over: the one letter for all of a customer's invoices was English.
    await t.call('invoiceReminders.approveByCustomer', { ids: [mine[1]!.id] });
    expect(smtp.received).toHaveLength(2);
    const all = smtp.received[1]!;
    expect(all.subject).toBe(`Rappel de paiement : factures ${first.number}, ${second.number}`);
    expect(all.text).toContain('Bonjour Camille Durand,');
    expect(all.text).toContain('les 2 factures ci-dessous');
    expect(all.text).toContain('Montant dû :');
    expect(all.text).toContain('Cordialement');
    expect(all.text).not.toMatch(/Dear|Kind regards|Amount due/);
  });
});
