/**
 * Email templates: text with {placeholders}, one template per kind of message. The same
 * function fills them for the preview in Settings, the Send dialog and the outbox, so what
 * the user previews is what goes out.
 */
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

const SIGN_OFF = 'Kind regards,\n{business_name}';

export const DEFAULT_TEMPLATES: Record<TemplateKind, MailTemplate> = {
  invoice: {
    subject: 'Invoice {document_number} from {business_name}',
    body:
      'Dear {contact_name},\n\nPlease find attached invoice {document_number} for {amount_due}, ' +
      'due on {due_date}.\n\nThank you for your business.\n\n' +
      SIGN_OFF,
  },
  quote: {
    subject: 'Quote {document_number} from {business_name}',
    body:
      'Dear {contact_name},\n\nPlease find attached our quote {document_number} for {total}. ' +
      'It is valid until {due_date}.\n\nWe look forward to hearing from you.\n\n' +
      SIGN_OFF,
  },
  credit_note: {
    subject: 'Credit note {document_number} from {business_name}',
    body:
      'Dear {contact_name},\n\nPlease find attached credit note {document_number} for {total}.\n\n' +
      SIGN_OFF,
  },
  receipt: {
    subject: 'Receipt for your payment to {business_name}',
    body:
      'Dear {contact_name},\n\nThank you for your payment of {total}. Your receipt is attached.\n\n' +
      SIGN_OFF,
  },
  statement: {
    subject: 'Statement of account from {business_name}',
    body:
      'Dear {contact_name},\n\nPlease find attached your statement of account. ' +
      'The balance due is {amount_due}.\n\n' +
      SIGN_OFF,
  },
  reminder_1: {
    subject: 'Friendly reminder: invoice {document_number}',
    body:
      'Dear {contact_name},\n\nThis is a friendly reminder that invoice {document_number} for ' +
      '{amount_due} was due on {due_date}. If you have already paid, please disregard this ' +
      'message; otherwise we would be grateful for your payment in the next few days.\n\n' +
      SIGN_OFF,
  },
  reminder_2: {
    subject: 'Second reminder: invoice {document_number} is {days_overdue} days overdue',
    body:
      'Dear {contact_name},\n\nOur records show that invoice {document_number} for {amount_due}, ' +
      'due on {due_date}, is still unpaid. Please arrange payment within 7 days, or let us ' +
      'know if there is a problem with the invoice.\n\n' +
      SIGN_OFF,
  },
  reminder_3: {
    subject: 'Final notice: invoice {document_number}',
    body:
      'Dear {contact_name},\n\nDespite our earlier reminders, invoice {document_number} for ' +
      '{amount_due} is now {days_overdue} days overdue. Please pay the amount due within 7 days. ' +
      'If we do not receive payment, we may have to take further steps to recover it.\n\n' +
      SIGN_OFF,
  },
};
