import { msg } from '../../../shared/i18n';
import type { z } from 'zod';
import type { printRef } from '../../../shared/api/printing';
import type { Document } from '../../../shared/api/documents';
import type { Address } from '../../../shared/api/common';
import {
  addressLinesOf,
  amountDueOf,
  buildDocumentView,
  buildReceiptView,
  buildReminderView,
  buildCustomerReminderView,
  buildStatementView,
  statementClosing,
  type DocumentView,
  type StatementData,
  type StatementEntry,
  type ViewContext,
  type ViewCustomer,
} from '../../../shared/domain/document-view';
import { formatDate } from '../../../shared/domain/dates';
import { formatMoney } from '../../../shared/domain/money';
import {
  customerReminderIntro,
  daysOverdue,
  type ReminderLevelNumber,
} from '../../../shared/domain/reminders';
import { renderTemplate, type TemplateKind, type TemplateValues } from '../../../shared/domain/templates';
import { PAYMENT_METHOD_LABELS } from '../../../shared/api/payments';
import { fieldError, notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';
import { getDocument } from '../receivables/document-read';
import { getPayment } from '../receivables/payments';
import { getSettings, readSmallBusiness } from '../settings';
import { smallBusinessNote } from '../../../shared/domain/small-business';
import { getDocumentSettings } from './settings';
import { getDocumentLanguageSettings } from './language';
import { documentLocale, documentTranslator, type DocT } from '../../../shared/domain/document-language';
import { TITLE_KEYS, METHOD_KEYS } from '../../../shared/domain/document-view';
import type { Language } from '../../../shared/i18n';
import { getTemplates } from '../mail/settings';

export type PrintRef = z.output<typeof printRef>;
export type OutboxKind = 'invoice' | 'quote' | 'credit_note' | 'receipt' | 'statement' | 'reminder';

/** A printable record: its view, and what an email about it needs. */
export interface Subject {
  view: DocumentView;
  kind: OutboxKind;
  templateKind: TemplateKind;
  values: TemplateValues;
  recipients: string[];
  link: { documentId: number | null; paymentId: number | null; customerId: number | null };
  about: string;
  /** Why it cannot be sent yet; empty when it can. */
  blockers: string[];
  /** The invoice copy a reminder carries along with its letter. */
  companion?: DocumentView;
  reminderLevel?: ReminderLevelNumber;
  /** A message of its own (one reminder for several invoices), instead of the template's. */
  letter?: { subject: string; body: string };
  /** The document's language: its email template is the one of this language. */
  language: Language;
}

/** The user's own names for the document types, in the screens' messages (not documents). */

export interface DocumentViewContext extends ViewContext {
  t: DocT;
  language: Language;
}

/**
 * The view context of each customer's documents: the customer's document language (or the
 * business's), with the business's own wording, and dates and amounts in the business's
 * locale or the customer's, as the document language settings say. Settings are read once;
 * each customer's context is kept for the calls that follow (a bulk export).
 */
export async function viewContexts(
  ctx: ServiceContext,
): Promise<(customerId: number | null) => Promise<DocumentViewContext>> {
  const s = await getSettings(ctx);
  const lang = await getDocumentLanguageSettings(ctx);
  const settings = await getDocumentSettings(ctx);
  const smallBusiness = await readSmallBusiness(ctx);
  const today = ctx.clock.today();
  const business = { ...s.profile, hasLogo: s.logo !== null };
  const byCustomer = new Map<number | null, DocumentViewContext>();
  const customers = new Map<number, { language: string | null; country: string }>();
  const customer = async (id: number) => {
    let c = customers.get(id);
    if (!c) {
      const row = await storeOf(ctx).first(
        qb.selectFrom('customers').select(['document_language', 'billing_address']).where('id', '=', id),
      );
      c = {
        language: row?.document_language ?? null,
        country: row ? ((JSON.parse(row.billing_address) as Address).country ?? '') : '',
      };
      customers.set(id, c);
    }
    return c;
  };
  return async (customerId) => {
    let vc = byCustomer.get(customerId);
    if (!vc) {
      const c = customerId === null ? null : await customer(customerId);
      const language = c?.language ?? lang.language;
      const t = documentTranslator(language, lang.wording);
      const locale = documentLocale(lang.format, language, c?.country ?? '', s.preferences.locale);
      const note = smallBusinessNote(smallBusiness, s.profile.address.country, s.preferences.locale);
      vc = {
        business,
        locale,
        settings,
        today,
        // Folio's own note speaks the document's language; the user's own wording stays as written.
        smallBusinessNote:
          note !== null && !smallBusiness.note.trim() && language !== 'en'
            ? t('doc.note.smallBusiness')
            : note,
        t,
        language,
      };
      byCustomer.set(customerId, vc);
    }
    return vc;
  };
}

/** The view context of one customer's documents (null: the business's language and locale). */
export async function viewContext(
  ctx: ServiceContext,
  customerId: number | null = null,
): Promise<DocumentViewContext> {
  return (await viewContexts(ctx))(customerId);
}

export async function logoOf(ctx: ServiceContext): Promise<Buffer | null> {
  const row = await storeOf(ctx).first(qb.selectFrom('business_profile').select('logo').where('id', '=', 1));
  return row?.logo ? Buffer.from(row.logo) : null;
}

export interface CustomerInfo extends ViewCustomer {
  id: number;
  currency: string;
  emails: string[];
}

export async function customerInfo(ctx: ServiceContext, id: number): Promise<CustomerInfo> {
  const store = storeOf(ctx);
  const c = await store.first(qb.selectFrom('customers').selectAll().where('id', '=', id));
  if (!c) throw notFound(msg('errors.notFound.customer'));
  const emails = (
    await store.all(
      qb
        .selectFrom('customer_emails')
        .select(['email', 'billing'])
        .where('customer_id', '=', id)
        .orderBy('position'),
    )
  ).sort((a, b) => b.billing - a.billing);
  const billing = emails.filter((e) => e.billing === 1).map((e) => e.email);
  return {
    id: c.id,
    name: c.name,
    contactPerson: c.contact_person,
    addressLines: addressLinesOf(JSON.parse(c.billing_address) as Address),
    taxNumber: c.tax_number,
    currency: c.currency,
    emails: billing.length ? billing : emails.slice(0, 1).map((e) => e.email),
  };
}

function documentValues(doc: Document, ctx: DocumentViewContext, contact: string): TemplateValues {
  const money = (m: number) => formatMoney(m, doc.currency, ctx.locale);
  return {
    customer_name: doc.customerSnapshot.name,
    contact_name: contact || doc.customerSnapshot.name,
    document_number: doc.number ?? '',
    document_type: ctx.t(TITLE_KEYS[doc.type]),
    amount_due: money(doc.type === 'invoice' ? amountDueOf(doc) : doc.balance),
    total: money(doc.total),
    due_date: doc.dueDate ? formatDate(doc.dueDate, ctx.locale) : '',
    issue_date: formatDate(doc.issueDate, ctx.locale),
    days_overdue: doc.dueDate ? String(daysOverdue(doc.dueDate, ctx.today)) : '0',
    business_name: ctx.business.name,
  };
}

function documentBlockers(doc: Document): string[] {
  if (doc.status === 'void') return [msg('printing.blockers.void')];
  if (doc.status === 'draft') {
    return doc.type === 'quote'
      ? [msg('printing.blockers.quoteDraft')]
      : [msg('printing.blockers.draft', { type: doc.type })];
  }
  return [];
}

function recipientsOf(info: CustomerInfo, doc?: Document): string[] {
  if (info.emails.length) return info.emails;
  return doc?.customerSnapshot.email ? [doc.customerSnapshot.email] : [];
}

export async function statementData(
  ctx: ServiceContext,
  customer: CustomerInfo,
  from: string,
  to: string,
  currency: string,
  t: DocT = documentTranslator('en'),
): Promise<StatementData> {
  const store = storeOf(ctx);
  const docs = await store.all(
    qb
      .selectFrom('documents')
      .select(['type', 'number', 'issue_date', 'due_date', 'total', 'reference'])
      .where('customer_id', '=', customer.id)
      .where('currency', '=', currency)
      .where('type', 'in', ['invoice', 'credit_note'])
      .where('status', 'not in', ['draft', 'void'])
      .where('issue_date', '<=', to)
      .orderBy('issue_date')
      .orderBy('id'),
  );
  const payments = await store.all(
    qb
      .selectFrom('payments')
      .select(['date', 'amount', 'method', 'reference'])
      .where('customer_id', '=', customer.id)
      .where('currency', '=', currency)
      .where('undone_at', 'is', null)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('id'),
  );
  let opening = 0;
  const entries: StatementEntry[] = [];
  for (const d of docs) {
    const sign = d.type === 'invoice' ? 1 : -1;
    if (d.issue_date < from) {
      opening += sign * d.total;
      continue;
    }
    const label =
      d.type === 'invoice'
        ? `${t('doc.statement.invoice', { number: d.number ?? '' })}${d.reference ? ` · ${d.reference}` : ''}`
        : t('doc.statement.creditNote', { number: d.number ?? '' });
    entries.push({
      date: d.issue_date,
      kind: d.type === 'invoice' ? 'invoice' : 'credit_note',
      label,
      dueDate: d.type === 'invoice' ? d.due_date : null,
      amount: d.total,
    });
  }
  for (const p of payments) {
    if (p.date < from) {
      opening -= p.amount;
      continue;
    }
    entries.push({
      date: p.date,
      kind: 'payment',
      label: `${t('doc.statement.payment', { method: METHOD_KEYS[p.method] ? t(METHOD_KEYS[p.method]!) : PAYMENT_METHOD_LABELS[p.method] })}${p.reference ? ` (${p.reference})` : ''}`,
      dueDate: null,
      amount: p.amount,
    });
  }
  return { customer, currency, from, to, opening, entries };
}

/** Loads what a print reference points at and builds its view. */
export async function loadSubject(ctx: ServiceContext, ref: PrintRef): Promise<Subject> {
  const contexts = await viewContexts(ctx);
  switch (ref.kind) {
    case 'document': {
      const doc = await getDocument(ctx, { id: ref.id });
      const info = await customerInfo(ctx, doc.customerId);
      const vc = await contexts(doc.customerId);
      const view = buildDocumentView(doc, vc);
      return {
        view,
        kind: doc.type,
        templateKind: doc.type,
        values: documentValues(doc, vc, info.contactPerson),
        recipients: recipientsOf(info, doc),
        link: { documentId: doc.id, paymentId: null, customerId: doc.customerId },
        about: doc.number
          ? msg('printing.about.document', { type: doc.type, number: doc.number })
          : msg('printing.about.draft', { type: doc.type, id: String(doc.id) }),
        blockers: documentBlockers(doc),
        language: vc.language,
      };
    }
    case 'receipt': {
      const payment = await getPayment(ctx, { id: ref.paymentId });
      const info = await customerInfo(ctx, payment.customerId);
      const vc = await contexts(payment.customerId);
      const invoices = payment.allocations.length
        ? await storeOf(ctx).all(
            qb
              .selectFrom('documents')
              .select(['id', 'number', 'issue_date', 'total', 'balance'])
              .where(
                'id',
                'in',
                payment.allocations.map((a) => a.invoiceId),
              ),
          )
        : [];
      const view = buildReceiptView(
        payment,
        info,
        invoices.map((i) => ({
          id: i.id,
          number: i.number,
          issueDate: i.issue_date,
          total: i.total,
          balance: i.balance,
        })),
        vc,
      );
      const money = formatMoney(payment.amount, payment.currency, vc.locale);
      return {
        view,
        kind: 'receipt',
        templateKind: 'receipt',
        values: {
          customer_name: info.name,
          contact_name: info.contactPerson || info.name,
          document_number: view.meta[0]!.value,
          document_type: vc.t('doc.title.receipt'),
          amount_due: formatMoney(0, payment.currency, vc.locale),
          total: money,
          due_date: '',
          issue_date: formatDate(payment.date, vc.locale),
          days_overdue: '0',
          business_name: vc.business.name,
        },
        recipients: recipientsOf(info),
        link: { documentId: null, paymentId: payment.id, customerId: payment.customerId },
        about: msg('printing.about.receipt', { amount: money }),
        blockers: payment.undone ? [msg('printing.blockers.paymentUndone')] : [],
        language: vc.language,
      };
    }
    case 'statement': {
      const info = await customerInfo(ctx, ref.customerId);
      const vc = await contexts(info.id);
      const currency = ref.currency ?? info.currency;
      const data = await statementData(ctx, info, ref.from, ref.to, currency, vc.t);
      const view = buildStatementView(data, vc);
      const closing = statementClosing(data);
      return {
        view,
        kind: 'statement',
        templateKind: 'statement',
        values: {
          customer_name: info.name,
          contact_name: info.contactPerson || info.name,
          document_number: '',
          document_type: vc.t('doc.title.statement'),
          amount_due: formatMoney(Math.max(0, closing), currency, vc.locale),
          total: formatMoney(closing, currency, vc.locale),
          due_date: '',
          issue_date: formatDate(ref.to, vc.locale),
          days_overdue: '0',
          business_name: vc.business.name,
        },
        recipients: recipientsOf(info),
        link: { documentId: null, paymentId: null, customerId: info.id },
        about: msg('printing.about.statement', { from: ref.from, to: ref.to }),
        blockers: [],
        language: vc.language,
      };
    }
    case 'reminder': {
      const doc = await getDocument(ctx, { id: ref.documentId });
      if (doc.type !== 'invoice')
        throw fieldError('ref.documentId', msg('errors.views.remindersAreForInvoices'));
      const info = await customerInfo(ctx, doc.customerId);
      const vc = await contexts(doc.customerId);
      const overdue = doc.dueDate ? daysOverdue(doc.dueDate, vc.today) : 0;
      const values = documentValues(doc, vc, info.contactPerson);
      const templateKind = `reminder_${ref.level}` as const;
      // The letter carries the same words as the email of its level.
      const letter = renderTemplate((await getTemplates(ctx, vc.language))[templateKind].body, values);
      const view = buildReminderView(doc, ref.level, letter, overdue, vc);
      const blockers = documentBlockers(doc);
      if (!blockers.length && !['issued', 'partially_paid'].includes(doc.status))
        blockers.push(
          msg('printing.blockers.nothingToRemind', { number: doc.number ?? '', status: doc.status }),
        );
      return {
        view,
        kind: 'reminder',
        templateKind,
        values,
        recipients: recipientsOf(info, doc),
        link: { documentId: doc.id, paymentId: null, customerId: doc.customerId },
        about: msg('printing.about.reminder', { title: view.title, number: doc.number ?? '' }),
        blockers,
        companion: buildDocumentView(doc, vc),
        reminderLevel: ref.level,
        language: vc.language,
      };
    }
    case 'customer_reminder': {
      const info = await customerInfo(ctx, ref.customerId);
      const vc = await contexts(info.id);
      const t = vc.t;
      const currency = ref.currency ?? info.currency;
      const invoices = await Promise.all(
        (await overdueInvoices(ctx, info.id, currency)).map((id) => getDocument(ctx, { id })),
      );
      const money = (m: number) => formatMoney(m, currency, vc.locale);
      const due = invoices.reduce((sum, d) => sum + amountDueOf(d), 0);
      const overdue = Math.max(0, ...invoices.map((d) => daysOverdue(d.dueDate!, vc.today)));
      const contact = info.contactPerson || info.name;
      const intro = customerReminderIntro(ref.level, money(due), invoices.length, t);
      const salutation = t('letters.salutation', { name: contact });
      const view = buildCustomerReminderView(
        info,
        invoices,
        currency,
        ref.level,
        `${salutation}\n\n${intro}`,
        vc,
      );
      const date = (iso: string) => formatDate(iso, vc.locale);
      const list = invoices.map((d) =>
        t('letters.invoiceLine', {
          number: d.number ?? '',
          date: date(d.issueDate),
          due: date(d.dueDate!),
          open: money(amountDueOf(d)),
          total: money(d.total),
        }),
      );
      const numbers = invoices.map((d) => d.number ?? '').join(', ');
      return {
        view,
        kind: 'reminder',
        templateKind: `reminder_${ref.level}`,
        values: {
          customer_name: info.name,
          contact_name: contact,
          document_number: numbers,
          document_type: t('doc.title.invoice'),
          amount_due: money(due),
          total: money(invoices.reduce((sum, d) => sum + d.total, 0)),
          due_date: invoices[0]?.dueDate ? date(invoices[0].dueDate) : '',
          issue_date: date(vc.today),
          days_overdue: String(overdue),
          business_name: vc.business.name,
        },
        recipients: recipientsOf(info),
        link: { documentId: null, paymentId: null, customerId: info.id },
        about: msg('printing.about.customerReminder', { title: view.title, count: invoices.length }),
        blockers: invoices.length ? [] : [msg('printing.blockers.noOverdue', { name: info.name, currency })],
        reminderLevel: ref.level,
        letter: {
          subject: t('letters.subject', { title: view.title, count: invoices.length, numbers }),
          body: [
            salutation,
            intro,
            list.join('\n'),
            t('letters.amountDue', { amount: money(due) }),
            t('letters.signOff', { business: vc.business.name }),
          ].join('\n\n'),
        },
        language: vc.language,
      };
    }
  }
}

/** A customer's open invoices past their due date in one currency, oldest due first. */
export async function overdueInvoices(
  ctx: ServiceContext,
  customerId: number,
  currency: string,
): Promise<number[]> {
  return (
    await storeOf(ctx).all(
      qb
        .selectFrom('documents')
        .select('id')
        .where('customer_id', '=', customerId)
        .where('currency', '=', currency)
        .where('type', '=', 'invoice')
        .where('status', 'in', ['issued', 'partially_paid'])
        .where('balance', '>', 0)
        .where('due_date', '<', ctx.clock.today())
        .orderBy('due_date')
        .orderBy('id'),
    )
  ).map((r) => r.id);
}
