import type { Document, DocType, DocumentInput } from '../../../../shared/api/documents';
import type { Tax } from '../../../../shared/api/catalog';
import { normalizeDecimal } from '../../../../shared/domain/decimal';
import { isValidPercent } from '../../../../shared/domain/tax';
import {
  QUANTITY_SCALE,
  computeTotals,
  type Discount,
  type DocumentTotals,
} from '../../../../shared/domain/totals';
import type { PaymentTerms } from '../../../../shared/domain/terms';

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

function discountOf(
  kind: 'none' | 'percent' | 'amount',
  percent: string,
  amount: number | null,
): Discount | null {
  if (kind === 'percent') return { kind: 'percent', percent: percent.trim() };
  if (kind === 'amount') return { kind: 'amount', amount: amount ?? 0 };
  return null;
}

export function toInput(f: DocumentForm): DocumentInput {
  return {
    type: f.type,
    customerId: f.customerId ?? (undefined as unknown as number),
    issueDate: f.issueDate,
    due: f.dueKind === 'terms' ? { kind: 'terms', terms: f.dueTerms } : { kind: 'date', date: f.dueDate },
    currency: f.currency,
    exchangeRate: f.exchangeRate,
    pricesIncludeTax: f.pricesIncludeTax,
    lines: f.lines.map((l) => ({
      kind: l.kind,
      itemId: l.itemId,
      description: l.description,
      quantity: l.kind === 'item' ? l.quantity : '0',
      unit: l.unit,
      unitPrice: l.kind === 'item' ? (l.unitPrice ?? 0) : 0,
      discount: l.kind === 'item' ? discountOf(l.discountKind, l.discountPercent, l.discountAmount) : null,
      taxIds: l.kind === 'item' ? l.taxIds.map(Number) : [],
      exemptionReason: l.exemptionReason,
    })),
    discount: discountOf(f.discountKind, f.discountPercent, f.discountAmount),
    shipping: f.shipping ?? 0,
    shippingTaxIds: f.shippingTaxIds.map(Number),
    reference: f.reference,
    notes: f.notes,
    terms: f.terms,
    footer: f.footer,
    relatedId: f.relatedId,
  };
}

export function fromDocument(d: Document): DocumentForm {
  const disc = (x: Discount | null) => ({
    kind: (x?.kind ?? 'none') as 'none' | 'percent' | 'amount',
    percent: x?.kind === 'percent' ? x.percent : '',
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
    exchangeRate: d.exchangeRate,
    pricesIncludeTax: d.pricesIncludeTax,
    lines: d.lines.map((l) => {
      const ld = disc(l.discount);
      return {
        key: newKey(),
        kind: l.kind,
        itemId: l.itemId,
        description: l.description,
        quantity: l.quantity,
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
  };
}

/**
 * Totals while typing, from the same function the services use. Anything not yet valid
 * (half-typed quantity, empty price) counts as zero until it is.
 */
let lastPreview: { f: DocumentForm; taxes: Tax[]; totals: DocumentTotals } | null = null;
export function previewTotals(f: DocumentForm, taxes: Tax[]): DocumentTotals {
  // The editor, its fields and its action bar all ask for the same figures: compute once.
  if (lastPreview && lastPreview.f === f && lastPreview.taxes === taxes) return lastPreview.totals;
  const totals = computePreview(f, taxes);
  lastPreview = { f, taxes, totals };
  return totals;
}

function computePreview(f: DocumentForm, taxes: Tax[]): DocumentTotals {
  const pct = (p: string) => (isValidPercent(p) ? p : '0');
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
      quantity: normalizeDecimal(l.quantity, QUANTITY_SCALE) ?? '0',
      unitPrice: l.unitPrice ?? 0,
      discount: safeDiscount(l.discountKind, l.discountPercent, l.discountAmount),
      taxIds: l.taxIds.filter((id) => known.has(id)).map(Number),
    })),
    discount: safeDiscount(f.discountKind, f.discountPercent, f.discountAmount),
    shipping: f.shipping ?? 0,
    shippingTaxIds: f.shippingTaxIds.filter((id) => known.has(id)).map(Number),
    taxes: taxes.map((t) => ({ id: t.id, name: t.name, percent: t.percent, compound: t.compound })),
  });
}

/** Server field paths -> this form's paths. */
export function formPath(path: string): string {
  return path
    .replace(/^due\.date$/, 'dueDate')
    .replace(/^due\.terms.*$/, 'dueTerms')
    .replace(/^lines\.(\d+)\.discount.*$/, 'lines.$1.discountPercent')
    .replace(/^discount.*$/, 'discountPercent')
    .replace(/^lines\.(\d+)\.itemId$/, 'lines.$1.description');
}
