/**
 * Settings → Shared books, through the API: a data folder is connected to books on the test
 * PostgreSQL server (checked first, then saved with the password sealed), opens them at its
 * next start, and goes back to its own file when disconnected.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBooksFile } from '../../src/main/services/shared-books/settings';
import {
  createSharedBooks,
  openTestFolio,
  sharedSettings,
  TEST_ENGINE,
  type TestFolio,
} from '../helpers/folio';
import { testCluster } from '../helpers/pg';
import { EMPTY_ADDRESS } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';

describe.skipIf(!testCluster() || TEST_ENGINE !== 'sqlite')(
  'connecting a data folder to shared books',
  () => {
    const serverSide = tempDir();
    const folder = tempDir();
    let books: Awaited<ReturnType<typeof createSharedBooks>>;
    let t: TestFolio | null = null;

    beforeAll(async () => {
      books = await createSharedBooks(serverSide.dir);
    });
    afterAll(async () => {
      await t?.close();
      folder.cleanup();
      serverSide.cleanup();
    });

    it('refuses a wrong password with the reason, and saves nothing', async () => {
      t = await openTestFolio({ dataDir: folder.dir, keep: true });
      const settings = sharedSettings(books.database, books.owner);
      const r = await t.raw('sharedBooks.connect', { ...settings, password: 'not the password' });
      expect(r.ok ? '' : r.error.message).toMatch(/did not accept the password/);
      expect(fs.existsSync(sharedBooksFile(folder.dir))).toBe(false);
      expect(await t.call('sharedBooks.status', {})).toMatchObject({
        mode: 'local',
        connection: null,
        open: true,
      });
    });

    it('saves a working connection without the password in clear, and opens the shared books at the next start', async () => {
      const settings = sharedSettings(books.database, books.owner);
      const status = await t!.call('sharedBooks.connect', settings);
      expect(status).toMatchObject({ mode: 'shared', open: false, connection: { database: books.database } });
      const saved = fs.readFileSync(sharedBooksFile(folder.dir), 'utf8');
      expect(saved).not.toContain(settings.password);
      expect(fs.statSync(sharedBooksFile(folder.dir)).mode & 0o077).toBe(0);
      await t!.call('customers.create', {
        name: 'Only In The Local Book',
        emails: [],
        billingAddress: EMPTY_ADDRESS,
        shippingAddress: EMPTY_ADDRESS,
        currency: 'EUR',
        paymentTerms: { kind: 'net', days: 14 },
      } as never);
      await t!.close();

      t = await openTestFolio({ dataDir: folder.dir, keep: true });
      expect(t.folio.ctx.host.engine).toBe('postgres');
      expect(await t.call('sharedBooks.status', {})).toMatchObject({ mode: 'shared', open: true });
      expect(t.folio.ctx.user).toBe(books.owner.login);
      const names = (await t.call('customers.list', {} as never)).rows.map((c: { name: string }) => c.name);
      expect(names).not.toContain('Only In The Local Book');
    });

    it('disconnecting opens the data folder’s own book again at the next start', async () => {
      await t!.call('sharedBooks.disconnect', {});
      await t!.close();
      t = await openTestFolio({ dataDir: folder.dir, keep: true });
      expect(t.folio.ctx.host.engine).toBe('sqlite');
      const names = (await t.call('customers.list', {} as never)).rows.map((c: { name: string }) => c.name);
      expect(names).toContain('Only In The Local Book');
    });
  },
);
