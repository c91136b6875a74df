import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Store } from './store';

/**
 * The few SQL expressions SQLite and PostgreSQL spell differently, kept here beside each
 * other so a service writes its SQL once. Everything else Folio runs is SQL both engines
 * read the same way (FILTER clauses, IS NOT DISTINCT FROM, ON CONFLICT, RETURNING).
 */
export interface Dialect {
  /** A YYYY-MM-DD text date plus a whole number of days (both SQL expressions), as YYYY-MM-DD text. */
  addDays(date: string, days: string): string;
  /**
   * The largest of two or more SQL expressions (SQLite's scalar `max(a, b)`, PostgreSQL's
   * `GREATEST`). Give it values that are never NULL: SQLite answers NULL when one is NULL,
   * PostgreSQL ignores it.
   */
  greatest(...values: string[]): string;
  /** Whether the text `needle` (a bound value) occurs in the SQL expression `haystack`, ignoring case. */
  containsIgnoringCase(haystack: string, needle: string): RawBuilder<boolean>;
  /**
   * The values of a JSON array bound as one parameter (`?`), as a subquery for `x IN …`: one
   * statement for a list of any length.
   */
  jsonValues(type: 'integer' | 'text'): string;
  /**
   * The words of a search (the user's text split by `searchWords`) made ready for
   * receivablesSearchMatch and receivablesSearchIds, once per search: PostgreSQL asks the
   * server, in one statement, for the words of each one's accent- and case-folded search key
   * (folio_search_key, as the rows' keys are made), so the statements that search are written
   * with those keys as plain values, which the planner sees and estimates from the table's
   * statistics; SQLite's FTS5 folds the words itself (nothing asked).
   */
  searchTerms(store: Store, words: readonly string[]): Promise<SearchTerms>;
  /**
   * Whether a row of a receivables search table (`invoices_fts`, `quotes_fts`,
   * `credit_notes_fts`, `customers_fts`), read in the query under `alias` (the table's own name
   * when not aliased), matches every one of the search's words, each as a prefix: SQLite asks
   * the FTS5 index (`"word"*` ANDed), PostgreSQL the table of the words of each row's accent-
   * and case-folded `search` key (`<table>_words`, migration 0016; see pgSearchIds).
   */
  receivablesSearchMatch(table: string, alias: string, terms: SearchTerms): RawBuilder<SqlBool>;
  /**
   * The rowids of the rows of a search table that match every one of the search's words, as a
   * SELECT of one column `rowid` (each once): what receivablesSearchMatch finds, for counting
   * the matches or looking ids up among them without reading the search table on PostgreSQL.
   */
  receivablesSearchIds(table: string, terms: SearchTerms): RawBuilder<unknown>;
  /**
   * `id IN (subquery)` answered by looking each row's `id` up in the subquery's answers,
   * gathered once (SQLite's list subquery, PostgreSQL's hashed subplan), instead of joining
   * them: a query that reads its rows in an index's order keeps that order and stops at its
   * LIMIT, and each row costs one lookup (a join would test the row against the subquery's
   * table, or read and sort every answer). SQLite's unary + keeps the rowid from driving the
   * query; PostgreSQL's IS TRUE keeps the IN from being turned into a join (same meaning: a
   * WHERE drops a NULL as it drops false).
   */
  inLookup(id: string, subquery: RawBuilder<unknown>): RawBuilder<SqlBool>;
  /**
   * The end of a SELECT (Kysely: `.modifyEnd(dialect.forUpdate)`) made inside a transaction to
   * check a row before changing it: PostgreSQL locks the rows read (FOR UPDATE) until the
   * transaction ends, so a second caller waits and then reads what the first committed;
   * SQLite's open transaction already keeps every other writer out, so nothing is added.
   */
  readonly forUpdate: RawBuilder<unknown>;
  /**
   * Customers whose name has any of `words` (nameKey words: lower case, no accents) as the
   * start of one of its words, through the search table customers_fts (bank matching by the
   * payer's name): a subquery of at most `limit` customer ids for `id IN …`, with its
   * parameters in order.
   */
  customersNamedAny(words: readonly string[], limit: number): { sql: string; params: string[] };
}

/** The words of a search, ready for the dialect's search expressions (dialect.searchTerms). */
export interface SearchTerms {
  /** The words as typed, split by searchWords. */
  readonly words: readonly string[];
  /**
   * PostgreSQL: the words of each word's search key, in order ('INV-2026' → ['inv', '2026'];
   * [] when it has no letter or digit the server knows); null on SQLite.
   */
  readonly keys: readonly (readonly string[])[] | null;
}

/** FTS5's query for words that must all occur, each as a prefix, quoted so punctuation is text. */
function fts5AllPrefixes(words: readonly string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * The first text after every text that starts with `key`, in code point order (PostgreSQL's
 * COLLATE "C" order of UTF-8): `key` with its last code point made the next one ('casey' →
 * 'casez'), so a prefix is a range of the index whose ends are both plain values. Null when
 * no such text exists (every code point the last one).
 */
export function prefixEnd(key: string): string | null {
  const points = Array.from(key, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    // The surrogates U+D800–U+DFFF are no text: the code point after U+D7FF is U+E000.
    if (last < 0x10ffff) return String.fromCodePoint(...points, last === 0xd7ff ? 0xe000 : last + 1);
  }
  return null;
}

/**
 * PostgreSQL's rowids matching the search (keys from searchTerms): for each word, the rows
 * that have all of its keys as words of their `search` key, the last as a prefix, each a
 * range of `<table>_words`'s index (word, rowid) read from the index alone ('casey' ≤ word <
 * 'casez' for a prefix, word = 'inv' for a whole word). A word of several keys ("INV-2026",
 * "po 77/b") is also checked as a phrase in the row's key (' inv 2026' within ' … inv 2026…',
 * the LIKE pattern folio_search_pattern makes), as before. Several words: the rows found by
 * every one (INTERSECT). No words, or a word with no key: no rows. The keys are bound values,
 * so the planner estimates each range from the table's statistics (a range of keys computed in
 * the statement is estimated blind, at a tenth of the table: a cost that started JIT
 * compilation, 10–20 ms of a 30 ms search at a million invoices). Computing them in the
 * statement as constants instead (an immutable function of a bound value, which the planner
 * evaluates) costs about 0.3 ms per call of folio_search_key, once per place it appears:
 * more than the one statement of searchTerms.
 */
function pgSearchIds(table: string, terms: SearchTerms): RawBuilder<unknown> {
  const keys = terms.keys ?? [];
  if (keys.length === 0 || keys.some((k) => k.length === 0))
    return sql`SELECT CAST(NULL AS bigint) AS rowid WHERE false`;
  const words = sql.raw(`${table}_words`);
  const range = (key: string) => {
    const end = prefixEnd(key);
    return end === null ? sql`w.word >= ${key}` : sql`w.word >= ${key} AND w.word < ${end}`;
  };
  // The rows with a word starting with the last key, each looked up for the other keys as
  // whole words (the index's (word, rowid) pairs) and for the phrase: the planner knows each
  // key's rows from the statistics and starts from the fewest ('inv-2026-0042': the rows of
  // 0042, not the half million of inv).
  const one = (k: readonly string[]) =>
    sql`SELECT w.rowid FROM ${words} AS w WHERE ${range(k.at(-1)!)}${
      k.length === 1
        ? sql``
        : sql`${sql.join(
            k
              .slice(0, -1)
              .map(
                (o) =>
                  sql` AND EXISTS (SELECT 1 FROM ${words} AS o WHERE o.word = ${o} AND o.rowid = w.rowid)`,
              ),
            sql``,
          )} AND EXISTS (SELECT 1 FROM ${sql.raw(table)} AS p
          WHERE p.rowid = w.rowid AND p.search LIKE ${`% ${k.join(' ')}%`})`
    }`;
  // One prefix can find a row twice (casey, caseys): DISTINCT makes each row once (INTERSECT
  // does for several words).
  if (keys.length === 1) return sql`SELECT DISTINCT m.rowid FROM (${one(keys[0]!)}) AS m`;
  return sql.join(
    keys.map((k) => one(k)),
    sql` INTERSECT `,
  );
}

/** How many typed words' keys a store keeps (pgSearchTerms): the oldest go first. */
const KEYS_KEPT = 500;
const keptKeys = new WeakMap<Store, Map<string, readonly string[]>>();

/**
 * The search keys of each word, in order: those not asked yet in one statement. A word's keys
 * are an immutable function of the word on the server, so each store (one server) keeps them:
 * a list, its totals, the next page and the refetch when the window gets the focus ask the
 * same words again, and then need no statement of their own.
 */
async function pgSearchTerms(store: Store, words: readonly string[]): Promise<SearchTerms> {
  if (words.length === 0) return { words, keys: [] };
  let kept = keptKeys.get(store);
  if (!kept) keptKeys.set(store, (kept = new Map()));
  const known = new Map(words.flatMap((w) => (kept.has(w) ? [[w, kept.get(w)!] as const] : [])));
  const missing = [...new Set(words.filter((w) => !known.has(w)))];
  if (missing.length > 0) {
    const rows = (await store
      .prepare(
        `SELECT folio_search_words(folio_search_key(u.value)) AS keys
         FROM jsonb_array_elements_text(CAST(? AS jsonb)) WITH ORDINALITY AS u(value, i) ORDER BY u.i`,
      )
      .all(JSON.stringify(missing))) as { keys: string[] | null }[];
    missing.forEach((w, i) => {
      const keys = rows[i]?.keys ?? [];
      known.set(w, keys);
      kept.set(w, keys);
    });
    for (const w of kept.keys()) {
      if (kept.size <= KEYS_KEPT) break;
      kept.delete(w);
    }
  }
  return { words, keys: words.map((w) => known.get(w) ?? []) };
}

const DIALECTS: Record<Store['engine'], Dialect> = {
  sqlite: {
    addDays: (date, days) => `date(${date}, printf('%+d days', ${days}))`,
    greatest: (...values) => `max(${values.join(', ')})`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`instr(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: () => '(SELECT value FROM json_each(?))',
    searchTerms: async (_store, words) => await Promise.resolve({ words, keys: null }),
    receivablesSearchMatch: (table, alias, terms) =>
      sql<SqlBool>`${sql.raw(alias)}.${sql.raw(table)} MATCH ${fts5AllPrefixes(terms.words)}`,
    receivablesSearchIds: (table, terms) =>
      sql`SELECT rowid FROM ${sql.raw(table)} WHERE ${sql.raw(table)} MATCH ${fts5AllPrefixes(terms.words)}`,
    inLookup: (id, subquery) => sql<SqlBool>`+${sql.raw(id)} IN (${subquery})`,
    forUpdate: sql``,
    customersNamedAny: (words, limit) => ({
      sql: `(SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT ${limit})`,
      params: [words.map((w) => `name:"${w.replace(/"/g, '""')}"*`).join(' OR ')],
    }),
  },
  postgres: {
    addDays: (date, days) => `to_char(CAST(${date} AS date) + CAST(${days} AS integer), 'YYYY-MM-DD')`,
    greatest: (...values) => `GREATEST(${values.join(', ')})`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`strpos(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: (type) =>
      `(SELECT CAST(value AS ${type === 'integer' ? 'bigint' : 'text'}) FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS value)`,
    searchTerms: pgSearchTerms,
    receivablesSearchMatch: (table, alias, terms) =>
      sql<SqlBool>`${sql.raw(alias)}.rowid IN (${pgSearchIds(table, terms)})`,
    receivablesSearchIds: pgSearchIds,
    inLookup: (id, subquery) => sql<SqlBool>`(${sql.raw(id)} IN (${subquery})) IS TRUE`,
    forUpdate: sql`FOR UPDATE`,
    // The trigram index finds the word anywhere in the row; split_part keeps it to the name
    // (the first column of `search`). An empty list matches nothing (WHERE false).
    customersNamedAny: (words, limit) => ({
      sql: `(SELECT rowid FROM customers_fts WHERE ${
        words.length === 0
          ? 'false'
          : words
              .map(
                () =>
                  `(search LIKE folio_search_pattern(?) AND split_part(search, ' |', 1) LIKE folio_search_pattern(?))`,
              )
              .join(' OR ')
      } ORDER BY rowid LIMIT ${limit})`,
      params: words.flatMap((w) => [w, w]),
    }),
  },
};

export function dialectOf(store: Pick<Store, 'engine'>): Dialect {
  return DIALECTS[store.engine];
}
