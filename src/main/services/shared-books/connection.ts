import type { ParsedInput } from '../../../shared/api/contract';
import type { SharedBooksStatus } from '../../../shared/api/shared-books';
import { openSharedBooks } from '../../db/pg/open';
import type { ServiceContext } from '../context';
import { describeSharedBooks, forgetSharedBooks, saveSharedBooks } from './settings';
import { keyFileSecretBox } from '../secrets';

function secretsOf(ctx: ServiceContext) {
  return ctx.secrets ?? keyFileSecretBox(ctx.paths.dataDir);
}

export function sharedBooksStatus(ctx: ServiceContext): SharedBooksStatus {
  const connection = describeSharedBooks(ctx.paths.dataDir);
  return {
    mode: connection ? 'shared' : 'local',
    connection,
    open: (connection !== null) === (ctx.host.engine === 'postgres'),
  };
}

/**
 * Connects to the server's books once (sign-in, server version, Folio's schema brought up to
 * date when this person may), and only then saves the connection, the password sealed.
 */
export async function connectSharedBooks(
  ctx: ServiceContext,
  input: ParsedInput<'sharedBooks.connect'>,
): Promise<SharedBooksStatus> {
  const connection = await openSharedBooks(input);
  await connection.close();
  saveSharedBooks(ctx.paths.dataDir, secretsOf(ctx), input);
  ctx.log.info('shared books saved', { host: input.host, database: input.database, user: input.user });
  return sharedBooksStatus(ctx);
}

export function disconnectSharedBooks(ctx: ServiceContext): SharedBooksStatus {
  forgetSharedBooks(ctx.paths.dataDir);
  ctx.log.info('shared books forgotten: the local book opens at the next start');
  return sharedBooksStatus(ctx);
}
