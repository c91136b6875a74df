import { describe, expect, it } from 'vitest';
import type { DocumentView } from '../../src/shared/domain/document-view';
import { loadEngine } from '../../src/main/pdf/engine';
import { renderPdf } from '../../src/main/pdf/render';

/**
 * Every glyph printed must read back as the character it shows (customers' payables software
 * reads our PDFs as text; PDF/A needs a correct Unicode map). The font object and its shaped
 * words are shared by every document of the process, so the order of documents matters: a
 * glyph first met as a component of another (Ç is C + cedilla) once lost its code point for
 * every later document.
 */
function range(from: number, to: number): string {
  let s = '';
  for (let cp = from; cp <= to; cp++) s += String.fromCodePoint(cp);
  return s;
}
const assigned = (s: string) => [...s].filter((c) => /\P{Cn}/u.test(c)).join('');

const ALPHABETS: Record<string, string> = {
  'Basic Latin': range(0x21, 0x7e),
  'Latin-1 Supplement': range(0xa1, 0xff).replace('\u00ad', ''),
  'Latin Extended-A': range(0x100, 0x17f),
  Greek: assigned(range(0x384, 0x3ce)),
  Cyrillic: range(0x400, 0x45f),
};

/** Lines of at most 24 characters, so nothing wraps. */
function chunks(s: string): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += 24) out.push(chars.slice(i, i + 24).join(''));
  return out;
}

function view(title: string, boldLines: string[], regularLines: string[]): DocumentView {
  return {
    kind: 'invoice',
    paper: 'A4',
    addressPosition: 'din5008',
    accent: '#1c7ed6',
    locale: 'en-IE',
    title,
    metadata: { title, author: 'Folio', subject: title, date: '2026-11-20' },
    fileName: 'x.pdf',
    mark: null,
    showLogo: false,
    business: { name: 'Acme', lines: [] },
    returnAddress: 'Acme',
    recipient: { name: 'Customer', lines: [] },
    meta: [],
    intro: [],
    table: {
      columns: [{ key: 'description', label: 'Description', align: 'left', width: null }],
      rows: boldLines.map((l) => ({ kind: 'heading' as const, cells: { description: l } })),
      emptyText: '',
    },
    totals: [],
    taxNotes: [],
    payment: null,
    sections: [{ title: 'Regular', text: regularLines.join('\n') }],
    footer: '',
    continued: title,
    words: { page: 'Page {page} of {count}', qrCaption: 'Scan in your banking app' },
  };
}

async function textOf(pdf: Buffer): Promise<string[]> {
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const lines: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    lines.push(...doc.loadPage(i).toStructuredText('preserve-whitespace').asText().split('\n'));
  }
  return lines;
}

describe('the PDF text layer', () => {
  it('reads back the titles that once lost their bold C, O and α', async () => {
    const engine = await loadEngine();
    // Composite glyphs first (Ç, Ö, ά are drawn from C, O and α), as a real run may.
    await renderPdf(engine, view('Çé ÖΆά', ['Ç Ö ά Ώ'], ['Ç Ö ά Ώ']), null);
    for (const title of ['Credit note', 'Quote']) {
      const { pdf } = await renderPdf(
        engine,
        view(title, ['CN-2026-0001', 'QUO-2026-0001', 'Εταιρεία'], ['CN-2026-0001 Εταιρεία']),
        null,
      );
      const lines = await textOf(pdf);
      expect(lines).toContain(title);
      expect(lines).toContain('CN-2026-0001');
      expect(lines).toContain('QUO-2026-0001');
      expect(lines).toContain('Εταιρεία');
      expect(lines).toContain('CN-2026-0001 Εταιρεία');
    }
  });

  it('maps every letter of Latin, Greek and Cyrillic back, regular and bold, in any order', async () => {
    const engine = await loadEngine();
    const names = Object.keys(ALPHABETS);
    // Each alphabet alone, then all together, then backwards: the shared caches see every order.
    const runs = [...names.map((n) => [n]), names, [...names].reverse()];
    for (const run of runs) {
      const all = run.flatMap((n) => chunks(ALPHABETS[n]!));
      const { pdf } = await renderPdf(engine, view(run.join(', '), all, all), null);
      const lines = await textOf(pdf);
      const missing = all.filter((l) => lines.filter((x) => x === l).length < 2);
      expect(missing, `in the document of ${run.join(', ')}`).toEqual([]);
    }
  });
});
