import { AppError } from '../../../shared/api/errors';
import type { Backup, Health } from '../../../shared/api/system';
import { msg } from '../../../shared/i18n';
import { LATEST_VERSION } from '../migrations';
import type { Store } from '../store';

/** What the shared-books host needs from an opened PostgreSQL connection (see pg/store.ts). */
export interface SharedConnection {
  readonly store: Store;
  /** The schema version recorded on the server (folio_meta). */
  schemaVersion(): Promise<number>;
  /**
   * Runs fn while holding the server-wide lock of that name (a PostgreSQL advisory lock), so
   * a background job runs on one machine at a time; null, without running fn, when another
   * machine holds it.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null>;
  close(): Promise<void>;
}

type State =
  | { status: 'ok'; connection: SharedConnection; version: number }
  | { status: 'failed'; message: () => string }
  | { status: 'closed' };

/**
 * The host of shared books on a PostgreSQL server: the same surface services use of the
 * local DatabaseHost (the store, health), while what belongs to the local file — file
 * backups, restore, starting a new file — is done on the server (pg_dump to a new database,
 * see ARCHITECTURE.md) and refused here with that sentence.
 */
export class SharedBooksHost {
  readonly engine = 'postgres' as const;
  private state: State = { status: 'closed' };

  constructor(private readonly connect: () => Promise<SharedConnection>) {}

  get store(): Store {
    if (this.state.status === 'ok') return this.state.connection.store;
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
        schemaVersion: s.version,
        appSchemaVersion: LATEST_VERSION,
      };
    return {
      status: 'failed',
      message: s.status === 'closed' ? msg('health.closed') : s.message(),
      schemaVersion: 0,
      appSchemaVersion: LATEST_VERSION,
    };
  }

  fail(_status: Health['status'], message: () => string): void {
    void this.close();
    this.state = { status: 'failed', message };
  }

  /** Connects (and migrates, in connect); a failure leaves the reason for the recovery screen. */
  async open(): Promise<void> {
    await this.close();
    try {
      const connection = await this.connect();
      this.state = { status: 'ok', connection, version: await connection.schemaVersion() };
    } catch (error) {
      const message = error instanceof AppError ? error.message : String((error as Error)?.message ?? error);
      this.state = { status: 'failed', message: () => message };
    }
  }

  /** See SharedConnection.exclusive; null when the books are not open. */
  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
    if (this.state.status !== 'ok') return null;
    return await this.state.connection.exclusive(name, fn);
  }

  async checkInBackground(): Promise<'ok' | 'damaged' | 'skipped'> {
    return await Promise.resolve('skipped' as const);
  }

  async close(): Promise<void> {
    const s = this.state;
    this.state = { status: 'closed' };
    if (s.status === 'ok') await s.connection.close();
  }

  private onServer(): never {
    throw new AppError('CONFLICT', msg('sharedBooks.backupOnServer'));
  }

  async backup(_kind: Backup['kind']): Promise<Backup> {
    return await Promise.reject(this.onServer());
  }

  async copyTo(_target: string): Promise<void> {
    return await Promise.reject(this.onServer());
  }

  async restore(_name: string): Promise<{ restored: Backup; safetyCopy: Backup | null }> {
    return await Promise.reject(this.onServer());
  }

  async restoreFile(_source: string): Promise<Backup | null> {
    return await Promise.reject(this.onServer());
  }

  async startNewBook(): Promise<void> {
    return await Promise.reject(this.onServer());
  }
}
