/**
 * Issue 13 budgets: importing a 10,000-line statement (≤ 1 s), suggestions for one line
 * (≤ 5 ms) at 1M invoices + 1M bills, and matching a whole 10,000-line statement (≤ 10 s).
 * The book comes from the receivables and payables generators; the statement pays open
 * invoices (their numbers in varied spellings, or their RF reference) and open bills, with
 * noise lines between.
 */
import { performance } from 'node:perf_hooks';
import { openFolio } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { commitImport } from '../src/main/services/bank/statements';
import { createAccount } from '../src/main/services/bank/accounts';
import { suggest } from '../src/main/services/bank/matching';
import { storeOf } from '../src/main/services/context';
import { creditorReference } from '../src/shared/domain/bank/references';
import { fixedClock } from '../test/helpers/folio';
import { camt053, type CamtLine } from '../test/helpers/bank';
import { tempDir } from '../test/helpers/tmp';
import { generateBills } from './payables';
import { buildDataset } from './receivables';
import { rng, TODAY } from './receivables-data';
import { median, note, percentile, record } from './report';

const SUITE = 'bank';
const INVOICES = Number(process.env.BANK_BENCH_INVOICES ?? 1_000_000);
const LINES = 10_000;

export async function runBank(): Promise<void> {
  console.log(
    `\nBank (${INVOICES.toLocaleString('en')} invoices + bills, a ${LINES.toLocaleString('en')}-line statement)`,
  );
  const tmp = tempDir('folio-bench-bank-');
  try {
    let t0 = performance.now();
    await buildDataset(tmp.dir, INVOICES);
    const folio = await openFolio({
      dataDir: tmp.dir,
      mode: 'browser',
      version: 'bench',
      clock: fixedClock(`${TODAY}T12:00:00.000Z`),
      log: silentLogger,
    });
    try {
      const ctx = folio.ctx;
      generateBills(ctx);
      note(SUITE, 'generate the book', `${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const store = storeOf(ctx);
      const random = rng(13);
      const invoices = (await store
        .prepare(
          `SELECT number, balance, currency FROM documents WHERE type = 'invoice' AND status IN ('issued', 'partially_paid') AND currency = 'EUR' AND balance > 0 ORDER BY random() LIMIT ${LINES}`,
        )
        .all()) as { number: string; balance: number }[];
      const bills = (await store
        .prepare(
          `SELECT vendor_invoice_number AS number, balance FROM bills WHERE status IN ('awaiting_payment', 'partially_paid') AND currency = 'EUR' AND vendor_invoice_number <> '' ORDER BY random() LIMIT ${LINES / 5}`,
        )
        .all()) as { number: string; balance: number }[];
      const lines: CamtLine[] = [];
      for (let i = 0; i < LINES; i++) {
        const r = random();
        if (r < 0.7 && invoices[i]) {
          const inv = invoices[i]!;
          const ref =
            i % 3 === 0
              ? creditorReference(inv.number)!
              : i % 3 === 1
                ? inv.number.replace(/-/g, ' ')
                : `Invoice ${inv.number.toLowerCase()}`;
          lines.push({ date: TODAY, amount: inv.balance, name: 'Customer', reference: ref });
        } else if (r < 0.9 && bills[i % bills.length]) {
          const b = bills[i % bills.length]!;
          lines.push({ date: TODAY, amount: -b.balance, name: 'Vendor', reference: `Bill ${b.number}` });
        } else
          lines.push({
            date: TODAY,
            amount: -(100 + Math.floor(random() * 10000)),
            name: 'CARD',
            reference: `Card ${i}`,
          });
      }
      const xml = camt053({ iban: 'DE89370400440532013000', opening: 0, openingDate: TODAY, lines });
      const account = await createAccount(ctx, {
        name: 'Bench',
        iban: 'DE89370400440532013000',
        accountNumber: '',
        bic: '',
        currency: 'EUR',
        openingBalance: 0,
        openingDate: TODAY,
      });
      t0 = performance.now();
      const result = await commitImport(ctx, {
        accountId: account.id,
        fileName: 'bench.xml',
        dataBase64: Buffer.from(xml).toString('base64'),
      });
      record(
        SUITE,
        `import a ${LINES.toLocaleString('en')}-line CAMT.053 (${(xml.length / 1048576).toFixed(1)} MB)`,
        performance.now() - t0,
        1000,
      );
      note(SUITE, 'lines imported', String(result.added));
      const ids = (
        (await store
          .prepare(`SELECT id FROM bank_lines WHERE account_id = ? ORDER BY id`)
          .all(account.id)) as {
          id: number;
        }[]
      ).map((r) => r.id);
      const times: number[] = [];
      for (const id of ids.slice(0, 300)) {
        const s = performance.now();
        await suggest(ctx, { lineId: id });
        times.push(performance.now() - s);
      }
      record(SUITE, 'suggestions for one line (median of 300)', median(times), 5);
      record(SUITE, 'suggestions for one line (p95 of 300)', percentile(times, 95));
      t0 = performance.now();
      let suggested = 0;
      for (const id of ids) if ((await suggest(ctx, { lineId: id })).length > 0) suggested++;
      record(
        SUITE,
        `match the whole ${LINES.toLocaleString('en')}-line statement`,
        performance.now() - t0,
        10_000,
      );
      note(SUITE, 'lines with a suggestion', `${suggested} of ${ids.length}`);
    } finally {
      await folio.close();
    }
  } finally {
    tmp.cleanup();
  }
}
