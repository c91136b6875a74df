import { startOnSharedBooks, type BridgeProcess } from '../helpers/bridge-process';
import { createSharedBooks, sharedSettings } from '../helpers/folio';
import { tempDir } from '../helpers/tmp';
import { postgresBin, startCluster, type Cluster } from '../helpers/pg-cluster';
import { seedSetup, test, type App } from './fixtures';

/**
 * A throwaway PostgreSQL cluster for the tests of this describe block (skipped where PostgreSQL
 * is not installed), made the run's test cluster (FOLIO_TEST_PG) so the shared-books helpers
 * create their books in it; stopped after the block. Call inside test.describe; the function
 * returned gives the cluster once it has started.
 */
export function useOwnCluster(): () => Cluster {
  let cluster: Cluster | undefined;
  test.skip(!postgresBin(), 'PostgreSQL is not installed');
  test.beforeAll(async () => {
    cluster = await startCluster();
    process.env.FOLIO_TEST_PG = JSON.stringify({
      host: cluster.host,
      port: cluster.port,
      user: cluster.user,
    });
  });
  test.afterAll(() => cluster?.stop());
  return () => cluster!;
}

/**
 * New shared books (recorded in `serverDir`), with the app connected to them as their owner
 * through the API, restarted on them and set up: what a test about working on shared books
 * starts from.
 */
export async function openSharedBooksIn(app: App, serverDir: string) {
  const books = await createSharedBooks(serverDir);
  const settings = sharedSettings(books.database, books.owner);
  await app.call('sharedBooks.connect', settings);
  await app.restart();
  await seedSetup(app);
  return { books, settings };
}

/**
 * Two people on one shared book: the app as the owner of new shared books (openSharedBooksIn)
 * and a second Folio, a browser-mode server of its own on the same books (`second.url`), for
 * `body`; the second stopped and both folders removed afterwards, whatever happened.
 */
export async function withSecondPerson(app: App, body: (second: BridgeProcess) => Promise<void>) {
  const server = tempDir('folio-e2e-books-');
  const other = tempDir('folio-e2e-');
  let second: BridgeProcess | null = null;
  try {
    const { settings } = await openSharedBooksIn(app, server.dir);
    second = await startOnSharedBooks(other.dir, settings);
    await body(second);
  } finally {
    await second?.stop();
    other.cleanup();
    server.cleanup();
  }
}
