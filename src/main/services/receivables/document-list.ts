import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ParsedInput } from '../../../shared/api/contract';
import type { DocumentRow } from '../../../shared/api/documents';
import { displayStatus, type DisplayStatus } from '../../../shared/domain/status';
import { qb } from '../../db/store';
import type { DB } from '../../db/schema';
import { storeOf, type ServiceContext } from '../context';
import { ftsQuery } from './search';

type Filters = ParsedInput<'documents.totals'>;
type Eb = ExpressionBuilder<DB, 'documents'>;

/** A displayed status as SQL: overdue and expired are derived from today's date. */
function statusCondition(eb: Eb, status: DisplayStatus, today: string): Expression<SqlBool> {
  const open = eb('status', 'in', ['issued', 'partially_paid']);
  const late = eb.and([eb('due_date', '<', today), eb('balance', '>', 0)]);
  switch (status) {
    case 'overdue':
      return eb.and([eb('type', '=', 'invoice'), open, late]);
    case 'expired':
      return eb.and([eb('type', '=', 'quote'), eb('status', '=', 'sent'), eb('due_date', '<', today)]);
    case 'issued':
    case 'partially_paid':
      return eb.and([
        eb('status', '=', status),
        eb.or([eb('type', '<>', 'invoice'), eb.not(late), eb('due_date', 'is', null)]),
      ]);
    case 'sent':
      return eb.and([
        eb('status', '=', 'sent'),
        eb.or([eb('due_date', 'is', null), eb('due_date', '>=', today)]),
      ]);
    default:
      return eb('status', '=', status);
  }
}

function filtered(ctx: ServiceContext, f: Filters) {
  const today = ctx.clock.today();
  let q = qb.selectFrom('documents').where('type', '=', f.type);
  if (f.statuses.length > 0) q = q.where((eb) => eb.or(f.statuses.map((s) => statusCondition(eb, s, today))));
  if (f.customerId !== null) q = q.where('customer_id', '=', f.customerId);
  if (f.from) q = q.where('issue_date', '>=', f.from);
  if (f.to) q = q.where('issue_date', '<=', f.to);
  const match = ftsQuery(f.search);
  if (match)
    q = q.where(sql<SqlBool>`id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${match})`);
  return q;
}

/** Filters the summary table can answer: no search, customer or dates, and stored statuses only. */
function summaryAnswers(f: Filters): boolean {
  const derived: DisplayStatus[] = ['overdue', 'expired', 'issued', 'partially_paid', 'sent'];
  return (
    !f.search.trim() &&
    f.customerId === null &&
    !f.from &&
    !f.to &&
    !f.statuses.some((s) => derived.includes(s))
  );
}

const SORT_COLUMNS = {
  issueDate: 'issue_date',
  dueDate: 'due_date',
  number: 'number_counter',
  customer: 'customer_name',
  total: 'total',
  balance: 'balance',
} as const;

export function listDocuments(
  ctx: ServiceContext,
  input: ParsedInput<'documents.list'>,
): { rows: DocumentRow[]; total: number } {
  const store = storeOf(ctx);
  const today = ctx.clock.today();
  const column = SORT_COLUMNS[input.sort];
  const page = filtered(ctx, input)
    .select([
      'id',
      'type',
      'number',
      'status',
      'customer_id',
      'customer_name',
      'issue_date',
      'due_date',
      'currency',
      'total',
      'balance',
      'reference',
    ])
    .orderBy(column === 'customer_name' ? sql`customer_name COLLATE NOCASE` : column, input.direction)
    .orderBy('id', input.direction)
    .limit(input.limit)
    .offset(input.offset);
  const rows = store.all(page).map((d) => ({
    id: d.id,
    type: d.type,
    number: d.number,
    status: d.status,
    displayStatus: displayStatus(
      { type: d.type, status: d.status, dueDate: d.due_date, balance: d.balance },
      today,
    ),
    customerId: d.customer_id,
    customerName: d.customer_name,
    issueDate: d.issue_date,
    dueDate: d.due_date,
    currency: d.currency,
    total: d.total,
    balance: d.balance,
    reference: d.reference,
  }));
  return { rows, total: countDocuments(ctx, input) };
}

function countDocuments(ctx: ServiceContext, f: Filters): number {
  const store = storeOf(ctx);
  if (summaryAnswers(f)) {
    let q = qb
      .selectFrom('document_summary')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.val(0)).as('n'))
      .where('type', '=', f.type);
    if (f.statuses.length) q = q.where('status', 'in', f.statuses as never[]);
    return Number(store.first(q)?.n ?? 0);
  }
  return Number(store.first(filtered(ctx, f).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
}

/** Count, total and balance of the filtered set, per currency. */
export function documentTotals(ctx: ServiceContext, f: Filters) {
  const store = storeOf(ctx);
  if (summaryAnswers(f)) {
    let q = qb
      .selectFrom('document_summary')
      .select((eb) => [
        'currency',
        eb.fn.sum<number>('count').as('count'),
        eb.fn.sum<number>('total').as('total'),
        eb.fn.sum<number>('balance').as('balance'),
      ])
      .where('type', '=', f.type)
      .groupBy('currency')
      .having((eb) => eb.fn.sum('count'), '>', 0)
      .orderBy('currency');
    if (f.statuses.length) q = q.where('status', 'in', f.statuses as never[]);
    return store.all(q).map((r) => ({
      currency: r.currency,
      count: Number(r.count),
      total: Number(r.total),
      balance: Number(r.balance),
    }));
  }
  return store
    .all(
      filtered(ctx, f)
        .select((eb) => [
          'currency',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('total').as('total'),
          eb.fn.sum<number>('balance').as('balance'),
        ])
        .groupBy('currency')
        .orderBy('currency'),
    )
    .map((r) => ({
      currency: r.currency,
      count: Number(r.count),
      total: Number(r.total),
      balance: Number(r.balance),
    }));
}
