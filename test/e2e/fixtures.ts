import { test as base, expect, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { SAMPLE_PREFERENCES } from '../helpers/folio';
import { tempDir } from '../helpers/tmp';

export interface App {
  bridge: BridgeProcess;
  dataDir: string;
  /** Opens the app with this run's token, as a user pasting the printed URL would. */
  open(page: Page, route?: string): Promise<void>;
  /** Stops the bridge process and starts a new one on the same data folder. */
  restart(): Promise<void>;
  /** Calls the API directly, for seeding data a test is not about. */
  call(method: string, input?: unknown): Promise<any>;
}

export const test = base.extend<{ app: App }>({
  app: async ({}, use) => {
    const tmp = tempDir('folio-e2e-');
    let bridge = await startBridgeProcess(tmp.dir);
    const app: App = {
      get bridge() {
        return bridge;
      },
      dataDir: tmp.dir,
      async open(page, route = '') {
        await page.goto(bridge.url + (route ? `#${route}` : ''));
      },
      async restart() {
        await bridge.stop();
        bridge = await startBridgeProcess(tmp.dir);
      },
      async call(method, input = {}) {
        const r = await bridge.call(method, input);
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
        return r.value;
      },
    };
    await use(app);
    await bridge.stop();
    tmp.cleanup();
  },
});

export { expect };

export const PROFILE = {
  name: 'Acme Studio Ltd',
  address: {
    line1: '1 Market Street',
    line2: '',
    city: 'Dublin',
    region: '',
    postalCode: 'D02 XY45',
    country: 'Ireland',
  },
  email: 'hello@acme.example',
  phone: '',
  website: '',
  taxNumber: 'IE1234567T',
};

/** Completes setup through the API so a test can start on a configured business. */
export async function seedSetup(app: App, preferences: Record<string, unknown> = {}): Promise<void> {
  await app.call('settings.completeSetup', {
    profile: PROFILE,
    preferences: { ...SAMPLE_PREFERENCES, ...preferences },
  });
}

/**
 * Types an SMTP account into Settings → Email (already open) as a user would: server 127.0.0.1
 * on `port`, no security, user "billing", the password into the field labelled `passwordField`
 * ("Password", or "Password on this computer" on shared books), sender billing@acme.example.
 * Does not save.
 */
export async function typeEmailAccount(
  page: Page,
  account: { port: number; password: string; passwordField: string },
): Promise<void> {
  await page.getByRole('textbox', { name: 'SMTP server', exact: true }).fill('127.0.0.1');
  await page.getByRole('textbox', { name: 'Port', exact: true }).fill(String(account.port));
  await page
    .getByRole('combobox', { name: 'Security' })
    .or(page.getByRole('textbox', { name: 'Security' }))
    .first()
    .click();
  await page.getByRole('option', { name: /^None/ }).click();
  await page.getByRole('textbox', { name: 'User name', exact: true }).fill('billing');
  await page.getByRole('textbox', { name: account.passwordField }).fill(account.password);
  await page.getByRole('textbox', { name: 'Sender email', exact: true }).fill('billing@acme.example');
}

/**
 * Words cut off or spilling out: a field's value or a text element (no element inside) whose
 * content is wider than its box, like a label ending in "…".
 */
export const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter(
        (el) =>
          el.offsetParent !== null &&
          (el instanceof HTMLInputElement ||
            el.children.length === 0 ||
            getComputedStyle(el).textOverflow === 'ellipsis') &&
          el.clientWidth > 0 &&
          el.scrollWidth > el.clientWidth + 1,
      )
      .map((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')).trim()),
  );

/**
 * At 1280×800 and 1024×700: waits until nothing is cut off, then saves a full-page screenshot
 * as test-results/<name>-<width>x<height>.png; leaves the page at 1366×860.
 */
export async function shootAtTwoSizes(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect.poll(() => overflowing(page), { message: `cut off at ${width}×${height}` }).toEqual([]);
    await page.screenshot({ path: `test-results/${name}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 860 });
}
