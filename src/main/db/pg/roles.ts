import crypto from 'node:crypto';
import type pg from 'pg';

/**
 * Who may do what in shared books, enforced by the server, not by Folio: a person who signs in
 * with another program gets exactly the same rights.
 *
 * Three group roles (NOLOGIN); each person is a LOGIN role that belongs to one of them:
 * - `folio_owner`: reads and writes everything, the business settings included;
 * - `folio_bookkeeper`: reads everything, writes everything but the business settings
 *   (the business profile, the `settings` table, and the numbering scheme: it may move a
 *   series' next number, which issuing a document does, but not change its prefix or format);
 * - `folio_viewer`: reads only.
 * Stored files (APPEND_ONLY_TABLES) are added by owners and bookkeepers and changed by nobody.
 * Nobody but the server's administrator adds people: CREATEROLE is not given to owners, since
 * before PostgreSQL 16 it lets its holder make themselves nearly a superuser.
 *
 * Group roles belong to the whole server (cluster), and one server may hold several
 * companies' books: so a person may connect only to the database they were added to
 * (CONNECT is revoked from PUBLIC and granted per person).
 */
export type Role = 'owner' | 'bookkeeper' | 'viewer';

export const GROUP_ROLES: Record<Role, string> = {
  owner: 'folio_owner',
  bookkeeper: 'folio_bookkeeper',
  viewer: 'folio_viewer',
};

/** The tables that hold the business settings: owners only may change them. */
export const SETTINGS_TABLES = ['business_profile', 'settings', 'number_series'] as const;

/**
 * Tables whose rows are written once and never changed or deleted, by anyone: the stored
 * files of shared books (migration 14), known by the hash of their bytes.
 */
export const APPEND_ONLY_TABLES = ['attachment_files'] as const;

/** A column of a settings table that everyday work moves (issuing a document takes a number). */
const BOOKKEEPER_COLUMNS: Record<string, readonly string[]> = { number_series: ['next_number'] };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function ensureGroupRole(admin: pg.ClientBase, role: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount) return;
  try {
    await admin.query(`CREATE ROLE ${ident(role)} NOLOGIN`);
  } catch (error) {
    // Another connection made it at the same moment (roles are shared by the whole server).
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error;
  }
}

/**
 * Creates the group roles if the server has none yet and grants them their rights on every
 * table and sequence of the current database's `public` schema, now and (default privileges)
 * for tables the admin creates later (the migrations). Run by the administrator who owns the
 * schema, after the schema is created and after every migration; it is idempotent.
 */
export async function setUpRoles(admin: pg.ClientBase): Promise<void> {
  for (const role of Object.values(GROUP_ROLES)) await ensureGroupRole(admin, role);
  const db = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  const { owner, bookkeeper, viewer } = GROUP_ROLES;
  const all = `${ident(owner)}, ${ident(bookkeeper)}, ${ident(viewer)}`;
  const statements = [
    `REVOKE CONNECT, TEMPORARY ON DATABASE ${ident(db)} FROM PUBLIC`,
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${all}`,
    // Everything to owners, reading to everyone.
    `GRANT ALL ON ALL TABLES IN SCHEMA public TO ${ident(owner)}`,
    `GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${ident(owner)}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ident(bookkeeper)}, ${ident(viewer)}`,
    `GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident(viewer)}`,
    // Bookkeepers write every table, then lose the settings tables again.
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident(bookkeeper)}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${ident(bookkeeper)}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO ${ident(owner)}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO ${ident(owner)}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ident(bookkeeper)}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${ident(bookkeeper)}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${ident(viewer)}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO ${ident(viewer)}`,
  ];
  for (const s of statements) await admin.query(s);
  const present = await admin.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)",
    [SETTINGS_TABLES],
  );
  for (const { table_name: table } of present.rows) {
    await admin.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${ident(table)} FROM ${ident(bookkeeper)}`);
    for (const column of BOOKKEEPER_COLUMNS[table] ?? [])
      await admin.query(`GRANT UPDATE (${ident(column)}) ON ${ident(table)} TO ${ident(bookkeeper)}`);
  }
  const appendOnly = await admin.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)",
    [APPEND_ONLY_TABLES],
  );
  for (const { table_name: table } of appendOnly.rows)
    await admin.query(
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${ident(table)} FROM ${ident(owner)}, ${ident(bookkeeper)}`,
    );
}

export interface Person {
  /** The person's name as the books show it (stored as the role's comment). */
  name: string;
  /** What they type to sign in; also the name the audit log records. */
  login: string;
  password: string;
  role: Role;
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, the server's
 * own format): given instead of the password, the server keeps it as it is.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest();
  const storedKey = crypto.createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** A login: letters, digits, `_ . @ -`, at most 63 characters (PostgreSQL's limit). */
const LOGIN = /^[A-Za-z0-9_.@-]{1,63}$/;

/**
 * Adds a person to the current database's books: a LOGIN role with their password, member of
 * their group role, allowed to connect to this database. `admin` is a connection of a role
 * with CREATEROLE (the server's administrator).
 */
export async function addPerson(admin: pg.ClientBase, person: Person): Promise<void> {
  if (
    !LOGIN.test(person.login) ||
    person.login.toLowerCase().startsWith('folio_') ||
    person.login.startsWith('pg_')
  )
    throw new Error(`not a valid login: ${person.login}`);
  const group = GROUP_ROLES[person.role];
  const db = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  // CREATE ROLE takes no parameters: the statement carries the SCRAM verifier, never the
  // password, so a server that logs its statements does not log the password.
  await admin.query(
    `CREATE ROLE ${ident(person.login)} LOGIN PASSWORD ${literal(scramVerifier(person.password))} IN ROLE ${ident(group)}`,
  );
  await admin.query(`COMMENT ON ROLE ${ident(person.login)} IS ${literal(person.name)}`);
  await admin.query(`GRANT CONNECT ON DATABASE ${ident(db)} TO ${ident(person.login)}`);
}

/** Moves a person to another group role. */
export async function changeRole(admin: pg.ClientBase, login: string, role: Role): Promise<void> {
  for (const group of Object.values(GROUP_ROLES))
    await admin.query(`REVOKE ${ident(group)} FROM ${ident(login)}`);
  await admin.query(`GRANT ${ident(GROUP_ROLES[role])} TO ${ident(login)}`);
}
