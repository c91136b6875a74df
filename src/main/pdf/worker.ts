/**
 * A rendering thread for bulk exports: receives views, answers PDFs. Each thread loads its
 * own engine (font parsed once per thread), so a 1,000-invoice export keeps every core busy
 * while the main thread reads the database and writes the zip.
 */
import { parentPort } from 'node:worker_threads';
import type { DocumentView } from '../../shared/domain/document-view';
import { loadEngine } from './engine';
import { renderPdf } from './render';

export interface RenderRequest {
  id: number;
  view: DocumentView;
  logo: Uint8Array | null;
}

export type RenderResponse =
  { id: number; ok: true; pdf: Uint8Array; pages: number } | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
  port.on('message', (request: RenderRequest) => {
    loadEngine()
      .then((engine) => renderPdf(engine, request.view, request.logo ? Buffer.from(request.logo) : null))
      .then(
        ({ pdf, pages }) => {
          const copy = new Uint8Array(pdf);
          port.postMessage({ id: request.id, ok: true, pdf: copy, pages } satisfies RenderResponse, [
            copy.buffer,
          ]);
        },
        (error: unknown) =>
          port.postMessage({ id: request.id, ok: false, error: String(error) } satisfies RenderResponse),
      );
  });
}
