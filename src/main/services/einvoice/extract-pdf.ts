import { msg } from '../../../shared/i18n';
import { EInvoiceFormatError } from '../../../shared/domain/einvoice-in/xml';

/**
 * The XML inside a Factur-X / ZUGFeRD 2.x PDF, read with MuPDF (WASM, loaded on first use):
 * the files of the EmbeddedFiles name tree and of the catalog's /AF array. Exactly one of them
 * must be an XML invoice; any number of other attachments is fine.
 */
export interface EmbeddedXml {
  name: string;
  bytes: Uint8Array;
}

type MuPdf = typeof import('mupdf');
let mupdfModule: Promise<MuPdf> | null = null;
export function loadMupdf(): Promise<MuPdf> {
  mupdfModule ??= import('mupdf');
  return mupdfModule;
}

const KNOWN_NAMES = /^(factur-x|zugferd-invoice|xrechnung|order-x)\.xml$/i;

function looksLikeInvoiceXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  return /<([\w.-]+:)?(CrossIndustryInvoice|CrossIndustryDocument|Invoice|CreditNote)[\s>]/.test(head);
}

export async function embeddedXml(pdf: Uint8Array): Promise<EmbeddedXml[]> {
  const mupdf = await loadMupdf();
  let doc: InstanceType<MuPdf['PDFDocument']> | null = null;
  try {
    const opened = mupdf.Document.openDocument(pdf, 'application/pdf');
    doc = opened.asPDF();
    if (!doc) throw new EInvoiceFormatError(msg('einvoiceErrors.file.pdfUnreadable'));
    const specs = new Map<string, import('mupdf').PDFObject>();
    for (const [name, spec] of Object.entries(doc.getEmbeddedFiles())) specs.set(name, spec);
    const af = doc.getTrailer().get('Root').get('AF');
    if (af.isArray())
      for (let i = 0; i < af.length; i++) {
        const spec = af.get(i);
        const params = doc.getFilespecParams(spec);
        if (!specs.has(params.filename)) specs.set(params.filename, spec);
      }
    const found: EmbeddedXml[] = [];
    for (const [name, spec] of specs) {
      if (!doc.isEmbeddedFile(spec) && !spec.isDictionary()) continue;
      const contents = doc.getEmbeddedFileContents(spec);
      if (!contents) continue;
      const bytes = contents.asUint8Array().slice();
      if (KNOWN_NAMES.test(name) || (/\.xml$/i.test(name) && looksLikeInvoiceXml(bytes)))
        found.push({ name, bytes });
    }
    return found;
  } catch (e) {
    if (e instanceof EInvoiceFormatError) throw e;
    throw new EInvoiceFormatError(msg('einvoiceErrors.file.pdfDamaged'));
  } finally {
    doc?.destroy();
  }
}

/** The first page as a PNG, for the bill's readable view of a Factur-X invoice. */
export async function firstPagePng(pdf: Uint8Array, width = 900): Promise<Uint8Array> {
  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const page = doc.loadPage(0);
    const [x0, , x1] = page.getBounds();
    const scale = width / Math.max(1, x1 - x0);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    const png = pixmap.asPNG();
    pixmap.destroy();
    page.destroy();
    return png;
  } finally {
    doc.destroy();
  }
}
