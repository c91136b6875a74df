import { describe, expect, it } from 'vitest';
import { keywordsToPostgres, toPostgres } from '../../src/main/db/pg/translate';

describe('SQLite spellings rewritten for PostgreSQL', () => {
  it('numbers ? placeholders in order, leaving question marks inside strings alone', () => {
    expect(
      toPostgres(`SELECT '?' AS q, a FROM t WHERE a = ? AND b IN (?, ?) AND c = 'it''s ?'`, [1, 2, 3]),
    ).toEqual({
      text: `SELECT '?' AS q, a FROM t WHERE a = $1 AND b IN ($2, $3) AND c = 'it''s ?'`,
      values: [1, 2, 3],
    });
  });

  it('binds named parameters from one object, each once however often it is used', () => {
    const r = toPostgres(
      'SELECT * FROM bills WHERE bill_date <= :asOf AND (paid_on > :asOf OR due < @today)',
      [{ asOf: '2026-11-30', today: '2026-12-01' }],
    );
    expect(r).toEqual({
      text: 'SELECT * FROM bills WHERE bill_date <= $1 AND (paid_on > $1 OR due < $2)',
      values: ['2026-11-30', '2026-12-01'],
    });
    expect(() => toPostgres('SELECT :missing', [{ other: 1 }])).toThrow(/missing/);
  });

  it('drops planner hints and maps COLLATE NOCASE, but not inside strings', () => {
    expect(
      toPostgres(
        `SELECT id FROM documents d INDEXED BY documents_open_by_due JOIN c NOT INDEXED ON 1 WHERE name = ? COLLATE NOCASE AND note = 'INDEXED BY x'`,
        ['a'],
      ).text,
    ).toBe(
      `SELECT id FROM documents d JOIN c ON 1 WHERE name = $1 COLLATE folio_nocase AND note = 'INDEXED BY x'`,
    );
    expect(
      keywordsToPostgres(`select "d"."id" from "documents" as "d" INDEXED BY documents_open where "x" = $1`),
    ).toBe(`select "d"."id" from "documents" as "d" where "x" = $1`);
  });

  it('refuses a statement with fewer values than placeholders', () => {
    expect(() => toPostgres('SELECT ? + ?', [1])).toThrow(/Too few/);
  });

  it('keeps PostgreSQL casts and byte values as they are', () => {
    const bytes = Buffer.from('abc');
    expect(toPostgres('SELECT CAST(? AS jsonb), x::text FROM t WHERE b = ?', ['[1]', bytes])).toEqual({
      text: 'SELECT CAST($1 AS jsonb), x::text FROM t WHERE b = $2',
      values: ['[1]', bytes],
    });
  });
});
