import { msg } from '../../../shared/i18n';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentView } from '../../../shared/domain/document-view';
import { AppError } from '../../../shared/api/errors';
import type { ServiceContext } from '../context';
import { loadSubject, logoOf, type PrintRef } from './views';

export interface Pdf {
  fileName: string;
  bytes: Buffer;
  pages: number;
}

/**
 * Renders a view: on the warm render thread when warm-up started one (./warmup.ts), else on
 * this thread, where pdfkit and the font load on the first call only (cold start stays lean).
 * A thread that fails leaves the work to this thread: the same bytes either way.
 */
export async function renderView(view: DocumentView, logo: Buffer | null): Promise<Pdf> {
  const renderer = await (await import('./warmup')).pdfThread();
  if (renderer) {
    try {
      const { pdf, pages } = await renderer.renderPages(view, logo);
      return { fileName: view.fileName, bytes: pdf, pages };
    } catch {
      // Rendered below instead.
    }
  }
  const [{ loadEngine }, { renderPdf }] = await Promise.all([
    import('../../pdf/engine'),
    import('../../pdf/render'),
  ]);
  const engine = await loadEngine();
  const { pdf, pages } = await renderPdf(engine, view, logo);
  return { fileName: view.fileName, bytes: pdf, pages };
}

export async function renderRef(ctx: ServiceContext, ref: PrintRef): Promise<Pdf> {
  const subject = await loadSubject(ctx, ref);
  return renderView(subject.view, subject.view.showLogo ? await logoOf(ctx) : null);
}

export async function renderForApi(ctx: ServiceContext, input: { ref: PrintRef }) {
  const pdf = await renderRef(ctx, input.ref);
  return {
    fileName: pdf.fileName,
    dataBase64: pdf.bytes.toString('base64'),
    pages: pdf.pages,
    bytes: pdf.bytes.length,
  };
}

/** A private temporary folder for files handed to other programs (print, mail drafts). */
export function handoffDir(): string {
  const dir = path.join(os.tmpdir(), `folio-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function openForPrint(ctx: ServiceContext, input: { ref: PrintRef }) {
  const pdf = await renderRef(ctx, input.ref);
  if (!ctx.desktop) return { opened: false, fileName: pdf.fileName };
  const file = path.join(handoffDir(), pdf.fileName);
  fs.writeFileSync(file, pdf.bytes, { mode: 0o600 });
  try {
    await ctx.desktop.openPath(file);
  } catch (error) {
    throw new AppError(
      'CONFLICT',
      msg('errors.pdf.cannotOpenForPrinting', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
  }
  return { opened: true, fileName: pdf.fileName };
}
