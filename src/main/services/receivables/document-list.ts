import { sql, type OrderByItemBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { ParsedInput } from '../../../shared/api/contract';
import type { DocumentRow } from '../../../shared/api/documents';
import { displayStatus, type DisplayStatus } from '../../../shared/domain/status';
import { qb, type Store } from '../../db/store';
import type { DocumentsTable } from '../../db/schema';
import { storeOf, type ServiceContext } from '../context';
import { dialectOf } from '../../db/dialect';
import { searchWords } from './search';

type Filters = ParsedInput<'documents.totals'>;

/**
 * How the list queries stay fast at a million documents (bench/receivables.ts measures them):
 *  - the list's orders by issue date (the default), due date, number and customer each have an
 *    index, which ends in the row id (the tie-breaker), so a page reads its rows in order and
 *    stops (total and balance orders sort the filtered set);
 *  - the open-invoice conditions (overdue, issued, partially paid) are written with literals,
 *    so SQLite can use the small partial index documents_open, which holds every column they test;
 *  - counts without a search or a derived status come from document_summary;
 *  - a search first counts its matches in its type's FTS index alone; a few matches drive the
 *    query from the index (CROSS JOIN fixes that order), many are read in list order and
 *    tested against the set of matches, and totals of a bare search add up the matches.
 */

/** At most this many matches, a search reads its matches and sorts them; above, it reads in list order. */
const FTS_DRIVEN_MAX = 2000;

/**
 * A displayed status as SQL for documents of one type: overdue and expired are derived from
 * today's date. The type is known, so no condition tests it again (a cost on every row).
 */
function statusCondition(status: DisplayStatus, type: Filters['type'], today: string): RawBuilder<SqlBool> {
  const late = sql<SqlBool>`d.due_date < ${today} AND d.balance > 0`;
  switch (status) {
    case 'overdue':
      return type === 'invoice' ? sql`(d.status IN ('issued', 'partially_paid') AND ${late})` : sql`(1 = 0)`;
    case 'expired':
      return type === 'quote' ? sql`(d.status = 'sent' AND d.due_date < ${today})` : sql`(1 = 0)`;
    case 'issued':
    case 'partially_paid':
      return type === 'invoice'
        ? sql`(d.status = ${sql.lit(status)} AND (NOT (${late}) OR d.due_date IS NULL))`
        : sql`(d.status = ${sql.lit(status)})`;
    case 'sent':
      return sql`(d.status = 'sent' AND (d.due_date IS NULL OR d.due_date >= ${today}))`;
    default:
      return sql`(d.status = ${sql.lit(status)})`;
  }
}

/** The full-text index of each document type. */
const FTS_TABLES = { invoice: 'invoices_fts', quote: 'quotes_fts', credit_note: 'credit_notes_fts' } as const;

interface Search {
  /** The FTS5 table of the filtered type. */
  table: (typeof FTS_TABLES)[keyof typeof FTS_TABLES];
  /** The condition on the search table read as `f`. */
  match: RawBuilder<SqlBool>;
  /** The rowids that match, as a SELECT (dialect.receivablesSearchIds). */
  ids: RawBuilder<unknown>;
  /** Documents of the type that match, counted in the FTS index alone. */
  matches: number;
}

/** The search of the filters, not yet counted (matches unknown), or null without one. */
async function searchOf(store: Store, f: Filters): Promise<Omit<Search, 'matches'> | null> {
  const words = searchWords(f.search);
  if (words.length === 0) return null;
  const table = FTS_TABLES[f.type];
  const dialect = dialectOf(store);
  const terms = await dialect.searchTerms(store, words);
  return {
    table,
    match: dialect.receivablesSearchMatch(table, 'f', terms),
    ids: dialect.receivablesSearchIds(table, terms),
  };
}

async function search(
  store: Store,
  f: Filters,
  found?: Omit<Search, 'matches'> | null,
): Promise<Search | null> {
  const s = found === undefined ? await searchOf(store, f) : found;
  if (s === null) return null;
  const row = await store.first(
    qb.selectFrom(sql`(${s.ids})`.as('m')).select((eb) => eb.fn.countAll<number>().as('n')),
  );
  return { ...s, matches: Number(row?.n ?? 0) };
}

/** Filters other than type and search. */
function hasOtherFilters(f: Filters): boolean {
  return f.statuses.length > 0 || f.customerId !== null || !!f.from || !!f.to;
}

const OPEN_STATUSES: readonly DisplayStatus[] = ['overdue', 'issued', 'partially_paid'];

/** How a filtered query reads the documents. */
interface Plan {
  filters: Filters;
  search: Search | null;
  /** From the FTS index, looking each match up (few matches, or totals of a bare search). */
  driven: boolean;
  /** From documents_open: only open statuses, and no narrower way in (a customer, a driving search). */
  openIndex: boolean;
}

/** Orders no index keeps: the whole filtered set is sorted, so reading it in list order gains nothing. */
const UNINDEXED_SORTS: readonly string[] = ['total', 'balance'];

async function plan(
  store: Store,
  f: Filters,
  options: { totals?: boolean; sort?: string; search?: Omit<Search, 'matches'> | null } = {},
): Promise<Plan> {
  return planFor(f, await search(store, f, options.search), options);
}

function planFor(f: Filters, s: Search | null, options: { totals?: boolean; sort?: string } = {}): Plan {
  // Totals add up every match, so without other filters the FTS index (in rowid order) is
  // the way in whatever the count, as is a sort that reads everything anyway; otherwise a
  // page can stop early, so many matches are read in list order.
  const driven =
    s !== null &&
    (s.matches <= FTS_DRIVEN_MAX ||
      (!!options.totals && !hasOtherFilters(f)) ||
      UNINDEXED_SORTS.includes(options.sort ?? ''));
  const openIndex =
    f.statuses.length > 0 &&
    f.statuses.every((st) => OPEN_STATUSES.includes(st)) &&
    f.customerId === null &&
    !driven;
  return { filters: f, search: s, driven, openIndex };
}

/**
 * The filtered documents as `d`: from the FTS index (`f`, with CROSS JOIN to keep that
 * order), or from documents with each id tested against the set of matches. Read by
 * documents_open when the plan says so: without statistics SQLite rates a partial index no
 * better than a full one, so it has to be named (PostgreSQL's store drops the hint and plans
 * with its own statistics).
 */
function filtered(ctx: ServiceContext, p: Plan) {
  const { filters: f, search: s } = p;
  const today = ctx.clock.today();
  let q = qb.selectFrom(
    s && p.driven
      ? sql<DocumentsTable>`${sql.raw(s.table)} AS f CROSS JOIN documents`.as('d')
      : p.openIndex
        ? sql<DocumentsTable>`documents`.as<'d'>(sql`d INDEXED BY documents_open`)
        : sql<DocumentsTable>`documents`.as('d'),
  );
  if (s && p.driven) q = q.where(sql<SqlBool>`${s.match} AND d.id = f.rowid`);
  else if (s)
    q = q.where(
      // Not driven by these rowids (and then sorting all of them): with many matches, reading
      // the list in its index order, each row looked up among the matches, stops after a page.
      dialectOf(storeOf(ctx)).inLookup('d.id', s.ids),
    );
  q = q.where('d.type', '=', f.type);
  if (f.statuses.length === 1) q = q.where(statusCondition(f.statuses[0]!, f.type, today));
  else if (f.statuses.length > 1)
    q = q.where(
      sql<SqlBool>`(${sql.join(
        f.statuses.map((st) => statusCondition(st, f.type, today)),
        sql` OR `,
      )})`,
    );
  if (f.customerId !== null) q = q.where('d.customer_id', '=', f.customerId);
  if (f.from) q = q.where('d.issue_date', '>=', f.from);
  if (f.to) q = q.where('d.issue_date', '<=', f.to);
  // Redundant with the status conditions, but it is what makes the partial index usable (the
  // overdue condition alone already says it, and testing it twice costs on every row).
  const overdueOnly = f.type === 'invoice' && f.statuses.length === 1 && f.statuses[0] === 'overdue';
  if (p.openIndex && !overdueOnly) q = q.where(sql<SqlBool>`d.status IN ('issued', 'partially_paid')`);
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
  issueDate: 'd.issue_date',
  dueDate: 'd.due_date',
  number: 'd.number_counter',
  customer: 'd.customer_name',
  total: 'd.total',
  balance: 'd.balance',
} as const;

export async function listDocuments(
  ctx: ServiceContext,
  input: ParsedInput<'documents.list'>,
): Promise<{ rows: DocumentRow[]; total: number }> {
  const store = storeOf(ctx);
  const today = ctx.clock.today();
  const column = SORT_COLUMNS[input.sort];
  // Documents without a due date or number first going up, last going down: SQLite's order,
  // said out loud for PostgreSQL (whose default is the opposite). The same as SQLite's
  // default, so its indexes still give the order. Only columns that can be empty say so: on
  // a NOT NULL column (the issue date, the default) PostgreSQL then reads its index backwards
  // instead of sorting every row.
  const sortKey = column === 'd.customer_name' ? sql`d.customer_name COLLATE NOCASE` : sql.ref(column);
  const sortDirection = (ob: OrderByItemBuilder) =>
    column === 'd.number_counter'
      ? input.direction === 'asc'
        ? ob.asc().nullsFirst()
        : ob.desc().nullsLast()
      : input.direction === 'asc'
        ? ob.asc()
        : ob.desc();
  const columns = [
    'd.id',
    'd.type',
    'd.number',
    'd.status',
    'd.customer_id',
    'd.customer_name',
    'd.issue_date',
    'd.due_date',
    'd.currency',
    'd.total',
    'd.balance',
    'd.reference',
  ] as const;
  const pageOf = (p: Plan) =>
    filtered(ctx, p)
      .orderBy(sortKey, sortDirection)
      .orderBy('d.id', input.direction)
      .limit(input.limit)
      .offset(input.offset);
  // Many matches, read in list order: the page's ids first, from the sort's index alone
  // (each id looked up among the matches), then only those documents. PostgreSQL reads a
  // document's row only for the ids it returns, not for each one it tests.
  const inListOrder = (p: Plan, creator: typeof qb = qb) =>
    creator
      .selectFrom('documents as d')
      .select(columns)
      .where('d.id', 'in', pageOf(p).select('d.id'))
      .orderBy(sortKey, sortDirection)
      .orderBy('d.id', input.direction);

  type Row = Awaited<ReturnType<ReturnType<typeof inListOrder>['execute']>>[number];
  let p: Plan | null = null;
  let rows: Row[] | null = null;
  const guess =
    store.engine === 'postgres' && !UNINDEXED_SORTS.includes(input.sort)
      ? await searchOf(store, input)
      : undefined;
  if (guess) {
    // PostgreSQL, one statement for the common case (each statement is a round trip to the
    // server and a plan): the matches gathered once (a MATERIALIZED CTE), counted, and —
    // when there are more than FTS_DRIVEN_MAX, the plan search() + plan() would choose —
    // the page read in list order, each id looked up among them (the planner's hashed
    // subplan), with the count on every row. No row back (few matches, or an empty page):
    // the two statements below, as on SQLite.
    const many = planFor(
      input,
      { ...guess, ids: sql`SELECT rowid FROM search_matches`, matches: Number.POSITIVE_INFINITY },
      { sort: input.sort },
    );
    const withMatches = qb.with(
      (cte) => cte('search_matches').materialized(),
      () => sql<{ rowid: number }>`(${guess.ids})`,
    ) as unknown as typeof qb;
    const found = await store.all(
      inListOrder(many, withMatches)
        .select(sql<number>`(SELECT count(*) FROM search_matches)`.as('search_matches'))
        .where(sql<SqlBool>`(SELECT count(*) FROM search_matches) > ${FTS_DRIVEN_MAX}`),
    );
    if (found.length > 0) {
      // Later statements (the count with other filters) gather the matches themselves.
      p = { ...many, search: { ...guess, matches: Number(found[0]!.search_matches) } };
      rows = found;
    }
  }
  if (p === null || rows === null) {
    p = await plan(store, input, { sort: input.sort, search: guess });
    rows =
      p.search?.matches === 0
        ? []
        : p.search && !p.driven
          ? await store.all(inListOrder(p))
          : await store.all(pageOf(p).select(columns));
  }
  return {
    rows: rows.map((d) => ({
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
    })),
    total: await countDocuments(ctx, p),
  };
}

async function countDocuments(ctx: ServiceContext, p: Plan): Promise<number> {
  const store = storeOf(ctx);
  const { filters: f, search: s } = p;
  if (s && (s.matches === 0 || !hasOtherFilters(f))) return s.matches;
  if (summaryAnswers(f)) {
    let q = qb
      .selectFrom('document_summary')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.val(0)).as('n'))
      .where('type', '=', f.type);
    if (f.statuses.length) q = q.where('status', 'in', f.statuses as never[]);
    return Number((await store.first(q))?.n ?? 0);
  }
  return Number(
    (await store.first(filtered(ctx, p).select((eb) => eb.fn.countAll<number>().as('n'))))?.n ?? 0,
  );
}

/** Count, total and balance of the filtered set, per currency. */
export async function documentTotals(ctx: ServiceContext, f: Filters) {
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
    return (await store.all(q)).map((r) => ({
      currency: r.currency,
      count: Number(r.count),
      total: Number(r.total),
      balance: Number(r.balance),
    }));
  }
  const p = await plan(store, f, { totals: true });
  if (p.search?.matches === 0) return [];
  return (
    await store.all(
      filtered(ctx, p)
        .select((eb) => [
          'd.currency',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('d.total').as('total'),
          eb.fn.sum<number>('d.balance').as('balance'),
        ])
        .groupBy('d.currency')
        .orderBy('d.currency'),
    )
  ).map((r) => ({
    currency: r.currency,
    count: Number(r.count),
    total: Number(r.total),
    balance: Number(r.balance),
  }));
}
