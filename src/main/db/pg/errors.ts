import { msg } from '../../../shared/i18n';
import { AppError } from '../../../shared/api/errors';

/**
 * What a PostgreSQL failure during a query means to the person at the screen. On the SQLite
 * file nobody else writes at the same time, so the checks services make before they write
 * (is this number taken? does this customer still exist?) always hold; on shared books
 * another person's transaction can commit in between, and the unique index or foreign key
 * then refuses ours. That is a CONFLICT to retry, not a bug. The rest maps to the codes the
 * SQLite path already gives: a full disk (DISK_FULL), a database that may not be written
 * (READ_ONLY, here also a role that may not change this), a database that went away
 * (DB_UNAVAILABLE). Anything else is returned unchanged (the dispatcher logs it as INTERNAL).
 */

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** A dropped or refused connection: Node's socket codes, SQLSTATE class 08, admin shutdown. */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(
      code,
    )
  )
    return true;
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|Client has encountered a connection error/i.test(message);
}

function withCause(appError: AppError, cause: unknown): AppError {
  return Object.assign(appError, { cause });
}

/** The AppError a query's failure becomes, or the error itself when it is none of these. */
export function pgError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = codeOf(error);
  switch (code) {
    case '23505': // unique_violation
      return withCause(new AppError('CONFLICT', msg('sharedBooks.errors.duplicate')), error);
    case '23503': // foreign_key_violation
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
    case '55P03': // lock_not_available
      return withCause(new AppError('CONFLICT', msg('sharedBooks.errors.changedMeanwhile')), error);
    case '42501': // insufficient_privilege
      return withCause(new AppError('READ_ONLY', msg('sharedBooks.errors.notAllowed')), error);
    case '25006': // read_only_sql_transaction (a standby server)
      return withCause(new AppError('READ_ONLY', msg('sharedBooks.errors.serverReadOnly')), error);
    case '53100': // disk_full
      return withCause(new AppError('DISK_FULL', msg('sharedBooks.errors.serverDiskFull')), error);
  }
  if (isConnectionError(error))
    return withCause(new AppError('DB_UNAVAILABLE', msg('sharedBooks.errors.connectionLost')), error);
  return error;
}
