import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openFolio, type Folio, type FolioOptions } from '../../src/main/app';
import { migratePg } from '../../src/main/db/migrations/pg/migrate';
import { openSharedBooks } from '../../src/main/db/pg/open';
import { addPerson, setUpRoles, type Role } from '../../src/main/db/pg/roles';
import { createTestDatabase, dropTestDatabase, testCluster } from './pg';
import type { SqliteStore } from '../../src/main/db/store';
import type { Sqlite } from '../../src/main/db/open';
import type { Input, Method, Output } from '../../src/shared/api/contract';
import type { ApiError, Result } from '../../src/shared/api/envelope';
import { createLogger, silentLogger } from '../../src/main/log';
import type { Clock } from '../../src/main/services/context';
import { tempDir } from './tmp';

export interface TestFolio {
  folio: Folio;
  dataDir: string;
  /** Calls a method through the real dispatcher; returns the value or throws the envelope's error. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Calls a method and returns the raw envelope (for asserting on errors). */
  raw(method: string, input: unknown, lang?: string): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

/**
 * The engine the integration tests run on: the local SQLite file (default) or shared books on
 * the run's PostgreSQL cluster (FOLIO_TEST_ENGINE=postgres; see test/pg-setup.ts). The same
 * tests, with the same expectations, run on both.
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.FOLIO_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A person signed in to shared test books (a LOGIN role of the test cluster). */
export interface SharedPerson {
  login: string;
  password: string;
}

const SHARED_MARK = '.test-shared-books.json';

/**
 * New shared books on the test cluster: a database with Folio's schema and roles, and an owner
 * to sign in as. Recorded in the data folder, so a test that reopens the folder reopens them.
 */
export async function createSharedBooks(dataDir: string): Promise<{ database: string; owner: SharedPerson }> {
  const mark = path.join(dataDir, SHARED_MARK);
  if (fs.existsSync(mark)) return JSON.parse(fs.readFileSync(mark, 'utf8')) as never;
  const db = await createTestDatabase('books');
  const admin = new pg.Client(db.config);
  await admin.connect();
  const owner = {
    login: `owner_${randomBytes(4).toString('hex')}`,
    password: randomBytes(12).toString('hex'),
  };
  try {
    await migratePg(admin as never);
    await setUpRoles(admin);
    await addPerson(admin, {
      name: 'Ann Owner',
      login: owner.login,
      password: owner.password,
      role: 'owner',
    });
  } finally {
    await admin.end();
  }
  const books = { database: db.config.database, owner };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(mark, JSON.stringify(books));
  return books;
}

/**
 * Another data folder (another machine) on the same shared books: openTestFolio({ dataDir,
 * person }) on it then signs in to those books. Dropping them is the caller's (dropTestDatabase).
 */
export function joinSharedBooks(dataDir: string, books: { database: string; owner: SharedPerson }): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, SHARED_MARK), JSON.stringify(books));
}

/** A new person in shared test books, as the server's administrator adds them. */
export async function addSharedPerson(database: string, name: string, role: Role): Promise<SharedPerson> {
  const person = {
    login: `${role}_${randomBytes(4).toString('hex')}`,
    password: randomBytes(12).toString('hex'),
  };
  const admin = new pg.Client({ ...testCluster()!, database });
  await admin.connect();
  try {
    await addPerson(admin, { name, ...person, role });
  } finally {
    await admin.end();
  }
  return person;
}

/**
 * Folio on a machine of its own (a new data folder) signed in to `books` as `who`; what closes
 * it and removes the folder goes into `cleanups`.
 */
export async function openOnOwnMachine(
  books: { database: string; owner: SharedPerson },
  who: SharedPerson,
  options: { clock?: Clock; cleanups: (() => void | Promise<void>)[] },
): Promise<TestFolio> {
  const dir = tempDir();
  joinSharedBooks(dir.dir, books);
  const t = await openTestFolio({ dataDir: dir.dir, person: who, clock: options.clock, keep: true });
  options.cleanups.push(dir.cleanup, () => t.close());
  return t;
}

/**
 * New shared books with their owner's Folio open on a data folder of its own; what closes it,
 * drops the books and removes the folder goes into `cleanups`.
 */
export async function openNewSharedBooks(options: {
  clock?: Clock;
  cleanups: (() => void | Promise<void>)[];
}): Promise<{ books: { database: string; owner: SharedPerson }; owner: TestFolio }> {
  const first = tempDir();
  options.cleanups.push(first.cleanup);
  const books = await createSharedBooks(first.dir);
  options.cleanups.push(() => dropTestDatabase(books.database));
  const owner = await openTestFolio({
    dataDir: first.dir,
    person: books.owner,
    clock: options.clock,
    keep: true,
  });
  options.cleanups.push(() => owner.close());
  return { books, owner };
}

/** How a person opens the shared books of a test data folder (see createSharedBooks). */
export function sharedSettings(database: string, person: SharedPerson) {
  const cluster = testCluster();
  if (!cluster) throw new Error('PostgreSQL is not available');
  return { host: cluster.host, port: cluster.port, database, user: person.login, password: person.password };
}

/**
 * Opens Folio on a temporary (or given) data folder, exactly as the shells do. On shared books
 * when the run's engine is PostgreSQL, or when a `person` signs in (whatever the engine).
 */
export async function openTestFolio(
  options: { dataDir?: string; clock?: Clock; keep?: boolean; person?: SharedPerson } = {},
): Promise<TestFolio> {
  const tmp = options.dataDir ? null : tempDir();
  const dataDir = options.dataDir ?? tmp!.dir;
  let shared: FolioOptions['shared'];
  let drop = async () => {};
  if (TEST_ENGINE === 'postgres' || options.person) {
    const books = await createSharedBooks(dataDir);
    const person = options.person ?? books.owner;
    shared = {
      connect: async (hooks) => await openSharedBooks(sharedSettings(books.database, person), hooks),
      user: person.login,
    };
    drop = async () => await dropTestDatabase(books.database);
  }
  const folio = await openFolio({
    dataDir,
    mode: 'browser',
    version: 'test',
    clock: options.clock,
    // FOLIO_TEST_LOG=1 prints what the app logs (an INTERNAL error's cause) to stderr.
    log: process.env.FOLIO_TEST_LOG
      ? createLogger(null, (line) => process.stderr.write(line + '\n'))
      : silentLogger,
    shared,
  });
  return {
    folio,
    dataDir,
    raw: (method, input, lang) => folio.dispatch(method, input, lang),
    async call(method, input) {
      const result = await folio.dispatch(method, input);
      if (!result.ok) throw new CallError(result.error);
      return result.value as never;
    },
    async close() {
      await folio.close();
      if (!options.keep) {
        tmp?.cleanup();
        if (tmp) await drop();
      }
    },
  };
}

/** A clock fixed at a given instant (and the local date of that instant). */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    today: () => now.toISOString().slice(0, 10),
    set: (next) => {
      now = new Date(next);
    },
  };
}

export const SAMPLE_PROFILE = {
  name: 'Acme Studio Ltd',
  address: {
    line1: '1 Market Street',
    line2: '',
    city: 'Dublin',
    region: '',
    postalCode: 'D02 XY45',
    country: 'Ireland',
  },
  email: 'hello@acme.example',
  phone: '+353 1 234 5678',
  website: 'acme.example',
  taxNumber: 'IE1234567T',
};

export const SAMPLE_PREFERENCES = {
  baseCurrency: 'EUR',
  locale: 'en-IE',
  defaultPaymentTerms: { kind: 'net' as const, days: 30 },
  fiscalYearStartMonth: 1,
  fiscalYearStartDay: 1,
};

export const EMPTY_ADDRESS = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

/**
 * The settings.completeSetup input of a business: the profile's fields not given are empty,
 * the preferences SAMPLE_PREFERENCES' (EUR, en-IE, net 30, calendar year) unless given.
 */
export function setupInput(
  profile: Partial<typeof SAMPLE_PROFILE> & { name: string },
  preferences: Partial<Omit<typeof SAMPLE_PREFERENCES, 'defaultPaymentTerms'>> & {
    defaultPaymentTerms?: { kind: 'net'; days: number };
  } = {},
) {
  return {
    profile: { address: EMPTY_ADDRESS, email: '', phone: '', website: '', taxNumber: '', ...profile },
    preferences: { ...SAMPLE_PREFERENCES, ...preferences },
  };
}

/** A real 2×2 grey progressive JPEG (written by MuPDF). */
export const TWO_PIXEL_JPEG =
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQYHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wgARCAACAAIDAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAABv/EABQBAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhADEAAAAWB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABBQJ//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPwF//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPwF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF//9oADAMBAAIAAwAAABAf/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPxB//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPxB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxB//9k=';

/** A real 1×1 red PNG. */
export const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** The local book's SQLite store, for tests that look into the file itself (SQLite books only). */
export function localStore(ctx: Folio['ctx']): SqliteStore {
  const host = ctx.host;
  if (host.engine !== 'sqlite') throw new Error('This test reads the local SQLite file');
  return host.store;
}

/** The local book's better-sqlite3 connection (SQLite books only). */
export function localSqlite(ctx: Folio['ctx']): Sqlite {
  return localStore(ctx).sqlite;
}

/**
 * The stored files of the books (scans, e-invoices' original files), read where the engine
 * keeps them and not through the attachment store: the local data folder's attachments/ab/…
 * files, or the shared books' attachment_files table. Hash → bytes.
 */
export async function storedFiles(ctx: Folio['ctx']): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (ctx.host.engine === 'sqlite') {
    const dir = ctx.paths.attachmentsDir;
    if (!fs.existsSync(dir)) return out;
    for (const prefix of fs.readdirSync(dir))
      for (const name of fs.readdirSync(path.join(dir, prefix)))
        out.set(name, fs.readFileSync(path.join(dir, prefix, name)));
    return out;
  }
  const rows = (await ctx.host.store
    .prepare('SELECT sha256, bytes FROM attachment_files ORDER BY sha256')
    .all()) as { sha256: string; bytes: Buffer }[];
  for (const r of rows) out.set(r.sha256, r.bytes);
  return out;
}
