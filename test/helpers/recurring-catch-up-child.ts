/**
 * Child process for the recurring-bills crash test: opens the data folder the way the app
 * does (without the start-up jobs, so the catch-up runs here under the parent's eye) and runs
 * the catch-up. With "kill-after-first", it kills itself with SIGKILL right after the first
 * bill's transaction committed; otherwise it reports each committed bill and the parent kills
 * it at a random moment.
 */
import path from 'node:path';
import { DatabaseHost } from '../../src/main/db/host';
import { dataPaths } from '../../src/main/app';
import { silentLogger } from '../../src/main/log';
import { catchUpRecurringBills } from '../../src/main/services/payables/recurring';
import type { ServiceContext } from '../../src/main/services/context';
import { fixedClock } from './folio';

const [dataDir, now, mode] = process.argv.slice(2) as [string, string, string];

async function main() {
  const paths = dataPaths(path.resolve(dataDir));
  const clock = fixedClock(now);
  const host = new DatabaseHost({
    file: paths.databaseFile,
    backupsDir: paths.backupsDir,
    now: () => clock.now(),
  });
  await host.open();
  const ctx: ServiceContext = {
    host,
    clock,
    user: 'crash-test',
    paths,
    log: silentLogger,
    app: { version: 'test', mode: 'browser' },
  };
  process.send?.({ ready: true });
  await catchUpRecurringBills(ctx, {
    onCommitted: (made) => {
      process.send?.({ committed: made.index });
      if (mode === 'kill-after-first') process.kill(process.pid, 'SIGKILL');
    },
  });
  process.send?.({ done: true });
  host.close();
}

void main();
