import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (the desktop app uses one built for Electron). */
  nativeBinding?: string;
  readonly?: boolean;
  fileMustExist?: boolean;
}

/**
 * The binding every connection of this process uses unless told otherwise: the desktop app
 * sets the one built for Electron once (DatabaseHost does), so helper connections (reading a
 * backup, measuring a copy) do not load the Node build, which Electron cannot run.
 */
let defaultBinding: string | undefined;
export function useNativeBinding(nativeBinding: string | undefined): void {
  if (nativeBinding) defaultBinding = nativeBinding;
}

/**
 * Opens the data file with the pragmas every connection needs:
 *  - WAL: readers never block the writer and a commit is one append;
 *  - synchronous=NORMAL: in WAL mode a commit survives any crash or kill of the app (it is in
 *    the log before it is acknowledged); the log is synced at checkpoints, so a power cut can
 *    lose at most the last moments of work but never corrupts the file. FULL would sync every
 *    commit and double the time of a save (measured in npm run bench);
 *  - foreign_keys: SQLite leaves them off unless asked, per connection.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Sqlite {
  return configure(connect(file, options), options);
}

/**
 * Opens the file without changing it: no pragma that writes has run yet, so the caller can
 * read `user_version` first and leave a file from a newer Folio exactly as it was.
 */
export function connect(file: string, options: OpenOptions = {}): Sqlite {
  const nativeBinding = options.nativeBinding ?? defaultBinding;
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

/** The pragmas every connection needs (see openDatabase); switching to WAL writes the file. */
export function configure(db: Sqlite, options: { readonly?: boolean } = {}): Sqlite {
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Checkpoints move the log into the file. Leave them to the background job (jobs.ts) rather
  // than to whichever save crosses SQLite's default 1,000 pages; this bound only caps the log.
  if (!options.readonly) db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** PRAGMA quick_check: the problems it found, or an empty list when the file is sound. */
export function quickCheck(db: Sqlite): string[] {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  return problems;
}

export function schemaVersion(db: Sqlite): number {
  return db.pragma('user_version', { simple: true }) as number;
}
