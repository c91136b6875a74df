import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ParsedInput } from '../../shared/api/contract';
import type { Backup, BackupSettings } from '../../shared/api/system';
import { AppError, fieldError } from '../../shared/api/errors';
import { SHA256_HEX } from '../../shared/domain/attachments';
import { copyBackupTo, sealCopy } from '../db/backups';
import { inspectBackup } from '../db/host';
import { PRIVATE_DIR, PRIVATE_FILE, ensurePrivateDir, tighten } from '../db/private-files';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { readSetting, writeSetting } from './kv';

/**
 * Backups that survive a lost laptop:
 *  - "Save a backup to…": one `.foliobackup` file (a zip) holding `folio-backup.json` (what it
 *    is), `folio.sqlite3` (a consistent copy made with SQLite's backup API) and every scanned
 *    bill under `attachments/ab/<sha256>`, exactly as the data folder keeps them;
 *  - "Restore from a file…": the whole file is checked before anything changes (a zip made by
 *    Folio, only the entries above, every attachment's hash, the database's integrity and
 *    version); attachments are added (content-addressed, so nothing is overwritten), then the
 *    database is swapped as a restore from the backups folder is, keeping a 'pre-restore'
 *    copy of the current book;
 *  - a second backup folder: every automatic backup is also copied there (same retention). A
 *    folder that is missing (the USB disk is not plugged in) is a warning, never a failure.
 */
const SECOND_FOLDER_KEY = 'backups.secondFolder';
const FORMAT = 'folio-backup';
const FORMAT_VERSION = 1;
export const BACKUP_FILE_EXTENSION = 'foliobackup';
const ATTACHMENT_ENTRY = /^attachments\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number(),
  attachments: z.number(),
});

const lastCopies = new WeakMap<ServiceContext, BackupSettings['lastCopy']>();

function secondFolder(ctx: ServiceContext): string | null {
  if (!ctx.host.isOpen) return null;
  return readSetting(ctx, SECOND_FOLDER_KEY, z.string().nullable(), null);
}

export function backupSettings(ctx: ServiceContext): BackupSettings {
  return { secondFolder: secondFolder(ctx), lastCopy: lastCopies.get(ctx) ?? null };
}

/** Why a folder cannot take backups, or null when it can. */
function folderProblem(ctx: ServiceContext, folder: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    return `The folder ${folder} cannot be found. Is the disk plugged in?`;
  }
  if (!stat.isDirectory()) return `${folder} is a file, not a folder.`;
  const probe = path.join(folder, `.folio-write-test-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    return `Folio cannot write to ${folder} (${(error as { code?: string }).code ?? 'refused'}).`;
  }
  return null;
}

export async function updateBackupSettings(
  ctx: ServiceContext,
  input: ParsedInput<'backups.updateSettings'>,
): Promise<BackupSettings> {
  const folder = input.secondFolder ? input.secondFolder : null;
  if (folder) {
    if (!path.isAbsolute(folder))
      throw fieldError(
        'secondFolder',
        'Enter the full path of the folder, for example /media/usb/Folio backups.',
      );
    const resolved = path.resolve(folder);
    const data = path.resolve(ctx.paths.dataDir);
    if (resolved === data || resolved.startsWith(data + path.sep))
      throw fieldError(
        'secondFolder',
        'Choose a folder outside the data folder (a USB disk or a synced folder): a copy beside the books is lost with them.',
      );
    const problem = folderProblem(ctx, resolved);
    if (problem) throw fieldError('secondFolder', problem);
  }
  const before = secondFolder(ctx);
  ctx.host.store.tx(() => {
    writeSetting(ctx, SECOND_FOLDER_KEY, folder);
    recordAudit(ctx, {
      entity: 'settings',
      entityId: SECOND_FOLDER_KEY,
      action: 'update',
      before: { secondFolder: before },
      after: { secondFolder: folder },
    });
  });
  lastCopies.delete(ctx);
  // Copy the newest backup at once, so the folder is useful from today.
  if (folder) {
    const backup = await ctx.host.backup('daily');
    mirrorBackup(ctx, backup);
  }
  return backupSettings(ctx);
}

/** Copies an automatic backup to the second backup folder, if one is set; never throws. */
export function mirrorBackup(ctx: ServiceContext, backup: Backup): void {
  let folder: string | null = null;
  try {
    folder = secondFolder(ctx);
    if (!folder) return;
    const problem = folderProblem(ctx, folder);
    if (problem) throw new Error(problem);
    copyBackupTo(ctx.paths.backupsDir, backup.name, folder, ctx.clock.now());
    lastCopies.set(ctx, {
      at: ctx.clock.now().toISOString(),
      ok: true,
      message: `The backup of ${backup.createdAt.slice(0, 10)} was copied to ${folder}.`,
    });
  } catch (error) {
    const message =
      error instanceof Error && error.message.startsWith('The folder')
        ? `${error.message} The backup stays in the data folder; the next one will try again.`
        : `The backup could not be copied to ${folder ?? 'the second folder'} (${(error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))}). It stays in the data folder; the next one will try again.`;
    lastCopies.set(ctx, { at: ctx.clock.now().toISOString(), ok: false, message });
    ctx.log.error('second backup folder: copy failed', { folder, error });
  }
}

// ---------------------------------------------------------------------------------------------
// Save a backup to a file

function listAttachments(dir: string): { entry: string; file: string }[] {
  const out: { entry: string; file: string }[] = [];
  let prefixes: string[];
  try {
    prefixes = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of fs.readdirSync(path.join(dir, prefix))) {
      if (SHA256_HEX.test(name) && name.startsWith(prefix))
        out.push({ entry: `attachments/${prefix}/${name}`, file: path.join(dir, prefix, name) });
    }
  }
  return out.sort((a, b) => a.entry.localeCompare(b.entry));
}

function privateTempDir(ctx: ServiceContext, kind: string): string {
  const dir = path.join(ctx.paths.dataDir, `.${kind}-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(dir, { mode: PRIVATE_DIR });
  tighten(dir, PRIVATE_DIR);
  return dir;
}

/** Builds the backup file's bytes: the database copy, the manifest and every attachment. */
export async function buildBackupFile(ctx: ServiceContext): Promise<{ bytes: Buffer; attachments: number }> {
  const yazl = await import('yazl');
  const temp = privateTempDir(ctx, 'export');
  try {
    const db = path.join(temp, 'folio.sqlite3');
    await ctx.host.copyTo(db);
    sealCopy(db);
    const attachments = listAttachments(ctx.paths.attachmentsDir);
    const manifest: z.infer<typeof manifestSchema> = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: ctx.clock.now().toISOString(),
      appVersion: ctx.app.version,
      schemaVersion: ctx.host.health().schemaVersion,
      attachments: attachments.length,
    };
    const zip = new yazl.ZipFile();
    const mtime = new Date(manifest.createdAt);
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'folio-backup.json', { mtime });
    zip.addBuffer(fs.readFileSync(db), 'folio.sqlite3', { mtime });
    for (const a of attachments) zip.addBuffer(fs.readFileSync(a.file), a.entry, { mtime, compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('end', () => resolve());
      zip.outputStream.on('error', reject);
    });
    return { bytes: Buffer.concat(chunks), attachments: attachments.length };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

export async function saveBackupToFile(ctx: ServiceContext) {
  const fileName = `Folio backup ${ctx.clock.today()}.${BACKUP_FILE_EXTENSION}`;
  const filter = { name: 'Folio backup', extensions: [BACKUP_FILE_EXTENSION] };
  let target: string | null = null;
  if (ctx.desktop?.chooseSaveFile) {
    target = await ctx.desktop.chooseSaveFile(fileName, filter);
    if (!target) return { fileName, bytes: 0, attachments: 0, savedTo: null, dataBase64: '' };
  }
  const { bytes, attachments } = await buildBackupFile(ctx);
  if (target) {
    const partial = `${target}.partial`;
    fs.writeFileSync(partial, bytes, { mode: PRIVATE_FILE });
    fs.renameSync(partial, target);
  }
  ctx.host.store.tx(() =>
    recordAudit(ctx, {
      entity: 'backup',
      entityId: target ? path.basename(target) : fileName,
      action: 'export',
      details: { bytes: bytes.length, attachments },
    }),
  );
  return {
    fileName: target ? path.basename(target) : fileName,
    bytes: bytes.length,
    attachments,
    savedTo: target,
    dataBase64: target ? '' : bytes.toString('base64'),
  };
}

// ---------------------------------------------------------------------------------------------
// Restore from a file

const NOT_A_BACKUP = 'That file is not a Folio backup. Choose a file made with “Save a backup to…”.';

type Entry = import('yauzl').Entry;

async function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const yauzl = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (err, z) => (err ? reject(err) : resolve(z)),
    ),
  );
  const out = new Map<string, Buffer>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName;
      if (name.endsWith('/')) return zip.readEntry(); // a folder entry
      if (name !== 'folio-backup.json' && name !== 'folio.sqlite3' && !ATTACHMENT_ENTRY.test(name))
        return reject(new AppError('VALIDATION', `${NOT_A_BACKUP} (It holds “${name}”.)`, 'dataBase64'));
      if (out.has(name)) return reject(new AppError('VALIDATION', NOT_A_BACKUP, 'dataBase64'));
      total += entry.uncompressedSize;
      if (total > 8 * 1024 ** 3) return reject(new AppError('VALIDATION', NOT_A_BACKUP, 'dataBase64'));
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}

async function readChosenFile(
  ctx: ServiceContext,
  input: ParsedInput<'backups.restoreFromFile'>,
): Promise<Buffer | null> {
  if (input.dataBase64 !== undefined) {
    if (input.dataBase64 === '') throw fieldError('dataBase64', 'Choose a backup file to restore.');
    return Buffer.from(input.dataBase64, 'base64');
  }
  if (!ctx.desktop?.chooseOpenFile) throw fieldError('dataBase64', 'Choose a backup file to restore.');
  const file = await ctx.desktop.chooseOpenFile({
    name: 'Folio backup',
    extensions: [BACKUP_FILE_EXTENSION],
  });
  return file ? fs.readFileSync(file) : null;
}

export async function restoreBackupFromFile(
  ctx: ServiceContext,
  input: ParsedInput<'backups.restoreFromFile'>,
) {
  const bytes = await readChosenFile(ctx, input);
  if (!bytes) return { restored: false, createdAt: null, attachments: 0, safetyCopy: null };

  // 1. Everything is checked before anything changes.
  let entries: Map<string, Buffer>;
  try {
    entries = await readZip(bytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fieldError(
      'dataBase64',
      `${NOT_A_BACKUP} (It cannot be read as one: it may be damaged or incomplete.)`,
    );
  }
  const manifestBytes = entries.get('folio-backup.json');
  const database = entries.get('folio.sqlite3');
  if (!manifestBytes || !database) throw fieldError('dataBase64', NOT_A_BACKUP);
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    throw fieldError('dataBase64', NOT_A_BACKUP);
  }
  const attachments = [...entries.keys()].filter((n) => ATTACHMENT_ENTRY.test(n));
  for (const name of attachments) {
    const [, prefix, hash] = ATTACHMENT_ENTRY.exec(name)!;
    const actual = crypto.createHash('sha256').update(entries.get(name)!).digest('hex');
    if (actual !== hash || !hash!.startsWith(prefix!))
      throw fieldError(
        'dataBase64',
        'That backup file is damaged (a scanned bill in it does not match its checksum).',
      );
  }

  const staging = privateTempDir(ctx, 'restore');
  try {
    const db = path.join(staging, 'folio.sqlite3');
    fs.writeFileSync(db, database, { mode: PRIVATE_FILE });
    const problem = inspectBackup(db);
    if (problem) throw fieldError('dataBase64', problem);

    // 2. Scanned bills first: stored by their hash, so adding them changes no existing file.
    for (const name of attachments) {
      const [, prefix, hash] = ATTACHMENT_ENTRY.exec(name)!;
      const dir = path.join(ctx.paths.attachmentsDir, prefix!);
      const final = path.join(dir, hash!);
      if (fs.existsSync(final)) continue;
      ensurePrivateDir(ctx.paths.attachmentsDir);
      ensurePrivateDir(dir);
      const temp = `${final}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temp, entries.get(name)!, { mode: PRIVATE_FILE });
      fs.renameSync(temp, final);
    }

    // 3. The database, as a restore from the backups folder (with a 'pre-restore' copy).
    const safetyCopy = await ctx.host.restoreFile(db);
    if (ctx.host.isOpen) {
      ctx.host.store.tx(() =>
        recordAudit(ctx, {
          entity: 'backup',
          entityId: input.fileName ?? 'backup file',
          action: 'restore',
          details: {
            createdAt: manifest.createdAt,
            attachments: attachments.length,
            safetyCopy: safetyCopy?.name ?? null,
          },
        }),
      );
    }
    ctx.log.info('restored a backup file', {
      createdAt: manifest.createdAt,
      attachments: attachments.length,
    });
    return { restored: true, createdAt: manifest.createdAt, attachments: attachments.length, safetyCopy };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
