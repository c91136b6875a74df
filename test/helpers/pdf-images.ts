import fs from 'node:fs';
import path from 'node:path';

/**
 * Page images of a PDF (PNG at `dpi`), written to `dir` as `<prefix>-<n>.png`, for looking at.
 * Async and free of top-level await, so scripts run by tsx (CommonJS) can use it;
 * test/helpers/pdf.ts has the same as a synchronous helper for tests.
 */
export async function pdfPageImages(pdf: Buffer, dir: string, prefix: string, dpi = 80): Promise<string[]> {
  const mupdf = await import('mupdf');
  fs.mkdirSync(dir, { recursive: true });
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const pages = doc.countPages();
    const width = String(pages).length;
    const names: string[] = [];
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
  } finally {
    doc.destroy();
  }
}
