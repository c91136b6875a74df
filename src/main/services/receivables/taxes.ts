import { msg } from '../../../shared/i18n';
import type { z } from 'zod';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Tax, taxInput } from '../../../shared/api/catalog';
import { PERCENT_SCALE, type TaxRate } from '../../../shared/domain/tax';
import { normalizeDecimal } from '../../../shared/domain/decimal';
import { fieldError, notFound } from '../../../shared/api/errors';
import {
  defaultCategory,
  ZERO_RATE_CATEGORIES,
  type VatCategory,
} from '../../../shared/domain/einvoice/codes';
import { dialectOf } from '../../db/dialect';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { assertVersion } from '../versions';

type TaxRow = {
  id: number;
  name: string;
  percent: string;
  compound: number;
  kind: Tax['kind'];
  reason: string;
  vat_category: VatCategory;
  vatex_code: string;
  archived_at: string | null;
  created_at: string;
  version: number;
  updated_by: string;
  updated_at: string;
};

async function inUse(ctx: ServiceContext, id: number): Promise<boolean> {
  return !!(await storeOf(ctx).first(
    qb.selectFrom('document_taxes').select('tax_id').where('tax_id', '=', id).limit(1),
  ));
}

async function toTax(ctx: ServiceContext, r: TaxRow): Promise<Tax> {
  return {
    id: r.id,
    name: r.name,
    percent: r.percent,
    compound: r.compound === 1,
    kind: r.kind,
    reason: r.reason,
    vatCategory: r.vat_category,
    vatexCode: r.vatex_code,
    archived: r.archived_at !== null,
    inUse: await inUse(ctx, r.id),
    version: r.version,
  };
}

/**
 * A tax's row. With `lock`, read in a transaction about to change it: on shared books a
 * second save from the same version at the same moment waits, then sees the new version.
 */
async function row(ctx: ServiceContext, id: number, options: { lock?: boolean } = {}): Promise<TaxRow> {
  const store = storeOf(ctx);
  let q = qb.selectFrom('taxes').selectAll().where('id', '=', id);
  if (options.lock) q = q.modifyEnd(dialectOf(store).forUpdate);
  const r = await store.first(q);
  if (!r) throw notFound(msg('errors.notFound.tax'));
  return r;
}

export async function listTaxes(ctx: ServiceContext, input: ParsedInput<'taxes.list'>): Promise<Tax[]> {
  let q = qb.selectFrom('taxes').selectAll().orderBy('name');
  if (!input.includeArchived) q = q.where('archived_at', 'is', null);
  return await Promise.all((await storeOf(ctx).all(q)).map((r) => toTax(ctx, r)));
}

/** Rates for the totals function, by id; unknown ids are reported at `field`. */
export async function taxRates(ctx: ServiceContext, ids: number[], field: string): Promise<TaxRate[]> {
  if (ids.length === 0) return [];
  const rows = await storeOf(ctx).all(
    qb
      .selectFrom('taxes')
      .selectAll()
      .where('id', 'in', [...new Set(ids)]),
  );
  for (const id of ids)
    if (!rows.some((r) => r.id === id)) throw fieldError(field, msg('errors.taxes.taxIdDoesNot', { id }));
  return rows.map((r) => ({ id: r.id, name: r.name, percent: r.percent, compound: r.compound === 1 }));
}

/** Zero-rated and exempt taxes carry a default reason that lines print (e.g. reverse charge). */
export async function taxReasons(ctx: ServiceContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await storeOf(ctx).all(
    qb
      .selectFrom('taxes')
      .select(['id', 'reason', 'kind'])
      .where('id', 'in', [...new Set(ids)]),
  );
  return new Map(rows.filter((r) => r.kind !== 'standard' && r.reason).map((r) => [r.id, r.reason]));
}

function normalize(input: z.output<typeof taxInput>) {
  if (input.kind !== 'standard' && Number(input.percent) !== 0)
    throw fieldError('percent', msg('errors.taxes.zeroRatedExemptTax'));
  const category = input.vatCategory ?? defaultCategory(input.kind);
  if (ZERO_RATE_CATEGORIES.includes(category) && Number(input.percent) !== 0)
    throw fieldError('vatCategory', msg('errors.taxes.vatCategoryCategoryHas', { category }));
  if (category === 'S' && input.kind !== 'standard')
    throw fieldError('vatCategory', msg('errors.taxes.zeroRatedExemptTax2'));
  return {
    name: input.name,
    percent: normalizeDecimal(input.percent, PERCENT_SCALE)!,
    compound: input.compound ? 1 : 0,
    kind: input.kind,
    reason: input.reason,
    vat_category: category,
    vatex_code: input.vatexCode,
  };
}

export async function createTax(ctx: ServiceContext, input: ParsedInput<'taxes.create'>): Promise<Tax> {
  const values = normalize(input);
  const id = await storeOf(ctx).tx(async () => {
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = await storeOf(ctx).run(
      qb.insertInto('taxes').values({ ...values, created_at: now, updated_at: now }),
    );
    await recordAudit(ctx, { entity: 'tax', entityId: lastInsertRowid, action: 'create', after: values });
    return lastInsertRowid;
  });
  return await toTax(ctx, await row(ctx, id));
}

/**
 * The rate and the compounding of a tax that documents already use cannot change: issued
 * documents keep their own copy, and a changed rate should be a new tax (archive the old one).
 */
export async function updateTax(ctx: ServiceContext, input: ParsedInput<'taxes.update'>): Promise<Tax> {
  const values = normalize(input);
  await storeOf(ctx).tx(async () => {
    const locked = await row(ctx, input.id, { lock: true });
    await assertVersion(ctx, locked, input.version);
    const { version, updated_by: _ub, updated_at: _ua, ...before } = locked;
    if (
      (await inUse(ctx, input.id)) &&
      (before.percent !== values.percent || before.compound !== values.compound)
    ) {
      throw fieldError('percent', msg('errors.taxes.documentsAlreadyUseTax'));
    }
    await storeOf(ctx).run(
      qb
        .updateTable('taxes')
        .set({
          ...values,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: ctx.user,
          version: version + 1,
        })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'tax',
      entityId: input.id,
      action: 'update',
      before: { ...before },
      after: values,
    });
  });
  return await toTax(ctx, await row(ctx, input.id));
}

export async function setTaxArchived(
  ctx: ServiceContext,
  input: ParsedInput<'taxes.setArchived'>,
): Promise<Tax> {
  await storeOf(ctx).tx(async () => {
    await row(ctx, input.id);
    await storeOf(ctx).run(
      qb
        .updateTable('taxes')
        .set({ archived_at: input.archived ? ctx.clock.now().toISOString() : null })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'tax',
      entityId: input.id,
      action: input.archived ? 'archive' : 'unarchive',
    });
  });
  return await toTax(ctx, await row(ctx, input.id));
}
