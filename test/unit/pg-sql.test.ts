import { describe, expect, it } from 'vitest';
import { toPostgres } from '../../src/main/db/pg/translate';
import { assertServerVersion, isLoopback, tlsFor } from '../../src/main/db/pg/connect';
import { translator } from '../../src/shared/i18n';

describe('raw SQL for PostgreSQL', () => {
  it('numbers ? placeholders and leaves a ? inside quotes, names, comments and $$ bodies', () => {
    expect(toPostgres('SELECT * FROM t WHERE a = ? AND b IN (?, ?)', [1, 2, 3]).text).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
    expect(toPostgres(`SELECT 'it''s ?', "col?", ? /* ? */ -- ?\n, $tag$ ? $tag$, ?`, [1, 2]).text).toBe(
      `SELECT 'it''s ?', "col?", $1 /* ? */ -- ?\n, $tag$ ? $tag$, $2`,
    );
    // $1 written by hand stays what it is (no dollar-quote is opened by it).
    expect(toPostgres('SELECT $1, ?', [1]).text).toBe('SELECT $1, $1');
  });
});

describe('TLS for shared books', () => {
  const settings = { port: 5432, database: 'books', user: 'ann', password: 'x' };
  it('needs no TLS on this computer and requires verified TLS anywhere else', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '/var/run/postgresql'])
      expect(tlsFor({ ...settings, host }), host).toBe(false);
    for (const host of ['db.example.com', '192.0.2.2', '10.0.0.1', 'fd00::2', 'localhost.example.com'])
      expect(isLoopback(host), host).toBe(false);
    expect(tlsFor({ ...settings, host: 'db.example.com' })).toEqual({ rejectUnauthorized: true });
    expect(tlsFor({ ...settings, host: 'db.example.com', ca: 'PEM' })).toEqual({
      rejectUnauthorized: true,
      ca: 'PEM',
    });
  });
});

describe('the server’s version', () => {
  it('refuses a server older than PostgreSQL 13 and names its version', () => {
    expect(() => assertServerVersion(120017)).toThrow(
      translator('en')('sharedBooks.errors.tooOld', { version: '12.17' }),
    );
    expect(() => assertServerVersion(90624)).toThrow(
      translator('en')('sharedBooks.errors.tooOld', { version: '9.6.24' }),
    );
    expect(() => assertServerVersion(130000)).not.toThrow();
    expect(() => assertServerVersion(170002)).not.toThrow();
  });
});
