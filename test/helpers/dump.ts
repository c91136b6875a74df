import type { Sqlite } from '../../src/main/db/open';

/** Every row of every table, in rowid order: two dumps are equal when the data is. */
export function dumpTables(db: Sqlite): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}"`).all();
  return out;
}
