import type { Sqlite } from '../open';

/**
 * A search on shared books that stays fast at a million documents (issue 14). The search
 * tables (`invoices_fts`, `quotes_fts`, `credit_notes_fts`, `customers_fts`) found their rows
 * through a trigram index of `search`: a common name ("Casey") is made of trigrams that half
 * the book shares (" ca", "cas"), so the index read and intersected hundreds of thousands of
 * entries to find a few thousand rows. Each table now also has an index of its words: the
 * words of `search` (folio_search_key of every column, separated by ' |'), each an entry of
 * a tsvector built without any text-search parser or dictionary (array_to_tsvector), so an
 * entry is exactly a word of the key. A search word is then a prefix query on those entries
 * (folio_search_query): 'casey':* reads the few entries that start with "casey". A word of one
 * token is found by it exactly; a word of several tokens ("INV-2026" → inv, 2026) is found by
 * all its tokens, then checked as a phrase by folio_search_pattern as before (dialect.ts).
 *
 * SQLite's FTS5 index already answers by words: nothing changes there.
 */
export function up(_db: Sqlite): void {}

const TABLES = ['invoices_fts', 'quotes_fts', 'credit_notes_fts', 'customers_fts'];

export const PG = `
-- The words of a search key (' acme ltd | po 7781' → 'acme' 'ltd' 'po' '7781').
CREATE FUNCTION folio_search_words(search text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT array_to_tsvector(array_remove(array_remove(string_to_array(btrim(search), ' '), '|'), ''))
$$;

-- What the index of words finds for one search word: every token of the word's key, the last
-- as a prefix ('inv-20' → 'inv' & '20':*). NULL (finds nothing) when the word has no letter or digit.
CREATE FUNCTION folio_search_query(word text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
  SELECT CASE WHEN k = '' THEN NULL ELSE CAST(
    (SELECT string_agg('''' || t || '''', ' & ') FROM unnest(string_to_array(k, ' ')) AS t) || ':*'
    AS tsquery) END
  FROM (SELECT btrim(folio_search_key(word)) AS k) AS s
$$;

-- Whether the word's key is one token: then the index of words alone decides, with no phrase to check.
CREATE FUNCTION folio_search_one_token(word text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
  SELECT strpos(btrim(folio_search_key(word)), ' ') = 0
$$;

${TABLES.map((t) => `CREATE INDEX ${t}_words ON ${t} USING gin (folio_search_words(search));`).join('\n')}
${TABLES.filter((t) => t !== 'customers_fts')
  .map((t) => `DROP INDEX ${t}_search;`)
  .join('\n')}
`;
