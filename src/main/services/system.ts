import type { ParsedInput } from '../../shared/api/contract';
import { listBackups } from '../db/backups';
import { schemaVersion } from '../db/open';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

export function systemInfo(ctx: ServiceContext) {
  const health = ctx.host.health();
  return {
    version: ctx.app.version,
    mode: ctx.app.mode,
    dataDir: ctx.paths.dataDir,
    databaseFile: ctx.paths.databaseFile,
    schemaVersion:
      ctx.host.isOpen && ctx.host.engine === 'sqlite'
        ? schemaVersion(ctx.host.store.sqlite)
        : health.schemaVersion,
    today: ctx.clock.today(),
  };
}

export function backupsList(ctx: ServiceContext) {
  return listBackups(ctx.paths.backupsDir);
}

export async function backupNow(ctx: ServiceContext) {
  const backup = await ctx.host.backup('manual');
  await ctx.host.store.tx(
    async () =>
      await recordAudit(ctx, {
        entity: 'backup',
        entityId: backup.name,
        action: 'create',
        details: { bytes: backup.bytes },
      }),
  );
  return backup;
}

export async function backupRestore(ctx: ServiceContext, input: ParsedInput<'backups.restore'>) {
  const result = await ctx.host.restore(input.name);
  if (ctx.host.isOpen) {
    await ctx.host.store.tx(
      async () =>
        await recordAudit(ctx, {
          entity: 'backup',
          entityId: input.name,
          action: 'restore',
          details: { safetyCopy: result.safetyCopy?.name ?? null },
        }),
    );
  }
  ctx.log.info('restored backup', { name: input.name, safetyCopy: result.safetyCopy?.name });
  return result;
}

/** "Start a new, empty book" on the recovery screen (only when the data file is missing or empty). */
export async function startNewBook(ctx: ServiceContext) {
  await ctx.host.startNewBook();
  ctx.log.info('started a new, empty book', { health: ctx.host.health() });
  return ctx.host.health();
}
