import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { ParsedInput } from '../../../shared/api/contract';
import type { ServerBackup, ServerBackups } from '../../../shared/api/shared-books-server';
import { AppError } from '../../../shared/api/errors';
import { msg } from '../../../shared/i18n';
import {
  ensurePrivateDir,
  PRIVATE_DIR,
  PRIVATE_FILE,
  tighten,
  writePrivateFile,
} from '../../db/private-files';
import { isLoopback, tlsFor, type SharedBooksSettings } from '../../db/pg/connect';
import { setUpRoles } from '../../db/pg/roles';
import { openSharedBooks } from '../../db/pg/open';
import { folioTypes } from '../../db/pg/store';
import type { ServiceContext } from '../context';
import { keyFileSecretBox } from '../secrets';
import { readSharedBooks, saveSharedBooks } from './settings';

/**
 * Backups of shared books with PostgreSQL's own tools (issue 14 §5). The local file's backups
 * (db/backups.ts) copy a SQLite file; shared books live on the server, so Folio runs
 * `pg_dump --format=custom` with the saved connection into a private file (0600) of the
 * backups folder's `shared` folder, named with the database and the time, and restores one
 * with `pg_restore` into a new, empty database — never over the books that are open — which
 * the owner may then choose to open instead.
 *
 * The password reaches the tools in a passfile (PGPASSFILE, 0600, in a private staging folder
 * of the data folder, removed at once): never on the command line, in the environment of
 * the child or in a log. pg_dump's major version must be at least the server's (an older
 * pg_dump refuses a newer server): the newest installed tool is chosen and the mismatch
 * said in words. Only an owner backs up: a bookkeeper's or viewer's pg_dump would be refused
 * the rights anyway, so Folio says so instead of starting it.
 */

const SHARED_FOLDER = 'shared';
const NAME = /^([a-z0-9_]{1,63})-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(-auto)?\.dump$/;
/** Automatic backups kept per database (manual ones are the owner's to remove). */
export const AUTOMATIC_KEEP = 14;
const DAY_MS = 24 * 3_600_000;

function secretsOf(ctx: ServiceContext) {
  return ctx.secrets ?? keyFileSecretBox(ctx.paths.dataDir);
}

function folderOf(ctx: ServiceContext): string {
  return path.join(ctx.paths.backupsDir, SHARED_FOLDER);
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/** Folders under root named by a version ("15", "16.2", "postgresql@16"), newest first. */
function versionedDirs(root: string, sub: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const version = (n: string) => Number.parseFloat(n.slice(prefix.length)) || 0;
  return names
    .filter((n) => n.startsWith(prefix) && version(n) > 0)
    .sort((a, b) => version(b) - version(a))
    .map((n) => path.join(root, n, sub));
}

/**
 * Where PostgreSQL's client tools may be: FOLIO_PG_BIN, the PATH, then the usual install
 * folders (Debian/Ubuntu, RHEL, the Windows installer, Postgres.app, Homebrew).
 */
export function toolFolders(): string[] {
  const dirs: string[] = [];
  if (process.env.FOLIO_PG_BIN) dirs.push(process.env.FOLIO_PG_BIN);
  dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  if (process.platform === 'win32') {
    for (const base of [process.env.ProgramFiles, process.env['ProgramFiles(x86)']])
      if (base) dirs.push(...versionedDirs(path.join(base, 'PostgreSQL'), 'bin'));
  } else if (process.platform === 'darwin') {
    dirs.push(...versionedDirs('/Applications/Postgres.app/Contents/Versions', 'bin'));
    for (const brew of ['/opt/homebrew/opt', '/usr/local/opt'])
      dirs.push(...versionedDirs(brew, 'bin', 'postgresql@'));
  } else {
    dirs.push(...versionedDirs('/usr/lib/postgresql', 'bin'));
    dirs.push(...versionedDirs('/usr', 'bin', 'pgsql-'));
  }
  return [...new Set(dirs)];
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr) }));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

interface Tool {
  path: string;
  /** "15.10" */
  version: string;
  major: number;
}

/** `pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)` → 15.10 */
async function toolVersion(file: string): Promise<Tool | null> {
  try {
    const { stdout } = await run(file, ['--version'], { PATH: process.env.PATH ?? '' }, 10_000);
    const m = /\)\s*(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!m) return null;
    return { path: file, version: m[2] ? `${m[1]}.${m[2]}` : m[1]!, major: Number(m[1]) };
  } catch {
    return null;
  }
}

/**
 * The tool to run against a server of that major version: the first one found whose major
 * version is at least the server's; else the newest found (the caller says it is too old);
 * null when none is installed.
 */
export async function findTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<Tool | null> {
  const found: Tool[] = [];
  for (const dir of toolFolders()) {
    const file = path.join(dir, exe(name));
    if (!fs.existsSync(file)) continue;
    const tool = await toolVersion(file);
    if (!tool) continue;
    if (tool.major >= serverMajor) return tool;
    found.push(tool);
  }
  return found.sort((a, b) => b.major - a.major)[0] ?? null;
}

/** What an administrator types instead (the password is asked by the tool, never written). */
export function documentedCommand(
  settings: Pick<SharedBooksSettings, 'host' | 'port' | 'user' | 'database'>,
) {
  return `pg_dump --format=custom --host=${settings.host} --port=${settings.port} --username=${settings.user} --dbname=${settings.database} --file=${settings.database}.dump`;
}

function savedSettings(ctx: ServiceContext): SharedBooksSettings {
  const settings = ctx.host.engine === 'postgres' ? readSharedBooks(ctx.paths.dataDir, secretsOf(ctx)) : null;
  if (!settings) throw new AppError('CONFLICT', msg('sharedBooks.backups.notShared'));
  return settings;
}

async function serverFacts(ctx: ServiceContext): Promise<{ major: number; version: string; owner: boolean }> {
  const row = (await ctx.host.store
    .prepare(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version, pg_has_role(current_user, 'folio_owner', 'MEMBER') AS owner",
    )
    .get()) as { num: string; version: string; owner: number };
  return {
    major: Math.floor(Number(row.num) / 10000),
    version: row.version.split(' ')[0]!,
    owner: row.owner === 1,
  };
}

/** Why this Folio may not back up the shared books now, or null when it may. */
function refusal(
  facts: { major: number; version: string; owner: boolean },
  tool: Tool | null,
): string | null {
  if (!facts.owner) return msg('sharedBooks.backups.ownersOnly');
  if (!tool) return msg('sharedBooks.backups.noTool');
  if (tool.major < facts.major)
    return msg('sharedBooks.backups.toolTooOld', { tool: tool.version, server: facts.version });
  return null;
}

/** libpq's TLS settings for the tools: the same rule as the app's own connection (connect.ts). */
function tlsEnv(settings: SharedBooksSettings, staging: string, tool: Tool): NodeJS.ProcessEnv {
  if (isLoopback(settings.host) || tlsFor(settings) === false) return { PGSSLMODE: 'prefer' };
  const env: NodeJS.ProcessEnv = { PGSSLMODE: 'verify-full' };
  if (settings.ca) {
    const ca = path.join(staging, 'ca.pem');
    writePrivateFile(ca, settings.ca);
    env.PGSSLROOTCERT = ca;
  } else if (tool.major >= 16) {
    // The operating system's authorities, as the app's own connection uses (libpq 16+).
    env.PGSSLROOTCERT = 'system';
  }
  return env;
}

const passfileField = (v: string) => v.replace(/\\/g, '\\\\').replace(/:/g, '\\:');

/**
 * Runs a PostgreSQL tool with the saved sign-in: a private staging folder holds the passfile
 * (and the CA file), removed whatever happens. The child's environment carries no other PG*
 * variable of this process, so nothing set for another server leaks in.
 */
async function withSignIn<T>(
  ctx: ServiceContext,
  settings: SharedBooksSettings,
  tool: Tool,
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  // Named like the other staging folders, so one left by a crash is removed at the next start.
  const staging = path.join(ctx.paths.dataDir, `.export-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(staging, { mode: PRIVATE_DIR });
  tighten(staging, PRIVATE_DIR);
  try {
    const passfile = path.join(staging, 'pgpass');
    writePrivateFile(
      passfile,
      `${[settings.host, String(settings.port), '*', settings.user, settings.password].map(passfileField).join(':')}\n`,
    );
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
    Object.assign(env, tlsEnv(settings, staging, tool), {
      PGPASSFILE: passfile,
      PGCONNECT_TIMEOUT: '15',
      PGAPPNAME: 'Folio backup',
    });
    return await fn(env);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The tool's own words, first lines only, for the log and the message (never a password). */
function toolError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  const text = stderr.trim() || (error instanceof Error ? error.message : String(error));
  return text.split('\n').slice(0, 3).join(' ').slice(0, 500);
}

function listFiles(ctx: ServiceContext): ServerBackup[] {
  const dir = folderOf(ctx);
  if (!fs.existsSync(dir)) return [];
  const out: ServerBackup[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    let bytes: number;
    try {
      bytes = fs.statSync(path.join(dir, name)).size;
    } catch {
      continue;
    }
    out.push({
      name,
      database: m[1]!,
      createdAt: `${m[2]}T${m[3]}:${m[4]}:${m[5]}Z`,
      bytes,
      automatic: m[6] !== undefined,
    });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function listServerBackups(ctx: ServiceContext): Promise<ServerBackups> {
  const settings = savedSettings(ctx);
  const facts = await serverFacts(ctx);
  const tool = await findTool('pg_dump', facts.major);
  const reason = refusal(facts, tool);
  return {
    canBackUp: reason === null,
    reason,
    tool: tool ? { path: tool.path, version: tool.version } : null,
    command: documentedCommand(settings),
    backups: listFiles(ctx),
  };
}

function fileName(database: string, at: Date, automatic: boolean): string {
  const iso = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${database}-${iso}Z${automatic ? '-auto' : ''}.dump`;
}

/** pg_dump -Fc of the open shared books into the backups folder (see the top of this file). */
export async function backUpSharedBooks(ctx: ServiceContext, automatic = false): Promise<ServerBackup> {
  const settings = savedSettings(ctx);
  if (!/^[a-z0-9_]{1,63}$/.test(settings.database))
    throw new AppError('CONFLICT', msg('sharedBooks.backups.unusualName'));
  const facts = await serverFacts(ctx);
  const tool = await findTool('pg_dump', facts.major);
  const reason = refusal(facts, tool);
  if (reason || !tool) throw new AppError('CONFLICT', reason ?? msg('sharedBooks.backups.noTool'));
  const dir = folderOf(ctx);
  ensurePrivateDir(ctx.paths.backupsDir);
  ensurePrivateDir(dir);
  const name = fileName(settings.database, ctx.clock.now(), automatic);
  const target = path.join(dir, name);
  const partial = `${target}.partial`;
  // Created 0600 before pg_dump writes into it, so the books are never readable by others.
  writePrivateFile(partial, '');
  try {
    await withSignIn(ctx, settings, tool, async (env) => {
      await run(
        tool.path,
        [
          '--format=custom',
          '--no-password',
          `--host=${settings.host}`,
          `--port=${settings.port}`,
          `--username=${settings.user}`,
          `--dbname=${settings.database}`,
          `--file=${partial}`,
        ],
        env,
        60 * 60_000,
      );
    });
    tighten(partial, PRIVATE_FILE);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    const said = toolError(error);
    ctx.log.error('pg_dump failed', { tool: tool.path, message: said });
    throw new AppError('CONFLICT', msg('sharedBooks.backups.dumpFailed', { message: said }));
  }
  const bytes = fs.statSync(target).size;
  ctx.log.info('shared books backed up', { name, bytes });
  return {
    name,
    database: settings.database,
    createdAt: ctx.clock.now().toISOString().slice(0, 19) + 'Z',
    bytes,
    automatic,
  };
}

/**
 * The daily automatic backup of shared books. It runs on the computer of an owner with a
 * suitable pg_dump (a bookkeeper's or viewer's could not dump the books; without pg_dump
 * nothing can), when this folder's newest backup of these books is a day old or more, under
 * the server-wide lock of the background jobs: two owners' computers never dump at the same
 * time (the one that finds the lock taken tries again at the next hourly check). Each owner's
 * computer keeps its own copies; the newest AUTOMATIC_KEEP automatic ones are kept. Null when
 * nothing was due or possible (said nowhere: the Backups tab says why to whoever looks).
 */
export async function automaticSharedBackup(ctx: ServiceContext): Promise<ServerBackup | null> {
  const host = ctx.host;
  if (host.engine !== 'postgres' || !host.isOpen) return null;
  const settings = readSharedBooks(ctx.paths.dataDir, secretsOf(ctx));
  if (!settings || !/^[a-z0-9_]{1,63}$/.test(settings.database)) return null;
  const newest = listFiles(ctx).find((b) => b.database === settings.database);
  if (newest && ctx.clock.now().getTime() - new Date(newest.createdAt).getTime() < DAY_MS) return null;
  const facts = await serverFacts(ctx);
  const tool = await findTool('pg_dump', facts.major);
  if (refusal(facts, tool)) return null;
  const made = await host.exclusive('folio-shared-backup', async () => await backUpSharedBooks(ctx, true));
  if (!made) return null;
  const automatic = listFiles(ctx).filter((b) => b.database === settings.database && b.automatic);
  for (const old of automatic.slice(AUTOMATIC_KEEP))
    fs.rmSync(path.join(folderOf(ctx), old.name), { force: true });
  return made;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function clientOn(settings: SharedBooksSettings, database: string): Promise<pg.Client> {
  const client = new pg.Client({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database,
    ssl: tlsFor(settings),
    types: folioTypes,
    application_name: 'Folio restore',
    connectionTimeoutMillis: 15_000,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * pg_restore of a backup into a new database: created here when the person may create
 * databases, else one the server's administrator created empty for them. Never the open
 * books, never a database that holds anything. The restore is one transaction (all or
 * nothing); a database created here is dropped again when it fails. Afterwards the group
 * roles get their rights (roles.ts) and whoever could connect to the open books may connect
 * to the restored ones.
 */
export async function restoreToNewDatabase(
  ctx: ServiceContext,
  input: ParsedInput<'sharedBooks.restoreToNew'>,
): Promise<{ database: string; documents: number; customers: number; payments: number }> {
  const settings = savedSettings(ctx);
  const backup = listFiles(ctx).find((b) => b.name === input.name);
  if (!backup) throw new AppError('NOT_FOUND', msg('sharedBooks.backups.noSuchBackup'));
  const database = input.database;
  if (database === settings.database)
    throw new AppError('CONFLICT', msg('sharedBooks.backups.notTheOpenOne', { database }), 'database');
  const facts = await serverFacts(ctx);
  if (!facts.owner) throw new AppError('READ_ONLY', msg('sharedBooks.backups.ownersOnly'));
  const tool = await findTool('pg_restore', facts.major);
  if (!tool) throw new AppError('CONFLICT', msg('sharedBooks.backups.noTool'));

  const store = ctx.host.store;
  const exists = await store.prepare('SELECT 1 AS one FROM pg_database WHERE datname = ?').get(database);
  let created = false;
  if (!exists) {
    try {
      await store.prepare(`CREATE DATABASE ${ident(database)}`).run();
      created = true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'READ_ONLY')
        throw new AppError(
          'READ_ONLY',
          msg('sharedBooks.backups.mayNotCreate', { database, user: settings.user }),
          'database',
        );
      throw error;
    }
  } else {
    let client: pg.Client;
    try {
      client = await clientOn(settings, database);
    } catch {
      throw new AppError('READ_ONLY', msg('sharedBooks.backups.cannotOpenTarget', { database }), 'database');
    }
    try {
      const used = (
        await client.query<{ n: number }>(
          "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public'",
        )
      ).rows[0]!.n;
      if (used > 0)
        throw new AppError('CONFLICT', msg('sharedBooks.backups.notEmpty', { database }), 'database');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  try {
    await withSignIn(ctx, settings, tool, async (env) => {
      await run(
        tool.path,
        [
          '--no-owner',
          '--no-acl',
          '--single-transaction',
          '--exit-on-error',
          '--no-password',
          `--host=${settings.host}`,
          `--port=${settings.port}`,
          `--username=${settings.user}`,
          `--dbname=${database}`,
          path.join(folderOf(ctx), backup.name),
        ],
        env,
        60 * 60_000,
      );
    });
  } catch (error) {
    if (created)
      await store
        .prepare(`DROP DATABASE IF EXISTS ${ident(database)}`)
        .run()
        .catch(() => undefined);
    const said = toolError(error);
    ctx.log.error('pg_restore failed', { tool: tool.path, message: said });
    throw new AppError('CONFLICT', msg('sharedBooks.backups.restoreFailed', { message: said }));
  }

  // Who may connect to the open books may connect to the restored ones; the rest (PUBLIC) not.
  const grantees = (await store
    .prepare(
      "SELECT a.grantee::regrole::text AS role FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = current_database() AND a.privilege_type = 'CONNECT' AND a.grantee <> 0",
    )
    .all()) as { role: string }[];
  const client = await clientOn(settings, database);
  try {
    await setUpRoles(client);
    for (const { role } of grantees)
      await client.query(
        `GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role.replace(/^"|"$/g, ''))}`,
      );
    const count = async (table: string) =>
      (await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]!.n;
    const result = {
      database,
      documents: await count('documents'),
      customers: await count('customers'),
      payments: await count('payments'),
    };
    ctx.log.info('shared books restored to a new database', { backup: backup.name, ...result });
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Opens another database of the same server from the next start (the restored books): the
 * sign-in is checked on it first, then the saved connection changed.
 */
export async function useRestoredDatabase(
  ctx: ServiceContext,
  input: ParsedInput<'sharedBooks.useDatabase'>,
): Promise<{ database: string }> {
  const settings = savedSettings(ctx);
  const next = { ...settings, database: input.database };
  const connection = await openSharedBooks(next);
  await connection.close();
  saveSharedBooks(ctx.paths.dataDir, secretsOf(ctx), next);
  ctx.log.info('shared books: another database opens at the next start', { database: input.database });
  return { database: input.database };
}
