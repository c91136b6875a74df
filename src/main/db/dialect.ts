import { sql, type RawBuilder } from 'kysely';
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
}

const DIALECTS: Record<Store['engine'], Dialect> = {
  sqlite: {
    addDays: (date, days) => `date(${date}, printf('%+d days', ${days}))`,
    greatest: (...values) => `max(${values.join(', ')})`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`instr(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: () => '(SELECT value FROM json_each(?))',
  },
  postgres: {
    addDays: (date, days) => `to_char(CAST(${date} AS date) + CAST(${days} AS integer), 'YYYY-MM-DD')`,
    greatest: (...values) => `GREATEST(${values.join(', ')})`,
    containsIgnoringCase: (haystack, needle) =>
      sql<boolean>`strpos(lower(${sql.raw(haystack)}), lower(${needle})) > 0`,
    jsonValues: (type) =>
      `(SELECT CAST(value AS ${type === 'integer' ? 'bigint' : 'text'}) FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS value)`,
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
