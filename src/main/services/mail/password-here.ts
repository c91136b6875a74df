import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../../db/private-files';
import type { ServiceContext } from '../context';
import { secretsOf } from '../secrets';

/**
 * Shared books: the email account (server, port, user, sender, templates) is the books', but
 * the password is each computer's own. It is kept in `mail-password.json` in this computer's
 * data folder (0600), sealed with this computer's key (`secretsOf`: the OS keychain, or the
 * data folder's secret.key), never in the shared database, its backups or its exports.
 *
 * An entry belongs to one shared book (the database as the server knows it, and the login
 * this computer signs in with) and to one SMTP server and user: a changed account, or other
 * books, ask for the password again. Local books never use this file.
 */
export const MAIL_PASSWORD_FILE = 'mail-password.json';

/** Which shared books an entry belongs to, as the server reports them. */
const booksId = z.object({
  database: z.string(),
  /** The database's OID: a database dropped and created again under the same name differs. */
  oid: z.string(),
  /** The server's address and port as the server sees them ('' over a Unix socket). */
  server: z.string(),
  login: z.string(),
});
export type BooksId = z.infer<typeof booksId>;

const entry = z.object({
  books: booksId,
  smtpHost: z.string(),
  smtpUser: z.string(),
  passwordSealed: z.string(),
  savedAt: z.string(),
});
type Entry = z.infer<typeof entry>;

const fileSchema = z.object({ entries: z.array(entry) });

export interface SmtpIdentity {
  host: string;
  user: string;
}

function fileOf(ctx: ServiceContext): string {
  return path.join(ctx.paths.dataDir, MAIL_PASSWORD_FILE);
}

function readEntries(ctx: ServiceContext): Entry[] {
  const file = fileOf(ctx);
  if (!fs.existsSync(file)) return [];
  try {
    return fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).entries;
  } catch (error) {
    // A damaged file is as good as none: the screen asks for the password again.
    ctx.log.error('mail-password.json cannot be read', { error });
    return [];
  }
}

function writeEntries(ctx: ServiceContext, entries: Entry[]): void {
  if (!entries.length) {
    fs.rmSync(fileOf(ctx), { force: true });
    return;
  }
  writePrivateFile(fileOf(ctx), JSON.stringify({ entries }, null, 2));
}

const sameBooks = (a: BooksId, b: BooksId) =>
  a.database === b.database && a.oid === b.oid && a.server === b.server && a.login === b.login;

const ids = new WeakMap<object, Promise<BooksId>>();

/** The open shared books, as the server names them (asked once per opened books). */
export function booksIdOf(ctx: ServiceContext): Promise<BooksId> {
  const key = ctx.host;
  let id = ids.get(key);
  if (!id) {
    id = (async () => {
      const row = (await ctx.host.store
        .prepare(
          `SELECT current_database() AS database, current_user AS login,
             CAST((SELECT oid FROM pg_database WHERE datname = current_database()) AS text) AS oid,
             COALESCE(host(inet_server_addr()), '') || ':' || COALESCE(CAST(inet_server_port() AS text), '') AS server`,
        )
        .get()) as BooksId;
      return { database: row.database, oid: row.oid, server: row.server, login: row.login };
    })();
    id.catch(() => ids.delete(key));
    ids.set(key, id);
  }
  return id;
}

/** This computer's password for the account on these books; null when it has none (or cannot open it). */
export function readPasswordHere(ctx: ServiceContext, books: BooksId, smtp: SmtpIdentity): string | null {
  const found = readEntries(ctx).find(
    (e) => sameBooks(e.books, books) && e.smtpHost === smtp.host && e.smtpUser === smtp.user,
  );
  if (!found) return null;
  try {
    return secretsOf(ctx).open(found.passwordSealed);
  } catch {
    // Sealed with a key this computer no longer has (the folder was copied from elsewhere).
    return null;
  }
}

/** Keeps the password for these books on this computer, replacing the one it had for them. */
export function savePasswordHere(
  ctx: ServiceContext,
  books: BooksId,
  smtp: SmtpIdentity,
  password: string,
): void {
  const others = readEntries(ctx).filter((e) => !sameBooks(e.books, books));
  writeEntries(ctx, [
    ...others,
    {
      books,
      smtpHost: smtp.host,
      smtpUser: smtp.user,
      passwordSealed: secretsOf(ctx).seal(password),
      savedAt: ctx.clock.now().toISOString(),
    },
  ]);
}

/** Forgets this computer's password for these books. */
export function forgetPasswordHere(ctx: ServiceContext, books: BooksId): void {
  const entries = readEntries(ctx);
  const rest = entries.filter((e) => !sameBooks(e.books, books));
  if (rest.length !== entries.length) writeEntries(ctx, rest);
}
