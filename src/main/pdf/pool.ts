import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerScript, type WorkerScript } from '../threads';
import type { DocumentView } from '../../shared/domain/document-view';
import type { RenderRequest, RenderResponse } from './worker';

/**
 * A pool of rendering threads, one per core (at most four). The built app runs
 * out/main/pdf-worker.js; the sources (tests, `tsx`) run worker.ts through tsx. When no thread
 * can be started, rendering happens on the calling thread instead: slower, same bytes.
 */
export interface Renderer {
  readonly threads: number;
  render(view: DocumentView, logo: Buffer | null): Promise<Buffer>;
  /** The same, with the page count. */
  renderPages(view: DocumentView, logo: Buffer | null): Promise<{ pdf: Buffer; pages: number }>;
  close(): Promise<void>;
}

function pdfWorkerScript(): WorkerScript | null {
  // The benchmark runs the sources but measures the built worker.
  const override = process.env.FOLIO_PDF_WORKER;
  if (override && fs.existsSync(override)) return { file: path.resolve(override), source: false };
  return workerScript('pdf-worker', path.join(__dirname, 'worker.ts'));
}

export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

export async function createRenderer(
  threads = defaultThreads(),
  options: { unref?: boolean; inline?: boolean } = {},
): Promise<Renderer> {
  const script = pdfWorkerScript();
  const workers: Worker[] = [];
  if (script) {
    try {
      for (let i = 0; i < threads; i++) workers.push(startWorker(script));
      // A thread kept for the app's lifetime must not keep the process alive on its own.
      if (options.unref) for (const w of workers) w.unref();
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
    }
  }
  if (!workers.length) return options.inline === false ? noRenderer() : inlineRenderer();

  const pending = new Map<
    number,
    { resolve: (r: { pdf: Buffer; pages: number }) => void; reject: (e: Error) => void }
  >();
  // Each thread gets a few documents ahead, so it never waits for the main thread between two.
  const DEPTH = 3;
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  const queue: RenderRequest[] = [];
  let nextId = 1;
  let failed: Error | null = null;

  const pump = () => {
    for (const worker of workers) {
      while (queue.length && inFlight.get(worker)! < DEPTH) {
        worker.postMessage(queue.shift()!);
        inFlight.set(worker, inFlight.get(worker)! + 1);
      }
    }
  };
  for (const worker of workers) {
    worker.on('message', (response: RenderResponse) => {
      const p = pending.get(response.id);
      pending.delete(response.id);
      inFlight.set(worker, inFlight.get(worker)! - 1);
      if (p) {
        if (response.ok)
          p.resolve({
            pdf: Buffer.from(response.pdf.buffer, response.pdf.byteOffset, response.pdf.byteLength),
            pages: response.pages,
          });
        else p.reject(new Error(response.error));
      }
      pump();
    });
    worker.on('error', (error) => {
      failed = error;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }

  const renderPages = (view: DocumentView, logo: Buffer | null) => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise<{ pdf: Buffer; pages: number }>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      queue.push({ id, view, logo: logo ? new Uint8Array(logo) : null });
      pump();
    });
  };
  return {
    threads: workers.length,
    renderPages,
    render: async (view, logo) => (await renderPages(view, logo)).pdf,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** No thread and no engine: the caller renders itself. */
function noRenderer(): Renderer {
  const none = () => Promise.reject(new Error('No render thread'));
  return { threads: 0, render: none, renderPages: none, close: async () => {} };
}

async function inlineRenderer(): Promise<Renderer> {
  const [{ loadEngine }, { renderPdf }] = await Promise.all([import('./engine'), import('./render')]);
  const engine = await loadEngine();
  return {
    threads: 0,
    render: async (view, logo) => (await renderPdf(engine, view, logo)).pdf,
    renderPages: (view, logo) => renderPdf(engine, view, logo),
    close: async () => {},
  };
}
