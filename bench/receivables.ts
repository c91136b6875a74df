import { localSqlite, localStore } from '../test/helpers/folio';
/**
 * Receivables at scale (issue 3): generated data at 100k and 1M invoices (about 5 lines
 * each), then list pages, opening an invoice, search, totals and saving, each through the
 * real dispatcher (input and output validated, as the UI calls them).
 *
 * FOLIO_BENCH_SIZES=100000,1000000 (the default) chooses the sizes. The data lives in a temp
 * folder that is deleted afterwards.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openFolio, type Folio } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import type { Input, Method, Output } from '../src/shared/api/contract';
import type { DocumentInput } from '../src/shared/api/documents';
import { fixedClock, setupInput } from '../test/helpers/folio';
import { tempDir } from '../test/helpers/tmp';
import { COMMON_NAME, TODAY, generate, type Catalog } from './receivables-data';
import { median, note, percentile, record, timeAsync } from './report';

const SUITE = 'receivables';
const ADDRESS = {
  line1: '1 Market Street',
  line2: '',
  city: 'Dublin',
  region: '',
  postalCode: '',
  country: 'Ireland',
};

function caller(folio: Folio) {
  return async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const r = await folio.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as Output<M>;
  };
}

const fmt = (n: number) => n.toLocaleString('en');

async function open(dir: string): Promise<Folio> {
  return openFolio({
    dataDir: dir,
    mode: 'browser',
    version: 'bench',
    clock: fixedClock(`${TODAY}T12:00:00.000Z`),
    log: silentLogger,
  });
}

/** Sets the business up through the API and generates n invoices into an empty data folder. */
export async function buildDataset(dir: string, n: number) {
  const folio = await open(dir);
  try {
    const call = caller(folio);
    await call(
      'settings.completeSetup',
      setupInput({
        name: 'Acme Studio Ltd',
        address: ADDRESS,
        email: 'hello@acme.example',
        taxNumber: 'IE1234567T',
      }),
    );
    const vat23 = await call('taxes.create', { name: 'VAT 23%', percent: '23' });
    const vat135 = await call('taxes.create', { name: 'VAT 13.5%', percent: '13.5' });
    const vat9 = await call('taxes.create', { name: 'VAT 9%', percent: '9' });
    const reverse = await call('taxes.create', {
      name: 'Reverse charge',
      percent: '0',
      kind: 'zero_rated',
      reason: 'Reverse charge: VAT to be paid by the recipient',
    });
    const itemSpecs = [
      { name: 'Design work', unit: 'hour', unitPrice: 8500, taxIds: [vat23.id] },
      { name: 'Consulting day', unit: 'day', unitPrice: 72000, taxIds: [vat23.id] },
      { name: 'Printed menus', unit: 'piece', unitPrice: 250, taxIds: [vat9.id] },
      { name: 'Catering', unit: 'piece', unitPrice: 1850, taxIds: [vat135.id] },
      { name: 'Hosting', unit: 'month', unitPrice: 2900, taxIds: [vat23.id] },
      { name: 'Delivery', unit: '', unitPrice: 1500, taxIds: [vat23.id] },
    ];
    const items: Output<'items.create'>[] = [];
    for (const spec of itemSpecs) items.push(await call('items.create', spec));
    const catalog: Catalog = {
      taxes: [vat23, vat135, vat9, reverse].map((t) => ({ ...t, compound: t.compound })),
      items: items.map((i) => ({
        id: i.id,
        name: i.name,
        unit: i.unit,
        unitPrice: i.unitPrice,
        taxIds: i.taxIds,
      })),
    };

    const gen = generate(localStore(folio.ctx), catalog, { invoices: n });
    return { gen, items, taxes: { vat23, vat135, vat9, reverse } };
  } finally {
    await folio.close();
  }
}

async function runAt(n: number): Promise<void> {
  const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
  console.log(
    `\n  — ${label} invoices (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores) —`,
  );
  const tmp = tempDir('folio-bench-receivables-');
  let folio: Folio | undefined;
  try {
    const { gen, items, taxes } = await buildDataset(tmp.dir, n);
    const { vat23, vat135, vat9 } = taxes;
    const rate = (gen.invoices / gen.ms) * 1000;
    note(
      SUITE,
      `${label}: generate ${fmt(gen.invoices)} invoices (+${fmt(gen.quotes)} quotes, ${fmt(gen.lines)} lines)`,
      `${fmt(Math.round(rate))}/s`,
      '≥ 20,000 invoices/s',
      rate >= 20_000,
    );
    note(
      SUITE,
      `${label}: generation per CPU-second (the machine is shared)`,
      `${fmt(Math.round((gen.invoices / gen.cpuMs) * 1000))}/s`,
    );
    note(
      SUITE,
      `${label}: generation time by phase`,
      Object.entries(gen.phases)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', '),
    );

    // Open as the app does at start (integrity check included): what the user waits for.
    const t1 = performance.now();
    folio = await open(tmp.dir);
    note(
      SUITE,
      `${label}: open (quick_check, migrations, jobs)`,
      `${((performance.now() - t1) / 1000).toFixed(2)} s`,
    );
    const call = caller(folio);
    const sqlite = localSqlite(folio.ctx);
    const pages =
      (sqlite.pragma('page_count', { simple: true }) as number) *
      (sqlite.pragma('page_size', { simple: true }) as number);
    note(SUITE, `${label}: data file size`, `${(pages / 2 ** 20).toFixed(0)} MiB`);

    const overdueCount = (await call('documents.list', { type: 'invoice', statuses: ['overdue'], limit: 1 }))
      .total;
    const commonCount = (await call('documents.list', { type: 'invoice', search: COMMON_NAME, limit: 1 }))
      .total;

    // What the triggers kept must agree with the documents themselves.
    const summaryOff = sqlite
      .prepare(
        `SELECT count(*) AS n FROM (
           SELECT type, status, currency, count(*) AS c, sum(total) AS t, sum(balance) AS b FROM documents
           GROUP BY type, status, currency) a
         FULL JOIN (SELECT * FROM document_summary WHERE count <> 0) s USING (type, status, currency)
         WHERE a.c IS NOT s.count OR a.t IS NOT s.total OR a.b IS NOT s.balance`,
      )
      .get() as { n: number };
    const named = sqlite
      .prepare("SELECT count(*) AS n FROM documents WHERE type = 'invoice' AND customer_name LIKE ?")
      .get(`${COMMON_NAME} %`) as { n: number };
    note(
      SUITE,
      `${label}: summary and search index agree with the documents`,
      summaryOff.n === 0 && named.n === commonCount ? 'yes' : 'NO',
      'yes',
      summaryOff.n === 0 && named.n === commonCount,
    );
    const rareCount = (await call('documents.list', { type: 'invoice', search: gen.rareName, limit: 1 }))
      .total;
    const busyCount = (
      await call('documents.list', { type: 'invoice', customerId: gen.busyCustomerId, limit: 1 })
    ).total;
    const rareCustomerCount = (
      await call('documents.list', { type: 'invoice', customerId: gen.rareCustomerId, limit: 1 })
    ).total;

    const med = async (name: string, fn: () => Promise<unknown>, budget?: number, runs = 30) => {
      const times = await timeAsync(fn, runs, 3);
      record(SUITE, `${label}: ${name} (median)`, median(times), budget);
    };

    // List pages: 100 rows, with the row count the list shows.
    await med('invoice list, first page, default sort', () => call('documents.list', { type: 'invoice' }), 5);
    await med(
      `invoice list, status overdue (${fmt(overdueCount)} rows)`,
      () => call('documents.list', { type: 'invoice', statuses: ['overdue'] }),
      5,
    );
    await med(
      `invoice list, busiest customer (${fmt(busyCount)} rows)`,
      () => call('documents.list', { type: 'invoice', customerId: gen.busyCustomerId }),
      5,
    );
    await med(
      `invoice list, a typical customer (${fmt(rareCustomerCount)} rows)`,
      () => call('documents.list', { type: 'invoice', customerId: gen.rareCustomerId }),
      5,
    );
    await med(
      'invoice list, status paid',
      () => call('documents.list', { type: 'invoice', statuses: ['paid'] }),
      5,
    );
    await med(
      'invoice list, sorted by due date',
      () => call('documents.list', { type: 'invoice', sort: 'dueDate' }),
      5,
    );
    await med(
      'invoice list, sorted by customer',
      () => call('documents.list', { type: 'invoice', sort: 'customer', direction: 'asc' }),
      5,
    );
    await med(
      'invoice list, sorted by number',
      () => call('documents.list', { type: 'invoice', sort: 'number' }),
      5,
    );
    await med(
      'invoice list, last quarter (date range)',
      () => call('documents.list', { type: 'invoice', from: '2026-04-01', to: '2026-06-30' }),
      5,
    );
    await med(
      'invoice list, a page in the middle (offset n/2)',
      () => call('documents.list', { type: 'invoice', offset: Math.floor(n / 2) }),
      undefined,
      10,
    );

    await med('customer list, first page (by name)', () => call('customers.list', {}), 5);
    await med(
      'customer list, sorted by balance',
      () => call('customers.list', { sort: 'balance', direction: 'desc' }),
      5,
    );
    await med(
      `customer list, search "${COMMON_NAME}"`,
      () => call('customers.list', { search: COMMON_NAME }),
      5,
    );

    // Opening one invoice.
    let k = 0;
    await med(
      'open one invoice (documents.get)',
      () => call('documents.get', { id: gen.sampleIds[k++ % gen.sampleIds.length]! }),
      2,
      200,
    );

    // Search.
    await med(
      `search, common name "${COMMON_NAME}" (${fmt(commonCount)} rows)`,
      () => call('documents.list', { type: 'invoice', search: COMMON_NAME }),
      75,
      15,
    );
    await med(
      `search, rare name "${gen.rareName}" (${fmt(rareCount)} rows)`,
      () => call('documents.list', { type: 'invoice', search: gen.rareName }),
      5,
    );
    await med(
      `search, invoice number ${gen.sampleNumber}`,
      () => call('documents.list', { type: 'invoice', search: gen.sampleNumber }),
      5,
    );
    await med(
      `search "${COMMON_NAME}", status overdue`,
      () => call('documents.list', { type: 'invoice', search: COMMON_NAME, statuses: ['overdue'] }),
      75,
      15,
    );

    // Totals of the filtered set (no budget in the issue).
    await med('totals, all invoices', () => call('documents.totals', { type: 'invoice' }));
    await med('totals, overdue', () => call('documents.totals', { type: 'invoice', statuses: ['overdue'] }));
    await med('totals, busiest customer', () =>
      call('documents.totals', { type: 'invoice', customerId: gen.busyCustomerId }),
    );
    await med(
      `totals, search "${COMMON_NAME}"`,
      () => call('documents.totals', { type: 'invoice', search: COMMON_NAME }),
      undefined,
      15,
    );

    // Saving: a 5-line draft, then updates of it, at p95.
    const draft = (): DocumentInput => ({
      type: 'invoice',
      customerId: gen.rareCustomerId,
      issueDate: TODAY,
      due: { kind: 'terms', terms: { kind: 'net', days: 30 } },
      currency: 'EUR',
      lines: [
        {
          itemId: items[0]!.id,
          description: 'Logo design',
          quantity: '6',
          unitPrice: 8500,
          taxIds: [vat23.id],
        },
        {
          itemId: items[1]!.id,
          description: 'Workshop',
          quantity: '1.5',
          unitPrice: 72000,
          taxIds: [vat23.id],
        },
        { itemId: items[2]!.id, description: 'Menus', quantity: '200', unitPrice: 250, taxIds: [vat9.id] },
        {
          itemId: null,
          description: 'Lunch',
          quantity: '12',
          unitPrice: 1850,
          taxIds: [vat135.id],
          discount: { kind: 'percent', percent: '10' },
        },
        { itemId: items[5]!.id, description: 'Delivery', quantity: '1', unitPrice: 1500, taxIds: [vat23.id] },
      ],
    });
    // NORMAL is the app's setting (see src/main/db/open.ts); FULL is shown for comparison.
    for (const mode of ['NORMAL', 'FULL'] as const) {
      sqlite.pragma(`synchronous = ${mode}`);
      let last = 0;
      const creates = await timeAsync(
        async () => (last = (await call('documents.create', draft())).id),
        200,
        5,
      );
      let q = 0;
      const updates = await timeAsync(
        () => call('documents.update', { ...draft(), id: last, reference: `PO ${++q}` }),
        200,
        5,
      );
      const budget = mode === 'NORMAL' ? 2 : undefined;
      record(
        SUITE,
        `${label}: save a 5-line draft, synchronous=${mode} (p95)`,
        percentile(creates, 95),
        budget,
      );
      record(
        SUITE,
        `${label}: update that draft, synchronous=${mode} (p95)`,
        percentile(updates, 95),
        budget,
      );
    }
    sqlite.pragma('synchronous = NORMAL');
  } finally {
    await folio?.close();
    tmp.cleanup();
  }
}

export async function runReceivables(): Promise<void> {
  console.log('\nReceivables');
  const sizes = (process.env.FOLIO_BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
  for (const n of sizes) await runAt(n);
}
