/**
 * Child process for the recurring crash test: opens the data folder the way the app does
 * (without the start-up jobs, which make drafts when more than one occurrence is due) and
 * runs the catch-up the user chose, "issue them". The parent kills this process with SIGKILL
 * while that catch-up is generating invoices.
 */
import path from 'node:path';
import { DatabaseHost } from '../../src/main/db/host';
import { dataPaths } from '../../src/main/app';
import { silentLogger } from '../../src/main/log';
import { catchUpOne } from '../../src/main/services/receivables/recurring';
import type { ServiceContext } from '../../src/main/services/context';
import { qb } from '../../src/main/db/store';
import { storeOf, systemClock } from '../../src/main/services/context';

const [dataDir] = process.argv.slice(2) as [string];

async function main() {
  const paths = dataPaths(path.resolve(dataDir));
  const host = new DatabaseHost({ file: paths.databaseFile, backupsDir: paths.backupsDir });
  await host.open();
  const ctx: ServiceContext = {
    host,
    clock: systemClock,
    user: 'crash-test',
    paths,
    log: silentLogger,
    app: { version: 'test', mode: 'browser' },
  };
  process.send!({ started: true });
  for (const r of await storeOf(ctx).all(qb.selectFrom('recurring_invoices').select('id').orderBy('id')))
    await catchUpOne(ctx, r.id, 'issue');
  host.close();
  process.exit(0);
}

void main();
