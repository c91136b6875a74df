import fs from 'node:fs';
import path from 'node:path';

/**
 * Reading PDFs back the way a customer's viewer would see them, with MuPDF (the `mupdf` npm
 * package: WASM, no system tools). Nothing here looks at Folio's own code.
 *
 * `mupdf` is an ES module that instantiates its WASM on import, so it is loaded once here
 * (top-level await, which Vitest supports) and every helper below stays synchronous. Scripts
 * run by tsx (CommonJS, no top-level await) use test/helpers/pdf-images.ts instead.
 */
const mupdf = await import('mupdf');
type PDFDocument = import('mupdf').PDFDocument;
type PDFObject = import('mupdf').PDFObject;

/** Opens `pdf`, collecting whatever MuPDF reports while `fn` runs (warnings and errors). */
function withDocument<T>(pdf: Buffer, fn: (doc: PDFDocument, messages: string[]) => T): T {
  const messages: string[] = [];
  mupdf.setLog({
    warning: (m) => messages.push(`warning: ${m}`),
    error: (m) => messages.push(`error: ${m}`),
  });
  try {
    const doc = mupdf.Document.openDocument(pdf, 'application/pdf').asPDF();
    if (!doc) throw new Error('not a PDF');
    try {
      return fn(doc, messages);
    } finally {
      doc.destroy();
    }
  } finally {
    mupdf.setLog(null);
  }
}

interface StextLine {
  x: number;
  y: number;
  bbox: { x: number; w: number };
  font: { size: number };
  text: string;
}

/**
 * One page's text laid out as `pdftotext -layout` does: pieces of text on the same baseline
 * form one line, left to right, separated by one space (or more for a wide gap, as between
 * table columns); lines go top to bottom. So a table row reads as one line
 * ("Description  Qty  Unit price  Tax  Amount") and a multi-column block stays row by row.
 */
function layoutPage(doc: PDFDocument, index: number): string {
  const stext = doc.loadPage(index).toStructuredText('preserve-whitespace');
  const json = JSON.parse(stext.asJSON()) as { blocks: { type: string; lines?: StextLine[] }[] };
  stext.destroy();
  const lines = json.blocks.flatMap((b) => (b.type === 'text' ? (b.lines ?? []) : []));
  lines.sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: StextLine[][] = [];
  for (const line of lines) {
    const row = rows.at(-1);
    const tolerance = Math.max(1, line.font.size * 0.3);
    if (row && Math.abs(row[0]!.y - line.y) <= tolerance) row.push(line);
    else rows.push([line]);
  }
  return rows
    .map((row) => {
      row.sort((a, b) => a.bbox.x - b.bbox.x);
      let out = '';
      let end = -Infinity;
      for (const piece of row) {
        const gap = piece.bbox.x - end;
        const size = piece.font.size || 10;
        if (out)
          out +=
            gap < size * 0.15
              ? ''
              : gap < size * 1.5
                ? ' '
                : ' '.repeat(Math.max(2, Math.round(gap / (size * 0.5))));
        out += piece.text;
        end = piece.bbox.x + piece.bbox.w;
      }
      return out.trimEnd();
    })
    .join('\n');
}

/** The text of every page, laid out as `pdftotext -layout` would (see layoutPage). */
export function pdfPages(pdf: Buffer): string[] {
  return withDocument(pdf, (doc) => {
    const pages: string[] = [];
    for (let i = 0; i < doc.countPages(); i++) pages.push(layoutPage(doc, i));
    return pages;
  });
}

/** All text, with the spaces Intl puts in amounts (NBSP, narrow NBSP) made plain. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}

const trimNumber = (n: number) => String(Number(n.toFixed(2)));

/**
 * What `pdfinfo` printed and the tests read: `Pages`, `Page size` ("595.28 x 841.89 pts", of
 * the first page), `CreationDate` and `ModDate` (raw PDF dates, "D:20261102000000Z"),
 * `Producer`, `Creator`, `Title`, `PDF version`.
 */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withDocument(pdf, (doc) => {
    const info: Record<string, string> = { Pages: String(doc.countPages()) };
    if (doc.countPages() > 0) {
      const [x0, y0, x1, y1] = doc.loadPage(0).getBounds('MediaBox');
      info['Page size'] = `${trimNumber(x1 - x0)} x ${trimNumber(y1 - y0)} pts`;
    }
    for (const [key, meta] of [
      ['CreationDate', mupdf.Document.META_INFO_CREATIONDATE],
      ['ModDate', mupdf.Document.META_INFO_MODIFICATIONDATE],
      ['Producer', mupdf.Document.META_INFO_PRODUCER],
      ['Creator', mupdf.Document.META_INFO_CREATOR],
      ['Title', mupdf.Document.META_INFO_TITLE],
    ] as const) {
      const value = doc.getMetaData(meta);
      if (value) info[key] = value;
    }
    info['PDF version'] = (doc.getVersion() / 10).toFixed(1);
    return info;
  });
}

/**
 * A structural check in place of `qpdf --check`. `ok` when all of these hold:
 * - MuPDF opens the file without repairing it (the cross-reference table and trailer are
 *   consistent: every offset points at its object; a repaired file means they were not);
 * - the trailer has /Root and its /Size is the number of objects;
 * - every object in the cross-reference table parses, and every stream decodes with its
 *   filters (FlateDecode etc.);
 * - every page loads and its content runs (text extraction) to the end;
 * - MuPDF reported no warning or error while doing all that.
 * `report` lists what failed (and MuPDF's messages).
 */
export function pdfCheck(pdf: Buffer): { ok: boolean; report: string } {
  const problems: string[] = [];
  let messages: string[] = [];
  try {
    withDocument(pdf, (doc, log) => {
      messages = log;
      if (doc.wasRepaired()) problems.push('the cross-reference table had to be repaired');
      const trailer = doc.getTrailer();
      if (trailer.get('Root').isNull()) problems.push('the trailer has no /Root');
      const size = trailer.get('Size');
      if (!size.isInteger() || size.asNumber() !== doc.countObjects())
        problems.push(`trailer /Size ${size.toString()} but ${doc.countObjects()} objects`);
      for (let num = 1; num < doc.countObjects(); num++) {
        try {
          const obj = doc.newIndirect(num).resolve();
          if (obj.isStream()) obj.readStream();
        } catch (error) {
          problems.push(`object ${num}: ${(error as Error).message}`);
        }
      }
      for (let i = 0; i < doc.countPages(); i++) {
        try {
          doc.loadPage(i).toStructuredText('').asText();
        } catch (error) {
          problems.push(`page ${i + 1}: ${(error as Error).message}`);
        }
      }
    });
  } catch (error) {
    problems.push(`cannot open: ${(error as Error).message}`);
  }
  problems.push(...messages);
  return { ok: problems.length === 0, report: problems.join('\n') || 'no problems found' };
}

/**
 * Fonts as `pdffonts` listed them: base name, embedded (a FontFile in its descriptor, or its
 * descendant's), subset (the ABCDEF+ tag) and whether it has a ToUnicode map.
 */
export function pdfFonts(pdf: Buffer): { name: string; emb: boolean; sub: boolean; uni: boolean }[] {
  return withDocument(pdf, (doc) => {
    const fonts: { name: string; emb: boolean; sub: boolean; uni: boolean }[] = [];
    const embedded = (font: PDFObject): boolean => {
      const descriptor = font.get('FontDescriptor');
      if (!descriptor.isNull())
        return ['FontFile', 'FontFile2', 'FontFile3'].some((k) => !descriptor.get(k).isNull());
      const descendants = font.get('DescendantFonts');
      return descendants.isArray() && descendants.length > 0 && embedded(descendants.get(0).resolve());
    };
    for (let num = 1; num < doc.countObjects(); num++) {
      const obj = doc.newIndirect(num).resolve();
      if (!obj.isDictionary() || obj.get('Type').toString() !== '/Font') continue;
      if (obj.get('Subtype').toString() === '/CIDFontType2') continue; // listed through its Type0 parent
      if (obj.get('Subtype').toString() === '/CIDFontType0') continue;
      const name = obj.get('BaseFont').isName() ? obj.get('BaseFont').asName() : '[none]';
      fonts.push({
        name,
        emb: embedded(obj),
        sub: /^[A-Z]{6}\+/.test(name),
        uni: !obj.get('ToUnicode').isNull(),
      });
    }
    return fonts;
  });
}

/** The number of pages. */
export function pdfPageCount(pdf: Buffer): number {
  return withDocument(pdf, (doc) => doc.countPages());
}

/** Page images (PNG, `dpi` dots per inch) written to `dir` as `<prefix>-<n>.png`, for looking at. */
export function pdfImages(pdf: Buffer, dir: string, prefix: string, dpi = 80): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return withDocument(pdf, (doc) => {
    const names: string[] = [];
    const pages = doc.countPages();
    const width = String(pages).length;
    for (let i = 0; i < pages; i++) {
      const pixmap = doc
        .loadPage(i)
        .toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
      const name = `${prefix}-${String(i + 1).padStart(width, '0')}.png`;
      fs.writeFileSync(path.join(dir, name), pixmap.asPNG());
      pixmap.destroy();
      names.push(name);
    }
    return names;
  });
}
