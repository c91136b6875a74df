import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { EInvoiceFileResult, EInvoiceView } from '../../../shared/api/einvoice-import';
import { billTotals } from '../../../shared/domain/bill-amounts';
import { invoiceKey, itemKey, shortHash, type WarningDraft } from '../../../shared/domain/bill-checks';
import { detectAttachmentType } from '../../../shared/domain/attachments';
import { formatIban } from '../../../shared/domain/iban';
import { dueDateFor } from '../../../shared/domain/terms';
import { specificationName } from '../../../shared/domain/einvoice-in/codes';
import { parseEInvoiceXml } from '../../../shared/domain/einvoice-in/detect';
import {
  draftFromEInvoice,
  mentionsIban,
  nameKey,
  vatKey,
  type EInvoiceDraft,
} from '../../../shared/domain/einvoice-in/map';
import type { EInvoice } from '../../../shared/domain/einvoice-in/model';
import {
  findingsInWords,
  rulesFailedFinding,
  type RuleFinding,
} from '../../../shared/domain/einvoice-in/rules';
import {
  EINVOICE_MAX_BYTES,
  EInvoiceFormatError,
  decodeXmlBytes,
  looksLikeXml,
} from '../../../shared/domain/einvoice-in/xml';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { filesOf } from '../payables/attachments';
import { refreshBill } from '../payables/balances';
import { insertBill } from '../payables/bills';
import { checkBill, draftToWarning, listWarnings, saveWarnings } from '../payables/checks';
import { dateFormatter, earlyFromColumns, nowIso, parseTerms } from '../payables/common';
import type { PreparedBill } from '../payables/prepare';
import { createVendorInTx } from '../payables/vendors';
import { embeddedXml } from './extract-pdf';
import { claimsXRechnung } from './validate';
import { CHUNK_MAX, letThreadsAnswer, RulePool, type RuleResult } from './validate-pool';

/**
 * Importing e-invoices: read (the format from the content: PDF with embedded XML, UBL or CII),
 * check (EN 16931 rules), map (vendor, purchase order, lines, exact amounts) and save, one
 * transaction per file. A file that cannot be read is refused with a sentence naming it and
 * nothing is stored for it. `importEInvoiceFiles` takes Buffers, so tests (and a round trip
 * from the e-invoices Folio writes) call it directly.
 */

export interface EInvoiceFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** false: only read, check and match (the preview); true: save. */
  commit: boolean;
  createVendors?: boolean;
  exchangeRates?: Record<string, string>;
}

interface ReadFile {
  container: 'xml' | 'pdf';
  xml: string;
  invoice: EInvoice;
  draft: EInvoiceDraft;
  findings: RuleFinding[];
  format: string;
}

const mb = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;

/**
 * Reads one file (the EN 16931 rules run after, for the whole batch); throws
 * EInvoiceFormatError with the rest of a sentence about the file.
 */
export async function readEInvoiceFile(bytes: Uint8Array): Promise<ReadFile> {
  if (bytes.length === 0) throw new EInvoiceFormatError(msg('einvoiceErrors.file.empty'));
  if (bytes.length > EINVOICE_MAX_BYTES)
    throw new EInvoiceFormatError(msg('einvoiceErrors.file.tooLarge', { size: mb(bytes.length) }));
  let container: 'xml' | 'pdf' = 'xml';
  let xmlBytes = bytes;
  let inner = '';
  if (detectAttachmentType(bytes) === 'application/pdf') {
    container = 'pdf';
    const found = await embeddedXml(bytes);
    if (found.length === 0) throw new EInvoiceFormatError(msg('einvoiceErrors.file.pdfWithoutXml'));
    if (found.length > 1)
      throw new EInvoiceFormatError(
        msg('einvoiceErrors.file.pdfManyXml', {
          count: String(found.length),
          names: found.map((f) => f.name).join(', '),
        }),
      );
    xmlBytes = found[0]!.bytes;
    inner = found[0]!.name;
    if (xmlBytes.length > EINVOICE_MAX_BYTES)
      throw new EInvoiceFormatError(
        msg('einvoiceErrors.file.embeddedTooLarge', { inner, size: mb(xmlBytes.length) }),
      );
  }
  const xml = decodeXmlBytes(xmlBytes);
  if (!looksLikeXml(xml))
    throw new EInvoiceFormatError(
      container === 'pdf'
        ? msg('einvoiceErrors.file.embeddedNotXml', { inner })
        : msg('einvoiceErrors.file.notEInvoice'),
    );
  const invoice = parseEInvoiceXml(xml);
  const draft = draftFromEInvoice(invoice);
  const spec = specificationName(invoice.customizationId);
  const format =
    container === 'pdf'
      ? `Factur-X / ZUGFeRD PDF (${spec}, ${invoice.syntax})`
      : `${spec} (${invoice.syntax})`;
  return { container, xml, invoice, draft, findings: [], format };
}

interface VendorRow {
  id: number;
  name: string;
  tax_number: string;
  email: string;
  bank_details: string;
  bank_details_changed_at: string | null;
  currency: string;
  payment_terms: string;
  default_category_id: number | null;
  discount_bp: number | null;
  discount_days: number | null;
  archived_at: string | null;
}

async function vendorRows(ctx: ServiceContext): Promise<VendorRow[]> {
  return (await storeOf(ctx)
    .prepare(
      `SELECT id, name, tax_number, email, bank_details, bank_details_changed_at, currency, payment_terms,
              default_category_id, discount_bp, discount_days, archived_at
       FROM vendors ORDER BY archived_at IS NOT NULL, id`,
    )
    .all()) as VendorRow[];
}

type MatchBy = 'vat_id' | 'iban' | 'electronic_address' | 'name';

/** Vendor by VAT id, then IBAN, then electronic address (or e-mail), then name (tolerant). */
export function matchVendor(vendors: readonly VendorRow[], inv: EInvoice, iban: string) {
  const s = inv.seller;
  const vat = vatKey(s.vatId || s.taxRegistrationId);
  const tries: [MatchBy, (v: VendorRow) => boolean][] = [
    ['vat_id', (v) => vat !== '' && vatKey(v.tax_number) === vat],
    ['iban', (v) => mentionsIban(v.bank_details, iban)],
    [
      'electronic_address',
      (v) => {
        const addresses = [s.electronicAddress?.value ?? '', s.contact?.email ?? '']
          .map((a) => a.trim().toLowerCase())
          .filter((a) => a.includes('@'));
        return v.email !== '' && addresses.includes(v.email.trim().toLowerCase());
      },
    ],
    [
      'name',
      (v) =>
        nameKey(v.name) !== '' &&
        (nameKey(v.name) === nameKey(s.name) || nameKey(v.name) === nameKey(s.tradingName)),
    ],
  ];
  for (const [by, test] of tries) {
    const v = vendors.find(test);
    if (v) return { vendor: v, by };
  }
  return null;
}

function bankText(inv: EInvoice): string {
  const seen = new Set<string>();
  return inv.payment.accounts
    .filter((a) => !seen.has(a.iban) && seen.add(a.iban))
    .map((a) =>
      [a.name, a.iban ? `IBAN ${formatIban(a.iban)}` : '', a.bic ? `BIC ${a.bic}` : '']
        .filter(Boolean)
        .join(', '),
    )
    .join('\n');
}

function proposal(inv: EInvoice) {
  const a = inv.seller.address;
  return {
    name: inv.seller.name,
    taxNumber: inv.seller.vatId || inv.seller.taxRegistrationId,
    email:
      inv.seller.contact?.email ||
      (inv.seller.electronicAddress?.value.includes('@') ? inv.seller.electronicAddress.value : ''),
    address: a
      ? [...a.lines, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
          .filter(Boolean)
          .join(', ')
      : '',
    bankDetails: bankText(inv),
  };
}

async function createVendorFrom(ctx: ServiceContext, inv: EInvoice): Promise<number> {
  const p = proposal(inv);
  const a = inv.seller.address;
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email) ? p.email : '';
  return await createVendorInTx(ctx, {
    name: p.name.slice(0, 200),
    contactName: (inv.seller.contact?.name ?? '').slice(0, 200),
    email,
    phone: (inv.seller.contact?.phone ?? '').slice(0, 50),
    address: {
      line1: (a?.lines[0] ?? '').slice(0, 200),
      line2: (a?.lines.slice(1).join(', ') ?? '').slice(0, 200),
      city: (a?.city ?? '').slice(0, 200),
      region: (a?.region ?? '').slice(0, 200),
      postalCode: (a?.postalCode ?? '').slice(0, 20),
      country: (a?.country ?? '').slice(0, 2).toUpperCase(),
    },
    taxNumber: p.taxNumber.slice(0, 50),
    currency: inv.currency,
    defaultCategoryId: null,
    paymentTerms: { kind: 'net', days: 30 },
    earlyPayment: null,
    bankDetails: p.bankDetails.slice(0, 500),
    // The vendor service takes the IBAN (and BIC) from the bank details.
    iban: '',
    bic: '',
    notes: `Created from the e-invoice ${inv.number}.`,
  });
}

/** The changed-bank-details guard for an e-invoice: its IBAN is not in what we know of the vendor. */
async function ibanWarning(
  ctx: ServiceContext,
  vendor: VendorRow,
  iban: string,
  billId: number | null,
): Promise<WarningDraft | null> {
  if (!iban) return null;
  const previous = (await storeOf(ctx)
    .prepare(
      `SELECT id, bill_date, bank_details FROM bills INDEXED BY bills_by_vendor_date
       WHERE vendor_id = ? AND id <> ? AND status <> 'void' AND bank_details <> ''
       ORDER BY bill_date DESC, id DESC LIMIT 20`,
    )
    .all(vendor.id, billId ?? 0)) as { id: number; bill_date: string; bank_details: string }[];
  const known = [vendor.bank_details, ...previous.map((p) => p.bank_details)].filter((t) => t.trim() !== '');
  if (!known.length || known.some((t) => mentionsIban(t, iban))) return null;
  const last = previous[0];
  const date = await dateFormatter(ctx);
  return {
    kind: 'bank_details_changed',
    fingerprint: `bank:${shortHash(iban)}:einvoice`,
    relatedBillId: last?.id ?? null,
    message: last
      ? msg('einvoiceErrors.warning.ibanChangedLast', {
          iban: formatIban(iban),
          vendor: vendor.name,
          id: String(last.id),
          date: date(last.bill_date),
        })
      : msg('einvoiceErrors.warning.ibanChanged', { iban: formatIban(iban), vendor: vendor.name }),
  };
}

async function latestRate(ctx: ServiceContext, currency: string): Promise<string | null> {
  const row = await storeOf(ctx).first(
    qb
      .selectFrom('bills')
      .select('exchange_rate')
      .where('currency', '=', currency)
      .where('status', '<>', 'void')
      .orderBy('bill_date', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
  return row?.exchange_rate ?? null;
}

async function purchaseOrderFor(ctx: ServiceContext, vendorId: number, currency: string, reference: string) {
  if (!reference) return null;
  const po = await storeOf(ctx).first(
    qb
      .selectFrom('purchase_orders')
      .select(['id', 'number', 'vendor_id', 'currency'])
      .where('number', '=', reference),
  );
  return po && po.vendor_id === vendorId && po.currency === currency
    ? { id: po.id, number: po.number }
    : null;
}

function preparedBill(
  ctx: ServiceContext,
  read: ReadFile,
  vendor: VendorRow,
  rate: string,
  po: { id: number } | null,
  attachment: { sha256: string; fileName: string; bytes: number },
): PreparedBill {
  const { draft, invoice } = read;
  const lines = draft.lines.map((l) => ({
    description: l.description,
    itemKey: itemKey(l.description),
    categoryId: vendor.default_category_id,
    quantityMilli: l.quantityMilli,
    unitPrice: l.unitPrice,
    amount: l.amount,
    tax: l.tax,
    purchaseOrderLineId: null,
  }));
  const totals = billTotals(lines);
  const known = vendor.bank_details.trim() === '' || mentionsIban(vendor.bank_details, draft.iban);
  return {
    vendorId: vendor.id,
    vendorName: vendor.name,
    // The account this bill asks to be paid to: the vendor's record when it is the same one.
    bankDetails: draft.iban && !known ? bankText(invoice) : vendor.bank_details,
    vendorBankChangedAt: vendor.bank_details_changed_at,
    vendorInvoiceNumber: draft.number.slice(0, 100),
    invoiceKey: invoiceKey(draft.number),
    billDate: draft.billDate,
    dueDate: draft.dueDate ?? dueDateFor(draft.billDate, parseTerms(vendor.payment_terms)),
    currency: draft.currency,
    exchangeRate: rate,
    earlyPayment: earlyFromColumns(vendor.discount_bp, vendor.discount_days),
    purchaseOrderId: po?.id ?? null,
    lines,
    totals,
    notes: [
      // The bill's total is BT-112; what the file asks now (BT-115) is said where it differs.
      draft.payable !== totals.total &&
        `Amount due per the e-invoice: ${invoice.totals.payable} ${draft.currency}` +
          (invoice.totals.prepaid ? ` (paid in advance: ${invoice.totals.prepaid})` : '') +
          (invoice.totals.rounding ? ` (rounding: ${invoice.totals.rounding})` : '') +
          '.',
      invoice.payment.remittance && `Payment reference: ${invoice.payment.remittance}`,
      invoice.notes.join('\n'),
      invoice.paymentTerms,
    ]
      .filter(Boolean)
      .join('\n')
      .slice(0, 2000),
    attachments: [
      {
        sha256: attachment.sha256,
        fileName: attachment.fileName,
        mimeType: read.container === 'pdf' ? 'application/pdf' : 'application/xml',
        bytes: attachment.bytes,
      },
    ],
    status: 'awaiting_payment',
  };
}

/** The payables checks, with the e-invoice's own changed-IBAN check in place of the generic one. */
async function warningsFor(
  ctx: ServiceContext,
  bill: PreparedBill,
  vendor: VendorRow,
  iban: string,
  billId: number | null,
) {
  const drafts = (await checkBill(ctx, bill, billId)).filter((d) => d.kind !== 'bank_details_changed');
  const bank = await ibanWarning(ctx, vendor, iban, billId);
  return bank ? [...drafts, bank] : drafts;
}

/** A file that will be saved (not refused for a vendor or a rate), so its original may be written ahead. */
function surelySaved(read: ReadFile, options: ImportOptions, base: string): boolean {
  const currency = read.draft.currency;
  return (
    options.commit &&
    options.createVendors === true &&
    (currency === base || Boolean(options.exchangeRates?.[currency]))
  );
}

function emptyResult(fileName: string): EInvoiceFileResult {
  return {
    fileName,
    status: 'refused',
    message: '',
    kind: null,
    format: '',
    number: '',
    issueDate: '',
    currency: '',
    total: 0,
    payable: 0,
    lines: 0,
    sellerName: '',
    vendor: null,
    newVendor: null,
    needsRate: null,
    purchaseOrder: null,
    warnings: [],
    findings: [],
    billId: null,
    vendorCreditId: null,
  };
}

class Refusal extends Error {}

type Reading = { ok: true; read: ReadFile } | { ok: false; message: string };

async function readForImport(ctx: ServiceContext, file: EInvoiceFile): Promise<Reading> {
  const name = file.fileName || msg('einvoiceErrors.file.unnamed');
  try {
    return { ok: true, read: await readEInvoiceFile(file.bytes) };
  } catch (e) {
    if (e instanceof EInvoiceFormatError)
      return { ok: false, message: msg('einvoiceErrors.file.refused', { name, reason: e.message }) };
    ctx.log.error('e-invoice could not be read', { file: file.fileName, error: String(e) });
    return { ok: false, message: msg('einvoiceErrors.file.unreadable', { name }) };
  }
}

async function importOne(
  ctx: ServiceContext,
  file: EInvoiceFile,
  reading: Reading,
  options: ImportOptions,
  stored?: Promise<string>,
): Promise<EInvoiceFileResult> {
  const name = file.fileName || msg('einvoiceErrors.file.unnamed');
  const result = emptyResult(file.fileName);
  if (!reading.ok) {
    result.message = reading.message;
    return result;
  }
  const read = reading.read;
  const { invoice, draft } = read;
  Object.assign(result, {
    kind: draft.kind,
    format: read.format,
    number: draft.number,
    issueDate: draft.billDate,
    currency: draft.currency,
    total: draft.total,
    payable: draft.payable,
    lines: invoice.lines.length,
    sellerName: invoice.seller.name,
    findings: read.findings,
  });
  const base = (await getPreferences(ctx)).baseCurrency;
  const rate =
    draft.currency === base
      ? '1'
      : (options.exchangeRates?.[draft.currency] ?? (await latestRate(ctx, draft.currency)));
  if (!rate) result.needsRate = draft.currency;
  const hasFatal = read.findings.some((f) => f.severity === 'fatal');

  const plan = async () => {
    const match = matchVendor(await vendorRows(ctx), invoice, draft.iban);
    return match;
  };

  if (!options.commit) {
    const match = await plan();
    if (match) result.vendor = { id: match.vendor.id, name: match.vendor.name, by: match.by };
    else result.newVendor = proposal(invoice);
    if (match && draft.kind === 'bill') {
      const po = await purchaseOrderFor(ctx, match.vendor.id, draft.currency, invoice.orderReference);
      result.purchaseOrder = po;
      const bill = preparedBill(ctx, read, match.vendor, rate ?? '1', po, {
        sha256: '0'.repeat(64),
        fileName: name,
        bytes: file.bytes.length,
      });
      bill.attachments = [];
      result.warnings = (await warningsFor(ctx, bill, match.vendor, draft.iban, null)).map(draftToWarning);
    }
    result.status = result.warnings.length || hasFatal || result.needsRate ? 'ready_with_warnings' : 'ready';
    return result;
  }

  if (!rate) {
    result.message = msg('einvoiceErrors.file.needsRate', { name, currency: draft.currency, base });
    return result;
  }
  if (!options.createVendors && !(await plan())) {
    result.message = msg('einvoiceErrors.file.newVendor', { name, seller: invoice.seller.name });
    return result;
  }
  // The original file is stored (once, under its hash) before the transaction that refers to it
  // (a batch started writing it when it was read).
  const sha256 = await (stored ?? filesOf(ctx).write(file.bytes));
  const store = storeOf(ctx);
  try {
    await store.tx(async () => {
      let match = await plan();
      if (!match) {
        if (!options.createVendors)
          throw new Refusal(msg('einvoiceErrors.file.newVendor', { name, seller: invoice.seller.name }));
        const id = await createVendorFrom(ctx, invoice);
        match = { vendor: (await vendorRows(ctx)).find((v) => v.id === id)!, by: 'name' as const };
        result.newVendor = proposal(invoice);
      } else {
        result.vendor = { id: match.vendor.id, name: match.vendor.name, by: match.by };
      }
      const vendor = match.vendor;
      const now = nowIso(ctx);
      let billId: number | null = null;
      let creditId: number | null = null;
      if (draft.kind === 'bill') {
        const po = await purchaseOrderFor(ctx, vendor.id, draft.currency, invoice.orderReference);
        result.purchaseOrder = po;
        const bill = preparedBill(ctx, read, vendor, rate, po, {
          sha256,
          fileName: name,
          bytes: file.bytes.length,
        });
        if (bill.totals.subtotal !== draft.subtotal || bill.totals.tax !== draft.tax)
          throw new Error('e-invoice lines do not add up to the draft totals');
        billId = await insertBill(ctx, bill, { source: 'import' });
        // What the file says was paid in advance (BT-113, net of rounding BT-114) is deducted,
        // so the bill's balance, payments and payment runs start from the amount due (BT-115).
        const prepaid = bill.totals.total - draft.payable;
        if (prepaid !== 0) {
          await store.run(
            qb
              .updateTable('bills')
              .set((eb) => ({ prepaid, balance: eb('balance', '-', prepaid) }))
              .where('id', '=', billId),
          );
          await refreshBill(ctx, billId);
        }
        await saveWarnings(ctx, billId, await warningsFor(ctx, bill, vendor, draft.iban, billId), undefined);
      } else {
        const referenced = invoice.precedingInvoice
          ? await store.first(
              qb
                .selectFrom('bills')
                .select('id')
                .where('vendor_id', '=', vendor.id)
                .where('invoice_key', '=', invoiceKey(invoice.precedingInvoice))
                .where('status', '<>', 'void'),
            )
          : undefined;
        creditId = (
          await store.run(
            qb.insertInto('vendor_credits').values({
              vendor_id: vendor.id,
              vendor_credit_number: draft.number.slice(0, 100),
              credit_date: draft.billDate,
              currency: draft.currency,
              subtotal: draft.subtotal,
              tax: draft.tax,
              total: draft.total,
              invoice_reference: invoice.precedingInvoice.slice(0, 100),
              bill_id: referenced?.id ?? null,
              notes: invoice.notes.join('\n').slice(0, 2000),
              created_at: now,
            }),
          )
        ).lastInsertRowid;
        await recordAudit(ctx, {
          entity: 'vendor_credit',
          entityId: creditId,
          action: 'create',
          after: { vendorId: vendor.id, number: draft.number, total: draft.total, currency: draft.currency },
          details: { source: 'einvoice', file: name },
        });
      }
      await store.run(
        qb.insertInto('einvoices').values({
          bill_id: billId,
          vendor_credit_id: creditId,
          file_name: name.slice(0, 255),
          file_sha256: sha256,
          container: read.container,
          syntax: invoice.syntax,
          data: JSON.stringify(invoice),
          findings: JSON.stringify(read.findings),
          payable: draft.payable,
          imported_at: now,
        }),
      );
      if (billId !== null) {
        await recordAudit(ctx, {
          entity: 'bill',
          entityId: billId,
          action: 'import_einvoice',
          details: {
            file: name,
            format: read.format,
            ruleFailures: read.findings.filter((f) => f.severity === 'fatal').map((f) => f.id),
          },
        });
        result.warnings = (await listWarnings(ctx, billId)).filter((w) => w.dismissed === null);
      }
      result.billId = billId;
      result.vendorCreditId = creditId;
    });
  } catch (e) {
    if (e instanceof Refusal) {
      result.message = e.message;
      return { ...result, billId: null, vendorCreditId: null, warnings: [] };
    }
    throw e;
  }
  result.status = result.warnings.length || hasFatal ? 'imported_with_warnings' : 'imported';
  return result;
}

/** Files saved in one transaction (each in a savepoint of its own). */
const SAVE_GROUP = CHUNK_MAX;

export async function importEInvoiceFiles(
  ctx: ServiceContext,
  files: readonly EInvoiceFile[],
  options: ImportOptions,
) {
  // A pipeline: each file is read and handed to the rules (on threads when the batch is
  // large), then each is saved in its own transaction, in order, as its findings arrive; the
  // findings are put in words here, in the language of the person importing.
  const pool = new RulePool(files.length);
  const readings: Reading[] = [];
  const rules: (Promise<RuleResult> | null)[] = [];
  // When saving, each file's original is written as soon as it is read (when nothing can
  // refuse it: new vendors allowed and its exchange rate known), so the writes wait for the disk
  // on libuv's threads while the rules run and earlier files are saved.
  const base = (await getPreferences(ctx)).baseCurrency;
  const stored: (Promise<string> | undefined)[] = [];
  const results: EInvoiceFileResult[] = [];
  try {
    for (const f of files) {
      const reading = await readForImport(ctx, f);
      readings.push(reading);
      const write =
        reading.ok && surelySaved(reading.read, options, base) ? filesOf(ctx).write(f.bytes) : undefined;
      // Awaited by importOne; a file not saved after all (refused) must not leave a rejection unheard.
      write?.catch(() => undefined);
      stored.push(write);
      rules.push(
        reading.ok
          ? pool.check({
              xml: reading.read.xml,
              syntax: reading.read.invoice.syntax,
              xrechnung: claimsXRechnung(reading.read.invoice.customizationId),
            })
          : null,
      );
      if (readings.length % CHUNK_MAX === 0) await letThreadsAnswer();
    }
    pool.flush();
    // Saving: SAVE_GROUP files at a time, once the rules have answered for all of them, in one
    // transaction in which each file is a savepoint of its own (a file refused while saving
    // leaves the others): a thousand commits cost ~1 ms each on the main thread (SQLite writes
    // the pages they share, the indexes and the vendor, once per commit). A file that stops
    // the import (an error, not a refusal) stops it for its group too.
    const store = storeOf(ctx);
    for (let start = 0; start < files.length; start += SAVE_GROUP) {
      const end = Math.min(files.length, start + SAVE_GROUP);
      for (let i = start; i < end; i++) {
        const reading = readings[i]!;
        const pending = rules[i];
        if (reading.ok && pending) {
          const outcome = await pending;
          reading.read.findings = outcome.ok
            ? findingsInWords(outcome.findings)
            : [rulesFailedFinding(outcome.error)];
        }
      }
      const save = async () => {
        for (let i = start; i < end; i++)
          results.push(await importOne(ctx, files[i]!, readings[i]!, options, stored[i]));
      };
      if (options.commit && end - start > 1) await store.tx(save);
      else await save();
      await letThreadsAnswer();
    }
  } finally {
    await pool.close();
  }
  const refused = results.filter((r) => r.status === 'refused').length;
  const withWarnings = results.filter(
    (r) => r.status === 'imported_with_warnings' || r.status === 'ready_with_warnings',
  ).length;
  return { files: results, counts: { ok: results.length - refused - withWarnings, withWarnings, refused } };
}

const decode = (files: ParsedInput<'einvoiceImport.preview'>['files']) =>
  files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') }));

export function previewEInvoices(ctx: ServiceContext, input: ParsedInput<'einvoiceImport.preview'>) {
  return importEInvoiceFiles(ctx, decode(input.files), { commit: false, exchangeRates: input.exchangeRates });
}

export function commitEInvoices(ctx: ServiceContext, input: ParsedInput<'einvoiceImport.commit'>) {
  return importEInvoiceFiles(ctx, decode(input.files), {
    commit: true,
    createVendors: input.createVendors,
    exchangeRates: input.exchangeRates,
  });
}

function view(row: {
  id: number;
  file_name: string;
  file_sha256: string;
  container: 'xml' | 'pdf';
  data: string;
  findings: string;
  payable: number;
  imported_at: string;
}): EInvoiceView {
  const data = JSON.parse(row.data) as EInvoice;
  const spec = specificationName(data.customizationId);
  return {
    id: row.id,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    container: row.container,
    format:
      row.container === 'pdf'
        ? `Factur-X / ZUGFeRD PDF (${spec}, ${data.syntax})`
        : `${spec} (${data.syntax})`,
    data,
    findings: JSON.parse(row.findings) as RuleFinding[],
    payable: row.payable,
    importedAt: row.imported_at,
  };
}

export async function einvoiceForBill(ctx: ServiceContext, input: ParsedInput<'einvoices.forBill'>) {
  const row = await storeOf(ctx).first(
    qb.selectFrom('einvoices').selectAll().where('bill_id', '=', input.billId),
  );
  return { einvoice: row ? view(row) : null };
}

export async function einvoiceForVendorCredit(
  ctx: ServiceContext,
  input: ParsedInput<'einvoices.forVendorCredit'>,
) {
  const row = await storeOf(ctx).first(
    qb.selectFrom('einvoices').selectAll().where('vendor_credit_id', '=', input.vendorCreditId),
  );
  return { einvoice: row ? view(row) : null };
}

export async function listVendorCredits(ctx: ServiceContext, input: ParsedInput<'vendorCredits.list'>) {
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT c.*, b.vendor_invoice_number AS bill_number, e.id AS einvoice_id,
              c.total - (SELECT coalesce(sum(amount), 0) FROM vendor_credit_applications a
                         WHERE a.vendor_credit_id = c.id) AS remaining
       FROM vendor_credits c
       LEFT JOIN bills b ON b.id = c.bill_id LEFT JOIN einvoices e ON e.vendor_credit_id = c.id
       WHERE c.vendor_id = ? ORDER BY c.credit_date DESC, c.id DESC`,
    )
    .all(input.vendorId)) as {
    id: number;
    vendor_id: number;
    vendor_credit_number: string;
    credit_date: string;
    currency: string;
    subtotal: number;
    tax: number;
    total: number;
    invoice_reference: string;
    bill_id: number | null;
    bill_number: string | null;
    einvoice_id: number | null;
    remaining: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    vendorId: r.vendor_id,
    number: r.vendor_credit_number,
    creditDate: r.credit_date,
    currency: r.currency,
    subtotal: r.subtotal,
    tax: r.tax,
    total: r.total,
    invoiceReference: r.invoice_reference,
    bill: r.bill_id !== null ? { id: r.bill_id, number: r.bill_number ?? '' } : null,
    fromEInvoice: r.einvoice_id !== null,
    remaining: r.remaining,
  }));
}
