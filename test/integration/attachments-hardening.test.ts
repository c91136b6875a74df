import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS } from '../../src/shared/api/common';
import { ATTACHMENT_MAX_BYTES } from '../../src/shared/domain/attachments';
import { issuedInvoice, renderPdf, setupDocuments } from '../helpers/documents';
import { seedBusiness } from '../helpers/seed';
import { ONE_PIXEL_PNG, openTestFolio, TEST_ENGINE, type TestFolio } from '../helpers/folio';
import { TINY_PDF, billInput, setupBusiness, vendorInput } from '../helpers/payables';

/** Scanned bills through the real dispatcher and data folder: exact size limit, real structure, safe names. */
let t: TestFolio;
beforeAll(async () => {
  t = await openTestFolio();
  await setupBusiness(t);
});
afterAll(async () => {
  await t.close();
});

/** A valid PDF of exactly `size` bytes: a comment pads the body before the trailer. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%');
  const tail = Buffer.from(
    '\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n',
  );
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x41), tail]);
}

describe('bill attachments', () => {
  it('accept exactly 20 MB and refuse one byte more, counting decoded bytes', async () => {
    const exact = pdfOfSize(ATTACHMENT_MAX_BYTES);
    const ok = await t.call('bills.uploadAttachment', {
      fileName: 'big.pdf',
      dataBase64: exact.toString('base64'),
    });
    expect(ok).toMatchObject({ mimeType: 'application/pdf', bytes: ATTACHMENT_MAX_BYTES });
    const over = await t.raw('bills.uploadAttachment', {
      fileName: 'big.pdf',
      dataBase64: pdfOfSize(ATTACHMENT_MAX_BYTES + 1).toString('base64'),
    });
    expect(over).toMatchObject({
      ok: false,
      error: {
        field: 'dataBase64',
        message: 'The attachment is 20,971,521 bytes; the limit is 20,971,520 bytes. Choose a smaller file.',
      },
    });
  });

  it('refuse polyglots at the field, in words', async () => {
    const html = Buffer.from('<html><body><script>alert(1)</script>');
    const pdfInHtml = Buffer.concat([html, Buffer.from('<!--'), TINY_PDF, Buffer.from('-->')]);
    const pngHtml = Buffer.concat([Buffer.from(ONE_PIXEL_PNG, 'base64').subarray(0, 16), html]);
    for (const [name, bytes] of [
      ['bill.pdf', pdfInHtml],
      ['bill.png', pngHtml],
    ] as const) {
      const result = await t.raw('bills.uploadAttachment', {
        fileName: name,
        dataBase64: bytes.toString('base64'),
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dataBase64' } });
      expect((result as { error: { message: string } }).error.message).toMatch(
        /^“bill\.(pdf|png)” (starts like a (PDF|PNG) file but .*|is not a PDF, PNG or JPEG file.*)Save or scan the bill again|Scan or save/,
      );
    }
  });

  it('keep a safe file name for storage, display and download, and refuse control characters', async () => {
    const uploaded = await t.call('bills.uploadAttachment', {
      fileName: '../../invoice\u202Efdp.exe',
      dataBase64: TINY_PDF.toString('base64'),
    });
    expect(uploaded.fileName).toBe('invoicefdp.exe');
    const v = await t.call('vendors.create', vendorInput());
    const { bill } = await t.call(
      'bills.create',
      billInput(v.id, { attachments: [{ sha256: uploaded.sha256, fileName: '..\\..\\.bashrc' }] }),
    );
    expect(bill.attachments[0]!.fileName).toBe('bashrc');
    expect((await t.call('bills.getAttachment', { sha256: uploaded.sha256 })).fileName).toBe('bashrc');
    const crlf = await t.raw('bills.uploadAttachment', {
      fileName: 'a\r\nContent-Type: text/html.pdf',
      dataBase64: TINY_PDF.toString('base64'),
    });
    expect(crlf).toMatchObject({
      ok: false,
      error: { field: 'fileName', message: 'File name must fit on one line. Remove the line break.' },
    });
  });
  // Local books only: shared books keep their files in the database (attachment_files).
  it.skipIf(TEST_ENGINE === 'postgres')(
    'are stored again after the attachments folder went away (a restored backup), read back whole',
    async () => {
      const pdf = pdfOfSize(2000);
      const upload = () =>
        t.call('bills.uploadAttachment', { fileName: 'scan.pdf', dataBase64: pdf.toString('base64') });
      const first = await upload();
      const dir = t.folio.ctx.paths.attachmentsDir;
      fs.rmSync(dir, { recursive: true });
      // The same scan again: its folder is gone with the rest.
      const again = await upload();
      expect(again.sha256).toBe(first.sha256);
      const stored = path.join(dir, again.sha256.slice(0, 2), again.sha256);
      expect(fs.readFileSync(stored)).toEqual(pdf);
      if (process.platform !== 'win32') {
        expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
        expect(fs.statSync(path.dirname(stored)).mode & 0o777).toBe(0o700);
        expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
      }
      expect(fs.readdirSync(path.dirname(stored))).toEqual([again.sha256]);
    },
  );
});

describe('the logo', () => {
  it('is checked the same way: a PNG header followed by HTML is refused at the field', async () => {
    const pngHtml = Buffer.concat([
      Buffer.from(ONE_PIXEL_PNG, 'base64').subarray(0, 16),
      Buffer.from('<html>'),
    ]);
    const result = await t.raw('settings.setLogo', {
      fileName: 'logo.png',
      dataBase64: pngHtml.toString('base64'),
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'dataBase64',
        message: expect.stringContaining('not a whole PNG or JPEG'),
      },
    });
    expect((await t.raw('settings.setLogo', { fileName: 'logo.png', dataBase64: ONE_PIXEL_PNG })).ok).toBe(
      true,
    );
  });
});

describe('document file names (PDF download, zip entries, email attachments)', () => {
  it('come from the one sanitiser: a customer name with a bidi override or a path does not reach them', async () => {
    const d = await openTestFolio();
    try {
      const seed = await seedBusiness(d);
      await setupDocuments(d);
      const { customer } = await d.call('customers.create', {
        name: '../Evil\u202Egpj.exe',
        billingAddress: EMPTY_ADDRESS,
        shippingAddress: EMPTY_ADDRESS,
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 14 },
      });
      const doc = await issuedInvoice(d, seed, { customerId: customer.id });
      const { fileName } = await renderPdf(d, { kind: 'document', id: doc.id });
      expect(fileName).toBe(`${doc.number} .. Evilgpj.exe.pdf`);
      expect(fileName).not.toMatch(/[\u202e/\\]/);
    } finally {
      await d.close();
    }
  });
});
