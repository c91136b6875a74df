import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Document, ParsedDocumentInput } from '../../../shared/api/documents';
import { AppError, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { toBase } from '../../../shared/domain/fx';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { adjustPaymentStats, refreshCreditNote, refreshInvoice } from './balances';
import { documentRecord, getDocument } from './document-read';
import { insertDraft, prepareDocument } from './document-save';
import { assertPreferredFormatPossible } from '../einvoice/preflight';
import { takeNumber } from './numbering';
import type { TaxRounding } from '../../../shared/domain/totals';

/**
 * Issuing, voiding, quote decisions, conversions and credit notes.
 *
 * Decision: an issued invoice is never edited. It is corrected with a credit note (which
 * reverses all or part of it, and can be followed by a new invoice), so every number a
 * customer has seen keeps meaning what it meant. The UI says so where the Edit button would be.
 */

/** Gives a draft its number and opens its balance; for a credit note, credits its invoice. */
export async function issueInTransaction(ctx: ServiceContext, id: number): Promise<void> {
  const store = storeOf(ctx);
  const doc = await documentRecord(ctx, id, { lock: true });
  if (doc.status !== 'draft')
    throw new AppError(
      'CONFLICT',
      doc.number
        ? msg('errors.documentLifecycle.numberAlreadyIssued', { number: doc.number })
        : msg('errors.documentLifecycle.alreadyIssued'),
    );
  if (doc.type === 'quote')
    throw new AppError('CONFLICT', msg('errors.documentLifecycle.quoteSentNotIssued'));
  const { number, counter } = await takeNumber(ctx, doc.type, doc.issue_date);
  const base = (await getPreferences(ctx)).baseCurrency;
  const issued = await store.run(
    qb
      .updateTable('documents')
      .set({
        number,
        number_counter: counter,
        status: 'issued',
        balance: doc.total,
        balance_base: toBase(doc.total, doc.currency, doc.exchange_rate, base),
        issued_at: ctx.clock.now().toISOString(),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      // On shared books someone may have issued it since it was read above: then this changes
      // nothing, and the whole issue (the number taken too) is undone.
      .where('status', '=', 'draft'),
  );
  if (issued.changes !== 1) throw new AppError('CONFLICT', msg('errors.documentLifecycle.alreadyIssued'));
  if (doc.type === 'invoice') await refreshInvoice(ctx, id);
  if (doc.type === 'credit_note') {
    await refreshCreditNote(ctx, id);
    const invoice = doc.related_id ? await documentRecord(ctx, doc.related_id, { lock: true }) : null;
    if (
      invoice &&
      (invoice.status === 'issued' || invoice.status === 'partially_paid') &&
      invoice.currency === doc.currency
    ) {
      await applyCredit(ctx, id, invoice.id, Math.min(doc.total, invoice.balance), doc.issue_date);
    }
  }
  await recordAudit(ctx, {
    entity: doc.type,
    entityId: id,
    action: 'issue',
    before: { status: 'draft', number: null },
    after: { status: 'issued', number },
  });
}

export async function issueDocument(ctx: ServiceContext, input: { id: number }): Promise<Document> {
  await storeOf(ctx).tx(async () => {
    // Checked inside the transaction, before the number is taken: nothing is issued half-way.
    if ((await documentRecord(ctx, input.id, { lock: true })).status === 'draft')
      await assertPreferredFormatPossible(ctx, input.id);
    await issueInTransaction(ctx, input.id);
  });
  return await getDocument(ctx, input);
}

async function applyCredit(
  ctx: ServiceContext,
  creditNoteId: number,
  invoiceId: number,
  amount: number,
  date: string,
): Promise<void> {
  if (amount <= 0) return;
  await storeOf(ctx).run(
    qb.insertInto('allocations').values({
      invoice_id: invoiceId,
      payment_id: null,
      credit_note_id: creditNoteId,
      date,
      amount,
      undone_at: null,
    }),
  );
  await refreshInvoice(ctx, invoiceId);
  await refreshCreditNote(ctx, creditNoteId);
}

export async function applyCreditNote(
  ctx: ServiceContext,
  input: ParsedInput<'creditNotes.apply'>,
): Promise<Document> {
  await storeOf(ctx).tx(async () => {
    const cn = await documentRecord(ctx, input.creditNoteId, { lock: true });
    if (cn.type !== 'credit_note' || cn.status !== 'issued')
      throw fieldError('creditNoteId', msg('errors.documentLifecycle.onlyIssuedCreditNote'));
    const invoice = await documentRecord(ctx, input.invoiceId, { lock: true });
    if (invoice.type !== 'invoice' || !['issued', 'partially_paid'].includes(invoice.status))
      throw fieldError('invoiceId', msg('errors.documentLifecycle.creditOnlyAppliedOpen'));
    if (invoice.customer_id !== cn.customer_id)
      throw fieldError('invoiceId', msg('errors.documentLifecycle.invoiceBelongsAnotherCustomer'));
    if (invoice.currency !== cn.currency)
      throw fieldError(
        'invoiceId',
        msg('errors.documentLifecycle.invoiceCurrencyCreditNote', {
          currency: invoice.currency,
          currency1: cn.currency,
        }),
      );
    if (input.amount > cn.balance)
      throw fieldError(
        'amount',
        msg('errors.documentLifecycle.onlyBalanceCreditLeft', { balance: cn.balance }),
      );
    if (input.amount > invoice.balance)
      throw fieldError('amount', msg('errors.documentLifecycle.moreThanInvoiceStill'));
    await applyCredit(ctx, cn.id, invoice.id, input.amount, input.date);
    await recordAudit(ctx, {
      entity: 'credit_note',
      entityId: cn.id,
      action: 'apply',
      details: {
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        amount: input.amount,
        date: input.date,
      },
    });
  });
  return await getDocument(ctx, { id: input.creditNoteId });
}

/**
 * Void keeps the number (numbers are never reused or removed) and records the reason. An
 * invoice with payments must have them undone first; a voided credit note gives back what it
 * had credited.
 */
export async function voidDocument(
  ctx: ServiceContext,
  input: ParsedInput<'documents.void'>,
): Promise<Document> {
  await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    const doc = await documentRecord(ctx, input.id, { lock: true });
    if (doc.status === 'void')
      throw new AppError('CONFLICT', msg('errors.documentLifecycle.documentAlreadyVoid'));
    if (doc.status === 'draft')
      throw new AppError('CONFLICT', msg('errors.documentLifecycle.draftHasNoNumber'));
    if (doc.type === 'invoice') {
      const paid = await store.first(
        qb
          .selectFrom('allocations')
          .select('id')
          .where('invoice_id', '=', doc.id)
          .where('payment_id', 'is not', null)
          .where('undone_at', 'is', null)
          .limit(1),
      );
      if (paid) throw new AppError('CONFLICT', msg('errors.documentLifecycle.invoiceHasPaymentsUndo'));
    }
    const now = ctx.clock.now().toISOString();
    if (doc.type === 'invoice')
      await adjustPaymentStats(ctx, doc.customer_id, doc.due_date, doc.settled_on, null);
    const touched = await store.all(
      qb
        .selectFrom('allocations')
        .select(['id', 'invoice_id'])
        .where((eb) => eb.or([eb('invoice_id', '=', doc.id), eb('credit_note_id', '=', doc.id)]))
        .where('undone_at', 'is', null),
    );
    await store.run(
      qb
        .updateTable('allocations')
        .set({ undone_at: now })
        .where('id', 'in', touched.length ? touched.map((a) => a.id) : [0]),
    );
    await store.run(
      qb
        .updateTable('documents')
        .set({
          status: 'void',
          void_reason: input.reason,
          voided_at: now,
          balance: 0,
          balance_base: 0,
          settled_on: null,
          updated_at: now,
        })
        .where('id', '=', doc.id),
    );
    for (const a of touched) if (a.invoice_id !== doc.id) await refreshInvoice(ctx, a.invoice_id);
    // Credit notes that had been applied to this invoice get their credit back.
    const creditNotes = await store.all(
      qb
        .selectFrom('allocations')
        .select('credit_note_id')
        .where('invoice_id', '=', doc.id)
        .where('credit_note_id', 'is not', null)
        .where('undone_at', '=', now),
    );
    for (const c of creditNotes) await refreshCreditNote(ctx, c.credit_note_id!);
    await recordAudit(ctx, {
      entity: doc.type,
      entityId: doc.id,
      action: 'void',
      before: { status: doc.status },
      after: { status: 'void' },
      details: { reason: input.reason, number: doc.number },
    });
  });
  return await getDocument(ctx, input);
}

/** The input that recreates a document's content, for duplicates, conversions and credit notes. */
export function inputFrom(
  doc: Document,
  overrides: Partial<ParsedDocumentInput>,
  today: string,
): ParsedDocumentInput {
  return {
    type: doc.type,
    customerId: doc.customerId,
    issueDate: today,
    due:
      doc.due.kind === 'date' ? { kind: 'date', date: doc.due.date < today ? today : doc.due.date } : doc.due,
    currency: doc.currency,
    exchangeRate: doc.exchangeRate,
    pricesIncludeTax: doc.pricesIncludeTax,
    lines: doc.lines.map((l) => ({
      kind: l.kind,
      itemId: l.itemId,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discount: l.discount,
      taxIds: l.taxIds,
      exemptionReason: l.exemptionReason,
    })),
    discount: doc.discount,
    shipping: doc.shipping,
    shippingTaxIds: doc.shippingTaxIds,
    reference: doc.reference,
    notes: doc.notes,
    terms: doc.terms,
    footer: doc.footer,
    relatedId: null,
    buyerReference: doc.buyerReference,
    deliveryDate: doc.deliveryDate,
    deliveryEnd: doc.deliveryEnd,
    ...overrides,
  };
}

async function createFrom(
  ctx: ServiceContext,
  input: ParsedDocumentInput,
  audit: { action: string; sourceId: number },
  taxRounding?: TaxRounding,
): Promise<number> {
  const prepared = await prepareDocument(ctx, input, { allowArchivedCustomer: true, taxRounding });
  const id = await insertDraft(ctx, prepared);
  await recordAudit(ctx, {
    entity: input.type,
    entityId: id,
    action: audit.action,
    details: { from: audit.sourceId },
  });
  return id;
}

export async function duplicateDocument(ctx: ServiceContext, input: { id: number }): Promise<Document> {
  const source = await getDocument(ctx, input);
  const id = await storeOf(ctx).tx(
    async () =>
      // A copy is a new sale: the old delivery date or service period does not carry over.
      await createFrom(ctx, inputFrom(source, { deliveryDate: null, deliveryEnd: null }, ctx.clock.today()), {
        action: 'duplicate',
        sourceId: source.id,
      }),
  );
  return await getDocument(ctx, { id });
}

export async function setQuoteStatus(
  ctx: ServiceContext,
  input: ParsedInput<'quotes.setStatus'>,
): Promise<Document> {
  await storeOf(ctx).tx(async () => {
    const quote = await documentRecord(ctx, input.id, { lock: true });
    if (quote.type !== 'quote') throw fieldError('id', msg('errors.documentLifecycle.notQuote'));
    const allowed: Record<string, string[]> = {
      sent: ['draft'],
      accepted: ['sent', 'declined'],
      declined: ['sent', 'accepted'],
    };
    if (!allowed[input.status]!.includes(quote.status)) {
      throw new AppError(
        'CONFLICT',
        msg('errors.documentLifecycle.quoteCannotBeMarked', { status: quote.status, target: input.status }),
      );
    }
    const now = ctx.clock.now().toISOString();
    const numbering = quote.status === 'draft' ? await takeNumber(ctx, 'quote', quote.issue_date) : null;
    await storeOf(ctx).run(
      qb
        .updateTable('documents')
        .set({
          status: input.status,
          ...(numbering
            ? { number: numbering.number, number_counter: numbering.counter, issued_at: now, sent_at: now }
            : {}),
          updated_at: now,
        })
        .where('id', '=', quote.id),
    );
    await recordAudit(ctx, {
      entity: 'quote',
      entityId: quote.id,
      action: `mark_${input.status}`,
      before: { status: quote.status },
      after: { status: input.status, ...(numbering ? { number: numbering.number } : {}) },
    });
  });
  return await getDocument(ctx, input);
}

/** A draft invoice with the quote's content, linked back to it; the quote counts as accepted. */
export async function convertQuote(ctx: ServiceContext, input: { id: number }): Promise<Document> {
  const id = await storeOf(ctx).tx(async () => {
    // Locked and checked inside the transaction: converted twice at the same moment (a double
    // click, or two people), the second finds the first one's invoice and makes none.
    await documentRecord(ctx, input.id, { lock: true });
    const quote = await getDocument(ctx, input);
    if (quote.type !== 'quote') throw fieldError('id', msg('errors.documentLifecycle.notQuote'));
    if (!['sent', 'accepted'].includes(quote.status))
      throw new AppError('CONFLICT', msg('errors.documentLifecycle.onlySentAcceptedQuote'));
    const existing = quote.related.find((r) => r.type === 'invoice');
    if (existing)
      throw new AppError(
        'CONFLICT',
        existing.number
          ? msg('errors.documentLifecycle.quoteConvertedTo', { number: existing.number })
          : msg('errors.documentLifecycle.quoteConvertedToDraft'),
      );
    const terms = (await getPreferences(ctx)).defaultPaymentTerms;
    if (quote.status === 'sent') {
      await storeOf(ctx).run(
        qb
          .updateTable('documents')
          .set({ status: 'accepted', updated_at: ctx.clock.now().toISOString() })
          .where('id', '=', quote.id),
      );
      await recordAudit(ctx, {
        entity: 'quote',
        entityId: quote.id,
        action: 'mark_accepted',
        before: { status: 'sent' },
        after: { status: 'accepted' },
      });
    }
    const customerTerms = await storeOf(ctx).first(
      qb.selectFrom('customers').select('payment_terms').where('id', '=', quote.customerId),
    );
    return await createFrom(
      ctx,
      inputFrom(
        quote,
        {
          type: 'invoice',
          relatedId: quote.id,
          due: { kind: 'terms', terms: customerTerms ? JSON.parse(customerTerms.payment_terms) : terms },
        },
        ctx.clock.today(),
      ),
      { action: 'convert_from_quote', sourceId: quote.id },
    );
  });
  return await getDocument(ctx, { id });
}

/** A draft credit note with the invoice's lines, to reduce them to what should be credited. */
export async function creditNoteFromInvoice(
  ctx: ServiceContext,
  input: { invoiceId: number },
): Promise<Document> {
  const invoice = await getDocument(ctx, { id: input.invoiceId });
  if (invoice.type !== 'invoice' || invoice.status === 'draft' || invoice.status === 'void')
    throw fieldError('invoiceId', msg('errors.documentLifecycle.onlyIssuedInvoiceCredited'));
  const id = await storeOf(ctx).tx(
    async () =>
      await createFrom(
        ctx,
        inputFrom(
          invoice,
          {
            type: 'credit_note',
            relatedId: invoice.id,
            due: { kind: 'date', date: ctx.clock.today() },
            reference: invoice.number ?? '',
          },
          ctx.clock.today(),
        ),
        { action: 'credit_invoice', sourceId: invoice.id },
        // A credit note of an invoice stored under the old rounding credits exactly its figures.
        invoice.taxRounding,
      ),
  );
  return await getDocument(ctx, { id });
}
