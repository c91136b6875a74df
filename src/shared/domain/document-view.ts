/**
 * The view model of every printed document: what a PDF shows, as text already formatted
 * for the business locale, with figures from the shared totals function. The PDF renderer
 * only places these strings; the tests read them back from the PDF.
 *
 * Six kinds: invoice, quote, credit note, payment receipt, customer statement and payment
 * reminder letter. Each builder is a pure function of the record and the settings.
 */
import type { Document } from '../api/documents';
import type { Payment } from '../api/payments';
import { addressLines } from './address';
import { formatDate, type IsoDate } from './dates';
import { epcPayload } from './epc';
import { fileNameFrom } from './file-names';
import { formatIban } from './iban';
import { formatMoney } from './money';
import { type ReminderLevelNumber } from './reminders';
import { documentTranslator, type DocT } from './document-language';
import { computeTotals, type DocumentTotals } from './totals';
import { describeTerms } from './terms';

export const VIEW_KINDS = ['invoice', 'quote', 'credit_note', 'receipt', 'statement', 'reminder'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
/** Where the recipient's address goes: the window of a DIN 5008 (form B) or a US #10 envelope. */
export const ADDRESS_POSITIONS = ['din5008', 'us10'] as const;
export type AddressPosition = (typeof ADDRESS_POSITIONS)[number];

export interface DocumentSettings {
  paperSize: PaperSize;
  accentColor: string;
  addressPosition: AddressPosition;
  fileNamePattern: string;
  showLogo: boolean;
  paymentInstructions: string;
  bankName: string;
  accountHolder: string;
  iban: string;
  bic: string;
  /** Print an EPC (SEPA) payment QR code on euro invoices when an IBAN is set. */
  epcQr: boolean;
  /** Printed at the bottom of every page when a document has no footer of its own. */
  defaultFooter: string;
}

export interface ViewBusiness {
  name: string;
  address: {
    line1: string;
    line2: string;
    city: string;
    region: string;
    postalCode: string;
    country: string;
  };
  email: string;
  phone: string;
  website: string;
  taxNumber: string;
  hasLogo: boolean;
}

export interface ViewContext {
  business: ViewBusiness;
  locale: string;
  settings: DocumentSettings;
  today: IsoDate;
  /** The small-business exemption's note (§ 19 UStG) when it is on, printed under the totals. */
  smallBusinessNote?: string | null;
  /** The document's words (documentTranslator); English when not given. */
  t?: DocT;
}

const englishT = (): DocT => documentTranslator('en');
const tOf = (ctx: ViewContext): DocT => ctx.t ?? englishT();

export interface ViewCustomer {
  name: string;
  contactPerson: string;
  addressLines: string[];
  taxNumber: string;
}

export interface ViewColumn {
  key: string;
  label: string;
  align: 'left' | 'right';
  /** Fixed width in points, or null for the column that takes the rest and wraps. */
  width: number | null;
}

export interface ViewRow {
  kind: 'item' | 'heading' | 'note';
  cells: Record<string, string>;
  /** Smaller text under the description: a line discount, an exemption reason. */
  sub?: string;
}

export interface ViewTotal {
  label: string;
  value: string;
  emphasis?: 'strong' | 'due';
}

export interface DocumentView {
  kind: ViewKind;
  paper: PaperSize;
  addressPosition: AddressPosition;
  accent: string;
  locale: string;
  /** Big title: "Invoice", "Final notice". */
  title: string;
  /** PDF metadata; the date is the document's own, so the same document gives the same bytes. */
  metadata: { title: string; author: string; subject: string; date: IsoDate };
  fileName: string;
  mark: { text: string; tone: 'grey' | 'green' | 'red' } | null;
  showLogo: boolean;
  business: { name: string; lines: string[] };
  /** The sender line above the window address. */
  returnAddress: string;
  recipient: { name: string; lines: string[] };
  meta: { label: string; value: string }[];
  /** Paragraphs before the table (the reminder letter's text). */
  intro: string[];
  table: { columns: ViewColumn[]; rows: ViewRow[]; emptyText: string };
  totals: ViewTotal[];
  /** Small print under the totals: exemption reasons, "prices include tax". */
  taxNotes: string[];
  payment: { title: string; lines: string[]; epc: string | null } | null;
  sections: { title: string; text: string }[];
  footer: string;
  /** Heading of pages 2 and later: "Invoice INV-2026-0042 (continued)". */
  continued: string;
  /** Words the renderer places itself: "Page {page} of {count}" and the QR code's caption. */
  words: { page: string; qrCaption: string };
}

/** Catalogue keys of each document type's title (also its {type} in file names and emails). */
export const TITLE_KEYS = {
  invoice: 'doc.title.invoice',
  quote: 'doc.title.quote',
  credit_note: 'doc.title.creditNote',
} as const;
const NUMBER_LABELS = {
  invoice: 'doc.meta.invoiceNo',
  quote: 'doc.meta.quoteNo',
  credit_note: 'doc.meta.creditNoteNo',
} as const;
export const REMINDER_TITLE_KEYS = {
  1: 'doc.title.reminder1',
  2: 'doc.title.reminder2',
  3: 'doc.title.reminder3',
} as const;

/** Regions where the tax number of a business is usually called a tax ID, not a VAT number. */
const TAX_ID_REGIONS = new Set(['US', 'CA', 'AU', 'NZ', 'IN', 'JP', 'BR', 'MX', 'SG']);

/** The country of a locale ("en-US" -> "US", "de" -> "DE"), or '' when it cannot tell. */
export function regionOf(locale: string): string {
  try {
    return new Intl.Locale(locale).maximize().region ?? '';
  } catch {
    return '';
  }
}

function usesTaxId(locale: string): boolean {
  return TAX_ID_REGIONS.has(regionOf(locale));
}

function customerTaxLabel(t: DocT, locale: string): string {
  return usesTaxId(locale) ? t('doc.meta.customerTaxId') : t('doc.meta.customerVatNo');
}

/** The lines of a postal address as printed: the one formatter, in address.ts. */
export const addressLinesOf = addressLines;

const quantityFormats = new Map<string, Intl.NumberFormat>();
/** "6.5" -> "6.5" (en) or "6,5" (de), exactly: Intl formats the decimal text, no float. */
export function formatQuantity(quantity: string, locale: string): string {
  let f = quantityFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    quantityFormats.set(locale, f);
  }
  return f.format(quantity as unknown as number);
}

export function formatPercent(percent: string, locale: string): string {
  return `${formatQuantity(percent, locale)}%`;
}

function businessBlock(ctx: ViewContext): DocumentView['business'] {
  const b = ctx.business;
  const lines = addressLinesOf(b.address);
  const contact = [b.phone, b.email].filter(Boolean);
  if (contact.length) lines.push(contact.join(' · '));
  if (b.website) lines.push(b.website);
  if (b.taxNumber) {
    const t = tOf(ctx);
    lines.push(
      usesTaxId(ctx.locale)
        ? t('doc.business.taxId', { number: b.taxNumber })
        : t('doc.business.vatNo', { number: b.taxNumber }),
    );
  }
  return { name: b.name, lines };
}

function returnAddress(b: ViewBusiness): string {
  // The sender line above the window: name, street and town (the second line and a
  // region-only line are left out to keep it on one line).
  const lines = addressLines({ ...b.address, line2: '' });
  return [b.name, ...lines].filter((s) => s.trim() !== '').join(' · ');
}

function paymentBlock(
  ctx: ViewContext,
  due: number,
  currency: string,
  reference: string,
): DocumentView['payment'] {
  const s = ctx.settings;
  const t = tOf(ctx);
  const lines: string[] = [];
  for (const line of s.paymentInstructions.split('\n')) if (line.trim()) lines.push(line.trim());
  if (s.bankName) lines.push(t('doc.payment.bank', { name: s.bankName }));
  const holder = s.accountHolder || ctx.business.name;
  if (s.iban) {
    lines.push(t('doc.payment.accountHolder', { name: holder }));
    lines.push(t('doc.payment.iban', { iban: formatIban(s.iban) }));
  }
  if (s.bic) lines.push(t('doc.payment.bic', { bic: s.bic.toUpperCase() }));
  if (reference) lines.push(t('doc.payment.reference', { reference }));
  const epc =
    s.epcQr && s.iban
      ? epcPayload({ name: holder, iban: s.iban, bic: s.bic, amount: due, currency, remittance: reference })
      : null;
  if (lines.length === (reference ? 1 : 0) && !epc) return null;
  return { title: t('doc.payment.title'), lines, epc };
}

function fileName(ctx: ViewContext, type: string, number: string, customer: string, date: IsoDate) {
  return fileNameFrom(ctx.settings.fileNamePattern, { number, customer, type, date });
}

function common(ctx: ViewContext) {
  const t = tOf(ctx);
  return {
    words: {
      page: t('doc.page', { page: '{page}', count: '{count}' }),
      qrCaption: t('doc.payment.qrCaption'),
    },
    paper: ctx.settings.paperSize,
    addressPosition: ctx.settings.addressPosition,
    accent: ctx.settings.accentColor,
    locale: ctx.locale,
    showLogo: ctx.settings.showLogo && ctx.business.hasLogo,
    business: businessBlock(ctx),
    returnAddress: returnAddress(ctx.business),
  };
}

function sections(t: DocT, notes: string, terms: string): DocumentView['sections'] {
  const out: DocumentView['sections'] = [];
  if (notes.trim()) out.push({ title: t('doc.section.notes'), text: notes.trim() });
  if (terms.trim()) out.push({ title: t('doc.section.terms'), text: terms.trim() });
  return out;
}

/** The document's figures through THE totals function, from its lines and its tax snapshot. */
export function documentTotals(doc: Document): DocumentTotals {
  return computeTotals({
    pricesIncludeTax: doc.pricesIncludeTax,
    taxRounding: doc.taxRounding,
    lines: doc.lines.map((l) => ({
      kind: l.kind,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      taxIds: l.taxIds,
    })),
    discount: doc.discount,
    shipping: doc.shipping,
    shippingTaxIds: doc.shippingTaxIds,
    taxes: doc.totals.taxes.map((t) => ({
      id: t.taxId,
      name: t.name,
      percent: t.percent,
      compound: t.compound,
    })),
  });
}

function markOf(t: DocT, doc: { status: string; type: string }): DocumentView['mark'] {
  if (doc.status === 'draft') return { text: t('doc.mark.draft'), tone: 'grey' };
  if (doc.status === 'void') return { text: t('doc.mark.void'), tone: 'red' };
  if (doc.type === 'invoice' && doc.status === 'paid') return { text: t('doc.mark.paid'), tone: 'green' };
  return null;
}

/** What is still owed on an invoice: its balance once issued, its total while a draft. */
export function amountDueOf(doc: Pick<Document, 'status' | 'total' | 'balance'>): number {
  if (doc.status === 'void') return 0;
  return doc.status === 'draft' ? doc.total : doc.balance;
}

/** Invoice, quote or credit note. */
export function buildDocumentView(doc: Document, ctx: ViewContext): DocumentView {
  const { locale } = ctx;
  const t = tOf(ctx);
  const money = (minor: number) => formatMoney(minor, doc.currency, locale);
  const date = (iso: string) => formatDate(iso, locale);
  const totals = documentTotals(doc);
  const title = t(TITLE_KEYS[doc.type]);
  const number = doc.number ?? t('doc.draftNumber', { id: doc.id });
  const taxById = new Map(doc.totals.taxes.map((t) => [t.taxId, t]));
  const hasTax = doc.totals.taxes.length > 0;

  const columns: ViewColumn[] = [
    { key: 'description', label: t('doc.column.description'), align: 'left', width: null },
    { key: 'quantity', label: t('doc.column.quantity'), align: 'right', width: 58 },
    {
      key: 'price',
      label: doc.pricesIncludeTax ? t('doc.column.priceInclTax') : t('doc.column.unitPrice'),
      align: 'right',
      width: 70,
    },
    ...(hasTax ? [{ key: 'tax', label: t('doc.column.tax'), align: 'right' as const, width: 44 }] : []),
    { key: 'amount', label: t('doc.column.amount'), align: 'right', width: 78 },
  ];

  const rows: ViewRow[] = doc.lines.map((line, i): ViewRow => {
    if (line.kind !== 'item') return { kind: line.kind, cells: { description: line.description } };
    const lt = totals.lines[i]!;
    const subs: string[] = [];
    if (line.discount && lt.lineDiscount !== 0) {
      const what =
        line.discount.kind === 'percent'
          ? t('doc.discountPercent', { percent: formatPercent(line.discount.percent, locale) })
          : t('doc.discount');
      subs.push(
        t('doc.lineDiscount', {
          discount: what,
          amount: money(lt.lineDiscount),
          before: money(lt.amount),
        }),
      );
    }
    if (line.exemptionReason) subs.push(line.exemptionReason);
    return {
      kind: 'item',
      cells: {
        description: line.description,
        quantity: [formatQuantity(line.quantity, locale), line.unit].filter(Boolean).join(' '),
        price: money(line.unitPrice),
        tax: line.taxIds
          .map((id) => (taxById.get(id) ? formatPercent(taxById.get(id)!.percent, locale) : ''))
          .join(' + '),
        amount: money(lt.amount - lt.lineDiscount),
      },
      ...(subs.length ? { sub: subs.join(' · ') } : {}),
    };
  });

  const out: ViewTotal[] = [];
  const taxRows = totals.taxes.map((x) => ({ label: taxLabel(t, x, locale, money), value: money(x.amount) }));
  const totalLabel = doc.type === 'credit_note' ? t('doc.total.totalCredit') : t('doc.total.total');
  out.push({
    label: doc.pricesIncludeTax ? t('doc.total.subtotalInclTax') : t('doc.total.subtotal'),
    value: money(totals.subtotal),
  });
  if (totals.discount)
    out.push({ label: discountLabel(t, doc, locale), value: `-${money(totals.discount)}` });
  if (totals.shipping) out.push({ label: t('doc.total.shipping'), value: money(totals.shipping) });
  if (doc.pricesIncludeTax) {
    out.push({
      label: totalLabel,
      value: money(totals.total),
      emphasis: 'strong',
    });
    if (hasTax) {
      out.push({ label: t('doc.total.net'), value: money(totals.net) });
      for (const r of taxRows) out.push({ label: t('doc.total.includes', { tax: r.label }), value: r.value });
    }
  } else {
    if (hasTax) {
      out.push({ label: t('doc.total.net'), value: money(totals.net) });
      out.push(...taxRows);
    }
    out.push({
      label: totalLabel,
      value: money(totals.total),
      emphasis: 'strong',
    });
  }

  const due = doc.type === 'invoice' ? amountDueOf({ ...doc, total: totals.total }) : 0;
  if (doc.type === 'invoice' && doc.status !== 'void') {
    if (doc.paid) out.push({ label: t('doc.total.paid'), value: `-${money(doc.paid)}` });
    if (doc.credited) out.push({ label: t('doc.total.credited'), value: `-${money(doc.credited)}` });
    out.push({ label: t('doc.total.amountDue'), value: money(due), emphasis: 'due' });
  }
  if (
    doc.type === 'credit_note' &&
    doc.status !== 'draft' &&
    doc.status !== 'void' &&
    doc.balance !== doc.total
  ) {
    out.push({ label: t('doc.total.appliedToInvoices'), value: `-${money(doc.total - doc.balance)}` });
    out.push({ label: t('doc.total.creditRemaining'), value: money(doc.balance), emphasis: 'due' });
  }

  const meta: DocumentView['meta'] = [{ label: t(NUMBER_LABELS[doc.type]), value: number }];
  meta.push({
    label:
      doc.type === 'credit_note'
        ? t('doc.meta.date')
        : doc.type === 'quote'
          ? t('doc.meta.quoteDate')
          : t('doc.meta.issueDate'),
    value: date(doc.issueDate),
  });
  if (doc.type === 'invoice' && doc.dueDate)
    meta.push({ label: t('doc.meta.dueDate'), value: date(doc.dueDate) });
  if (doc.type === 'quote' && doc.dueDate)
    meta.push({ label: t('doc.meta.validUntil'), value: date(doc.dueDate) });
  if (doc.type === 'invoice' && doc.due.kind === 'terms')
    meta.push({ label: t('doc.meta.terms'), value: describeTerms(doc.due.terms, t) });
  // §14 UStG / EN 16931 BT-72, BG-14: when the goods were delivered or the service performed.
  if (doc.type !== 'quote' && doc.deliveryDate) {
    if (doc.deliveryEnd)
      meta.push({
        label: t('doc.meta.servicePeriod'),
        value: `${date(doc.deliveryDate)} – ${date(doc.deliveryEnd)}`,
      });
    else meta.push({ label: t('doc.meta.deliveryDate'), value: date(doc.deliveryDate) });
  }
  if (doc.buyerReference) meta.push({ label: t('doc.meta.buyerReference'), value: doc.buyerReference });
  const credited = doc.type === 'credit_note' ? doc.related.find((r) => r.type === 'invoice') : undefined;
  if (doc.reference && doc.reference !== credited?.number)
    meta.push({ label: t('doc.meta.poReference'), value: doc.reference });
  if (credited?.number) meta.push({ label: t('doc.meta.creditsInvoice'), value: credited.number });
  if (doc.customerSnapshot.taxNumber)
    meta.push({ label: customerTaxLabel(t, locale), value: doc.customerSnapshot.taxNumber });
  if (doc.currency !== 'EUR' && doc.currency !== 'USD')
    meta.push({ label: t('doc.meta.currency'), value: doc.currency });

  const taxNotes: string[] = [];
  if (doc.pricesIncludeTax && hasTax) taxNotes.push(t('doc.note.pricesIncludeTax'));
  const reasons = new Set(doc.lines.map((l) => l.exemptionReason).filter(Boolean));
  if (reasons.size && !rows.some((r) => r.sub)) for (const r of reasons) taxNotes.push(r);
  if (ctx.smallBusinessNote && doc.totals.tax === 0) taxNotes.push(ctx.smallBusinessNote);

  const payable = doc.type === 'invoice' && doc.status !== 'void' && doc.status !== 'paid' && due > 0;
  return {
    ...common(ctx),
    kind: doc.type,
    title,
    metadata: {
      title: `${title} ${number}`,
      author: ctx.business.name,
      subject: t('doc.metadata.subject', { title, number, customer: doc.customerSnapshot.name }),
      date: doc.issueDate,
    },
    fileName: fileName(ctx, title, number, doc.customerSnapshot.name, doc.issueDate),
    mark: markOf(t, doc),
    recipient: { name: doc.customerSnapshot.name, lines: doc.customerSnapshot.address },
    meta,
    intro: [],
    table: { columns, rows, emptyText: t('doc.empty.lines') },
    totals: out,
    taxNotes,
    payment: payable ? paymentBlock(ctx, due, doc.currency, doc.number ?? '') : null,
    sections: sections(t, doc.notes, doc.terms),
    footer: doc.footer.trim() || ctx.settings.defaultFooter.trim(),
    continued: t('doc.continued', { heading: `${title} ${number}` }),
  };
}

/** "VAT 23% on €682.25", or "Sales tax (8.875%) on $100.00" when the name lacks the rate. */
function taxLabel(
  tr: DocT,
  t: { name: string; percent: string; base: number },
  locale: string,
  money: (m: number) => string,
): string {
  const pct = formatPercent(t.percent, locale);
  const named =
    t.name.replace(/\s+/g, '').includes(pct.replace(/\s+/g, '')) || t.name.includes(`${t.percent}%`);
  return tr('doc.total.taxOn', { tax: named ? t.name : `${t.name} (${pct})`, base: money(t.base) });
}

function discountLabel(t: DocT, doc: Document, locale: string): string {
  if (doc.discount?.kind === 'percent')
    return t('doc.discountPercent', { percent: formatPercent(doc.discount.percent, locale) });
  return t('doc.discount');
}

/** Catalogue keys of the payment methods as a document names them. */
export const METHOD_KEYS: Record<string, string> = {
  bank_transfer: 'doc.method.bankTransfer',
  card: 'doc.method.card',
  cash: 'doc.method.cash',
  cheque: 'doc.method.cheque',
  other: 'doc.method.other',
};

export interface ReceiptInvoice {
  id: number;
  number: string | null;
  issueDate: IsoDate;
  total: number;
  balance: number;
}

/** A receipt for a payment received, listing the invoices it paid. */
export function buildReceiptView(
  payment: Payment,
  customer: ViewCustomer,
  invoices: ReceiptInvoice[],
  ctx: ViewContext,
): DocumentView {
  const { locale } = ctx;
  const t = tOf(ctx);
  const money = (minor: number) => formatMoney(minor, payment.currency, locale);
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const applied = payment.allocations.reduce((s, a) => s + a.amount, 0);
  const rows: ViewRow[] = payment.allocations.map((a) => {
    const inv = byId.get(a.invoiceId);
    return {
      kind: 'item',
      cells: {
        description: t('doc.receipt.invoice', { number: a.invoiceNumber ?? a.invoiceId }),
        date: inv ? formatDate(inv.issueDate, locale) : '',
        total: inv ? money(inv.total) : '',
        applied: money(a.amount),
        balance: inv ? money(inv.balance) : '',
      },
    };
  });
  const number = `PAY-${String(payment.id).padStart(5, '0')}`;
  const method = METHOD_KEYS[payment.method];
  const meta = [
    { label: t('doc.meta.receiptNo'), value: number },
    { label: t('doc.meta.dateReceived'), value: formatDate(payment.date, locale) },
    { label: t('doc.meta.method'), value: method ? t(method) : payment.method },
  ];
  if (payment.reference) meta.push({ label: t('doc.meta.reference'), value: payment.reference });
  if (customer.taxNumber) meta.push({ label: customerTaxLabel(t, locale), value: customer.taxNumber });
  const totals: ViewTotal[] = [
    { label: t('doc.total.amountReceived'), value: money(payment.amount), emphasis: 'strong' },
    { label: t('doc.total.appliedToInvoices'), value: money(applied) },
  ];
  if (payment.unapplied)
    totals.push({ label: t('doc.total.creditOnAccount'), value: money(payment.unapplied) });
  const title = t('doc.title.receipt');
  return {
    ...common(ctx),
    kind: 'receipt',
    title,
    metadata: {
      title: `${title} ${number}`,
      author: ctx.business.name,
      subject: t('doc.receipt.subject', { amount: money(payment.amount), customer: customer.name }),
      date: payment.date,
    },
    fileName: fileName(
      ctx,
      t('files.receipt'),
      t('files.receiptNumber', { number }),
      customer.name,
      payment.date,
    ),
    mark: payment.undone ? { text: t('doc.mark.void'), tone: 'red' } : null,
    recipient: { name: customer.name, lines: customer.addressLines },
    meta,
    intro: [
      t('doc.receipt.intro', { amount: money(payment.amount), date: formatDate(payment.date, locale) }),
    ],
    table: {
      columns: [
        { key: 'description', label: t('doc.column.paidAgainst'), align: 'left', width: null },
        { key: 'date', label: t('doc.column.invoiceDate'), align: 'right', width: 70 },
        { key: 'total', label: t('doc.column.invoiceTotal'), align: 'right', width: 78 },
        { key: 'applied', label: t('doc.column.paidNow'), align: 'right', width: 76 },
        { key: 'balance', label: t('doc.column.stillDue'), align: 'right', width: 78 },
      ],
      rows,
      emptyText: t('doc.empty.receipt'),
    },
    totals,
    taxNotes: [],
    payment: null,
    sections: payment.notes.trim() ? [{ title: t('doc.section.notes'), text: payment.notes.trim() }] : [],
    footer: ctx.settings.defaultFooter.trim(),
    continued: t('doc.continued', { heading: `${title} ${number}` }),
  };
}

export interface StatementEntry {
  date: IsoDate;
  kind: 'invoice' | 'credit_note' | 'payment';
  /** Document number, or the payment's method and reference. */
  label: string;
  dueDate: IsoDate | null;
  /** Invoices add to the balance; payments and credit notes reduce it. */
  amount: number;
}

export interface StatementData {
  customer: ViewCustomer;
  currency: string;
  from: IsoDate;
  to: IsoDate;
  opening: number;
  entries: StatementEntry[];
}

/** Everything billed, paid and credited in a period, with a running balance. */
export function buildStatementView(data: StatementData, ctx: ViewContext): DocumentView {
  const { locale } = ctx;
  const t = tOf(ctx);
  const money = (minor: number) => formatMoney(minor, data.currency, locale);
  const date = (iso: string) => formatDate(iso, locale);
  let balance = data.opening;
  let charges = 0;
  let credits = 0;
  const rows: ViewRow[] = [
    {
      kind: 'item',
      cells: {
        date: date(data.from),
        description: t('doc.statement.openingBalance'),
        charge: '',
        credit: '',
        balance: money(balance),
      },
    },
  ];
  const sorted = [...data.entries].sort(
    (a, b) => a.date.localeCompare(b.date) || ORDER[a.kind] - ORDER[b.kind],
  );
  for (const e of sorted) {
    const isCharge = e.kind === 'invoice';
    balance += isCharge ? e.amount : -e.amount;
    if (isCharge) charges += e.amount;
    else credits += e.amount;
    rows.push({
      kind: 'item',
      cells: {
        date: date(e.date),
        description: e.dueDate
          ? t('doc.statement.withDue', { label: e.label, date: date(e.dueDate) })
          : e.label,
        charge: isCharge ? money(e.amount) : '',
        credit: isCharge ? '' : money(e.amount),
        balance: money(balance),
      },
    });
  }
  const closingLabel =
    balance > 0
      ? t('doc.total.balanceDue')
      : balance < 0
        ? t('doc.total.creditBalance')
        : t('doc.total.balance');
  const period = `${date(data.from)} – ${date(data.to)}`;
  const meta = [
    { label: t('doc.meta.statementDate'), value: date(data.to) },
    { label: t('doc.meta.period'), value: period },
    { label: t('doc.meta.currency'), value: data.currency },
  ];
  if (data.customer.taxNumber)
    meta.push({ label: customerTaxLabel(t, locale), value: data.customer.taxNumber });
  const title = t('doc.title.statement');
  return {
    ...common(ctx),
    kind: 'statement',
    title,
    metadata: {
      title: t('doc.statement.periodTitle', { from: data.from, to: data.to }),
      author: ctx.business.name,
      subject: t('doc.statement.subject', { customer: data.customer.name }),
      date: data.to,
    },
    fileName: fileName(
      ctx,
      t('files.statement'),
      t('files.statementOn', { date: data.to }),
      data.customer.name,
      data.to,
    ),
    mark: null,
    recipient: { name: data.customer.name, lines: data.customer.addressLines },
    meta,
    intro: [],
    table: {
      columns: [
        { key: 'date', label: t('doc.column.date'), align: 'left', width: 64 },
        { key: 'description', label: t('doc.column.details'), align: 'left', width: null },
        { key: 'charge', label: t('doc.column.charges'), align: 'right', width: 74 },
        { key: 'credit', label: t('doc.column.credits'), align: 'right', width: 74 },
        { key: 'balance', label: t('doc.column.balance'), align: 'right', width: 78 },
      ],
      rows,
      emptyText: '',
    },
    totals: [
      { label: t('doc.total.openingBalance'), value: money(data.opening) },
      { label: t('doc.total.charges'), value: money(charges) },
      { label: t('doc.total.paymentsAndCredits'), value: `-${money(credits)}` },
      { label: closingLabel, value: money(Math.abs(balance)), emphasis: 'due' },
    ],
    taxNotes: [],
    payment: balance > 0 ? paymentBlock(ctx, balance, data.currency, '') : null,
    sections: [],
    footer: ctx.settings.defaultFooter.trim(),
    continued: t('doc.continued', { heading: t('doc.statement.continued', { title, period }) }),
  };
}

const ORDER: Record<StatementEntry['kind'], number> = { invoice: 0, credit_note: 1, payment: 2 };

/** The closing balance a statement arrives at (for checks and the email's {amount_due}). */
export function statementClosing(data: StatementData): number {
  return data.entries.reduce((s, e) => s + (e.kind === 'invoice' ? e.amount : -e.amount), data.opening);
}

/** A reminder letter about one overdue invoice, with the text of its level's template. */
export function buildReminderView(
  doc: Document,
  level: ReminderLevelNumber,
  letter: string,
  overdue: number,
  ctx: ViewContext,
): DocumentView {
  const { locale } = ctx;
  const t = tOf(ctx);
  const money = (minor: number) => formatMoney(minor, doc.currency, locale);
  const date = (iso: string) => formatDate(iso, locale);
  const title = t(REMINDER_TITLE_KEYS[level]);
  const number = doc.number ?? t('doc.draftNumber', { id: doc.id });
  const due = amountDueOf(doc);
  const meta = [
    { label: t('doc.meta.date'), value: date(ctx.today) },
    { label: t('doc.meta.invoiceNo'), value: number },
    { label: t('doc.meta.invoiceDate'), value: date(doc.issueDate) },
  ];
  if (doc.dueDate) meta.push({ label: t('doc.meta.dueDate'), value: date(doc.dueDate) });
  meta.push({ label: t('doc.meta.daysOverdue'), value: String(overdue) });
  if (doc.reference) meta.push({ label: t('doc.meta.poReference'), value: doc.reference });
  const settled = doc.paid + doc.credited;
  const heading = t('doc.reminder.heading', { title, number });
  return {
    ...common(ctx),
    kind: 'reminder',
    title,
    metadata: {
      title: heading,
      author: ctx.business.name,
      subject: t('doc.reminder.subject', { title, number }),
      date: ctx.today,
    },
    fileName: fileName(
      ctx,
      title,
      t('files.reminderNumber', { title, number }),
      doc.customerSnapshot.name,
      ctx.today,
    ),
    mark: null,
    recipient: { name: doc.customerSnapshot.name, lines: doc.customerSnapshot.address },
    meta,
    intro: letter
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    table: {
      columns: [
        { key: 'description', label: t('doc.column.invoice'), align: 'left', width: null },
        { key: 'due', label: t('doc.column.dueDate'), align: 'right', width: 70 },
        { key: 'total', label: t('doc.column.total'), align: 'right', width: 76 },
        { key: 'settled', label: t('doc.column.settled'), align: 'right', width: 84 },
        { key: 'balance', label: t('doc.column.amountDue'), align: 'right', width: 80 },
      ],
      rows: [
        {
          kind: 'item',
          cells: {
            description: t('doc.reminder.invoiceOf', { number, date: date(doc.issueDate) }),
            due: doc.dueDate ? date(doc.dueDate) : '',
            total: money(doc.total),
            settled: settled ? money(settled) : '',
            balance: money(due),
          },
        },
      ],
      emptyText: '',
    },
    totals: [{ label: t('doc.total.amountDue'), value: money(due), emphasis: 'due' }],
    taxNotes: [],
    payment: due > 0 ? paymentBlock(ctx, due, doc.currency, doc.number ?? '') : null,
    sections: [],
    footer: ctx.settings.defaultFooter.trim(),
    continued: t('doc.continued', { heading }),
  };
}

/**
 * One reminder letter for all of a customer's overdue invoices in one currency: each invoice
 * with its number, date, due date, total and open amount, and the amount due of them all.
 */
export function buildCustomerReminderView(
  customer: ViewCustomer,
  invoices: Document[],
  currency: string,
  level: ReminderLevelNumber,
  letter: string,
  ctx: ViewContext,
): DocumentView {
  const { locale } = ctx;
  const t = tOf(ctx);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const date = (iso: string) => formatDate(iso, locale);
  const title = t(REMINDER_TITLE_KEYS[level]);
  const due = invoices.reduce((sum, d) => sum + amountDueOf(d), 0);
  const what = t('doc.reminder.overdueCount', { count: invoices.length });
  return {
    ...common(ctx),
    kind: 'reminder',
    title,
    metadata: {
      title: t('doc.reminder.headingMany', { title, what }),
      author: ctx.business.name,
      subject: t('doc.reminder.subjectMany', { title, what }),
      date: ctx.today,
    },
    fileName: fileName(ctx, title, title, customer.name, ctx.today),
    mark: null,
    recipient: { name: customer.name, lines: customer.addressLines },
    meta: [
      { label: t('doc.meta.date'), value: date(ctx.today) },
      { label: t('doc.meta.overdueInvoices'), value: String(invoices.length) },
    ],
    intro: letter
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    table: {
      columns: [
        { key: 'description', label: t('doc.column.invoice'), align: 'left', width: null },
        { key: 'date', label: t('doc.column.date'), align: 'right', width: 66 },
        { key: 'due', label: t('doc.column.dueDate'), align: 'right', width: 66 },
        { key: 'total', label: t('doc.column.total'), align: 'right', width: 80 },
        { key: 'balance', label: t('doc.column.openAmount'), align: 'right', width: 80 },
      ],
      rows: invoices.map((d) => ({
        kind: 'item' as const,
        cells: {
          description: d.reference ? `${d.number ?? ''} · ${d.reference}` : (d.number ?? ''),
          date: date(d.issueDate),
          due: d.dueDate ? date(d.dueDate) : '',
          total: money(d.total),
          balance: money(amountDueOf(d)),
        },
      })),
      emptyText: t('doc.empty.reminders'),
    },
    totals: [{ label: t('doc.total.amountDue'), value: money(due), emphasis: 'due' }],
    taxNotes: [],
    payment:
      due > 0 ? paymentBlock(ctx, due, currency, referenceOf(invoices.map((d) => d.number ?? ''))) : null,
    sections: [],
    footer: ctx.settings.defaultFooter.trim(),
    continued: t('doc.continued', { heading: title }),
  };
}

/** Invoice numbers as one payment reference, within the 140 characters a transfer carries. */
function referenceOf(numbers: string[]): string {
  let out = '';
  for (const n of numbers) {
    const next = out ? `${out} ${n}` : n;
    if (next.length > 140) break;
    out = next;
  }
  return out;
}
