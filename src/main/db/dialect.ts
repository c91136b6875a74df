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
   * each as a prefix: SQLite asks the FTS5 index (`"word"*` ANDed), PostgreSQL tests the
   * row's accent- and case-folded `search` key with folio_search_pattern per word.
   */
  receivablesSearchMatch(table: string, alias: string, words: readonly string[]): RawBuilder<SqlBool>;
  /**
   * The end of a SELECT (Kysely: `.modifyEnd(dialect.forUpdate)`) made inside a transaction to
   * check a row before changing it: PostgreSQL locks the rows read (FOR UPDATE) until the
   * transaction ends, so a second caller waits and then reads what the first committed;
   * SQLite's open transaction already keeps every other writer out, so nothing is added.
   */
  readonly forUpdate: RawBuilder<unknown>;
}

/** FTS5's query for words that must all occur, each as a prefix, quoted so punctuation is text. */
function fts5AllPrefixes(words: readonly string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

const DIALECTS: Record<Store['engine'], Dialect> = {
  sqlite: {
    addDays: (date, days) => `date(${date}, printf('%+d days', ${days}))`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`instr(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: () => '(SELECT value FROM json_each(?))',
    receivablesSearchMatch: (table, alias, words) =>
      sql<SqlBool>`${sql.raw(alias)}.${sql.raw(table)} MATCH ${fts5AllPrefixes(words)}`,
    forUpdate: sql``,
  },
  postgres: {
    addDays: (date, days) => `to_char(CAST(${date} AS date) + CAST(${days} AS integer), 'YYYY-MM-DD')`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`strpos(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: (type) =>
      `(SELECT CAST(value AS ${type === 'integer' ? 'bigint' : 'text'}) FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS value)`,
    receivablesSearchMatch: (_table, alias, words) =>
      words.length === 0
        ? sql<SqlBool>`false`
        : sql<SqlBool>`(${sql.join(
            words.map((w) => sql`${sql.raw(alias)}.search LIKE folio_search_pattern(${w})`),
            sql` AND `,
          )})`,
    forUpdate: sql`FOR UPDATE`,
  },
};

export function dialectOf(store: Pick<Store, 'engine'>): Dialect {
  return DIALECTS[store.engine];
}

/**
 * `(?, ?, …)` for a list of n values bound one by one (both engines); `(NULL)` for none, which
 * matches no row (an empty `()` is an error in PostgreSQL).
 */
export function placeholders(n: number): string {
  return n === 0 ? '(NULL)' : `(${Array.from({ length: n }, () => '?').join(', ')})`;
}
