/**
 * Move my books to a server: copies a local Folio data folder's book into an empty PostgreSQL
 * database (Folio's schema is created first), exactly, with the scans and e-invoice files its
 * bills refer to, and prints each table's row count and money checksum on both sides (for the
 * files: their count, total size and a hash of their hashes). Nothing is kept on the server
 * unless every table matches.
 *
 *   FOLIO_PG_PASSWORD=… npx tsx scripts/move-books.ts --data <folder> --host <host> \
 *     [--port 5432] --database <name> --user <administrator> [--ca <certificate.pem>]
 *
 * The password is read from FOLIO_PG_PASSWORD, never from the command line (which other users
 * of the machine can see). TLS is required unless the server is on this computer.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/main/db/open';
import { migratePg } from '../src/main/db/migrations/pg/migrate';
import { tlsFor } from '../src/main/db/pg/connect';
import { moveBooksToServer } from '../src/main/db/pg/move';
import { setUpRoles } from '../src/main/db/pg/roles';

function args(): Record<string, string> {
  const out: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!;
    if (!key.startsWith('--') || argv[i + 1] === undefined) throw new Error(`Unexpected argument: ${key}`);
    out[key.slice(2)] = argv[i + 1]!;
  }
  return out;
}

async function main(): Promise<number> {
  const a = args();
  for (const need of ['data', 'host', 'database', 'user'])
    if (!a[need]) {
      console.error(`Missing --${need}. See the top of scripts/move-books.ts for the usage.`);
      return 2;
    }
  const file = path.join(path.resolve(a.data!), 'folio.sqlite3');
  if (!fs.existsSync(file)) {
    console.error(`No Folio book in ${a.data} (no folio.sqlite3). Close Folio and give its data folder.`);
    return 2;
  }
  const settings = {
    host: a.host!,
    port: Number(a.port ?? 5432),
    database: a.database!,
    user: a.user!,
    password: process.env.FOLIO_PG_PASSWORD ?? '',
    ca: a.ca ? fs.readFileSync(a.ca, 'utf8') : undefined,
  };
  const client = new pg.Client({ ...settings, ssl: tlsFor(settings) });
  await client.connect();
  const sqlite = openDatabase(file, { readonly: true });
  try {
    // Folio's schema, the rows and the roles' rights in one transaction: a failure keeps nothing.
    const report = await moveBooksToServer(sqlite, client, {
      attachmentsDir: path.join(path.resolve(a.data!), 'attachments'),
      prepare: async (c) => void (await migratePg(c as never, { inTransaction: true })),
      finish: async (c) => await setUpRoles(c),
      onTable: (table, rows) => process.stdout.write(`  copied ${table} (${rows})\n`),
    });
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      `\n${pad('table', 30)} ${pad('rows here', 10)} ${pad('rows there', 10)} money here = money there`,
    );
    for (const t of report.tables)
      console.log(
        `${pad(t.table, 30)} ${pad(String(t.rowsLocal), 10)} ${pad(String(t.rowsServer), 10)} ` +
          (t.digestLocal !== undefined
            ? // The stored files: their total size and a hash of their hashes, instead of money.
              `${t.bytesLocal} bytes = ${t.bytesServer} bytes, files ${t.digestLocal.slice(0, 16)} = ${t.digestServer?.slice(0, 16)}`
            : `${t.moneyLocal} = ${t.moneyServer}`) +
          ` ${t.ok ? 'ok' : 'DIFFERENT'}`,
      );
    console.log(
      `\nMoved ${report.rows.toLocaleString('en')} rows in ${(report.ms / 1000).toFixed(1)} s: every table matches.`,
    );
    return 0;
  } catch (error) {
    console.error(`Nothing was kept on the server: ${(error as Error).message}`);
    return 1;
  } finally {
    sqlite.close();
    await client.end();
  }
}

void main().then((code) => process.exit(code));
