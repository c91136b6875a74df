import { msg } from '../../../shared/i18n';
import { AppError, fieldError } from '../../../shared/api/errors';
import {
  EINVOICE_FORMATS,
  FORMAT_LABELS,
  isUbl,
  type EinvoiceFormat,
} from '../../../shared/domain/einvoice/codes';
import {
  buildEinvoice,
  EinvoiceRefused,
  einvoiceProblems,
  type EinvoiceProblem,
  type EinvoiceSource,
} from '../../../shared/domain/einvoice/model';
export { einvoiceSource, preferredFormat };
import { writeCii } from '../../../shared/domain/einvoice/cii';
import { writeUbl } from '../../../shared/domain/einvoice/ubl';
import { storeOf, type ServiceContext } from '../context';
import { readSetting, writeSetting } from '../kv';
import { recordAudit } from '../audit';
import { unitCodesSchema, UNIT_CODES_KEY } from '../../../shared/api/einvoice';
import { einvoiceFileName as fileNameFor, einvoiceSource, preferredFormat } from './preflight';

/**
 * E-invoices out: the EN 16931 source of a document (the document, the business profile and
 * the bank details the PDF prints, the customer's record), its problems per format, and the
 * XML of each format. Factur-X (the PDF with this CII inside) is in facturx.ts.
 */

export function refusal(format: EinvoiceFormat, problems: EinvoiceProblem[]): AppError {
  return new AppError(
    'VALIDATION',
    msg('errors.export.einvoiceCannotBeMade', {
      format: FORMAT_LABELS[format],
      problems: problems.map((p) => p.message).join(' '),
    }),
    undefined,
    Object.fromEntries(problems.map((p) => [p.field, p.message])),
  );
}

/** The XML of a format (for Factur-X, the CII it embeds). Throws a VALIDATION error listing what is missing. */
export function einvoiceXmlOf(src: EinvoiceSource, format: EinvoiceFormat): string {
  try {
    const model = buildEinvoice(src, format);
    return isUbl(format) ? writeUbl(model) : writeCii(model);
  } catch (error) {
    if (error instanceof EinvoiceRefused) throw refusal(format, error.problems);
    throw error;
  }
}

export function assertIssued(status: string, type: string): void {
  if (type === 'quote') throw fieldError('id', msg('errors.export.quoteNotInvoiceE'));
  if (status === 'draft') throw fieldError('id', msg('errors.export.issueDocumentFirstE'));
}

export const ALL_FORMATS = EINVOICE_FORMATS;

// --- API ----------------------------------------------------------------------------------

export async function einvoiceOptions(ctx: ServiceContext, input: { id: number }) {
  const src = await einvoiceSource(ctx, input.id);
  const preferred = await preferredFormat(ctx, src.doc.customerId);
  const order = preferred
    ? [preferred, ...EINVOICE_FORMATS.filter((f) => f !== preferred)]
    : [...EINVOICE_FORMATS];
  return {
    preferred,
    formats: order.map((format) => ({
      format,
      label: FORMAT_LABELS[format],
      problems: einvoiceProblems(src, format),
    })),
  };
}

/**
 * What the customer's preferred format (or the one asked for) still needs. A draft has no
 * number yet; everything else is checked as it will be at issue.
 */
export async function preflight(ctx: ServiceContext, input: { id: number; format: EinvoiceFormat | null }) {
  const src = await einvoiceSource(ctx, input.id);
  const format = input.format ?? (await preferredFormat(ctx, src.doc.customerId));
  if (!format || src.doc.type === 'quote') return { format: '' as const, problems: [] };
  return { format, problems: einvoiceProblems(src, format) };
}

/** An e-invoice file of an issued invoice or credit note. */
export async function downloadEinvoice(ctx: ServiceContext, input: { id: number; format: EinvoiceFormat }) {
  const file = await einvoiceFile(ctx, input.id, input.format);
  return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: file.bytes.toString('base64') };
}

export interface EinvoiceFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export async function einvoiceFile(
  ctx: ServiceContext,
  id: number,
  format: EinvoiceFormat,
): Promise<EinvoiceFile> {
  const src = await einvoiceSource(ctx, id);
  assertIssued(src.doc.status, src.doc.type);
  const xml = einvoiceXmlOf(src, format);
  if (format === 'facturx') {
    const { facturxPdf } = await import('./facturx');
    return {
      fileName: fileNameFor(src.doc.number, format),
      mimeType: 'application/pdf',
      bytes: await facturxPdf(ctx, id, xml),
    };
  }
  return {
    fileName: fileNameFor(src.doc.number, format),
    mimeType: 'application/xml',
    bytes: Buffer.from(xml, 'utf8'),
  };
}

export async function getUnitCodes(ctx: ServiceContext): Promise<Record<string, string>> {
  return await readSetting(ctx, UNIT_CODES_KEY, unitCodesSchema, {});
}

export async function setUnitCodes(ctx: ServiceContext, input: { codes: Record<string, string> }) {
  await storeOf(ctx).tx(async () => {
    const before = await getUnitCodes(ctx);
    await writeSetting(ctx, UNIT_CODES_KEY, input.codes);
    await recordAudit(ctx, {
      entity: 'settings',
      entityId: UNIT_CODES_KEY,
      action: 'update',
      before,
      after: input.codes,
    });
  });
  return await getUnitCodes(ctx);
}

/**
 * What Send attaches for the customer's preferred format, or null when they have none (or the
 * document is a draft). Factur-X replaces the plain PDF (same name); XML goes beside it. A
 * format that cannot be made refuses the send with the reason, so nothing is sent half-way.
 */
export async function preferredEinvoiceFiles(
  ctx: ServiceContext,
  documentId: number,
  pdfFileName: string,
): Promise<{
  replacesPdf: boolean;
  files: { fileName: string; bytes: Buffer; contentType: string }[];
} | null> {
  const src = await einvoiceSource(ctx, documentId);
  if (src.doc.status === 'draft' || src.doc.type === 'quote') return null;
  const format = await preferredFormat(ctx, src.doc.customerId);
  if (!format) return null;
  const file = await einvoiceFile(ctx, documentId, format);
  if (format === 'facturx')
    return {
      replacesPdf: true,
      files: [{ fileName: pdfFileName, bytes: file.bytes, contentType: 'application/pdf' }],
    };
  return {
    replacesPdf: false,
    files: [{ fileName: file.fileName, bytes: file.bytes, contentType: file.mimeType }],
  };
}
