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

/**
 * Rewrites only the SQL code: quoted strings and names, comments and dollar-quoted bodies are
 * text, copied as they are (a `?` or `INDEXED BY` inside them is not touched).
 */
function mapUnquoted(sql: string, fn: (code: string) => string): string {
  let out = '';
  let code = '';
  let i = 0;
  const literal = (stop: number) => {
    out += fn(code) + sql.slice(i, stop);
    code = '';
    i = stop;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // '' (or "") inside is an escaped quote: the scan closes and reopens.
      const end = sql.indexOf(c, i + 1);
      literal(end === -1 ? sql.length : end + 1);
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      literal(end === -1 ? sql.length : end);
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      literal(end === -1 ? sql.length : end + 2);
    } else if (c === '$' && /^\$(?:[A-Za-z_]\w*)?\$/.test(sql.slice(i))) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      literal(end === -1 ? sql.length : end + tag.length);
    } else {
      code += c;
      i++;
    }
  }
  return out + fn(code);
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
