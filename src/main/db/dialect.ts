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
   * each as a prefix: SQLite asks the FTS5 index (`"word"*` ANDed), PostgreSQL asks the index
   * of the words of the row's accent- and case-folded `search` key (folio_search_query), and
   * checks a word of several tokens as a phrase with folio_search_pattern.
   */
  receivablesSearchMatch(table: string, alias: string, words: readonly string[]): RawBuilder<SqlBool>;
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

const DIALECTS: Record<Store['engine'], Dialect> = {
  sqlite: {
    addDays: (date, days) => `date(${date}, printf('%+d days', ${days}))`,
    greatest: (...values) => `max(${values.join(', ')})`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`instr(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: () => '(SELECT value FROM json_each(?))',
    receivablesSearchMatch: (table, alias, words) =>
      sql<SqlBool>`${sql.raw(alias)}.${sql.raw(table)} MATCH ${fts5AllPrefixes(words)}`,
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
    // The index of words (migration 0016) finds the rows with every word's tokens, the last
    // of each a prefix: all a one-token word asks. A word of several tokens is then checked
    // as a phrase in the row's key; with the word bound, the planner drops that test for a
    // one-token word (folio_search_one_token is then a constant true).
    receivablesSearchMatch: (_table, alias, words) =>
      words.length === 0
        ? sql<SqlBool>`false`
        : sql<SqlBool>`(folio_search_words(${sql.raw(alias)}.search) @@ (${sql.join(
            words.map((w) => sql`folio_search_query(${w})`),
            sql` && `,
          )}) AND ${sql.join(
            words.map(
              (w) =>
                sql`(folio_search_one_token(${w}) OR ${sql.raw(alias)}.search LIKE folio_search_pattern(${w}))`,
            ),
            sql` AND `,
          )})`,
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
