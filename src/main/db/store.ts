import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { DB } from './schema';
import type { Sqlite } from './open';

/**
 * Kysely builds typed SQL; better-sqlite3 runs it synchronously. Keeping execution
 * synchronous means a service's transaction is a plain function call that cannot interleave
 * with another request, and prepared statements are cached by their SQL text. The same
 * query builder compiles for PostgreSQL if Folio ever grows a shared-books mode.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export type QueryBuilder = typeof qb;

export class Store {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly sqlite: Sqlite) {}

  /** A cached prepared statement for raw SQL (hot paths and FTS queries Kysely cannot express). */
  prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  all<O>(query: Compilable<O>): O[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...(parameters as unknown[])) as O[];
  }

  first<O>(query: Compilable<O>): O | undefined {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).get(...(parameters as unknown[])) as O | undefined;
  }

  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
    const { sql, parameters } = query.compile();
    const r = this.prepare(sql).run(...(parameters as unknown[]));
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }

  /** Runs fn in a transaction (a savepoint when nested); any throw rolls everything back. */
  tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }
}
