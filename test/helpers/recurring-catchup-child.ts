/**
 * Child process for the recurring crash test: opening Folio runs the recurring catch-up
 * (a background job runs once at open). The parent kills this process with SIGKILL while
 * that catch-up is generating invoices.
 */
import { openFolio } from '../../src/main/app';
import { silentLogger } from '../../src/main/log';

const [dataDir] = process.argv.slice(2);

void openFolio({ dataDir: dataDir!, mode: 'browser', version: 'crash-test', log: silentLogger }).then(
  async (folio) => {
    process.send!({ opened: true });
    await folio.close();
    process.exit(0);
  },
);
process.send!({ started: true });
