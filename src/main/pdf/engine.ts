import fs from 'node:fs';
import type * as Fontkit from 'fontkit';
import { findUp, FONT_FILES } from './assets';

/**
 * The PDF engine: pdfkit, the bundled font parsed once, and the QR encoder. Loaded lazily on
 * the first PDF (pdfkit and fontkit take ~150 ms to load, which a cold start must not pay)
 * and then kept for every later document.
 *
 * Speed: parsing the font (fontkit) and shaping words are most of a small PDF's cost, so
 * the parsed font and a cache of shaped words are shared by every document. pdfkit keeps its
 * word cache per document; the renderer hands each document the shared one instead.
 */
export interface FontFace {
  font: Fontkit.Font;
  file: string;
  /** Shaped words, shared across documents (pdfkit's per-document layoutCache). */
  layoutCache: Record<string, unknown>;
  /** Code points the font can draw, memoised: the rest print as a visible placeholder. */
  coverage: Map<number, boolean>;
}

export interface Engine {
  PDFDocument: typeof import('pdfkit');
  regular: FontFace;
  bold: FontFace;
  qr(text: string): { size: number; dark(row: number, col: number): boolean };
  documentsRendered: number;
}

let loading: Promise<Engine> | null = null;
const qrCache = new Map<string, { size: number; dark(row: number, col: number): boolean }>();

/**
 * fontkit keeps one Glyph object per glyph id, with the code points of whichever call made it
 * first. Subsetting a composite glyph (Ç is C plus a cedilla, i is ı plus a dot, ά is α plus
 * an accent) makes its components without code points; with the font shared by every document,
 * each later document then mapped C, ı or α to nothing in its ToUnicode map, and text
 * extraction lost them ("redit note") while print looked right. A glyph asked for with code
 * points keeps them.
 */
export function keepCodePoints(font: Fontkit.Font): Fontkit.Font {
  const f = font as unknown as {
    getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
  };
  const getGlyph = f.getGlyph.bind(f);
  f.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (codePoints.length && !glyph.codePoints.length) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

function face(fontkit: typeof Fontkit, relative: string): FontFace {
  const file = findUp(relative);
  return {
    font: keepCodePoints(fontkit.create(fs.readFileSync(file))),
    file,
    layoutCache: Object.create(null) as Record<string, unknown>,
    coverage: new Map(),
  };
}

export function loadEngine(): Promise<Engine> {
  loading ??= (async () => {
    const [{ default: PDFDocument }, fontkit, { default: QRCode }] = await Promise.all([
      import('pdfkit'),
      import('fontkit'),
      import('qrcode'),
    ]);
    return {
      PDFDocument,
      regular: face(fontkit, FONT_FILES.regular),
      bold: face(fontkit, FONT_FILES.bold),
      qr(text: string) {
        let code = qrCache.get(text);
        if (!code) {
          // A fixed mask: every mask is valid and scans alike; choosing the "best" of eight
          // costs most of the encoding time, and a fixed one keeps the output stable.
          const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 2 });
          code = { size: modules.size, dark: (r: number, c: number) => Boolean(modules.get(r, c)) };
          if (qrCache.size > 500) qrCache.clear();
          qrCache.set(text, code);
        }
        return code;
      },
      documentsRendered: 0,
    };
  })();
  return loading;
}

/** Keeps the shared word caches from growing without bound over a long bulk export. */
export function trimCaches(engine: Engine): void {
  if (++engine.documentsRendered % 200 !== 0) return;
  for (const f of [engine.regular, engine.bold]) {
    if (Object.keys(f.layoutCache).length > 50_000) f.layoutCache = Object.create(null);
  }
}
