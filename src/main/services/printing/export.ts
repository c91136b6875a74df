import { msg } from '../../../shared/i18n';
import crypto from 'node:crypto';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ExportStatus } from '../../../shared/api/printing';
import { buildDocumentView, type DocumentView } from '../../../shared/domain/document-view';
import { safeFileName } from '../../../shared/domain/file-names';
import { AppError, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { getDocument } from '../receivables/document-read';
import { logoOf, viewContexts } from './views';

/**
 * Bulk export: every document dated in a period, as PDFs in one zip (a folder per type).
 * The main thread reads the database and builds the views in small batches (yielding between
 * them, so the app keeps answering); rendering runs on worker threads, one per core; the zip
 * stores the PDFs as they are (they are compressed already). Progress is polled.
 */
interface Job {
  status: ExportStatus;
  result: Buffer | null;
  cancelled: boolean;
  finishedAt: number | null;
}

const jobs = new WeakMap<ServiceContext, Map<string, Job>>();

function jobsOf(ctx: ServiceContext): Map<string, Job> {
  let m = jobs.get(ctx);
  if (!m) {
    m = new Map();
    jobs.set(ctx, m);
  }
  // Finished exports are kept 30 minutes for their download.
  const now = Date.now();
  for (const [id, job] of m) if (job.finishedAt && now - job.finishedAt > 30 * 60_000) m.delete(id);
  return m;
}

const FOLDERS = { invoice: 'Invoices', quote: 'Quotes', credit_note: 'Credit notes' } as const;
/** Zip entries get a fixed date, so the same documents give the same zip. */
const ZIP_DATE = new Date('2000-01-01T00:00:00Z');
const BATCH = 25;

function jobOf(ctx: ServiceContext, jobId: string): Job {
  const job = jobsOf(ctx).get(jobId);
  if (!job) throw new AppError('NOT_FOUND', msg('errors.export.exportNoLongerAvailable'));
  return job;
}

export async function startExport(
  ctx: ServiceContext,
  input: ParsedInput<'printing.exportStart'>,
): Promise<ExportStatus> {
  let q = qb
    .selectFrom('documents')
    .select(['id', 'type'])
    .where('type', 'in', input.types)
    .where('issue_date', '>=', input.from)
    .where('issue_date', '<=', input.to);
  if (!input.includeDrafts) q = q.where('status', '!=', 'draft');
  const docs = await storeOf(ctx).all(q.orderBy('type').orderBy('issue_date').orderBy('id'));
  if (!docs.length)
    throw fieldError('to', msg('errors.export.thereAreNoDocuments', { from: input.from, to: input.to }));
  const jobId = crypto.randomUUID();
  const fileName = `${safeFileName(`Folio documents ${input.from} to ${input.to}`)}.zip`;
  const job: Job = {
    status: {
      jobId,
      state: 'running',
      done: 0,
      total: docs.length,
      fileName,
      bytes: 0,
      error: null,
      workers: 0,
    },
    result: null,
    cancelled: false,
    finishedAt: null,
  };
  jobsOf(ctx).set(jobId, job);
  await recordAudit(ctx, {
    entity: 'export',
    entityId: jobId,
    action: 'export_pdfs',
    details: { from: input.from, to: input.to, types: input.types, documents: docs.length },
  });
  void runExport(ctx, job, docs, input.includeEinvoices).catch((error: unknown) => {
    ctx.log.error('export failed', { error });
    job.status = {
      ...job.status,
      state: 'failed',
      error: 'The export failed. The details are in the log file.',
    };
    job.finishedAt = Date.now();
  });
  return job.status;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runExport(
  ctx: ServiceContext,
  job: Job,
  docs: { id: number; type: keyof typeof FOLDERS }[],
  includeEinvoices = false,
) {
  const einvoice = includeEinvoices ? await import('../einvoice/export') : null;
  const xmlFiles: { name: string; xml: string }[] = [];
  const notMade: string[] = [];
  const [{ createRenderer }, { ZipFile }] = await Promise.all([import('../../pdf/pool'), import('yazl')]);
  const renderer = await createRenderer();
  job.status = { ...job.status, workers: renderer.threads };
  const contexts = await viewContexts(ctx);
  const logo = (await contexts(null)).settings.showLogo ? await logoOf(ctx) : null;
  const zip = new ZipFile();
  const chunks: Buffer[] = [];
  const written = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
  const used = new Set<string>();
  const entryName = (view: DocumentView, type: keyof typeof FOLDERS) => {
    const base = view.fileName.replace(/\.pdf$/, '');
    let name = `${FOLDERS[type]}/${base}.pdf`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${FOLDERS[type]}/${base} (${n}).pdf`;
    used.add(name.toLowerCase());
    return name;
  };
  try {
    // Keep every thread busy with a bounded number of documents in flight.
    const inFlight: Promise<void>[] = [];
    const results: (Buffer | null)[] = new Array(docs.length).fill(null);
    const names: string[] = [];
    let active = 0;
    let wake: (() => void) | null = null;
    for (let start = 0; start < docs.length; start += BATCH) {
      if (job.cancelled || !ctx.host.isOpen) break;
      for (let i = start; i < Math.min(docs.length, start + BATCH); i++) {
        const doc = await getDocument(ctx, { id: docs[i]!.id });
        const view = buildDocumentView(doc, await contexts(doc.customerId));
        names[i] = entryName(view, docs[i]!.type);
        if (einvoice && doc.type !== 'quote' && doc.status !== 'draft' && doc.status !== 'void') {
          const format = await einvoice.preferredFormat(ctx, doc.customerId);
          if (format) {
            try {
              const xml = einvoice.einvoiceXmlOf(await einvoice.einvoiceSource(ctx, doc.id), format);
              xmlFiles.push({ name: names[i]!.replace(/\.pdf$/, '.xml'), xml });
            } catch (error) {
              notMade.push(`${doc.number}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        }
        active++;
        inFlight.push(
          renderer.render(view, view.showLogo ? logo : null).then(
            (pdf) => {
              results[i] = pdf;
              active--;
              job.status = { ...job.status, done: job.status.done + 1 };
              wake?.();
            },
            (error: unknown) => {
              active--;
              wake?.();
              throw error;
            },
          ),
        );
      }
      // Let other requests in between batches; wait while too much is queued.
      await tick();
      while (active > BATCH * 4) await new Promise<void>((resolve) => (wake = resolve));
    }
    await Promise.all(inFlight);
    if (job.cancelled) {
      job.status = { ...job.status, state: 'cancelled' };
      return;
    }
    results.forEach((pdf, i) => {
      if (pdf) zip.addBuffer(pdf, names[i]!, { mtime: ZIP_DATE, compress: false });
    });
    for (const f of xmlFiles)
      zip.addBuffer(Buffer.from(f.xml, 'utf8'), f.name, { mtime: ZIP_DATE, compress: false });
    if (notMade.length)
      zip.addBuffer(
        Buffer.from(`E-invoices not made, and why:\n\n${notMade.join('\n')}\n`, 'utf8'),
        'E-invoices not made.txt',
        {
          mtime: ZIP_DATE,
          compress: false,
        },
      );
    zip.end();
    job.result = await written;
    job.status = { ...job.status, state: 'done', bytes: job.result.length };
  } finally {
    job.finishedAt = Date.now();
    await renderer.close();
  }
}

export function exportStatus(ctx: ServiceContext, input: { jobId: string }): ExportStatus {
  return jobOf(ctx, input.jobId).status;
}

export function exportDownload(ctx: ServiceContext, input: { jobId: string }) {
  const job = jobOf(ctx, input.jobId);
  if (job.status.state !== 'done' || !job.result)
    throw new AppError('CONFLICT', msg('errors.export.exportNotFinishedYet'));
  return { fileName: job.status.fileName, dataBase64: job.result.toString('base64') };
}

export function exportCancel(ctx: ServiceContext, input: { jobId: string }): ExportStatus {
  const job = jobOf(ctx, input.jobId);
  if (job.status.state === 'running') job.cancelled = true;
  return job.status;
}
