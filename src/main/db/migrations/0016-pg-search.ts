import type { Sqlite } from '../open';

/**
 * A search on shared books that answers in milliseconds at a million documents (issue 14).
 * The search tables (`invoices_fts`, `quotes_fts`, `credit_notes_fts`, `customers_fts`) found
 * their rows through a trigram index of `search`, whose answers are only candidates: every
 * one was read from the table to be checked (a common name, 5,000 invoices in a million, is
 * 5,000 table pages), and once more for the page. Each table now has a table of its words,
 * `<table>_words (word, rowid)`: every word of a row's `search` key (folio_search_key of each
 * column: accents removed, lower case, split at everything but letters and digits), once per
 * row, in a B-tree read in byte order (COLLATE "C"). A search word is a range of that index
 * ('casey' ≤ word < 'casey' + the last code point), read from the index alone, so counting
 * and looking up a few thousand matches never reads the search table (dialect.ts). Statement
 * triggers keep the words of every row written to a search table (by the documents' and
 * customers' triggers, the services, or a move of a local book, in one statement).
 *
 * SQLite's FTS5 index already answers by words: nothing changes there.
 */
export function up(_db: Sqlite): void {}

const TABLES = ['invoices_fts', 'quotes_fts', 'credit_notes_fts', 'customers_fts'];

export const PG = `
-- The words of a search key (' acme ltd | po 7781' → {acme, ltd, po, 7781}).
CREATE FUNCTION folio_search_words(search text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT array_remove(array_remove(string_to_array(btrim(search), ' '), '|'), '')
$$;

-- The words of what a person typed as one search word, numbered, with their count: all but
-- the last must be words of the row, the last the start of one ('inv-20' → inv, 20…). No rows
-- when the word has no letter or digit.
CREATE FUNCTION folio_search_query_words(word text) RETURNS TABLE (t text, i integer, n integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 3
SET search_path FROM CURRENT
AS $$
  SELECT u.t, CAST(u.i AS integer), cardinality(a.words)
  FROM (SELECT folio_search_words(folio_search_key(word)) AS words) AS a,
    unnest(a.words) WITH ORDINALITY AS u(t, i)
$$;

-- Whether the word is one word of the key: then the table of words alone decides, with no
-- phrase to check.
CREATE FUNCTION folio_search_one_word(word text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
  SELECT cardinality(folio_search_words(folio_search_key(word))) <= 1
$$;

-- Keeps <search table>_words: the words of the rows a statement inserted, deleted or changed.
CREATE FUNCTION folio_search_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO %I (word, rowid) SELECT DISTINCT w, n.rowid FROM new_rows n, unnest(folio_search_words(n.search)) AS w',
    TG_TABLE_NAME || '_words');
  RETURN NULL;
END $$;
CREATE FUNCTION folio_search_words_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DELETE FROM %I AS w USING old_rows o WHERE w.rowid = o.rowid AND w.word = ANY (folio_search_words(o.search))',
    TG_TABLE_NAME || '_words');
  RETURN NULL;
END $$;
CREATE FUNCTION folio_search_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DELETE FROM %I AS w USING old_rows o WHERE w.rowid = o.rowid AND w.word = ANY (folio_search_words(o.search))',
    TG_TABLE_NAME || '_words');
  EXECUTE format('INSERT INTO %I (word, rowid) SELECT DISTINCT w, n.rowid FROM new_rows n, unnest(folio_search_words(n.search)) AS w',
    TG_TABLE_NAME || '_words');
  RETURN NULL;
END $$;

${TABLES.map(
  (t) => `CREATE TABLE ${t}_words (word text COLLATE "C" NOT NULL, rowid bigint NOT NULL);
INSERT INTO ${t}_words (word, rowid) SELECT DISTINCT w, f.rowid FROM ${t} f, unnest(folio_search_words(f.search)) AS w;
ALTER TABLE ${t}_words ADD PRIMARY KEY (word, rowid);
CREATE TRIGGER ${t}_words_insert AFTER INSERT ON ${t} REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION folio_search_words_insert();
CREATE TRIGGER ${t}_words_delete AFTER DELETE ON ${t} REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION folio_search_words_delete();
CREATE TRIGGER ${t}_words_update AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION folio_search_words_update();
ANALYZE ${t}_words;`,
).join('\n')}
-- Only the bank's matching of payers' names (dialect.customersNamedAny) still reads trigrams.
${TABLES.filter((t) => t !== 'customers_fts')
  .map((t) => `DROP INDEX ${t}_search;`)
  .join('\n')}
`;
