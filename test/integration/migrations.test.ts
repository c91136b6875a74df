import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Sqlite } from '../../src/main/db/open';
import { migrate, NewerDatabaseError } from '../../src/main/db/migrate';
import { MIGRATIONS, LATEST_VERSION } from '../../src/main/db/migrations';
import { listBackups } from '../../src/main/db/backups';
import { openTestFolio } from '../helpers/folio';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function tmpDb(): { file: string; dir: string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return { dir: t.dir, file: path.join(t.dir, 'folio.sqlite3') };
}

/** The schema as SQLite reports it, to compare a migrated file with a fresh one. */
function schemaOf(db: Sqlite): string[] {
  return (
    db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as {
      type: string;
      name: string;
      sql: string | null;
    }[]
  ).map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`);
}

describe('migrations', () => {
  it('bring an empty file to the latest version with STRICT tables, WAL and foreign keys', () => {
    const { file } = tmpDb();
    const db = openDatabase(file);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
      )
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(0);
    // FTS shadow tables are SQLite's own; every table Folio declares is STRICT.
    for (const t of tables.filter((t) => !/_(data|idx|content|docsize|config)$/.test(t.name))) {
      expect(t.sql, t.name).toMatch(/\)[^)]*\bSTRICT\b[^)]*$/);
    }
    db.close();
  });

  it.each([0, ...MIGRATIONS.slice(0, -1).map((m) => m.version)])(
    'bring a file at version %i to the same schema as a fresh one',
    (from) => {
      const fresh = openDatabase(tmpDb().file);
      migrate(fresh);
      const old = openDatabase(tmpDb().file);
      migrate(old, { target: from });
      expect(schemaVersion(old)).toBe(from);
      migrate(old);
      expect(schemaVersion(old)).toBe(LATEST_VERSION);
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
      fresh.close();
      old.close();
    },
  );

  it('edit-versions-settings: taxes, categories and accounts saved before it are at version 1, changed when made', () => {
    const step = MIGRATIONS.find((m) => m.name === 'edit-versions-settings')!;
    const db = openDatabase(tmpDb().file);
    migrate(db, { target: step.version - 1 });
    db.prepare(
      "INSERT INTO taxes (name, percent, created_at) VALUES ('VAT 20%', '20', '2025-03-01T09:00:00.000Z')",
    ).run();
    db.prepare(
      `INSERT INTO bank_accounts (name, currency, opening_date, created_at)
       VALUES ('Giro', 'EUR', '2025-01-01', '2025-03-02T09:00:00.000Z')`,
    ).run();
    migrate(db, { target: step.version });
    const columns = 'version, updated_by, updated_at = created_at AS same';
    for (const table of ['taxes', 'bank_accounts', 'expense_categories'])
      expect(db.prepare(`SELECT DISTINCT ${columns} FROM ${table}`).all(), table).toEqual([
        { version: 1, updated_by: '', same: 1 },
      ]);
    expect(() => db.prepare('UPDATE taxes SET version = 0').run()).toThrow(/CHECK/);
    db.close();
  });

  it('roll back completely when one migration fails', () => {
    const { file } = tmpDb();
    const db = openDatabase(file);
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: (d: Sqlite) => {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('refuse a file written by a newer Folio and leave it untouched', async () => {
    const { dir, file } = tmpDb();
    const db = openDatabase(file);
    migrate(db);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(file);

    expect(() => migrate(openDatabase(file))).toThrow(NewerDatabaseError);
    const t = await openTestFolio({ dataDir: dir, keep: true });
    const health = await t.call('system.health', {});
    expect(health.status).toBe('newer');
    expect(health.message).toMatch(/newer version of Folio/);
    const blocked = await t.raw('settings.get', {});
    expect(blocked).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });
    await t.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it.skipIf(LATEST_VERSION < 2)('take a backup before migrating an existing file', async () => {
    const { dir, file } = tmpDb();
    const db = openDatabase(file);
    migrate(db, { target: LATEST_VERSION - 1 });
    db.close();

    const t = await openTestFolio({ dataDir: dir, keep: true });
    expect(await t.call('system.info', {})).toMatchObject({ schemaVersion: LATEST_VERSION });
    await t.close();
    const backup = listBackups(path.join(dir, 'backups')).find((b) => b.kind === 'pre-migration');
    expect(backup).toBeDefined();
    const copy = openDatabase(path.join(dir, 'backups', backup!.name), { readonly: true });
    expect(schemaVersion(copy)).toBe(LATEST_VERSION - 1);
    copy.close();
  });
});
