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
    const compose = await t.call('mail.compose', { ref: { kind: 'document', id: doc.id } });
    expect(compose.attachmentName).toContain(`${doc.number}-xrechnung-ubl.xml`);
    const entry = await send(doc.id);
    await waitFor(() => smtp.received.length === 1, 'the first message');
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
    await waitFor(() => smtp.received.length === 2, 'the second message');
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

/** Stored (uncompressed) zip entries by name. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, zip.subarray(dataStart, dataStart + size));
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

describe('bulk export with e-invoices', () => {
  it('puts each issued document’s preferred e-invoice beside its PDF', async () => {
    const started = await t.call('printing.exportStart', {
      from: '2026-11-01',
      to: '2026-11-30',
      types: ['invoice'],
      includeEinvoices: true,
    });
    await waitFor(
      async () => (await t.call('printing.exportStatus', { jobId: started.jobId })).state !== 'running',
      'the export',
      60_000,
    );
    const { dataBase64 } = await t.call('printing.exportDownload', { jobId: started.jobId });
    const entries = unzip(Buffer.from(dataBase64, 'base64'));
    const names = [...entries.keys()];
    const pdfs = names.filter((n) => n.endsWith('.pdf'));
    const xmls = names.filter((n) => n.endsWith('.xml'));
    expect(pdfs.length).toBe(2);
    expect(xmls.map((n) => n.replace(/\.xml$/, '.pdf')).sort()).toEqual([...pdfs].sort());
    const first = (await t.call('documents.list', { type: 'invoice' })).rows.find(
      (r) => r.customerName === 'Bezirksamt Mitte',
    )!;
    const xml = await t.call('einvoice.download', { id: first.id, format: 'xrechnung-ubl' });
    const entry = xmls.find((n) => n.includes(first.number!))!;
    expect(entries.get(entry)!.equals(Buffer.from(xml.dataBase64, 'base64'))).toBe(true);
  }, 90_000);
});
