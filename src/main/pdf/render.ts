import type { DocumentView, ViewColumn, ViewRow, ViewTotal } from '../../shared/domain/document-view';
import { trimCaches, type Engine, type FontFace } from './engine';
import { geometry, MM, type Geometry } from './layout';

/**
 * Draws a DocumentView with pdfkit. Layout rules:
 *  - page 1: logo and business block, the sender line and the recipient in the envelope
 *    window, title and meta on the right; later pages: a "continued" line;
 *  - the line table's header is repeated on every page; a row taller than a page is split;
 *  - the totals block (and the payment block) are kept together: moved whole to a new page
 *    when they do not fit;
 *  - "Page n of m" and the footer on every page, drawn once the page count is known;
 *  - every string goes through `clean`: a character the font lacks prints as U+FFFD, a visible
 *    placeholder, instead of an invisible .notdef box or a crash.
 * Output is deterministic: metadata dates come from the document, ids from its content.
 */
export interface RenderOptions {
  /** false: parse the font file anew for this document (the benchmark's baseline). */
  fontCache?: boolean;
  /** PDF/A-3b with embedded files (Factur-X): each file is listed in the catalog's /AF. */
  pdfa?: {
    attachments: {
      name: string;
      data: Uint8Array;
      mimeType: string;
      description: string;
      relationship: string;
    }[];
    /** rdf:Description blocks added to the XMP metadata. */
    xmp: string;
  };
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}

type Doc = PDFKit.PDFDocument;
type FontName = 'R' | 'B';

const INK = '#1f2328';
const MUTED = '#5b6470';
const RULE = '#d5dae0';
const LIGHT_RULE = '#e7eaee';
const MARK_COLORS = { grey: '#6b7280', green: '#2f9e44', red: '#e03131' } as const;
const PLACEHOLDER = '\uFFFD';
/** Characters the font lacks that have a faithful stand-in. */
const SUBSTITUTES: Record<string, string> = { '\u2212': '-', '\t': ' ', '\u00ad': '' };
const PLAIN = /^[\x20-\x7e]*$/;

export function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c * amount + 255 * (1 - amount));
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) | (r! << 16) | (g! << 8) | b!).toString(16).slice(1)}`;
}

function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(c * (1 - amount)));
  return `#${((1 << 24) | (r! << 16) | (g! << 8) | b!).toString(16).slice(1)}`;
}

/** The parts of pdfkit's EmbeddedFont that the fast text path uses. */
interface PdfFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(
    text: string,
  ): [
    string[],
    { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[],
  ];
  widthOfString(text: string, size: number): number;
}

interface Run {
  text: string;
  x: number;
  y: number;
  font: FontName;
  size: number;
  color: string;
}

const num = (n: number) => {
  const s = n.toFixed(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => num(c / 255)).join(' ');
}

/**
 * Text output. Runs are collected and written as one BT…ET block of PDF operators per flush,
 * straight from the font's shaping: pdfkit's text() does the same per call with a save, two
 * transforms, a colour and three shapings of the string, which made an 800-line invoice
 * several times slower. Shapes and lines still go through pdfkit (flush first).
 */
class Writer {
  font: FontName = 'R';
  size = 9;
  color = INK;
  private runs: Run[] = [];
  private readonly pdfFonts: Record<FontName, PdfFont>;

  constructor(
    readonly doc: Doc,
    readonly faces: Record<FontName, FontFace>,
    pdfFonts: Record<FontName, unknown>,
  ) {
    this.pdfFonts = pdfFonts as Record<FontName, PdfFont>;
  }

  use(font: FontName, size: number, color = INK): this {
    this.font = font;
    this.size = size;
    this.color = color;
    return this;
  }

  /** Replaces what the font cannot draw; both faces cover the same characters. */
  clean(text: string): string {
    if (PLAIN.test(text)) return text;
    const coverage = this.faces.R.coverage;
    let out = '';
    for (const ch of text.replace(/\r\n?/g, '\n')) {
      if (ch === '\n') {
        out += ch;
        continue;
      }
      const sub = SUBSTITUTES[ch];
      if (sub !== undefined) {
        out += sub;
        continue;
      }
      const cp = ch.codePointAt(0)!;
      let ok = coverage.get(cp);
      if (ok === undefined) {
        ok =
          cp >= 0x20 &&
          this.faces.R.font.hasGlyphForCodePoint(cp) &&
          this.faces.B.font.hasGlyphForCodePoint(cp);
        coverage.set(cp, ok);
      }
      out += ok ? ch : cp < 0x20 ? ' ' : PLACEHOLDER;
    }
    return out;
  }

  width(text: string, size = this.size): number {
    return this.pdfFonts[this.font].widthOfString(text, size);
  }

  /** Queues one line of already-cleaned text with its top at y. */
  draw(text: string, x: number, y: number, align: 'left' | 'right' = 'left', width = 0): void {
    if (!text) return;
    const dx = align === 'right' ? width - this.width(text) : 0;
    this.runs.push({ text, x: x + dx, y, font: this.font, size: this.size, color: this.color });
  }

  /** One line fitted into `width`: the font shrinks (down to 6.5 pt) before the text overflows. */
  drawFitted(text: string, x: number, y: number, width: number, align: 'left' | 'right'): void {
    const clean = this.clean(text);
    if (!clean) return;
    let size = this.size;
    let w = this.width(clean, size);
    if (w > width) {
      size = Math.max(6.5, (size * width) / w);
      w = this.width(clean, size);
    }
    this.runs.push({
      text: clean,
      x: align === 'right' ? x + width - w : x,
      y,
      font: this.font,
      size,
      color: this.color,
    });
  }

  /** Writes the queued runs. Call before any pdfkit drawing, page change or the end. */
  flush(): void {
    if (!this.runs.length) return;
    const doc = this.doc;
    const page = (doc as unknown as { page: { height: number; fonts: Record<string, unknown> } }).page;
    const h = page.height;
    let out = `q 1 0 0 -1 0 ${num(h)} cm BT\n`;
    let font: PdfFont | null = null;
    let size = -1;
    let color = '';
    for (const run of this.runs) {
      const f = this.pdfFonts[run.font];
      if (f !== font || run.size !== size) {
        page.fonts[f.id] ??= f.ref();
        out += `/${f.id} ${num(run.size)} Tf\n`;
        font = f;
        size = run.size;
      }
      if (run.color !== color) {
        out += `${rgb(run.color)} rg\n`;
        color = run.color;
      }
      const [encoded, positions] = f.encode(run.text);
      const baseline = h - run.y - (f.ascender / 1000) * run.size;
      out += `1 0 0 1 ${num(run.x)} ${num(baseline)} Tm\n`;
      let ops = '';
      let last = 0;
      const scale = run.size / 1000;
      let x = run.x;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        if (p.xOffset || p.yOffset) {
          // A mark positioned on its base letter: place it on its own, as pdfkit does.
          if (last < i) ops += `<${encoded.slice(last, i).join('')}> 0 `;
          out += ops ? `[${ops}] TJ\n` : '';
          ops = '';
          out += `1 0 0 1 ${num(x + p.xOffset * scale)} ${num(baseline + p.yOffset * scale)} Tm\n<${encoded[i]}> Tj\n`;
          out += `1 0 0 1 ${num(x + p.xAdvance * scale)} ${num(baseline)} Tm\n`;
          last = i + 1;
        } else if (p.xAdvance - p.advanceWidth !== 0) {
          ops += `<${encoded.slice(last, i + 1).join('')}> ${num(-(p.xAdvance - p.advanceWidth))} `;
          last = i + 1;
        }
        x += p.xAdvance * scale;
      }
      if (last < positions.length) ops += `<${encoded.slice(last).join('')}> 0 `;
      if (ops) out += `[${ops}] TJ\n`;
    }
    out += 'ET Q\n';
    this.runs = [];
    doc.addContent(Buffer.from(out, 'latin1') as unknown as string);
  }

  /** Greedy word wrap with the current font; words longer than a line are cut. */
  wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    const space = this.width(' ');
    for (const paragraph of this.clean(text).split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        let w = this.width(word);
        if (line && lineWidth + space + w <= width) {
          line += ' ' + word;
          lineWidth += space + w;
          continue;
        }
        if (line || lineWidth) lines.push(line);
        line = word;
        lineWidth = w;
        while (w > width && line.length > 1) {
          // A word longer than the line (a URL, an IBAN without spaces): cut it.
          let cut = line.length - 1;
          while (cut > 1 && this.width(line.slice(0, cut)) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
          w = this.width(line);
          lineWidth = w;
        }
      }
      lines.push(line);
    }
    return lines;
  }
}

interface Column extends ViewColumn {
  x: number;
  w: number;
}

const ROW_PAD = 3.5;
const LEADING = 11.5;
const SUB_LEADING = 9.5;
const HEADER_H = 18;
const COL_GAP = 8;

class Layout {
  y = 0;
  page = 0;
  readonly g: Geometry;
  readonly w: Writer;
  readonly accent: string;
  columns: Column[] = [];

  constructor(
    readonly doc: Doc,
    readonly view: DocumentView,
    readonly engine: Engine,
    faces: Record<FontName, FontFace>,
    pdfFonts: Record<FontName, unknown>,
  ) {
    this.g = geometry(view.paper, view.addressPosition);
    this.w = new Writer(doc, faces, pdfFonts);
    this.accent = view.accent;
  }

  get contentWidth() {
    return this.g.right - this.g.left;
  }

  newPage(first = false): void {
    this.w.flush();
    if (!first) this.doc.addPage();
    this.page++;
    this.watermark();
    if (first) return;
    const { g, w } = this;
    const y = g.continuedTop;
    w.use('B', 8.5).drawFitted(this.view.business.name, g.left, y, this.contentWidth / 2 - 10, 'left');
    w.use('R', 8.5, MUTED).drawFitted(
      this.view.continued,
      g.left + this.contentWidth / 2,
      y,
      this.contentWidth / 2,
      'right',
    );
    this.rule(y + 15, RULE, 0.6);
    this.y = y + 26;
  }

  rule(y: number, color: string, width: number, x1 = this.g.left, x2 = this.g.right): void {
    this.w.flush();
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  watermark(): void {
    const mark = this.view.mark;
    if (!mark) return;
    const { doc, g, w } = this;
    w.flush();
    const text = mark.text;
    w.use('B', 110, MARK_COLORS[mark.tone]);
    const tw = w.width(text);
    doc.save();
    doc.fillOpacity(mark.tone === 'grey' ? 0.08 : 0.1);
    doc.rotate(-30, { origin: [g.width / 2, g.height / 2] });
    w.draw(text, g.width / 2 - tw / 2, g.height / 2 - 70);
    w.flush();
    doc.restore();
  }

  /** Starts a new page when `height` does not fit below the current position. */
  ensure(height: number): boolean {
    if (this.y + height <= this.g.bottom) return false;
    this.newPage();
    return true;
  }

  // --- Page 1 ---------------------------------------------------------------------------

  header(logo: Buffer | null): void {
    const { g, w, view } = this;
    let leftBottom = g.top;
    if (logo && view.showLogo) {
      try {
        this.w.flush();
        this.doc.image(logo, g.left, g.top, { fit: [52 * MM, 20 * MM] });
        leftBottom = g.top + 20 * MM;
      } catch {
        // An unreadable logo must not stop the invoice: the name stands in for it.
        logo = null;
      }
    }
    const showNameLeft = !(logo && view.showLogo);
    if (showNameLeft) {
      w.use('B', 15, this.accent);
      for (const line of w.wrap(view.business.name, 80 * MM).slice(0, 2)) {
        w.draw(line, g.left, leftBottom);
        leftBottom += 19;
      }
    }
    // The business block, right-aligned at the top right.
    const blockWidth = 75 * MM;
    const x = g.right - blockWidth;
    let y = g.top;
    if (!showNameLeft) {
      w.use('B', 9.5).drawFitted(view.business.name, x, y, blockWidth, 'right');
      y += 13;
    }
    w.use('R', 8, MUTED);
    for (const line of view.business.lines) {
      w.drawFitted(line, x, y, blockWidth, 'right');
      y += 10.5;
    }
  }

  addressAndMeta(): number {
    const { g, w, view, doc } = this;
    for (const y of g.foldMarks) this.rule(y, '#9aa0a6', 0.5, 0, 4 * MM);
    if (g.punchMark) this.rule(g.punchMark, '#9aa0a6', 0.5, 0, 6 * MM);

    if (g.returnLine) {
      w.use('R', 6.5, MUTED).drawFitted(
        view.returnAddress,
        g.returnLine.x,
        g.returnLine.y,
        g.returnLine.width,
        'left',
      );
      this.rule(g.returnLine.y + 9, RULE, 0.4, g.returnLine.x, g.returnLine.x + g.returnLine.width);
    }
    let y = g.address.y;
    w.use('B', 10).drawFitted(view.recipient.name, g.address.x, y, g.address.width, 'left');
    y += 12.5;
    w.use('R', 10);
    for (const line of view.recipient.lines) {
      w.drawFitted(line, g.address.x, y, g.address.width, 'left');
      y += 12.5;
    }
    const addressEnd = Math.max(y, g.address.bottom);

    // Title and meta in the right column.
    const mx = g.meta.x;
    const mw = g.right - mx;
    let my = g.meta.y;
    if (view.mark) {
      // The mark as a stamp beside the title too: readable where the watermark is not.
      const color = MARK_COLORS[view.mark.tone];
      w.use('B', 9, color);
      const sw = w.width(view.mark.text) + 14;
      w.flush();
      doc
        .save()
        .roundedRect(g.right - sw, my + 5, sw, 16, 3)
        .lineWidth(1)
        .strokeColor(color)
        .stroke()
        .restore();
      w.draw(view.mark.text, g.right - sw + 7, my + 8.5);
    }
    // The title on one line when it fits at 15 pt or more; wrapped otherwise.
    const titleWidth = view.mark ? mw - 60 : mw;
    w.use('B', 20, this.accent);
    const titleSize = Math.max(14, Math.min(20, (20 * titleWidth) / w.width(w.clean(view.title), 20)));
    w.use('B', titleSize, this.accent);
    const titleLines = w.wrap(view.title, titleWidth);
    for (const line of titleLines) {
      w.draw(line, mx, my + (titleLines.length === 1 ? (20 - titleSize) * 0.6 : 0));
      my += titleLines.length === 1 ? 24 : titleSize * 1.2;
    }
    if (titleLines.length > 1) my += 4;
    my += 4;
    const labelWidth = 0.42 * mw;
    for (const m of view.meta) {
      w.use('R', 8.5, MUTED).drawFitted(m.label, mx, my, labelWidth - 4, 'left');
      const bold = m === view.meta[0];
      w.use(bold ? 'B' : 'R', 8.5).drawFitted(m.value, mx + labelWidth, my, mw - labelWidth, 'right');
      my += 12.5;
    }
    doc.fillColor(INK);
    return Math.max(addressEnd, my) + 16;
  }

  intro(): void {
    const { w } = this;
    if (!this.view.intro.length) return;
    w.use('R', 9.5);
    for (const paragraph of this.view.intro) {
      for (const line of w.wrap(paragraph, this.contentWidth)) {
        this.ensure(13);
        w.use('R', 9.5).draw(line, this.g.left, this.y);
        this.y += 13;
      }
      this.y += 6;
    }
    this.y += 6;
  }

  // --- The table -------------------------------------------------------------------------

  layoutColumns(): void {
    const cols = this.view.table.columns;
    const gaps = (cols.length - 1) * COL_GAP;
    const fixed = cols.reduce((s, c) => s + (c.width ?? 0), 0);
    const hasFlexible = cols.some((c) => c.width === null);
    // Fixed columns shrink (never below 40 pt) when they would leave the wrapping column
    // less than 120 pt or push the table past the margin.
    const room = this.contentWidth - gaps - (hasFlexible ? 120 : 0);
    const scale = fixed > room ? Math.max(0.5, room / fixed) : 1;
    const widths = cols.map((c) => (c.width === null ? 0 : Math.max(40, c.width * scale)));
    const flexible = Math.max(60, this.contentWidth - gaps - widths.reduce((a, b) => a + b, 0));
    let x = this.g.left;
    this.columns = cols.map((c, i) => {
      const col = { ...c, x, w: c.width === null ? flexible : widths[i]! };
      x += col.w + COL_GAP;
      return col;
    });
  }

  tableHeader(): void {
    const { doc, w, g } = this;
    w.flush();
    doc
      .save()
      .rect(g.left - 4, this.y, this.contentWidth + 8, HEADER_H)
      .fill(tint(this.accent, 0.13))
      .restore();
    w.use('B', 8, shade(this.accent, 0.45));
    for (const c of this.columns) w.drawFitted(c.label, c.x, this.y + 4.5, c.w, c.align);
    this.y += HEADER_H + 3;
  }

  table(): void {
    this.layoutColumns();
    this.tableHeader();
    const rows = this.view.table.rows;
    if (rows.length === 0 && this.view.table.emptyText) {
      this.w
        .use('R', 8.5, MUTED)
        .draw(this.w.clean(this.view.table.emptyText), this.g.left, this.y + ROW_PAD);
      this.y += LEADING + 2 * ROW_PAD;
    }
    // The last row keeps the totals (and if possible the payment block) company, so no page
    // carries totals without lines of the table above them.
    const fresh = this.g.bottom - (this.g.continuedTop + 26 + HEADER_H + 3);
    const totals = this.totalsHeight() + 4;
    const withPayment = totals + this.paymentHeight();
    const lastItem = rows.findLastIndex((r) => r.kind === 'item');
    rows.forEach((row, i) =>
      this.row(row, i === lastItem ? { keep: withPayment, keepMin: totals, fresh } : null),
    );
    this.y += 4;
  }

  private row(row: ViewRow, tail: { keep: number; keepMin: number; fresh: number } | null): void {
    const { w, g } = this;
    const wide = this.columns.find((c) => c.width === null) ?? this.columns[0]!;
    if (row.kind === 'heading') {
      w.use('B', 9.5);
      const lines = w.wrap(row.cells.description ?? '', this.contentWidth);
      const h = 8 + lines.length * 12.5 + 2;
      if (this.ensure(h + LEADING + 2 * ROW_PAD)) this.tableHeader();
      this.y += 8;
      for (const line of lines) {
        w.use('B', 9.5).draw(line, g.left, this.y);
        this.y += 12.5;
      }
      this.y += 2;
      return;
    }
    if (row.kind === 'note') {
      w.use('R', 8.5, MUTED);
      for (const line of w.wrap(row.cells.description ?? '', wide.w)) {
        if (this.ensure(11)) this.tableHeader();
        w.use('R', 8.5, MUTED).draw(line, wide.x, this.y);
        this.y += 11;
      }
      this.y += 4;
      return;
    }
    w.use('R', 9);
    const lines = w.wrap(row.cells[wide.key] ?? '', wide.w);
    w.use('R', 7.5);
    const subs = row.sub ? w.wrap(row.sub, wide.w) : [];
    const height = 2 * ROW_PAD + lines.length * LEADING + subs.length * SUB_LEADING;
    const fresh = g.bottom - (g.continuedTop + 26 + HEADER_H + 3);
    if (tail) {
      const keep =
        height + tail.keep <= tail.fresh ? tail.keep : height + tail.keepMin <= tail.fresh ? tail.keepMin : 0;
      if (keep && this.y + height + keep > g.bottom) {
        this.newPage();
        this.tableHeader();
      }
    }
    if (this.y + height > g.bottom) {
      // A row that fits on a fresh page moves there whole; a longer one is split across pages.
      if (height <= fresh || this.y + ROW_PAD + 3 * LEADING > g.bottom) {
        this.newPage();
        this.tableHeader();
      }
    }
    let y = this.y + ROW_PAD;
    // The figures sit on the first line.
    w.use('R', 9);
    for (const c of this.columns) {
      if (c === wide) continue;
      w.drawFitted(row.cells[c.key] ?? '', c.x, y, c.w, c.align);
    }
    for (const line of lines) {
      if (y + LEADING > g.bottom) {
        this.newPage();
        this.tableHeader();
        y = this.y;
      }
      w.use('R', 9).draw(line, wide.x, y);
      y += LEADING;
    }
    w.use('R', 7.5, MUTED);
    for (const line of subs) {
      if (y + SUB_LEADING > g.bottom) {
        this.newPage();
        this.tableHeader();
        y = this.y;
      }
      w.draw(line, wide.x, y);
      y += SUB_LEADING;
    }
    this.y = y + ROW_PAD;
    this.rule(this.y, LIGHT_RULE, 0.5);
  }

  // --- Totals, payment, notes ------------------------------------------------------------

  totalsHeight(): number {
    const rows = this.view.totals;
    if (!rows.length) return 0;
    const heightOf = (t: ViewTotal) => (t.emphasis === 'due' ? 24 : t.emphasis === 'strong' ? 19 : 14);
    return rows.reduce((s, t) => s + heightOf(t), 8) + this.view.taxNotes.length * 11 + 10;
  }

  totals(): void {
    const { w, g, doc } = this;
    const rows = this.view.totals;
    if (!rows.length) return;
    const width = Math.min(270, this.contentWidth * 0.6);
    const x = g.right - width;
    this.ensure(this.totalsHeight());
    let y = this.y + 6;
    const valueWidth = 100;
    for (const t of rows) {
      if (t.emphasis === 'due') {
        y += 3;
        w.flush();
        doc
          .save()
          .rect(x - 6, y - 4, width + 10, 21)
          .fill(tint(this.accent, 0.14))
          .restore();
        w.use('B', 10.5, shade(this.accent, 0.35)).drawFitted(
          t.label,
          x,
          y + 0.5,
          width - valueWidth - 4,
          'left',
        );
        w.use('B', 11.5, shade(this.accent, 0.35)).drawFitted(
          t.value,
          x + width - valueWidth,
          y,
          valueWidth,
          'right',
        );
        y += 21;
      } else if (t.emphasis === 'strong') {
        this.rule(y, INK, 0.8, x - 6, g.right + 4);
        y += 4;
        w.use('B', 10.5).drawFitted(t.label, x, y, width - valueWidth - 4, 'left');
        w.use('B', 10.5).drawFitted(t.value, x + width - valueWidth, y, valueWidth, 'right');
        y += 15;
      } else {
        w.use('R', 9, MUTED).drawFitted(t.label, x, y, width - valueWidth - 4, 'left');
        w.use('R', 9).drawFitted(t.value, x + width - valueWidth, y, valueWidth, 'right');
        y += 14;
      }
    }
    y += 4;
    for (const note of this.view.taxNotes) {
      w.use('R', 7.5, MUTED).drawFitted(note, g.left, y, this.contentWidth, 'right');
      y += 11;
    }
    this.y = y + 10;
  }

  private paymentLayout() {
    const p = this.view.payment;
    if (!p) return null;
    const qr = p.epc ? this.engine.qr(p.epc) : null;
    const qrSize = qr ? 25 * MM : 0;
    const textWidth = this.contentWidth - (qr ? qrSize + 24 : 0) - 20;
    this.w.use('R', 8.5);
    const lines = p.lines.flatMap((l) => this.w.wrap(l, textWidth));
    const textHeight = 14 + lines.length * 11.5;
    const height = Math.max(textHeight, qr ? qrSize + 12 : 0) + 20;
    return { p, qr, qrSize, lines, height };
  }

  paymentHeight(): number {
    const layout = this.paymentLayout();
    return layout ? layout.height + 20 : 0;
  }

  payment(): void {
    const layout = this.paymentLayout();
    if (!layout) return;
    const { p, qr, qrSize, lines, height } = layout;
    const { w, g, doc } = this;
    this.ensure(height + 6);
    const top = this.y;
    w.flush();
    doc
      .save()
      .roundedRect(g.left - 4, top, this.contentWidth + 8, height, 3)
      .lineWidth(0.7)
      .strokeColor(tint(this.accent, 0.35))
      .stroke()
      .restore();
    let y = top + 10;
    w.use('B', 9.5, shade(this.accent, 0.2)).draw(w.clean(p.title), g.left + 8, y);
    y += 15;
    for (const line of lines) {
      w.use('R', 8.5).draw(line, g.left + 8, y);
      y += 11.5;
    }
    if (qr) {
      const x0 = g.right - qrSize - 6;
      const y0 = top + 8;
      const cell = qrSize / qr.size;
      w.flush();
      doc.save();
      for (let r = 0; r < qr.size; r++) {
        for (let c = 0; c < qr.size; c++)
          if (qr.dark(r, c)) doc.rect(x0 + c * cell, y0 + r * cell, cell + 0.01, cell + 0.01);
      }
      doc.fill(INK).restore();
      w.use('R', 6.5, MUTED).drawFitted(
        this.view.words.qrCaption,
        x0 - 20,
        y0 + qrSize + 2,
        qrSize + 20,
        'right',
      );
    }
    this.y = top + height + 14;
  }

  sections(): void {
    const { w, g } = this;
    const list = this.view.sections;
    if (!list.length) return;
    // Notes and terms side by side when there are two: half the height, often no extra page.
    const columns = list.length === 2 ? 2 : 1;
    const gap = 18;
    const colWidth = (this.contentWidth - (columns - 1) * gap) / columns;
    w.use('R', 8.5);
    const wrapped = list.map((s) => ({ title: s.title, lines: w.wrap(s.text, colWidth) }));
    const needed = 14 + Math.max(...wrapped.map((s) => s.lines.length)) * 11;
    if (columns === 2 && needed <= g.bottom - g.continuedTop - 26) {
      this.ensure(needed);
      wrapped.forEach((s, i) => {
        const x = g.left + i * (colWidth + gap);
        let y = this.y;
        w.use('B', 9).draw(w.clean(s.title), x, y);
        y += 14;
        for (const line of s.lines) {
          w.use('R', 8.5).draw(line, x, y);
          y += 11;
        }
      });
      this.y += needed + 10;
      return;
    }
    for (const s of list) {
      w.use('R', 8.5);
      const lines = w.wrap(s.text, this.contentWidth);
      // Keep a title with at least two of its lines.
      this.ensure(14 + Math.min(2, lines.length) * 11);
      w.use('B', 9).draw(w.clean(s.title), g.left, this.y);
      this.y += 14;
      for (const line of lines) {
        this.ensure(11);
        w.use('R', 8.5).draw(line, g.left, this.y);
        this.y += 11;
      }
      this.y += 10;
    }
  }

  footers(): void {
    const { doc, g, w } = this;
    const range = doc.bufferedPageRange();
    w.use('R', 7.5, MUTED);
    const footerLines = this.view.footer ? w.wrap(this.view.footer, this.contentWidth - 90).slice(0, 3) : [];
    for (let i = 0; i < range.count; i++) {
      w.flush();
      doc.switchToPage(range.start + i);
      this.rule(g.footerY - 6, RULE, 0.5);
      let y = g.footerY;
      w.use('R', 7.5, MUTED);
      for (const line of footerLines) {
        w.draw(line, g.left, y);
        y += 9.5;
      }
      const page = this.view.words.page
        .replace('{page}', String(i + 1))
        .replace('{count}', String(range.count));
      w.drawFitted(page, g.right - 80, g.footerY, 80, 'right');
    }
    w.flush();
  }
}

interface GlyphLike {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface EmbeddedFontInternals {
  layoutCache: unknown;
  scale: number;
  font: { glyphForCodePoint(cp: number): GlyphLike };
  layoutRun(text: string, features?: unknown): unknown;
}

/**
 * Figures, amounts and dates ("€1,234.56", "2026-11-02", "23%") are most of the distinct
 * words of a long invoice, and shaping each one through OpenType (fontkit) is the slow part of
 * a first render. Noto Sans has no substitutions or kerning among these characters, so such a
 * word is set glyph by glyph at its advance widths: the same result, without the shaper. The
 * rule depends on the word alone, so output stays deterministic.
 */
const NUMERIC_WORD = /^[0-9.,:;%+\-()/'#\u00a0\u202f\u20ac$\u00a3\u00a5 ]+$/;

function composeNumbers(font: EmbeddedFontInternals): void {
  const shape = font.layoutRun.bind(font);
  font.layoutRun = (text: string, features?: unknown) => {
    if (features || !NUMERIC_WORD.test(text)) return shape(text, features);
    const glyphs: GlyphLike[] = [];
    const positions: {
      xAdvance: number;
      yAdvance: number;
      xOffset: number;
      yOffset: number;
      advanceWidth: number;
    }[] = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const glyph = font.font.glyphForCodePoint(ch.codePointAt(0)!);
      const w = glyph.advanceWidth * font.scale;
      glyphs.push(glyph);
      positions.push({ xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w });
      advanceWidth += w;
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** Renders one document. Synchronous work; the promise resolves when pdfkit has flushed. */
export function renderPdf(
  engine: Engine,
  view: DocumentView,
  logo: Buffer | null,
  options: RenderOptions = {},
): Promise<RenderedPdf> {
  const cache = options.fontCache !== false;
  const date = new Date(`${view.metadata.date}T00:00:00Z`);
  const doc = new engine.PDFDocument({
    size: view.paper === 'A4' ? 'A4' : 'LETTER',
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    font: null as unknown as undefined,
    lang: view.locale,
    displayTitle: true,
    ...(options.pdfa ? { subset: 'PDF/A-3b' as const, pdfVersion: '1.7' as const } : {}),
    info: {
      Title: view.metadata.title,
      Author: view.metadata.author,
      Subject: view.metadata.subject,
      Creator: 'Folio',
      Producer: 'Folio (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const faces = { R: engine.regular, B: engine.bold };
  const pdfFonts = {} as Record<FontName, unknown>;
  for (const name of ['B', 'R'] as const) {
    const face = faces[name];
    doc.registerFont(name, (cache ? face.font : face.file) as unknown as string);
    doc.font(name);
    const font = (doc as unknown as { _font: EmbeddedFontInternals })._font;
    // Share shaped words across documents (pdfkit would start an empty cache per document).
    if (cache) font.layoutCache = face.layoutCache;
    composeNumbers(font);
    pdfFonts[name] = font;
  }

  const layout = new Layout(doc, view, engine, faces, pdfFonts);
  layout.newPage(true);
  layout.header(logo);
  layout.y = layout.addressAndMeta();
  layout.intro();
  layout.table();
  layout.totals();
  layout.payment();
  layout.sections();
  layout.footers();
  const pages = doc.bufferedPageRange().count;
  if (options.pdfa) {
    // pdfkit supports AFRelationship (`relationship`); its type definitions lag behind.
    const file = doc.file.bind(doc) as (src: Buffer, o: Record<string, unknown>) => unknown;
    for (const a of options.pdfa.attachments)
      file(Buffer.from(a.data), {
        name: a.name,
        type: a.mimeType,
        description: a.description,
        relationship: a.relationship,
        creationDate: date,
        modifiedDate: date,
      });
    (doc as unknown as { appendXML(xml: string): void }).appendXML(options.pdfa.xmp);
  }
  doc.end();
  if (cache) trimCaches(engine);
  return done.then((pdf) => ({ pdf, pages }));
}
