import { z } from 'zod';
import { msg } from '../i18n';
import { emptyInput } from './common';
import { plainString, requiredText } from './fields';

/**
 * Shared books on a PostgreSQL server (issue 14): which books this data folder opens, and
 * connecting it to a server's books. The connection is checked before it is saved; Folio
 * opens the shared books at its next start.
 */
export const sharedBooksConnectInput = z.strictObject({
  host: requiredText('fields.server', 253).refine((v) => /^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/.test(v), {
    error: () => msg('sharedBooks.validation.server'),
  }),
  port: z
    .number({ error: () => msg('sharedBooks.validation.port') })
    .int({ error: () => msg('sharedBooks.validation.port') })
    .min(1, { error: () => msg('sharedBooks.validation.port') })
    .max(65535, { error: () => msg('sharedBooks.validation.port') }),
  database: requiredText('fields.database', 63),
  user: requiredText('fields.userName', 63),
  password: plainString('fields.password', { trim: false }).max(500, {
    error: () => msg('sharedBooks.validation.passwordTooLong'),
  }),
});

const sharedBooksStatus = z.object({
  /** local: the data folder's own file; shared: books on a server. */
  mode: z.enum(['local', 'shared']),
  /** The saved connection (never its password); null for local books. */
  connection: z
    .object({ host: z.string(), port: z.number(), database: z.string(), user: z.string() })
    .nullable(),
  /** Whether the books now open are the ones saved (false until Folio is restarted). */
  open: z.boolean(),
});
export type SharedBooksStatus = z.infer<typeof sharedBooksStatus>;

const tableCheck = z.object({
  table: z.string(),
  rowsLocal: z.number(),
  rowsServer: z.number(),
  /** Sum of the table's money columns (integer minor units), as a decimal string. */
  moneyLocal: z.string(),
  moneyServer: z.string(),
  ok: z.boolean(),
});

/** "Move my books to a server": where the move is, and at the end each table's check. */
const moveStatus = z.object({
  state: z.enum(['running', 'done', 'failed']),
  /** preparing: Folio's tables on the server; copying; checking: counts and sums read back. */
  phase: z.enum(['preparing', 'copying', 'checking', 'finished']),
  server: z.object({ host: z.string(), port: z.number(), database: z.string(), user: z.string() }),
  /** The table being copied. */
  table: z.string(),
  tablesDone: z.number(),
  tablesTotal: z.number(),
  rows: z.number(),
  rowsTotal: z.number(),
  seconds: z.number(),
  /** Every table's rows and money checksum on both sides (when done, or when they differ). */
  tables: z.array(tableCheck),
  /** Why it failed, in the person's words; nothing was kept on the server. */
  error: z.string().nullable(),
});
export type MoveStatus = z.infer<typeof moveStatus>;

export const sharedBooksApi = {
  'sharedBooks.status': { input: emptyInput, output: sharedBooksStatus },
  /** Checks the connection (sign-in, server version, Folio's schema) and saves it. */
  'sharedBooks.connect': { input: sharedBooksConnectInput, output: sharedBooksStatus },
  /** Back to the data folder's own file at the next start. */
  'sharedBooks.disconnect': { input: emptyInput, output: sharedBooksStatus },
  /**
   * Starts moving the local book into an empty database on the server (Folio's schema is
   * created there). The connection and the database are checked first (errors at once);
   * the copy runs in the background: poll sharedBooks.moveStatus. When it succeeds the
   * connection is saved, and Folio opens the shared books at its next start.
   */
  'sharedBooks.move': { input: sharedBooksConnectInput, output: moveStatus },
  /** The running or last move of this session; null when there was none. */
  'sharedBooks.moveStatus': { input: emptyInput, output: moveStatus.nullable() },
  /**
   * Desktop: after a move, closes Folio and starts it again on the shared books (restarting:
   * true). Browser mode cannot restart its server process: restarting false, the screen says so.
   */
  'sharedBooks.restart': { input: emptyInput, output: z.object({ restarting: z.boolean() }) },
  /** Stops a running move while it copies (nothing is kept on the server). */
  'sharedBooks.moveCancel': { input: emptyInput, output: moveStatus.nullable() },
};
