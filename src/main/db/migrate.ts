import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations';
import { schemaVersion, type Sqlite } from './open';

export class NewerDatabaseError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This data file was written by a newer version of Folio (data version ${fileVersion}; ` +
        `this Folio understands up to ${appVersion}). Install the latest Folio to open it. ` +
        `The file has not been changed.`,
    );
  }
}

export function pendingMigrations(db: Sqlite, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  return migrations.filter((m) => m.version > current);
}

/**
 * Applies every pending migration in one transaction: either the file reaches the latest
 * version or it stays exactly as it was. The caller takes a backup first (see host.ts).
 */
export function migrate(
  db: Sqlite,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = options.target ?? migrations.length;
  const pending = pendingMigrations(db, migrations).filter((m) => m.version <= target);
  if (pending.length === 0) return schemaVersion(db);
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      // user_version lives in the file header and is part of this transaction.
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return schemaVersion(db);
}

export { LATEST_VERSION };
