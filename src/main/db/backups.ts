import fs from 'node:fs';
import path from 'node:path';
import type { Backup } from '../../shared/api/system';
import { localToday } from '../../shared/domain/dates';
import type { Sqlite } from './open';

/**
 * Backups are whole copies of the data file made with SQLite's online backup API (safe while
 * the app keeps writing), named folio-<UTC time>-<kind>.sqlite3 in the backups folder.
 *
 * Retention:
 *  - automatic backups (on start, daily): the newest of each of the last 7 days that have
 *    one, and the newest of each of the last 12 months;
 *  - safety copies (manual, before a migration, before a restore): every one from the last
 *    30 days, and never fewer than the newest 5.
 */
export type BackupKind = Backup['kind'];
const KINDS: readonly BackupKind[] = ['start', 'daily', 'manual', 'pre-migration', 'pre-restore'];
const AUTOMATIC: readonly BackupKind[] = ['start', 'daily'];
const NAME = /^folio-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z-]+)\.sqlite3$/;

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

/** Newest first. Files that are not Folio backups are ignored. */
export function listBackups(dir: string): Backup[] {
  if (!fs.existsSync(dir)) return [];
  const out: Backup[] = [];
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseName(name);
    if (!parsed) continue;
    const stat = fs.statSync(path.join(dir, name));
    out.push({ name, kind: parsed.kind, createdAt: parsed.createdAt, bytes: stat.size });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function backupPath(dir: string, name: string): string {
  if (!parseName(name) || path.basename(name) !== name) throw new Error(`Not a Folio backup name: ${name}`);
  return path.join(dir, name);
}

/** Copies the live database; the file appears under its final name only when complete. */
export async function createBackup(db: Sqlite, dir: string, kind: BackupKind, at: Date): Promise<Backup> {
  fs.mkdirSync(dir, { recursive: true });
  const name = backupName(at, kind);
  const final = path.join(dir, name);
  const partial = `${final}.partial`;
  await db.backup(partial);
  fs.renameSync(partial, final);
  return { name, kind, createdAt: at.toISOString(), bytes: fs.statSync(final).size };
}

/** Copies a data file byte for byte, for when it cannot be opened (a corrupt file is kept as evidence). */
export function copyRawFile(file: string, dir: string, kind: BackupKind, at: Date): Backup | null {
  if (!fs.existsSync(file)) return null;
  fs.mkdirSync(dir, { recursive: true });
  const name = backupName(at, kind);
  fs.copyFileSync(file, path.join(dir, name));
  return { name, kind, createdAt: at.toISOString(), bytes: fs.statSync(path.join(dir, name)).size };
}

/** Which backups the retention rules keep, given the list and the current time. */
export function backupsToKeep(backups: readonly Backup[], now: Date): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const automatic = newestFirst.filter((b) => AUTOMATIC.includes(b.kind));
  const days = new Set<string>();
  const months = new Set<string>();
  for (const b of automatic) {
    const day = localToday(new Date(b.createdAt));
    if (!days.has(day) && days.size < 7) {
      days.add(day);
      keep.add(b.name);
    }
    const month = day.slice(0, 7);
    if (!months.has(month) && months.size < 12) {
      months.add(month);
      keep.add(b.name);
    }
  }

  const safety = newestFirst.filter((b) => !AUTOMATIC.includes(b.kind));
  const cutoff = now.getTime() - 30 * 86_400_000;
  safety.forEach((b, i) => {
    if (i < 5 || new Date(b.createdAt).getTime() >= cutoff) keep.add(b.name);
  });
  return keep;
}

export function pruneBackups(dir: string, now: Date): string[] {
  const backups = listBackups(dir);
  const keep = backupsToKeep(backups, now);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.name)) continue;
    fs.rmSync(path.join(dir, b.name), { force: true });
    removed.push(b.name);
  }
  return removed;
}
