/**
 * Services write one SQL text for both engines. The few spellings only SQLite reads are
 * rewritten here for PostgreSQL, mechanically and outside string literals:
 * - `?` placeholders become `$1, $2, …`; named ones (`:name`, `@name`, `$name`, bound from
 *   one object as better-sqlite3 does) become numbered ones too;
 * - `INDEXED BY index` and `NOT INDEXED` (SQLite's planner hints) are dropped: PostgreSQL plans
 *   with its own statistics;
 * - `COLLATE NOCASE` becomes the case-blind ICU collation the PostgreSQL schema creates.
 * What cannot be rewritten this way (full-text search, date arithmetic) is written per engine
 * in db/dialect.ts.
 */

export interface Translated {
  text: string;
  values: unknown[];
}

const HINT = /\b(?:INDEXED\s+BY\s+[A-Za-z_][A-Za-z0-9_]*|NOT\s+INDEXED)\b\s*/gi;
const NOCASE = /\bCOLLATE\s+NOCASE\b/gi;

function isNamedBinding(params: readonly unknown[]): params is [Record<string, unknown>] {
  const [first] = params;
  return (
    params.length === 1 &&
    typeof first === 'object' &&
    first !== null &&
    !Array.isArray(first) &&
    !(first instanceof Uint8Array) &&
    !(first instanceof Date)
  );
}

/** Rewrites only the code between quotes; `fn` sees each unquoted stretch in order. */
function mapUnquoted(sql: string, fn: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const quote = sql.slice(i).search(/['"]/);
    if (quote < 0) {
      out += fn(sql.slice(i));
      break;
    }
    out += fn(sql.slice(i, i + quote));
    const q = sql[i + quote]!;
    let j = i + quote + 1;
    for (;;) {
      const end = sql.indexOf(q, j);
      if (end < 0) {
        j = sql.length;
        break;
      }
      if (sql[end + 1] === q) {
        j = end + 2;
        continue;
      }
      j = end + 1;
      break;
    }
    out += sql.slice(i + quote, j);
    i = j;
  }
  return out;
}

/** SQLite-flavoured SQL with SQLite-style bindings → PostgreSQL text and positional values. */
export function toPostgres(sql: string, params: readonly unknown[] = []): Translated {
  const named = isNamedBinding(params) ? params[0] : null;
  const values: unknown[] = [];
  const positions = new Map<string, number>();
  let next = 0;
  const text = mapUnquoted(sql, (code) =>
    code
      .replace(HINT, '')
      .replace(NOCASE, 'COLLATE folio_nocase')
      .replace(
        /(::)|\?(\d+)?|[:@$]([A-Za-z_][A-Za-z0-9_]*)/g,
        (match, cast: string, index: string, name: string) => {
          if (cast) return match;
          if (name !== undefined) {
            if (!named) return match;
            if (!(name in named)) throw new Error(`Missing named parameter "${name}"`);
            let at = positions.get(name);
            if (at === undefined) {
              values.push(named[name]);
              at = values.length;
              positions.set(name, at);
            }
            return `$${at}`;
          }
          const k = index ? Number(index) - 1 : next++;
          if (k >= params.length) throw new Error(`Too few parameters for the statement (${params.length})`);
          values.push(params[k]);
          return `$${values.length}`;
        },
      ),
  );
  return { text, values };
}

/** Kysely's PostgreSQL output already numbers its parameters: only the keywords change. */
export function keywordsToPostgres(sql: string): string {
  return mapUnquoted(sql, (code) => code.replace(HINT, '').replace(NOCASE, 'COLLATE folio_nocase'));
}
