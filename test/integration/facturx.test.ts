import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestFolio, type TestFolio } from '../helpers/folio';
import { scenarios, seedGermanBusiness } from '../helpers/einvoice-seed';

let t: TestFolio;
let pdf: Buffer;
let cii: string;
let plainPdf: Buffer;

beforeAll(async () => {
  t = await openTestFolio();
  const seed = await seedGermanBusiness(t);
  const draft = await t.call('documents.create', scenarios(seed).mixed!);
  const doc = await t.call('documents.issue', { id: draft.id });
  const fx = await t.call('einvoice.download', { id: doc.id, format: 'facturx' });
  expect(fx.mimeType).toBe('application/pdf');
  pdf = Buffer.from(fx.dataBase64, 'base64');
  const x = await t.call('einvoice.download', { id: doc.id, format: 'en16931-cii' });
  cii = Buffer.from(x.dataBase64, 'base64').toString('utf8');
  const plain = await t.call('printing.render', { ref: { kind: 'document', id: doc.id } });
  plainPdf = Buffer.from(plain.dataBase64, 'base64');
}, 60_000);
afterAll(() => t?.close());

describe('Factur-X (EN 16931 profile)', () => {
  it('embeds factur-x.xml, byte-equal to the standalone CII, as the Alternative in the catalog /AF', async () => {
    const mupdf = await import('mupdf');
    const doc = mupdf.PDFDocument.openDocument(pdf, 'application/pdf') as InstanceType<
      typeof mupdf.PDFDocument
    >;
    const files = doc.getEmbeddedFiles();
    expect(Object.keys(files)).toEqual(['factur-x.xml']);
    const contents = doc.getEmbeddedFileContents(files['factur-x.xml']!);
    expect(Buffer.from(contents!.asUint8Array()).toString('utf8')).toBe(cii);
    const af = doc.getTrailer().get('Root').get('AF');
    expect(af.length).toBe(1);
    expect(af.get(0).get('AFRelationship').asName()).toBe('Alternative');
    expect(af.get(0).get('UF').asString()).toBe('factur-x.xml');
    expect(af.get(0).get('EF').get('F').get('Subtype').asName()).toBe('text/xml');
    // The plain PDF has none of this.
    const plain = mupdf.PDFDocument.openDocument(plainPdf, 'application/pdf') as InstanceType<
      typeof mupdf.PDFDocument
    >;
    expect(Object.keys(plain.getEmbeddedFiles())).toEqual([]);
  });

  it('says it is PDF/A-3 and Factur-X EN 16931 in its XMP metadata, with an sRGB output intent', async () => {
    const mupdf = await import('mupdf');
    const doc = mupdf.PDFDocument.openDocument(pdf, 'application/pdf') as InstanceType<
      typeof mupdf.PDFDocument
    >;
    const root = doc.getTrailer().get('Root');
    const xmp = Buffer.from(root.get('Metadata').readStream().asUint8Array()).toString('utf8');
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
    expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(xmp).toContain('<fx:Version>1.0</fx:Version>');
    expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(xmp).toContain(
      '<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>',
    );
    expect(root.get('OutputIntents').get(0).get('S').asName()).toBe('GTS_PDFA1');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('embeds every font it uses, and its text is the invoice', async () => {
    const mupdf = await import('mupdf');
    const doc = mupdf.PDFDocument.openDocument(pdf, 'application/pdf') as InstanceType<
      typeof mupdf.PDFDocument
    >;
    const page = doc.loadPage(0) as InstanceType<typeof mupdf.PDFPage>;
    const fonts = page.getObject().get('Resources').get('Font');
    const names: string[] = [];
    fonts.forEach((font: InstanceType<typeof mupdf.PDFObject>, key: string | number) => {
      names.push(String(key));
      const descendant = font.get('DescendantFonts');
      const descriptor = descendant.isArray()
        ? descendant.get(0).get('FontDescriptor')
        : font.get('FontDescriptor');
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => !descriptor.get(k).isNull());
      expect(embedded, String(key)).toBe(true);
    });
    expect(names.length).toBeGreaterThan(0);
    const text = page.toStructuredText('preserve-whitespace').asText();
    expect(text).toContain('Bezirksamt Mitte');
    // A German business (de-DE) writes its documents in German unless it chooses otherwise.
    expect(text).toContain('Leistungsdatum');
    expect(text).toContain('Rechnung');
  });
});
