import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { handlers } from './api/handlers';
import { DataFolderLockedError, acquireDataLock } from './data-lock';
import { tightenDataFolder } from './db/private-files';
import { isDiskFull } from './db/storage-errors';
import { msg } from '../shared/i18n';
import { AppError } from '../shared/api/errors';
import { mirrorBackup } from './services/backup-files';
import { listBackups } from './db/backups';
import { DatabaseHost } from './db/host';
import { SharedBooksHost, type SharedConnection, type SharedConnectionHooks } from './db/pg/host';
import type { SharedBooksSettings } from './db/pg/connect';
import { readSharedBooks } from './services/shared-books/settings';
import { JOBS, runJob } from './jobs';
import { stopRuleThreads } from './services/einvoice/rule-threads';
import { createLogger, type Logger } from './log';
import {
  osUserName,
  systemClock,
  type Clock,
  type DataPaths,
  type DesktopShell,
  type SecretBox,
  type ServiceContext,
} from './services/context';
import { keyFileSecretBox } from './services/secrets';

export interface FolioOptions {
  dataDir: string;
  mode: 'desktop' | 'browser';
  version: string;
  /** better_sqlite3.node built for Electron, when running in the desktop app. */
  nativeBinding?: string;
  clock?: Clock;
  log?: Logger;
  /** Desktop: the OS keychain (Electron safeStorage). Default: a key file in the data folder. */
  secrets?: (dataDir: string) => SecretBox;
  /** Desktop: opening files with their OS program. */
  desktop?: DesktopShell;
  /** Take over the data folder's lock even though it names a running process (the user chose to). */
  takeOver?: boolean;
  /**
   * Shared books on a PostgreSQL server instead of the local data file: how to connect, and
   * the person signed in (recorded in the audit log). The data folder still keeps the logs
   * and the key that seals secrets.
   */
  shared?: { connect(hooks: SharedConnectionHooks): Promise<SharedConnection>; user: string };
}

export interface Folio {
  dispatch: Dispatch;
  ctx: ServiceContext;
  /** Starts the backup on start, the daily backup timer and the timers of the background jobs. */
  startBackgroundJobs(): void;
  /** Stops the timers, waits for a backup in progress, closes the database and unlocks the folder. */
  close(): Promise<void>;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    databaseFile: path.join(dataDir, 'folio.sqlite3'),
    backupsDir: path.join(dataDir, 'backups'),
    logsDir: path.join(dataDir, 'logs'),
    attachmentsDir: path.join(dataDir, 'attachments'),
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Everything both shells share: lock the data folder, open (check, back up, migrate) the
 * database, build the service context and the dispatcher, run the background jobs once.
 * The Electron entry and the browser-mode bridge each add only their transport.
 */
export async function openFolio(options: FolioOptions): Promise<Folio> {
  const paths = dataPaths(options.dataDir);
  // Only a lock held by a running Folio stops the start (DataFolderLockedError); any other
  // failure here (a folder that cannot be created or written, a full disk) opens the
  // recovery screen with the reason, served by the same dispatcher.
  let release = () => {};
  let folderProblem: ReturnType<typeof describeFolderFailure> | null = null;
  try {
    release = acquireDataLock(paths.dataDir, { takeOver: options.takeOver });
  } catch (error) {
    if (error instanceof DataFolderLockedError) throw error;
    folderProblem = describeFolderFailure(error, paths.dataDir);
  }
  const clock = options.clock ?? systemClock;
  // Without a usable data folder there is no log file: the lines go to stderr instead.
  const log =
    options.log ??
    (folderProblem
      ? createLogger(null, (line) => process.stderr.write(line + '\n'))
      : createLogger(paths.logsDir));
  const secrets = options.secrets ? options.secrets(paths.dataDir) : keyFileSecretBox(paths.dataDir);
  // A data folder set up for shared books (Settings → Shared books) opens them at start.
  const saved = options.shared || folderProblem ? null : savedSharedBooks(paths.dataDir, secrets, log);
  const shared =
    options.shared ??
    (saved === 'unreadable'
      ? {
          connect: () =>
            Promise.reject(new AppError('DB_UNAVAILABLE', msg('sharedBooks.errors.settingsUnreadable'))),
          user: osUserName(),
        }
      : saved
        ? {
            connect: async (hooks: SharedConnectionHooks) =>
              // The PostgreSQL driver loads only for shared books (cold start).
              await (
                await import('./db/pg/open')
              ).openSharedBooks(saved, {
                onIdleError: (error) => log.error('shared books connection lost', { error }),
                ...hooks,
              }),
            user: saved.user,
          }
        : undefined);
  const host = shared
    ? new SharedBooksHost(shared.connect, { log, now: () => clock.now() })
    : new DatabaseHost({
        file: paths.databaseFile,
        backupsDir: paths.backupsDir,
        nativeBinding: options.nativeBinding,
        now: () => clock.now(),
      });
  if (folderProblem) {
    // The shells show the reason (the recovery screen, the CLI's "Attention" line).
    host.fail(folderProblem.status, folderProblem.message);
  } else {
    tightenDataFolder(paths.dataDir);
    removeInterruptedWork(paths.dataDir);
    await host.open();
    if (!host.isOpen) log.error('data file not opened', { health: host.health() });
  }
  const ctx: ServiceContext = {
    host,
    clock,
    user: shared?.user ?? osUserName(),
    paths,
    log,
    app: { version: options.version, mode: options.mode },
    secrets,
    desktop: options.desktop ?? null,
  };
  const baseDispatch = createDispatcher(handlers, ctx, log);
  // The full integrity check waits for the first answer (see startBackgroundJobs).
  let firstAnswered: () => void = () => {};
  const firstAnswer = new Promise<void>((resolve) => (firstAnswered = resolve));
  const dispatch: Dispatch = (method, input, lang) =>
    baseDispatch(method, input, lang).finally(() => firstAnswered());
  const timers: NodeJS.Timeout[] = [];
  // Jobs started by a timer: closing waits for them, so none touches a closed database.
  const running = new Set<Promise<void>>();
  const tracked = (run: Promise<void>) => {
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  };
  for (const job of JOBS) {
    if (!job.deferAtOpen) {
      await runJob(job, ctx, log);
      continue;
    }
    const first = setTimeout(() => void tracked(runJob(job, ctx, log)), 1000);
    first.unref();
    timers.push(first);
  }

  // The backup "on start" runs after the first answers are served; the daily one is checked
  // hourly so a laptop that sleeps through midnight still gets its backup when it wakes.
  let inFlight: Promise<void> = Promise.resolve();
  let warmedUp = false;
  const automaticBackup = (kind: 'start' | 'daily') => {
    if (!host.isOpen) return;
    if (host.engine === 'postgres') {
      // Shared books: pg_dump once a day on an owner's computer (services/shared-books/server-backups.ts).
      inFlight = import('./services/shared-books/server-backups')
        .then(async (m) => void (await m.automaticSharedBackup(ctx)))
        .catch((error: unknown) => log.error('automatic backup of the shared books failed', { kind, error }));
      return;
    }
    inFlight = host.backup(kind).then(
      async (backup) => await mirrorBackup(ctx, backup),
      (error: unknown) => log.error('automatic backup failed', { kind, error }),
    );
  };
  const dailyIfDue = () => {
    // Shared books: automaticSharedBackup knows when its last backup was.
    if (host.engine === 'postgres') return automaticBackup('daily');
    const last = listBackups(paths.backupsDir).find((b) => b.kind === 'start' || b.kind === 'daily');
    if (!last || clock.now().getTime() - new Date(last.createdAt).getTime() >= DAY) automaticBackup('daily');
  };

  return {
    dispatch,
    ctx,
    startBackgroundJobs() {
      // The full quick_check of the file, on a worker thread, once the first screen has its
      // first answer (or after a second): opening only checked the schema and table roots.
      // The backup on start waits for it, so a damaged file never becomes the newest backup
      // (nor makes pruning drop a good one).
      let checked: Promise<unknown> | null = null;
      const fullCheck = () =>
        (checked ??= host.checkInBackground().then((outcome) => {
          if (outcome === 'damaged')
            log.error('the data file failed its integrity check', { message: host.health().message });
        }));
      void firstAnswer.then(fullCheck);
      const checkTimer = setTimeout(fullCheck, 1000);
      checkTimer.unref();
      timers.push(checkTimer);
      timers.push(setTimeout(() => void fullCheck().then(() => automaticBackup('start')), 1000));
      // The PDF render thread starts and warms up just after the first answer (or after a
      // second), off the main thread (see services/printing/warmup.ts).
      const warm = () => {
        if (warmedUp) return;
        warmedUp = true;
        import('./services/printing/warmup')
          .then((m) => m.warmUpPdfEngine())
          .catch((error: unknown) => log.error('PDF warm-up failed', { error }));
      };
      void firstAnswer.then(() => {
        const soon = setTimeout(warm, 250);
        soon.unref();
        timers.push(soon);
      });
      const warmTimer = setTimeout(warm, 1000);
      warmTimer.unref();
      timers.push(warmTimer);
      const hourly = setInterval(dailyIfDue, HOUR);
      hourly.unref();
      timers.push(hourly);
      for (const job of JOBS) {
        const timer = setInterval(() => void tracked(runJob(job, ctx, log)), job.everyMs);
        timer.unref();
        timers.push(timer);
      }
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      await inFlight;
      await Promise.allSettled([...running]);
      for (const job of JOBS) await job.stop?.(ctx);
      if (warmedUp) await (await import('./services/printing/warmup')).stopPdfThread();
      await stopRuleThreads();
      await host.close();
      release();
    },
  };
}

/**
 * The shared books this folder opens, if set up. Settings that cannot be read (the key that
 * sealed the password is gone) do not silently open the local book instead: the recovery
 * screen says so.
 */
function savedSharedBooks(
  dataDir: string,
  secrets: SecretBox,
  log: Logger,
): SharedBooksSettings | 'unreadable' | null {
  try {
    return readSharedBooks(dataDir, secrets);
  } catch (error) {
    log.error('the shared books settings cannot be read', { error });
    return 'unreadable';
  }
}

/** Staging folders of a backup file being saved or restored when the process died. */
function removeInterruptedWork(dataDir: string): void {
  for (const name of fs.readdirSync(dataDir)) {
    if (/^\.(export|restore)-[0-9a-f]{12}$/.test(name))
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
}

/** A data folder that cannot be created, locked or written, in the user's words. */
export function describeFolderFailure(
  error: unknown,
  dataDir: string,
): { status: 'readonly' | 'failed'; message: () => string } {
  const code = (error as { code?: string }).code ?? '';
  if (isDiskFull(error)) return { status: 'failed', message: () => msg('health.diskFullAtStart') };
  const why = () =>
    code === 'ENOTDIR' || code === 'EEXIST'
      ? msg('health.folderPathIsFile')
      : code === 'EROFS'
        ? msg('health.folderDiskReadOnly')
        : code === 'EACCES' || code === 'EPERM'
          ? msg('health.folderNotWritable')
          : error instanceof Error
            ? error.message
            : String(error);
  return {
    status: 'readonly',
    message: () => msg('health.folderUnusable', { folder: dataDir, reason: why() }),
  };
}
