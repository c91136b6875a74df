import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './test/helpers/browser';

/**
 * End-to-end tests drive a Chromium found by test/helpers/browser.ts (CHROMIUM_PATH, a system
 * Chromium or Chrome, else the one inside the @sparticuz/chromium npm package; never a
 * downloaded browser) against browser mode: each test starts the real bridge on its own
 * temporary data folder. globalSetup finds the browser once (unpacking the npm one if needed)
 * and passes its path to the workers in FOLIO_E2E_CHROMIUM.
 */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  // Deadlines only for a condition that never comes (every wait is on a condition): generous,
  // so a loaded machine is slow, not failing.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      executablePath: process.env.FOLIO_E2E_CHROMIUM ?? systemChromium(),
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
  },
});
