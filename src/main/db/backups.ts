import fs from 'node:fs';
import path from 'node:path';
import type { Backup } from '../../shared/api/system';
import { localToday } from '../../shared/domain/dates';
import { connect, type Sqlite } from './open';
import { PRIVATE_FILE, ensurePrivateDir, tighten, writePrivateFile } from './private-files';

/**
 * Backups are whole copies of the data file made with SQLite's online backup API (safe while
 * the app keeps writing), named folio-<UTC time>-<kind>.sqlite3 in the backups folder. Each
 * copy is switched to SQLite's rollback journal (so reading it never creates -wal/-shm files
 * beside it) and measured: `catalogue.json` records how many rows it has stored and whether it holds any
 * business data (a finished setup, a customer, a document, a bill...).
 *
 * Retention:
 *  - automatic backups (on start, daily): of each of the last 7 days that have one, the newest
 *    and the largest; of each of the last 12 months, the newest and the largest. A newer,
 *    emptier backup (an empty book after the data file went missing) never pushes out a fuller one;
 *  - safety copies (manual, before a migration, before a restore): every one from the last
 *    30 days, and never fewer than the newest 5;
 *  - whatever the rules above say, the newest backup that holds data is never deleted.
 */
export type BackupKind = Backup['kind'];
const KINDS: readonly BackupKind[] = ['start', 'daily', 'manual', 'pre-migration', 'pre-restore'];
const AUTOMATIC: readonly BackupKind[] = ['start', 'daily'];
const NAME = /^folio-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z-]+)\.sqlite3$/;
const CATALOGUE = 'catalogue.json';

export function backupName(at: Date, kind: BackupKind): string {
  return `folio-${at.toISOString().replace(/:/g, '-').replace('.', '-')}-${kind}.sqlite3`;
}

function parseName(name: string): { createdAt: string; kind: BackupKind } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const kind = m[6] as BackupKind;
  if (!KINDS.includes(kind)) return null;
  return { createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, kind };
}

export function isBackupName(name: string): boolean {
  return parseName(name) !== null && path.basename(name) === name;
}

// ---------------------------------------------------------------------------------------------
// What a backup holds

export interface ContentMeasure {
  /**
   * How much the copy holds: per table Folio declares (full-text indexes left out), its highest
   * rowid, i.e. the rows it has ever stored; an index lookup per table, cheap at any size.
   */
  rows: number;
  /** A finished setup, or any customer, item, document, payment, vendor or bill. */
  hasData: boolean;
}

const DATA_TABLES = ['customers', 'items', 'documents', 'payments', 'vendors', 'bills'];

export function measureContent(db: Sqlite): ContentMeasure {
  const tables = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
    )
    .all() as { name: string; sql: string }[];
  const names = new Set<string>();
  let rows = 0;
  for (const t of tables) {
    if (/_fts(_|$)/.test(t.name)) continue;
    names.add(t.name);
    const quoted = `"${t.name.replace(/"/g, '""')}"`;
    const sql = /WITHOUT\s+ROWID/i.test(t.sql)
      ? `SELECT count(*) FROM ${quoted}`
      : `SELECT coalesce(max(rowid), 0) FROM ${quoted}`;
    rows += db.prepare(sql).pluck().get() as number;
  }
  const any = (table: string) =>
    names.has(table) && db.prepare(`SELECT EXISTS (SELECT 1 FROM "${table}")`).pluck().get() === 1;
  const setUp =
    names.has('business_profile') &&
    db
      .prepare('SELECT EXISTS (SELECT 1 FROM business_profile WHERE setup_completed_at IS NOT NULL)')
      .pluck()
      .get() === 1;
  return { rows, hasData: setUp || DATA_TABLES.some(any) };
}

/**
 * Reads a file that nobody writes (a backup, a file to restore) on a read-only connection and
 * closes it. A copy still in WAL mode (made by an older Folio) makes SQLite create -wal and
 * -shm files beside it: those that were not there before are removed afterwards.
 */
export function readOnlyFile<T>(file: string, read: (db: Sqlite) => T): T {
  const extras = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
  const db = connect(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
    for (const f of extras) fs.rmSync(f, { force: true });
  }
}

/** The measure of a backup file, or null when it cannot be read. */
export function measureFile(file: string): ContentMeasure | null {
  try {
    return readOnlyFile(file, measureContent);
  } catch {
    return null;
  }
}

type Catalogue = Record<string, ContentMeasure | null>;

function readCatalogue(dir: string): Catalogue {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, CATALOGUE), 'utf8')) as { entries?: Catalogue };
    return parsed.entries && typeof parsed.entries === 'object' ? parsed.entries : {};
  } catch {
    return {};
  }
}

function writeCatalogue(dir: string, entries: Catalogue): void {
  const file = path.join(dir, CATALOGUE);
  const temp = `${file}.partial`;
  writePrivateFile(temp, JSON.stringify({ version: 1, entries }));
  fs.renameSync(temp, file);
}

function recordMeasure(dir: string, name: string, measure: ContentMeasure | null): void {
  const entries = readCatalogue(dir);
  entries[name] = measure;
  writeCatalogue(dir, entries);
}

// ---------------------------------------------------------------------------------------------
// Listing, creating, copying

/** Newest first. Files that are not Folio backups are ignored. */
export function listBackups(dir: string): Backup[] {
  if (!fs.existsSync(dir)) return [];
  const catalogue = readCatalogue(dir);
  const out: Backup[] = [];
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseName(name);
    if (!parsed) continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, name));
    } catch {
      continue;
    }
    const measure = catalogue[name];
    out.push({
      name,
      kind: parsed.kind,
      createdAt: parsed.createdAt,
      bytes: stat.size,
      rows: measure?.rows ?? null,
      hasData: measure === undefined || measure === null ? null : measure.hasData,
    });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function backupPath(dir: string, name: string): string {
  if (!isBackupName(name)) throw new Error(`Not a Folio backup name: ${name}`);
  return path.join(dir, name);
}

/**
 * Turns a fresh copy into a backup: rollback journal instead of WAL (so opening it for reading
 * creates nothing beside it), owner-only mode, and its content measured.
 */
export function sealCopy(file: string): ContentMeasure | null {
  tighten(file, PRIVATE_FILE);
  let db: Sqlite | undefined;
  try {
    db = connect(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    return measureContent(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Copies the live database; the file appears under its final name only when complete. */
export async function createBackup(db: Sqlite, dir: string, kind: BackupKind, at: Date): Promise<Backup> {
  ensurePrivateDir(dir);
  const name = backupName(at, kind);
  const final = path.join(dir, name);
  const partial = `${final}.partial`;
  try {
    await db.backup(partial);
    const measure = sealCopy(partial);
    fs.renameSync(partial, final);
    recordMeasure(dir, name, measure);
  } finally {
    fs.rmSync(partial, { force: true });
    for (const suffix of ['-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  }
  return listBackups(dir).find((b) => b.name === name)!;
}

/** Copies a data file byte for byte, for when it cannot be opened (a corrupt file is kept as evidence). */
export function copyRawFile(file: string, dir: string, kind: BackupKind, at: Date): Backup | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  ensurePrivateDir(dir);
  const name = backupName(at, kind);
  const final = path.join(dir, name);
  const partial = `${final}.partial`;
  fs.copyFileSync(file, partial);
  tighten(partial, PRIVATE_FILE);
  fs.renameSync(partial, final);
  recordMeasure(dir, name, measureFile(final));
  return listBackups(dir).find((b) => b.name === name)!;
}

/**
 * Copies a backup into another folder (the second backup folder: a USB disk, a synced
 * folder) under the same name, complete or not at all, and applies the same retention there.
 */
export function copyBackupTo(sourceDir: string, name: string, targetDir: string, now: Date): void {
  const source = backupPath(sourceDir, name);
  const final = path.join(targetDir, name);
  const partial = `${final}.partial`;
  try {
    fs.copyFileSync(source, partial);
    tighten(partial, PRIVATE_FILE);
    fs.renameSync(partial, final);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  recordMeasure(targetDir, name, readCatalogue(sourceDir)[name] ?? measureFile(final));
  pruneBackups(targetDir, now);
}

/**
 * Removes what an interrupted backup or restore left behind: `*.partial` copies, and -wal,
 * -shm and -journal files beside backups (a backup opened by an older Folio). Returns the names.
 */
export function cleanBackupsFolder(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const leftover =
      name.endsWith('.partial') ||
      name.endsWith('.partial-journal') ||
      (/-(wal|shm|journal)$/.test(name) && isBackupName(name.replace(/-(wal|shm|journal)$/, '')));
    if (!leftover) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // cannot remove it now; the next open tries again
    }
  }
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Retention

/** Bigger content first: rows when known, else file size. */
function fuller(a: Backup, b: Backup): Backup {
  if (a.rows !== null && b.rows !== null && a.rows !== b.rows) return a.rows > b.rows ? a : b;
  if (a.rows === null || b.rows === null) {
    if (a.bytes !== b.bytes) return a.bytes > b.bytes ? a : b;
  }
  return a.createdAt >= b.createdAt ? a : b;
}

/** Which backups the retention rules keep, given the list and the current time. */
export function backupsToKeep(backups: readonly Backup[], now: Date): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const automatic = newestFirst.filter((b) => AUTOMATIC.includes(b.kind));
  const days = new Map<string, Backup[]>();
  const months = new Map<string, Backup[]>();
  for (const b of automatic) {
    const day = localToday(new Date(b.createdAt));
    if (days.has(day) || days.size < 7) days.set(day, [...(days.get(day) ?? []), b]);
    const month = day.slice(0, 7);
    if (months.has(month) || months.size < 12) months.set(month, [...(months.get(month) ?? []), b]);
  }
  for (const group of [...days.values(), ...months.values()]) {
    keep.add(group[0]!.name); // the newest
    keep.add(group.reduce(fuller).name); // the largest
  }

  const safety = newestFirst.filter((b) => !AUTOMATIC.includes(b.kind));
  const cutoff = now.getTime() - 30 * 86_400_000;
  safety.forEach((b, i) => {
    if (i < 5 || new Date(b.createdAt).getTime() >= cutoff) keep.add(b.name);
  });

  const lastWithData = newestFirst.find((b) => b.hasData === true);
  if (lastWithData) keep.add(lastWithData.name);
  return keep;
}

export function pruneBackups(dir: string, now: Date): string[] {
  // Backups made before the catalogue existed are measured once, here.
  const catalogue = readCatalogue(dir);
  let measured = false;
  for (const b of listBackups(dir)) {
    if (b.name in catalogue) continue;
    catalogue[b.name] = measureFile(path.join(dir, b.name));
    measured = true;
  }
  if (measured) writeCatalogue(dir, catalogue);

  const backups = listBackups(dir);
  const keep = backupsToKeep(backups, now);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.name)) continue;
    fs.rmSync(path.join(dir, b.name), { force: true });
    delete catalogue[b.name];
    removed.push(b.name);
  }
  if (removed.length > 0) writeCatalogue(dir, catalogue);
  return removed;
}
