/// <reference lib="dom" />
/**
 * Editor: keystroke-to-paint in the document line editor (issue 10), in Chromium against the
 * built browser mode. A draft with 200 lines is opened; characters are typed one at a time into
 * one line's description and quantity, and each is timed from the key's input event to the
 * second animation frame after it (the frame that shows it). Median and p95 against the
 * 50 ms budget, and the ratio to the same typing in a 1-line draft measured in the same run.
 */
import fs from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startBridgeProcess, WEB_ENTRY, type BridgeProcess } from '../test/helpers/bridge-process';
import { EMPTY_ADDRESS, setupInput } from '../test/helpers/folio';
import { tempDir } from '../test/helpers/tmp';
import { median, note, percentile, record } from './report';

const SUITE = 'editor';
const BUDGET_MS = 50;
const CHARS = Number(process.env.FOLIO_BENCH_KEYS ?? 30);

function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/tmp/chromium'])
    if (p && fs.existsSync(p)) return p;
  throw new Error('No Chromium: set CHROMIUM_PATH (see docs in test/e2e).');
}

async function call(bridge: BridgeProcess, method: string, input: unknown) {
  const r = await bridge.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

async function seedDraft(bridge: BridgeProcess, lines: number): Promise<number> {
  const tax = await call(bridge, 'taxes.create', { name: `USt 19 % ${lines}`, percent: '19' });
  const { customer } = await call(bridge, 'customers.create', {
    name: `Kunde ${lines}`,
    emails: [],
    billingAddress: {
      line1: 'Hauptstraße 1',
      line2: '',
      city: 'Köln',
      region: '',
      postalCode: '50667',
      country: 'DE',
    },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const draft = await call(bridge, 'documents.create', {
    type: 'invoice',
    customerId: customer.id,
    issueDate: '2026-11-02',
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: Array.from({ length: lines }, (_, i) => ({
      description: `Beratung, Teil ${i + 1}`,
      quantity: String(1 + (i % 5)),
      unit: 'Std.',
      unitPrice: 9500 + i,
      taxIds: [tax.id],
    })),
  });
  return draft.id;
}

/** Types `text` into the field one key at a time; returns each key's input → paint in ms. */
async function typeTimed(page: Page, label: string, text: string): Promise<number[]> {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await field.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    document.addEventListener(
      'input',
      (e) => {
        const start = e.timeStamp;
        requestAnimationFrame(() => requestAnimationFrame(() => w.__lat.push(performance.now() - start)));
      },
      { capture: true },
    );
  });
  for (let i = 0; i < text.length; i++) {
    await page.keyboard.type(text[i]!);
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length >= n, i + 1);
  }
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
}

async function measure(page: Page, url: string, id: number, lines: number) {
  await page.goto(`${url}#/invoices/${id}/edit`);
  await page.getByRole('textbox', { name: `Line ${lines} description` }).waitFor();
  const line = Math.ceil(lines / 2);
  const desc = await typeTimed(
    page,
    `Line ${line} description`,
    ' und Nacharbeit vor Ort'.padEnd(CHARS, '.').slice(0, CHARS),
  );
  await page.goto(`${url}#/invoices`);
  await page.goto(`${url}#/invoices/${id}/edit`);
  await page.getByRole('textbox', { name: `Line ${lines} description` }).waitFor();
  const qty = await typeTimed(
    page,
    `Line ${line} quantity`,
    '1234567890'.repeat(3).slice(0, Math.min(CHARS, 12)),
  );
  return [...desc, ...qty];
}

export async function runEditor(): Promise<void> {
  console.log(`\n# Editor: keystroke to paint in the line editor (${CHARS} keys per field)`);
  if (!fs.existsSync(WEB_ENTRY)) throw new Error('Build first (npm run bench builds).');
  const tmp = tempDir('folio-bench-editor-');
  const bridge = await startBridgeProcess(tmp.dir);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    await call(
      bridge,
      'settings.completeSetup',
      setupInput(
        {
          name: 'Bench GmbH',
          address: {
            ...EMPTY_ADDRESS,
            line1: 'Weg 1',
            city: 'Köln',
            postalCode: '50667',
            country: 'Deutschland',
          },
        },
        { locale: 'de-DE', defaultPaymentTerms: { kind: 'net', days: 14 } },
      ),
    );
    const small = await seedDraft(bridge, 1);
    const big = await seedDraft(bridge, 200);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const one = await measure(page, bridge.url.split('#')[0]!, small, 1);
    const many = await measure(page, bridge.url.split('#')[0]!, big, 200);
    record(SUITE, 'keystroke to paint, 1-line draft (median)', median(one));
    record(SUITE, 'keystroke to paint, 1-line draft (p95)', percentile(one, 95));
    record(SUITE, 'keystroke to paint, 200-line draft (median)', median(many), BUDGET_MS);
    record(SUITE, 'keystroke to paint, 200-line draft (p95)', percentile(many, 95), BUDGET_MS);
    note(SUITE, '200 lines / 1 line (median)', `${(median(many) / median(one)).toFixed(2)}×`);
  } finally {
    await browser.close();
    await bridge.stop();
    tmp.cleanup();
  }
}

if (require.main === module) void runEditor();
