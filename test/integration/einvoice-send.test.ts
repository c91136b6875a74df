import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestFolio, type TestFolio } from '../helpers/folio';
import { scenarios, seedGermanBusiness, type GermanSeed } from '../helpers/einvoice-seed';
import { startSmtp, waitFor, type TestSmtp } from '../helpers/smtp';

let t: TestFolio;
let s: GermanSeed;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp({ user: 'folio', password: 'pw' });
  t = await openTestFolio();
  s = await seedGermanBusiness(t);
  await t.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'folio',
    password: 'pw',
    fromName: 'Müller Webdesign',
    fromEmail: 'rechnung@mueller.example',
    replyTo: '',
  });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

async function send(id: number) {
  const draft = await t.call('mail.compose', { ref: { kind: 'document', id } });
  return t.call('mail.send', {
    ref: { kind: 'document', id },
    to: draft.to,
    subject: draft.subject,
    body: draft.body,
  });
}

describe('Send attaches the customer’s e-invoice', () => {
  it('XRechnung goes beside the PDF, byte-equal to the download, and the outbox keeps both', async () => {
    const draft = await t.call('documents.create', scenarios(s).mixed!);
    const doc = await t.call('documents.issue', { id: draft.id });
    const entry = await send(doc.id);
    await waitFor(() => smtp.received.length === 1);
    const mail = smtp.received[0]!;
    const names = mail.attachments.map((a) => a.filename);
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/\.pdf$/);
    expect(names[1]).toBe(`${doc.number}-xrechnung-ubl.xml`);
    const xml = await t.call('einvoice.download', { id: doc.id, format: 'xrechnung-ubl' });
    expect(Buffer.compare(mail.attachments[1]!.content, Buffer.from(xml.dataBase64, 'base64'))).toBe(0);
    expect(mail.attachments[1]!.contentType).toBe('application/xml');
    expect(entry.attachments.map((a) => a.fileName)).toEqual(names);
  });

  it('Factur-X goes in place of the plain PDF', async () => {
    const { customer } = await t.call('customers.create', {
      name: 'Lumière Paris',
      emails: [{ email: 'compta@lumiere.example', billing: true }],
      billingAddress: {
        line1: '1 rue de la Paix',
        line2: '',
        city: 'Paris',
        region: '',
        postalCode: '75002',
        country: 'FR',
      },
      shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
      taxNumber: 'FR12345678901',
      einvoiceFormat: 'facturx',
    });
    const draft = await t.call('documents.create', { ...scenarios(s).reverse!, customerId: customer.id });
    const doc = await t.call('documents.issue', { id: draft.id });
    await send(doc.id);
    await waitFor(() => smtp.received.length === 2);
    const mail = smtp.received[1]!;
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!.content;
    const mupdf = await import('mupdf');
    const opened = mupdf.PDFDocument.openDocument(pdf, 'application/pdf') as InstanceType<
      typeof mupdf.PDFDocument
    >;
    expect(Object.keys(opened.getEmbeddedFiles())).toEqual(['factur-x.xml']);
  });
});
