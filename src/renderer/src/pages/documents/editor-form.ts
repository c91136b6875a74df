import type { Document, DocType, DocumentInput } from '../../../../shared/api/documents';
import type { Tax } from '../../../../shared/api/catalog';
import { isValidPercent, PERCENT_SCALE } from '../../../../shared/domain/tax';
import { decimalForInput, parseDecimalInput } from '../../../../shared/domain/number-input';
import { RATE_SCALE } from '../../../../shared/domain/fx';
import {
  QUANTITY_SCALE,
  computeTotals,
  type Discount,
  type DocumentTotals,
  type TaxRounding,
} from '../../../../shared/domain/totals';
import type { PaymentTerms } from '../../../../shared/domain/terms';
import { i18n } from '../../lib/i18n';

/** One line as the editor holds it: text where people type, parsed when saving. */
export interface LineForm {
  key: string;
  kind: 'item' | 'heading' | 'note';
  itemId: number | null;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: number | null;
  discountKind: 'none' | 'percent' | 'amount';
  discountPercent: string;
  discountAmount: number | null;
  taxIds: string[];
  exemptionReason: string;
}

export interface DocumentForm {
  type: DocType;
  customerId: number | null;
  issueDate: string;
  dueKind: 'terms' | 'date';
  dueTerms: PaymentTerms;
  dueDate: string;
  currency: string;
  exchangeRate: string;
  pricesIncludeTax: boolean;
  lines: LineForm[];
  discountKind: 'none' | 'percent' | 'amount';
  discountPercent: string;
  discountAmount: number | null;
  shipping: number | null;
  shippingTaxIds: string[];
  reference: string;
  notes: string;
  terms: string;
  footer: string;
  relatedId: number | null;
  buyerReference: string;
  deliveryDate: string | null;
  deliveryEnd: string | null;
  /** How the saved draft rounds its taxes ('line': a credit note of an old invoice). */
  taxRounding?: TaxRounding;
}

let counter = 0;
export const newKey = () => `l${Date.now().toString(36)}${(counter++).toString(36)}`;

export function emptyLine(kind: LineForm['kind'] = 'item', taxIds: string[] = []): LineForm {
  return {
    key: newKey(),
    kind,
    itemId: null,
    description: '',
    quantity: '1',
    unit: '',
    unitPrice: null,
    discountKind: 'none',
    discountPercent: '',
    discountAmount: null,
    taxIds,
    exemptionReason: '',
  };
}

/** Decimal separator of the user's locale: what the number fields are typed and shown with. */
type Sep = '.' | ',';

/** A typed number as the API's decimal text; unreadable text is passed on for the server to name. */
const decimal = (text: string, sep: Sep, scale: number) => parseDecimalInput(text, sep, scale) ?? text.trim();

function discountOf(
  kind: 'none' | 'percent' | 'amount',
  percent: string,
  amount: number | null,
  sep: Sep,
): Discount | null {
  if (kind === 'percent') return { kind: 'percent', percent: decimal(percent, sep, PERCENT_SCALE) };
  if (kind === 'amount') return { kind: 'amount', amount: amount ?? 0 };
  return null;
}

export function toInput(f: DocumentForm, sep: Sep = '.'): DocumentInput {
  return {
    type: f.type,
    customerId: f.customerId ?? (undefined as unknown as number),
    issueDate: f.issueDate,
    due: f.dueKind === 'terms' ? { kind: 'terms', terms: f.dueTerms } : { kind: 'date', date: f.dueDate },
    currency: f.currency,
    exchangeRate: decimal(f.exchangeRate, sep, RATE_SCALE),
    pricesIncludeTax: f.pricesIncludeTax,
    lines: f.lines.map((l) => ({
      kind: l.kind,
      itemId: l.itemId,
      description: l.description,
      quantity: l.kind === 'item' ? decimal(l.quantity, sep, QUANTITY_SCALE) : '0',
      unit: l.unit,
      unitPrice: l.kind === 'item' ? (l.unitPrice ?? 0) : 0,
      discount:
        l.kind === 'item' ? discountOf(l.discountKind, l.discountPercent, l.discountAmount, sep) : null,
      taxIds: l.kind === 'item' ? l.taxIds.map(Number) : [],
      exemptionReason: l.exemptionReason,
    })),
    discount: discountOf(f.discountKind, f.discountPercent, f.discountAmount, sep),
    shipping: f.shipping ?? 0,
    shippingTaxIds: f.shippingTaxIds.map(Number),
    reference: f.reference,
    notes: f.notes,
    terms: f.terms,
    footer: f.footer,
    relatedId: f.relatedId,
    buyerReference: f.buyerReference,
    deliveryDate: f.deliveryDate || null,
    deliveryEnd: f.deliveryEnd || null,
  };
}

export function fromDocument(d: Document, sep: Sep = '.'): DocumentForm {
  const disc = (x: Discount | null) => ({
    kind: (x?.kind ?? 'none') as 'none' | 'percent' | 'amount',
    percent: x?.kind === 'percent' ? decimalForInput(x.percent, sep) : '',
    amount: x?.kind === 'amount' ? x.amount : null,
  });
  const docDiscount = disc(d.discount);
  return {
    type: d.type,
    customerId: d.customerId,
    issueDate: d.issueDate,
    dueKind: d.due.kind,
    dueTerms: d.due.kind === 'terms' ? d.due.terms : { kind: 'net', days: 30 },
    dueDate: d.due.kind === 'date' ? d.due.date : (d.dueDate ?? d.issueDate),
    currency: d.currency,
    exchangeRate: decimalForInput(d.exchangeRate, sep),
    pricesIncludeTax: d.pricesIncludeTax,
    lines: d.lines.map((l) => {
      const ld = disc(l.discount);
      return {
        key: newKey(),
        kind: l.kind,
        itemId: l.itemId,
        description: l.description,
        quantity: decimalForInput(l.quantity, sep),
        unit: l.unit,
        unitPrice: l.unitPrice,
        discountKind: ld.kind,
        discountPercent: ld.percent,
        discountAmount: ld.amount,
        taxIds: l.taxIds.map(String),
        exemptionReason: l.exemptionReason,
      };
    }),
    discountKind: docDiscount.kind,
    discountPercent: docDiscount.percent,
    discountAmount: docDiscount.amount,
    shipping: d.shipping,
    shippingTaxIds: d.shippingTaxIds.map(String),
    reference: d.reference,
    notes: d.notes,
    terms: d.terms,
    footer: d.footer,
    relatedId: d.related.find((r) => r.relation === 'Credits invoice')?.id ?? null,
    buyerReference: d.buyerReference,
    deliveryDate: d.deliveryDate,
    deliveryEnd: d.deliveryEnd,
    taxRounding: d.type === 'credit_note' ? d.taxRounding : 'category',
  };
}

/**
 * Totals while typing, from the same function the services use. Anything not yet valid
 * (half-typed quantity, empty price) counts as zero until it is.
 */
let lastPreview: { f: DocumentForm; taxes: Tax[]; sep: Sep; totals: DocumentTotals } | null = null;
export function previewTotals(f: DocumentForm, taxes: Tax[], sep: Sep = '.'): DocumentTotals {
  // The editor, its fields and its action bar all ask for the same figures: compute once.
  if (lastPreview && lastPreview.f === f && lastPreview.taxes === taxes && lastPreview.sep === sep)
    return lastPreview.totals;
  const totals = computePreview(f, taxes, sep);
  lastPreview = { f, taxes, sep, totals };
  return totals;
}

function computePreview(f: DocumentForm, taxes: Tax[], sep: Sep): DocumentTotals {
  const pct = (p: string) => {
    const v = parseDecimalInput(p, sep, PERCENT_SCALE);
    return v !== null && isValidPercent(v) ? v : '0';
  };
  const known = new Set(taxes.map((t) => String(t.id)));
  const safeDiscount = (
    kind: DocumentForm['discountKind'],
    percent: string,
    amount: number | null,
  ): Discount | null =>
    kind === 'percent'
      ? { kind, percent: pct(percent) }
      : kind === 'amount'
        ? { kind, amount: Math.max(amount ?? 0, 0) }
        : null;
  return computeTotals({
    pricesIncludeTax: f.pricesIncludeTax,
    lines: f.lines.map((l) => ({
      kind: l.kind,
      quantity: parseDecimalInput(l.quantity, sep, QUANTITY_SCALE) ?? '0',
      unitPrice: l.unitPrice ?? 0,
      discount: safeDiscount(l.discountKind, l.discountPercent, l.discountAmount),
      taxIds: l.taxIds.filter((id) => known.has(id)).map(Number),
    })),
    discount: safeDiscount(f.discountKind, f.discountPercent, f.discountAmount),
    shipping: f.shipping ?? 0,
    shippingTaxIds: f.shippingTaxIds.filter((id) => known.has(id)).map(Number),
    taxes: taxes.map((t) => ({ id: t.id, name: t.name, percent: t.percent, compound: t.compound })),
    taxRounding: f.taxRounding ?? 'category',
  });
}

/**
 * What is wrong with the typed numbers, at their fields, in the user's words: shown as soon as
 * they are typed (the editors validate on change), so a line never silently counts as zero.
 */
export function numberErrors(f: DocumentForm, sep: Sep = '.'): Record<string, string> {
  const errors: Record<string, string> = {};
  const t = i18n.t;
  const example = (x: string) => (sep === ',' ? x.replace('.', ',') : x);
  const percentError = (text: string) => {
    const v = parseDecimalInput(text, sep, PERCENT_SCALE);
    if (v === null) return t('documents.errors.percent', { example: example('12.5') });
    return isValidPercent(v) ? null : t('documents.errors.discountRange');
  };
  f.lines.forEach((l, i) => {
    if (l.kind !== 'item') return;
    if (parseDecimalInput(l.quantity, sep, QUANTITY_SCALE) === null)
      errors[`lines.${i}.quantity`] =
        parseDecimalInput(l.quantity, sep, 20) === null
          ? t('documents.errors.number', { example: example('12.5') })
          : t('documents.errors.decimals', { count: QUANTITY_SCALE });
    const pct = l.discountKind === 'percent' ? percentError(l.discountPercent) : null;
    if (pct) errors[`lines.${i}.discountPercent`] = pct;
  });
  const pct = f.discountKind === 'percent' ? percentError(f.discountPercent) : null;
  if (pct) errors.discountPercent = pct;
  return errors;
}

/* eslint-disable i18next/no-literal-string -- field paths, not visible text */
/** Server field paths -> this form's paths. */
export function formPath(path: string): string {
  return path
    .replace(/^document\./, '')
    .replace(/^due\.date$/, 'dueDate')
    .replace(/^due\.terms.*$/, 'dueTerms')
    .replace(/^lines\.(\d+)\.discount.*$/, 'lines.$1.discountPercent')
    .replace(/^discount.*$/, 'discountPercent')
    .replace(/^lines\.(\d+)\.itemId$/, 'lines.$1.description');
}
/* eslint-enable i18next/no-literal-string */
