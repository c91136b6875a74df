import { msg } from '../../shared/i18n';
import fs from 'node:fs';
import path from 'node:path';
import type { Backup, Health } from '../../shared/api/system';
import { AppError } from '../../shared/api/errors';
import {
  backupPath,
  cleanBackupsFolder,
  copyRawFile,
  createBackup,
  listBackups,
  readOnlyFile,
  pruneBackups,
  type BackupKind,
} from './backups';
import { LATEST_VERSION, NewerDatabaseError, migrate, pendingMigrations } from './migrate';
import { configure, connect, quickCheck, schemaVersion, useNativeBinding, type Sqlite } from './open';
import { fullCheckInBackground, openCheck, type FullCheck } from './integrity';
import { PRIVATE_FILE, ensurePrivateDir, tighten } from './private-files';
import { isDiskFull, isReadOnly } from './storage-errors';
import { SqliteStore } from './store';

type Problem = Exclude<Health['status'], 'ok'>;
type State =
  | { status: 'ok'; sqlite: Sqlite; store: SqliteStore }
  /** The message is made when asked, so it speaks the language of the call that reads it. */
  | { status: Problem; message: () => string; version: number }
  | { status: 'closed' };

export interface HostOptions {
  file: string;
  backupsDir: string;
  nativeBinding?: string;
  now?: () => Date;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Owns the one connection to the data file and its life: checks and migrates it on open,
 * refuses files it must not touch, swaps it for a backup on restore. Services reach the
 * database only through `store`, which explains itself when the file is unusable.
 *
 * Opening never throws: every way it can fail leaves the host in a recovery state with a
 * sentence for the user (see Health), and the dispatcher then serves only recovery methods.
 */
export class DatabaseHost {
  readonly engine = 'sqlite' as const;
  private state: State = { status: 'closed' };
  private readonly now: () => Date;
  /** The background integrity check of the file as opened (see checkInBackground). */
  private fullCheck: FullCheck | null = null;

  constructor(readonly options: HostOptions) {
    this.now = options.now ?? (() => new Date());
    useNativeBinding(options.nativeBinding);
  }

  get store(): SqliteStore {
    if (this.state.status === 'ok') return this.state.store;
    const message = this.state.status === 'closed' ? msg('health.closed') : this.state.message();
    throw new AppError('DB_UNAVAILABLE', message);
  }

  get isOpen(): boolean {
    return this.state.status === 'ok';
  }

  health(): Health {
    const s = this.state;
    if (s.status === 'ok')
      return {
        status: 'ok',
        message: msg('health.healthy'),
        schemaVersion: schemaVersion(s.sqlite),
        appSchemaVersion: LATEST_VERSION,
      };
    if (s.status === 'closed')
      return {
        status: 'failed',
        message: msg('health.closed'),
        schemaVersion: 0,
        appSchemaVersion: LATEST_VERSION,
      };
    return {
      status: s.status,
      message: s.message(),
      schemaVersion: s.version,
      appSchemaVersion: LATEST_VERSION,
    };
  }

  /** Puts the host in a recovery state for a failure found before the file could be opened. */
  fail(status: Problem, message: () => string): void {
    this.close();
    this.state = { status, message, version: 0 };
  }

  /**
   * Opens the file, creating it when there is nothing to lose. A missing or empty file while
   * backups exist, a file that fails quick_check, cannot be read or written, or comes from a
   * newer Folio leaves the host in a recovery state instead, so the UI can offer the backups.
   * `newBook` creates a new, empty book even though backups exist (the user chose it).
   */
  async open(options: { newBook?: boolean } = {}): Promise<void> {
    this.close();
    const file = this.options.file;
    let sqlite: Sqlite | undefined;
    try {
      ensurePrivateDir(path.dirname(file));
      fs.rmSync(`${file}.restoring`, { force: true });
      cleanBackupsFolder(this.options.backupsDir);

      const size = fileSize(file);
      if (!size && !options.newBook) {
        const backups = listBackups(this.options.backupsDir);
        if (backups.length > 0) {
          const name = path.basename(file);
          this.state = {
            status: 'missing',
            version: 0,
            message: () => (size === null ? msg('health.missing', { name }) : msg('health.empty', { name })),
          };
          return;
        }
      }
      if (size === 0) fs.rmSync(file); // nothing in it, and no backup says it ever held data
      const newer = headerVersion(file);
      if (newer !== null && newer > LATEST_VERSION) {
        this.state = {
          status: 'newer',
          version: newer,
          message: () => newerMessage(newer),
        };
        return;
      }
      if (size === null || size === 0) fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
      // SQLite gives the -wal and -shm files the data file's mode.
      tighten(file, PRIVATE_FILE);

      sqlite = connect(file, { nativeBinding: this.options.nativeBinding });
      // Nothing has written to the file yet: a newer Folio's file is refused untouched.
      pendingMigrations(sqlite);
      configure(sqlite);
      const problems = openCheck(sqlite);
      if (problems.length > 0) {
        sqlite.close();
        this.state = { status: 'corrupt', version: 0, message: () => failedCheckMessage(problems) };
        return;
      }
      probeWritable(sqlite);
      const pending = pendingMigrations(sqlite);
      if (pending.length > 0 && schemaVersion(sqlite) > 0) {
        await this.backupOf(sqlite, 'pre-migration');
      }
      try {
        migrate(sqlite);
      } catch (error) {
        if (isDiskFull(error) || isReadOnly(error)) throw error;
        const version = schemaVersion(sqlite);
        sqlite.close();
        this.state = {
          status: 'failed',
          version,
          message: () => msg('health.updateFailed', { reason: errorText(error) }),
        };
        return;
      }
      for (const suffix of ['', '-wal', '-shm']) tighten(file + suffix, PRIVATE_FILE);
      this.state = { status: 'ok', sqlite, store: new SqliteStore(sqlite) };
    } catch (error) {
      try {
        sqlite?.close();
      } catch {
        // already closed
      }
      this.state = { ...describeOpenFailure(error, file), version: 0 };
    }
  }

  /**
   * Runs the full quick_check of the open file on a worker thread while the app keeps
   * answering. On damage the file is closed and the host is in recovery (every call but
   * system.* and backups.* answers DB_UNAVAILABLE; the UI shows the recovery screen).
   * 'skipped' when no healthy file is open, or it was closed or swapped meanwhile.
   */
  async checkInBackground(): Promise<'ok' | 'damaged' | 'skipped'> {
    if (this.state.status !== 'ok' || this.fullCheck) return 'skipped';
    const opened = this.state;
    const check = fullCheckInBackground(this.options.file, this.options.nativeBinding);
    this.fullCheck = check;
    const result = await check.result;
    if (this.fullCheck !== check || this.state !== opened) return 'skipped';
    this.fullCheck = null;
    if ('failed' in result) return 'skipped';
    if (result.problems.length === 0) return 'ok';
    opened.sqlite.close();
    this.state = { status: 'corrupt', version: 0, message: () => failedCheckMessage(result.problems) };
    return 'damaged';
  }

  /** "Start a new, empty book" on the recovery screen, when the data file is missing or empty. */
  async startNewBook(): Promise<void> {
    if (this.state.status !== 'missing')
      throw new AppError('CONFLICT', msg('errors.host.newBookOnlyStarted'));
    await this.open({ newBook: true });
  }

  close(): void {
    if (this.fullCheck) {
      void this.fullCheck.stop();
      this.fullCheck = null;
    }
    if (this.state.status === 'ok') {
      try {
        // Refresh the planner's statistics where they drifted, as SQLite advises at close.
        this.state.sqlite.pragma('optimize');
      } catch {
        // a read-only or full disk: closing matters more than statistics
      }
      this.state.sqlite.close();
    }
    this.state = { status: 'closed' };
  }

  async backup(kind: BackupKind): Promise<Backup> {
    if (this.state.status !== 'ok')
      throw new AppError('DB_UNAVAILABLE', msg('errors.host.thereNoHealthyData'));
    return this.backupOf(this.state.sqlite, kind);
  }

  /** A consistent copy of the live database at `target` (for a backup file saved elsewhere). */
  async copyTo(target: string): Promise<void> {
    if (this.state.status !== 'ok')
      throw new AppError('DB_UNAVAILABLE', msg('errors.host.thereNoHealthyData'));
    await this.state.sqlite.backup(target);
    tighten(target, PRIVATE_FILE);
  }

  private async backupOf(sqlite: Sqlite, kind: BackupKind): Promise<Backup> {
    const backup = await createBackup(sqlite, this.options.backupsDir, kind, this.now());
    pruneBackups(this.options.backupsDir, this.now());
    return backup;
  }

  /**
   * Replaces the data file with a backup. The backup is checked first; the current file is
   * kept as a 'pre-restore' backup (copied raw if it is too damaged to open).
   */
  async restore(name: string): Promise<{ restored: Backup; safetyCopy: Backup | null }> {
    const restored = listBackups(this.options.backupsDir).find((b) => b.name === name);
    if (!restored) throw new AppError('NOT_FOUND', msg('errors.host.thereNoBackupNamed', { name }), 'name');
    const source = backupPath(this.options.backupsDir, name);
    const problem = inspectBackup(source);
    if (problem) throw new AppError('VALIDATION', problem, 'name');
    const safetyCopy = await this.restoreFile(source);
    return { restored, safetyCopy };
  }

  /**
   * Replaces the data file with `source`, a database file already checked with inspectBackup.
   * The current data is kept first as a 'pre-restore' backup. Returns that safety copy.
   */
  async restoreFile(source: string): Promise<Backup | null> {
    // Copy beside the data file first (the safety copy below may prune old backups), then
    // rename over it: a crash mid-copy leaves the current file untouched.
    const file = this.options.file;
    const temp = `${file}.restoring`;
    fs.copyFileSync(source, temp);
    tighten(temp, PRIVATE_FILE);
    try {
      const safetyCopy =
        this.state.status === 'ok'
          ? await this.backupOf(this.state.sqlite, 'pre-restore')
          : copyRawFile(this.options.file, this.options.backupsDir, 'pre-restore', this.now());
      this.close();
      try {
        for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
        fs.renameSync(temp, file);
      } catch (error) {
        // The swap failed (a read-only file or folder): carry on with the file as it was.
        await this.open();
        throw error;
      }
      await this.open();
      return safetyCopy;
    } finally {
      fs.rmSync(temp, { force: true });
      cleanBackupsFolder(this.options.backupsDir);
    }
  }
}

const failedCheckMessage = (problems: string[]) => msg('health.integrityFailed', { problem: problems[0] });

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** user_version from the file header (offset 60), read without SQLite; null when not a database. */
function headerVersion(file: string): number | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(100);
    if (fs.readSync(fd, head, 0, 100, 0) < 100 || !head.subarray(0, 16).equals(SQLITE_HEADER)) return null;
    return head.readUInt32BE(60);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A file SQLite opened read-only (the file or its folder cannot be written) answers reads and
 * fails every save; find out at open with a write that is rolled back.
 */
function probeWritable(sqlite: Sqlite): void {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    sqlite.exec('CREATE TABLE main.folio_write_probe (x INTEGER) STRICT');
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeOpenFailure(error: unknown, file: string): { status: Problem; message: () => string } {
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof NewerDatabaseError)
    return { status: 'newer', message: () => newerMessage(error.fileVersion) };
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return { status: 'corrupt', message: () => msg('health.damaged') };
  if (isDiskFull(error)) return { status: 'failed', message: () => msg('health.diskFullAtStart') };
  if (isReadOnly(error) || code === 'SQLITE_CANTOPEN')
    return {
      status: 'readonly',
      message: () => msg('health.readOnly', { file, reason: code || errorText(error) }),
    };
  return {
    status: 'failed',
    message: () => msg('health.openFailed', { file, reason: errorText(error) }),
  };
}

/** A data file from a newer Folio, in the caller's words. */
function newerMessage(fileVersion: number): string {
  return msg('health.newer', { fileVersion, appVersion: LATEST_VERSION });
}

/** Why a backup cannot be restored, or null when it is sound and not from a newer Folio. */
export function inspectBackup(file: string): string | null {
  try {
    const version = headerVersion(file);
    if (version === null) return msg('health.backupNotDatabase');
    if (version > LATEST_VERSION) return newerMessage(version);
    return readOnlyFile(file, (db) => {
      const problems = quickCheck(db);
      if (problems.length > 0) return msg('health.backupDamaged', { problem: problems[0] });
      const hasProfile = db
        .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'business_profile'")
        .pluck()
        .get() as number;
      if (version === 0 || !hasProfile) return msg('health.backupNotFolio');
      return null;
    });
  } catch {
    return msg('health.backupUnreadable');
  }
}
