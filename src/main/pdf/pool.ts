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

export async function createRenderer(threads = defaultThreads()): Promise<Renderer> {
  const script = pdfWorkerScript();
  const workers: Worker[] = [];
  if (script) {
    try {
      for (let i = 0; i < threads; i++) workers.push(startWorker(script));
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
    }
  }
  if (!workers.length) return inlineRenderer();

  const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
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
          p.resolve(Buffer.from(response.pdf.buffer, response.pdf.byteOffset, response.pdf.byteLength));
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

  return {
    threads: workers.length,
    render(view, logo) {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, view, logo: logo ? new Uint8Array(logo) : null });
        pump();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

async function inlineRenderer(): Promise<Renderer> {
  const [{ loadEngine }, { renderPdf }] = await Promise.all([import('./engine'), import('./render')]);
  const engine = await loadEngine();
  return {
    threads: 0,
    render: async (view, logo) => (await renderPdf(engine, view, logo)).pdf,
    close: async () => {},
  };
}
