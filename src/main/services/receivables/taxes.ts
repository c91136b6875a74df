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
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';

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
};

function inUse(ctx: ServiceContext, id: number): boolean {
  return !!storeOf(ctx).first(
    qb.selectFrom('document_taxes').select('tax_id').where('tax_id', '=', id).limit(1),
  );
}

function toTax(ctx: ServiceContext, r: TaxRow): Tax {
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
    inUse: inUse(ctx, r.id),
  };
}

function row(ctx: ServiceContext, id: number): TaxRow {
  const r = storeOf(ctx).first(qb.selectFrom('taxes').selectAll().where('id', '=', id));
  if (!r) throw notFound(msg('errors.notFound.tax'));
  return r;
}

export function listTaxes(ctx: ServiceContext, input: ParsedInput<'taxes.list'>): Tax[] {
  let q = qb.selectFrom('taxes').selectAll().orderBy('name');
  if (!input.includeArchived) q = q.where('archived_at', 'is', null);
  return storeOf(ctx)
    .all(q)
    .map((r) => toTax(ctx, r));
}

/** Rates for the totals function, by id; unknown ids are reported at `field`. */
export function taxRates(ctx: ServiceContext, ids: number[], field: string): TaxRate[] {
  if (ids.length === 0) return [];
  const rows = storeOf(ctx).all(
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
export function taxReasons(ctx: ServiceContext, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = storeOf(ctx).all(
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

export function createTax(ctx: ServiceContext, input: ParsedInput<'taxes.create'>): Tax {
  const values = normalize(input);
  const id = storeOf(ctx).tx(() => {
    const { lastInsertRowid } = storeOf(ctx).run(
      qb.insertInto('taxes').values({ ...values, created_at: ctx.clock.now().toISOString() }),
    );
    recordAudit(ctx, { entity: 'tax', entityId: lastInsertRowid, action: 'create', after: values });
    return lastInsertRowid;
  });
  return toTax(ctx, row(ctx, id));
}

/**
 * The rate and the compounding of a tax that documents already use cannot change: issued
 * documents keep their own copy, and a changed rate should be a new tax (archive the old one).
 */
export function updateTax(ctx: ServiceContext, input: ParsedInput<'taxes.update'>): Tax {
  const values = normalize(input);
  storeOf(ctx).tx(() => {
    const before = row(ctx, input.id);
    if (inUse(ctx, input.id) && (before.percent !== values.percent || before.compound !== values.compound)) {
      throw fieldError('percent', msg('errors.taxes.documentsAlreadyUseTax'));
    }
    storeOf(ctx).run(qb.updateTable('taxes').set(values).where('id', '=', input.id));
    recordAudit(ctx, {
      entity: 'tax',
      entityId: input.id,
      action: 'update',
      before: { ...before },
      after: values,
    });
  });
  return toTax(ctx, row(ctx, input.id));
}

export function setTaxArchived(ctx: ServiceContext, input: ParsedInput<'taxes.setArchived'>): Tax {
  storeOf(ctx).tx(() => {
    row(ctx, input.id);
    storeOf(ctx).run(
      qb
        .updateTable('taxes')
        .set({ archived_at: input.archived ? ctx.clock.now().toISOString() : null })
        .where('id', '=', input.id),
    );
    recordAudit(ctx, { entity: 'tax', entityId: input.id, action: input.archived ? 'archive' : 'unarchive' });
  });
  return toTax(ctx, row(ctx, input.id));
}
