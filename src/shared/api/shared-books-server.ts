import { z } from 'zod';
import { msg } from '../i18n';
import { emptyInput } from './common';
import { requiredText } from './fields';

/**
 * Shared books while they are open (issue 14 §5): whether the server answers (the banner
 * that says it is away and retries), and backups of the books with the server's own tools
 * (pg_dump to a file in the backups folder, pg_restore into a new database).
 */

/** A database name Folio creates or restores into: plain letters, digits and _ (no quoting). */
export const newDatabaseName = requiredText('fields.database', 63).refine(
  (v) => /^[a-z_][a-z0-9_]*$/.test(v),
  {
    error: () => msg('sharedBooks.backups.databaseName'),
  },
);

const serverBackup = z.object({
  /** The file's name in the backups folder's `shared` folder. */
  name: z.string(),
  /** The database the backup was taken of. */
  database: z.string(),
  createdAt: z.string(),
  bytes: z.number(),
  /** Made by the daily automatic backup (pruned), not by a person (kept). */
  automatic: z.boolean(),
});
export type ServerBackup = z.infer<typeof serverBackup>;

const serverBackups = z.object({
  /** Whether this Folio may back up (shared books, signed in as an owner) and why not. */
  canBackUp: z.boolean(),
  reason: z.string().nullable(),
  /** The pg_dump found (its path and version), or null with the command to run by hand. */
  tool: z.object({ path: z.string(), version: z.string() }).nullable(),
  /** The command an administrator runs instead (documented; never with the password). */
  command: z.string(),
  backups: z.array(serverBackup),
});
export type ServerBackups = z.infer<typeof serverBackups>;

export const sharedBooksServerApi = {
  /**
   * Whether the server answers now (`SELECT 1` with a short timeout). Local books: always
   * reachable, nothing asked.
   */
  'sharedBooks.ping': {
    input: emptyInput,
    output: z.object({
      mode: z.enum(['local', 'shared']),
      reachable: z.boolean(),
      awaySince: z.string().nullable(),
    }),
  },
  'sharedBooks.backups': { input: emptyInput, output: serverBackups },
  /** pg_dump -Fc of the open shared books to a new private file in the backups folder. */
  'sharedBooks.backUpNow': { input: emptyInput, output: serverBackup },
  /** pg_restore of a backup into a new, empty database (never the open one). */
  'sharedBooks.restoreToNew': {
    input: z.strictObject({ name: requiredText('fields.fileName', 255), database: newDatabaseName }),
    output: z.object({
      database: z.string(),
      /** What the restored books hold, to compare with the backup's. */
      documents: z.number(),
      customers: z.number(),
      payments: z.number(),
    }),
  },
  /** Saves the connection with another database of the same server (opened at the next start). */
  'sharedBooks.useDatabase': {
    input: z.strictObject({ database: newDatabaseName }),
    output: z.object({ database: z.string() }),
  },
};
