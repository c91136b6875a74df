import { test as base, expect, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
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
    preferences: {
      baseCurrency: 'EUR',
      locale: 'en-IE',
      defaultPaymentTerms: { kind: 'net', days: 30 },
      fiscalYearStartMonth: 1,
      fiscalYearStartDay: 1,
      ...preferences,
    },
  });
}
