import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVATE_FILE, ensurePrivateDir } from './db/private-files';

/**
 * One Folio process per data folder: two processes writing one SQLite file through two
 * apps' caches is how books get lost. The lock is `folio.lock` (0600), holding JSON:
 * the owner's pid, its start time (Linux: from /proc, in clock ticks since boot), the boot id
 * and the host name. A lock is stale, and taken over, when
 *  - it names this host and the process is gone, or
 *  - it names this host and a boot id other than the current one (the machine restarted), or
 *  - the pid is alive but started at another time (a reboot reused the number: "process 1").
 * A lock from another host (a data folder on a network share) or one that cannot be judged
 * is held until the user takes it over (`--take-over`, or the button on the desktop dialog).
 */
export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly host: string,
  ) {
    super(
      host && host !== os.hostname()
        ? `Folio seems to be running on ${dataDir} from the computer "${host}" (process ${pid}). ` +
            'Close it there first, or take over the lock if that Folio is no longer running.'
        : `Folio is already running on ${dataDir} (process ${pid}). Close it first, or take over ` +
            'the lock if that Folio is no longer running.',
    );
  }
}

export interface LockOwner {
  pid: number;
  /** Process start time, /proc/<pid>/stat field 22 (Linux); null elsewhere. */
  startTime: string | null;
  bootId: string | null;
  host: string;
  nonce: string;
}

function readFirstLine(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[0]!.trim() || null;
  } catch {
    return null;
  }
}

export function bootId(): string | null {
  return readFirstLine('/proc/sys/kernel/random/boot_id');
}

/** When the process started, in clock ticks since boot (Linux), or null when unknown. */
export function processStartTime(pid: number): string | null {
  const stat = readFirstLine(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 overall
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0) return null;
    return {
      pid: o.pid,
      startTime: typeof o.startTime === 'string' ? o.startTime : null,
      bootId: typeof o.bootId === 'string' ? o.bootId : null,
      host: typeof o.host === 'string' ? o.host : '',
      nonce: typeof o.nonce === 'string' ? o.nonce : '',
    };
  } catch {
    // An older Folio wrote just the pid.
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0
      ? { pid, startTime: null, bootId: null, host: os.hostname(), nonce: '' }
      : null;
  }
}

/** Whether the owner named by a lock file is certainly gone. */
export function isStale(owner: LockOwner): boolean {
  if (owner.host && owner.host !== os.hostname()) return false;
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return true;
  if (owner.pid === process.pid) return true; // this process's own lock, from an earlier open
  if (!isAlive(owner.pid)) return true;
  if (owner.startTime) {
    const now = processStartTime(owner.pid);
    return now !== null && now !== owner.startTime;
  }
  // An old pid-only lock naming a live process: stale when that process is not a Folio
  // (Node or Electron), which is what a reboot that reused the number looks like.
  const cmd = readFirstLine(`/proc/${owner.pid}/cmdline`);
  if (cmd === null) return false;
  return !/node|electron|folio/i.test(cmd);
}

export function acquireDataLock(dataDir: string, options: { takeOver?: boolean } = {}): () => void {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, 'folio.lock');
  const me: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: bootId(),
    host: os.hostname(),
    nonce: crypto.randomBytes(8).toString('hex'),
  };
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, text, { flag: 'wx', mode: PRIVATE_FILE });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === text) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: LockOwner | null;
      try {
        owner = parseOwner(fs.readFileSync(file, 'utf8'));
      } catch {
        continue; // removed between our write and our read: try again
      }
      if (owner && !options.takeOver && !isStale(owner))
        throw new DataFolderLockedError(dataDir, owner.pid, owner.host);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}.`);
}
