/**
 * Browser mode: `npm run web` (or `node out/main/web.js --data DIR --port N`).
 * Opens the data folder like the desktop app does, serves the renderer and the API on
 * 127.0.0.1, and prints the URL with this run's token.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openFolio } from './app';
import { DataFolderLockedError } from './data-lock';
import { createLogger, type Logger } from './log';
import { startBridge } from './transports/http-bridge';
import { version } from '../../package.json';

function defaultDataDir(): string {
  if (process.env.FOLIO_DATA) return process.env.FOLIO_DATA;
  const home = os.homedir();
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Folio Browser Mode');
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Folio Browser Mode');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'folio-browser-mode');
}

/** Where the last-resort handlers write: the data folder's log once it is open, stderr before. */
let lastResortLog: Logger = createLogger(null, (line) => console.error(line));

/**
 * No request and no stray promise may end the server: whatever escapes every handler is
 * logged and Folio keeps serving. (Start-up failures still end in main().catch below.)
 */
function keepServing(): void {
  const report = (message: string, error: unknown) => {
    try {
      lastResortLog.error(message, { error });
    } catch {
      try {
        console.error(message, error);
      } catch {
        // Nothing left to report to.
      }
    }
  };
  process.on('uncaughtException', (error) => report('uncaught exception (Folio keeps running)', error));
  process.on('unhandledRejection', (reason) => report('unhandled rejection (Folio keeps running)', reason));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'take-over': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run web -- [--data DIR] [--port N] [--take-over]\n  --data       data folder (default: FOLIO_DATA or ' +
        defaultDataDir() +
        ')\n  --port       port on 127.0.0.1 (default: any free port)' +
        '\n  --take-over  open the data folder even though its lock names another Folio (after a crash)',
    );
    return;
  }
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }

  const folio = await openFolio({ dataDir, mode: 'browser', version, takeOver: values['take-over'] });
  lastResortLog = folio.ctx.log;
  const bridge = await startBridge({
    dispatch: folio.dispatch,
    rendererDir: path.join(__dirname, '../renderer'),
    port,
    log: folio.ctx.log,
  });
  folio.startBackgroundJobs();

  const health = folio.ctx.host.health();
  console.log(`Folio is running in browser mode.`);
  console.log(`  Data folder: ${dataDir}`);
  if (health.status !== 'ok') console.log(`  Attention:   ${health.message}`);
  console.log(`  Open:        ${bridge.url}`);
  console.log(`FOLIO_URL=${bridge.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await folio.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

keepServing();
main().catch((error: unknown) => {
  if (error instanceof DataFolderLockedError) {
    console.error(`${error.message} (Start with --take-over to do so.)`);
    process.exit(3);
  }
  // One plain line for the person at the terminal; the details go to stderr's next lines only
  // when FOLIO_DEBUG is set.
  const code = (error as { code?: string }).code;
  console.error(
    `Folio could not start: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`,
  );
  if (process.env.FOLIO_DEBUG)
    createLogger(null, (line) => console.error(line)).error('start failed', { error });
  process.exit(1);
});
