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
   * Whether a row of a receivables search table (`invoices_fts`, `quotes_fts`,
   * `credit_notes_fts`, `customers_fts`), read in the query under `alias` (the table's own name
   * when not aliased), matches every one of `words` (the user's text split by `searchWords`),
   * each as a prefix: SQLite asks the FTS5 index (`"word"*` ANDed), PostgreSQL the table of the
   * words of each row's accent- and case-folded `search` key (`<table>_words`, migration 0016;
   * see pgSearchIds).
   */
  receivablesSearchMatch(table: string, alias: string, words: readonly string[]): RawBuilder<SqlBool>;
  /**
   * The rowids of the rows of a search table that match every one of `words`, as a SELECT of
   * one column `rowid` (each once): what receivablesSearchMatch finds, for counting the
   * matches or looking ids up among them without reading the search table on PostgreSQL.
   */
  receivablesSearchIds(table: string, words: readonly string[]): RawBuilder<unknown>;
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

/** FTS5's query for words that must all occur, each as a prefix, quoted so punctuation is text. */
function fts5AllPrefixes(words: readonly string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * PostgreSQL's rowids matching `words`: for each word, the rows that have all of its words
 * (folio_search_query_words), the last as a prefix: a range of `<table>_words`'s index
 * (word, rowid), read from the index alone ('casey' ≤ word < 'casey' + U+10FFFF for a prefix,
 * < 'casey' + U+0001 for a whole word). A word of several words ("INV-2026", "po 77/b") is
 * also checked as a phrase in the row's key with folio_search_pattern, as before; for a word of
 * one word that test is a constant true once the word is bound, and the planner drops it.
 * Several words: the rows found by every one (INTERSECT). No words: no rows. A row has all of
 * a word's words when it has each whole word once (one index entry per word and row) and at
 * least one word starting with the last: counted with plain sums, which PostgreSQL adds up
 * in a hash table instead of sorting the matches.
 */
function pgSearchIds(table: string, words: readonly string[]): RawBuilder<unknown> {
  if (words.length === 0) return sql`SELECT CAST(NULL AS bigint) AS rowid WHERE false`;
  const one = (word: string) => sql`SELECT m.rowid FROM (
      SELECT w.rowid FROM folio_search_query_words(${word}) AS q
        JOIN ${sql.raw(table)}_words AS w ON w.word >= q.t COLLATE "C"
          AND w.word < (q.t || CASE WHEN q.i = q.n THEN chr(1114111) ELSE chr(1) END) COLLATE "C"
      GROUP BY w.rowid
      HAVING sum(CASE WHEN q.i < q.n THEN 1 ELSE 0 END) = max(q.n) - 1 AND bool_or(q.i = q.n)
    ) AS m
    WHERE folio_search_one_word(${word})
      OR EXISTS (SELECT 1 FROM ${sql.raw(table)} AS p WHERE p.rowid = m.rowid AND p.search LIKE folio_search_pattern(${word}))`;
  return sql.join(
    words.map((w) => one(w)),
    sql` INTERSECT `,
  );
}

const DIALECTS: Record<Store['engine'], Dialect> = {
  sqlite: {
    addDays: (date, days) => `date(${date}, printf('%+d days', ${days}))`,
    greatest: (...values) => `max(${values.join(', ')})`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`instr(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: () => '(SELECT value FROM json_each(?))',
    receivablesSearchMatch: (table, alias, words) =>
      sql<SqlBool>`${sql.raw(alias)}.${sql.raw(table)} MATCH ${fts5AllPrefixes(words)}`,
    receivablesSearchIds: (table, words) =>
      sql`SELECT rowid FROM ${sql.raw(table)} WHERE ${sql.raw(table)} MATCH ${fts5AllPrefixes(words)}`,
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
    receivablesSearchMatch: (table, alias, words) =>
      sql<SqlBool>`${sql.raw(alias)}.rowid IN (${pgSearchIds(table, words)})`,
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
