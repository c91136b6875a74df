import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { issuedInvoice, renderPdf, setupDocuments } from '../helpers/documents';
import { pdfText } from '../helpers/pdf';
import { waitFor } from '../helpers/smtp';

let t: TestFolio;
let seed: Seed;

beforeAll(async () => {
  t = await openTestFolio({ clock: fixedClock('2026-11-20T10:00:00Z') });
  seed = await seedBusiness(t);
  await setupDocuments(t);
});
afterAll(async () => t.close());

/** Reads a zip's central directory: entry names and stored data (yauzl is not a dependency). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    expect(method, name).toBe(0);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, zip.subarray(dataStart, dataStart + size));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('bulk export', () => {
  it('zips every document dated in the period, rendered on worker threads, byte-equal to single renders', async () => {
    const invoices = [];
    for (let i = 0; i < 12; i++)
      invoices.push(await issuedInvoice(t, seed, { issueDate: `2026-10-${String(i + 1).padStart(2, '0')}` }));
    const outside = await issuedInvoice(t, seed, { issueDate: '2026-09-30' });
    const quote = await t.call('documents.create', {
      ...invoiceInput(seed, { issueDate: '2026-10-05' }),
      type: 'quote',
    });
    await t.call('quotes.setStatus', { id: quote.id, status: 'sent' });
    const draft = await t.call('documents.create', invoiceInput(seed, { issueDate: '2026-10-06' }));

    const started = await t.call('printing.exportStart', { from: '2026-10-01', to: '2026-10-31' });
    expect(started).toMatchObject({ state: 'running', total: 13, done: 0 });
    await waitFor(
      async () => (await t.call('printing.exportStatus', { jobId: started.jobId })).state !== 'running',
      'the export',
      60_000,
    );
    const status = await t.call('printing.exportStatus', { jobId: started.jobId });
    expect(status).toMatchObject({
      state: 'done',
      done: 13,
      total: 13,
      fileName: 'Folio documents 2026-10-01 to 2026-10-31.zip',
    });
    expect(status.workers).toBeGreaterThanOrEqual(1);

    const { dataBase64 } = await t.call('printing.exportDownload', { jobId: started.jobId });
    const entries = unzip(Buffer.from(dataBase64, 'base64'));
    expect([...entries.keys()].sort()).toEqual(
      [
        ...invoices.map((d) => `Invoices/${d.number} Brightside Cafés Ltd.pdf`),
        `Quotes/QUO-2026-0001 Brightside Cafés Ltd.pdf`,
      ].sort(),
    );
    expect([...entries.keys()].join()).not.toContain(outside.number!);
    const single = (await renderPdf(t, { kind: 'document', id: invoices[3]!.id })).pdf;
    expect(entries.get(`Invoices/${invoices[3]!.number} Brightside Cafés Ltd.pdf`)!.equals(single)).toBe(
      true,
    );
    expect(pdfText(entries.get(`Quotes/QUO-2026-0001 Brightside Cafés Ltd.pdf`)!)).toContain('Quote');

    // Drafts only when asked for, marked DRAFT.
    const withDrafts = await t.call('printing.exportStart', {
      from: '2026-10-06',
      to: '2026-10-06',
      includeDrafts: true,
      types: ['invoice'],
    });
    await waitFor(
      async () => (await t.call('printing.exportStatus', { jobId: withDrafts.jobId })).state === 'done',
      'the drafts export',
      60_000,
    );
    const draftZip = unzip(
      Buffer.from(
        (await t.call('printing.exportDownload', { jobId: withDrafts.jobId })).dataBase64,
        'base64',
      ),
    );
    expect([...draftZip.keys()].sort()).toEqual(
      [
        `Invoices/${invoices[5]!.number} Brightside Cafés Ltd.pdf`,
        `Invoices/Draft ${draft.id} Brightside Cafés Ltd.pdf`,
      ].sort(),
    );
  });

  it('an empty period is refused at the field', async () => {
    const r = await t.raw('printing.exportStart', { from: '2020-01-01', to: '2020-01-31' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to' } });
  });
});
