import { describe, expect, it } from 'vitest';
import { attachmentStructureProblem, detectAttachmentType } from '../../src/shared/domain/attachments';
import { fileNameFrom, safeFileName, safeUserFileName } from '../../src/shared/domain/file-names';
import { ONE_PIXEL_PNG, TWO_PIXEL_JPEG } from '../helpers/folio';
import { TINY_PDF } from '../helpers/payables';

const PNG = Buffer.from(ONE_PIXEL_PNG, 'base64');
const JPEG = Buffer.from(TWO_PIXEL_JPEG, 'base64');
const HTML = Buffer.from('<html><script>alert(document.domain)</script></html>');
const check = (bytes: Buffer) => {
  const type = detectAttachmentType(bytes);
  return type ? attachmentStructureProblem(bytes, type) : 'not recognised';
};

describe('attachment structure', () => {
  it('accepts real PDF, PNG and JPEG files', () => {
    expect(check(TINY_PDF)).toBeNull();
    expect(check(PNG)).toBeNull();
    expect(check(JPEG)).toBeNull();
    expect(check(Buffer.concat([JPEG, Buffer.alloc(16)]))).toBeNull(); // zero padding after EOI
  });

  it('refuses polyglots and cut-short files', () => {
    // "%PDF-" somewhere in the first kilobyte of a web page.
    const pdfInHtml = Buffer.concat([Buffer.from('<html><!-- '), TINY_PDF, Buffer.from(' --></html>')]);
    expect(detectAttachmentType(pdfInHtml)).toBe('application/pdf');
    expect(check(pdfInHtml)).toMatchObject({ kind: 'PDF', reason: 'does not begin with a PDF header' });
    expect(check(TINY_PDF.subarray(0, TINY_PDF.length - 8))).toMatchObject({ kind: 'PDF' });
    expect(check(Buffer.concat([Buffer.from('%PDF-1.7\n'), HTML]))).toMatchObject({ kind: 'PDF' });
    // 16 bytes of PNG header followed by HTML.
    expect(check(Buffer.concat([PNG.subarray(0, 16), HTML]))).toMatchObject({ kind: 'PNG' });
    expect(check(Buffer.concat([PNG, HTML]))).toEqual({ kind: 'PNG', reason: 'has data after its end' });
    const badCrc = Buffer.from(PNG);
    badCrc[20] = badCrc[20]! ^ 1; // inside IHDR
    expect(check(badCrc)).toEqual({ kind: 'PNG', reason: 'has a damaged IHDR chunk' });
    expect(check(PNG.subarray(0, PNG.length - 12))).toMatchObject({ kind: 'PNG' });
    expect(check(Buffer.concat([JPEG.subarray(0, 4), HTML]))).toMatchObject({ kind: 'JPEG' });
    expect(check(Buffer.concat([JPEG, HTML]))).toMatchObject({ kind: 'JPEG' });
    expect(
      check(
        Buffer.concat([
          Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x04, 0x20, 0x20]),
          HTML,
          Buffer.from([0xff, 0xd9]),
        ]),
      ),
    ).toMatchObject({
      kind: 'JPEG',
    });
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'etc passwd'],
    ['..\\..\\Windows\\win.ini', 'Windows win.ini'],
    ['bill\u202Efdp.exe', 'billfdp.exe'],
    ['a\u2066b\u2069\u200F.pdf', 'ab.pdf'],
    ['scan\r\nContent-Type: text/html.pdf', 'scan Content-Type text html.pdf'],
    ['nul\u0000.pdf', 'nul .pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['..', 'file'],
    ['CON.pdf', 'file CON.pdf'],
    ['inv\ud800oice.pdf', 'invoice.pdf'],
    ['Rechnung März 2026 (Kopie).pdf', 'Rechnung März 2026 (Kopie).pdf'],
  ])('%j becomes %j', (name, safe) => {
    expect(safeUserFileName(name)).toBe(safe);
  });

  it('keeps the extension of a long name', () => {
    const long = safeUserFileName(`${'x'.repeat(300)}.pdf`);
    expect(long.endsWith('.pdf')).toBe(true);
    expect([...long].length).toBeLessThanOrEqual(150);
  });

  it('is the sanitiser behind the document file-name pattern (PDFs, zip entries, email attachments)', () => {
    const name = fileNameFrom('{number} {customer}', {
      number: 'INV-1',
      customer: '../Evil\u202Egpj.exe\r\nBcc',
      type: 'Invoice',
      date: '2026-01-01',
    });
    expect(name).toBe('INV-1 .. Evilgpj.exe Bcc.pdf');
    expect(safeFileName('')).toBe('document');
  });
});
