import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Address } from '../../../shared/api/common';
import type { Customer, CustomerSummary, DuplicateWarning } from '../../../shared/api/customers';
import type { PaymentTerms } from '../../../shared/domain/terms';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { sql } from 'kysely';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { searchWords } from './search';
import { dialectOf } from '../../db/dialect';
import { taxRates } from './taxes';
import { assertVersion } from '../versions';

/**
 * A customer's row. With `lock`, read in a transaction about to change it: on shared books a
 * second save from the same version at the same moment waits, then sees the first one's new
 * version and is refused, instead of both passing the version check.
 */
async function customerRow(ctx: ServiceContext, id: number, options: { lock?: boolean } = {}) {
  const store = storeOf(ctx);
  let q = qb.selectFrom('customers').selectAll().where('id', '=', id);
  if (options.lock) q = q.modifyEnd(dialectOf(store).forUpdate);
  const r = await store.first(q);
  if (!r) throw notFound(msg('errors.notFound.customer'));
  return r;
}

async function emailsOf(ctx: ServiceContext, id: number): Promise<{ email: string; billing: boolean }[]> {
  return (
    await storeOf(ctx).all(
      qb
        .selectFrom('customer_emails')
        .select(['email', 'billing'])
        .where('customer_id', '=', id)
        .orderBy('position'),
    )
  ).map((e) => ({ email: e.email, billing: e.billing === 1 }));
}

async function hasDocuments(ctx: ServiceContext, id: number): Promise<boolean> {
  return !!(await storeOf(ctx).first(
    qb.selectFrom('documents').select('id').where('customer_id', '=', id).limit(1),
  ));
}

export async function getCustomerRecord(ctx: ServiceContext, id: number): Promise<Customer> {
  const r = await customerRow(ctx, id);
  return {
    id: r.id,
    name: r.name,
    contactPerson: r.contact_person,
    emails: await emailsOf(ctx, id),
    phone: r.phone,
    billingAddress: JSON.parse(r.billing_address) as Address,
    shippingAddress: JSON.parse(r.shipping_address) as Address,
    taxNumber: r.tax_number,
    iban: r.iban,
    bic: r.bic,
    currency: r.currency,
    paymentTerms: JSON.parse(r.payment_terms) as PaymentTerms,
    defaultTaxId: r.default_tax_id,
    notes: r.notes,
    electronicAddress: r.eaddress,
    electronicAddressScheme: r.eaddress_scheme,
    buyerReference: r.buyer_reference,
    einvoiceFormat: r.einvoice_format as Customer['einvoiceFormat'],
    documentLanguage: r.document_language,
    archived: r.archived_at !== null,
    hasDocuments: await hasDocuments(ctx, id),
    createdAt: r.created_at,
    version: r.version,
  };
}

/** The customer's open balance and credit, by currency. */
export async function customerBalances(ctx: ServiceContext, id: number) {
  const today = ctx.clock.today();
  const balances = (await storeOf(ctx)
    .prepare(
      `SELECT currency, sum(balance) AS amount, sum(CASE WHEN due_date < ? THEN balance ELSE 0 END) AS overdue
       FROM documents INDEXED BY documents_open_by_customer
       WHERE customer_id = ? AND type = 'invoice' AND status IN ('issued', 'partially_paid')
       GROUP BY currency ORDER BY currency`,
    )
    .all(today, id)) as { currency: string; amount: number; overdue: number }[];
  const credit = (await storeOf(ctx)
    .prepare(
      `SELECT currency, sum(amount) AS amount FROM (
         SELECT currency, unapplied AS amount FROM payments INDEXED BY payments_unapplied
         WHERE customer_id = ? AND undone_at IS NULL AND unapplied > 0
         UNION ALL
         SELECT currency, balance FROM documents WHERE customer_id = ? AND type = 'credit_note' AND status = 'issued' AND balance > 0
       ) AS credit GROUP BY currency ORDER BY currency`,
    )
    .all(id, id)) as { currency: string; amount: number }[];
  return { balances, credit };
}

export async function getCustomer(ctx: ServiceContext, input: { id: number }) {
  return { customer: await getCustomerRecord(ctx, input.id), ...(await customerBalances(ctx, input.id)) };
}

export async function listCustomers(
  ctx: ServiceContext,
  input: ParsedInput<'customers.list'>,
): Promise<{ rows: CustomerSummary[]; total: number }> {
  const store = storeOf(ctx);
  let q = qb.selectFrom('customers as c');
  if (!input.includeArchived) q = q.where('c.archived_at', 'is', null);
  const words = searchWords(input.search);
  if (words.length > 0) {
    const dialect = dialectOf(store);
    const terms = await dialect.searchTerms(store, words);
    q = q.where(
      sql<boolean>`c.id IN (SELECT f.rowid FROM customers_fts AS f WHERE ${dialect.receivablesSearchMatch('customers_fts', 'f', terms)})`,
    );
  }

  const total = Number((await store.first(q.select((eb) => eb.fn.countAll<number>().as('n'))))?.n ?? 0);
  let page = q.select(['c.id', 'c.name', 'c.contact_person', 'c.currency', 'c.archived_at']);
  if (input.sort === 'balance') {
    // Kept by triggers on documents, so the page reads the customers_active_by_balance index.
    page = page.orderBy('c.open_balance_base', input.direction);
  } else if (input.sort === 'created') {
    page = page.orderBy('c.created_at', input.direction);
  } else {
    // NOCASE folds ASCII letters only, as lower() does, so the order is the same, read from
    // the customers_by_name index instead of sorting every customer.
    page = page.orderBy(sql`c.name COLLATE NOCASE`, input.direction);
  }
  const rows = await store.all(page.orderBy('c.id').limit(input.limit).offset(input.offset));
  const ids = rows.map((r) => r.id);
  const balances = ids.length
    ? ((await store
        .prepare(
          `SELECT customer_id, currency, sum(balance) AS amount, sum(CASE WHEN due_date < ? THEN balance ELSE 0 END) AS overdue
           FROM documents INDEXED BY documents_open_by_customer
           WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND customer_id IN (${ids.map(() => '?').join(',')})
           GROUP BY customer_id, currency`,
        )
        .all(ctx.clock.today(), ...ids)) as {
        customer_id: number;
        currency: string;
        amount: number;
        overdue: number;
      }[])
    : [];
  const billing = ids.length
    ? await store.all(
        qb
          .selectFrom('customer_emails')
          .select(['customer_id', 'email'])
          .where('customer_id', 'in', ids)
          .orderBy('billing', 'desc')
          .orderBy('position'),
      )
    : [];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      contactPerson: r.contact_person,
      billingEmail: billing.find((b) => b.customer_id === r.id)?.email ?? '',
      currency: r.currency,
      archived: r.archived_at !== null,
      balances: balances
        .filter((b) => b.customer_id === r.id)
        .map((b) => ({ currency: b.currency, amount: b.amount })),
      overdue: balances.filter((b) => b.customer_id === r.id).reduce((s, b) => s + b.overdue, 0),
    })),
  };
}

const normalizeTaxNumber = (v: string) => v.replace(/[\s.-]/g, '').toUpperCase();

/** Existing customers with the same name, email or tax number: a warning, never a block. */
export async function checkDuplicates(
  ctx: ServiceContext,
  input: ParsedInput<'customers.checkDuplicates'>,
): Promise<DuplicateWarning[]> {
  const store = storeOf(ctx);
  const out: DuplicateWarning[] = [];
  const exclude = input.excludeId ?? 0;
  const name = input.name.trim();
  if (name) {
    for (const c of (await store
      .prepare('SELECT id, name FROM customers WHERE name = ? COLLATE NOCASE AND id <> ? LIMIT 5')
      .all(name, exclude)) as {
      id: number;
      name: string;
    }[])
      out.push({
        customerId: c.id,
        customerName: c.name,
        field: 'name',
        message: `${c.name} already exists with this name.`,
      });
  }
  for (const email of input.emails.map((e) => e.trim()).filter(Boolean)) {
    for (const c of (await store
      .prepare(
        `SELECT DISTINCT c.id, c.name FROM customer_emails e JOIN customers c ON c.id = e.customer_id
         WHERE e.email = ? COLLATE NOCASE AND c.id <> ? LIMIT 5`,
      )
      .all(email, exclude)) as { id: number; name: string }[])
      out.push({
        customerId: c.id,
        customerName: c.name,
        field: 'email',
        message: `${c.name} already uses ${email}.`,
      });
  }
  const tax = normalizeTaxNumber(input.taxNumber);
  if (tax) {
    for (const c of (await store
      .prepare(
        `SELECT id, name FROM customers WHERE tax_number <> '' AND upper(replace(replace(replace(tax_number, ' ', ''), '.', ''), '-', '')) = ? AND id <> ? LIMIT 5`,
      )
      .all(tax, exclude)) as { id: number; name: string }[])
      out.push({
        customerId: c.id,
        customerName: c.name,
        field: 'taxNumber',
        message: `${c.name} has the same tax number.`,
      });
  }
  return out;
}

async function indexCustomer(
  ctx: ServiceContext,
  id: number,
  input: ParsedInput<'customers.create'>,
): Promise<void> {
  const store = storeOf(ctx);
  await store.prepare('DELETE FROM customers_fts WHERE rowid = ?').run(id);
  await store
    .prepare(
      'INSERT INTO customers_fts (rowid, name, contact_person, emails, tax_number) VALUES (?, ?, ?, ?, ?)',
    )
    .run(id, input.name, input.contactPerson, input.emails.map((e) => e.email).join(' '), input.taxNumber);
}

async function columns(ctx: ServiceContext, input: ParsedInput<'customers.create'>) {
  if (input.defaultTaxId !== null) await taxRates(ctx, [input.defaultTaxId], 'defaultTaxId');
  if (input.emails.length > 0 && !input.emails.some((e) => e.billing)) input.emails[0]!.billing = true;
  if (input.emails.filter((e) => e.billing).length > 1)
    throw fieldError('emails', msg('errors.customers.markOnlyOneEmail'));
  return {
    name: input.name,
    contact_person: input.contactPerson,
    phone: input.phone,
    billing_address: JSON.stringify(input.billingAddress),
    shipping_address: JSON.stringify(input.shippingAddress),
    tax_number: input.taxNumber,
    iban: input.iban,
    bic: input.bic,
    currency: input.currency,
    payment_terms: JSON.stringify(input.paymentTerms),
    default_tax_id: input.defaultTaxId,
    notes: input.notes,
    eaddress: input.electronicAddress,
    eaddress_scheme: input.electronicAddressScheme,
    buyer_reference: input.buyerReference,
    einvoice_format: input.einvoiceFormat,
    document_language: input.documentLanguage,
  };
}

async function saveEmails(
  ctx: ServiceContext,
  id: number,
  emails: { email: string; billing: boolean }[],
): Promise<void> {
  const store = storeOf(ctx);
  await store.run(qb.deleteFrom('customer_emails').where('customer_id', '=', id));
  for (const [position, e] of emails.entries()) {
    await store.run(
      qb
        .insertInto('customer_emails')
        .values({ customer_id: id, position, email: e.email, billing: e.billing ? 1 : 0 }),
    );
  }
}

export async function createCustomer(ctx: ServiceContext, input: ParsedInput<'customers.create'>) {
  const warnings = await checkDuplicates(ctx, {
    name: input.name,
    emails: input.emails.map((e) => e.email),
    taxNumber: input.taxNumber,
    excludeId: null,
  });
  const id = await storeOf(ctx).tx(async () => {
    const values = await columns(ctx, input);
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid: id } = await storeOf(ctx).run(
      qb.insertInto('customers').values({ ...values, created_at: now, updated_at: now }),
    );
    await saveEmails(ctx, id, input.emails);
    await indexCustomer(ctx, id, input);
    await recordAudit(ctx, {
      entity: 'customer',
      entityId: id,
      action: 'create',
      after: { ...values, emails: JSON.stringify(input.emails) },
    });
    return id;
  });
  return { customer: await getCustomerRecord(ctx, id), warnings };
}

export async function updateCustomer(ctx: ServiceContext, input: ParsedInput<'customers.update'>) {
  const warnings = await checkDuplicates(ctx, {
    name: input.name,
    emails: input.emails.map((e) => e.email),
    taxNumber: input.taxNumber,
    excludeId: input.id,
  });
  await storeOf(ctx).tx(async () => {
    const before = await customerRow(ctx, input.id, { lock: true });
    await assertVersion(ctx, before, input.version);
    const beforeEmails = JSON.stringify(await emailsOf(ctx, input.id));
    const values = await columns(ctx, input);
    await storeOf(ctx).run(
      qb
        .updateTable('customers')
        .set({
          ...values,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: ctx.user,
          version: before.version + 1,
        })
        .where('id', '=', input.id),
    );
    await saveEmails(ctx, input.id, input.emails);
    await indexCustomer(ctx, input.id, input);
    // Drafts show the current name; issued documents keep the name they were issued with.
    if (before.name !== input.name) {
      await storeOf(ctx).run(
        qb
          .updateTable('documents')
          .set({ customer_name: input.name })
          .where('customer_id', '=', input.id)
          .where('status', '=', 'draft'),
      );
    }
    await recordAudit(ctx, {
      entity: 'customer',
      entityId: input.id,
      action: 'update',
      before: { ...before, emails: beforeEmails },
      after: { ...before, ...values, emails: JSON.stringify(input.emails) },
    });
  });
  return { customer: await getCustomerRecord(ctx, input.id), warnings };
}

export async function setCustomerArchived(
  ctx: ServiceContext,
  input: ParsedInput<'customers.setArchived'>,
): Promise<Customer> {
  await storeOf(ctx).tx(async () => {
    await customerRow(ctx, input.id, { lock: true });
    await storeOf(ctx).run(
      qb
        .updateTable('customers')
        .set({ archived_at: input.archived ? ctx.clock.now().toISOString() : null })
        .where('id', '=', input.id),
    );
    // An archived customer is not billed: their recurring invoices pause with them.
    if (input.archived) {
      await storeOf(ctx).run(
        qb
          .updateTable('recurring_invoices')
          .set({ paused_at: ctx.clock.now().toISOString() })
          .where('customer_id', '=', input.id)
          .where('paused_at', 'is', null),
      );
    }
    await recordAudit(ctx, {
      entity: 'customer',
      entityId: input.id,
      action: input.archived ? 'archive' : 'unarchive',
    });
  });
  return await getCustomerRecord(ctx, input.id);
}

export async function deleteCustomer(ctx: ServiceContext, input: { id: number }): Promise<{ deleted: true }> {
  await storeOf(ctx).tx(async () => {
    const before = await customerRow(ctx, input.id, { lock: true });
    const used =
      (await hasDocuments(ctx, input.id)) ||
      !!(await storeOf(ctx).first(
        qb.selectFrom('payments').select('id').where('customer_id', '=', input.id).limit(1),
      )) ||
      !!(await storeOf(ctx).first(
        qb.selectFrom('recurring_invoices').select('id').where('customer_id', '=', input.id).limit(1),
      ));
    if (used)
      throw new AppError('CONFLICT', msg('errors.customers.nameHasDocumentsPayments', { name: before.name }));
    await storeOf(ctx).prepare('DELETE FROM customers_fts WHERE rowid = ?').run(input.id);
    await storeOf(ctx).run(qb.deleteFrom('customers').where('id', '=', input.id));
    await recordAudit(ctx, {
      entity: 'customer',
      entityId: input.id,
      action: 'delete',
      before: { ...before },
    });
  });
  return { deleted: true };
}
