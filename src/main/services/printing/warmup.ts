import type { DocumentView } from '../../../shared/domain/document-view';
import type { Renderer } from '../../pdf/pool';

/**
 * The first PDF of a process pays for loading pdfkit and fontkit, decoding the font's
 * OpenType tables (fontkit's first layout per face) and compiling the renderer: ~0.5–1 s,
 * against ~10 ms for the next ones. Right after the first answer, Folio starts one render
 * thread (the bulk export's worker, pdf/pool.ts) and renders a small sample on it, thrown
 * away; previews, downloads and mail attachments are then rendered on that warm thread
 * (services/printing/pdf.ts), so the main thread, which answers every other call, never
 * spends that second, and the first Preview or Send is as quick as the others. Without a
 * thread (none could start, or FOLIO_NO_PDF_WARMUP=1, which measures the cold path) PDFs
 * render on the main thread as before.
 */
const SAMPLE: DocumentView = {
  kind: 'invoice',
  paper: 'A4',
  addressPosition: 'din5008',
  accent: '#3B5BDB',
  locale: 'en',
  title: 'Invoice',
  metadata: { title: 'Sample', author: 'Folio', subject: 'Sample', date: '2026-01-01' },
  fileName: 'sample.pdf',
  mark: { text: 'DRAFT', tone: 'grey' },
  showLogo: false,
  business: { name: 'Sample Ltd', lines: ['1 Main Street', '12345 Town', 'VAT no. XX123'] },
  returnAddress: 'Sample Ltd · 1 Main Street · 12345 Town',
  recipient: { name: 'Zoë Müller – Ελληνικά – Кириллица', lines: ['Hauptstraße 5', '10115 Berlin'] },
  meta: [
    { label: 'Invoice no.', value: 'INV-0001' },
    { label: 'Issue date', value: '1 Jan 2026' },
  ],
  intro: [],
  table: {
    columns: [
      { key: 'description', label: 'Description', align: 'left', width: null },
      { key: 'quantity', label: 'Qty', align: 'right', width: 58 },
      { key: 'amount', label: 'Amount', align: 'right', width: 78 },
    ],
    rows: [
      { kind: 'heading', cells: { description: 'Work' } },
      { kind: 'item', cells: { description: 'Design and artwork', quantity: '6.5 hour', amount: '€552.50' } },
      { kind: 'note', cells: { description: 'Delivered by courier.' } },
    ],
    emptyText: '',
  },
  totals: [
    { label: 'Net (excl. tax)', value: '€552.50' },
    { label: 'VAT 23% on €552.50', value: '€127.08' },
    { label: 'Total', value: '€679.58', emphasis: 'strong' },
    { label: 'Amount due', value: '€679.58', emphasis: 'due' },
  ],
  taxNotes: [],
  payment: {
    title: 'How to pay',
    lines: ['IBAN: IE29 AIBK 9311 5212 3456 78'],
    epc: 'BCD\n002\n1\nSCT\n\nSample Ltd\nIE29AIBK93115212345678\nEUR679.58\n\n\nINV-0001',
  },
  sections: [
    { title: 'Notes', text: 'Thank you.' },
    { title: 'Terms', text: 'Within 14 days.' },
  ],
  footer: 'Sample Ltd',
  continued: 'Invoice INV-0001 (continued)',
  words: { page: 'Page {page} of {count}', qrCaption: 'Scan in your banking app' },
};

let thread: Promise<Renderer | null> | null = null;

/** Starts the render thread and warms it with the sample (once). */
export function warmUpPdfEngine(): Promise<void> {
  if (process.env.FOLIO_NO_PDF_WARMUP) return Promise.resolve();
  thread ??= (async () => {
    const { createRenderer } = await import('../../pdf/pool');
    const renderer = await createRenderer(1, { unref: true, inline: false });
    if (!renderer.threads) return null;
    await renderer.renderPages(SAMPLE, null);
    return renderer;
  })().catch(() => null);
  return thread.then(() => undefined);
}

/** The warm render thread, once warm-up has started (null: render on this thread). */
export function pdfThread(): Promise<Renderer | null> | null {
  return thread;
}

/** Ends the render thread (when the book is closed). */
export async function stopPdfThread(): Promise<void> {
  const renderer = await thread;
  thread = null;
  await renderer?.close();
}
