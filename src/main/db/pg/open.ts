import { migratePg, pgSchemaVersion } from '../migrations/pg/migrate';
import { LATEST_VERSION } from '../migrations';
import { connectShared, type SharedBooksSettings } from './connect';
import type { SharedConnection } from './host';
import type { PgStoreOptions } from './store';

/**
 * Opens shared books: connects (connect.ts explains each way that fails), brings the schema
 * up to date when this Folio is newer and the person may change it (the owner who set the
 * books up; anyone else gets the reason), and gives the host its connection.
 */
export async function openSharedBooks(
  settings: SharedBooksSettings,
  options: PgStoreOptions = {},
): Promise<SharedConnection> {
  const store = await connectShared(settings, options);
  const withClient = async <T>(fn: (client: import('pg').PoolClient) => Promise<T>): Promise<T> => {
    const client = await store.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
  try {
    if ((await withClient(pgSchemaVersion)) !== LATEST_VERSION)
      await withClient(async (c) => await migratePg(c));
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    schemaVersion: async () => await withClient(pgSchemaVersion),
    /**
     * A session advisory lock on its own connection, held while fn runs: another machine's
     * job of the same name skips its turn instead of waiting.
     */
    async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
      return await withClient(async (client) => {
        const got = (
          await client.query<{ ok: unknown }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [name])
        ).rows[0]?.ok;
        if (!got) return null;
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
        }
      });
    },
    ping: async (timeoutMs) => await store.ping(timeoutMs),
    close: async () => await store.close(),
  };
}
