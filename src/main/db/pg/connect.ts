import net from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { msg } from '../../../shared/i18n';
import { AppError } from '../../../shared/api/errors';
import { PgStore, folioTypes, type PgStoreOptions } from './store';

/**
 * Opening shared books on a PostgreSQL server. Each person signs in as themselves (their own
 * login role, roles.ts), so the server enforces what they may do and the audit log names them.
 * The password comes from the person (or, once saved, from `ctx.secrets`, sealed like the
 * SMTP password); it is never logged and never stored in clear.
 */
export interface SharedBooksSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** A PEM certificate of the authority to trust for this server (a company's own CA). */
  ca?: string;
  /** Connections kept open at most (default 5; a desktop needs few). */
  maxConnections?: number;
  /** Milliseconds to wait for the server before giving up (default 10 s). */
  connectTimeoutMs?: number;
}

/** The oldest PostgreSQL Folio talks to (server_version_num). */
export const MIN_SERVER_VERSION = 130000;

/** A server on this computer: TLS would protect nothing, so it is not required. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.startsWith('/')) return true; // a name, or a Unix socket folder
  const h = host.replace(/^\[|\]$/g, '');
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./i.test(h);
  return false;
}

/**
 * TLS settings: a remote server must present a certificate that verifies (against the
 * system's authorities, or the given CA) for the host name asked for. A server without TLS is
 * refused: the password and the books would cross the network in clear.
 */
export function tlsFor(settings: SharedBooksSettings): false | ConnectionOptions {
  if (isLoopback(settings.host)) return false;
  return { rejectUnauthorized: true, ...(settings.ca ? { ca: settings.ca } : {}) };
}

const TLS_TRUST_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The words for a failure to connect, or null when it is none Folio knows (then: INTERNAL). */
export function connectError(error: unknown, settings: SharedBooksSettings): AppError | null {
  if (error instanceof AppError) return error;
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  const { host, database, user } = settings;
  const port = String(settings.port);
  const wrap = (key: AppError) => Object.assign(key, { cause: error });
  if (code === '28P01')
    return wrap(new AppError('UNAUTHORIZED', msg('sharedBooks.errors.wrongPassword', { user })));
  if (code === '3D000')
    return wrap(new AppError('NOT_FOUND', msg('sharedBooks.errors.noDatabase', { database })));
  // 28000: no pg_hba.conf line lets this login in; 42501: no CONNECT right on this database.
  if (code === '28000' || code === '42501')
    return wrap(new AppError('UNAUTHORIZED', msg('sharedBooks.errors.signInRefused', { user, database })));
  if (/does not support SSL/i.test(message))
    return wrap(new AppError('DB_UNAVAILABLE', msg('sharedBooks.errors.tlsRefused', { host })));
  if (TLS_TRUST_CODES.has(code))
    return wrap(new AppError('DB_UNAVAILABLE', msg('sharedBooks.errors.tlsUntrusted', { host })));
  if (
    [
      'ECONNREFUSED',
      'ETIMEDOUT',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ECONNRESET',
    ].includes(code) ||
    /timeout expired|Connection terminated/i.test(message)
  )
    return wrap(new AppError('DB_UNAVAILABLE', msg('sharedBooks.errors.unreachable', { host, port })));
  return null;
}

/** "15.4" from server_version_num 150004 (and "9.6.24" from 90624). */
function versionText(num: number): string {
  const major = Math.floor(num / 10000);
  return major >= 10
    ? `${major}.${num % 10000}`
    : `${Math.floor(num / 10000)}.${Math.floor(num / 100) % 100}.${num % 100}`;
}

/** Refuses a server older than PostgreSQL 13 (the version as server_version_num). */
export function assertServerVersion(num: number): void {
  if (num < MIN_SERVER_VERSION)
    throw new AppError('DB_UNAVAILABLE', msg('sharedBooks.errors.tooOld', { version: versionText(num) }));
}

/**
 * Connects to shared books: one test connection first (so a wrong password or a missing
 * database is said at once, in the person's words, not at the first query), the server's
 * version checked, then the pool the store works on. Throws an AppError whose message is a
 * sentence from `sharedBooks.errors.*`.
 */
export async function connectShared(
  settings: SharedBooksSettings,
  options: PgStoreOptions = {},
): Promise<PgStore> {
  const config: pg.PoolConfig = {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ssl: tlsFor(settings),
    types: folioTypes,
    application_name: 'Folio',
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 10_000,
    max: settings.maxConnections ?? 5,
    idleTimeoutMillis: 60_000,
  };
  const probe = new pg.Client(config);
  // A socket error after connect must not become an unhandled 'error' event.
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const row = (await probe.query<{ v: string }>("SELECT current_setting('server_version_num') AS v"))
      .rows[0];
    assertServerVersion(Number(row?.v ?? 0));
  } catch (error) {
    throw connectError(error, settings) ?? error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  return new PgStore(new pg.Pool(config), { ...options, login: settings.user });
}
