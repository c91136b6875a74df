import os from 'node:os';
import type { DatabaseHost } from '../db/host';
import type { SharedBooksHost } from '../db/pg/host';
import type { Store } from '../db/store';
import type { Logger } from '../log';
import { localToday, type IsoDate } from '../../shared/domain/dates';

export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const systemClock: Clock = { now: () => new Date(), today: () => localToday() };

export interface DataPaths {
  dataDir: string;
  databaseFile: string;
  backupsDir: string;
  logsDir: string;
  attachmentsDir: string;
}

/**
 * Everything a service may use, injected so services stay plain functions that run the
 * same under Electron, the browser-mode bridge and the tests.
 */
export interface ServiceContext {
  /** The local data file, or shared books on a PostgreSQL server. */
  readonly host: DatabaseHost | SharedBooksHost;
  readonly clock: Clock;
  /** OS user name, recorded in the audit log. */
  readonly user: string;
  readonly paths: DataPaths;
  readonly log: Logger;
  readonly app: { version: string; mode: 'desktop' | 'browser' };
  /**
   * Seals secrets (the SMTP password) before they are stored: the OS keychain (desktop) or a
   * key file in the data folder (the default; see secretsOf).
   */
  readonly secrets?: SecretBox;
  /** What only the desktop shell can do (open a file with its OS program); absent in browser mode. */
  readonly desktop?: DesktopShell | null;
}

export interface SecretBox {
  /** os-keychain: Electron safeStorage; key-file: AES-256-GCM with a key file in the data folder. */
  readonly kind: 'os-keychain' | 'key-file';
  seal(plain: string): string;
  /** Throws when the secret cannot be opened (the key is gone, the data was copied elsewhere). */
  open(sealed: string): string;
}

export interface DesktopShell {
  /** Opens a file with the OS's default program (a PDF viewer, the mail program). */
  openPath(file: string): Promise<void>;
  /** The OS Save dialog; the chosen path, or null when cancelled. */
  chooseSaveFile?(
    defaultName: string,
    filter: { name: string; extensions: string[] },
  ): Promise<string | null>;
  /** The OS Open dialog; the chosen path, or null when cancelled. */
  chooseOpenFile?(filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** Closes Folio (as quitting does) and starts it again: after the books moved to a server. */
  relaunch?(): void;
}

/** The open database; throws DB_UNAVAILABLE when the file is corrupt or from a newer Folio. */
export function storeOf(ctx: ServiceContext): Store {
  return ctx.host.store;
}

export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
