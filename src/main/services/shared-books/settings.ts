import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../../db/private-files';
import type { SharedBooksSettings } from '../../db/pg/connect';
import type { SecretBox } from '../context';

/**
 * Which shared books this data folder opens instead of its local file: `shared-books.json`
 * in the data folder (owner-only, 0600), the password sealed like the SMTP password (the OS
 * keychain on the desktop, else the data folder's key file). No file: the local book.
 */
const FILE = 'shared-books.json';

interface Saved {
  host: string;
  port: number;
  database: string;
  user: string;
  passwordSealed: string;
  ca?: string;
}

export function sharedBooksFile(dataDir: string): string {
  return path.join(dataDir, FILE);
}

/** The saved connection, the password opened; null when the folder opens its local book. */
export function readSharedBooks(dataDir: string, secrets: SecretBox): SharedBooksSettings | null {
  const file = sharedBooksFile(dataDir);
  if (!fs.existsSync(file)) return null;
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Saved;
  return {
    host: saved.host,
    port: saved.port,
    database: saved.database,
    user: saved.user,
    password: secrets.open(saved.passwordSealed),
    ca: saved.ca,
  };
}

/** What the screens may show of the saved connection (never the password). */
export function describeSharedBooks(dataDir: string): Omit<Saved, 'passwordSealed' | 'ca'> | null {
  const file = sharedBooksFile(dataDir);
  if (!fs.existsSync(file)) return null;
  const { host, port, database, user } = JSON.parse(fs.readFileSync(file, 'utf8')) as Saved;
  return { host, port, database, user };
}

export function saveSharedBooks(dataDir: string, secrets: SecretBox, settings: SharedBooksSettings): void {
  const saved: Saved = {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    passwordSealed: secrets.seal(settings.password),
    ...(settings.ca ? { ca: settings.ca } : {}),
  };
  writePrivateFile(sharedBooksFile(dataDir), JSON.stringify(saved, null, 2));
}

export function forgetSharedBooks(dataDir: string): void {
  fs.rmSync(sharedBooksFile(dataDir), { force: true });
}
