import type { Sqlite } from '../../src/main/db/open';
import type { Store } from '../../src/main/db/store';

/** Every row of every table, in rowid order: two dumps are equal when the data is. */
export function dumpTables(db: Sqlite): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}"`).all();
  return out;
}

/**
 * Every row of every table of a book on either engine (SQLite in rowid order; PostgreSQL, which
 * has no rowid, in the order of each row's text): two dumps are equal when the data is.
 */
export async function dumpStoreTables(store: Store): Promise<Record<string, unknown[]>> {
  const tables = (await store
    .prepare(
      store.engine === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    .all()) as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables)
    out[name] = await store
      .prepare(
        store.engine === 'sqlite'
          ? `SELECT * FROM "${name}"`
          : `SELECT * FROM "${name}" AS r ORDER BY CAST(r AS text)`,
      )
      .all();
  return out;
}
