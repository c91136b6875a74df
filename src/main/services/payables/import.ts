import type { ParsedInput } from '../../../shared/api/contract';
import type { ImportRow } from '../../../shared/api/payables';
import { isCurrencyCode } from '../../../shared/domain/currencies';
import { isValidRate } from '../../../shared/domain/fx';
import { isIsoDate } from '../../../shared/domain/dates';
import { type EarlyPaymentTerms, parseTermsText } from '../../../shared/domain/early-payment';
import { decimalSeparatorOf, parseMoney } from '../../../shared/domain/money';
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
 * left half done. csv-parse is loaded on first use, not at start.
 */

const MAX_ROWS = 5000;

/** Header names people use, per field (compared lower-case, without punctuation). */
const ALIASES: Record<string, string[]> = {
  vendor: ['vendor', 'supplier', 'vendor name', 'supplier name', 'payee', 'company'],
  invoiceNumber: [
    'invoice number',
    'invoice no',
    'invoice',
    'vendor invoice number',
    'bill number',
    'number',
    'ref',
    'reference',
  ],
  billDate: ['bill date', 'date', 'invoice date', 'issue date'],
  dueDate: ['due date', 'due', 'payment due', 'due on'],
  currency: ['currency', 'ccy'],
  exchangeRate: ['exchange rate', 'rate', 'fx rate', 'fx'],
  amount: ['amount', 'net', 'net amount', 'subtotal', 'amount excl tax', 'amount before tax'],
  tax: ['tax', 'vat', 'gst', 'sales tax', 'tax amount', 'vat amount'],
  total: ['total', 'gross', 'total amount', 'amount incl tax', 'amount including tax'],
  category: ['category', 'expense category', 'account'],
  description: ['description', 'details', 'item', 'memo'],
  terms: ['terms', 'payment terms'],
  notes: ['notes', 'note', 'comment', 'comments'],
};

export const FIELD_LABELS: Record<string, string> = {
  vendor: 'Vendor',
  invoiceNumber: 'Invoice number',
  billDate: 'Bill date',
  dueDate: 'Due date',
  currency: 'Currency',
  exchangeRate: 'Exchange rate',
  amount: 'Amount',
  tax: 'Tax',
  total: 'Total',
  category: 'Category',
  description: 'Description',
  terms: 'Terms',
  notes: 'Notes',
};

const normalizeHeader = (h: string) =>
  h
    .toLowerCase()
    .replace(/[#.:_()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function mapHeaders(headers: string[]): { header: string; field: string | null }[] {
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
): Promise<{ headers: string[]; records: { line: number; cells: string[] }[] }> {
  const { parse } = await import('csv-parse/sync');
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(csv, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw fieldError(
      'csv',
      `The CSV file cannot be read${e.lines ? ` at line ${e.lines}` : ''}: ${String(e.message ?? error).replace(/^Invalid.*?: /, '')}. ` +
        'Save it again as CSV (comma- or semicolon-separated) and retry.',
    );
  }
  if (parsed.length === 0) throw fieldError('csv', 'The CSV file has no rows.');
  const [head, ...rest] = parsed;
  const records = rest
    .filter((r) => r.record.some((c) => c !== ''))
    .map((r) => ({ line: r.info.lines, cells: r.record }));
  if (records.length === 0) throw fieldError('csv', 'The CSV file has a header row but no bills under it.');
  if (records.length > MAX_ROWS)
    throw fieldError('csv', `The CSV file has ${records.length} rows; import at most ${MAX_ROWS} at a time.`);
  return { headers: head!.record, records };
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
  amount: number;
  tax: number;
  categoryId: number | null;
  description: string;
  notes: string;
}

async function interpret(ctx: ServiceContext, csv: string) {
  const { headers, records } = await readCsv(csv);
  const columns = mapHeaders(headers);
  const index = new Map(columns.flatMap((c, i) => (c.field ? [[c.field, i] as const] : [])));
  const missing = [
    ...(['vendor', 'billDate'] as const).filter((f) => !index.has(f)),
    ...(!index.has('amount') && !index.has('total') ? ['amount'] : []),
  ];
  if (missing.length)
    throw fieldError(
      'csv',
      `The CSV needs a column for ${missing.map((f) => FIELD_LABELS[f]).join(', ')}. ` +
        `Found: ${headers.join(', ') || 'no headers'}. Name the columns Vendor, Invoice number, Bill date, ` +
        'Due date, Amount, Tax, Currency, Exchange rate, Category, Description, Terms.',
    );

  const prefs = getPreferences(ctx);
  const separator = decimalSeparatorOf(prefs.locale);
  const store = storeOf(ctx);
  const vendors = store.all(
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
  const categories = store.all(qb.selectFrom('expense_categories').select(['id', 'name']).orderBy('name'));
  const categoryByName = new Map(categories.map((c) => [c.name.toLowerCase(), c.id]));
  const seenNumbers = new Map<string, number>();

  const rows = records.map(({ line, cells }): Interpreted => {
    const errors: { column: string; message: string }[] = [];
    const cell = (f: string) => (index.has(f) ? (cells[index.get(f)!] ?? '').trim() : '');
    const err = (f: string, message: string) => errors.push({ column: FIELD_LABELS[f]!, message });

    const vendorName = cell('vendor');
    const vendor = vendorName ? vendorByName.get(vendorName.toLowerCase()) : undefined;
    if (!vendorName) err('vendor', 'Enter the vendor’s name.');
    else if (vendorName.length > 200) err('vendor', 'The vendor name can be at most 200 characters.');
    else if (vendor?.archived_at) err('vendor', `${vendor.name} is archived. Restore the vendor first.`);

    const invoiceNumber = cell('invoiceNumber');
    if (invoiceNumber.length > 100) err('invoiceNumber', 'The invoice number can be at most 100 characters.');
    const key = invoiceKey(invoiceNumber);
    if (key && vendorName) {
      const dupKey = `${vendorName.toLowerCase()}|${key}`;
      const first = seenNumbers.get(dupKey);
      if (first !== undefined) err('invoiceNumber', `Row ${first} has the same vendor and invoice number.`);
      else seenNumbers.set(dupKey, line);
    }

    const billDate = cell('billDate');
    if (!billDate) err('billDate', 'Enter the bill date.');
    else if (!isIsoDate(billDate)) err('billDate', `“${billDate}” is not a date in the form YYYY-MM-DD.`);

    let terms: PaymentTerms | null = null;
    let earlyPayment: EarlyPaymentTerms | null | undefined = undefined;
    const termsText = cell('terms');
    if (termsText) {
      const t = parseTermsText(termsText);
      if (!t)
        err(
          'terms',
          `“${termsText}” are not terms Folio understands. Write them like “net 30” or “2/10 net 30”.`,
        );
      else {
        terms = t.terms;
        earlyPayment = t.earlyPayment;
      }
    }
    let dueDate = cell('dueDate');
    if (dueDate && !isIsoDate(dueDate)) err('dueDate', `“${dueDate}” is not a date in the form YYYY-MM-DD.`);
    else if (dueDate && isIsoDate(billDate) && dueDate < billDate)
      err('dueDate', `The due date is before the bill date, ${billDate}.`);
    if (!dueDate && isIsoDate(billDate)) {
      const vendorTerms = vendor ? parseTerms(vendor.payment_terms) : prefs.defaultPaymentTerms;
      dueDate = dueDateFor(billDate, terms ?? vendorTerms);
    }

    const currencyText = cell('currency').toUpperCase();
    const currency = currencyText || vendor?.currency || prefs.baseCurrency;
    if (currencyText && !isCurrencyCode(currencyText))
      err('currency', `“${cell('currency')}” is not a currency code such as EUR, USD or GBP.`);
    // A bill in another currency needs its rate; a comma is read as the decimal point.
    const rateText = cell('exchangeRate').replace(',', '.');
    let exchangeRate: string | undefined;
    if (isCurrencyCode(currency) && currency !== prefs.baseCurrency) {
      if (!rateText)
        err(
          index.has('exchangeRate') ? 'exchangeRate' : 'currency',
          `The bill is in ${currency}: enter its exchange rate (what 1 ${currency} is worth in ${prefs.baseCurrency}) in an Exchange rate column.`,
        );
      else if (!isValidRate(rateText))
        err('exchangeRate', `“${cell('exchangeRate')}” is not an exchange rate, like 1.0845.`);
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
        err(f, `“${text}” is not an amount in ${currency}.`);
        return null;
      }
      if (value < 0) {
        err(f, `${FIELD_LABELS[f]} cannot be negative.`);
        return null;
      }
      return value;
    };
    const amountValue = readMoney('amount');
    const taxValue = readMoney('tax') ?? 0;
    const totalValue = readMoney('total');
    let amount = amountValue ?? (totalValue !== null ? totalValue - taxValue : 0);
    if (
      amountValue === null &&
      totalValue === null &&
      !errors.some((e) => e.column === 'Amount' || e.column === 'Total')
    )
      err(index.has('amount') ? 'amount' : 'total', 'Enter the amount.');
    if (amountValue !== null && totalValue !== null && amountValue + taxValue !== totalValue)
      err('total', 'The total is not the amount plus the tax.');
    if (amount < 0) {
      err('tax', 'The tax is more than the total.');
      amount = 0;
    }
    if (amount + taxValue === 0 && (amountValue !== null || totalValue !== null))
      err(index.has('amount') ? 'amount' : 'total', 'The bill total must be more than zero.');

    const categoryText = cell('category');
    let categoryId: number | null = null;
    if (categoryText) {
      categoryId = categoryByName.get(categoryText.toLowerCase()) ?? null;
      if (categoryId === null)
        err(
          'category',
          `There is no category “${categoryText}”. Use one of: ${categories.map((c) => c.name).join(', ')}, or add it first.`,
        );
    }
    const description = cell('description');
    if (description.length > 500) err('description', 'The description can be at most 500 characters.');
    const notes = cell('notes');
    if (notes.length > 5000) err('notes', 'The notes can be at most 5000 characters.');

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
  });
  return { columns, rows };
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

export async function previewImport(ctx: ServiceContext, input: ParsedInput<'billImport.preview'>) {
  const { columns, rows } = await interpret(ctx, input.csv);
  const out: ImportRow[] = rows.map((r) => {
    let warnings: string[] = [];
    if (r.errors.length === 0 && r.vendorId !== null) {
      try {
        warnings = checkBill(ctx, prepareBill(ctx, fields(r, r.vendorId)), null).map((w) => w.message);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        r.errors.push({ column: 'Row', message: error.message });
      }
    }
    return {
      line: r.line,
      ok: r.errors.length === 0,
      errors: r.errors,
      vendorName: r.vendorName,
      newVendor: r.vendorId === null && r.vendorName !== '',
      vendorInvoiceNumber: r.invoiceNumber,
      billDate: r.billDate,
      dueDate: r.dueDate,
      currency: r.currency,
      total: r.amount + r.tax,
      warnings,
    };
  });
  const good = out.filter((r) => r.ok);
  return {
    columns: columns.map((c) => ({ header: c.header, field: c.field ? FIELD_LABELS[c.field]! : null })),
    rows: out,
    okCount: good.length,
    errorCount: out.length - good.length,
    newVendors: [...new Set(good.filter((r) => r.newVendor).map((r) => r.vendorName))],
  };
}

export async function commitImport(ctx: ServiceContext, input: ParsedInput<'billImport.commit'>) {
  const { rows } = await interpret(ctx, input.csv);
  const good = rows.filter((r) => r.errors.length === 0);
  if (good.length !== input.expectedRows)
    throw conflict(
      `The preview showed ${input.expectedRows} good rows but there are ${good.length} now: the file or your data ` +
        'changed. Nothing was imported; preview the file again.',
    );
  const prefs = getPreferences(ctx);
  return storeOf(ctx).tx(() => {
    const created = new Map<string, number>();
    const billIds: number[] = [];
    for (const r of good) {
      let vendorId = r.vendorId;
      if (vendorId === null) {
        const key = r.vendorName.toLowerCase();
        vendorId = created.get(key) ?? null;
        if (vendorId === null) {
          vendorId = createVendorInTx(ctx, {
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
            notes: `Created by importing ${input.fileName || 'a CSV file'}.`,
          });
          created.set(key, vendorId);
        }
      }
      try {
        billIds.push(insertBill(ctx, prepareBill(ctx, fields(r, vendorId)), { source: 'import' }));
      } catch (error) {
        // Rolls back the whole import: the user sees which row failed and nothing is stored.
        if (error instanceof AppError)
          throw new AppError('CONFLICT', `Row ${r.line}: ${error.message} Nothing was imported.`, 'csv');
        throw error;
      }
    }
    recordAudit(ctx, {
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
