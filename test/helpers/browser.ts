import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Where the end-to-end tests (and any script that takes screenshots) get a Chromium, without
 * ever downloading one: `CHROMIUM_PATH` if set, else a system Chromium or Chrome, else the
 * Chromium inside the `@sparticuz/chromium` npm package (a headless shell for Linux x64 that
 * it unpacks to `<tmp>/chromium` on first use, about 10 s).
 */

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Flags for every launch. Playwright adds `--no-sandbox` itself (its default `chromiumSandbox:
 * false`); the package's Chromium needs nothing more (tried with playwright-core: several
 * contexts, screenshots, Greek and the euro sign). Without the networking flags Chromium keeps
 * trying hosts it cannot reach.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** `CHROMIUM_PATH` or a system browser, found without starting anything; undefined if none. */
export function systemChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  return SYSTEM_BROWSERS.find(isExecutable);
}

/** A Chromium to launch: the system's (see systemChromium) or the one from npm, unpacked. */
export async function findChromium(): Promise<string> {
  const system = systemChromium();
  if (system) return system;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      'No Chromium or Chrome found: install one, or set CHROMIUM_PATH to its executable ' +
        '(the Chromium from npm runs on Linux x64 only).',
    );
  // Its CommonJS build, resolved from the project (works the same under Playwright, tsx, vitest).
  const require = createRequire(__filename);
  const chromium = require('@sparticuz/chromium') as { executablePath(): Promise<string> };
  const file = await chromium.executablePath();
  if (!isExecutable(file)) throw new Error(`@sparticuz/chromium gave ${file}, which is not executable`);
  return file;
}
