import { msg } from '../../../shared/i18n';
import { labelText } from '../../../shared/api/fields';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ImportRow } from '../../../shared/api/payables';
import { isCurrencyCode } from '../../../shared/domain/currencies';
import { isValidRate, RATE_SCALE } from '../../../shared/domain/fx';
import { isIsoDate } from '../../../shared/domain/dates';
import { type EarlyPaymentTerms, parseTermsText } from '../../../shared/domain/early-payment';
import { decimalSeparatorOf, parseMoney } from '../../../shared/domain/money';
import { parseDecimalInput } from '../../../shared/domain/number-input';
import { detectDelimiter, parseCsvOffThread } from './csv-read';
import { dueDateFor, type PaymentTerms } from '../../../shared/domain/terms';
import { invoiceKey } from '../../../shared/domain/bill-checks';
import { bpToPercent } from '../../../shared/domain/bill-amounts';
import { AppError, conflict, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { parseTerms } from './common';
import { insertBill } from './bills';
import { checkBill } from './checks';
import { prepareBill, type BillFields } from './prepare';
import { createVendorInTx } from './vendors';

/**
 * Importing bills from a CSV file (one bill per row). The preview reads every row and says,
 * per row and column, what is wrong; nothing is stored. Commit reads the file again and
 * imports the good rows in one transaction, only if they are exactly the rows the user
 * confirmed: a file or data that changed in between is refused whole, so an import is never
 * left half done.
 *
 * Files come from many programs: the delimiter (`,` `;` tab) and the decimal separator of the
 * amounts are detected, dates may be YYYY-MM-DD or DD.MM.YYYY, and English and German headers
 * are recognised. The user can map each column to a field (the preview says what was guessed)
 * and says whether an "Amount" column includes tax; the preview shows the totals it will book.
 * The file is parsed on a worker thread and the rows are checked in slices, so other calls
 * keep being answered during a large import.
 */

const MAX_ROWS = 5000;

/** Header names people use, per field (compared lower-case, without punctuation), English and German. */
const ALIASES: Record<string, string[]> = {
  vendor: [
    'vendor',
    'supplier',
    'vendor name',
    'supplier name',
    'payee',
    'company',
    'lieferant',
    'lieferantenname',
    'kreditor',
    'rechnungssteller',
    'firma',
  ],
  invoiceNumber: [
    'invoice number',
    'invoice no',
    'invoice',
    'vendor invoice number',
    'bill number',
    'number',
    'ref',
    'reference',
    'rechnungsnummer',
    'rechnungsnr',
    're nr',
    'belegnummer',
    'belegnr',
  ],
  billDate: ['bill date', 'date', 'invoice date', 'issue date', 'rechnungsdatum', 'belegdatum', 'datum'],
  dueDate: [
    'due date',
    'due',
    'payment due',
    'due on',
    'fällig',
    'fällig am',
    'fälligkeit',
    'fälligkeitsdatum',
  ],
  currency: ['currency', 'ccy', 'währung', 'waehrung'],
  exchangeRate: ['exchange rate', 'rate', 'fx rate', 'fx', 'wechselkurs', 'kurs'],
  /** Tax included or not, as the user says (see amountsIncludeTax). */
  amount: ['amount', 'betrag'],
  net: [
    'net',
    'net amount',
    'subtotal',
    'amount excl tax',
    'amount before tax',
    'netto',
    'nettobetrag',
    'betrag netto',
  ],
  tax: [
    'tax',
    'vat',
    'gst',
    'sales tax',
    'tax amount',
    'vat amount',
    'mwst',
    'ust',
    'steuer',
    'vorsteuer',
    'steuerbetrag',
    'mwst betrag',
    'ust betrag',
  ],
  total: [
    'total',
    'gross',
    'total amount',
    'amount incl tax',
    'amount including tax',
    'brutto',
    'bruttobetrag',
    'betrag brutto',
    'gesamt',
    'gesamtbetrag',
    'rechnungsbetrag',
    'summe',
  ],
  category: ['category', 'expense category', 'account', 'kategorie', 'konto', 'sachkonto'],
  description: [
    'description',
    'details',
    'item',
    'memo',
    'beschreibung',
    'bezeichnung',
    'buchungstext',
    'text',
  ],
  terms: ['terms', 'payment terms', 'zahlungsbedingungen', 'zahlungsziel'],
  notes: ['notes', 'note', 'comment', 'comments', 'notiz', 'notizen', 'bemerkung', 'kommentar'],
};

export const FIELD_LABELS: Record<string, string> = {
  vendor: 'fields.vendor',
  invoiceNumber: 'fields.invoiceNumber',
  billDate: 'fields.billDate',
  dueDate: 'fields.dueDate',
  currency: 'fields.currency',
  exchangeRate: 'fields.exchangeRate',
  amount: 'fields.amount',
  net: 'fields.netAmount',
  tax: 'fields.tax',
  total: 'fields.total',
  category: 'fields.category',
  description: 'fields.description',
  terms: 'fields.terms',
  notes: 'fields.notes',
};

/** Rows checked between two turns of the event loop, so other calls are answered meanwhile. */
const SLICE = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ImportOptions {
  /** One field (or null: ignore) per column, in column order; absent: the guesses. */
  mapping?: (string | null)[] | undefined;
  /** Whether an "Amount" column includes tax; absent: guessed (see guessIncludesTax). */
  amountsIncludeTax?: boolean | null | undefined;
}

const normalizeHeader = (h: string) =>
  h
    .toLowerCase()
    .replace(/[#.:_()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function mapHeaders(
  headers: string[],
  mapping?: (string | null)[],
): { header: string; field: string | null }[] {
  if (mapping) {
    if (mapping.length !== headers.length)
      throw fieldError('mapping', msg('errors.import.fileHasHeadersColumns', { headers: headers.length }));
    const seen = new Set<string>();
    return headers.map((header, i) => {
      const field = mapping[i] ?? null;
      if (field !== null && !(field in FIELD_LABELS))
        throw fieldError(`mapping.${i}`, msg('errors.import.fieldNotFieldBill', { field }));
      if (field !== null && seen.has(field))
        throw fieldError(
          `mapping.${i}`,
          msg('errors.import.fieldChosenForTwo', { field: labelText(FIELD_LABELS[field]!) }),
        );
      if (field !== null) seen.add(field);
      return { header, field };
    });
  }
  const used = new Set<string>();
  return headers.map((header) => {
    const h = normalizeHeader(header);
    const field =
      Object.entries(ALIASES).find(([f, names]) => !used.has(f) && names.includes(h))?.[0] ?? null;
    if (field) used.add(field);
    return { header, field };
  });
}

async function readCsv(
  csv: string,
): Promise<{ headers: string[]; records: { line: number; cells: string[] }[]; delimiter: string }> {
  const delimiter = detectDelimiter(csv);
  const parsed = await parseCsvOffThread({ csv, delimiter });
  if (!parsed.ok)
    throw fieldError(
      'csv',
      parsed.line
        ? msg('errors.import.csvUnreadableAtLine', {
            line: parsed.line,
            problem: parsed.message.replace(/^Invalid.*?: /, ''),
          })
        : msg('errors.import.csvUnreadable', { problem: parsed.message.replace(/^Invalid.*?: /, '') }),
    );
  if (parsed.records.length === 0) throw fieldError('csv', msg('errors.import.csvFileHasNo'));
  const [head, ...rest] = parsed.records;
  const records = rest.filter((r) => r.cells.some((c) => c !== ''));
  if (records.length === 0) throw fieldError('csv', msg('errors.import.csvFileHasHeader'));
  if (records.length > MAX_ROWS)
    throw fieldError('csv', msg('errors.import.csvFileHasRecords', { records: records.length, MAX_ROWS }));
  return { headers: head!.cells, records, delimiter };
}

/**
 * A bare "Amount" is what the bill says is to pay, tax included, unless the file also has a
 * total column (then Amount is the net beside it).
 */
function guessIncludesTax(fields: Set<string>): boolean {
  return !fields.has('total');
}

/** "2026-03-05" or "05.03.2026" (German) as YYYY-MM-DD; null when neither. */
function readDate(text: string): string | null {
  if (isIsoDate(text)) return text;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The file's decimal separator, from its money cells ("205,50" vs "205.50"); else the locale's. */
function detectDecimal(cells: string[], fallback: '.' | ','): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const c of cells) {
    if (/\d,\d{1,2}(\D*)$/.test(c) && !/\d\.\d{1,2}(\D*)$/.test(c)) comma++;
    else if (/\d\.\d{1,2}(\D*)$/.test(c)) dot++;
  }
  return comma > dot ? ',' : dot > comma ? '.' : fallback;
}

/** A file without a column a bill needs: the preview still shows its columns, to map them. */
class MissingColumns extends AppError {
  constructor(
    readonly columns: { header: string; field: string | null }[],
    message: string,
  ) {
    super('VALIDATION', message, 'csv');
  }
}

interface Interpreted {
  line: number;
  errors: { column: string; message: string }[];
  vendorName: string;
  vendorId: number | null;
  invoiceNumber: string;
  billDate: string;
  dueDate: string;
  terms: PaymentTerms | null;
  earlyPayment: EarlyPaymentTerms | null | undefined;
  currency: string;
  exchangeRate: string | undefined;
  /** Net, excluding tax. */
  amount: number;
  tax: number;
  categoryId: number | null;
  description: string;
  notes: string;
}

async function interpret(ctx: ServiceContext, csv: string, options: ImportOptions = {}) {
  const { headers, records, delimiter } = await readCsv(csv);
  const columns = mapHeaders(headers, options.mapping);
  const index = new Map(columns.flatMap((c, i) => (c.field ? [[c.field, i] as const] : [])));
  const missing = [
    ...(['vendor', 'billDate'] as const).filter((f) => !index.has(f)),
    ...(!index.has('amount') && !index.has('total') && !index.has('net') ? ['amount'] : []),
  ];
  if (missing.length)
    throw new MissingColumns(
      columns,
      msg('errors.import.missingColumns', {
        missing: missing.map((f) => labelText(FIELD_LABELS[f]!)).join(', '),
        found: headers.join(', ') || msg('errors.import.noHeaders'),
      }),
    );
  const amountsIncludeTax = options.amountsIncludeTax ?? guessIncludesTax(new Set(index.keys()));
  // An "Amount" column is the net or the total, as the user said.
  const amountAs = amountsIncludeTax ? 'total' : 'net';
  if (index.has('amount') && index.has(amountAs))
    throw fieldError(
      'amountsIncludeTax',
      amountsIncludeTax ? msg('errors.import.amountAndTotal') : msg('errors.import.amountAndNet'),
    );
  if (index.has('amount')) {
    index.set(amountAs, index.get('amount')!);
    index.delete('amount');
  }

  const prefs = await getPreferences(ctx);
  const moneyCells = records.flatMap(({ cells }) =>
    ['net', 'tax', 'total'].flatMap((f) => (index.has(f) ? [cells[index.get(f)!] ?? ''] : [])),
  );
  const separator = detectDecimal(moneyCells, decimalSeparatorOf(prefs.locale));
  const store = storeOf(ctx);
  const vendors = await store.all(
    qb
      .selectFrom('vendors')
      .select(['id', 'name', 'currency', 'payment_terms', 'discount_bp', 'discount_days', 'archived_at'])
      .orderBy('id'),
  );
  const vendorByName = new Map<string, (typeof vendors)[number]>();
  for (const v of vendors) {
    const key = v.name.trim().toLowerCase();
    const prev = vendorByName.get(key);
    if (!prev || (prev.archived_at && !v.archived_at)) vendorByName.set(key, v);
  }
  const categories = await store.all(
    qb.selectFrom('expense_categories').select(['id', 'name']).orderBy('name'),
  );
  const categoryByName = new Map(categories.map((c) => [c.name.toLowerCase(), c.id]));
  const seenNumbers = new Map<string, number>();

  const interpretRow = ({ line, cells }: { line: number; cells: string[] }): Interpreted => {
    const errors: { column: string; message: string }[] = [];
    const cell = (f: string) => (index.has(f) ? (cells[index.get(f)!] ?? '').trim() : '');
    // A message names the column as the file does ("Betrag"), or the field when there is none.
    const err = (f: string, message: string) =>
      errors.push({ column: index.has(f) ? headers[index.get(f)!]! : labelText(FIELD_LABELS[f]!), message });

    const vendorName = cell('vendor');
    const vendor = vendorName ? vendorByName.get(vendorName.toLowerCase()) : undefined;
    if (!vendorName) err('vendor', msg('csv.import.enterVendor'));
    else if (vendorName.length > 200) err('vendor', msg('csv.import.vendorTooLong', { max: 200 }));
    else if (vendor?.archived_at) err('vendor', `${vendor.name} is archived. Restore the vendor first.`);

    const invoiceNumber = cell('invoiceNumber');
    if (invoiceNumber.length > 100)
      err('invoiceNumber', msg('csv.import.invoiceNumberTooLong', { max: 100 }));
    const key = invoiceKey(invoiceNumber);
    if (key && vendorName) {
      const dupKey = `${vendorName.toLowerCase()}|${key}`;
      const first = seenNumbers.get(dupKey);
      if (first !== undefined) err('invoiceNumber', msg('csv.import.duplicateRow', { row: first }));
      else seenNumbers.set(dupKey, line);
    }

    const billDateText = cell('billDate');
    const billDate = readDate(billDateText) ?? billDateText;
    if (!billDateText) err('billDate', msg('csv.import.enterBillDate'));
    else if (!isIsoDate(billDate)) err('billDate', msg('csv.import.notADate', { text: billDateText }));

    let terms: PaymentTerms | null = null;
    let earlyPayment: EarlyPaymentTerms | null | undefined = undefined;
    const termsText = cell('terms');
    if (termsText) {
      const t = parseTermsText(termsText);
      if (!t) err('terms', msg('csv.import.unknownTerms', { text: termsText }));
      else {
        terms = t.terms;
        earlyPayment = t.earlyPayment;
      }
    }
    const dueText = cell('dueDate');
    let dueDate = dueText ? (readDate(dueText) ?? dueText) : '';
    if (dueDate && !isIsoDate(dueDate)) err('dueDate', msg('csv.import.notADate', { text: dueText }));
    else if (dueDate && isIsoDate(billDate) && dueDate < billDate)
      err('dueDate', msg('csv.import.dueBeforeBillDate', { date: billDate }));
    if (!dueDate && isIsoDate(billDate)) {
      const vendorTerms = vendor ? parseTerms(vendor.payment_terms) : prefs.defaultPaymentTerms;
      dueDate = dueDateFor(billDate, terms ?? vendorTerms);
    }

    const currencyText = cell('currency').toUpperCase();
    const currency = currencyText || vendor?.currency || prefs.baseCurrency;
    if (currencyText && !isCurrencyCode(currencyText))
      err('currency', msg('csv.import.notACurrency', { text: cell('currency') }));
    // A bill in another currency needs its rate, read as every typed number is.
    const rateText = parseDecimalInput(cell('exchangeRate'), separator, RATE_SCALE) ?? cell('exchangeRate');
    let exchangeRate: string | undefined;
    if (isCurrencyCode(currency) && currency !== prefs.baseCurrency) {
      if (!rateText)
        err(
          index.has('exchangeRate') ? 'exchangeRate' : 'currency',
          msg('csv.import.needsRate', { currency, base: prefs.baseCurrency }),
        );
      else if (!isValidRate(rateText))
        err('exchangeRate', msg('csv.import.notARate', { text: cell('exchangeRate') }));
      else exchangeRate = rateText;
    }

    const readMoney = (f: string): number | null => {
      const text = cell(f);
      if (!text) return null;
      // "€1,200.50", "1.200,50 EUR" and "1200.50" are amounts; "12.3x" is not.
      const value = isCurrencyCode(currency)
        ? parseMoney(
            text
              .replace(new RegExp(`^(${currency}|[€$£¥])\\s*`, 'i'), '')
              .replace(new RegExp(`\\s*(${currency}|[€$£¥])$`, 'i'), ''),
            currency,
            separator,
          )
        : null;
      if (value === null) {
        err(f, msg('csv.import.notAnAmount', { text, currency }));
        return null;
      }
      if (value < 0) {
        err(f, msg('csv.import.negative', { label: labelText(FIELD_LABELS[f]!) }));
        return null;
      }
      return value;
    };
    const netValue = readMoney('net');
    const taxValue = readMoney('tax') ?? 0;
    const totalValue = readMoney('total');
    let amount = netValue ?? (totalValue !== null ? totalValue - taxValue : 0);
    const amountField = index.has('total') ? 'total' : 'net';
    if (
      netValue === null &&
      totalValue === null &&
      !errors.some((e) => ['net', 'total'].some((f) => index.has(f) && e.column === headers[index.get(f)!]))
    )
      err(amountField, msg('csv.import.enterAmount'));
    if (netValue !== null && totalValue !== null && netValue + taxValue !== totalValue)
      err('total', msg('csv.import.totalMismatch'));
    if (amount < 0) {
      err('tax', msg('csv.import.taxAboveTotal'));
      amount = 0;
    }
    if (amount + taxValue === 0 && (netValue !== null || totalValue !== null))
      err(amountField, msg('csv.import.totalNotPositive'));

    const categoryText = cell('category');
    let categoryId: number | null = null;
    if (categoryText) {
      categoryId = categoryByName.get(categoryText.toLowerCase()) ?? null;
      if (categoryId === null)
        err(
          'category',
          msg('csv.import.unknownCategory', {
            text: categoryText,
            categories: categories.map((c) => c.name).join(', '),
          }),
        );
    }
    const description = cell('description');
    if (description.length > 500) err('description', msg('csv.import.descriptionTooLong', { max: 500 }));
    const notes = cell('notes');
    if (notes.length > 5000) err('notes', msg('csv.import.notesTooLong', { max: 5000 }));

    return {
      line,
      errors,
      vendorName: vendor?.name ?? vendorName,
      vendorId: vendor && !vendor.archived_at ? vendor.id : null,
      invoiceNumber,
      billDate,
      dueDate,
      terms,
      earlyPayment,
      currency,
      exchangeRate,
      amount,
      tax: taxValue,
      categoryId,
      description,
      notes,
    };
  };
  const rows: Interpreted[] = [];
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    rows.push(interpretRow(records[i]!));
  }
  return { columns, rows, delimiter, decimalSeparator: separator, amountsIncludeTax };
}

function fields(r: Interpreted, vendorId: number): BillFields {
  return {
    vendorId,
    vendorInvoiceNumber: r.invoiceNumber,
    billDate: r.billDate,
    dueDate: r.dueDate || null,
    terms: r.terms,
    currency: r.currency,
    exchangeRate: r.exchangeRate,
    ...(r.earlyPayment !== undefined
      ? {
          earlyPayment: r.earlyPayment
            ? { discountPercent: bpToPercent(r.earlyPayment.discountBp), days: r.earlyPayment.days }
            : null,
        }
      : {}),
    purchaseOrderId: null,
    lines: [
      {
        description: r.description,
        categoryId: r.categoryId,
        quantity: 1,
        unitPrice: r.amount,
        tax: r.tax,
        purchaseOrderLineId: null,
      },
    ],
    notes: r.notes,
    attachments: [],
    status: 'awaiting_payment',
  };
}

const columnsOut = (columns: { header: string; field: string | null }[]) =>
  columns.map((c) => ({ header: c.header, field: c.field ? FIELD_LABELS[c.field]! : null, key: c.field }));

export async function previewImport(ctx: ServiceContext, input: ParsedInput<'billImport.preview'>) {
  let interpreted;
  try {
    interpreted = await interpret(ctx, input.csv, input);
  } catch (error) {
    if (!(error instanceof MissingColumns)) throw error;
    // Nothing can be read yet: say what is missing and offer the columns to map.
    return {
      problem: error.message,
      delimiter: detectDelimiter(input.csv),
      decimalSeparator: decimalSeparatorOf((await getPreferences(ctx)).locale),
      amountsIncludeTax: input.amountsIncludeTax ?? true,
      hasAmountColumn: error.columns.some((c) => c.field === 'amount'),
      fields: Object.entries(FIELD_LABELS).map(([field, label]) => ({ field, label })),
      totals: [],
      columns: columnsOut(error.columns),
      rows: [],
      okCount: 0,
      errorCount: 0,
      newVendors: [],
    };
  }
  const { columns, rows, delimiter, decimalSeparator, amountsIncludeTax } = interpreted;
  const out: ImportRow[] = [];
  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    let warnings: string[] = [];
    if (r.errors.length === 0 && r.vendorId !== null) {
      try {
        warnings = (await checkBill(ctx, await prepareBill(ctx, fields(r, r.vendorId)), null)).map(
          (w) => w.message,
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        r.errors.push({ column: msg('csv.import.row'), message: error.message });
      }
    }
    out.push({
      line: r.line,
      ok: r.errors.length === 0,
      errors: r.errors,
      vendorName: r.vendorName,
      newVendor: r.vendorId === null && r.vendorName !== '',
      vendorInvoiceNumber: r.invoiceNumber,
      billDate: r.billDate,
      dueDate: r.dueDate,
      currency: r.currency,
      net: r.amount,
      tax: r.tax,
      total: r.amount + r.tax,
      warnings,
    });
  }
  const good = out.filter((r) => r.ok);
  const totals = new Map<
    string,
    { currency: string; bills: number; net: number; tax: number; total: number }
  >();
  for (const r of good) {
    const t = totals.get(r.currency) ?? { currency: r.currency, bills: 0, net: 0, tax: 0, total: 0 };
    t.bills++;
    t.net += r.net;
    t.tax += r.tax;
    t.total += r.total;
    totals.set(r.currency, t);
  }
  return {
    problem: null,
    delimiter,
    decimalSeparator,
    amountsIncludeTax,
    hasAmountColumn: columns.some((c) => c.field === 'amount'),
    fields: Object.entries(FIELD_LABELS).map(([field, label]) => ({ field, label })),
    totals: [...totals.values()],
    columns: columnsOut(columns),
    rows: out,
    okCount: good.length,
    errorCount: out.length - good.length,
    newVendors: [...new Set(good.filter((r) => r.newVendor).map((r) => r.vendorName))],
  };
}

export async function commitImport(ctx: ServiceContext, input: ParsedInput<'billImport.commit'>) {
  const { rows } = await interpret(ctx, input.csv, input);
  const good = rows.filter((r) => r.errors.length === 0);
  if (good.length !== input.expectedRows)
    throw conflict(
      msg('errors.import.previewShowedExpectedrowsGood', {
        expectedRows: input.expectedRows,
        good: good.length,
      }),
    );
  const prefs = await getPreferences(ctx);
  return await storeOf(ctx).tx(async () => {
    const created = new Map<string, number>();
    const billIds: number[] = [];
    for (const r of good) {
      let vendorId = r.vendorId;
      if (vendorId === null) {
        const key = r.vendorName.toLowerCase();
        vendorId = created.get(key) ?? null;
        if (vendorId === null) {
          vendorId = await createVendorInTx(ctx, {
            name: r.vendorName,
            contactName: '',
            email: '',
            phone: '',
            address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
            taxNumber: '',
            currency: r.currency,
            defaultCategoryId: r.categoryId,
            paymentTerms: r.terms ?? prefs.defaultPaymentTerms,
            earlyPayment: r.earlyPayment
              ? { discountPercent: bpToPercent(r.earlyPayment.discountBp), days: r.earlyPayment.days }
              : null,
            bankDetails: '',
            iban: '',
            bic: '',
            notes: input.fileName
              ? msg('csv.import.createdFrom', { file: input.fileName })
              : msg('csv.import.createdFromCsv'),
          });
          created.set(key, vendorId);
        }
      }
      try {
        billIds.push(
          await insertBill(ctx, await prepareBill(ctx, fields(r, vendorId)), { source: 'import' }),
        );
      } catch (error) {
        // Rolls back the whole import: the user sees which row failed and nothing is stored.
        if (error instanceof AppError)
          throw new AppError(
            'CONFLICT',
            msg('errors.import.rowLineMessageNothing', { line: r.line, message: error.message }),
            'csv',
          );
        throw error;
      }
    }
    await recordAudit(ctx, {
      entity: 'bill_import',
      entityId: input.fileName || 'csv',
      action: 'import',
      details: {
        imported: billIds.length,
        skipped: rows.length - good.length,
        vendorsCreated: created.size,
        firstBillId: billIds[0] ?? null,
        lastBillId: billIds.at(-1) ?? null,
      },
    });
    return {
      imported: billIds.length,
      skipped: rows.length - good.length,
      vendorsCreated: created.size,
      billIds,
    };
  });
}
