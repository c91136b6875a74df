import fs from 'node:fs';
import path from 'node:path';

/**
 * Everything Folio keeps in its data folder is the owner's alone: folders 0700, files 0600,
 * whatever the process umask. Created that way, and tightened at open when an older Folio
 * (or a copy) left them readable by other local users. Windows has no such modes; there the
 * calls are harmless and the user's profile folder already keeps others out.
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Makes the folder (and missing parents) and sets the folder itself to 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  tighten(dir, PRIVATE_DIR);
}

/** Sets a mode when the file's group/other bits are wider than it; never throws. */
export function tighten(file: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o777) !== mode) fs.chmodSync(file, mode);
  } catch {
    // gone, or not ours: nothing to tighten
  }
}

/** Writes a whole file created 0600 (the mode is set again in case the file already existed). */
export function writePrivateFile(file: string, data: string | Uint8Array, flag = 'w'): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE, flag });
  tighten(file, PRIVATE_FILE);
}

/** The data folder's own files and folders (desktop: also Electron's, which are left alone). */
const FOLIO_FILES =
  /^(folio\.sqlite3(-wal|-shm)?|folio\.lock|secret\.key|window-state\.json|mail-password\.json)$/;
const FOLIO_DIRS = ['backups', 'logs', 'attachments'];

/**
 * Tightens the data folder and what Folio keeps in it (the database with its -wal and -shm,
 * backups, logs, attachments, the lock and key files). Runs at every open; a file whose mode
 * is already right costs one stat.
 */
export function tightenDataFolder(dataDir: string): void {
  if (process.platform === 'win32') return;
  const walk = (dir: string, depth: number) => {
    tighten(dir, PRIVATE_DIR);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 2) walk(full, depth + 1);
      } else if (e.isFile()) tighten(full, PRIVATE_FILE);
    }
  };
  tighten(dataDir, PRIVATE_DIR);
  for (const name of safeList(dataDir)) {
    if (FOLIO_FILES.test(name)) tighten(path.join(dataDir, name), PRIVATE_FILE);
  }
  for (const name of FOLIO_DIRS) {
    const dir = path.join(dataDir, name);
    if (fs.existsSync(dir)) walk(dir, 0);
  }
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
