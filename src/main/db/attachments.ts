import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { msg } from '../../shared/i18n';
import { AppError } from '../../shared/api/errors';
import { SHA256_HEX } from '../../shared/domain/attachments';
import { PRIVATE_FILE, ensurePrivateDir } from './private-files';
import type { Store } from './store';

/**
 * Where stored files live — scanned bills, the original file of an imported e-invoice — and
 * the one place that knows. Every file is known by the SHA-256 of its bytes, so the same file
 * is stored once and an identical scan on two bills is noticed; a stored file is never changed
 * or deleted (a restored backup, or another bill, may still refer to it).
 *
 * - Local books (SQLite): in the data folder's attachments/ directory (attachments/ab/abcdef…),
 *   next to the database file, which backups and restore carry along. A file is written to a
 *   temporary name, flushed, then renamed, so a crash never leaves half a file under a hash.
 * - Shared books (PostgreSQL): in the database's attachment_files table (migration 14), so
 *   every person who opens the books sees the same files, with the same rights as the rest
 *   of the books (a viewer's connection cannot add one). Written once with ON CONFLICT DO
 *   NOTHING; inside the caller's transaction when there is one.
 *
 * Services never touch either place themselves: they call filesOf(ctx)
 * (services/payables/attachments.ts), which hands them this store for their books.
 */
export interface AttachmentStore {
  /** Stores the bytes (once) and returns their SHA-256, in lowercase hex. */
  write(bytes: Uint8Array): Promise<string>;
  /** The whole file, or null when no file has this hash. Read once per request: a scan may be 20 MB. */
  read(sha256: string): Promise<Buffer | null>;
  /** The file's first kilobyte (what tells its type) and its size, without reading the rest. */
  head(sha256: string): Promise<{ head: Buffer; size: number } | null>;
  exists(sha256: string): Promise<boolean>;
}

/** How many leading bytes head() gives: enough for every signature we detect. */
export const HEAD_BYTES = 1024;

/** A hash as given by a caller (an API input), refused unless it is one (no path in it). */
export function checkedHash(sha256: string): string {
  if (!SHA256_HEX.test(sha256))
    throw new AppError('VALIDATION', msg('errors.attachments.notAttachmentId'), 'sha256');
  return sha256;
}

export const hashOf = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** The file of a hash in a local data folder's attachments directory. */
export function attachmentFile(attachmentsDir: string, sha256: string): string {
  return path.join(attachmentsDir, sha256.slice(0, 2), checkedHash(sha256));
}

/**
 * The stored files of a book: in `attachmentsDir` for a local book, in the database for
 * shared books. `now` dates a new row (the service's clock).
 */
export function attachmentStore(
  store: Store,
  attachmentsDir: string,
  now: () => Date = () => new Date(),
): AttachmentStore {
  return store.engine === 'postgres' ? databaseFiles(store, now) : folderFiles(attachmentsDir);
}

/**
 * Folders known to exist (made and set private) in this process: a batch import writes a
 * thousand files into the same 256 folders, and each check is a mkdir and a stat on the main
 * thread. A folder gone since (a restored backup) is made again when a write finds it missing.
 */
const madeFolders = new Set<string>();

function folder(d: string, again = false): void {
  if (!again && madeFolders.has(d)) return;
  ensurePrivateDir(d);
  madeFolders.add(d);
}

function folderFiles(dir: string): AttachmentStore {
  return {
    // The write, flush and rename run on libuv's threads (fs.promises): the flush waits for the
    // disk, and a batch import starts the next files' writes while it saves this one, so the
    // main thread does not wait for the disk (~7 s of a 1,000-file e-invoice import under
    // load when it was fsyncSync). Two writes of the same bytes at once each rename a whole file.
    async write(bytes) {
      const sha256 = hashOf(bytes);
      const file = attachmentFile(dir, sha256);
      if (!fs.existsSync(file)) {
        const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        const create = () => fs.promises.open(temp, 'w', PRIVATE_FILE);
        folder(dir);
        folder(path.dirname(file));
        let handle: fs.promises.FileHandle;
        try {
          handle = await create();
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          folder(dir, true);
          folder(path.dirname(file), true);
          handle = await create();
        }
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(temp, file);
      }
      return sha256;
    },
    async read(sha256) {
      const file = attachmentFile(dir, sha256);
      try {
        return fs.readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async head(sha256) {
      const file = attachmentFile(dir, sha256);
      let fd: number;
      try {
        fd = fs.openSync(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const head = Buffer.alloc(HEAD_BYTES);
        const n = fs.readSync(fd, head, 0, head.length, 0);
        return { head: head.subarray(0, n), size: fs.fstatSync(fd).size };
      } finally {
        fs.closeSync(fd);
      }
    },
    async exists(sha256) {
      return fs.existsSync(attachmentFile(dir, sha256));
    },
  };
}

function databaseFiles(store: Store, now: () => Date): AttachmentStore {
  return {
    async write(bytes) {
      const sha256 = hashOf(bytes);
      // RETURNING names one short column: the store would otherwise return the whole row.
      await store
        .prepare(
          `INSERT INTO attachment_files (sha256, bytes, size, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
        )
        .run(
          sha256,
          Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          bytes.byteLength,
          now().toISOString(),
        );
      return sha256;
    },
    async read(sha256) {
      const row = (await store
        .prepare('SELECT bytes FROM attachment_files WHERE sha256 = ?')
        .get(checkedHash(sha256))) as { bytes: Buffer } | undefined;
      return row ? row.bytes : null;
    },
    async head(sha256) {
      const row = (await store
        .prepare(
          `SELECT size, substring(bytes FROM 1 FOR ${HEAD_BYTES}) AS head FROM attachment_files WHERE sha256 = ?`,
        )
        .get(checkedHash(sha256))) as { size: number; head: Buffer } | undefined;
      return row ? { head: row.head, size: row.size } : null;
    },
    async exists(sha256) {
      return (
        (await store
          .prepare('SELECT 1 AS one FROM attachment_files WHERE sha256 = ?')
          .get(checkedHash(sha256))) !== undefined
      );
    },
  };
}
