import type { PoolClient } from 'pg';
import type { ParsedInput } from '../../../shared/api/contract';
import type { MoveStatus } from '../../../shared/api/shared-books';
import { AppError, conflict } from '../../../shared/api/errors';
import { msg } from '../../../shared/i18n';
import { LATEST_VERSION } from '../../db/migrations';
import { migratePg, pgSchemaVersion } from '../../db/migrations/pg/migrate';
import { NewerDatabaseError } from '../../db/migrate';
import { openDatabase, type Sqlite } from '../../db/open';
import { connectError, connectShared, type SharedBooksSettings } from '../../db/pg/connect';
import { isConnectionError } from '../../db/pg/errors';
import {
  BooksNotEmptyError,
  MoveFilesError,
  MoveMismatchError,
  moveBooksToServer,
  type TableCheck,
} from '../../db/pg/move';
import { setUpRoles } from '../../db/pg/roles';
import type { PgStore } from '../../db/pg/store';
import type { ServiceContext } from '../context';
import { keyFileSecretBox } from '../secrets';
import { saveSharedBooks } from './settings';

/**
 * "Move my books to a server" (issue 14) from the screen: copies the local book into an empty
 * PostgreSQL database in one server transaction (Folio's schema, the rows, the checks and the
 * roles' rights: a failure of any kind keeps nothing), then saves the connection so the next
 * start opens the shared books. Progress is polled (sharedBooks.moveStatus), as for a bulk
 * export: a move of 100k invoices takes about 35 s.
 *
 * The local book during the move: writes are refused from the moment the move starts (every
 * statement that would change the file throws a sentence saying why; reading goes on), and
 * the copy reads one snapshot of the file through its own read-only connection, taken once
 * no transaction is open any more. So the copy and its checks see exactly what was committed,
 * and nothing written meanwhile can be lost. After a failed move writes are allowed again;
 * after a successful one they stay refused until Folio is restarted on the shared books
 * (a change made here then would never reach the server).
 */
interface Move {
  status: Omit<MoveStatus, 'error' | 'seconds'>;
  started: number;
  finished: number | null;
  /** Made when read, so it speaks the language of the screen that asks. */
  error: (() => string) | null;
  cancelled: boolean;
}

/** The person stopped the move (sharedBooks.moveCancel). */
class MoveCancelledError extends Error {}

/** The login may not create Folio's group roles (owner, bookkeeper, viewer) on this server. */
class RolesNotAllowedError extends Error {}

const moves = new WeakMap<ServiceContext, Move>();
/** A move being started (connecting, checking): a second one waits its turn by being refused. */
const starting = new WeakSet<ServiceContext>();

function secretsOf(ctx: ServiceContext) {
  return ctx.secrets ?? keyFileSecretBox(ctx.paths.dataDir);
}

function view(move: Move): MoveStatus {
  return {
    ...move.status,
    seconds: Math.round(((move.finished ?? performance.now()) - move.started) / 100) / 10,
    error: move.error?.() ?? null,
  };
}

export function moveStatus(ctx: ServiceContext): MoveStatus | null {
  const move = moves.get(ctx);
  return move ? view(move) : null;
}

/**
 * Stops a running move at its next batch of rows; the transaction is rolled back. Once the
 * checks have begun it finishes (they take seconds).
 */
export function cancelMove(ctx: ServiceContext): MoveStatus | null {
  const move = moves.get(ctx);
  if (move?.status.state === 'running' && move.status.phase !== 'checking') move.cancelled = true;
  return move ? view(move) : null;
}

/**
 * The desktop app restarts itself once the books have moved (the answer goes out first);
 * browser mode cannot restart the process that serves it and says restarting: false.
 */
export function restartOnSharedBooks(ctx: ServiceContext): { restarting: boolean } {
  if (moves.get(ctx)?.status.state !== 'done') throw conflict(msg('sharedBooks.move.errors.notMoved'));
  const relaunch = ctx.desktop?.relaunch;
  if (!relaunch) return { restarting: false };
  ctx.log.info('restarting on the shared books');
  setTimeout(() => relaunch(), 200);
  return { restarting: true };
}

/** The reason a move failed, in the person's words (a thunk: see Move.error). */
function reasonOf(ctx: ServiceContext, error: unknown, settings: SharedBooksSettings): () => string {
  const { database, user } = settings;
  if (error instanceof BooksNotEmptyError)
    return () => msg('sharedBooks.move.errors.notEmpty', { database, table: error.table });
  if (error instanceof MoveMismatchError) return () => msg('sharedBooks.move.errors.mismatch');
  if (error instanceof MoveFilesError) {
    const files = error.problems.join('; ');
    return () => msg('sharedBooks.move.errors.files', { files });
  }
  if (error instanceof MoveCancelledError) return () => msg('sharedBooks.move.errors.cancelled');
  if (error instanceof RolesNotAllowedError) return () => msg('sharedBooks.move.errors.noRoles', { user });
  if (error instanceof NewerDatabaseError) return () => msg('sharedBooks.move.errors.newer', { database });
  if ((error as { code?: unknown } | null)?.code === '42501')
    return () => msg('sharedBooks.move.errors.notAllowed', { database, user });
  if (error instanceof AppError) {
    const message = error.message;
    return () => message;
  }
  const connect = connectError(error, settings);
  if (connect) {
    const message = connect.message;
    return () => message;
  }
  if (isConnectionError(error)) return () => msg('sharedBooks.move.errors.connectionLost');
  ctx.log.error('moving the books to the server failed', { error });
  return () => msg('sharedBooks.move.errors.failed');
}

/** An AppError with the sentence of reasonOf, for the checks made before the move starts. */
function refusal(ctx: ServiceContext, error: unknown, settings: SharedBooksSettings): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code === '42501' ? 'UNAUTHORIZED' : 'CONFLICT';
  return Object.assign(new AppError(code, reasonOf(ctx, error, settings)()), { cause: error });
}

/** Refuses a database that holds anything: another program's tables, or Folio books with rows. */
async function assertEmpty(client: PoolClient, version: number, settings: SharedBooksSettings) {
  if (version > LATEST_VERSION) throw new NewerDatabaseError(version, LATEST_VERSION);
  if (version === 0) {
    const other = await client.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables
        WHERE table_schema = current_schema() ORDER BY table_name LIMIT 1`,
    );
    if (other.rows.length)
      throw new AppError(
        'CONFLICT',
        msg('sharedBooks.move.errors.otherTables', { database: settings.database, table: other.rows[0]!.t }),
      );
    const create = await client.query<{ ok: boolean }>(
      `SELECT has_schema_privilege(current_schema(), 'CREATE') AS ok`,
    );
    if (!create.rows[0]?.ok) throw Object.assign(new Error('no CREATE on the schema'), { code: '42501' });
    return;
  }
  // Folio's books already: every table but the seeded settings must be empty (the move checks
  // again in its transaction; this answers at once, before the local book is paused).
  const { rows } = await client.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name IN ('documents', 'customers', 'payments', 'bills', 'vendors', 'items', 'audit_log')
      ORDER BY table_name`,
  );
  for (const { t } of rows) {
    const n = await client.query(`SELECT 1 FROM "${t}" LIMIT 1`);
    if (n.rows.length) throw new BooksNotEmptyError(t);
  }
}

/**
 * Starts the move: connects and checks the database (errors are said at once, as for
 * sharedBooks.connect), pauses writes to the local book, takes its snapshot and copies in
 * the background.
 */
export async function startMove(
  ctx: ServiceContext,
  input: ParsedInput<'sharedBooks.move'>,
): Promise<MoveStatus> {
  const host = ctx.host;
  if (host.engine !== 'sqlite') throw conflict(msg('sharedBooks.move.errors.alreadyShared'));
  const previous = moves.get(ctx);
  if (previous?.status.state === 'running' || starting.has(ctx))
    throw conflict(msg('sharedBooks.move.errors.running'));
  if (previous?.status.state === 'done') throw conflict(msg('sharedBooks.move.errors.alreadyMoved'));
  const settings: SharedBooksSettings = { ...input, maxConnections: 1 };
  const localStore = host.store;

  let server: PgStore | null = null;
  let client: PoolClient | null = null;
  let snapshot: Sqlite | null = null;
  let allowWrites: (() => void) | null = null;
  const cleanUp = async () => {
    try {
      if (snapshot?.inTransaction) snapshot.exec('COMMIT');
      snapshot?.close();
    } catch (error) {
      ctx.log.error('closing the move’s snapshot failed', { error });
    }
    client?.release();
    await server?.close().catch(() => undefined);
  };
  let version: number;
  starting.add(ctx);
  try {
    server = await connectShared(settings);
    client = await server.pool.connect();
    version = await pgSchemaVersion(client);
    await assertEmpty(client, version, settings);
    allowWrites = await localStore.refuseWrites(
      () => new AppError('READ_ONLY', msg('sharedBooks.move.writesPaused')),
    );
    snapshot = openDatabase(ctx.paths.databaseFile, { readonly: true, fileMustExist: true });
    snapshot.exec('BEGIN');
    // The first read fixes the snapshot: what was committed until now, and nothing after.
    snapshot.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    allowWrites?.();
    await cleanUp();
    throw refusal(ctx, error, settings);
  } finally {
    starting.delete(ctx);
  }

  const move: Move = {
    status: {
      state: 'running',
      phase: 'preparing',
      server: { host: input.host, port: input.port, database: input.database, user: input.user },
      table: '',
      tablesDone: 0,
      tablesTotal: 0,
      rows: 0,
      rowsTotal: 0,
      tables: [],
    },
    started: performance.now(),
    finished: null,
    error: null,
    cancelled: false,
  };
  moves.set(ctx, move);
  ctx.log.info('moving the books to a server', {
    host: input.host,
    database: input.database,
    user: input.user,
  });

  const sqlite = snapshot;
  const pgClient = client;
  void (async () => {
    try {
      const report = await moveBooksToServer(sqlite, pgClient, {
        attachmentsDir: ctx.paths.attachmentsDir,
        prepare: async (c) => {
          if (version < LATEST_VERSION) await migratePg(c as PoolClient, { inTransaction: true });
        },
        finish: async (c) => {
          try {
            await setUpRoles(c);
          } catch (error) {
            // Creating the group roles needs CREATEROLE (the rest only owning the database).
            if ((error as { code?: unknown }).code === '42501')
              throw Object.assign(new RolesNotAllowedError('no right to create roles'), { cause: error });
            throw error;
          }
        },
        onProgress: (p) => {
          if (move.cancelled) throw new MoveCancelledError('stopped by the person');
          move.status = { ...move.status, phase: 'copying', ...p };
        },
        onChecking: () => {
          move.status = { ...move.status, phase: 'checking' };
        },
      });
      saveSharedBooks(ctx.paths.dataDir, secretsOf(ctx), input);
      // The local book stays as it was; a change made here now would never reach the server.
      void localStore.refuseWrites(() => new AppError('READ_ONLY', msg('sharedBooks.move.writesMoved')));
      move.status = { ...move.status, state: 'done', phase: 'finished', tables: report.tables };
      ctx.log.info('books moved to the server', {
        database: input.database,
        rows: report.rows,
        ms: Math.round(report.ms),
      });
    } catch (error) {
      allowWrites?.();
      move.error = reasonOf(ctx, error, settings);
      move.status = {
        ...move.status,
        state: 'failed',
        phase: 'finished',
        tables: error instanceof MoveMismatchError ? error.checks : [],
      };
    } finally {
      move.finished = performance.now();
      await cleanUp();
    }
  })();
  return view(move);
}

export type { TableCheck };
