/**
 * The audit log in words: what happened to which record, field by field, old → new, with
 * amounts as money and dates as dates. Used by the audit log screen and its CSV export, so
 * both say the same thing.
 */
import { formatDate, isIsoDate } from './dates';

/** What an audit action means, in words. */
const ACTIONS: Record<string, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  issue: 'Issued',
  void: 'Voided',
  duplicate: 'Created as a copy',
  convert_from_quote: 'Created from a quote',
  credit_invoice: 'Created to credit an invoice',
  create_recurring: 'Made by a recurring schedule',
  mark_sent: 'Marked sent',
  mark_accepted: 'Marked accepted',
  mark_declined: 'Marked declined',
  apply: 'Credit applied',
  archive: 'Archived',
  unarchive: 'Restored',
};

export function auditLabel(action: string): string {
  return ACTIONS[action] ?? words(action);
}

/** The kind of record, in words ("credit_note" -> "Credit note"). */
export function auditEntityLabel(entity: string): string {
  return words(entity);
}

const FIELDS: Record<string, string> = {
  customerId: 'Customer',
  customer_id: 'Customer',
  vendorId: 'Vendor',
  vendor_id: 'Vendor',
  categoryId: 'Category',
  category_id: 'Category',
  unitPrice: 'Unit price',
  lines: 'Lines',
  iban: 'IBAN',
  bic: 'BIC',
  _details: 'Details',
};

/** "issueDate" / "issue_date" -> "Issue date". */
function words(key: string): string {
  const spaced = key
    .replace(/^_+/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function auditFieldLabel(key: string): string {
  return FIELDS[key] ?? words(key);
}

/** Fields that hold money in minor units, by name. */
const MONEY =
  /^(total|subtotal|net|amount|balance|paid|shipping|price|unit_?price|tax|credit|discount_?amount|discount_?taken|opening_?balance)$|(Total|Amount|Balance|Price|_total|_amount|_balance|_price)$/i;

export function isMoneyField(key: string): boolean {
  return MONEY.test(key);
}

export interface AuditChange {
  field: string;
  from: string;
  to: string;
}

export interface AuditTextContext {
  locale: string;
  /** Money in minor units as text in a currency (screen: "1.234,50 €"; CSV: "1234.50 EUR"). */
  money: (minor: number, currency: string) => string;
  /** The currency of amounts when the entry does not name one. */
  baseCurrency: string;
  /** A calendar date as text (default: the locale's form; CSV keeps ISO). */
  date?: (iso: string) => string;
  /** Names of records an id field points to, by "field:id" ("customerId:7"). */
  refs?: Record<string, string>;
}

function currencyOf(changes: Record<string, unknown>, base: string): string {
  const c = changes.currency as { from?: unknown; to?: unknown } | undefined;
  const v = typeof c?.to === 'string' ? c.to : typeof c?.from === 'string' ? c.from : null;
  return v && /^[A-Z]{3}$/.test(v) ? v : base;
}

function valueText(key: string, value: unknown, currency: string, ctx: AuditTextContext): string {
  if (value === null || value === undefined || value === '') return '—';
  const ref = ctx.refs?.[`${key}:${String(value)}`];
  if (ref !== undefined) return ref;
  if (typeof value === 'number' && Number.isInteger(value) && isMoneyField(key))
    return ctx.money(value, currency);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  // Some records keep structured fields (an address, payment terms) as JSON text.
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return valueText(key, JSON.parse(value) as unknown, currency, ctx);
    } catch {
      // Not JSON after all: shown as typed.
    }
  }
  if (typeof value === 'string' && isIsoDate(value))
    return ctx.date ? ctx.date(value) : formatDate(value, ctx.locale);
  if (Array.isArray(value))
    return value.length ? value.map((v) => valueText(key, v, currency, ctx)).join(', ') : '—';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${auditFieldLabel(k)}: ${valueText(k, v, currency, ctx)}`);
    return parts.length ? parts.join('; ') : '—';
  }
  return String(value);
}

/** Each change of an entry as "field: from → to" parts, in words. */
export function auditChanges(changes: Record<string, unknown>, ctx: AuditTextContext): AuditChange[] {
  const currency = currencyOf(changes, ctx.baseCurrency);
  const out: AuditChange[] = [];
  for (const [key, raw] of Object.entries(changes)) {
    if (key === '_details' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>))
        out.push({ field: auditFieldLabel(k), from: '', to: valueText(k, v, currency, ctx) });
      continue;
    }
    const c = raw as { from?: unknown; to?: unknown } | null;
    if (c && typeof c === 'object' && ('from' in c || 'to' in c)) {
      const from = valueText(key, c.from, currency, ctx);
      const to = valueText(key, c.to, currency, ctx);
      // Empty before and after (null → ""): nothing a person would call a change.
      if (from !== to) out.push({ field: auditFieldLabel(key), from, to });
    } else out.push({ field: auditFieldLabel(key), from: '', to: valueText(key, raw, currency, ctx) });
  }
  return out;
}
