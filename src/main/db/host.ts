import fs from 'node:fs';
import path from 'node:path';
import type { Health } from '../../shared/api/system';
import { AppError } from '../../shared/api/errors';
import { backupPath, copyRawFile, createBackup, listBackups, pruneBackups, type BackupKind } from './backups';
import { LATEST_VERSION, NewerDatabaseError, migrate, pendingMigrations } from './migrate';
import { openDatabase, quickCheck, schemaVersion, type Sqlite } from './open';
import { fullCheckInBackground, openCheck, type FullCheck } from './integrity';
import { Store } from './store';
import type { Backup } from '../../shared/api/system';

type State =
  | { status: 'ok'; sqlite: Sqlite; store: Store }
  | { status: 'corrupt'; message: string; version: number }
  | { status: 'newer'; message: string; version: number }
  | { status: 'closed' };

export interface HostOptions {
  file: string;
  backupsDir: string;
  nativeBinding?: string;
  now?: () => Date;
}

/**
 * Owns the one connection to the data file and its life: checks and migrates it on open,
 * refuses files it must not touch, swaps it for a backup on restore. Services reach the
 * database only through `store`, which explains itself when the file is unusable.
 */
export class DatabaseHost {
  private state: State = { status: 'closed' };
  private readonly now: () => Date;
  /** The background integrity check of the file as opened (see checkInBackground). */
  private fullCheck: FullCheck | null = null;

  constructor(readonly options: HostOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get store(): Store {
    if (this.state.status === 'ok') return this.state.store;
    const message = this.state.status === 'closed' ? 'The data file is closed.' : this.state.message;
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
        message: 'Data file is healthy.',
        schemaVersion: schemaVersion(s.sqlite),
        appSchemaVersion: LATEST_VERSION,
      };
    if (s.status === 'closed')
      return {
        status: 'corrupt',
        message: 'The data file is closed.',
        schemaVersion: 0,
        appSchemaVersion: LATEST_VERSION,
      };
    return {
      status: s.status,
      message: s.message,
      schemaVersion: s.version,
      appSchemaVersion: LATEST_VERSION,
    };
  }

  /**
   * Opens the file, creating it if needed. A file that fails the open check (db/integrity.ts:
   * the schema and every table's root), cannot be read, or comes from a newer Folio leaves the
   * host in a recovery state instead of throwing, so the UI can offer the latest backup. The
   * full quick_check of the file follows in the background (checkInBackground).
   */
  async open(): Promise<void> {
    this.close();
    fs.mkdirSync(path.dirname(this.options.file), { recursive: true });
    let sqlite: Sqlite | undefined;
    try {
      sqlite = openDatabase(this.options.file, { nativeBinding: this.options.nativeBinding });
      const problems = openCheck(sqlite);
      if (problems.length > 0) {
        sqlite.close();
        this.state = { status: 'corrupt', version: 0, message: failedCheckMessage(problems) };
        return;
      }
      const pending = pendingMigrations(sqlite);
      if (pending.length > 0 && schemaVersion(sqlite) > 0) {
        await this.backupOf(sqlite, 'pre-migration');
      }
      migrate(sqlite);
      this.state = { status: 'ok', sqlite, store: new Store(sqlite) };
    } catch (error) {
      sqlite?.close();
      if (error instanceof NewerDatabaseError) {
        this.state = { status: 'newer', version: error.fileVersion, message: error.message };
        return;
      }
      const code = (error as { code?: string }).code ?? '';
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
        this.state = {
          status: 'corrupt',
          version: 0,
          message: 'The data file is damaged and cannot be read. Restore the latest good backup.',
        };
        return;
      }
      throw error;
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
    this.state = { status: 'corrupt', version: 0, message: failedCheckMessage(result.problems) };
    return 'damaged';
  }

  close(): void {
    if (this.fullCheck) {
      void this.fullCheck.stop();
      this.fullCheck = null;
    }
    if (this.state.status === 'ok') {
      // Refresh the planner's statistics where they drifted, as SQLite advises at close.
      this.state.sqlite.pragma('optimize');
      this.state.sqlite.close();
    }
    this.state = { status: 'closed' };
  }

  async backup(kind: BackupKind): Promise<Backup> {
    if (this.state.status !== 'ok')
      throw new AppError('DB_UNAVAILABLE', 'There is no healthy data file to back up.');
    return this.backupOf(this.state.sqlite, kind);
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
    if (!restored) throw new AppError('NOT_FOUND', `There is no backup named "${name}".`, 'name');
    const source = backupPath(this.options.backupsDir, name);
    const problem = inspectBackup(source);
    if (problem) throw new AppError('VALIDATION', problem, 'name');

    // Copy beside the data file first (the safety copy below may prune old backups), then
    // rename over it: a crash mid-copy leaves the current file untouched.
    const file = this.options.file;
    const temp = `${file}.restoring`;
    fs.copyFileSync(source, temp);

    const safetyCopy =
      this.state.status === 'ok'
        ? await this.backupOf(this.state.sqlite, 'pre-restore')
        : copyRawFile(this.options.file, this.options.backupsDir, 'pre-restore', this.now());
    this.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.renameSync(temp, file);
    await this.open();
    return { restored, safetyCopy };
  }
}

const failedCheckMessage = (problems: string[]) =>
  `The data file failed its integrity check (${problems[0]}). Restore the latest good backup.`;

/** Why a backup cannot be restored, or null when it is sound and not from a newer Folio. */
function inspectBackup(file: string): string | null {
  let db: Sqlite | undefined;
  try {
    db = openDatabase(file, { readonly: true });
    const problems = quickCheck(db);
    if (problems.length > 0) return `That backup is damaged (${problems[0]}). Choose an older one.`;
    const version = schemaVersion(db);
    if (version > LATEST_VERSION) return new NewerDatabaseError(version, LATEST_VERSION).message;
    return null;
  } catch {
    return 'That backup cannot be read. Choose an older one.';
  } finally {
    db?.close();
  }
}
