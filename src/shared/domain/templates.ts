/**
 * Email templates: text with {placeholders}, one template per kind of message. The same
 * function fills them for the preview in Settings, the Send dialog and the outbox, so what
 * the user previews is what goes out.
 */
import { isLanguage, translator, type Language } from '../i18n';

export const TEMPLATE_KINDS = [
  'invoice',
  'quote',
  'credit_note',
  'receipt',
  'statement',
  'reminder_1',
  'reminder_2',
  'reminder_3',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  invoice: 'Invoice',
  quote: 'Quote',
  credit_note: 'Credit note',
  receipt: 'Payment receipt',
  statement: 'Customer statement',
  reminder_1: 'Reminder: friendly',
  reminder_2: 'Reminder: firm',
  reminder_3: 'Reminder: final',
};

export const PLACEHOLDERS = {
  customer_name: 'The customer’s name',
  contact_name: 'The customer’s contact person (or their name)',
  document_number: 'The document number, such as INV-2026-0042',
  document_type: 'Invoice, Quote, Credit note…',
  amount_due: 'What is still owed, with its currency',
  total: 'The document total',
  due_date: 'The due date (quotes: valid until)',
  issue_date: 'The date of the document',
  days_overdue: 'Days since the due date (reminders)',
  business_name: 'Your business name',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Partial<Record<Placeholder, string>>;

export interface MailTemplate {
  subject: string;
  body: string;
}

const PATTERN = /\{([a-z_]+)\}/g;

/** Fills the placeholders it knows; an unknown one is left as typed, so a typo stays visible. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PATTERN, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(PLACEHOLDERS, name) ? (values[name as Placeholder] ?? '') : whole,
  );
}

/** Placeholders in a template that Folio does not know, for the message at the field. */
export function unknownPlaceholders(template: string): string[] {
  const out = new Set<string>();
  for (const m of template.matchAll(PATTERN)) {
    if (!Object.prototype.hasOwnProperty.call(PLACEHOLDERS, m[1]!)) out.add(`{${m[1]}}`);
  }
  return [...out];
}

/** Values for previews in Settings, before any real document is at hand. */
export const SAMPLE_VALUES: Required<TemplateValues> = {
  customer_name: 'Brightside Cafés Ltd',
  contact_name: 'Niamh Kelly',
  document_number: 'INV-2026-0042',
  document_type: 'Invoice',
  amount_due: '€1,250.00',
  total: '€1,250.00',
  due_date: '16 Nov 2026',
  issue_date: '2 Nov 2026',
  days_overdue: '14',
  business_name: 'Acme Studio Ltd',
};

const TEMPLATE_KEYS = {
  invoice: { subject: 'email.invoice.subject', body: 'email.invoice.body' },
  quote: { subject: 'email.quote.subject', body: 'email.quote.body' },
  credit_note: { subject: 'email.creditNote.subject', body: 'email.creditNote.body' },
  receipt: { subject: 'email.receipt.subject', body: 'email.receipt.body' },
  statement: { subject: 'email.statement.subject', body: 'email.statement.body' },
  reminder_1: { subject: 'email.reminder1.subject', body: 'email.reminder1.body' },
  reminder_2: { subject: 'email.reminder2.subject', body: 'email.reminder2.body' },
  reminder_3: { subject: 'email.reminder3.subject', body: 'email.reminder3.body' },
} as const satisfies Record<TemplateKind, MailTemplate>;

/** Each placeholder given as itself: the catalogue's message comes back with its {placeholders}. */
const AS_TYPED = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, `{${k}}`]));

const defaults = new Map<Language, Record<TemplateKind, MailTemplate>>();

/** Folio's own templates in one language (the catalogue's email.* messages), before any edit. */
export function defaultTemplates(language: Language): Record<TemplateKind, MailTemplate> {
  const lng = isLanguage(language) ? language : 'en';
  let out = defaults.get(lng);
  if (!out) {
    const t = translator(lng);
    out = Object.fromEntries(
      TEMPLATE_KINDS.map((k) => [
        k,
        { subject: t(TEMPLATE_KEYS[k].subject, AS_TYPED), body: t(TEMPLATE_KEYS[k].body, AS_TYPED) },
      ]),
    ) as Record<TemplateKind, MailTemplate>;
    defaults.set(lng, out);
  }
  return out;
}
