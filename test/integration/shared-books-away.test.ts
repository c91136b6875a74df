/**
 * The server with the shared books goes away in the middle of the work (issue 14 §5): a real
 * browser-mode Folio process (out/main/web.js) issues invoices and records payments on its own
 * throwaway PostgreSQL cluster — never the run's shared one — while the cluster is stopped
 * with `pg_ctl stop -m immediate`. Afterwards nothing is there half-way (every payment's
 * money is all allocated or unapplied, every invoice's paid amount is the sum of its
 * allocations, numbers have no gap, each payment has its audit line), everything the app said
 * was saved is there, the Folio process never died, said DB_UNAVAILABLE in words, found the
 * server again by itself (its own probe) once it was started again, and saves again — without
 * a restart of Folio. A Folio started while the server is away opens the books by itself once
 * the server answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg } from '../../src/main/db/migrations/pg/migrate';
import { addPerson, setUpRoles } from '../../src/main/db/pg/roles';
import {
  startBridgeProcess,
  startOnSharedBooks,
  WEB_ENTRY,
  type BridgeProcess,
} from '../helpers/bridge-process';
import { setupInput, TEST_ENGINE } from '../helpers/folio';
import { connectTo, postgresBin, startCluster, type Cluster } from '../helpers/pg-cluster';
import { oneLineInvoice, plainCustomer } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';

const WRITERS = 4;

async function call(bridge: BridgeProcess, method: string, input: unknown = {}): Promise<any> {
  const r = await bridge.call(method, input);
  if (!r.ok)
    throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), { api: r.error });
  return r.value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!postgresBin() || TEST_ENGINE !== 'sqlite' || !fs.existsSync(WEB_ENTRY))(
  'the shared books server goes away mid-write',
  () => {
    let cluster: Cluster;
    let folio: BridgeProcess;
    const dir = tempDir();
    const owner = { login: 'ann_owner', password: 'ann-secret-123' };
    let customerId: number;

    const admin = async () => await connectTo(cluster, 'books');

    beforeAll(async () => {
      // Durable: a commit acknowledged before the crash must survive it (pg-cluster.ts).
      cluster = await startCluster({ durable: true });
      const root = await connectTo(cluster, 'postgres');
      await root.query('CREATE DATABASE books');
      await root.end();
      const c = await admin();
      try {
        await migratePg(c as never);
        await setUpRoles(c);
        await addPerson(c, { name: 'Ann Owner', ...owner, role: 'owner' });
      } finally {
        await c.end();
      }
      folio = await startOnSharedBooks(dir.dir, {
        host: cluster.host,
        port: cluster.port,
        database: 'books',
        user: owner.login,
        password: owner.password,
      });
      expect((await call(folio, 'sharedBooks.status')).open).toBe(true);
      await call(folio, 'settings.completeSetup', setupInput({ name: 'Acme Studio Ltd' }));
      customerId = (await call(folio, 'customers.create', plainCustomer('Harbour Lights Ltd'))).customer.id;
    }, 180_000);

    afterAll(async () => {
      await folio?.stop();
      try {
        cluster?.stop();
      } catch {
        // already stopped by a failed test: the folder is removed anyway
      }
      dir.cleanup();
    });

    it('leaves nothing half-way, keeps Folio alive, and finds the server again by itself', async () => {
      const issued: number[] = [];
      const paid: number[] = [];
      const failures: { code: string; message: string }[] = [];
      let stop = false;
      let n = 0;
      const writer = async () => {
        while (!stop) {
          n++;
          try {
            const draft = await call(
              folio,
              'documents.create',
              oneLineInvoice(customerId, { description: `Work ${n}`, unitPrice: 1000 + n }),
            );
            const invoice = await call(folio, 'documents.issue', { id: draft.id });
            issued.push(invoice.id);
            const payment = await call(folio, 'payments.record', {
              customerId,
              date: '2026-11-30',
              amount: invoice.total + 7, // 7 cents more than owed: becomes customer credit
              currency: 'EUR',
              method: 'bank_transfer',
              allocations: [{ invoiceId: invoice.id, amount: invoice.total }],
            });
            paid.push(payment.id);
          } catch (error) {
            const api = (error as { api?: { code: string; message: string } }).api;
            if (!api) throw error;
            failures.push(api);
            await sleep(50);
          }
        }
      };
      const writing = Array.from({ length: WRITERS }, () => writer());
      // Work is under way, then the server stops at once, in the middle of it.
      while (paid.length < 10) await sleep(20);
      await cluster.crash();
      await sleep(1500);
      stop = true;
      await Promise.all(writing);

      // Folio said so in words, and is still alive and answering.
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((f) => f.code === 'DB_UNAVAILABLE')).toBe(true);
      expect(failures[0]!.message).toMatch(/connection to the shared books was lost|cannot reach/);
      expect(folio.child.exitCode).toBeNull();
      expect((await call(folio, 'system.health')).status).toBe('ok');
      expect(await call(folio, 'sharedBooks.ping')).toMatchObject({ mode: 'shared', reachable: false });

      await cluster.restart();
      // Folio's own probe (1 s doubling to 30 s, only while away) notices the server is back,
      // before anyone asks: its log says so.
      const logFile = () => {
        const logs = path.join(dir.dir, 'logs');
        return fs
          .readdirSync(logs)
          .map((f) => fs.readFileSync(path.join(logs, f), 'utf8'))
          .join('\n');
      };
      const deadline = Date.now() + 45_000;
      while (!logFile().includes('shared books server answers again') && Date.now() < deadline)
        await sleep(250);
      expect(logFile()).toContain('shared books server cannot be reached');
      expect(logFile()).toContain('shared books server answers again');
      expect(await call(folio, 'sharedBooks.ping')).toMatchObject({ reachable: true, awaySince: null });
      expect(folio.child.exitCode).toBeNull();

      // All or nothing: read on the server itself.
      const c = await admin();
      try {
        const q = async (sql: string) => (await c.query(sql)).rows;
        // Every payment's money is allocated or left as credit, to the cent.
        expect(
          await q(`SELECT p.id FROM payments p
                   LEFT JOIN allocations a ON a.payment_id = p.id AND a.undone_at IS NULL
                   GROUP BY p.id, p.amount, p.unapplied
                   HAVING p.amount <> coalesce(sum(a.amount), 0) + p.unapplied`),
        ).toEqual([]);
        // Every invoice's paid amount and balance follow from its allocations.
        expect(
          await q(`SELECT d.id FROM documents d
                   LEFT JOIN allocations a ON a.invoice_id = d.id AND a.undone_at IS NULL
                   WHERE d.type = 'invoice'
                   GROUP BY d.id, d.paid, d.total, d.credited, d.balance, d.status
                   HAVING d.paid <> coalesce(sum(a.amount), 0)
                       OR (d.status <> 'draft' AND d.balance <> d.total - d.paid - d.credited)`),
        ).toEqual([]);
        // Each payment has its audit line, and only saved payments have one.
        expect(
          await q(`SELECT p.id FROM payments p
                   WHERE (SELECT count(*) FROM audit_log l
                          WHERE l.entity = 'payment' AND l.entity_id = p.id::text AND l.action = 'record') <> 1`),
        ).toEqual([]);
        expect(
          (
            await q(`SELECT count(*)::int AS n FROM audit_log l WHERE l.entity = 'payment' AND l.action = 'record'
                     AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id::text = l.entity_id)`)
          )[0].n,
        ).toBe(0);
        // Issued numbers run without a gap, and the series' counter is the next one.
        const numbers = (await q(
          `SELECT number_counter AS n FROM documents WHERE type = 'invoice' AND number IS NOT NULL ORDER BY 1`,
        )) as { n: string }[];
        expect(numbers.map((r) => Number(r.n))).toEqual(numbers.map((_, i) => i + 1));
        const next = (await q(`SELECT next_number AS n FROM number_series WHERE doc_type = 'invoice'`))[0].n;
        expect(Number(next)).toBe(numbers.length + 1);
        // Everything the app said was saved is there.
        const paymentIds = new Set((await q('SELECT id FROM payments')).map((r) => Number(r.id)));
        for (const id of paid) expect(paymentIds.has(id)).toBe(true);
        const issuedIds = new Set(
          (await q(`SELECT id FROM documents WHERE number IS NOT NULL`)).map((r) => Number(r.id)),
        );
        for (const id of issued) expect(issuedIds.has(id)).toBe(true);
      } finally {
        await c.end();
      }

      // And it saves again, with the same process.
      const draft = await call(
        folio,
        'documents.create',
        oneLineInvoice(customerId, { description: 'After the outage', unitPrice: 5000 }),
      );
      const after = await call(folio, 'documents.issue', { id: draft.id });
      expect(after.status).toBe('issued');
    }, 180_000);

    it('started while the server is away, Folio opens the books by itself once it answers', async () => {
      await folio.stop();
      await cluster.crash();
      folio = await startBridgeProcess(dir.dir);
      const health = await call(folio, 'system.health');
      expect(health.status).toBe('failed');
      expect(health.message).toMatch(/cannot reach the database server/);
      await cluster.restart();
      // The recovery screen asks for the health every 15 s; the host reconnects by itself.
      const deadline = Date.now() + 60_000;
      while ((await call(folio, 'system.health')).status !== 'ok' && Date.now() < deadline) await sleep(250);
      if ((await call(folio, 'system.health')).status !== 'ok') {
        const logs = path.join(dir.dir, 'logs');
        for (const f of fs.readdirSync(logs))
          console.log(fs.readFileSync(path.join(logs, f), 'utf8').slice(-3000));
      }
      expect((await call(folio, 'system.health')).status).toBe('ok');
      expect((await call(folio, 'documents.list', { type: 'invoice' })).total).toBeGreaterThan(10);
      expect(folio.output()).not.toMatch(/Unhandled|uncaught/i);
    }, 180_000);
  },
);
