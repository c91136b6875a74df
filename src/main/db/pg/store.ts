import { AsyncLocalStorage } from 'node:async_hooks';
import {
  InsertQueryNode,
  PostgresQueryCompiler,
  ReturningNode,
  SelectionNode,
  createQueryId,
  type Compilable,
  type OperationNodeSource,
  type RootOperationNode,
} from 'kysely';
import pg from 'pg';
import { keywordsToPostgres, toPostgres } from './translate';
import type { RunResult, Statement, Store } from '../store';
import { AppError } from '../../../shared/api/errors';
import { isConnectionError, pgError } from './errors';

/**
 * Shared books (issue 14): the same `Store` as SqliteStore, over a pool of PostgreSQL
 * connections. Services build their queries with `qb` exactly as for SQLite; this store takes
 * each query's operation tree and compiles it with Kysely's PostgreSQL compiler, so the SQL
 * the server sees is PostgreSQL's (`$1` parameters, double-quoted names).
 *
 * Transactions: `tx(fn)` takes one connection from the pool for the whole transaction and
 * runs BEGIN … COMMIT (ROLLBACK on any throw) on it; every query made inside fn, however deep,
 * finds that connection through AsyncLocalStorage, as SqliteStore's do. A nested tx is a
 * SAVEPOINT on the same connection. A query outside any transaction takes any free connection.
 *
 * Unlike the SQLite file, other people's transactions run at the same time as ours, at READ
 * COMMITTED. Services serialise where it matters with row locks: a transaction that must be
 * the only one to move a counter reads its row with `SELECT … FOR UPDATE` (the number series
 * row when a document is issued), and whoever comes second waits for the first to commit and
 * then reads the new value. Unique indexes stay the last guard: a clash comes back as CONFLICT.
 *
 * One difference from SQLite a service must respect: after a failed statement PostgreSQL
 * refuses every further statement of the transaction until it rolls back (or back to a
 * savepoint). Code that catches a database error and carries on must do so around a nested
 * `tx()` (a savepoint), never around a bare statement.
 */

/** What a value of these server types becomes in JS: the same as better-sqlite3 gives. */
const INT8 = 20;
const INT8_ARRAY = 1016;
const NUMERIC = 1700;
const NUMERIC_ARRAY = 1231;
const BOOL = 16;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

function toSafeNumber(text: string): number {
  const n = Number(text);
  // Money is integer minor units far below 2^53; a larger integer would silently round.
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new RangeError(`integer out of range: ${text}`);
  return n;
}

const parseArray = (text: string): number[] =>
  text === '{}'
    ? []
    : text
        .slice(1, -1)
        .split(',')
        .map((v) => toSafeNumber(v));

/**
 * Type parsers for this pool only (never pg's global ones, which other code may rely on):
 * bigint and numeric (COUNT, SUM over bigint money) become numbers, as SQLite's integers do;
 * a boolean expression becomes 1/0, as in SQLite; dates and timestamps stay the server's text
 * (columns are text YYYY-MM-DD/ISO anyway; no Date object ever reaches a service).
 */
export const folioTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
    switch (oid) {
      case INT8:
      case NUMERIC:
        return toSafeNumber;
      case INT8_ARRAY:
      case NUMERIC_ARRAY:
        return parseArray;
      case BOOL:
        return (text: string) => (text === 't' ? 1 : 0);
      case DATE:
      case TIMESTAMP:
      case TIMESTAMPTZ:
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const INSERT = /^\s*insert\s/i;
const RETURNING = /\breturning\b/i;

/** A raw INSERT without RETURNING gets `RETURNING *`, so run() can give lastInsertRowid. */
function withReturning(sql: string): { sql: string; insert: boolean } {
  if (!INSERT.test(sql)) return { sql, insert: false };
  if (RETURNING.test(sql)) return { sql, insert: true };
  return { sql: `${sql.replace(/[\s;]+$/, '')} RETURNING *`, insert: true };
}

const compiler = new PostgresQueryCompiler();

function rootNode(query: Compilable<unknown>): RootOperationNode {
  const source = query as Partial<OperationNodeSource>;
  if (typeof source.toOperationNode !== 'function')
    throw new TypeError('PgStore runs Kysely queries only (built with qb); use prepare() for raw SQL');
  return source.toOperationNode() as RootOperationNode;
}

function compile(node: RootOperationNode): { sql: string; parameters: readonly unknown[] } {
  const compiled = compiler.compileQuery(node, createQueryId());
  // sql`` fragments in services may carry SQLite's spellings (COLLATE NOCASE).
  return { sql: keywordsToPostgres(compiled.sql), parameters: compiled.parameters };
}

/**
 * SQLite's lastInsertRowid is the id of the last row inserted (here: of the INSERT's rows,
 * which RETURNING gives); 0 for other statements and tables without an id.
 */
function runResult(result: pg.QueryResult, insert: boolean): RunResult {
  const last = insert ? (result.rows[result.rows.length - 1] as { id?: unknown } | undefined) : undefined;
  const id = typeof last?.id === 'number' ? last.id : 0;
  return { changes: result.rowCount ?? 0, lastInsertRowid: id };
}

interface TxFrame {
  store: PgStore;
  client: pg.PoolClient;
  open: boolean;
  savepoints: number;
}

const currentTx = new AsyncLocalStorage<TxFrame>();

export interface PgStoreOptions {
  /** The login the pool signs in as (connectShared sets it). */
  login?: string;
  /** Called with an error of an idle pooled connection (the server went away); logged. */
  onIdleError?: (error: Error) => void;
  /**
   * Called whenever the server cannot be reached or ends a connection (a query that fails with
   * DB_UNAVAILABLE, an idle connection that breaks): the host then probes until it answers.
   */
  onConnectionLost?: (error: unknown) => void;
}

export class PgStore implements Store {
  readonly engine = 'postgres' as const;
  /** Who signed in (the login role): the name the audit log records for their changes. */
  readonly login: string | null;

  constructor(
    readonly pool: pg.Pool,
    private readonly options: PgStoreOptions = {},
  ) {
    this.login = options.login ?? null;
    // An idle connection that breaks emits 'error' on the pool; unheard, it would end the app.
    pool.on('error', (error) => {
      options.onIdleError?.(error);
      if (isConnectionError(error)) options.onConnectionLost?.(error);
    });
  }

  /** The AppError a failure becomes (errors.ts); a lost server is also reported to the host. */
  private fail(error: unknown): unknown {
    const mapped = pgError(error);
    if (mapped instanceof AppError && mapped.code === 'DB_UNAVAILABLE' && isConnectionError(error))
      this.options.onConnectionLost?.(error);
    return mapped;
  }

  /**
   * Asks the server `SELECT 1` and gives up after timeoutMs: whether the shared books answer
   * (the banner's retry, the host's probe while the server is away). Throws DB_UNAVAILABLE.
   */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const query = this.pool.query('SELECT 1');
    // Still running when the timeout wins: its own failure must not go unheard.
    query.catch(() => undefined);
    try {
      await Promise.race([
        query,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error('timeout expired'), { code: 'ETIMEDOUT' })),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      throw this.fail(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The connection of the caller's open transaction on this store, if any. */
  private frame(): TxFrame | undefined {
    const frame = currentTx.getStore();
    return frame !== undefined && frame.store === this && frame.open ? frame : undefined;
  }

  private async query(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    const on = this.frame()?.client ?? this.pool;
    try {
      return await on.query(sql, params as unknown[]);
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** Raw SQL as services write it for both engines, rewritten for PostgreSQL (pg/translate.ts). */
  prepare(sql: string): Statement {
    const run = async (params: readonly unknown[], returning: boolean) => {
      const { text, values } = toPostgres(sql, params);
      const insert = returning ? withReturning(text) : { sql: text, insert: false };
      return { result: await this.query(insert.sql, values), insert: insert.insert };
    };
    return {
      all: async (...params) => (await run(params, false)).result.rows,
      get: async (...params) => (await run(params, false)).result.rows[0] as unknown,
      run: async (...params) => {
        const { result, insert } = await run(params, true);
        return runResult(result, insert);
      },
    };
  }

  async all<O>(query: Compilable<O>): Promise<O[]> {
    const { sql, parameters } = compile(rootNode(query));
    return (await this.query(sql, parameters)).rows as O[];
  }

  async first<O>(query: Compilable<O>): Promise<O | undefined> {
    const { sql, parameters } = compile(rootNode(query));
    return (await this.query(sql, parameters)).rows[0] as O | undefined;
  }

  async run(query: Compilable<unknown>): Promise<RunResult> {
    let node = rootNode(query);
    const insert = InsertQueryNode.is(node);
    if (InsertQueryNode.is(node) && !node.returning) {
      node = InsertQueryNode.cloneWith(node, {
        returning: ReturningNode.create([SelectionNode.createSelectAll()]),
      });
    }
    const { sql, parameters } = compile(node);
    return runResult(await this.query(sql, parameters), insert);
  }

  async tx<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.frame();
    if (outer) {
      const name = `folio_sp${++outer.savepoints}`;
      await this.query(`SAVEPOINT ${name}`, []);
      try {
        const value = await fn();
        await this.query(`RELEASE SAVEPOINT ${name}`, []);
        return value;
      } catch (e) {
        await this.query(`ROLLBACK TO SAVEPOINT ${name}`, []);
        await this.query(`RELEASE SAVEPOINT ${name}`, []);
        throw e;
      }
    }
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.fail(error);
    }
    const frame: TxFrame = { store: this, client, open: true, savepoints: 0 };
    let broken: Error | undefined;
    // A checked-out connection that breaks (the server ended it) emits 'error' on itself, not
    // on the pool: unheard, it would end the app. The failing query rejects with it anyway.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED').catch((e: unknown) => {
        broken = e as Error;
        throw this.fail(e);
      });
      try {
        const value = await currentTx.run(frame, fn);
        const commit = await client.query('COMMIT').catch((e: unknown) => {
          throw this.fail(e);
        });
        // COMMIT of a transaction a failed statement aborted is answered with ROLLBACK, not
        // an error: the changes are gone, and the caller must not believe otherwise.
        if (commit.command === 'ROLLBACK') throw new Error('the transaction was rolled back by the server');
        return value;
      } catch (e) {
        // A ROLLBACK that fails means the connection is gone: drop it rather than reuse it.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError as Error;
        });
        throw e;
      }
    } finally {
      frame.open = false;
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Closes every connection of the pool. */
  async close(): Promise<void> {
    await this.pool.end();
  }
}
