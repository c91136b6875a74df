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

export const sharedBooksApi = {
  'sharedBooks.status': { input: emptyInput, output: sharedBooksStatus },
  /** Checks the connection (sign-in, server version, Folio's schema) and saves it. */
  'sharedBooks.connect': { input: sharedBooksConnectInput, output: sharedBooksStatus },
  /** Back to the data folder's own file at the next start. */
  'sharedBooks.disconnect': { input: emptyInput, output: sharedBooksStatus },
};
