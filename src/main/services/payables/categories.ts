import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ExpenseCategory } from '../../../shared/api/payables';
import { conflict, notFound } from '../../../shared/api/errors';
import { dialectOf } from '../../db/dialect';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { assertVersion } from '../versions';
import { nowIso } from './common';

/** The editable list of expense categories (Rent, Utilities, Supplies…). */

const LIST_SQL = `
  SELECT c.id, c.name, c.archived, c.version,
    (SELECT count(*) FROM bill_lines l WHERE l.category_id = c.id) AS usage
  FROM expense_categories c`;

type Row = { id: number; name: string; archived: number; usage: number; version: number };
const toCategory = (r: Row): ExpenseCategory => ({ ...r, archived: r.archived === 1 });

export async function listCategories(ctx: ServiceContext): Promise<ExpenseCategory[]> {
  const rows = (await storeOf(ctx)
    .prepare(`${LIST_SQL} ORDER BY c.archived, c.name COLLATE NOCASE`)
    .all()) as Row[];
  return rows.map(toCategory);
}

async function getCategory(ctx: ServiceContext, id: number): Promise<ExpenseCategory> {
  const row = (await storeOf(ctx).prepare(`${LIST_SQL} WHERE c.id = ?`).get(id)) as Row | undefined;
  if (!row) throw notFound(msg('errors.notFound.category'));
  return toCategory(row);
}

async function assertUniqueName(ctx: ServiceContext, name: string, exceptId: number | null): Promise<void> {
  const clash = await storeOf(ctx).first(
    qb
      .selectFrom('expense_categories')
      .select(['id', 'name'])
      .where('name', '=', name)
      .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!)),
  );
  if (clash)
    throw conflict(msg('errors.categories.thereAlreadyCategoryCalled', { name: clash.name }), 'name');
}

export async function createCategory(
  ctx: ServiceContext,
  input: ParsedInput<'expenseCategories.create'>,
): Promise<ExpenseCategory> {
  return await storeOf(ctx).tx(async () => {
    await assertUniqueName(ctx, input.name, null);
    const now = nowIso(ctx);
    const { lastInsertRowid: id } = await storeOf(ctx).run(
      qb.insertInto('expense_categories').values({ name: input.name, created_at: now, updated_at: now }),
    );
    await recordAudit(ctx, {
      entity: 'expense_category',
      entityId: id,
      action: 'create',
      after: { name: input.name },
    });
    return await getCategory(ctx, id);
  });
}

export async function updateCategory(
  ctx: ServiceContext,
  input: ParsedInput<'expenseCategories.update'>,
): Promise<ExpenseCategory> {
  return await storeOf(ctx).tx(async () => {
    const store = storeOf(ctx);
    // Locked until the transaction ends (shared books): a second save from the same version
    // waits, then sees the new version and is refused.
    const locked = await store.first(
      qb
        .selectFrom('expense_categories')
        .select(['version', 'updated_by', 'updated_at'])
        .where('id', '=', input.id)
        .modifyEnd(dialectOf(store).forUpdate),
    );
    if (!locked) throw notFound(msg('errors.notFound.category'));
    await assertVersion(ctx, locked, input.version);
    const before = await getCategory(ctx, input.id);
    await assertUniqueName(ctx, input.name, input.id);
    await store.run(
      qb
        .updateTable('expense_categories')
        .set({
          name: input.name,
          archived: input.archived ? 1 : 0,
          updated_at: nowIso(ctx),
          updated_by: ctx.user,
          version: locked.version + 1,
        })
        .where('id', '=', input.id),
    );
    await recordAudit(ctx, {
      entity: 'expense_category',
      entityId: input.id,
      action: before.archived !== input.archived ? (input.archived ? 'archive' : 'restore') : 'update',
      before: { name: before.name, archived: before.archived },
      after: { name: input.name, archived: input.archived },
    });
    return await getCategory(ctx, input.id);
  });
}
