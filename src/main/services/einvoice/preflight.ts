import { msg } from '../../../shared/i18n';
import type { Address } from '../../../shared/api/common';
import { AppError } from '../../../shared/api/errors';
import { FORMAT_LABELS, isUbl, type EinvoiceFormat } from '../../../shared/domain/einvoice/codes';
import {
  einvoiceProblems,
  type EinvoiceProblem,
  type EinvoiceSource,
} from '../../../shared/domain/einvoice/model';
import { unitCodesSchema, UNIT_CODES_KEY } from '../../../shared/api/einvoice';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { readSetting } from '../kv';
import { getDocument } from '../receivables/document-read';
import { getSettings } from '../settings';
import { getDocumentSettings } from '../printing/settings';

/**
 * Preflight: what a document still needs to be an e-invoice in a format. Light (no XML
 * writer), so issuing can check the customer's preferred format in its transaction.
 */

/** What the e-invoice needs from the database for one document, read in one go. */
export async function einvoiceSource(ctx: ServiceContext, documentId: number): Promise<EinvoiceSource> {
  const doc = await getDocument(ctx, { id: documentId });
  const store = storeOf(ctx);
  const settings = await getSettings(ctx);
  const printing = await getDocumentSettings(ctx);
  const c = (await store.first(qb.selectFrom('customers').selectAll().where('id', '=', doc.customerId)))!;
  const email =
    (
      await store.first(
        qb
          .selectFrom('customer_emails')
          .select('email')
          .where('customer_id', '=', c.id)
          .orderBy('billing', 'desc')
          .orderBy('position')
          .limit(1),
      )
    )?.email ?? '';
  const related =
    doc.type === 'credit_note' && doc.relatedId !== null ? await getRelated(ctx, doc.relatedId) : null;
  return {
    doc,
    seller: { ...settings.profile },
    bank: { iban: printing.iban, bic: printing.bic, accountHolder: printing.accountHolder },
    buyer: {
      name: doc.customerSnapshot.name,
      address: JSON.parse(c.billing_address) as Address,
      taxNumber: doc.customerSnapshot.taxNumber,
      contactPerson: c.contact_person,
      email,
      phone: c.phone,
      electronicAddress: c.eaddress,
      electronicAddressScheme: c.eaddress_scheme,
    },
    preceding: related,
    unitCodes: await readSetting(ctx, UNIT_CODES_KEY, unitCodesSchema, {}),
  };
}

async function getRelated(ctx: ServiceContext, id: number) {
  const r = await storeOf(ctx).first(
    qb.selectFrom('documents').select(['number', 'issue_date', 'type']).where('id', '=', id),
  );
  return r && r.type === 'invoice' && r.number ? { number: r.number, issueDate: r.issue_date } : null;
}

/** The customer's preferred format, '' when none. */
export async function preferredFormat(ctx: ServiceContext, customerId: number): Promise<EinvoiceFormat | ''> {
  const r = await storeOf(ctx).first(
    qb.selectFrom('customers').select('einvoice_format').where('id', '=', customerId),
  );
  return (r?.einvoice_format ?? '') as EinvoiceFormat | '';
}

export async function problemsFor(
  ctx: ServiceContext,
  documentId: number,
  format: EinvoiceFormat,
): Promise<EinvoiceProblem[]> {
  return einvoiceProblems(await einvoiceSource(ctx, documentId), format);
}

/**
 * Issuing is refused while the customer's preferred e-invoice format cannot be made from the
 * document: it is locked once issued, so what is missing must be fixed first.
 */
export async function assertPreferredFormatPossible(ctx: ServiceContext, documentId: number): Promise<void> {
  const src = await einvoiceSource(ctx, documentId);
  if (src.doc.type === 'quote') return;
  const format = await preferredFormat(ctx, src.doc.customerId);
  if (!format) return;
  const problems = einvoiceProblems(src, format);
  if (problems.length === 0) return;
  throw new AppError(
    'VALIDATION',
    msg('errors.preflight.customerReceivesFormat', {
      name: src.doc.customerName,
      format: FORMAT_LABELS[format],
      problems: problems.map((p) => p.message).join(' '),
    }),
    undefined,
    Object.fromEntries(problems.map((p) => [p.field, p.message])),
  );
}

export type { EinvoiceProblem };

export function einvoiceFileName(number: string | null, format: EinvoiceFormat): string {
  const base = (number ?? 'draft').replace(/[\\/:*?"<>|]/g, '-');
  if (format === 'facturx') return `${base}.pdf`;
  const suffix = format.startsWith('xrechnung') ? 'xrechnung' : format === 'peppol' ? 'peppol' : 'en16931';
  return `${base}-${suffix}-${isUbl(format) ? 'ubl' : 'cii'}.xml`;
}

/** What the Send dialog lists: the PDF, and the e-invoice that goes with it. */
export async function attachmentLabel(
  ctx: ServiceContext,
  documentId: number,
  pdfName: string,
): Promise<string> {
  const r = await storeOf(ctx).first(
    qb
      .selectFrom('documents as d')
      .innerJoin('customers as c', 'c.id', 'd.customer_id')
      .select(['d.number', 'd.status', 'd.type', 'c.einvoice_format'])
      .where('d.id', '=', documentId),
  );
  if (!r || r.type === 'quote' || r.status === 'draft' || !r.einvoice_format) return pdfName;
  const format = r.einvoice_format as EinvoiceFormat;
  if (format === 'facturx') return `${pdfName} (Factur-X, with its XML inside)`;
  return `${pdfName} + ${einvoiceFileName(r.number, format)} (${FORMAT_LABELS[format]})`;
}
