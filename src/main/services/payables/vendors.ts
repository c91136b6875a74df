import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Vendor, VendorSummary } from '../../../shared/api/payables';
import { describeEarlyPaymentTerms, earlyPaymentWindowError } from '../../../shared/domain/early-payment';
import { dueDateFor } from '../../../shared/domain/terms';
import { fieldError, notFound } from '../../../shared/api/errors';
import type { Selectable } from 'kysely';
import type { VendorsTable } from '../../db/schema';
import { ibanIn } from '../../../shared/domain/iban';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import {
  OPEN_SQL,
  byCurrency,
  earlyFromColumns,
  earlyFromInput,
  earlyToOutput,
  nowIso,
  parseTerms,
  requireCategory,
} from './common';
import { dialectOf } from '../../db/dialect';
import { assertVersion } from '../versions';

/** Vendors: who sends the bills, with their terms and bank details (for the user's reference). */

type VendorRow = Selectable<VendorsTable>;

interface Balances {
  openBalances: { currency: string; amount: number }[];
  openBills: number;
  overdueBills: number;
}

async function balancesOf(ctx: ServiceContext, vendorIds: number[]): Promise<Map<number, Balances>> {
  const out = new Map<number, Balances>();
  if (vendorIds.length === 0) return out;
  const today = ctx.clock.today();
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT vendor_id, currency, sum(balance) AS amount, count(*) AS bills,
         count(*) FILTER (WHERE due_date < ?) AS overdue
       FROM bills INDEXED BY bills_by_vendor_date
       WHERE vendor_id IN ${dialectOf(storeOf(ctx)).jsonValues('integer')} AND ${OPEN_SQL}
       GROUP BY vendor_id, currency`,
    )
    .all(today, JSON.stringify(vendorIds))) as {
    vendor_id: number;
    currency: string;
    amount: number;
    bills: number;
    overdue: number;
  }[];
  for (const r of rows) {
    const b = out.get(r.vendor_id) ?? { openBalances: [], openBills: 0, overdueBills: 0 };
    b.openBalances.push({ currency: r.currency, amount: r.amount });
    b.openBills += r.bills;
    b.overdueBills += r.overdue;
    out.set(r.vendor_id, b);
  }
  for (const b of out.values()) b.openBalances = byCurrency(b.openBalances);
  return out;
}

const NO_BALANCE: Balances = { openBalances: [], openBills: 0, overdueBills: 0 };

function toVendor(row: VendorRow, balances: Balances): Vendor {
  const terms = parseTerms(row.payment_terms);
  const early = earlyFromColumns(row.discount_bp, row.discount_days);
  return {
    id: row.id,
    name: row.name,
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
    },
    taxNumber: row.tax_number,
    currency: row.currency,
    defaultCategoryId: row.default_category_id,
    paymentTerms: terms,
    earlyPayment: earlyToOutput(early),
    termsLabel: describeEarlyPaymentTerms(terms, early),
    bankDetails: row.bank_details,
    iban: row.iban,
    bic: row.bic,
    bankDetailsChangedAt: row.bank_details_changed_at,
    notes: row.notes,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    ...balances,
  };
}

/**
 * A vendor's row. With `lock`, read in a transaction about to change it: on shared books a
 * second save from the same version at the same moment waits, then sees the new version.
 */
async function vendorRow(
  ctx: ServiceContext,
  id: number,
  options: { lock?: boolean } = {},
): Promise<VendorRow> {
  const store = storeOf(ctx);
  let q = qb.selectFrom('vendors').selectAll().where('id', '=', id);
  if (options.lock) q = q.modifyEnd(dialectOf(store).forUpdate);
  const row = await store.first(q);
  if (!row) throw notFound(msg('errors.notFound.vendor'));
  return row as VendorRow;
}

export async function getVendor(ctx: ServiceContext, input: { id: number }): Promise<Vendor> {
  const row = await vendorRow(ctx, input.id);
  return toVendor(row, (await balancesOf(ctx, [row.id])).get(row.id) ?? NO_BALANCE);
}

export async function listVendors(
  ctx: ServiceContext,
  input: ParsedInput<'vendors.list'>,
): Promise<VendorSummary[]> {
  let q = qb
    .selectFrom('vendors')
    .selectAll()
    .orderBy('archived_at', 'asc')
    .orderBy('name', 'asc')
    .limit(1000);
  if (!input.includeArchived) q = q.where('archived_at', 'is', null);
  if (input.search) {
    const like = `%${input.search}%`;
    q = q.where((eb) =>
      eb.or([
        eb('name', 'like', like),
        eb('contact_name', 'like', like),
        eb('email', 'like', like),
        eb('tax_number', 'like', like),
      ]),
    );
  }
  const rows = (await storeOf(ctx).all(q)) as VendorRow[];
  const balances = await balancesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows
    .sort(
      (a, b) =>
        Number(a.archived_at !== null) - Number(b.archived_at !== null) || a.name.localeCompare(b.name),
    )
    .map((r) => {
      const v = toVendor(r, balances.get(r.id) ?? NO_BALANCE);
      return {
        id: v.id,
        name: v.name,
        contactName: v.contactName,
        email: v.email,
        phone: v.phone,
        currency: v.currency,
        termsLabel: v.termsLabel,
        archived: v.archived,
        openBalances: v.openBalances,
        openBills: v.openBills,
        overdueBills: v.overdueBills,
      };
    });
}

function columns(input: ParsedInput<'vendors.create'>) {
  const early = earlyFromInput(input.earlyPayment);
  // The discount window must close by the due date the terms give (the same for every bill
  // date with net or on-receipt terms; end-of-month terms are checked on each bill).
  if (input.earlyPayment && input.paymentTerms.kind !== 'eom') {
    const day = '2026-01-01';
    const wrong = earlyPaymentWindowError(day, dueDateFor(day, input.paymentTerms), input.earlyPayment);
    if (wrong)
      throw fieldError(
        'earlyPayment.days',
        msg('errors.vendors.discountAfterDue', {
          days: input.paymentTerms.kind === 'net' ? input.paymentTerms.days : 0,
        }),
      );
  }
  return {
    name: input.name,
    contact_name: input.contactName,
    email: input.email,
    phone: input.phone,
    address_line1: input.address.line1,
    address_line2: input.address.line2,
    city: input.address.city,
    region: input.address.region,
    postal_code: input.address.postalCode,
    country: input.address.country,
    tax_number: input.taxNumber,
    currency: input.currency,
    default_category_id: input.defaultCategoryId,
    payment_terms: JSON.stringify(input.paymentTerms),
    discount_bp: early?.discountBp ?? null,
    discount_days: early?.days ?? null,
    bank_details: input.bankDetails,
    // The IBAN in the bank details, structured, for bank matching and payment files.
    iban: input.iban || (ibanIn(input.bankDetails)?.iban ?? ''),
    bic: input.iban ? input.bic : input.bic || (ibanIn(input.bankDetails)?.bic ?? ''),
    notes: input.notes,
  };
}

/** The audit view of a vendor: every field, bank details included (they are not secrets). */
function auditView(c: ReturnType<typeof columns>): Record<string, unknown> {
  return { ...c };
}

export async function createVendor(
  ctx: ServiceContext,
  input: ParsedInput<'vendors.create'>,
): Promise<Vendor> {
  await requireCategory(ctx, input.defaultCategoryId, 'defaultCategoryId');
  const id = await storeOf(ctx).tx(async () => await createVendorInTx(ctx, input));
  return await getVendor(ctx, { id });
}

/** Inserts a vendor inside the caller's transaction (the CSV import creates vendors this way). */
export async function createVendorInTx(
  ctx: ServiceContext,
  input: ParsedInput<'vendors.create'>,
): Promise<number> {
  const now = nowIso(ctx);
  const c = columns(input);
  const { lastInsertRowid } = await storeOf(ctx).run(
    qb
      .insertInto('vendors')
      .values({ ...c, bank_details_changed_at: null, created_at: now, updated_at: now }),
  );
  await recordAudit(ctx, {
    entity: 'vendor',
    entityId: lastInsertRowid,
    action: 'create',
    after: auditView(c),
  });
  return lastInsertRowid;
}

export async function updateVendor(
  ctx: ServiceContext,
  input: ParsedInput<'vendors.update'>,
): Promise<Vendor> {
  await requireCategory(ctx, input.defaultCategoryId, 'defaultCategoryId');
  await storeOf(ctx).tx(async () => {
    const before = await vendorRow(ctx, input.id, { lock: true });
    await assertVersion(ctx, before, input.version);
    const c = columns(input);
    const now = nowIso(ctx);
    const bankChanged = before.bank_details !== c.bank_details || before.iban !== c.iban;
    await storeOf(ctx).run(
      qb
        .updateTable('vendors')
        .set({
          ...c,
          updated_at: now,
          updated_by: ctx.user,
          version: before.version + 1,
          // A change of bank details is dated: bills entered after it are checked against it.
          bank_details_changed_at: bankChanged ? now : before.bank_details_changed_at,
        })
        .where('id', '=', input.id),
    );
    const {
      id: _id,
      created_at: _c,
      updated_at: _u,
      archived_at: _a,
      bank_details_changed_at: _b,
      version: _v,
      updated_by: _ub,
      ...old
    } = before;
    await recordAudit(ctx, {
      entity: 'vendor',
      entityId: input.id,
      action: 'update',
      before: old,
      after: auditView(c),
      ...(bankChanged ? { details: { bankDetailsChanged: true } } : {}),
    });
  });
  return await getVendor(ctx, { id: input.id });
}

export async function setVendorArchived(
  ctx: ServiceContext,
  input: ParsedInput<'vendors.setArchived'>,
): Promise<Vendor> {
  await storeOf(ctx).tx(async () => {
    const before = await vendorRow(ctx, input.id, { lock: true });
    if ((before.archived_at !== null) === input.archived) return;
    const now = nowIso(ctx);
    await storeOf(ctx).run(
      qb
        .updateTable('vendors')
        .set({ archived_at: input.archived ? now : null, updated_at: now })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'vendor',
      entityId: input.id,
      action: input.archived ? 'archive' : 'restore',
      before: { archived: before.archived_at !== null },
      after: { archived: input.archived },
    });
  });
  return await getVendor(ctx, { id: input.id });
}
