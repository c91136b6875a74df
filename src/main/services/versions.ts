import { conflict } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/domain/dates';
import { msg } from '../../shared/i18n';
import type { ServiceContext } from './context';
import { getPreferences } from './settings';

/** A record that counts the saves of its content (migration "edit-versions"). */
export interface Versioned {
  version: number;
  updated_by: string;
  updated_at: string;
}

/**
 * Refuses a save that started from an older version of the record: someone else saved it in
 * between (shared books: another person, or the same person in a second window). The message
 * says who and when, so the user reloads instead of overwriting their work. A save that names
 * no version (an API caller that does not track them) is not checked.
 */
export async function assertVersion(
  ctx: ServiceContext,
  row: Versioned,
  expected: number | undefined,
): Promise<void> {
  if (expected === undefined || expected === row.version) return;
  const { locale } = await getPreferences(ctx);
  throw conflict(
    msg('errors.conflict.changedBy', {
      name: row.updated_by || msg('errors.conflict.someoneElse'),
      time: formatDateTime(row.updated_at, locale),
    }),
  );
}
