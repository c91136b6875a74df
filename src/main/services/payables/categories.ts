import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ExpenseCategory } from '../../../shared/api/payables';
import { conflict, notFound } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { nowIso } from './common';

/** The editable list of expense categories (Rent, Utilities, Supplies…). */

const LIST_SQL = `
  SELECT c.id, c.name, c.archived,
    (SELECT count(*) FROM bill_lines l WHERE l.category_id = c.id) AS usage
  FROM expense_categories c`;

type Row = { id: number; name: string; archived: number; usage: number };
const toCategory = (r: Row): ExpenseCategory => ({ ...r, archived: r.archived === 1 });

export function listCategories(ctx: ServiceContext): ExpenseCategory[] {
  const rows = storeOf(ctx).prepare(`${LIST_SQL} ORDER BY c.archived, c.name COLLATE NOCASE`).all() as Row[];
  return rows.map(toCategory);
}

function getCategory(ctx: ServiceContext, id: number): ExpenseCategory {
  const row = storeOf(ctx).prepare(`${LIST_SQL} WHERE c.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound(msg('errors.notFound.category'));
  return toCategory(row);
}

function assertUniqueName(ctx: ServiceContext, name: string, exceptId: number | null): void {
  const clash = storeOf(ctx).first(
    qb
      .selectFrom('expense_categories')
      .select(['id', 'name'])
      .where('name', '=', name)
      .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!)),
  );
  if (clash)
    throw conflict(msg('errors.categories.thereAlreadyCategoryCalled', { name: clash.name }), 'name');
}

export function createCategory(
  ctx: ServiceContext,
  input: ParsedInput<'expenseCategories.create'>,
): ExpenseCategory {
  return storeOf(ctx).tx(() => {
    assertUniqueName(ctx, input.name, null);
    const { lastInsertRowid: id } = storeOf(ctx).run(
      qb.insertInto('expense_categories').values({ name: input.name, created_at: nowIso(ctx) }),
    );
    recordAudit(ctx, {
      entity: 'expense_category',
      entityId: id,
      action: 'create',
      after: { name: input.name },
    });
    return getCategory(ctx, id);
  });
}

export function updateCategory(
  ctx: ServiceContext,
  input: ParsedInput<'expenseCategories.update'>,
): ExpenseCategory {
  return storeOf(ctx).tx(() => {
    const before = getCategory(ctx, input.id);
    assertUniqueName(ctx, input.name, input.id);
    storeOf(ctx).run(
      qb
        .updateTable('expense_categories')
        .set({ name: input.name, archived: input.archived ? 1 : 0 })
        .where('id', '=', input.id),
    );
    recordAudit(ctx, {
      entity: 'expense_category',
      entityId: input.id,
      action: before.archived !== input.archived ? (input.archived ? 'archive' : 'restore') : 'update',
      before: { name: before.name, archived: before.archived },
      after: { name: input.name, archived: input.archived },
    });
    return getCategory(ctx, input.id);
  });
}
