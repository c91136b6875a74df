import path from 'node:path';
import { startWorker, workerScript } from '../../threads';

export interface CsvParseRequest {
  csv: string;
  delimiter: ',' | ';' | '\t';
}

export type CsvParseResult =
  | { ok: true; records: { line: number; cells: string[] }[] }
  | { ok: false; message: string; line: number | null };

/**
 * The parse itself (run on the CSV thread, or here when no thread can start). csv-parse is
 * loaded on first use, not at start.
 */
export async function parseCsvRecords({ csv, delimiter }: CsvParseRequest): Promise<CsvParseResult> {
  const { parse } = await import('csv-parse/sync');
  try {
    const parsed = parse(csv, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, records: parsed.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return { ok: false, message: String(e.message ?? error), line: e.lines ?? null };
  }
}

/** The delimiter of the header line: the one of `,` `;` and tab it has most of, outside quotes. */
export function detectDelimiter(csv: string): ',' | ';' | '\t' {
  const first = (csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return best![1] > 0 ? best![0] : ',';
}

/** Parses on a worker thread; the main thread only waits. */
export function parseCsvOffThread(request: CsvParseRequest): Promise<CsvParseResult> {
  const script = workerScript('csv-worker', path.join(__dirname, 'csv-worker.ts'));
  if (!script) return parseCsvRecords(request);
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = startWorker(script);
    } catch {
      resolve(parseCsvRecords(request));
      return;
    }
    const w = worker;
    w.once('message', (result: CsvParseResult) => {
      resolve(result);
      void w.terminate();
    });
    w.once('error', (error) => {
      reject(error);
      void w.terminate();
    });
    w.postMessage(request);
  });
}
