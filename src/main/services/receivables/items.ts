import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Item } from '../../../shared/api/catalog';
import { notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import type { Selectable } from 'kysely';
import type { ItemsTable } from '../../db/schema';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { taxRates } from './taxes';
import { dialectOf } from '../../db/dialect';
import { assertVersion } from '../versions';

type ItemRow = Selectable<ItemsTable>;

function toItem(r: ItemRow): Item {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    unit: r.unit,
    unitPrice: r.unit_price,
    taxIds: JSON.parse(r.tax_ids) as number[],
    sku: r.sku,
    archived: r.archived_at !== null,
    version: r.version,
  };
}

export async function getItem(ctx: ServiceContext, input: { id: number }): Promise<Item> {
  const r = await storeOf(ctx).first(qb.selectFrom('items').selectAll().where('id', '=', input.id));
  if (!r) throw notFound(msg('errors.notFound.item'));
  return toItem(r);
}

/** Name, SKU or description containing the search text, names first: the editor's autocomplete. */
export async function listItems(ctx: ServiceContext, input: ParsedInput<'items.list'>): Promise<Item[]> {
  let q = qb.selectFrom('items').selectAll().orderBy('name').limit(input.limit);
  if (!input.includeArchived) q = q.where('archived_at', 'is', null);
  const search = input.search.trim();
  if (search) {
    const like = `%${search.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('instr', [eb.fn('lower', ['name']), eb.val(search.toLowerCase())]), '>', 0),
        eb('sku', 'like', like),
        eb(eb.fn('instr', [eb.fn('lower', ['description']), eb.val(search.toLowerCase())]), '>', 0),
      ]),
    );
  }
  return (await storeOf(ctx).all(q)).map(toItem);
}

async function values(ctx: ServiceContext, input: ParsedInput<'items.create'>) {
  await taxRates(ctx, input.taxIds, 'taxIds');
  return {
    name: input.name,
    description: input.description,
    unit: input.unit,
    unit_price: input.unitPrice,
    tax_ids: JSON.stringify(input.taxIds),
    sku: input.sku,
  };
}

export async function createItem(ctx: ServiceContext, input: ParsedInput<'items.create'>): Promise<Item> {
  const id = await storeOf(ctx).tx(async () => {
    const v = await values(ctx, input);
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = await storeOf(ctx).run(
      qb.insertInto('items').values({ ...v, created_at: now, updated_at: now }),
    );
    await recordAudit(ctx, { entity: 'item', entityId: lastInsertRowid, action: 'create', after: v });
    return lastInsertRowid;
  });
  return await getItem(ctx, { id });
}

export async function updateItem(ctx: ServiceContext, input: ParsedInput<'items.update'>): Promise<Item> {
  await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    // Locked until the transaction ends (shared books): a second save from the same version
    // waits, then sees the new version and is refused.
    const row = await store.first(
      qb.selectFrom('items').selectAll().where('id', '=', input.id).modifyEnd(dialectOf(store).forUpdate),
    );
    if (!row) throw notFound(msg('errors.notFound.item'));
    await assertVersion(ctx, row, input.version);
    const { version: _v, ...before } = toItem(row);
    const v = await values(ctx, input);
    await storeOf(ctx).run(
      qb
        .updateTable('items')
        .set({
          ...v,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: ctx.user,
          version: row.version + 1,
        })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'item',
      entityId: input.id,
      action: 'update',
      before: { ...before, taxIds: JSON.stringify(before.taxIds) },
      after: { ...input, version: undefined, taxIds: JSON.stringify(input.taxIds) },
    });
  });
  return await getItem(ctx, input);
}

export async function setItemArchived(
  ctx: ServiceContext,
  input: ParsedInput<'items.setArchived'>,
): Promise<Item> {
  await storeOf(ctx).tx(async () => {
    await getItem(ctx, input);
    await storeOf(ctx).run(
      qb
        .updateTable('items')
        .set({ archived_at: input.archived ? ctx.clock.now().toISOString() : null })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'item',
      entityId: input.id,
      action: input.archived ? 'archive' : 'unarchive',
    });
  });
  return await getItem(ctx, input);
}
