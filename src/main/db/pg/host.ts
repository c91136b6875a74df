import { AppError } from '../../../shared/api/errors';
import type { Backup, Health } from '../../../shared/api/system';
import { msg } from '../../../shared/i18n';
import { LATEST_VERSION } from '../migrations';
import { isConnectionError } from './errors';
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
  /** `SELECT 1` within timeoutMs, or DB_UNAVAILABLE (pg/store.ts ping). */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** What the host asks of a connection it opens: to hear when the server goes away. */
export interface SharedConnectionHooks {
  onConnectionLost?: (error: unknown) => void;
}

/** How the host is told to log (the app's logger; nothing in tests that do not care). */
interface AwayLog {
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Whether the server answers, as the banner asks it (`sharedBooks.ping`). */
export interface ServerReach {
  reachable: boolean;
  /** When this Folio first found the server away (UTC ISO), null while it answers. */
  awaySince: string | null;
}

/** Waits between the host's own probes while the server is away: 1 s doubling to 30 s. */
export const PROBE_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000, 30_000] as const;
/** A probe that has no answer after this long counts as "away". */
export const PING_TIMEOUT_MS = 3000;

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
  /** Set while the server does not answer; the probe timer runs only then. */
  private away: { since: string; attempt: number; timer: NodeJS.Timeout | null } | null = null;
  /** Set while the books could not be opened because the server was unreachable. */
  private reopenTimer: NodeJS.Timeout | null = null;
  private reopenAttempt = 0;
  /** close() was called: nothing reopens or probes any more. */
  private closed = false;

  constructor(
    private readonly connect: (hooks: SharedConnectionHooks) => Promise<SharedConnection>,
    private readonly options: { log?: AwayLog; now?: () => Date } = {},
  ) {}

  /**
   * The server stopped answering (a query failed to reach it, an idle connection broke).
   * Noted once; from then on the host probes with `SELECT 1`, 1 s doubling to 30 s, until it
   * answers. Nothing runs while the server answers, and nothing at all for local books.
   */
  serverAway(error?: unknown): void {
    if (this.away || this.state.status !== 'ok') return;
    const since = (this.options.now?.() ?? new Date()).toISOString();
    this.away = { since, attempt: 0, timer: null };
    this.options.log?.error('shared books server cannot be reached', { error });
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    const away = this.away;
    if (!away || away.timer) return;
    const delay = PROBE_DELAYS_MS[Math.min(away.attempt, PROBE_DELAYS_MS.length - 1)]!;
    away.attempt++;
    away.timer = setTimeout(() => {
      away.timer = null;
      void this.ping();
    }, delay);
    // A probe never keeps the process alive (closing clears it anyway).
    away.timer.unref();
  }

  /**
   * Asks the server now (the banner's "Retry now" and its backoff, the host's own probe):
   * back, the away state ends and the next probe is not scheduled; still away, it is.
   */
  async ping(): Promise<ServerReach> {
    const s = this.state;
    if (s.status !== 'ok') return { reachable: false, awaySince: this.away?.since ?? null };
    try {
      await s.connection.ping(PING_TIMEOUT_MS);
      if (this.away) {
        this.options.log?.info('shared books server answers again', { awaySince: this.away.since });
        this.stopProbing();
      }
      return { reachable: true, awaySince: null };
    } catch (error) {
      // The store reported it (serverAway) unless the error was of another kind.
      this.serverAway(error);
      this.scheduleProbe();
      return { reachable: false, awaySince: this.away?.since ?? null };
    }
  }

  private stopProbing(): void {
    if (this.away?.timer) clearTimeout(this.away.timer);
    this.away = null;
  }

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
    this.closed = false;
    await this.tryOpen();
  }

  /**
   * One attempt to connect. A server that cannot be reached at start (not a wrong password,
   * nor a server too old) is tried again in the background with the probe's backoff, so the
   * recovery screen (which asks system.health every 15 s) gives way to the books by itself
   * once the server answers — no restart of Folio.
   */
  private async tryOpen(): Promise<void> {
    try {
      const connection = await this.connect({ onConnectionLost: (error) => this.serverAway(error) });
      const version = await connection.schemaVersion();
      if (this.closed) {
        await connection.close();
        return;
      }
      this.state = { status: 'ok', connection, version };
      this.reopenAttempt = 0;
      if (this.reopenTimer) this.options.log?.info('shared books opened: the server answers again');
      this.reopenTimer = null;
    } catch (error) {
      const message = error instanceof AppError ? error.message : String((error as Error)?.message ?? error);
      this.state = { status: 'failed', message: () => message };
      const cause = error instanceof AppError ? (error as { cause?: unknown }).cause : error;
      const unreachable =
        isConnectionError(cause) ||
        (cause as { code?: unknown } | null)?.code === 'EAI_AGAIN' ||
        /timeout expired/i.test(String((cause as Error | null)?.message ?? ''));
      // A server still starting up (57P03) comes back as its own error, not an AppError.
      const retry = unreachable && (!(error instanceof AppError) || error.code === 'DB_UNAVAILABLE');
      if (!this.closed && retry) {
        const delay = PROBE_DELAYS_MS[Math.min(this.reopenAttempt++, PROBE_DELAYS_MS.length - 1)]!;
        this.reopenTimer = setTimeout(() => void this.tryOpen(), delay);
        this.reopenTimer.unref();
      } else this.reopenTimer = null;
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
    this.closed = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.stopProbing();
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
