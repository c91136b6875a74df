import { msg } from '../../shared/i18n';
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
import { storageError } from '../db/storage-errors';
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

async function secondFolder(ctx: ServiceContext): Promise<string | null> {
  if (!ctx.host.isOpen) return null;
  return await readSetting(ctx, SECOND_FOLDER_KEY, z.string().nullable(), null);
}

export async function backupSettings(ctx: ServiceContext): Promise<BackupSettings> {
  return { secondFolder: await secondFolder(ctx), lastCopy: lastCopies.get(ctx) ?? null };
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
      throw fieldError('secondFolder', msg('errors.backupFiles.enterFullPathFolder'));
    const resolved = path.resolve(folder);
    const data = path.resolve(ctx.paths.dataDir);
    if (resolved === data || resolved.startsWith(data + path.sep))
      throw fieldError('secondFolder', msg('errors.backupFiles.chooseFolderOutsideData'));
    const problem = folderProblem(ctx, resolved);
    if (problem) throw fieldError('secondFolder', problem);
  }
  const before = await secondFolder(ctx);
  await ctx.host.store.tx(async () => {
    await writeSetting(ctx, SECOND_FOLDER_KEY, folder);
    await recordAudit(ctx, {
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
    await mirrorBackup(ctx, backup);
  }
  return await backupSettings(ctx);
}

/** Copies an automatic backup to the second backup folder, if one is set; never throws. */
export async function mirrorBackup(ctx: ServiceContext, backup: Backup): Promise<void> {
  let folder: string | null = null;
  try {
    folder = await secondFolder(ctx);
    if (!folder) return;
    // A newer backup made meanwhile (the one taken when the folder was set, say) may have
    // replaced this one under the retention rules: that one is copied instead, so this is no
    // failure to report.
    if (!fs.existsSync(path.join(ctx.paths.backupsDir, backup.name))) return;
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
  await ctx.host.store.tx(
    async () =>
      await recordAudit(ctx, {
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

const notABackup = () => msg('errors.backupFiles.notABackup');

type Entry = import('yauzl').Entry;

interface Extracted {
  manifest: Buffer | null;
  database: string | null;
  attachments: { prefix: string; hash: string; actual: string; file: string }[];
}

const MAX_MANIFEST = 64 * 1024;
const MAX_TOTAL = 64 * 1024 ** 3;

/**
 * Unpacks a backup file into `staging`, entry by entry as streams (memory stays flat whatever
 * the file holds), refusing any entry that is not one of the expected names. Each scan's hash
 * is computed on the way.
 */
async function extractZip(bytes: Buffer, staging: string): Promise<Extracted> {
  const yauzl = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (err, z) => (err ? reject(err) : resolve(z)),
    ),
  );
  const out: Extracted = { manifest: null, database: null, attachments: [] };
  const seen = new Set<string>();
  let total = 0;
  const refuse = (why?: string) =>
    new AppError(
      'VALIDATION',
      why ? msg('errors.backupFiles.notABackupBecause', { why }) : notABackup(),
      'dataBase64',
    );
  // A buffer holds no file descriptor: nothing to close when an entry is refused half-way.
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName;
      if (name.endsWith('/')) return zip.readEntry(); // a folder entry
      const attachment = ATTACHMENT_ENTRY.exec(name);
      if (name !== 'folio-backup.json' && name !== 'folio.sqlite3' && !attachment)
        return reject(refuse(`It holds “${name}”.`));
      if (seen.has(name)) return reject(refuse());
      seen.add(name);
      total += entry.uncompressedSize;
      if (total > MAX_TOTAL || (name === 'folio-backup.json' && entry.uncompressedSize > MAX_MANIFEST))
        return reject(refuse());
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        stream.on('error', reject);
        if (name === 'folio-backup.json') {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.manifest = Buffer.concat(chunks);
            zip.readEntry();
          });
          return;
        }
        const file = path.join(staging, name === 'folio.sqlite3' ? 'folio.sqlite3' : `scan-${seen.size}`);
        const hash = crypto.createHash('sha256');
        const sink = fs.createWriteStream(file, { mode: PRIVATE_FILE });
        sink.on('error', reject);
        stream.on('data', (c: Buffer) => hash.update(c));
        sink.on('finish', () => {
          if (attachment)
            out.attachments.push({
              prefix: attachment[1]!,
              hash: attachment[2]!,
              actual: hash.digest('hex'),
              file,
            });
          else out.database = file;
          zip.readEntry();
        });
        stream.pipe(sink);
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
    if (input.dataBase64 === '')
      throw fieldError('dataBase64', msg('errors.backupFiles.chooseBackupFileRestore'));
    return Buffer.from(input.dataBase64, 'base64');
  }
  if (!ctx.desktop?.chooseOpenFile)
    throw fieldError('dataBase64', msg('errors.backupFiles.chooseBackupFileRestore'));
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
  const staging = privateTempDir(ctx, 'restore');
  try {
    let found: Extracted;
    try {
      found = await extractZip(bytes, staging);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (storageError(error)) throw error;
      throw fieldError('dataBase64', msg('errors.backupFiles.notBackupReadAs', { notABackup: notABackup() }));
    }
    if (!found.manifest || !found.database) throw fieldError('dataBase64', notABackup());
    let manifest: z.infer<typeof manifestSchema>;
    try {
      manifest = manifestSchema.parse(JSON.parse(found.manifest.toString('utf8')));
    } catch {
      throw fieldError('dataBase64', notABackup());
    }
    for (const a of found.attachments) {
      if (a.actual !== a.hash || !a.hash.startsWith(a.prefix))
        throw fieldError('dataBase64', msg('errors.backupFiles.backupFileDamagedScanned'));
    }
    const problem = inspectBackup(found.database);
    if (problem) throw fieldError('dataBase64', problem);

    // 2. Scanned bills first: stored by their hash, so adding them changes no existing file.
    for (const a of found.attachments) {
      const dir = path.join(ctx.paths.attachmentsDir, a.prefix);
      const final = path.join(dir, a.hash);
      if (fs.existsSync(final)) continue;
      ensurePrivateDir(ctx.paths.attachmentsDir);
      ensurePrivateDir(dir);
      fs.renameSync(a.file, final);
    }
    const attachments = found.attachments;
    const db = found.database;

    // 3. The database, as a restore from the backups folder (with a 'pre-restore' copy).
    const safetyCopy = await ctx.host.restoreFile(db);
    if (ctx.host.isOpen) {
      await ctx.host.store.tx(
        async () =>
          await recordAudit(ctx, {
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
