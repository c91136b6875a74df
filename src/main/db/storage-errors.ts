import { msg } from '../../shared/i18n';
import { AppError } from '../../shared/api/errors';

/**
 * The one place where failures of the disk under the data folder become words a user can act
 * on. SQLite reports a full disk (or a file at its size limit) as SQLITE_FULL and rolls the
 * transaction back; Node's file calls say ENOSPC. A file or folder Folio may not write is
 * SQLITE_READONLY* from SQLite and EACCES/EPERM/EROFS from Node.
 */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function isDiskFull(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

export function isReadOnly(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

/** The AppError a storage failure becomes, or null when the error is something else. */
export function storageError(error: unknown): AppError | null {
  if (error instanceof AppError) return null;
  if (isDiskFull(error)) return new AppError('DISK_FULL', msg('errors.storage.diskFull'));
  if (isReadOnly(error)) return new AppError('READ_ONLY', msg('errors.storage.readOnly'));
  return null;
}
