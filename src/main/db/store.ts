import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Statement as SqliteStatement } from 'better-sqlite3';
import type { DB } from './schema';
import type { Sqlite } from './open';

/**
 * Kysely builds typed SQL; the store runs it. Services build queries with `qb` and hand them
 * to the store, never to a driver, so the same service code runs on the local SQLite file
 * and (shared books, issue 14) on PostgreSQL.
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

export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

/** A raw SQL statement (hot paths and full-text queries Kysely cannot express). */
export interface Statement {
  all(...params: unknown[]): Promise<unknown[]>;
  get(...params: unknown[]): Promise<unknown>;
  run(...params: unknown[]): Promise<RunResult>;
}

/**
 * What services see of the database, the same for every engine. Every call is asynchronous
 * (PostgreSQL answers over the network); a transaction is an async function, and every query
 * made inside it — however deep in the call chain — runs in that transaction.
 */
export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  prepare(sql: string): Statement;
  all<O>(query: Compilable<O>): Promise<O[]>;
  first<O>(query: Compilable<O>): Promise<O | undefined>;
  run(query: Compilable<unknown>): Promise<RunResult>;
  /** Runs fn in a transaction (a savepoint when nested); any throw rolls everything back. */
  tx<T>(fn: () => Promise<T>): Promise<T>;
}

interface TxFrame {
  store: SqliteStore;
  open: boolean;
}

const currentTx = new AsyncLocalStorage<TxFrame>();

/**
 * better-sqlite3 runs each statement synchronously on the one connection. A transaction
 * spans awaits, so while one is open every other caller waits for it (an async lock): their
 * queries must neither see its uncommitted rows nor join it. Outside a transaction a query
 * runs at once.
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, SqliteStatement>();
  private lock: Promise<void> | null = null;
  private savepoints = 0;
  /** Set while the books are being moved to a server (and after): why a write is refused. */
  private refusal: (() => Error) | null = null;

  constructor(readonly sqlite: Sqlite) {}

  /** The cached better-sqlite3 statement for a SQL text. */
  private statement(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    if (this.refusal && !stmt.readonly) throw this.refusal();
    return stmt;
  }

  /** Whether writes are refused now (see refuseWrites). */
  get refusingWrites(): boolean {
    return this.refusal !== null;
  }

  /**
   * From now on every statement that would change the file throws `reason()` (reads go on),
   * until the returned function is called. Resolves once no transaction is open any more, so
   * whatever was committed before is all there is: a snapshot read after it misses nothing.
   * A transaction that was open and writes again is refused and rolled back.
   */
  async refuseWrites(reason: () => Error): Promise<() => void> {
    this.refusal = reason;
    while (this.lock) await this.lock;
    return () => {
      if (this.refusal === reason) this.refusal = null;
    };
  }

  private inOwnTx(): boolean {
    const frame = currentTx.getStore();
    return frame !== undefined && frame.store === this && frame.open;
  }

  /**
   * Another caller's open transaction, if any. Callers loop `while (this.busy()) await
   * this.lock` and then run their statement in the same synchronous step, so no transaction
   * can begin between the check and the statement.
   */
  private busy(): boolean {
    return this.lock !== null && !this.inOwnTx();
  }

  prepare(sql: string): Statement {
    return {
      all: async (...params) => {
        while (this.busy()) await this.lock;
        return this.statement(sql).all(...params);
      },
      get: async (...params) => {
        while (this.busy()) await this.lock;
        return this.statement(sql).get(...params);
      },
      run: async (...params) => {
        while (this.busy()) await this.lock;
        const r = this.statement(sql).run(...params);
        return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
      },
    };
  }

  async all<O>(query: Compilable<O>): Promise<O[]> {
    const { sql, parameters } = query.compile();
    while (this.busy()) await this.lock;
    return this.statement(sql).all(...(parameters as unknown[])) as O[];
  }

  async first<O>(query: Compilable<O>): Promise<O | undefined> {
    const { sql, parameters } = query.compile();
    while (this.busy()) await this.lock;
    return this.statement(sql).get(...(parameters as unknown[])) as O | undefined;
  }

  async run(query: Compilable<unknown>): Promise<RunResult> {
    const { sql, parameters } = query.compile();
    while (this.busy()) await this.lock;
    const r = this.statement(sql).run(...(parameters as unknown[]));
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }

  async tx<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inOwnTx()) {
      const name = `folio_sp${++this.savepoints}`;
      this.sqlite.exec(`SAVEPOINT ${name}`);
      try {
        const value = await fn();
        this.sqlite.exec(`RELEASE ${name}`);
        return value;
      } catch (e) {
        if (this.sqlite.inTransaction) {
          this.sqlite.exec(`ROLLBACK TO ${name}`);
          this.sqlite.exec(`RELEASE ${name}`);
        }
        throw e;
      }
    }
    while (this.busy()) await this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => (release = resolve));
    const frame: TxFrame = { store: this, open: true };
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const value = await currentTx.run(frame, fn);
        this.sqlite.exec('COMMIT');
        return value;
      } catch (e) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw e;
      }
    } finally {
      frame.open = false;
      this.lock = null;
      release();
    }
  }
}
