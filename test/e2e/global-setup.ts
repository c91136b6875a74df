import { findChromium } from '../helpers/browser';

/**
 * Runs once before the end-to-end tests: finds (or unpacks) a Chromium and hands its path to
 * the workers, which read the configuration after this has run.
 */
export default async function globalSetup(): Promise<void> {
  process.env.FOLIO_E2E_CHROMIUM = await findChromium();
}
